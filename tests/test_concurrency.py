"""Concurrent recorders (issue 4, part 1).

N real lobbyctl processes at a time append to one day file while readers load
it over and over: the lock serialises the appends, none is lost or doubled,
readers never fail and never see an entry vanish or move."""

import subprocess
import sys
import threading
import time

import pytest
import yaml

from conftest import LOBBYCTL, day_file
from lobbyctl.store.dayfile import read_day
from robustness import (DAY, ID, STRESS, available_recorders, child_env, exists, prepare,
                        recorder_argv, runs, scale)

# Loads the day file in a loop until told to stop; fails if an entry it saw
# before is gone or has moved (append-only, as a reader sees it).
READER = """
import os, sys
from lobbyctl.store.dayfile import read_day
path, stop = sys.argv[1:]
seen, reads = [], 0
while not os.path.exists(stop):
    ids = [entry["id"] for entry in read_day(path).entries]
    if ids[:len(seen)] != seen:
        sys.exit(f"entries vanished or moved after {reads} reads")
    seen, reads = ids, reads + 1
print(reads)
"""

# Reading commands run in a loop by another thread, once they exist.
READ_COMMANDS = {
    "show": ["show", DAY],
    "report": ["report", "day", DAY],
}


@pytest.mark.stress
def test_concurrent_recorders_lose_nothing_while_readers_read(journal, tmp_path):
    prepare(journal)
    writers, each = scale(4, 8), scale(15, 200)
    env = child_env(tmp_path)
    path = day_file(journal, DAY)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(path), str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()
    command_reads = {name: [0, []] for name, argv in READ_COMMANDS.items() if runs(*argv[:2])}

    def read_with_commands():
        while not done.is_set():
            for name, argv in READ_COMMANDS.items():
                if name not in command_reads:
                    continue
                result = subprocess.run([LOBBYCTL, "-J", str(journal), *argv], env=env,
                                        capture_output=True, text=True, timeout=60)
                command_reads[name][0] += 1
                if result.returncode != 0 or "Traceback" in result.stderr:
                    command_reads[name][1].append((result.returncode, result.stderr[-2000:]))

    calls = {}

    def write(worker):
        for i in range(each):
            n = worker * each + i
            tag = f"w{worker}-{i}"
            result = subprocess.run([LOBBYCTL, "-J", str(journal), *recorder_argv(n, tag)],
                                    env=env, capture_output=True, text=True, timeout=120)
            calls[tag] = result

    started = time.monotonic()
    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    command_reader = threading.Thread(target=read_with_commands)
    command_reader.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    done.set()
    stop.touch()
    command_reader.join()
    out, err = reader.communicate(timeout=60)

    failed = {tag: r.stderr for tag, r in calls.items() if r.returncode != 0}
    assert not failed, failed
    printed = [r.stdout.strip() for r in calls.values()]
    assert all(ID.match(entry_id) for entry_id in printed), printed
    assert reader.returncode == 0, err
    for name, (count, failures) in command_reads.items():
        assert not failures, f"`{name}` failed while recorders wrote: {failures[:3]}"

    text = path.read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    day = read_day(str(path))
    assert loaded == day.entries and day.torn_line is None
    ids = [entry["id"] for entry in loaded]
    assert len(ids) == len(set(ids)) == writers * each
    for entry_id in printed:
        assert ids.count(entry_id) == 1, entry_id
    texts = [value for entry in loaded for value in entry.values()]
    lost = [tag for tag in calls if texts.count(tag) != 1]
    assert lost == []
    if exists("check"):
        result = subprocess.run([LOBBYCTL, "-J", str(journal), "check"], env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
    print(f"\n[concurrency] {writers}x{each} appends of {'+'.join(available_recorders())} in "
          f"{elapsed:.1f} s: {len(ids)} entries, lost {len(lost)}, duplicated 0; "
          f"read_day loop {out.strip()} reads; "
          + ", ".join(f"`{name}` {count} runs" for name, (count, _) in command_reads.items())
          + f"; full={STRESS}")
