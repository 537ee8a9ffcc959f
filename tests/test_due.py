"""`due`: what to chase on a day — referral and grumble follow-ups, complaint
deadlines, faults not fixed — in folded state, most urgent first."""

import json
import os

import pytest

from conftest import day_file
from lobbyctl.store.lines import dump_entry

ON = "2026-10-20"


@pytest.fixture
def items(run, journal):
    ids = {}

    def record(name, *args):
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        ids[name] = result.stdout.strip()

    def refer(name, at, follow_up):
        args = ["refer", "--at", at, "--product", "养老理财", "--to", "wealth-manager",
                "--customer", f"客户{name}", "--follow-up", follow_up, "--via", "phone"]
        record(name, *args)

    refer("R1", "2026-10-05T10:00", "2026-10-10")  # overdue by 10 days
    refer("R2", "2026-10-06T10:00", "2026-10-08")  # moved to 10-25 by an update: not due
    record("R2u", "update", ids["R2"], "--at", "2026-10-08T16:00", "--via", "phone",
           "--follow-up", "2026-10-25")
    refer("R3", "2026-10-07T10:00", "2026-10-12")  # accepted: done
    record("R3u", "update", ids["R3"], "--at", "2026-10-12T11:00", "--outcome", "accepted")
    refer("R4", "2026-10-15T10:00", "2026-10-20")  # due today
    record("C1", "complain", "--at", "2026-10-01T11:00", "--level", "complaint",
           "--category", "fees", "--summary", "对年费有异议", "--customer", "李女士")  # due 10-16
    record("C2", "complain", "--at", "2026-10-10T11:00", "--level", "complaint",
           "--complexity", "complex", "--category", "waiting", "--summary", "排队过久")  # 11-09
    record("C3", "complain", "--at", "2026-10-02T11:00", "--level", "complaint",
           "--category", "attitude", "--summary", "柜员态度差")
    record("C3u", "update", ids["C3"], "--at", "2026-10-15T09:00", "--status", "resolved",
           "--resolution", "已道歉")
    record("G1", "complain", "--at", "2026-10-12T14:00", "--category", "waiting",
           "--summary", "叫号机太慢", "--follow-up", "2026-10-19")  # a grumble, overdue by 1
    record("G2", "complain", "--at", "2026-10-12T14:30", "--category", "waiting",
           "--summary", "没有座位", "--resolved", "已加座椅", "--follow-up", "2026-10-19")
    record("F1", "note", "fault", "取号机卡纸", "--device", "1号叫号机", "--at",
           "2026-10-11T08:50")  # open 9 days
    record("F2", "note", "fault", "ATM 吞卡", "--at", "2026-10-12T09:00")
    record("F2u", "update", ids["F2"], "--at", "2026-10-13T09:00", "--fixed")
    record("H1", "note", "hygiene", "地面湿滑", "--at", "2026-10-12T09:30")
    return ids


