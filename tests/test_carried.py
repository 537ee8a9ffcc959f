"""The tracked items kept at a month's end (``reports/carried.py``) are
derived data: a form drawn from them is the form drawn from the files, byte
for byte, whatever changed since they were kept -- a day file added,
changed or removed before that month's end, a void recorded after it, a
follow-up of an item closed long before (not kept), a record tampered
with."""

import json
import os
import shutil

import pytest

from conftest import Run, day_file

NOW = {"LOBBYCTL_NOW": "2026-11-05T09:00"}
KEPT = os.path.join(".lobbyctl-cache", "index", "carried-2026-08.marshal")


def record(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def history(journal):
    """A journal with a closed formal complaint and an accepted referral of
    January 2025, a fault and a pending referral of August 2026, and days in
    September and October 2026: ``(run, ids)``."""
    run = Run(journal, NOW)
    ids = {}
    ids["complaint"] = record(run, "complain", "--at", "2025-01-10T10:00", "--level",
                              "complaint", "--category", "waiting", "--summary", "排队太久")
    record(run, "update", ids["complaint"], "--at", "2025-01-12T10:00", "--status", "resolved",
           "--resolution", "致歉")
    ids["sale"] = record(run, "refer", "--at", "2025-01-15T10:00", "--product", "大额存单",
                         "--to", "self", "--customer", "钱先生", "--outcome", "accepted")
    ids["fault"] = record(run, "note", "--at", "2026-08-05T09:00", "fault", "取号机卡纸",
                          "--device", "取号机")
    ids["pending"] = record(run, "refer", "--at", "2026-08-20T10:00", "--product", "基金定投",
                            "--to", "self", "--customer", "孙女士", "--follow-up",
                            "2026-09-01", "--via", "phone")
    for day in ("2026-09-10", "2026-10-15"):
        record(run, "greet", "--at", f"{day}T10:00", "--segment", "regular", "--purpose",
               "deposit", "--route", "counter")
    return run, ids


def form(run):
    """October's form as JSON, without its generation time."""
    data = json.loads(record(run, "report", "month", "2026-10", "--format", "json"))
    data.pop("generated")
    return data


def from_the_files(run, tmp_path):
    """The same form from a copy of the journal with no cache at all."""
    copy = tmp_path / "copy"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(run.root, copy, ignore=shutil.ignore_patterns(".lobbyctl-cache"))
    return form(Run(copy, NOW))


def test_a_kept_month_end_gives_the_form_the_files_give(history, tmp_path):
    run, _ids = history
    first = form(run)
    assert (run.root / KEPT).is_file()  # kept at the end of August, before September
    assert form(run) == first == from_the_files(run, tmp_path)


def test_a_day_added_before_the_kept_end_is_counted(history, tmp_path):
    run, ids = history
    before = form(run)
    record(run, "update", ids["fault"], "--at", "2026-08-25T10:00", "--fixed")
    after = form(run)
    assert after == from_the_files(run, tmp_path)
    assert before["sections"]["facilities"]["summary"]["faults_open"] == 1
    assert after["sections"]["facilities"]["empty"]  # fixed before October: not its story


def test_a_day_removed_or_changed_by_hand_before_the_kept_end_is_seen(history, tmp_path):
    run, ids = history
    form(run)
    os.remove(day_file(run.root, "2026-08-20"))  # the pending referral's day
    after = form(run)
    assert after == from_the_files(run, tmp_path)
    assert after["sections"]["referrals"]["empty"]  # nothing made, followed up or late
    path = day_file(run.root, "2026-08-05")
    path.write_text(path.read_text(encoding="utf-8").replace("取号机卡纸", "取号机坏了"),
                    encoding="utf-8")
    assert form(run)["sections"]["facilities"]["faults"]["rows"][0]["text"] == "取号机坏了"


def test_a_void_recorded_after_the_kept_end_takes_out_what_it_names(history, tmp_path):
    run, ids = history
    assert len(form(run)["sections"]["referrals"]["pending_late"]["rows"]) == 1
    record(run, "void", ids["pending"], "--at", "2026-11-01T10:00", "--reason", "录错了")
    after = form(run)
    assert after == from_the_files(run, tmp_path)
    assert after["sections"]["referrals"]["empty"]


def test_a_follow_up_of_an_item_closed_long_before_is_folded(history, tmp_path):
    run, ids = history
    form(run)  # kept without the sale of January 2025: closed, and long before
    record(run, "update", ids["sale"], "--at", "2026-10-16T10:00", "--via", "phone",
           "--satisfaction", "satisfied")
    after = form(run)
    assert after == from_the_files(run, tmp_path)
    assert after["sections"]["referrals"]["summary"]["follow_ups_done"] == 1


def test_a_tampered_or_foreign_record_is_no_record(history, tmp_path):
    run, ids = history
    truth = form(run)
    kept = run.root / KEPT
    text = kept.read_bytes()
    assert "取号机卡纸".encode() in text  # the open fault, kept
    kept.write_bytes(text.replace("取号机卡纸".encode(), "取号机正常".encode()))
    assert form(run) == truth
    kept.write_bytes(b"not a record")
    assert form(run) == truth == from_the_files(run, tmp_path)


def headline(data, key="previous"):
    rows = data["sections"]["headline"]["figures"]["rows"]
    return {row["figure"]: row[key] for row in rows}


def test_the_month_befores_kept_figures_follow_its_files(history, tmp_path):
    run, _ids = history
    assert headline(form(run))["customers"] == 1
    assert (run.root / ".lobbyctl-cache" / "index" / "figures-2026-09.json").is_file()
    greeted = record(run, "greet", "--at", "2026-09-12T10:00", "--count", "4", "--segment",
                     "regular", "--purpose", "deposit", "--route", "counter")
    after = form(run)
    assert headline(after)["customers"] == 5
    assert after == from_the_files(run, tmp_path)
    record(run, "void", greeted, "--at", "2026-11-02T10:00", "--reason", "录错了")
    after = form(run)
    assert headline(after)["customers"] == 1
    assert after == from_the_files(run, tmp_path)


def test_tampered_kept_figures_are_no_figures(history, tmp_path):
    run, _ids = history
    truth = form(run)
    kept = run.root / ".lobbyctl-cache" / "index" / "figures-2026-09.json"
    kept.write_bytes(kept.read_bytes().replace(b'["customers",1,', b'["customers",9,'))
    assert form(run) == truth == from_the_files(run, tmp_path)


@pytest.mark.parametrize("name", ["carried-2026-13.marshal", "carried-0000-01.marshal",
                                  "carried-9999-12.marshal", "carried-2026-07.marshal"])
def test_a_record_named_for_no_month_or_holding_nothing_is_passed_over(history, tmp_path, name):
    run, _ids = history
    truth = form(run)
    (run.root / KEPT).unlink()
    (run.root / ".lobbyctl-cache" / "index" / name).write_bytes(b"\xff\xfe not a record")
    assert form(run) == truth == from_the_files(run, tmp_path)


def test_a_form_leaves_the_collector_as_it_found_it(history):
    # the form pauses the cyclic collector while it reads; a process that
    # draws many forms (a test run, a script) gets it back on, nothing frozen,
    # and a cycle left before it is still collected after
    import gc

    run, _ids = history

    class Node:
        pass

    def cycles_left():
        return sum(1 for thing in gc.get_objects() if type(thing) is Node)

    node = Node()
    node.itself = node
    del node
    form(run)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.collect()
    assert cycles_left() == 0


def test_an_older_lobbyctls_json_records_are_left_behind_and_removed(history, tmp_path):
    run, _ids = history
    truth = form(run)
    folder = run.root / ".lobbyctl-cache" / "index"
    shutil.rmtree(folder)
    folder.mkdir(mode=0o700)
    older = folder / "carried-2026-08.json"
    older.write_bytes(b'{"version": 1, "key": "x", "items": [], "open": []}')
    assert form(run) == truth == from_the_files(run, tmp_path)
    assert (run.root / KEPT).is_file() and not older.exists()


def test_a_record_another_python_wrote_is_not_read(history, tmp_path, monkeypatch):
    # marshal is read only by the Python that wrote it: its version is in the seal
    import sys

    run, _ids = history
    monkeypatch.setattr(sys, "version", "3.99.0 (another Python)")
    other = form(run)
    written_by_the_other = (run.root / KEPT).read_bytes()
    monkeypatch.undo()
    (run.root / ".lobbyctl-cache" / "index" / "figures-2026-09.json").unlink()
    assert form(run) == other == from_the_files(run, tmp_path)
    assert (run.root / KEPT).read_bytes() != written_by_the_other  # not taken: kept anew


def test_a_form_leaves_what_its_process_froze_frozen(history):
    # a host that froze its own objects (a server before it forks) keeps them
    # frozen across a form
    import gc

    run, _ids = history
    held = [{"kept": number} for number in range(1000)]

    def thawed():  # the collector's generations list no frozen object
        return any(thing is held for thing in gc.get_objects())

    gc.freeze()
    try:
        assert not thawed() and gc.get_freeze_count() > len(held)
        form(run)
        assert gc.isenabled() and not thawed() and gc.get_freeze_count() > len(held)
    finally:
        gc.unfreeze()
    assert thawed()
