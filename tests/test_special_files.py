"""FIFOs, sockets and folders where a journal expects a day file or a folder
(hardening item 4): every reader and recorder answers at once with the path
(exit 1), ``check`` lists it, ``--skip-bad`` skips it; nothing ever blocks.

Each command runs in a real process under a timeout, so a hang fails the test
instead of hanging the suite."""

import os
import socket

import pytest

from conftest import day_file, subprocess_run


@pytest.fixture
def journal(english_journal):
    """The lines pinned here are English (tests/test_check_language.py shows
    a Chinese journal's)."""
    return english_journal

DAY = "2026-11-20"
READERS = [["show", DAY], ["report", "day", DAY], ["report", "month", "2026-11"],
           ["report", "table", "--from", "2026-11-01", "--to", "2026-11-30"],
           ["export"], ["due", "--on", "2026-11-30"]]


def _fifo(path):
    os.mkfifo(path)


def _socket(path):
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()  # the socket file stays


def _folder(path):
    os.mkdir(path)


MAKERS = {"fifo": (_fifo, "FIFO"), "socket": (_socket, "socket"), "folder": (_folder, "folder")}


def _lobbyctl(journal, *args):
    env = {**os.environ, "LOBBYCTL_BY": "王芳", "LOBBYCTL_JOURNAL": ""}
    return subprocess_run(["-J", journal, *args], env=env, timeout=20)


def _with_good_day(journal):
    result = _lobbyctl(journal, "greet", "--at", "2026-11-19T10:00")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("kind", MAKERS)
def test_a_special_file_at_a_day_path_is_a_problem_for_every_command(journal, kind):
    good = _with_good_day(journal)
    path = day_file(journal, DAY)
    make, word = MAKERS[kind]
    make(path)
    for argv in READERS:
        result = _lobbyctl(journal, *argv)
        assert result.returncode == 1, (argv, result.stderr)
        assert f"{path}:1:" in result.stderr and word in result.stderr, (argv, result.stderr)
        assert "Traceback" not in result.stderr
    checked = _lobbyctl(journal, "check")
    assert checked.returncode == 1
    assert f"2026/11/{DAY}.yaml:1:" in checked.stdout + checked.stderr
    exported = _lobbyctl(journal, "export", "--skip-bad")
    assert exported.returncode == 0 and good in exported.stdout
    assert str(path) in exported.stderr

    recorded = _lobbyctl(journal, "greet", "--at", f"{DAY}T10:00")
    assert recorded.returncode == 1 and recorded.stdout == ""
    assert str(path) in recorded.stderr and word in recorded.stderr
    assert "Traceback" not in recorded.stderr


@pytest.mark.parametrize("where, which", [("2025", "year"), ("2026/10", "month")])
@pytest.mark.parametrize("kind", ["fifo", "socket"])
def test_a_special_file_where_a_folder_belongs(journal, where, which, kind):
    good = _with_good_day(journal)
    path = journal / where
    path.parent.mkdir(parents=True, exist_ok=True)
    MAKERS[kind][0](path)
    checked = _lobbyctl(journal, "check")
    assert checked.returncode == 1
    assert f"{where}:1:" in checked.stdout and f"{which} folder" in checked.stdout
    year = where[:4]
    month = f"{year}-10"
    for argv in (["report", "month", month], ["export"]):
        result = _lobbyctl(journal, *argv)
        assert result.returncode == 1, (argv, result.stderr)
        assert f"{path}:1:" in result.stderr and "Traceback" not in result.stderr
    skipped = _lobbyctl(journal, "export", "--skip-bad")
    assert skipped.returncode == 0 and good in skipped.stdout and str(path) in skipped.stderr
    for argv in (["show", f"{month}-05"], ["greet", "--at", f"{month}-05T10:00"]):
        result = _lobbyctl(journal, *argv)
        assert result.returncode == 1, (argv, result.stderr)
        assert str(path) in result.stderr and "Traceback" not in result.stderr


def test_a_folder_named_like_a_day_file_is_listed_by_check(journal):
    _with_good_day(journal)
    os.mkdir(day_file(journal, DAY))
    checked = _lobbyctl(journal, "check")
    assert checked.returncode == 1
    assert f"2026/11/{DAY}.yaml:1: a folder" in checked.stdout


def test_a_fifo_swapped_in_while_others_record_never_hangs(journal):
    """A FIFO put at a day's path between two recordings: the next one
    fails at once, and recording goes on once it is gone."""
    _lobbyctl(journal, "greet", "--at", f"{DAY}T09:00")
    path = day_file(journal, DAY)
    saved = path.read_bytes()
    path.rename(path.with_suffix(".bak"))
    os.mkfifo(path)
    result = _lobbyctl(journal, "greet", "--at", f"{DAY}T10:00")
    assert result.returncode == 1 and "FIFO" in result.stderr
    path.unlink()
    path.with_suffix(".bak").rename(path)
    again = _lobbyctl(journal, "greet", "--at", f"{DAY}T11:00")
    assert again.returncode == 0, again.stderr
    assert path.read_bytes().startswith(saved)
