"""Branch journals for the region's tests: a journal made by `init` under
``tmp_path/branches/CODE``, a recording that must succeed, and a command run
against a region folder."""

from conftest import Run

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}


def branch(tmp_path, code, lang="en"):
    run = Run(tmp_path / "branches" / code, env=NOW)
    result = run("init", "--branch-code", code, "--branch-name", f"支行{code}", "--manager",
                 "王芳", "--lang", lang)
    assert result.exit_code == 0, result.stderr
    return run


def record(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def region_run(root, *args):
    return Run(root, env=NOW)("-R", root, *args, journal=False)
