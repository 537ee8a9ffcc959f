"""The ``lobbyctl`` process ends at once after its work (``cli/ending.py``:
no module teardown), and a user sees nothing of it: every byte written,
the same exit codes, ``atexit`` still run, help as wide as click draws it."""

import os
import subprocess
import sys
import zipfile

import click
import pytest
from click.testing import CliRunner

from lobbyctl.cli.main import cli

from conftest import LOBBYCTL

SAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "journal")


def lobbyctl(*args, env=None, **kwargs):
    return subprocess.run([LOBBYCTL, *args], capture_output=True,
                          env={**os.environ, "LOBBYCTL_NOW": "", **(env or {})}, **kwargs)


def test_a_long_output_down_a_pipe_is_whole():
    """Every row of an export reaches the reader, byte for byte what the
    command gives inside one process."""
    args = ["-J", SAMPLE, "export", "--format", "jsonl"]
    done = lobbyctl(*args)
    assert done.returncode == 0, done.stderr.decode()
    inside = CliRunner().invoke(cli, args)
    assert len(done.stdout) > 500_000
    assert done.stdout == inside.stdout_bytes
    assert done.stdout.endswith(b"\n")


def test_a_workbook_written_to_a_file_is_whole(tmp_path):
    out = tmp_path / "month.xlsx"
    done = lobbyctl("-J", SAMPLE, "report", "month", "2026-10", "--format", "xlsx", "-o", str(out))
    assert done.returncode == 0, done.stderr.decode()
    with zipfile.ZipFile(out) as workbook:
        assert workbook.testzip() is None


@pytest.mark.parametrize("args, code", [
    (["--help"], 0),
    (["-J", "{tmp}/nowhere", "show"], 1),  # no journal
    (["-J", SAMPLE, "greet", "--route", "nowhere-at-all"], 2),  # an unknown label
    (["-J", SAMPLE, "report", "month", "2026-13"], 2),  # a month that is none
    (["--no-such-option"], 2),
    (["-J", SAMPLE, "check"], 0),
])
def test_the_exit_codes_are_those_documented(tmp_path, args, code):
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    done = lobbyctl(*args)
    assert done.returncode == code, (done.returncode, done.stderr.decode())
    assert b"Traceback" not in done.stderr
    if code:
        assert done.stderr.strip(), "an error says why"


def test_python_dash_m_ends_alike():
    done = subprocess.run([sys.executable, "-m", "lobbyctl", "--no-such-option"],
                          capture_output=True)
    assert done.returncode == 2 and b"--no-such-option" in done.stderr


def test_a_reader_that_goes_away_gets_no_traceback():
    """`lobbyctl export | head -c 100`: the export stops, no traceback, exit 1
    as click says for a closed pipe (or 0 if it was all written in time)."""
    process = subprocess.Popen([LOBBYCTL, "-J", SAMPLE, "export", "--format", "jsonl"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.read(100)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) in (0, 1)
    assert b"Traceback" not in stderr and b"Exception ignored" not in stderr, stderr


def test_atexit_still_runs(tmp_path):
    """What a library leaves to ``atexit`` (coverage's data, a temporary
    folder's removal) is still done at the end."""
    mark = tmp_path / "ran"
    code = ("import atexit, sys, pathlib\n"
            f"atexit.register(pathlib.Path({str(mark)!r}).write_text, 'yes')\n"
            "sys.argv = ['lobbyctl', '--version']\n"
            "from lobbyctl.cli.main import main\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    assert mark.read_text() == "yes"
    assert b"lobbyctl" in done.stdout


def test_a_message_given_to_systemexit_is_still_said(tmp_path):
    code = ("import sys\n"
            "from lobbyctl.cli import ending\n"
            "print('before', flush=False)\n"
            "ending.end('gone wrong')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert done.returncode == 1
    assert done.stdout == b"before\n"
    assert done.stderr.strip() == b"gone wrong"


@pytest.mark.parametrize("columns", ["60", "100", "200", "junk", ""])
def test_help_is_as_wide_as_clicks_own(monkeypatch, columns):
    """The help's width, found without shutil, is what click's own formatter
    makes of the same COLUMNS (a pipe and no COLUMNS: 80)."""
    env = {**os.environ, "COLUMNS": columns}
    done = subprocess.run([LOBBYCTL, "greet", "--help"], capture_output=True, env=env)
    assert done.returncode == 0
    monkeypatch.setenv("COLUMNS", columns if columns.isdigit() else "80")
    root = click.Context(cli, info_name="lobbyctl", **cli.context_settings)
    command = cli.get_command(root, "greet")
    with click.Context(command, info_name="greet", parent=root) as ctx:
        assert done.stdout.decode() == command.get_help(ctx) + "\n"


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["report", "--help"],
                                  ["-J", SAMPLE, "show", "2026-10-15"]])
def test_a_full_disk_under_the_output_is_one_message(args):
    """`lobbyctl --help > /dev/full`: exit 1 and what went wrong, no traceback."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([LOBBYCTL, *args], stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr
    said = done.stderr.decode()
    assert "No space left on device" in said or "设备上没有空间" in said, said
