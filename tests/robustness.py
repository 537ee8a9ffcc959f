"""Shared pieces of the robustness tests (issue 4): sizes, the table of
recording commands, subprocess environment, folder snapshots.

A recording command joins every storage-level test by one row in
``RECORDERS``; a row whose command has not been written yet is skipped with
that reason, and runs as soon as the command exists."""

import importlib.util
import os
import re

import pytest

from lobbyctl.cli.main import COMMANDS

# `make stress` sets LOBBYCTL_STRESS=full; the normal run uses the small figures.
STRESS = os.environ.get("LOBBYCTL_STRESS") == "full"
DAY = "2026-11-20"
ID = re.compile(r"^\d{6}-[0-9a-hjkmnp-tv-z]{6}$")


def scale(normal, full):
    return full if STRESS else normal


def exists(command):
    if command not in COMMANDS:
        return False
    return importlib.util.find_spec(COMMANDS[command].partition(":")[0]) is not None


def runs(*words):
    """Whether ``lobbyctl WORDS --help`` works: a (sub)command that exists."""
    from click.testing import CliRunner

    from lobbyctl.cli.main import cli

    return exists(words[0]) and CliRunner().invoke(cli, [*words, "--help"]).exit_code == 0


# What `update` points at: a fault noted the day before DAY (so DAY's own file
# holds only what the test records); ``prepare(root)`` puts it in a journal.
UPDATE_TARGET = "261119-fa7c0d"
UPDATE_TARGET_DAY = "2026-11-19"

# command -> argv recording one entry on DAY at ``clock`` (HH:MM:SS) carrying
# the free text ``tag`` (unique per call, so the test can find the entry).
# `open` is forced, `close` may come twice: a workload records many of each.
RECORDERS = {
    "open": lambda tag, clock: ["open", "--force", "--ok", "--note", tag, "--at", f"{DAY}T{clock}"],
    "greet": lambda tag, clock: ["greet", "--at", f"{DAY}T{clock}", "--note", tag],
    "note": lambda tag, clock: ["note", "other", tag, "--at", f"{DAY}T{clock}"],
    "refer": lambda tag, clock: ["refer", "--product", tag, "--at", f"{DAY}T{clock}"],
    "complain": lambda tag, clock: ["complain", "--level", "grumble", "--category", "waiting",
                                    "--summary", tag, "--at", f"{DAY}T{clock}"],
    "update": lambda tag, clock: ["update", UPDATE_TARGET, "--resolution", tag,
                                  "--at", f"{DAY}T{clock}"],
    "close": lambda tag, clock: ["close", "--ok", "--remarks", tag, "--at", f"{DAY}T{clock}"],
}


def prepare(root):
    """Give the journal at ``root`` what the RECORDERS rows point at: the
    fault UPDATE_TARGET, as `note` writes it, in the day before DAY's file."""
    from lobbyctl.store.lines import dump_entry

    day = UPDATE_TARGET_DAY
    path = root / day[:4] / day[5:7] / f"{day}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_entry({"id": UPDATE_TARGET, "type": "note", "at": f"{day}T09:00:00+08:00",
                                "by": "王芳", "kind": "fault", "text": "取号机卡纸"}),
                    encoding="utf-8")


def available_recorders():
    """The recording commands written so far (at least greet)."""
    return [name for name in RECORDERS if exists(name)]


def recorder_argv(n, tag):
    """The n-th call of a mixed workload: the written commands in turn."""
    names = available_recorders()
    return RECORDERS[names[n % len(names)]](tag, clock(n))


def recorder_params():
    return [pytest.param(name, id=name,
                         marks=pytest.mark.skipif(not exists(name),
                                                  reason=f"`{name}` is not written yet"))
            for name in RECORDERS]


def clock(n):
    """A distinct time of day on DAY for the n-th call (within business hours)."""
    seconds = 8 * 3600 + n % (10 * 3600)
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def child_env(home, **extra):
    """Environment for a real lobbyctl process: no inherited journal, who or
    user config (HOME points into the test's folder)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("LOBBYCTL_", "XDG_"))}
    env.update({"HOME": str(home), "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": "",
                "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"})
    env.update(extra)
    return env


def snapshot(root, skip=()):
    """{relative path: (mode, size, mtime_ns)} of everything under ``root``
    except the subtrees named in ``skip`` (relative paths)."""
    found = {}
    root = str(root)
    for folder, dirs, files in os.walk(root):
        relative = os.path.relpath(folder, root)
        if relative in skip:
            dirs[:] = []
            continue
        for name in dirs + files:
            path = os.path.join(folder, name)
            rel = os.path.normpath(os.path.join(relative, name))
            if rel in skip:
                continue
            info = os.lstat(path)
            found[rel] = (info.st_mode, info.st_size if not os.path.isdir(path) else 0,
                          info.st_mtime_ns if not os.path.isdir(path) else 0)
    return found


def loadable_text(path):
    """The day file's text as ``read_day`` sees it: an unfinished last line
    (a write cut short) is not part of the file's content."""
    from lobbyctl.store.dayfile import read_day

    day = read_day(str(path))
    data = open(path, "rb").read()
    if day.torn_line is not None:
        data = data[:data.rfind(b"\n") + 1]
    return day, data.decode("utf-8")
