"""One state of every tracked item, one definition of what is due: `due`, the
daily log and the monthly form agree, and nothing open vanishes behind a
look-back window."""

import json

import pytest


def record(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def due_ids(run, on, *extra):
    result = run("due", "--on", on, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    section = json.loads(result.stdout)["sections"]["due"]
    return {row["id"]: row for row in section.get("items", {}).get("rows", [])}


def day_falling_due(run, day):
    result = run("report", "day", day, "--format", "json")
    assert result.exit_code == 0, result.stderr
    section = json.loads(result.stdout)["sections"]["followups"]
    return {row["id"]: row for row in section["falling_due"]["rows"]}


def month_section(run, month, key):
    result = run("report", "month", month, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sections"][key]


def facts(section):
    return section["summary"]


def rows(section, key):
    return section[key]["rows"]


def complaint(run, at, *extra):
    return record(run, "complain", "--at", at, "--level", "complaint", "--category", "waiting",
                  "--summary", "排队太久", *extra)


@pytest.mark.parametrize("how", ["on complain", "on update"])
def test_a_formal_complaints_follow_up_date_shows_in_due_and_the_daily_log(run, journal, how):
    if how == "on complain":
        entry_id = complaint(run, "2026-11-02T10:00", "--follow-up", "2026-11-05")
    else:
        entry_id = complaint(run, "2026-11-02T10:00")
        record(run, "update", entry_id, "--at", "2026-11-03T10:00", "--via", "phone",
               "--follow-up", "2026-11-05")
    # the deadline (15 days: 2026-11-17) is still ahead; the promised call is today
    on_the_day = due_ids(run, "2026-11-05")
    assert on_the_day[entry_id]["urgency"] == "today"
    assert on_the_day[entry_id]["due"] == "2026-11-05"
    assert on_the_day[entry_id]["deadline"] == "2026-11-17"
    assert set(day_falling_due(run, "2026-11-05")) == {entry_id}
    # the day before, it is open, not yet falling due: the daily log does not list it
    assert due_ids(run, "2026-11-04")[entry_id]["urgency"] == "open"
    assert day_falling_due(run, "2026-11-04") == {}


def test_an_item_open_for_400_days_still_shows(run, journal):
    old_complaint = complaint(run, "2025-10-01T10:00")
    old_fault = record(run, "note", "--at", "2025-10-01T11:00", "--device", "2号ATM",
                       "fault", "吞卡")
    on = "2026-11-20"
    listed = due_ids(run, on)
    assert listed[old_complaint]["urgency"] == "overdue"
    assert listed[old_complaint]["days_open"] == 415
    assert listed[old_fault]["item"] == "fault"
    assert set(day_falling_due(run, on)) == {old_complaint}
    complaints = month_section(run, "2026-11", "complaints")
    assert facts(complaints)["overdue"] == 1 and facts(complaints)["from_before"] == 1
    assert [row["id"] for row in rows(complaints, "overdue")] == [old_complaint]
    facilities = month_section(run, "2026-11", "facilities")
    assert facts(facilities)["carried_over"] == 1
    assert [row["id"] for row in rows(facilities, "faults")] == [old_fault]


def test_a_complaint_closed_in_a_later_month_is_in_that_months_form(run, journal):
    grumble = record(run, "complain", "--at", "2026-10-28T10:00", "--level", "grumble",
                     "--category", "fees", "--summary", "年费")
    formal = complaint(run, "2026-10-29T10:00")
    record(run, "update", formal, "--at", "2026-11-03T10:00", "--status", "resolved",
           "--resolution", "已解释")
    november = month_section(run, "2026-11", "complaints")
    figures = facts(november)
    assert figures["total"] == 0  # received in November: none
    assert figures["from_before"] == 2 and figures["closed_from_before"] == 1
    listed = {row["id"]: row for row in rows(november, "from_before")}
    assert listed[formal]["status"] == "resolved" and listed[formal]["closed_on"] == "2026-11-03"
    assert listed[grumble]["status"] == "open" and listed[grumble]["closed_on"] is None
    # December: the resolved one is another month's story; the grumble still open
    december = month_section(run, "2026-12", "complaints")
    assert [row["id"] for row in rows(december, "from_before")] == [grumble]
    # and October's form, as of its end, knows nothing of November's resolution
    october = month_section(run, "2026-10", "complaints")
    assert facts(october)["still_open"] == 2


def test_due_and_the_daily_log_agree_on_what_falls_due(run, journal):
    referral = record(run, "refer", "--at", "2026-11-10T10:00", "--product", "大额存单",
                      "--follow-up", "2026-11-12")
    grumble = record(run, "complain", "--at", "2026-11-10T11:00", "--level", "grumble",
                     "--category", "fees", "--summary", "年费", "--follow-up", "2026-11-13")
    decided = record(run, "refer", "--at", "2026-11-10T12:00", "--product", "基金",
                     "--follow-up", "2026-11-11")
    record(run, "update", decided, "--at", "2026-11-11T09:00", "--outcome", "accepted")
    for day, expected in [("2026-11-11", set()), ("2026-11-12", {referral}),
                          ("2026-11-13", {referral, grumble})]:
        in_due = {key for key, row in due_ids(run, day).items() if row["urgency"] != "open"}
        assert in_due == expected == set(day_falling_due(run, day)), day


def test_since_narrows_the_scan(run, journal):
    old = complaint(run, "2025-10-01T10:00")
    assert old in due_ids(run, "2026-11-20")
    assert old not in due_ids(run, "2026-11-20", "--since", "2026-01-01")
