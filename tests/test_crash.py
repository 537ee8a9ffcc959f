"""Crashes and failed writes (issue 4, part 2).

A recorder killed at any moment leaves a day file that loads — the old
content, or the old content plus its whole new line, or at worst an unfinished
last line that every reader ignores and the next recorder cuts off — and every
id a recorder printed before it died is in the file.  A write that fails
part-way (a full disk, a file size limit) leaves the file byte for byte as it
was and exits 1 with one clear message."""

import random
import resource
import signal
import subprocess
import time

import pytest
import yaml

from conftest import LOBBYCTL, day_file
from lobbyctl.store.dayfile import read_day
from lobbyctl.store.lines import dump_entry, parse_line
from robustness import (DAY, ID, RECORDERS, STRESS, available_recorders, child_env, clock,
                        loadable_text, prepare, recorder_argv, recorder_params, scale)


def _start(root, argv, env):
    return subprocess.Popen([LOBBYCTL, "-J", str(root), *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, text=True)


@pytest.mark.stress
def test_sigkill_at_random_moments_loses_no_printed_entry(journal, tmp_path):
    """Recorders of every written command, four at a time (so some wait on
    the lock), each killed at a random moment of its life."""
    prepare(journal)
    env = child_env(tmp_path)
    path = day_file(journal, DAY)
    kills = scale(48, 400)
    parallel = 4
    seed = random.randrange(1 << 32)
    rng = random.Random(seed)
    started = time.monotonic()
    done = _start(journal, recorder_argv(0, "warm-up"), env)
    assert done.wait(30) == 0, done.stderr.read()
    lifetime = time.monotonic() - started  # how long one recorder lives, to aim the kills
    printed, stats, n = [], {"killed": 0, "finished": 0, "torn": 0}, 1
    while stats["killed"] < kills:
        batch = []
        for _ in range(parallel):
            n += 1
            tag = f"kill-{n}"
            batch.append((_start(journal, recorder_argv(n, tag), env),
                          time.monotonic() + rng.uniform(0, 1.3 * lifetime)))
        for process, moment in sorted(batch, key=lambda item: item[1]):
            time.sleep(max(0.0, moment - time.monotonic()))
            process.send_signal(signal.SIGKILL)
        for process, _ in batch:
            out, err = process.communicate(timeout=30)
            assert "Traceback" not in err, err
            if process.returncode == -signal.SIGKILL:
                stats["killed"] += 1
            else:
                assert process.returncode == 0, err
                stats["finished"] += 1
            printed.extend(line for line in out.split() if ID.match(line))
        day, text = loadable_text(path)
        stats["torn"] += day.torn_line is not None
        ids = [entry["id"] for entry in day.entries]
        assert [entry["id"] for entry in yaml.safe_load(text)] == ids, f"seed {seed}"
        assert len(ids) == len(set(ids)), f"seed {seed}: duplicate ids"
        missing = set(printed) - set(ids)
        assert not missing, f"seed {seed}: printed but lost: {missing}"
    # a last recorder after all the kills appends cleanly (cutting any torn piece)
    result = subprocess.run([LOBBYCTL, "-J", str(journal), *recorder_argv(0, "last")],
                            capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0, result.stderr
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert entries[-1]["id"] == result.stdout.strip()
    assert set(printed) <= {entry["id"] for entry in entries}
    print(f"\n[crash:{'+'.join(available_recorders())}] {stats['killed']} kills survived, {stats['finished']} finished "
          f"before the kill, {len(printed)} printed ids all present, {stats['torn']} torn "
          f"lines seen, {len(entries)} entries; seed {seed}; full={STRESS}")


def _limit_file_size(limit):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


@pytest.mark.parametrize("slack", [0, 10, 90], ids=["at-once", "after-10-bytes", "after-90-bytes"])
@pytest.mark.parametrize("command", recorder_params())
def test_a_write_failing_part_way_leaves_the_file_unchanged(journal, tmp_path, command, slack):
    prepare(journal)
    env = child_env(tmp_path)
    for n in range(3):
        result = subprocess.run([LOBBYCTL, "-J", str(journal),
                                 *RECORDERS[command](f"before-{n}", clock(n))],
                                capture_output=True, text=True, env=env, timeout=30)
        assert result.returncode == 0, result.stderr
    path = day_file(journal, DAY)
    before = path.read_bytes()
    result = subprocess.run([LOBBYCTL, "-J", str(journal),
                             *RECORDERS[command]("x" * 120, clock(9))],
                            capture_output=True, text=True, env=env, timeout=30,
                            preexec_fn=_limit_file_size(len(before) + slack))
    assert result.returncode == 1
    assert result.stdout == ""
    # a Chinese journal: its sentence and the system's reason (EFBIG) in Chinese
    assert "文件过大" in result.stderr and "本次未记录" in result.stderr, result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


CANONICAL = dump_entry({"id": "261120-zzzzzz", "type": "greet", "at": f"{DAY}T09:00:00+08:00",
                        "by": "王芳", "count": 1, "note": "断电前写了一半"})


@pytest.mark.parametrize("cut", [1, 2, 3, 20, len(CANONICAL) // 2, len(CANONICAL) - 2],
                         ids=lambda cut: f"cut-at-{cut}")
def test_a_torn_last_line_is_ignored_and_cut_by_the_next_append(run, journal, cut):
    for n in range(2):
        assert run("greet", "--at", f"{DAY}T08:0{n}").exit_code == 0
    path = day_file(journal, DAY)
    whole = path.read_bytes()
    torn = CANONICAL[:cut].encode("utf-8", errors="ignore")
    path.write_bytes(whole + torn)
    day = read_day(str(path))
    assert [entry["id"] for entry in day.entries] == [e["id"] for e in yaml.safe_load(whole)]
    assert day.torn_line == 3

    result = run("greet", "--at", f"{DAY}T10:00", "--note", "来电后补记")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(whole)
    added = after[len(whole):].decode("utf-8")
    assert added.count("\n") == 1 and parse_line(added[:-1]) is not None, added
    entries = yaml.safe_load(after)
    assert len(entries) == 3 and entries[-1]["id"] == result.stdout.strip()
    assert entries[-1]["note"] == "来电后补记"


@pytest.mark.parametrize("last", [
    CANONICAL[:-1],                                       # lobbyctl's own line, newline lost
    '- {id: "261120-aaaaaa", type: greet, by: 王芳, count: 1}',  # typed by hand
    '- {"id": "261120-bbbbbb", "type": "greet", "count": 1, "note": "a}b"}',
], ids=["canonical", "hand-written-flow", "json-other-spacing"])
def test_a_complete_last_entry_without_newline_is_kept(run, journal, last):
    assert run("greet", "--at", f"{DAY}T08:00").exit_code == 0
    path = day_file(journal, DAY)
    path.write_bytes(path.read_bytes() + last.encode("utf-8"))
    before = path.read_bytes()
    expected = yaml.safe_load(before)
    assert len(read_day(str(path)).entries) == 2

    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(before), "bytes already in the day file were changed"
    assert yaml.safe_load(after)[:2] == expected
    assert len(yaml.safe_load(after)) == 3
