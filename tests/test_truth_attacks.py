"""Attacks on the one state of tracked items: journals `check` accepts (or,
hand-edited, should refuse) on which `due`, the daily log, the monthly form,
`report table` and `export` must agree with each other and with a count by
hand."""

import json
import os

from conftest import day_file
from lobbyctl.store.lines import dump_entry

INDEX = os.path.join(".lobbyctl-cache", "index")


def record(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def complaint(run, at, *extra):
    return record(run, "complain", "--at", at, "--level", "complaint", "--category", "waiting",
                  "--summary", "排队太久", *extra)


def due_rows(run, on, *extra):
    result = run("due", "--on", on, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    section = json.loads(result.stdout)["sections"]["due"]
    return {row["id"]: row for row in section.get("items", {}).get("rows", [])}


def month_complaints(run, month):
    result = run("report", "month", month, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sections"]["complaints"]


def exported(run, start, end):
    result = run("export", "--from", start, "--to", end, "--type", "complain")
    assert result.exit_code == 0, result.stderr
    return {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}


def table_by_status(run, start, end):
    result = run("report", "table", "--type", "complain", "--by", "status", "--from", start,
                 "--to", end, "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["sections"]["table"]["counts"]["rows"]
    return {row["status"]: row["count"] for row in rows}


def write_day(journal, day, entries):
    path = day_file(journal, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(dump_entry(entry) for entry in entries), encoding="utf-8")
    return path


def hand_complaint(entry_id, at, **fields):
    return {"id": entry_id, "type": "complain", "at": at, "by": "王芳", "level": "complaint",
            "category": "waiting", "summary": "排队太久", "status": "open", **fields}


def hand_update(entry_id, at, ref, **fields):
    return {"id": entry_id, "type": "update", "at": at, "by": "王芳", "ref": ref, **fields}


def test_two_updates_of_a_day_fold_in_the_order_of_their_times(run, journal):
    # resolved at 15:00, then (typed later, --at earlier) escalated at 11:00:
    # what stands at the end of the day is the 15:00 resolution, as `show`
    # and the daily log list them
    formal = complaint(run, "2026-11-05T10:00")
    record(run, "update", formal, "--at", "2026-11-06T15:00", "--status", "resolved",
           "--resolution", "已解释")
    record(run, "update", formal, "--at", "2026-11-06T11:00", "--status", "escalated",
           "--step", "slow-down")
    assert formal not in due_rows(run, "2026-11-07")
    figures = month_complaints(run, "2026-11")["summary"]
    assert figures["still_open"] == 0 and figures["overdue"] == 0
    assert figures["escalated"] == 1 and figures["median_close"] == 1
    assert exported(run, "2026-11-01", "2026-11-30")[formal]["closed_on"] == "2026-11-06"
    assert table_by_status(run, "2026-11-01", "2026-11-30") == {"resolved": 1}


def test_a_complaint_reopened_during_the_month_was_not_open_at_its_start(run, journal):
    formal = complaint(run, "2026-09-05T10:00")
    record(run, "update", formal, "--at", "2026-09-10T10:00", "--status", "resolved",
           "--resolution", "已解释")
    record(run, "update", formal, "--at", "2026-10-10T10:00", "--status", "open")
    october = month_complaints(run, "2026-10")
    # resolved on 1 October: not among what October inherited
    assert october["summary"]["from_before"] == 0
    assert october["from_before"]["rows"] == []
    # open on 1 November: November inherits it
    november = month_complaints(run, "2026-11")
    assert [row["id"] for row in november["from_before"]["rows"]] == [formal]
    # resolved, reopened in September and resolved again in October: open on 1 October
    other = complaint(run, "2026-09-01T10:00")
    record(run, "update", other, "--at", "2026-09-02T10:00", "--status", "resolved",
           "--resolution", "已解释")
    record(run, "update", other, "--at", "2026-09-20T10:00", "--status", "open")
    record(run, "update", other, "--at", "2026-10-05T10:00", "--status", "resolved",
           "--resolution", "再次解释")
    october = month_complaints(run, "2026-10")
    assert [row["id"] for row in october["from_before"]["rows"]] == [other]
    assert october["summary"]["closed_from_before"] == 1
    assert october["from_before"]["rows"][0]["closed_on"] == "2026-10-05"


def test_an_entry_written_with_another_offset_is_on_its_files_day(run, journal):
    # 01:00 on 1 November in Shanghai, written in UTC: check accepts it for
    # 2026-11-01, so every reader counts it on that day, and only there
    write_day(journal, "2026-11-01", [hand_complaint("261101-aaaaaa",
                                                     "2026-10-31T17:00:00+00:00")])
    assert run("check").exit_code == 0
    november = month_complaints(run, "2026-11")
    assert november["summary"]["total"] == 1
    assert november["summary"]["from_before"] == 0  # not also "received before November"
    assert month_complaints(run, "2026-10")["empty"] is True
    listed = due_rows(run, "2026-11-01")["261101-aaaaaa"]
    assert listed["recorded"] == "2026-11-01" and listed["days_open"] == 0
    assert listed["due"] == "2026-11-16"  # 15 days from receipt


def test_an_update_on_a_day_before_its_original_is_refused_everywhere(run, journal):
    # typed by hand into the day before: `update` refuses to record it, and
    # every reader would fold it into nothing
    write_day(journal, "2026-11-05", [hand_complaint("261105-aaaaaa",
                                                     "2026-11-05T10:00:00+08:00")])
    write_day(journal, "2026-11-04", [hand_update("261104-cccccc", "2026-11-04T10:00:00+08:00",
                                                  "261105-aaaaaa", status="resolved",
                                                  resolution="已解释")])
    message = ("2026/11/2026-11-04.yaml:1: ref：261105-aaaaaa 指的是 2026-11-05，晚于这条跟进的"
               "日期 2026-11-04；跟进应在被跟进的记录之后")
    checked = run("check")
    assert checked.exit_code == 1 and message in checked.stdout + checked.stderr
    for argv in (["due", "--on", "2026-11-20"], ["report", "month", "2026-11"],
                 ["report", "day", "2026-11-04"], ["show", "2026-11-04"],
                 ["export", "--from", "2026-11-01", "--to", "2026-11-30"]):
        result = run(*argv)
        assert result.exit_code == 1, argv
        assert "2026-11-04.yaml:1: ref：261105-aaaaaa 指的是" in result.stderr, argv
        skipping = run(*argv, "--skip-bad")
        assert skipping.exit_code == 0, (argv, skipping.stderr)
        assert "2026-11-04.yaml:1:" in skipping.stderr, argv
    assert "261105-aaaaaa" in due_rows(run, "2026-11-20", "--skip-bad")


def test_an_update_earlier_than_its_original_on_the_same_day_is_refused_by_check(run, journal):
    write_day(journal, "2026-11-05", [
        hand_complaint("261105-aaaaaa", "2026-11-05T10:00:00+08:00"),
        hand_update("261105-cccccc", "2026-11-05T09:00:00+08:00", "261105-aaaaaa",
                    status="resolved", resolution="已解释")])
    checked = run("check")
    assert checked.exit_code == 1
    assert ("2026/11/2026-11-05.yaml:2: at：2026-11-05T09:00:00+08:00 早于 "
            "261105-aaaaaa 的记录时间（2026-11-05T10:00:00+08:00）") in checked.stdout


def test_due_and_the_reports_share_one_index(run, journal):
    # the index is keyed by the rules that judged it: `due`, which reads
    # nothing else, must name the same rules as `report month`, else each
    # rebuilds the other's index and `due` never sees the rules change
    write_day(journal, "2025-03-01", [hand_complaint("250301-aaaaaa",
                                                     "2025-03-01T10:00:00+08:00")])
    assert "250301-aaaaaa" in due_rows(run, "2026-12-05")
    (name,) = os.listdir(journal / INDEX)
    built = (journal / INDEX / name).read_bytes()
    for argv in (["report", "month", "2026-12"], ["report", "day", "2026-12-05"],
                 ["due", "--on", "2026-12-05"]):
        assert run(*argv).exit_code == 0, argv
        assert (journal / INDEX / name).read_bytes() == built, argv


def test_a_promised_date_before_the_day_it_was_recorded_is_refused_everywhere(run, journal):
    # `refer`/`complain --follow-up` refuse a date before the entry's day;
    # typed by hand, a deadline a year early made the complaint overdue
    # from the moment it was received
    write_day(journal, "2026-11-05", [
        hand_complaint("261105-aaaaaa", "2026-11-05T10:00:00+08:00", due="2025-11-20"),
        {"id": "261105-bbbbbb", "type": "refer", "at": "2026-11-05T11:00:00+08:00",
         "by": "王芳", "product": "基金", "outcome": "pending", "follow_up": "2026-11-04"}])
    checked = run("check")
    assert checked.exit_code == 1
    assert "2026/11/2026-11-05.yaml:1: due：2025-11-20 早于记录当天（2026-11-05）" in checked.stdout
    assert "2026/11/2026-11-05.yaml:2: follow_up：2026-11-04 早于记录当天（2026-11-05）" \
        in checked.stdout
    for argv in (["due", "--on", "2026-11-20"], ["report", "month", "2026-11"],
                 ["report", "day", "2026-11-05"], ["show", "2026-11-05"]):
        result = run(*argv)
        assert result.exit_code == 1, argv
        assert "2026-11-05.yaml:1: due：2025-11-20 早于" in result.stderr, argv
    assert due_rows(run, "2026-11-20", "--skip-bad") == {}
