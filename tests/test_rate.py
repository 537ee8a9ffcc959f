"""`lobbyctl rate` and `greet --remind-rating`, and the ratings section of
both forms, its figures checked by hand on a small journal."""

import json
import os
import subprocess
import sys

from conftest import day_file

NOW = {"LOBBYCTL_NOW": "2026-11-03T18:00"}


def entries(root, day):
    path = day_file(root, day)
    return [json.loads(line[2:]) for line in path.read_text(encoding="utf-8").splitlines()]


def sections(result):
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sections"]


def test_rate_records_one_entry_and_prints_its_id(run, journal):
    result = run("rate", "--result", "不满意", "--window", "3号窗口", "--teller", "陈静",
                 "--reason", "等待时间长", "--at", "2026-11-03T10:05", env=NOW)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(journal, "2026-11-03")
    assert result.stdout.strip() == entry["id"]
    assert entry["type"] == "rate" and entry["result"] == "dissatisfied"
    assert (entry["count"], entry["window"], entry["teller"], entry["reason"]) == \
        (1, "3号窗口", "陈静", "等待时间长")
    assert "不满意" in result.stderr
    assert run("check").exit_code == 0


def test_rate_a_tally_of_one_result(run, journal):
    result = run("rate", "--result", "very-satisfied", "--count", "41", "--window", "1",
                 "--at", "2026-11-03T17:30", env=NOW)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(journal, "2026-11-03")
    assert entry["count"] == 41 and "teller" not in entry and "×41" in result.stderr


def test_rate_refuses_what_is_not_a_rating(run, journal):
    for args in (["--result", "great"], ["--result", "satisfied", "--count", "0"],
                 ["--result", "satisfied", "--count", "5001"], []):
        result = run("rate", *args, env=NOW)
        assert result.exit_code == 2, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert "very-satisfied" in run("rate", "--result", "great").stderr
    assert not list(journal.glob("2026/**/*.yaml"))


def test_rate_masks_numbers_in_its_text(run, journal):
    result = run("rate", "--result", "dissatisfied", "--reason", "客户留电话13812345678",
                 "--teller", "工号 110101199003071234", env=NOW)
    assert result.exit_code == 0, result.stderr
    text = day_file(journal, "2026-11-03").read_text(encoding="utf-8")
    assert "13812345678" not in text and "110101199003071234" not in text
    assert "138****5678" in text


def test_greet_remind_rating_is_stored(run, journal):
    result = run("greet", "--remind-rating", "--route", "counter", env=NOW)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(journal, "2026-11-03")
    assert entry["remind_rating"] is True
    run("greet", env=NOW)
    assert "remind_rating" not in entries(journal, "2026-11-03")[1]


def test_a_hand_edited_rating_is_refused_by_check(run, journal):
    run("rate", "--result", "satisfied", env=NOW)
    path = day_file(journal, "2026-11-03")
    path.write_text(path.read_text(encoding="utf-8").replace('"satisfied"', '"great"'),
                    encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "2026/11/2026-11-03.yaml:1:" in result.stdout and "great" in result.stdout


def imported(journal, *args):
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "lobbyctl", "-J", str(journal),
                           *args], capture_output=True, text=True, timeout=60,
                          env={**NOW, "PATH": "/usr/bin:/bin",
                               # the session's machine key and records, never the user's
                               "XDG_CACHE_HOME": os.environ.get("XDG_CACHE_HOME", "")})
    assert done.returncode == 0, done.stderr
    return {line.split("|")[-1].strip() for line in done.stderr.splitlines()
            if line.startswith("import time:")}


def test_rate_imports_no_more_than_greet(journal):
    """A recording command stays light: rate loads what greet loads, itself aside."""
    imported(journal, "greet")  # the first recording reads the zone's rules (store.zone)
    extra = imported(journal, "rate", "--result", "satisfied") - imported(journal, "greet")
    assert extra <= {"lobbyctl.cli.commands.rate"}, extra
    assert not {"ruamel", "dateutil", "tabulate"} & {name.split(".")[0] for name in extra}


