"""A form the branch head signs shows at most ``--items`` rows of each list
of open items (default 30), the most overdue first, then how many more
there are; the counts count every item, and ``--items all`` lists them all
(issue 13)."""

import csv
import io
import json

import pytest

from conftest import Run

NOW = {"LOBBYCTL_NOW": "2026-11-05T09:00"}


@pytest.fixture(scope="module")
def crowded(tmp_path_factory):
    """40 referrals whose follow-up dates passed in September and 35 faults
    never fixed, recorded through the CLI: ``(root, referral ids in the
    order of their follow-up dates, fault ids in the order reported)``."""
    root = tmp_path_factory.mktemp("crowded") / "journal"
    run = Run(root, NOW)
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--manager", "王芳")
    assert result.exit_code == 0, result.stderr
    referrals, faults = [], []
    for n in range(40):
        # recorded in a scrambled order: the list orders them itself
        day = 1 + (n * 7) % 20
        result = run("refer", "--at", f"2026-08-{day:02d}T10:{n:02d}", "--product", "大额存单",
                     "--to", "self", "--customer", f"客户{n}",
                     "--follow-up", f"2026-09-{day:02d}", "--via", "phone")
        assert result.exit_code == 0, result.stderr
        referrals.append(((day, f"2026-08-{day:02d}T10:{n:02d}"), result.stdout.strip()))
    for n in range(35):
        result = run("note", "--at", f"2026-09-{1 + n % 28:02d}T09:{n:02d}", "fault",
                     f"{n}号自助机故障", "--device", f"{n}号自助机")
        assert result.exit_code == 0, result.stderr
        faults.append(((1 + n % 28, n), result.stdout.strip()))
    result = run("greet", "--at", "2026-10-15T10:00", "--segment", "regular",
                 "--purpose", "deposit", "--route", "counter")
    assert result.exit_code == 0, result.stderr
    by_due = [entry_id for _key, entry_id in sorted(referrals, key=lambda item: (
        item[0][0], item[1]))]
    by_reported = [entry_id for _key, entry_id in sorted(faults, key=lambda item: (
        item[0][0], item[1]))]
    return root, by_due, by_reported


def form(crowded, *args, fmt="json"):
    result = Run(crowded[0], NOW)("report", "month", "2026-10", "--format", fmt, *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout) if fmt == "json" else result.stdout


def test_forty_overdue_follow_ups_show_thirty_then_count_the_other_ten(crowded):
    _root, by_due, _faults = crowded
    referrals = form(crowded)["sections"]["referrals"]
    # the most overdue first, as the list has always been ordered
    assert [row["id"] for row in referrals["pending_late"]["rows"]] == by_due[:30]
    assert referrals["pending_late_more"]["more"] == 10
    assert referrals["summary"]["pending_late"] == 40  # the count counts them all
    text = form(crowded, fmt="markdown")
    assert sum(1 for entry_id in by_due if entry_id in text) == 30
    assert "另有未列出的项（lobbyctl due 列出全部，或 report month --items all）**：10" in text


def test_items_all_lists_every_row_and_counts_none_left_out(crowded):
    _root, by_due, by_reported = crowded
    sections = form(crowded, "--items", "all")["sections"]
    assert [row["id"] for row in sections["referrals"]["pending_late"]["rows"]] == by_due
    assert [row["id"] for row in sections["facilities"]["faults"]["rows"]] == by_reported
    assert "pending_late_more" not in sections["referrals"]
    assert "faults_more" not in sections["facilities"]
    text = form(crowded, "--items", "all", fmt="markdown")
    assert sum(1 for entry_id in by_due if entry_id in text) == 40
    assert "另有未列出" not in text


def test_items_n_caps_every_list_and_leaves_the_figures_alone(crowded):
    _root, by_due, by_reported = crowded
    capped, whole = form(crowded, "--items", "5"), form(crowded, "--items", "all")
    sections = capped["sections"]
    assert [row["id"] for row in sections["referrals"]["pending_late"]["rows"]] == by_due[:5]
    assert sections["referrals"]["pending_late_more"]["more"] == 35
    assert [row["id"] for row in sections["facilities"]["faults"]["rows"]] == by_reported[:5]
    assert sections["facilities"]["faults_more"]["more"] == 30
    assert sections["facilities"]["summary"] == whole["sections"]["facilities"]["summary"]
    assert sections["headline"] == whole["sections"]["headline"]
    assert sections["referrals"]["summary"] == whole["sections"]["referrals"]["summary"]


def test_the_default_shows_thirty_faults_the_longest_open_first(crowded):
    _root, _referrals, by_reported = crowded
    facilities = form(crowded)["sections"]["facilities"]
    assert [row["id"] for row in facilities["faults"]["rows"]] == by_reported[:30]
    assert facilities["faults_more"]["more"] == 5
    assert facilities["summary"]["faults_open"] == 35


def test_csv_and_english_text_say_how_many_are_left_out(crowded):
    rows = list(csv.reader(io.StringIO(form(crowded, fmt="csv"))))
    # long form: section, table, row, column, value
    assert [row for row in rows if row[1].endswith("_more")] == [
        ["referrals", "pending_late_more", "", "more", "10"],
        ["facilities", "faults_more", "", "more", "5"]]
    text = form(crowded, "--lang", "en", fmt="text")
    assert "More not listed (lobbyctl due lists them all, as does report month --items all)" \
        in " ".join(text.split())


@pytest.mark.parametrize("value", ["0", "-3", "x", "1.5", "", "30x", "all30", "000", "٣"])
def test_items_other_than_a_positive_number_or_all_is_a_usage_error(crowded, value):
    result = Run(crowded[0], NOW)("report", "month", "2026-10", f"--items={value}")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--items 应为正整数或 all（列出全部）" in result.stderr


def test_items_typed_full_width_or_in_capitals(crowded):
    _root, by_due, _faults = crowded
    sections = form(crowded, "--items", "３")["sections"]
    assert [row["id"] for row in sections["referrals"]["pending_late"]["rows"]] == by_due[:3]
    assert "pending_late_more" not in form(crowded, "--items", "ALL")["sections"]["referrals"]


def test_items_of_thousands_of_digits_is_every_row(crowded):
    _root, by_due, _faults = crowded
    sections = form(crowded, "--items", "9" * 5000)["sections"]
    assert [row["id"] for row in sections["referrals"]["pending_late"]["rows"]] == by_due


def test_items_is_in_the_help_with_an_example(crowded):
    result = Run(crowded[0], NOW)("report", "month", "--help")
    assert result.exit_code == 0
    assert "--items N|all" in result.stdout
    assert "lobbyctl report month 2026-10 --items all" in result.stdout
