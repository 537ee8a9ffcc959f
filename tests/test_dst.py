"""Daylight saving: a journal whose timezone changes its clocks (Europe/Berlin).

A local time the clocks skip is refused; a repeated one is its first
occurrence unless an offset picks the second; and every reader (show, report
day, report table --by hour, export) puts an entry in the same hour and the
same order: its wall clock in the journal's zone, ties by instant.  An ``at``
hand-edited with another offset is converted to the journal's zone."""

import json
import re

import pytest

from conftest import day_file


@pytest.fixture
def berlin(run):
    result = run("init", "--branch-code", "0101", "--branch-name", "Ost", "--manager", "Anna",
                 "--timezone", "Europe/Berlin", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    return run.root


def greet(run, at, note):
    result = run("greet", "--at", at, "--potential", "--note", note)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def stored_at(root, day):
    return [json.loads(line[2:])["at"] for line in
            day_file(root, day).read_text(encoding="utf-8").splitlines() if line.startswith("- ")]


def append_by_hand(root, day, entry_id, at, note):
    """A line as a person would add it in an editor."""
    line = json.dumps({"id": entry_id, "type": "greet", "at": at, "by": "Anna", "count": 1,
                       "potential": True, "note": note}, ensure_ascii=False)
    with open(day_file(root, day), "a", encoding="utf-8") as handle:
        handle.write(f"- {line}\n")


def show_order(run, day):
    """(time, note) of each row of ``show``, top to bottom."""
    result = run("show", day)
    assert result.exit_code == 0, result.stderr
    return re.findall(r"^\|\s*(\d\d:\d\d)\s.*?\b(n\d)\b", result.stdout, re.M)


def day_report(run, day):
    result = run("report", "day", day, "--format", "json")
    assert result.exit_code == 0, result.stderr
    customers = json.loads(result.stdout)["sections"]
    hours = [(row["hour"], row["customers"]) for row in customers["customers"]["by_hour"]["rows"]]
    prospects = [(row["time"], row["note"]) for row in customers["prospects"]["prospects"]["rows"]]
    return hours, prospects


def table_hours(run, day):
    result = run("report", "table", "--by", "hour", "--from", day, "--to", day, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["sections"]["table"]["counts"]["rows"]
    return [(row["hour"], row["count"]) for row in rows]


def export_order(run, day):
    result = run("export", "--from", day, "--to", day)
    assert result.exit_code == 0, result.stderr
    return [json.loads(line)["note"] for line in result.stdout.splitlines()]


def test_a_time_the_clocks_skip_is_refused_and_nothing_is_recorded(run, berlin):
    result = run("greet", "--at", "2026-03-29T02:30")
    assert result.exit_code == 2
    assert "does not exist in Europe/Berlin" in result.stderr
    assert "02:30" in result.stderr and "Traceback" not in result.stderr
    assert not day_file(berlin, "2026-03-29").exists()
    # the same in the phrase form, and in Chinese for a Chinese journal
    assert run("greet", "--at", "2026-03-29 02:59").exit_code == 2
    (berlin / "lobbyctl.yaml").write_text(
        (berlin / "lobbyctl.yaml").read_text(encoding="utf-8").replace('lang: "en"', 'lang: "zh"'),
        encoding="utf-8")
    result = run("note", "other", "x", "--at", "2026-03-29T02:00")
    assert result.exit_code == 2 and "不存在" in result.stderr
    # the minutes on either side of the gap are fine
    greet(run, "2026-03-29T01:59", "n1")
    greet(run, "2026-03-29T03:00", "n2")
    assert stored_at(berlin, "2026-03-29") == ["2026-03-29T01:59:00+01:00",
                                               "2026-03-29T03:00:00+02:00"]


def test_a_repeated_time_is_the_first_occurrence_unless_an_offset_says(run, berlin):
    greet(run, "2026-10-25T02:30", "n1")
    greet(run, "2026-10-25T02:30+01:00", "n2")
    greet(run, "2026-10-25 02:30", "n3")
    assert stored_at(berlin, "2026-10-25") == ["2026-10-25T02:30:00+02:00",
                                               "2026-10-25T02:30:00+01:00",
                                               "2026-10-25T02:30:00+02:00"]


def test_spring_every_reader_agrees_on_hour_and_order(run, berlin):
    day = "2026-03-29"
    greet(run, "2026-03-29T03:45", "n5")
    greet(run, "2026-03-29T01:30", "n1")
    greet(run, "2026-03-29T03:10", "n3")
    # as the starting code stored a skipped 02:30: +01:00, that is 03:30 summer time
    append_by_hand(berlin, day, "260329-aaaaaa", "2026-03-29T02:30:00+01:00", "n4")
    # hand-edited with another zone's offset: 17:00 in Shanghai is 11:00 in Berlin
    append_by_hand(berlin, day, "260329-bbbbbb", "2026-03-29T17:00:00+08:00", "n6")
    greet(run, "2026-03-29T03:00", "n2")
    assert run("check").exit_code == 0

    order = [("01:30", "n1"), ("03:00", "n2"), ("03:10", "n3"), ("03:30", "n4"),
             ("03:45", "n5"), ("11:00", "n6")]
    assert show_order(run, day) == order
    hours, prospects = day_report(run, day)
    assert prospects == order
    assert [hour for hour in hours if hour[1]] == [("01:00–02:00", 1), ("03:00–04:00", 4),
                                                   ("11:00–12:00", 1)]
    assert table_hours(run, day) == [(1, 1), (3, 4), (11, 1)]
    assert export_order(run, day) == [note for _time, note in order]


def test_autumn_the_repeated_hour_is_one_hour_in_wall_clock_order(run, berlin):
    day = "2026-10-25"
    greet(run, "2026-10-25T03:05", "n6")
    greet(run, "2026-10-25T02:30+01:00", "n5")   # second 02:30, after the clocks went back
    greet(run, "2026-10-25T02:30", "n4")         # first 02:30
    greet(run, "2026-10-25T02:10+01:00", "n3")   # second 02:10
    greet(run, "2026-10-25T02:00", "n2")
    greet(run, "2026-10-25T01:50", "n1")
    assert run("check").exit_code == 0

    order = [("01:50", "n1"), ("02:00", "n2"), ("02:10", "n3"), ("02:30", "n4"),
             ("02:30", "n5"), ("03:05", "n6")]
    assert show_order(run, day) == order
    hours, prospects = day_report(run, day)
    assert prospects == order
    assert [hour for hour in hours if hour[1]] == [("01:00–02:00", 1), ("02:00–03:00", 4),
                                                   ("03:00–04:00", 1)]
    assert table_hours(run, day) == [(1, 1), (2, 4), (3, 1)]
    assert export_order(run, day) == [note for _time, note in order]


def test_an_offset_that_moves_an_entry_to_another_day_is_a_check_problem(run, berlin):
    """Converting to the journal's zone is also what check does: 01:00 in
    Shanghai on the 29th is the evening of the 28th in Berlin."""
    greet(run, "2026-03-29T09:00", "n1")
    append_by_hand(berlin, "2026-03-29", "260329-cccccc", "2026-03-29T01:00:00+08:00", "n2")
    result = run("check")
    assert result.exit_code == 1
    assert "2026-03-28 in Europe/Berlin" in result.stdout + result.stderr
