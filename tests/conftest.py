"""Shared fixtures: a fresh journal in tmp_path, and a runner that keeps
stdout and stderr apart (click >= 8.2)."""

import os
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from lobbyctl.cli.main import cli

LOBBYCTL = shutil.which("lobbyctl", path=os.path.dirname(sys.executable)) or "lobbyctl"


class Run:
    """``run("greet", "--route", "counter")`` against the test's journal."""

    def __init__(self, root, env=None):
        self.root = root
        # the real clock unless a test fixes "now" (an empty LOBBYCTL_NOW is unset)
        self.env = {"LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": "", "LOBBYCTL_NOW": "", **(env or {})}

    def __call__(self, *args, input=None, journal=True, env=None):
        runner = CliRunner()
        argv = (["-J", str(self.root)] if journal else []) + [str(arg) for arg in args]
        result = runner.invoke(cli, argv, input=input, env={**self.env, **(env or {})},
                               catch_exceptions=True)
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result


@pytest.fixture(autouse=True, scope="session")
def private_cache_home(tmp_path_factory):
    """The machine key that signs day caches (``~/.cache/lobbyctl/key``) is
    made in a folder of the test session's own, never the user's."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    folder.chmod(0o700)
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture
def run(tmp_path):
    return Run(tmp_path / "journal")


@pytest.fixture
def english_journal(run):
    """An initialised English journal (``--lang en``): for a module pinning
    ``check``'s and the readers' English lines (``journal = english_journal``)."""
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--lang", "en",
                 "--manager", "王芳", "--manager", "李强")
    assert result.exit_code == 0, result.stderr
    return run.root


@pytest.fixture
def journal(run):
    """An initialised journal; ``run`` records into it."""
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行",
                 "--manager", "王芳", "--manager", "李强")
    assert result.exit_code == 0, result.stderr
    return run.root


def day_file(root, day):
    year, month, _ = day.split("-")
    return root / year / month / f"{day}.yaml"


def subprocess_run(args, **kwargs):
    """The installed console script in a real process."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", 60)
    return subprocess.run([LOBBYCTL, *map(str, args)], **kwargs)
