"""The largest day a file may hold is read in the memory its entries need:
its entries share their key strings (and short labels), read fresh or from
the cache; and every canonical line is read as canonical, whatever its
values hold."""

import os
import subprocess
import sys

from conftest import day_file
from lobbyctl.store.dayfile import SHARED_FROM, read_day
from lobbyctl.store.lines import dump_entry

STRESS = os.environ.get("LOBBYCTL_STRESS") == "full"


def greeting(n):
    return {"id": f"261015-{n:06d}"[:7] + "".join("0123456789abcdefghjkmnpqrstvwxyz"[
                (n >> (5 * k)) & 31] for k in range(6)),
            "type": "greet", "at": f"2026-10-15T{9 + n % 8:02d}:{n % 60:02d}:00+08:00",
            "by": "王芳", "segment": "regular", "purpose": "deposit", "route": "counter",
            "count": 1, "note": f"客户办理存款第{n}笔"}


def write_big_day(journal, entries):
    path = day_file(journal, "2026-10-15")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        for n in range(entries):
            out.write(dump_entry(greeting(n)))
    return path


def test_a_large_days_entries_share_their_keys(run, journal):
    path = write_big_day(journal, 12000)
    assert path.stat().st_size > SHARED_FROM
    for _attempt in ("fresh", "cached"):
        result = run("--now", "2026-10-31T18:00", "report", "month", "2026-10", "--format",
                     "json")
        assert result.exit_code == 0, result.stderr
    day = read_day(path)
    first, last = day.entries[0], day.entries[-1]
    assert first == greeting(0) and last == greeting(11999)
    assert all(a is b for a, b in zip(first, last))  # one string for each key
    assert first["route"] is last["route"]


def peak_of_month_form(root):
    """The peak resident set (MB) of ``report month`` over ``root``, in a process of its own."""
    process = subprocess.Popen([sys.executable, "-m", "lobbyctl", "-J", str(root), "--now",
                                "2026-10-31T18:00", "report", "month", "2026-10"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    process.stderr.close()
    assert os.waitstatus_to_exitcode(status) == 0
    return usage.ru_maxrss / 1024


def test_the_largest_day_reads_in_its_entries_memory(run, journal, tmp_path):
    """The form over a day near the cap (80,000 entries with
    LOBBYCTL_STRESS=full; 20,000 here) takes at most 1.2 KB an entry beyond
    what the same form over a one-entry day takes (each entry holding its
    own keys took some 1.8 KB)."""
    entries = 80000 if STRESS else 20000
    write_big_day(journal, entries)
    small = tmp_path / "small"
    assert run("-J", str(small), "init", "--manager", "王芳", journal=False).exit_code == 0
    write_big_day(small, 1)
    base_mb = peak_of_month_form(small)
    peak_mb = peak_of_month_form(journal)
    assert peak_mb - base_mb < entries * 1.2 / 1024, (base_mb, peak_mb)


def test_a_value_that_begins_like_a_key_is_still_canonical(journal):
    """After 2,000 lines a process proves lines by their shape; a value
    beginning with ': ' must not send the day to the YAML loader."""
    path = day_file(journal, "2026-10-15")
    path.parent.mkdir(parents=True, exist_ok=True)
    odd = {**greeting(2500), "note": ": 客户说"}
    with open(path, "w", encoding="utf-8") as out:
        for n in range(2500):
            out.write(dump_entry(greeting(n)))
        out.write(dump_entry(odd))
    read_day(path)  # the first 2,000 lines of a process compile the shape
    day = read_day(path)
    assert day.canonical and day.entries[-1] == odd
