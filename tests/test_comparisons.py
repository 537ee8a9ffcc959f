"""The monthly form's headline figures beside the month before and the same
month a year before, and the daily log's hourly flow beside the four
previous same weekdays: every figure worked out by hand on a small journal.

The journal (``comparison_journal``), ``--now 2026-12-01T09:00``:

* 2025-11-10: 2 customers to the counter waiting 5, 1 to self-service
  waiting 15.  Customers 3, one business day, diversion 1/3, waits
  [5, 5, 15]: median 5, p90 the 3rd = 15, within 10 minutes 2/3.
* 2026-10-05: opened and closed fine; 4 customers to self-service waiting
  2; a grumble; a referral accepted.  Customers 4, diversion 1, waits all
  2, within 10 minutes 1, referrals 1 (conversion 1), grumbles 1,
  compliance 1/1.
* 2026-11-02: opened fine, never closed; 3 to the counter waiting 12,
  2 to self-service waiting 8; a fault (never fixed).
  2026-11-03: 1 to self-service, no wait; a formal complaint (due 11-18,
  open on the 30th: overdue); a referral declined, one pending.
  Customers 6 over 2 days (3.0 a day), diverted 3 (0.5), waits
  [8, 8, 12, 12, 12]: median 12, p90 the 5th = 12, within 10 minutes 2/5;
  referrals 2, conversion 0/1; grumbles 0, formal 1, overdue 1; faults 1
  reported, 1 open; compliance 0/2."""

import csv
import io
import json

import pytest

from conftest import day_file

NOW = {"LOBBYCTL_NOW": "2026-12-01T09:00"}

STEPS = [
    ["greet", "--at", "2025-11-10T09:10", "--count", "2", "--route", "counter", "--wait", "5"],
    ["greet", "--at", "2025-11-10T09:20", "--route", "self-service", "--wait", "15"],
    ["open", "--at", "2026-10-05T08:30", "--ok"],
    ["greet", "--at", "2026-10-05T09:00", "--count", "4", "--route", "self-service",
     "--wait", "2"],
    ["complain", "--at", "2026-10-05T10:00", "--level", "grumble", "--category", "waiting",
     "--summary", "人多"],
    ["refer", "--at", "2026-10-05T10:30", "--product", "理财", "--to", "wealth-manager",
     "--outcome", "accepted"],
    ["close", "--at", "2026-10-05T17:30", "--ok"],
    ["open", "--at", "2026-11-02T08:30", "--ok"],
    ["greet", "--at", "2026-11-02T09:00", "--count", "3", "--route", "counter", "--wait", "12"],
    ["greet", "--at", "2026-11-02T09:30", "--count", "2", "--route", "self-service",
     "--wait", "8"],
    ["note", "--at", "2026-11-02T10:00", "fault", "ATM吞卡", "--device", "ATM"],
    ["greet", "--at", "2026-11-03T09:00", "--route", "self-service"],
    ["complain", "--at", "2026-11-03T10:00", "--level", "complaint", "--category", "waiting",
     "--summary", "排队太久"],
    ["refer", "--at", "2026-11-03T10:10", "--product", "理财", "--to", "wealth-manager",
     "--outcome", "declined"],
    ["refer", "--at", "2026-11-03T10:20", "--product", "存款", "--to", "wealth-manager"],
]

# figure -> (November, October, change, November 2025, change on a year)
EXPECTED = {
    "customers": (6, 4, 0.5, 3, 1.0),
    "daily_average": (3.0, 4.0, -0.25, 3.0, 0.0),
    "diversion_rate": (0.5, 1.0, -0.5, 1 / 3, 0.5 - 1 / 3),
    "wait_median": (12, 2, 5.0, 5, 1.4),
    "wait_p90": (12, 2, 5.0, 15, -0.2),
    "within_10_minutes": (0.4, 1.0, -0.6, 2 / 3, 0.4 - 2 / 3),
    "highend": (0, 0, None, 0, None),
    "referrals": (2, 1, 1.0, 0, None),
    "referral_conversion": (0.0, 1.0, -1.0, None, None),
    "grumbles": (0, 1, -1.0, 0, None),
    "formal_complaints": (1, 0, None, 0, None),
    "overdue_complaints": (1, 0, None, 0, None),
    "faults_reported": (1, 0, None, 0, None),
    "faults_open": (1, 0, None, 0, None),
    "checklist_compliance": (0.0, 1.0, -1.0, 0.0, 0.0),
    # no ratings, tickets or outreach in these months: rates are None, counts 0
    "satisfaction": (None, None, None, None, None),
    "no_show_rate": (None, None, None, None, None),
    "outreach_events": (0, 0, None, 0, None),
    "brought_in": (0, 0, None, 0, None),
    "lead_conversion": (None, None, None, None, None),
}


