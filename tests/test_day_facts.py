"""The recorder's record of a busy day file (``store.day_facts``): a
recording into a day of hundreds of entries takes the day's ids and its
openings, closings and voids from the record the last recording left, and
only while the record provably describes the file's very bytes.  A hand
edit (even one that keeps the size), a torn line, a tampered or copied
record, a link where the record folder belongs: each time the file is read
whole again, and what the recorder does is what it did without a record."""

import json
import os
import shutil
import subprocess

import pytest

from conftest import LOBBYCTL, day_file
from lobbyctl.store.lines import dump_entry

NOW = "2026-12-03T09:00"
DAY = "2026-11-20"
BACK_FILLED = "back-filled"


@pytest.fixture
def journal(english_journal):
    return english_journal


def busy_day(root, count=200, last=None):
    """A canonical day of ``count`` greetings (some 40 KB), and ``last`` after them."""
    # unique ids of the day's shape: 261120- and six base32 characters
    lines = [dump_entry({"id": "261120-" + _code(index), "type": "greet",
                         "at": f"{DAY}T10:{index % 60:02d}:00+08:00", "by": "王芳",
                         "count": 1, "route": "counter", "note": "客户办理存款，引导至柜台" * 2})
             for index in range(count)]
    path = day_file(root, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines) + (last or ""), encoding="utf-8")
    return path


def _code(number):
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    return "".join(alphabet[(number >> shift) & 31] for shift in range(25, -1, -5))


def greet(run, at="17:30"):
    result = run("--now", NOW, "greet", "--at", f"{DAY}T{at}", "--route", "counter")
    assert result.exit_code == 0, result.stderr
    return result


def record_path(root):
    return root / ".lobbyctl-cache" / "recorder" / "day.json"


def ids(path):
    return [json.loads(line[2:])["id"] for line in path.read_text("utf-8").splitlines()]


def test_greetings_into_a_busy_day_keep_the_record_and_every_id_unique(run, journal):
    path = busy_day(journal)
    for minute in range(12):
        greet(run, f"16:{minute:02d}")
    assert record_path(journal).exists()
    found = ids(path)
    assert len(found) == 212 and len(set(found)) == 212
    assert run("--now", NOW, "check").exit_code == 0


def test_a_closing_appended_by_hand_after_the_record_counts(run, journal):
    path = busy_day(journal)
    assert BACK_FILLED not in greet(run).stderr  # the record: no closing
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(dump_entry({"id": "261120-zzzzzz", "type": "close",
                                 "at": f"{DAY}T17:15:00+08:00", "by": "王芳",
                                 "ok": ["cleaning", "equipment", "log"]}))
    assert BACK_FILLED in greet(run, "17:40").stderr


def test_an_edit_that_keeps_the_size_is_seen(run, journal):
    """A closing spelt wrong (an unknown type), mended in place: same size,
    other bytes -- the record keyed by size alone would miss it."""
    spoilt = dump_entry({"id": "261120-zzzzzz", "type": "clxse",
                         "at": f"{DAY}T17:15:00+08:00", "by": "王芳",
                         "ok": ["cleaning", "equipment", "log"]})
    path = busy_day(journal, last=spoilt)
    assert BACK_FILLED not in greet(run).stderr
    data = path.read_bytes()
    path.write_bytes(data.replace(b'"clxse"', b'"close"'))
    assert len(path.read_bytes()) == len(data)
    assert BACK_FILLED in greet(run, "17:40").stderr


def test_a_tampered_record_is_no_record(run, journal):
    """The record's signature covers every byte: one that drops the day's
    closing (as a committed or hand-made one might) is ignored."""
    closing = dump_entry({"id": "261120-zzzzzz", "type": "close",
                          "at": f"{DAY}T17:15:00+08:00", "by": "王芳",
                          "ok": ["cleaning", "equipment", "log"]})
    busy_day(journal, last=closing)
    assert BACK_FILLED in greet(run).stderr
    record = record_path(journal)
    mac, body = record.read_bytes().split(b"\n", 1)
    facts = json.loads(body)
    assert [entry["type"] for entry in facts["marked"]] == ["close"]
    facts["marked"], facts["lines"] = [], []
    record.write_bytes(mac + b"\n" + json.dumps(facts).encode())
    assert BACK_FILLED in greet(run, "17:40").stderr


def test_a_journal_copied_with_its_cache_reads_its_own_files(run, journal, tmp_path):
    closing = dump_entry({"id": "261120-zzzzzz", "type": "close",
                          "at": f"{DAY}T17:15:00+08:00", "by": "王芳",
                          "ok": ["cleaning", "equipment", "log"]})
    busy_day(journal, last=closing)
    greet(run)
    copy = tmp_path / "copy"
    shutil.copytree(journal, copy)
    # the copy's day file then loses its closing: its record (copied, signed
    # for the other folder) must not say the day is still closed
    path = day_file(copy, DAY)
    path.write_text(path.read_text("utf-8").replace(closing, ""), encoding="utf-8")
    result = run("--now", NOW, "-J", copy, "greet", "--at", f"{DAY}T17:40", journal=False)
    assert result.exit_code == 0, result.stderr
    assert BACK_FILLED not in result.stderr


def test_a_torn_line_after_the_record_is_kept_and_cut(run, journal):
    path = busy_day(journal)
    greet(run)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write('- {"id": "261120-tttttt", "type": "gre')
    result = greet(run, "17:40")
    assert "261120-tttttt" not in path.read_text("utf-8")
    assert ".lobbyctl-torn" in result.stderr
    assert run("--now", NOW, "check").exit_code == 0


def test_a_link_where_the_record_folder_belongs_is_never_followed(run, journal, tmp_path):
    busy_day(journal)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (journal / ".lobbyctl-cache").mkdir(exist_ok=True)
    os.symlink(elsewhere, journal / ".lobbyctl-cache" / "recorder")
    for minute in ("17:30", "17:31"):
        result = greet(run, minute)
        assert result.stdout.strip()
    assert list(elsewhere.iterdir()) == []
    assert len(set(ids(day_file(journal, DAY)))) == 202


def test_recorders_at_once_into_a_busy_day_lose_nothing(journal, tmp_path):
    path = busy_day(journal)
    env = {**os.environ, "LOBBYCTL_NOW": NOW, "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": ""}
    script = (f'for i in 1 2 3 4 5 6; do "{LOBBYCTL}" -J "{journal}" greet --at {DAY}T16:00 '
              '--route counter >/dev/null || exit 1; done')
    processes = [subprocess.Popen(["sh", "-c", script], env=env) for _ in range(4)]
    assert [process.wait(timeout=300) for process in processes] == [0, 0, 0, 0]
    found = ids(path)
    assert len(found) == 224 and len(set(found)) == 224
    done = subprocess.run([LOBBYCTL, "-J", str(journal), "check"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_record_of_another_day_is_no_record_of_this_one(run, journal):
    """One record, of the day last recorded into: two busy days taking
    turns, each read whole when the other was last, lose nothing."""
    first = busy_day(journal)
    second = day_file(journal, "2026-11-21")
    second.write_text(first.read_text("utf-8").replace("261120-", "261121-").replace(
        f"{DAY}T", "2026-11-21T"), encoding="utf-8")
    for at in ("2026-11-20T16:00", "2026-11-21T16:00", "2026-11-20T16:01", "2026-11-21T16:01"):
        assert run("--now", NOW, "greet", "--at", at).exit_code == 0
    for path in (first, second):
        found = ids(path)
        assert len(found) == 202 and len(set(found)) == 202
    assert run("--now", NOW, "check").exit_code == 0
