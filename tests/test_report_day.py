"""``lobbyctl report day``: the daily lobby log.

Golden files: ``tests/golden/day-2026-10-15.{zh,en}.{md,txt}`` are the log of
15 October in the fixed journal of ``report_journal.py``.  After a deliberate
change, regenerate them and review the diff before committing:

    LOBBYCTL_REGENERATE_GOLDEN=1 make test
"""

import csv
import datetime
import io
import json
import os
import re

import pytest

import report_journal
from conftest import Run, day_file
from lobbyctl.store.journal import Journal
from lobbyctl.reports.day import build_day_report
from lobbyctl.reports.open_items import read_period
from lobbyctl.reports.same_weekdays import read_same_weekdays
from lobbyctl.render.formats import render
from test_report_month import check_golden


@pytest.fixture(scope="module")
def october(tmp_path_factory):
    root = tmp_path_factory.mktemp("october-day") / "journal"
    return root, report_journal.build(root)


@pytest.fixture
def run_october(october):
    return Run(october[0])


def day_data(run, day, *args):
    result = run("report", "day", day, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt,ext", [("markdown", "md"), ("text", "txt")])
def test_golden_log(october, lang, fmt, ext):
    root, ids = october
    journal, day = Journal.open(root), datetime.date(2026, 10, 15)
    report = build_day_report(journal, day, lang, inputs=read_period(journal, day, day, day),
                              same_weekdays=read_same_weekdays(journal, day)[0])
    check_golden(f"day-2026-10-15.{lang}.{ext}", report_journal.normalise(render(report, fmt), ids))


def test_cli_prints_the_golden_log(october, run_october):
    root, ids = october
    result = run_october("report", "day", "2026-10-15", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    golden = os.path.join(os.path.dirname(__file__), "golden", "day-2026-10-15.zh.txt")
    with open(golden, encoding="utf-8") as handle:
        assert report_journal.normalise(result.stdout, ids) == handle.read()


def test_customers_counted_with_their_counts(run_october):
    data = day_data(run_october, "2026-10-15")
    customers = data["sections"]["customers"]
    summary = customers["summary"]
    # greetings of 3, 1, 2 and 1 customers; self-service 3, wealth manager 1, e-banking 1
    assert (summary["greetings"], summary["customers"], summary["diverted"]) == (4, 7, 5)
    assert summary["diversion_rate"] == pytest.approx(5 / 7)
    # waits per customer 4, 4, 4, 12, 12, 20: median (4 + 12) / 2, longest 20
    assert (summary["wait_recorded"], summary["wait_median"], summary["wait_max"]) == (6, 8, 20)
    assert [(row["hour"], row["customers"]) for row in customers["by_hour"]["rows"]] == [
        ("09:00–10:00", 4), ("10:00–11:00", 3)]
    assert customers["by_route"]["total"]["customers"] == 7
    assert data["on_duty"] == ["王芳"] and data["staff"] == ["李娜", "保安老周"]


def test_states_are_as_of_the_end_of_the_day(october, run_october):
    """refer1 was accepted on the 16th: pending in the log of the 15th,
    accepted in the log of the 16th's follow-ups."""
    _root, ids = october
    referrals = day_data(run_october, "2026-10-15")["sections"]["referrals"]
    outcomes = {row["id"]: row["outcome"] for row in referrals["referrals"]["rows"]}
    assert outcomes == {ids["refer1"]: "pending", ids["refer2"]: "pending"}
    assert referrals["summary"]["conversion"] is None  # nothing decided yet
    done = day_data(run_october, "2026-10-16")["sections"]["followups"]["done"]["rows"]
    assert [(row["ref"], row["what"], row["outcome"]) for row in done] == [
        (ids["refer1"], "refer", "accepted")]


def test_complaints_with_level_steps_and_status(october, run_october):
    _root, ids = october
    rows = day_data(run_october, "2026-10-15")["sections"]["complaints"]["complaints"]["rows"]
    assert [(row["id"], row["level"], row["category"], row["steps"], row["status"], row["due"])
            for row in rows] == [
        (ids["compl1"], "grumble", "attitude", ["calm", "apologise", "resolve"], "resolved", None),
        (ids["compl2"], "complaint", "facilities", ["calm", "explore"], "open", "2026-10-30"),
    ]


def test_follow_ups_falling_due_include_earlier_months(october, run_october):
    _root, ids = october
    followups = day_data(run_october, "2026-10-15")["sections"]["followups"]
    assert [(row["id"], row["due"], row["days_late"]) for row in followups["falling_due"]["rows"]] \
        == [(ids["compl0"], "2026-10-05", 10), (ids["refer0"], "2026-10-08", 7)]
    assert [row["ref"] for row in followups["done"]["rows"]] == [ids["compl0"]]


def test_checklists_and_notes(run_october):
    data = day_data(run_october, "2026-10-15", "--lang", "en")
    items = data["sections"]["opening"]["items"]["rows"]
    assert [(row["item"], row["fine"]) for row in items] == [
        ("appearance", True), ("facilities", True), ("materials", False), ("notices", True)]
    assert items[2]["problem"] == "理财宣传册缺货"
    assert data["sections"]["closing"]["remarks"]["lines"] == ["上午客流集中，理财咨询较多"]
    notes = data["sections"]["notes"]
    assert [row["device"] for row in notes["faults"]["rows"]] == ["2号取号机"]
    assert notes["opinions"]["lines"] == ["15:00 希望增加周末理财咨询 (praise)"]
    # never closed, never greeted before 09:00: the 16th has no closing
    sixteenth = day_data(run_october, "2026-10-16", "--lang", "en")
    assert sixteenth["sections"]["closing"]["empty"] is True


def test_day_without_entries_says_so(journal, run):
    result = run("report", "day", "2026-10-03", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert "No opening checklist was recorded this day." in result.stdout
    assert "No closing checklist was recorded this day." in result.stdout
    # the default date is today
    assert run("report", "day").exit_code == 0


def test_csv_and_json_load_back(run_october):
    result = run_october("report", "day", "2026-10-15", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    figure = {(row["section"], row["table"], row["row"], row["column"]): row["value"]
              for row in rows}
    assert figure[("customers", "by_hour", "09:00–10:00", "customers")] == "4"
    assert figure[("customers", "summary", "", "customers")] == "7"
    assert day_data(run_october, "2026-10-15")["report"] == "day"


def test_masked_unless_no_mask(journal, run):
    config = journal / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    assert "store_personal_data: false" in text
    config.write_text(text.replace("store_personal_data: false", "store_personal_data: true"),
                      encoding="utf-8")
    assert run("greet", "--at", "2026-10-15T10:00", "--potential", "--customer", "张先生",
               "--note", "手机 13812345678").exit_code == 0
    for fmt in ("text", "markdown", "csv", "json"):
        shown = run("report", "day", "2026-10-15", "--format", fmt).stdout
        assert "13812345678" not in shown and "138****5678" in shown.replace("\\*", "*"), fmt
        assert "13812345678" in run("report", "day", "2026-10-15", "--format", fmt,
                                    "--no-mask").stdout, fmt


def test_broken_day_file(journal, run):
    path = day_file(journal, "2026-10-15")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("- {a: [1, 2\n", encoding="utf-8")
    result = run("report", "day", "2026-10-15")
    assert result.exit_code == 1
    assert re.search(r"2026-10-15\.yaml:\d+: ", result.stderr), result.stderr
    result = run("report", "day", "2026-10-15", "--skip-bad")
    assert result.exit_code == 0
    assert "2026-10-15.yaml" in result.stderr


def test_bad_date_is_a_usage_error(journal, run):
    result = run("report", "day", "2026-02-30")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_help_has_an_example(run):
    result = run("report", "day", "--help", journal=False)
    assert result.exit_code == 0 and "Example:" in result.stdout


def test_a_journals_own_checklist_item_is_shown_by_its_name(journal, run):
    config = journal / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  open: {}", "  open: {queue-machine: 叫号机}"), encoding="utf-8")
    result = run("open", "--at", "2026-10-15T08:30", "--ok", "--problem", "queue-machine", "无法出号")
    assert result.exit_code == 0, result.stderr
    shown = run("report", "day", "2026-10-15", "--lang", "zh").stdout
    assert re.search(r"叫号机 +否 +无法出号", shown), shown
    rows = day_data(run, "2026-10-15")["sections"]["opening"]["items"]["rows"]
    assert rows[-1] == {"item": "queue-machine", "fine": False, "problem": "无法出号"}


def test_every_report_word_has_chinese_and_english():
    from lobbyctl.reports.figures import WORDS

    for key, pair in WORDS.items():
        assert len(pair) == 2 and all(isinstance(text, str) and text for text in pair), key