@pytest.fixture
def comparison_journal(english_journal, run):
    for step in STEPS:
        result = run(*step, env=NOW)
        assert result.exit_code == 0, (step, result.stderr)
    return english_journal


def headline_rows(run, month="2026-11", *args):
    result = run("report", "month", month, "--format", "json", *args, env=NOW)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return {row["figure"]: row for row in data["sections"]["headline"]["figures"]["rows"]}


def test_every_headline_figure_beside_the_month_before_and_a_year_before(comparison_journal, run):
    rows = headline_rows(run)
    assert list(rows) == list(EXPECTED)
    for key, (value, previous, change, year_ago, year_change) in EXPECTED.items():
        row = rows[key]
        for column, want in (("value", value), ("previous", previous), ("change", change),
                             ("year_ago", year_ago), ("year_change", year_change)):
            assert row[column] == (None if want is None else pytest.approx(want)), (key, column)
        # a rate changes in points, anything else in per cent of the earlier figure
        assert row["change_kind"] == ("points" if row["kind"] == "pct" else "change_pct"), key


def test_a_headline_figure_is_the_figure_its_own_section_shows(comparison_journal, run):
    result = run("report", "month", "2026-11", "--format", "json", env=NOW)
    sections = json.loads(result.stdout)["sections"]
    rows = {row["figure"]: row["value"]
            for row in sections["headline"]["figures"]["rows"]}
    assert rows["customers"] == sections["flow"]["summary"]["customers"]
    assert rows["daily_average"] == sections["flow"]["summary"]["daily_average"]
    assert rows["diversion_rate"] == sections["routing"]["summary"]["diversion_rate"]
    assert rows["wait_p90"] == sections["waits"]["summary"]["wait_p90"]
    assert rows["within_10_minutes"] == sections["waits"]["summary"]["wait_within"]
    assert rows["referral_conversion"] == sections["referrals"]["summary"]["conversion"]
    assert rows["formal_complaints"] == sections["complaints"]["summary"]["formal"]
    assert rows["overdue_complaints"] == sections["complaints"]["summary"]["overdue"]
    assert rows["faults_open"] == sections["facilities"]["summary"]["faults_open"]
    assert rows["checklist_compliance"] == sections["checklists"]["summary"]["compliance"]


def test_the_previous_months_column_is_what_its_own_form_says(comparison_journal, run):
    november = headline_rows(run)
    october = headline_rows(run, "2026-10")
    assert {key: row["previous"] for key, row in november.items()} == \
        {key: row["value"] for key, row in october.items()}


def test_a_month_without_day_files_is_a_dash_never_a_zero(comparison_journal, run):
    # October 2025 has no day file: every figure of the year before is None, not 0
    rows = headline_rows(run, "2026-10")
    assert all(row["year_ago"] is None and row["year_change"] is None for row in rows.values())
    result = run("report", "month", "2026-10", "--format", "text", env=NOW)
    line = next(line for line in result.stdout.splitlines()
                if line.startswith("Customers received "))
    assert line.split() == ["Customers", "received", "4", "—", "—", "—", "—", "—", "—"]


def test_three_months_with_no_day_files_say_so(comparison_journal, run):
    result = run("report", "month", "2026-06", "--format", "json", env=NOW)
    headline = json.loads(result.stdout)["sections"]["headline"]
    assert headline["empty"] is True


def test_changes_are_drawn_in_points_and_per_cent_in_both_languages(comparison_journal, run):
    english = run("report", "month", "2026-11", "--format", "text", env=NOW).stdout
    diversion = next(line for line in english.splitlines() if line.startswith("Diversion rate"))
    assert "50.0%" in diversion and "-50.0 pt" in diversion and "+16.7 pt" in diversion
    customers = next(line for line in english.splitlines()
                     if line.startswith("Customers received "))
    assert customers.split()[2:7] == ["6", "4", "+50%", "3", "+100%"]
    chinese = run("report", "month", "2026-11", "--format", "text", "--lang", "zh",
                  env=NOW).stdout
    assert "-50.0 个百分点" in chinese
    assert "主要指标" in chinese and "去年同月" in chinese


def test_csv_carries_every_comparison_under_stable_keys(comparison_journal, run):
    result = run("report", "month", "2026-11", "--format", "csv", env=NOW)
    assert result.exit_code == 0, result.stderr
    rows = [row for row in csv.reader(io.StringIO(result.stdout)) if row[0] == "headline"]
    cells = {(row[2], row[3]): row[4] for row in rows}
    assert cells[("customers", "value")] == "6"
    assert cells[("customers", "previous")] == "4"
    assert cells[("customers", "change")] == "0.5"
    assert cells[("customers", "year_ago")] == "3"
    assert cells[("diversion_rate", "change")] == "-0.5"
    assert cells[("formal_complaints", "change")] == ""  # from 0: no per cent
    assert {column for _row, column in cells} >= {"value", "previous", "change", "year_ago",
                                                  "year_change", "target", "met"}