def due_json(run, *args):
    result = run("due", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return data, data["sections"]["due"].get("items", {"rows": []})["rows"]


def test_due_lists_what_to_chase_most_urgent_first(run, items):
    _data, rows = due_json(run, "--on", ON)
    names = {value: key for key, value in items.items()}
    assert [names[row["id"]] for row in rows] == ["R1", "C1", "G1", "R4", "F1", "C2"]
    assert [row["urgency"] for row in rows] == ["overdue"] * 3 + ["today", "open", "open"]
    assert [row["item"] for row in rows] == ["referral", "complaint", "grumble", "referral",
                                             "fault", "complaint"]
    assert [row["days_left"] for row in rows] == [-10, -4, -1, 0, None, 20]
    assert [row["due"] for row in rows] == ["2026-10-10", "2026-10-16", "2026-10-19",
                                            "2026-10-20", None, "2026-11-09"]
    fault = rows[4]
    assert fault["days_open"] == 9 and fault["recorded"] == "2026-10-11"
    assert "1号叫号机" in fault["detail"] and "取号机卡纸" in fault["detail"]
    assert rows[0]["customer"] == "客户R1" and rows[0]["via"] == "phone"


def test_overdue_shows_only_what_is_past_its_date(run, items):
    _data, rows = due_json(run, "--on", ON, "--overdue")
    assert [row["id"] for row in rows] == [items["R1"], items["C1"], items["G1"]]


def test_updates_count_as_of_the_day(run, items):
    # on 10-09 R2's follow-up (10-08) had already been moved by the update of 10-08
    _data, rows = due_json(run, "--on", "2026-10-09")
    assert items["R2"] not in [row["id"] for row in rows]
    # on 10-26 the moved follow-up (10-25) is overdue
    _data, rows = due_json(run, "--on", "2026-10-26")
    moved = next(row for row in rows if row["id"] == items["R2"])
    assert moved["due"] == "2026-10-25" and moved["urgency"] == "overdue"
    # before its update of 10-15, C3 is an open complaint; R3 is due before its acceptance
    _data, rows = due_json(run, "--on", "2026-10-12")
    assert items["C3"] in [row["id"] for row in rows]
    _data, rows = due_json(run, "--on", "2026-10-11")
    assert items["R3"] not in [row["id"] for row in rows]  # follow-up 10-12 not yet come


def test_text_table_in_the_journal_language_and_english(run, items):
    result = run("due", "--on", ON)
    assert result.exit_code == 0
    assert "已逾期" in result.stdout and "推荐跟进" in result.stdout and "-10 天" in result.stdout
    result = run("due", "--on", ON, "--lang", "en")
    assert "Overdue" in result.stdout and "Complaint deadline" in result.stdout
    lines = result.stdout.splitlines()
    first = next(index for index, line in enumerate(lines) if line.startswith("Urgency"))
    assert lines[first + 2].startswith("Overdue") and items["R1"] in lines[first + 2]


def test_nothing_due_is_a_friendly_message_and_exit_0(run, items):
    result = run("due", "--on", "2026-09-30")
    assert result.exit_code == 0
    assert "2026-09-30 没有要跟进的推荐、投诉或故障" in result.stdout
    result = run("due", "--on", "2026-09-30", "--lang", "en", "--overdue")
    assert "Nothing overdue on 2026-09-30" in result.stdout


def test_since_limits_the_scan(run, items):
    _data, rows = due_json(run, "--on", ON, "--since", "2026-10-10")
    assert [row["id"] for row in rows] == [items["G1"], items["R4"], items["F1"], items["C2"]]


def test_free_text_masked_unless_no_mask(run, journal):
    path = day_file(journal, "2026-10-05")
    os.makedirs(path.parent, exist_ok=True)
    path.write_text(dump_entry({"id": "261005-aaaaaa", "type": "refer",
                                "at": "2026-10-05T10:00:00+08:00", "by": "王芳",
                                "product": "信用卡", "customer": "张先生 13812345678",
                                "outcome": "pending", "follow_up": "2026-10-06"}),
                    encoding="utf-8")
    result = run("due", "--on", ON)
    assert "138****5678" in result.stdout and "13812345678" not in result.stdout
    result = run("due", "--on", ON, "--no-mask")
    assert "13812345678" in result.stdout


def test_output_file_named_from_the_day(run, items, tmp_path):
    result = run("due", "--on", ON, "--format", "csv", "--output", tmp_path / "due" / "%Y-%m-%d.csv")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "due" / "2026-10-20.csv").read_text(encoding="utf-8").startswith("section,")


@pytest.mark.parametrize("args, words", [
    (("--on", "whenever"), ["不是能读懂的日期或时间"]),
    (("--on", "2026-10-01", "--since", "2026-10-05"), ["晚于 --on"]),
])
def test_bad_dates_are_usage_errors(run, journal, args, words):
    result = run("due", *args)
    assert result.exit_code == 2
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [("due",), ("export",), ("report", "table")])
def test_help_has_an_example(run, command):
    result = run(*command, "--help", journal=False)
    assert result.exit_code == 0
    assert "Example:" in result.stdout and f"lobbyctl {' '.join(command)}" in result.stdout
