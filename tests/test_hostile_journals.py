"""Hostile journals, recording side (issue 4, part 5 — the part that needs only
recording commands): a recording command refuses to append to a day file it
cannot trust, says where (`path:line:`), leaves it byte for byte as it was,
and does so in bounded time.  A read-only journal is refused the same way.

The reading side (check, show, report on mutated journals) comes with those
commands; rows for them go into the same tables."""

import os
import re
import shutil
import subprocess
import tempfile
import time

import pytest

from conftest import LOBBYCTL, day_file
from robustness import DAY, RECORDERS, child_env, clock, recorder_params

GOOD = ('- {"id": "261120-aaaaaa", "type": "greet", "at": "2026-11-20T09:00:00+08:00", '
        '"by": "王芳", "count": 1}\n')
BOMB = "".join(f"- &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 12))

# name -> (day file bytes, the line the message must name, or None for "any")
BROKEN = {
    "yaml-error": (GOOD + '- {"id": "261120-bbbbbb", "type": "greet"\n' + GOOD, None),
    "mapping-after-list": (GOOD + "id: 261120-bbbbbb\n", 2),
    "python-tag": (GOOD + "- !!python/object/apply:os.system ['touch /tmp/pwned-lobbyctl']\n", 2),
    "alias-bomb": ("- &a0 [x]\n" + BOMB, None),
    "not-a-list": ("id: 261120-aaaaaa\ntype: greet\n", 1),
    "scalar-entry": (GOOD + "- just words\n", 2),
    "open-flow-at-end": (GOOD + "- [\n", None),
    "top-level-flow": ('[{"id": "261120-aaaaaa", "type": "greet"}]\n', None),
    "not-utf8": (GOOD.encode("utf-8") + b"- {\"note\": \"\xff\xfe\"}\n", 2),
    "nested-too-deep": (GOOD + "- " + "[" * 5000 + "]" * 5000 + "\n", None),
}


@pytest.mark.parametrize("broken", list(BROKEN))
@pytest.mark.parametrize("command", recorder_params())
def test_recording_refuses_a_broken_day_file_and_leaves_it_alone(journal, tmp_path, command,
                                                                 broken):
    content, line = BROKEN[broken]
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    started = time.monotonic()
    result = subprocess.run([LOBBYCTL, "-J", str(journal), *RECORDERS[command]("x", clock(1))],
                            capture_output=True, text=True, env=child_env(tmp_path), timeout=30)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    where = re.escape(f"Error: {path}:") + (str(line) if line else r"\d+") + ":"
    assert re.search(where, result.stderr), result.stderr
    assert path.read_bytes() == data
    assert not os.path.exists("/tmp/pwned-lobbyctl")
    assert elapsed < 10


def test_recording_refuses_a_day_file_of_50_mb(journal, tmp_path):
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True)
    with open(path, "wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(GOOD.encode()) + 1):
            handle.write(GOOD.encode())
    size = path.stat().st_size
    started = time.monotonic()
    result = subprocess.run([LOBBYCTL, "-J", str(journal), "greet", "--at", f"{DAY}T10:00"],
                            capture_output=True, text=True, env=child_env(tmp_path), timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"Error: {path}: file is 50 MiB" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert path.stat().st_size == size
    assert time.monotonic() - started < 10


def test_recording_refuses_a_day_file_that_is_a_symlink_out_of_the_journal(journal, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD, encoding="utf-8")
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True)
    path.symlink_to(outside)
    result = subprocess.run([LOBBYCTL, "-J", str(journal), "greet", "--at", f"{DAY}T10:00"],
                            capture_output=True, text=True, env=child_env(tmp_path), timeout=30)
    assert result.returncode == 1
    assert str(path) in result.stderr and "symbolic link" in result.stderr
    assert "Traceback" not in result.stderr
    assert outside.read_text(encoding="utf-8") == GOOD and path.is_symlink()


NOBODY = 65534


def _as_nobody():
    os.setgid(NOBODY)
    os.setuid(NOBODY)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run lobbyctl as another user")
@pytest.mark.parametrize("what", ["day-file", "month-folder", "journal-folder"])
def test_a_read_only_journal_is_refused_with_exit_1(what):
    try:
        probe = subprocess.run([LOBBYCTL, "--version"], capture_output=True, timeout=30,
                               preexec_fn=_as_nobody)
    except PermissionError:
        probe = None
    if probe is None or probe.returncode != 0:
        pytest.skip(f"user {NOBODY} cannot run {LOBBYCTL} (its Python is in a folder only "
                    "root may enter), so a read-only journal cannot be tried as root")
    # a folder the unprivileged user can read but not write (pytest's tmp_path is 0700)
    folder = tempfile.mkdtemp(prefix="lobbyctl-ro-")
    try:
        os.chmod(folder, 0o755)
        root = os.path.join(folder, "journal")
        env = child_env(folder)
        assert subprocess.run([LOBBYCTL, "-J", root, "init", "--manager", "王芳"], env=env,
                              capture_output=True, timeout=30).returncode == 0
        if what != "journal-folder":
            assert subprocess.run([LOBBYCTL, "-J", root, "greet", "--at", f"{DAY}T09:00"],
                                  env=env, capture_output=True, timeout=30).returncode == 0
        for dirpath, dirnames, filenames in os.walk(folder):
            os.chmod(dirpath, 0o755)
            for name in filenames:
                os.chmod(os.path.join(dirpath, name), 0o644)
        if what == "day-file":
            os.chmod(os.path.join(root, "2026", "11"), 0o777)  # only the file is read-only
        before = {name: open(os.path.join(d, name), "rb").read()
                  for d, _, names in os.walk(root) for name in names}
        result = subprocess.run([LOBBYCTL, "-J", root, "greet", "--at", f"{DAY}T10:00"],
                                env=env, capture_output=True, text=True, timeout=30,
                                preexec_fn=_as_nobody)
        assert result.returncode == 1, result.stdout + result.stderr
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert "Error: cannot " in result.stderr and "Permission denied" in result.stderr
        after = {name: open(os.path.join(d, name), "rb").read()
                 for d, _, names in os.walk(root) for name in names}
        assert after == before
    finally:
        shutil.rmtree(folder)