def test_the_markdown_form_has_the_headline_first(comparison_journal, run):
    result = run("report", "month", "2026-11", env=NOW)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.index("## Headline figures") < text.index("## Customer flow")
    assert "| Checklist compliance" in text


def test_a_bad_file_in_the_month_before_is_named_and_left_out_with_skip_bad(
        comparison_journal, run):
    path = day_file(comparison_journal, "2026-10-05")
    path.write_bytes(path.read_bytes() + b"- {\"id\": [unclosed\n")
    refused = run("report", "month", "2026-11", "--format", "json", env=NOW)
    assert refused.exit_code == 1
    assert "2026-10-05.yaml" in refused.stderr and "Traceback" not in refused.stderr
    skipped = run("report", "month", "2026-11", "--format", "json", "--skip-bad", env=NOW)
    assert skipped.exit_code == 0, skipped.stderr
    assert skipped.stderr.count("2026-10-05.yaml") == 1
    rows = {row["figure"]: row
            for row in json.loads(skipped.stdout)["sections"]["headline"]["figures"]["rows"]}
    assert rows["customers"]["previous"] is None  # the month's one file left out: not covered


# --- the daily log: the hourly flow beside the same weekdays before ---------

DAY_STEPS = [
    ["greet", "--at", "2026-11-19T09:10", "--count", "2"],
    ["greet", "--at", "2026-11-19T10:20", "--count", "4"],
    ["greet", "--at", "2026-11-05T09:30", "--count", "4"],
    ["note", "--at", "2026-10-29T12:00", "hygiene", "地面湿滑"],  # a day file, no customers
    ["greet", "--at", "2026-11-26T09:05", "--count", "3"],
    ["greet", "--at", "2026-11-12T09:00", "--count", "9"],  # a Thursday, but deleted below
]


@pytest.fixture
def thursdays(english_journal, run):
    for step in DAY_STEPS:
        result = run(*step, env=NOW)
        assert result.exit_code == 0, (step, result.stderr)
    day_file(english_journal, "2026-11-12").unlink()  # no day file: not a day of 0
    return english_journal


def day_customers(run, date):
    result = run("report", "day", date, "--format", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["sections"]["customers"]


def test_the_hourly_flow_beside_the_four_previous_same_weekdays(thursdays, run):
    customers = day_customers(run, "2026-11-26")
    # 11-19, 11-05 and 10-29 have a day file; 11-12 has none
    assert customers["summary"]["same_weekdays_found"] == 3
    assert customers["summary"]["same_weekdays_dates"] == ["2026-11-19", "2026-11-05",
                                                          "2026-10-29"]
    rows = {row["hour"]: row for row in customers["by_hour"]["rows"]}
    assert list(rows) == ["09:00–10:00", "10:00–11:00"]
    assert rows["09:00–10:00"]["same_weekdays"] == 2.0  # (2 + 4 + 0) / 3
    assert rows["09:00–10:00"]["change"] == pytest.approx(0.5)  # 3 against 2
    assert rows["10:00–11:00"]["customers"] == 0  # busy only on a day compared
    assert rows["10:00–11:00"]["same_weekdays"] == 1.3  # 4 / 3
    assert rows["10:00–11:00"]["change"] == pytest.approx(-1.0)
    text = run("report", "day", "2026-11-26", "--format", "text", env=NOW).stdout
    line = next(line for line in text.splitlines() if line.startswith("09:00–10:00"))
    assert "2.0" in line and "+50%" in line


def test_no_same_weekday_found_is_a_dash(thursdays, run):
    customers = day_customers(run, "2026-10-29")  # nothing recorded in the weeks before
    assert customers == {"title": customers["title"], "empty": True}
    result = run("greet", "--at", "2026-10-22T15:00", env=NOW)
    assert result.exit_code == 0, result.stderr
    customers = day_customers(run, "2026-10-22")
    assert customers["summary"]["same_weekdays_found"] == 0
    assert customers["summary"]["same_weekdays_dates"] is None
    row = customers["by_hour"]["rows"][0]
    assert row["same_weekdays"] is None and row["change"] is None
    text = run("report", "day", "2026-10-22", "--format", "text", "--lang", "zh",
               env=NOW).stdout
    assert "前四个同星期日均" in text
    line = next(line for line in text.splitlines() if line.startswith("15:00–16:00"))
    assert line.split()[3:5] == ["—", "—"]
