"""Where the journal is: -J, else $LOBBYCTL_JOURNAL, else `journal:` in
$XDG_CONFIG_HOME/lobbyctl/config.yaml, else ./journal — through real processes,
so the environment is exactly what a shell would pass."""

import os

import pytest

from conftest import subprocess_run


@pytest.fixture
def place(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "LOBBYCTL_BY": "王芳"}
    for name in ("by-option", "by-env", "by-config", "work/journal"):
        result = subprocess_run(["-J", tmp_path / name, "init", "--manager", "王芳"], env=env)
        assert result.returncode == 0, result.stderr
    return tmp_path, env


def where_greet_went(tmp_path, env, *args):
    result = subprocess_run([*args, "greet", "--at", "2026-11-20T10:00"], env=env,
                            cwd=tmp_path / "work")
    assert result.returncode == 0, result.stderr
    found = [name for name in ("by-option", "by-env", "by-config", "work/journal")
             if (tmp_path / name / "2026" / "11" / "2026-11-20.yaml").exists()]
    assert len(found) == 1
    return found[0]


def write_user_config(tmp_path, env, text):
    folder = tmp_path / "xdg" / "lobbyctl"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(text, encoding="utf-8")
    return {**env, "XDG_CONFIG_HOME": str(tmp_path / "xdg")}


def test_without_anything_the_journal_is_dot_journal(place):
    tmp_path, env = place
    assert where_greet_went(tmp_path, env) == "work/journal"


def test_user_config_beats_dot_journal(place):
    tmp_path, env = place
    env = write_user_config(tmp_path, env, f'journal: "{tmp_path / "by-config"}"  # mine\n')
    assert where_greet_went(tmp_path, env) == "by-config"


def test_a_user_config_in_full_yaml_is_read_too(place):
    tmp_path, env = place
    env = write_user_config(tmp_path, env, f"# settings\nother: [1, 2]\njournal: >-\n  {tmp_path / 'by-config'}\n")
    assert where_greet_went(tmp_path, env) == "by-config"


def test_environment_beats_user_config(place):
    tmp_path, env = place
    env = write_user_config(tmp_path, env, f"journal: {tmp_path / 'by-config'}\n")
    env["LOBBYCTL_JOURNAL"] = str(tmp_path / "by-env")
    assert where_greet_went(tmp_path, env) == "by-env"


def test_option_beats_everything(place):
    tmp_path, env = place
    env = write_user_config(tmp_path, env, f"journal: {tmp_path / 'by-config'}\n")
    env["LOBBYCTL_JOURNAL"] = str(tmp_path / "by-env")
    assert where_greet_went(tmp_path, env, "-J", tmp_path / "by-option") == "by-option"


def test_help_states_the_order(run):
    result = run("--help", journal=False)
    text = " ".join(result.stdout.split())
    assert "-J/--journal, $LOBBYCTL_JOURNAL, 'journal:' in $XDG_CONFIG_HOME/lobbyctl/config.yaml" in text
    assert "then ./journal" in text


def test_init_refuses_a_control_character_in_a_name_and_writes_nothing(run):
    result = run("init", "--manager", "王\x85芳")
    assert result.exit_code == 2
    assert "control character" in result.stderr
    assert not run.root.exists()


def test_init_refuses_an_unknown_timezone(run):
    for zone in ("Mars/Olympus", "America", "x" * 300):
        result = run("init", "--timezone", zone)
        assert result.exit_code == 2, zone
        assert "unknown timezone" in result.stderr