def small_month(run):
    """October: 2 dissatisfied of 10; September: 3 of 4 satisfied."""
    for args in (("--result", "very-satisfied", "--count", "5", "--window", "1", "--teller", "陈静"),
                 ("--result", "satisfied", "--count", "2", "--window", "2", "--teller", "刘洋"),
                 ("--result", "basic", "--window", "2", "--teller", "刘洋"),
                 ("--result", "dissatisfied", "--window", "2", "--teller", "刘洋",
                  "--reason", "等待时间长"),
                 ("--result", "dissatisfied", "--window", "1", "--teller", "陈静",
                  "--reason", "手续繁琐")):
        assert run("rate", *args, "--at", "2026-10-15T11:00", env=NOW).exit_code == 0
    for result, count in (("satisfied", "3"), ("dissatisfied", "1")):
        assert run("rate", "--result", result, "--count", count, "--at", "2026-09-30T16:00",
                   env=NOW).exit_code == 0
    run("greet", "--count", "3", "--remind-rating", "--at", "2026-10-15T10:00", env=NOW)
    run("greet", "--count", "2", "--at", "2026-10-15T10:00", env=NOW)


def test_day_form_ratings_by_hand(run, journal):
    small_month(run)
    ratings = sections(run("report", "day", "2026-10-15", "--format", "json", env=NOW))["ratings"]
    summary = ratings["summary"]
    assert (summary["ratings"], summary["very-satisfied"], summary["satisfied"], summary["basic"],
            summary["dissatisfied"]) == (10, 5, 2, 1, 2)
    assert summary["satisfaction"] == 0.7  # (5 + 2) / 10
    assert summary["reminded"] == 3
    assert ratings["by_window"]["rows"] == [
        {"window": "1", "ratings": 6, "dissatisfied": 1, "satisfaction": 5 / 6},
        {"window": "2", "ratings": 4, "dissatisfied": 1, "satisfaction": 0.5}]
    assert [row["teller"] for row in ratings["by_teller"]["rows"]] == ["刘洋", "陈静"]
    assert sorted(row["reason"] for row in ratings["dissatisfied"]["rows"]) == ["手续繁琐", "等待时间长"]


def test_month_form_ratings_and_the_previous_month(run, journal):
    small_month(run)
    ratings = sections(run("report", "month", "2026-10", "--format", "json", env=NOW))["ratings"]
    assert ratings["summary"]["satisfaction"] == 0.7
    assert ratings["summary"]["previous_satisfaction"] == 0.75  # 3 of 4 in September
    text = run("report", "month", "2026-10", "--lang", "en", env=NOW).stdout
    assert "## Counter ratings" in text and "Previous month's satisfaction**: 75.0%" in text
    zh = run("report", "month", "2026-10", env=NOW).stdout
    assert "## 柜台服务评价" in zh and "**满意率**：70.0%" in zh
    empty = sections(run("report", "month", "2026-08", "--format", "json", env=NOW))["ratings"]
    assert empty["empty"] is True


def test_export_has_the_rating_columns(run, journal):
    small_month(run)
    result = run("export", "--format", "jsonl", "--type", "rate", "--from", "2026-10-01", env=NOW)
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5 and {row["result"] for row in rows} >= {"dissatisfied"}
    assert rows[0]["window"] and "teller" in rows[0] and "reason" in rows[0]


def test_a_bad_previous_month_with_skip_bad(run, journal):
    small_month(run)
    bad = day_file(journal, "2026-09-30")
    bad.write_text(bad.read_text(encoding="utf-8").replace('"dissatisfied"', '"awful"'),
                   encoding="utf-8")
    refused = run("report", "month", "2026-10", "--format", "json", env=NOW)
    assert refused.exit_code == 1 and "2026-09-30.yaml:2:" in refused.stderr
    result = run("report", "month", "2026-10", "--format", "json", "--skip-bad", env=NOW)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("2026-09-30.yaml:2:") == 1  # named once, never silently
    # the refused entry is left out of September: 3 satisfied of 3
    assert json.loads(result.stdout)["sections"]["ratings"]["summary"]["previous_satisfaction"] == 1.0
