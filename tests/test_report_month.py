"""``lobbyctl report month``: the monthly feedback report form.

Golden files: ``tests/golden/month-2026-10.{zh,en}.{md,txt}`` are the form of
the fixed journal in ``report_journal.py``.  After a deliberate change to the
form, regenerate them and review the diff before committing:

    LOBBYCTL_REGENERATE_GOLDEN=1 make test
    (or: LOBBYCTL_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_month.py tests/test_report_day.py)
"""

import csv
import datetime
import io
import json
import os
import re
from zoneinfo import ZoneInfo

import pytest

import report_journal
from conftest import LOBBYCTL, Run, day_file, subprocess_run
from lobbyctl.store.journal import Journal
from lobbyctl.reports.month import SECTIONS, as_of_day, build_month_report, month_bounds
from lobbyctl.reports.headline import read_earlier
from lobbyctl.reports.open_items import read_period
from lobbyctl.render.formats import render
from lobbyctl.render.template import render_with_template, template_text

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")
REGENERATE = os.environ.get("LOBBYCTL_REGENERATE_GOLDEN") == "1"
GENERATED = datetime.datetime(2026, 11, 1, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
GENERATED_TEXT = "2026-11-01T07:00+08:00"


def check_golden(name, text):
    path = os.path.join(GOLDEN, name)
    if REGENERATE:
        os.makedirs(GOLDEN, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    with open(path, encoding="utf-8", newline="") as handle:
        expected = handle.read()
    assert text == expected, f"{name} differs (LOBBYCTL_REGENERATE_GOLDEN=1 to rewrite it)"


@pytest.fixture(scope="module")
def october(tmp_path_factory):
    """The fixed journal: ``(root, ids)``."""
    root = tmp_path_factory.mktemp("october") / "journal"
    return root, report_journal.build(root)


@pytest.fixture
def run_october(october):
    return Run(october[0])


def month_data(run, *args):
    result = run("report", "month", "2026-10", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def month_report(journal, lang, generated):
    """October 2026's form, read as ``report month`` reads it."""
    inputs = read_period(journal, *month_bounds(2026, 10), as_of_day(2026, 10, generated))
    earlier, _skipped = read_earlier(journal, 2026, 10, generated)
    return build_month_report(journal, 2026, 10, lang, generated=generated, inputs=inputs,
                              earlier=earlier)


def form(root, lang, fmt):
    journal = Journal.open(root)
    report = month_report(journal, lang, GENERATED)
    return render_with_template(report, template_text("month", lang, fmt), fmt)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt,ext", [("markdown", "md"), ("text", "txt")])
def test_golden_form(october, lang, fmt, ext):
    root, ids = october
    check_golden(f"month-2026-10.{lang}.{ext}", report_journal.normalise(form(root, lang, fmt), ids))


def test_cli_prints_the_golden_form_with_its_generation_time(october, run_october):
    root, ids = october
    result = run_october("report", "month", "2026-10", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    text = report_journal.normalise(result.stdout, ids)
    # the generation time is the only line that moves
    moved = re.sub(r"^- \*\*Generated\*\*: .*$", f"- **Generated**: {GENERATED_TEXT}", text,
                   flags=re.M)
    with open(os.path.join(GOLDEN, "month-2026-10.en.md"), encoding="utf-8") as handle:
        assert moved == handle.read()


def test_figures_worked_out_by_hand(run_october):
    data = month_data(run_october)
    sections = data["sections"]
    want = report_journal.EXPECTED
    assert data["business_days"] == want["business_days"]
    assert data["managers"] == ["王芳", "李强"]
    assert data["branch"] == "0101 城东支行"
    assert sections["flow"]["summary"]["customers"] == want["customers"]
    routing = sections["routing"]["summary"]
    assert routing["diverted"] == want["diverted"]
    assert routing["diversion_rate"] == pytest.approx(9 / 13)
    waits = sections["waits"]["summary"]
    for key in ("wait_recorded", "wait_median", "wait_p90", "wait_within", "wait_max"):
        assert waits[key] == pytest.approx(want[key]), key
    referrals = sections["referrals"]["summary"]
    for key in ("made", "accepted", "declined", "pending", "follow_ups_done", "pending_late"):
        assert referrals[key] == want[key], key
    assert referrals["conversion"] == pytest.approx(2 / 3)  # accepted ÷ decided, pending left out
    complaints = sections["complaints"]["summary"]
    assert complaints["total"] == want["complaints"]
    for key in ("grumbles", "formal", "on_the_spot", "escalated", "still_open", "overdue"):
        assert complaints[key] == want[key], key
    assert complaints["median_close"] == pytest.approx(want["median_close"])
    facilities = sections["facilities"]["summary"]
    for key in ("faults_reported", "carried_over", "faults_fixed", "faults_open"):
        assert facilities[key] == want[key], key
    checklists = sections["checklists"]["summary"]
    for key in ("business_days", "opened_fine", "closed_fine", "missing_open", "missing_close"):
        assert checklists[key] == want[key], key


def test_overdue_complaint_from_last_month_is_listed_with_days_overdue(october, run_october):
    _root, ids = october
    rows = month_data(run_october)["sections"]["complaints"]["overdue"]["rows"]
    # compl3 is due on the 31st itself: due, not past due
    assert [(row["id"], row["due"], row["days_overdue"]) for row in rows] == [
        (ids["compl0"], "2026-10-05", 26)]


def test_referral_follow_ups_past_their_date(october, run_october):
    _root, ids = october
    rows = month_data(run_october)["sections"]["referrals"]["pending_late"]["rows"]
    assert [(row["id"], row["days_late"]) for row in rows] == [(ids["refer0"], 23),
                                                               (ids["refer4"], 6)]


def test_update_after_the_month_does_not_change_it(october, run_october):
    """The form is as of the month's last day: a resolution recorded in
    November leaves October's form as it was."""
    root, ids = october
    before = form(root, "en", "markdown")
    run = Run(root)
    result = run("update", ids["compl0"], "--at", "2026-11-02T10:00", "--status", "resolved",
                 "--resolution", "已答复客户")
    assert result.exit_code == 0, result.stderr
    try:
        assert form(root, "en", "markdown") == before
    finally:
        os.unlink(day_file(root, "2026-11-02"))


def test_month_boundary_in_shanghai(journal, run):
    """23:30 on 31 October in Shanghai is 15:30 UTC: October's, whichever way
    it is typed; 00:30 on 1 November (16:30 UTC on the 31st) is November's."""
    for at in ("2026-10-31T23:30", "2026-10-31T15:30:00+00:00"):
        assert run("greet", "--at", at, "--count", "2").exit_code == 0
    assert run("greet", "--at", "2026-10-31T16:30:00Z", "--count", "7").exit_code == 0
    october = month_data(run)["sections"]["flow"]
    assert october["summary"]["customers"] == 4
    assert [row["hour"] for row in october["by_hour"]["rows"]] == ["23:00–24:00"]
    result = run("report", "month", "2026-11", "--format", "json")
    assert json.loads(result.stdout)["sections"]["flow"]["summary"]["customers"] == 7


def test_csv_loads_back_with_the_standard_library(run_october):
    result = run_october("report", "month", "2026-10", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["section", "table", "row", "column", "value"]
    figure = {(row["section"], row["table"], row["row"], row["column"]): row["value"]
              for row in rows}
    assert figure[("routing", "summary", "", "diverted")] == "9"
    assert float(figure[("routing", "summary", "", "diversion_rate")]) == pytest.approx(9 / 13, 1e-5)
    assert figure[("routing", "by_route", "self-service", "customers")] == "7"
    assert figure[("meta", "", "", "month")] == "2026-10"
    assert figure[("meta", "", "", "managers")] == "王芳;李强"


def test_json_keys_are_english_and_labels_stay_keys(run_october):
    data = month_data(run_october, "--lang", "zh")
    routes = data["sections"]["routing"]["by_route"]["rows"]
    assert [row["route"] for row in routes] == ["counter", "self-service", "e-banking",
                                                "wealth-manager", None]
    assert set(data["sections"]) == set(SECTIONS)
    assert data["sections"]["complaints"]["by_category"]["rows"][0]["category"] == "attitude"


def test_empty_month_says_so_in_every_section(journal, run):
    result = run("report", "month", "2026-07", "--lang", "en", "--format", "text")
    assert result.exit_code == 0, result.stderr
    assert "Business days: 0" in result.stdout
    assert result.stdout.count("(nothing to report)") + \
        result.stdout.count("No waiting times were recorded.") == len(SECTIONS)
    data = month_data(run, "--lang", "en")
    assert all(section["empty"] for section in data["sections"].values())


def test_broken_day_file_fails_with_file_and_line(october, run_october):
    root, _ids = october
    broken = day_file(root, "2026-10-18")
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text('- {"id": "261018-aaaaaa", "type": "greet"}\n- [unclosed\n', encoding="utf-8")
    try:
        result = run_october("report", "month", "2026-10")
        assert result.exit_code == 1
        assert re.search(r"2026-10-18\.yaml:\d+: ", result.stderr), result.stderr
        assert result.stdout == "" and "Traceback" not in result.stderr

        result = run_october("report", "month", "2026-10", "--skip-bad", "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert "2026-10-18.yaml" in result.stderr
        assert json.loads(result.stdout)["sections"]["flow"]["summary"]["customers"] == 13
    finally:
        broken.unlink()


def test_output_file_named_from_the_month_and_folders_created(october, run_october, tmp_path):
    target = tmp_path / "out" / "reports" / "%Y-%m.md"
    result = run_october("report", "month", "2026-10", "--output", target)
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "out" / "reports" / "2026-10.md"
    assert written.read_text(encoding="utf-8").startswith("# 月反馈报告表 · 2026年10月\n")
    assert result.stdout == ""


def test_output_that_cannot_be_written_is_exit_1(run_october, tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = run_october("report", "month", "2026-10", "--output", tmp_path / "a-file" / "r.md")
    assert result.exit_code == 1
    # a Chinese journal: the sentence and the system's reason (ENOTDIR) in Chinese
    assert "无法写入" in result.stderr and "不是目录" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_month_is_a_usage_error(run_october):
    result = run_october("report", "month", "2026-13")
    assert result.exit_code == 2
    assert "'2026-13' 不是月份" in result.stderr  # the October journal is a Chinese one


def test_a_template_without_a_section_is_refused(october):
    root, _ids = october
    journal = Journal.open(root)
    report = month_report(journal, "en", GENERATED)
    template = template_text("month", "en", "markdown").replace("${remarks}", "")
    with pytest.raises(ValueError, match="remarks"):
        render_with_template(report, template, "markdown")


def test_every_template_has_every_section():
    for lang in ("zh", "en"):
        for fmt in ("markdown", "text"):
            text = template_text("month", lang, fmt)
            for key in ("title", "header", *SECTIONS):
                assert "${" + key + "}" in text, (lang, fmt, key)


def test_masking_in_every_format_unless_no_mask(journal, run):
    config = journal / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    assert "store_personal_data: false" in text
    config.write_text(text.replace("store_personal_data: false", "store_personal_data: true"),
                      encoding="utf-8")
    result = run("note", "--at", "2026-10-15T10:00", "opinion", "请回电 13812345678，身份证 110101199003071234")
    assert result.exit_code == 0, result.stderr
    assert "13812345678" in day_file(journal, "2026-10-15").read_text(encoding="utf-8")
    for fmt in ("text", "markdown", "csv", "json"):
        shown = run("report", "month", "2026-10", "--format", fmt).stdout
        assert "13812345678" not in shown and "110101199003071234" not in shown, fmt
        assert "138****5678" in shown.replace("\\*", "*"), fmt
        assert "110***********1234" in shown.replace("\\*", "*"), fmt
        full = run("report", "month", "2026-10", "--format", fmt, "--no-mask").stdout
        assert "13812345678" in full, fmt


def test_masked_number_cannot_turn_markdown_bold(journal, run):
    run("note", "--at", "2026-10-15T10:00", "opinion", "先打 13812345678 再打 13987654321")
    shown = run("report", "month", "2026-10").stdout
    assert "138\\*\\*\\*\\*5678" in shown and "139\\*\\*\\*\\*4321" in shown


def test_same_bytes_every_run_but_the_generation_time(october):
    root, _ids = october
    journal = Journal.open(root)
    later = GENERATED + datetime.timedelta(days=40, minutes=7)
    first = render(month_report(journal, "zh", GENERATED), "json")
    second = render(month_report(journal, "zh", later), "json")
    assert first != second
    assert first.replace(GENERATED_TEXT, "") == second.replace(later.isoformat(timespec="minutes"), "")


def test_cron_run_in_a_bare_environment(october, tmp_path):
    """What cron does: no terminal, no LANG, only PATH and HOME; the language
    comes from the journal (zh), the file from --output, nothing on stdout."""
    root, _ids = october
    env = {"PATH": os.path.dirname(LOBBYCTL) + ":/usr/bin:/bin", "HOME": str(tmp_path)}
    runs = []
    for _ in range(2):
        result = subprocess_run(["-J", root, "report", "month", "2026-10", "--output",
                                 "reports/%Y-%m.md"], env=env, cwd=tmp_path, stdin=None)
        assert result.returncode == 0, result.stderr
        assert result.stdout == ""
        runs.append((tmp_path / "reports" / "2026-10.md").read_text(encoding="utf-8"))
    assert runs[0].startswith("# 月反馈报告表 · 2026年10月\n")
    steady = [re.sub(r"^- \*\*生成时间\*\*：.*$", "", text, flags=re.M) for text in runs]
    assert steady[0] == steady[1]
    # `last` is the month before today in the journal's timezone
    result = subprocess_run(["-J", root, "report", "month", "last", "--output",
                             "reports/%Y-%m.md"], env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    last = today.replace(day=1) - datetime.timedelta(days=1)
    assert (tmp_path / "reports" / f"{last:%Y-%m}.md").exists()


def test_help_has_an_example(run):
    result = run("report", "month", "--help", journal=False)
    assert result.exit_code == 0
    assert "Example:" in result.stdout and "report month last --output" in result.stdout


def test_look_back_reads_a_hand_written_file_and_works_out_the_due_date(journal, run):
    """A complaint written by hand last month, block style and without a due
    date, is still found when it falls overdue: due 15 days after receipt."""
    path = day_file(journal, "2026-09-20")
    path.parent.mkdir(parents=True)
    path.write_text(
        "# typed in by hand after the queue system was down\n"
        "- id: \"260920-abcdef\"\n"
        "  type: complain\n"
        "  at: \"2026-09-20T10:00:00+08:00\"\n"
        "  by: 王芳\n"
        "  level: complaint\n"
        "  category: waiting\n"
        "  summary: 排队太久\n"
        "  status: open\n", encoding="utf-8")
    data = month_data(run)
    rows = data["sections"]["complaints"]["overdue"]["rows"]
    assert [(row["id"], row["due"], row["days_overdue"]) for row in rows] == [
        ("260920-abcdef", "2026-10-05", 26)]
    # nothing of September counts as October's
    assert data["business_days"] == 0


def test_broken_file_in_the_look_back_fails_or_is_skipped_and_named(journal, run):
    path = day_file(journal, "2026-09-30")
    path.parent.mkdir(parents=True)
    path.write_text("- {\"id\": [\n", encoding="utf-8")
    result = run("report", "month", "2026-10")
    assert result.exit_code == 1 and "2026-09-30.yaml:" in result.stderr
    result = run("report", "month", "2026-10", "--skip-bad")
    assert result.exit_code == 0 and "2026-09-30.yaml" in result.stderr


def test_a_month_still_running_counts_to_the_day_it_is_generated(october):
    """Generated on 20 October: overdue days, days late and days open run to
    the 20th, not to a 31st that has not come yet."""
    root, ids = october
    journal = Journal.open(root)
    on_the_20th = datetime.datetime(2026, 10, 20, 18, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    data = json.loads(render(month_report(journal, "en", on_the_20th),
                             "json"))
    sections = data["sections"]
    assert [(row["id"], row["days_overdue"]) for row in sections["complaints"]["overdue"]["rows"]] \
        == [(ids["compl0"], 15)]
    assert [(row["id"], row["days_late"]) for row in sections["referrals"]["pending_late"]["rows"]] \
        == [(ids["refer0"], 12)]  # refer4's follow-up on the 25th is not late yet
    open_faults = [(row["id"], row["days_open"]) for row in sections["facilities"]["faults"]["rows"]
                   if row["fixed_on"] is None]
    assert open_faults == [(ids["fault1"], 5)]
