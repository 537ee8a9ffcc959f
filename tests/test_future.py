"""The future (issue 9): a recording more than 15 minutes ahead of now is
refused unless --future (then at most a day ahead); `--at 10:30` typed at
02:00 points at yesterday; a report of a day or month still to come says so.
"Now" is fixed with $LOBBYCTL_NOW, so nothing here depends on the wall clock."""

import json

import pytest

from conftest import day_file

AT_2AM = {"LOBBYCTL_NOW": "2026-12-01T02:00"}

# every recording command, with what it needs besides --at
RECORDING = {
    "greet": ["greet"],
    "refer": ["refer", "--product", "理财"],
    "complain": ["complain", "--category", "attitude", "--summary", "慢"],
    "note": ["note", "hygiene", "地面湿滑"],
    "open": ["open", "--ok"],
    "close": ["close", "--ok"],
}


def stored(root, day):
    path = day_file(root, day)
    if not path.exists():
        return []
    return [json.loads(line[2:]) for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("- ")]


@pytest.mark.parametrize("command", list(RECORDING) + ["update"])
def test_every_recording_command_refuses_tomorrow_without_future(run, journal, command):
    if command == "update":
        made = run("refer", "--product", "理财", env=AT_2AM)
        argv = ["update", made.stdout.strip(), "--via", "phone"]
    else:
        argv = RECORDING[command]
    result = run(*argv, "--at", "tomorrow 00:30", env=AT_2AM)
    assert result.exit_code == 2
    assert "15 分钟" in result.stderr and "--future" in result.stderr
    assert stored(journal, "2026-12-02") == []
    result = run(*argv, "--at", "tomorrow 00:30", "--future", env=AT_2AM)
    assert result.exit_code == 0, result.stderr
    assert stored(journal, "2026-12-02")[-1]["at"] == "2026-12-02T00:30:00+08:00"


def test_a_clock_time_ahead_today_hints_at_yesterday(run, journal):
    before = sorted(p.name for p in journal.rglob("*.yaml"))
    result = run("greet", "--at", "10:30", env=AT_2AM)
    assert result.exit_code == 2
    assert '--at "昨天 10:30"' in result.stderr
    assert sorted(p.name for p in journal.rglob("*.yaml")) == before
    result = run("greet", "--at", "昨天 10:30", env=AT_2AM)
    assert result.exit_code == 0, result.stderr
    assert stored(journal, "2026-11-30")[-1]["at"] == "2026-11-30T10:30:00+08:00"


def test_the_hint_is_in_the_journals_language(run):
    assert run("init", "--branch-code", "0101", "--branch-name", "East", "--manager", "Ann",
               "--lang", "en").exit_code == 0
    result = run("greet", "--at", "10:30", env=AT_2AM)
    assert result.exit_code == 2
    assert "more than 15 minutes after now" in result.stderr
    assert '--at "yesterday 10:30"' in result.stderr


@pytest.mark.parametrize("at, ok", [
    ("02:15", True),     # 15 minutes ahead: a fast clock, allowed
    ("02:16", False),
    ("01:00", True),
    ("now", True),
    ("2026-12-01T02:20+08:00", False),
    ("2026-11-30T18:20Z", False),  # 02:20 in Shanghai
])
def test_fifteen_minutes_of_slack(run, journal, at, ok):
    result = run("greet", "--at", at, env=AT_2AM)
    assert (result.exit_code == 0) is ok, result.stderr
    if not ok:
        assert result.exit_code == 2


def test_future_keeps_the_one_day_limit(run, journal):
    result = run("greet", "--at", "2026-12-02T02:01", "--future", env=AT_2AM)
    assert result.exit_code == 2 and "比现在晚一天以上" in result.stderr
    result = run("greet", "--at", "2026-12-02T01:59", "--future", env=AT_2AM)
    assert result.exit_code == 0, result.stderr


def test_future_is_documented_on_every_recording_command(run):
    for command in list(RECORDING) + ["update"]:
        text = " ".join(run(command, "--help", journal=False).stdout.split())
        assert "--future" in text and "--at 'yesterday 10:30'" in text, command


@pytest.mark.parametrize("fixed", ["soon", "9999-12-31T23:59", "1999-01-01", "0001-01-01T00:00",
                                   "2026-12-01T02:00\x1b[31m", "2" * 5000])
def test_a_bad_lobbyctl_now_is_a_usage_problem(run, journal, fixed):
    result = run("greet", env={"LOBBYCTL_NOW": fixed})
    assert result.exit_code == 2 and "LOBBYCTL_NOW" in result.stderr
    assert "\x1b[" not in result.stderr and len(result.stderr) < 400
    assert not list(journal.glob("*/*/*.yaml"))


def test_a_future_day_report_says_so(run, journal):
    result = run("report", "day", "tomorrow", "-f", "json", env=AT_2AM)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["future"] is True
    assert "2026-12-02 还没有到" in result.stderr
    result = run("report", "day", "tomorrow", env=AT_2AM)
    assert "将来日期: 是" in result.stdout
    result = run("report", "day", "today", "-f", "json", env=AT_2AM)
    assert "future" not in json.loads(result.stdout) and result.stderr == ""


def test_report_day_30_on_the_1st_is_last_months(run, journal):
    result = run("report", "day", "30", "-f", "json", env=AT_2AM)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["date"] == "2026-11-30" and "future" not in report
    # the 31st typed on 1 December: October's (November has none)
    result = run("report", "day", "31", "-f", "json", env=AT_2AM)
    assert json.loads(result.stdout)["date"] == "2026-10-31"
    result = run("report", "day", "1", "-f", "json", env=AT_2AM)
    assert json.loads(result.stdout)["date"] == "2026-12-01"
    result = run("report", "day", "32", env=AT_2AM)
    assert result.exit_code == 2 and "不是一个月中的日子" in result.stderr


def test_a_future_month_report_says_so(run, journal):
    result = run("report", "month", "2027-01", "-f", "json", env=AT_2AM)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["future"] is True
    assert "2027-01 还没有开始" in result.stderr
    result = run("report", "month", "this", "-f", "json", env=AT_2AM)
    assert "future" not in json.loads(result.stdout) and result.stderr == ""


def test_due_on_a_future_day_plans_without_a_notice(run, journal):
    result = run("due", "--on", "next monday", env=AT_2AM)
    assert result.exit_code == 0 and "将来" not in result.stderr


def test_a_bare_day_number_to_plan_is_the_next_one(run, journal):
    """--follow-up 30 and due --on 5 plan ahead: the coming 30th and 5th."""
    result = run("refer", "--product", "理财", "--follow-up", "30", env=AT_2AM)
    assert result.exit_code == 0, result.stderr
    assert stored(journal, "2026-12-01")[-1]["follow_up"] == "2026-12-30"
    result = run("due", "--on", "5", "-f", "json", env=AT_2AM)
    assert result.exit_code == 0 and json.loads(result.stdout)["on"] == "2026-12-05"
    result = run("due", "--on", "1", "-f", "json", env=AT_2AM)
    assert json.loads(result.stdout)["on"] == "2026-12-01"


@pytest.mark.parametrize("fixed,words", [("soon", "不是 ISO 时间"), ("1999-01-01", "超出日志记录的年份")])
def test_a_bad_now_option_is_named_as_typed_in_the_journals_language(run, journal, fixed, words):
    result = run("--now", fixed, "greet")
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：--now") and words in result.stderr, result.stderr
    assert not list(journal.glob("*/*/*.yaml"))
