"""`report table`: pivots by field and period, filters, totals, folded states,
all four formats, both languages; bad --by/--where values are usage errors."""

import csv
import io
import json
import os

import pytest
from wcwidth import wcswidth

from conftest import day_file
from lobbyctl.store.lines import dump_entry

OCTOBER = ("--from", "2026-10-05", "--to", "2026-10-25")

# (at, count, route, segment, groups): 15 customers in five greetings, weeks 41-43
GREETINGS = [
    ("2026-10-05T09:10", 2, "counter", "regular", ()),
    ("2026-10-06T10:20", 3, "self-service", "mid", ("elderly", "disabled")),
    ("2026-10-13T11:00", 1, "counter", "high", ()),
    ("2026-10-14T15:30", 4, "e-banking", "regular", ()),
    ("2026-10-20T09:45", 5, "self-service", "regular", ("elderly",)),
]


@pytest.fixture
def greeted(run, journal):
    for at, count, route, segment, groups in GREETINGS:
        args = ["greet", "--at", at, "--count", count, "--route", route, "--segment", segment]
        for group in groups:
            args += ["--group", group]
        result = run(*args)
        assert result.exit_code == 0, result.stderr
    return journal


def table_json(run, *args):
    result = run("report", "table", *OCTOBER, *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    counts = data["sections"]["table"].get("counts", {"rows": [], "total": None})
    return data, counts["rows"], counts.get("total")


def test_greetings_by_route_and_week_count_customers_with_totals(run, greeted):
    data, rows, total = table_json(run, "--by", "route", "--period", "week")
    assert data["type"] == "greet"
    assert rows == [
        {"route": "counter", "2026-W41": 2, "2026-W42": 1, "2026-W43": 0, "total": 3},
        {"route": "self-service", "2026-W41": 3, "2026-W42": 0, "2026-W43": 5, "total": 8},
        {"route": "e-banking", "2026-W41": 0, "2026-W42": 4, "2026-W43": 0, "total": 4},
    ]
    assert total == {"route": None, "2026-W41": 5, "2026-W42": 5, "2026-W43": 5, "total": 15}


def test_text_table_is_in_chinese_and_aligned_in_display_cells(run, greeted):
    result = run("report", "table", *OCTOBER, "--by", "route", "--period", "week",
                 "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(index for index, line in enumerate(lines) if line.startswith("去向"))
    table = lines[header:header + 6]  # header, rule, three routes, totals
    assert [line.split()[0] for line in table[2:]] == ["柜台", "自助设备", "电子银行", "合计"]
    widths = {wcswidth(line.rstrip()) for line in table}
    assert len(widths) == 1, table
    assert table[-1].split() == ["合计", "5", "5", "5", "15"]
    assert "迎送分流统计表" in lines[0]


def test_english_labels_and_markdown(run, greeted):
    result = run("report", "table", *OCTOBER, "--by", "route", "--lang", "en",
                 "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "# Greeting table" in result.stdout
    body = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert [line.split("|")[1].strip() for line in body] == [
        "Route", "Counter", "Self-service machine", "E-banking", "Total"]
    assert "柜台" not in result.stdout


def test_where_filters_by_label_or_key_any_of_one_field_all_of_several(run, greeted):
    _data, rows, total = table_json(run, "--by", "route", "--where", "segment=普通客户")
    assert rows == [{"route": "counter", "count": 2}, {"route": "self-service", "count": 5},
                    {"route": "e-banking", "count": 4}]
    assert total["count"] == 11
    _data, rows, total = table_json(run, "--by", "segment", "--where", "route=counter",
                                    "--where", "route=E-Banking")
    assert rows == [{"segment": "regular", "count": 6}, {"segment": "high", "count": 1}]
    _data, rows, total = table_json(run, "--where", "route=counter", "--where", "segment=high")
    assert rows == [{"type": "greet", "count": 1}] and total["count"] == 1


def test_list_field_counts_each_member_and_totals_count_each_entry_once(run, greeted):
    _data, rows, total = table_json(run, "--by", "groups")
    assert rows == [{"groups": "elderly", "count": 8}, {"groups": "disabled", "count": 3},
                    {"groups": None, "count": 7}]
    assert total["count"] == 15


def test_derived_fields_weekday_and_hour(run, greeted):
    _data, rows, _total = table_json(run, "--by", "weekday,hour")
    assert rows == [{"weekday": "monday", "hour": 9, "count": 2},
                    {"weekday": "tuesday", "hour": 9, "count": 5},
                    {"weekday": "tuesday", "hour": 10, "count": 3},
                    {"weekday": "tuesday", "hour": 11, "count": 1},
                    {"weekday": "wednesday", "hour": 15, "count": 4}]
    result = run("report", "table", *OCTOBER, "--by", "weekday", "--lang", "zh")
    assert "周二" in result.stdout and "tuesday" not in result.stdout


def test_periods_as_rows_read_back_from_csv(run, greeted):
    # the CSV is the same long form whichever layout the text draws
    result = run("report", "table", *OCTOBER, "--by", "route", "--period", "week",
                 "--period-rows", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    lines = list(csv.DictReader(io.StringIO(result.stdout)))
    cells = {(row["route"], row["period"], row["total"]): row["count"] for row in lines}
    assert cells[("counter", "2026-W41", "")] == "2"
    assert cells[("self-service", "2026-W43", "")] == "5"
    assert cells[("", "2026-W42", "period")] == "5"
    assert cells[("e-banking", "", "row")] == "4"
    assert cells[("", "", "all")] == "15"
    columns = run("report", "table", *OCTOBER, "--by", "route", "--period", "week", "-f", "csv")
    assert columns.stdout == result.stdout


def test_period_day_columns_cover_every_day_of_the_range(run, greeted):
    _data, rows, total = table_json(run, "--period", "day")
    assert len(rows) == 1
    assert len([key for key in rows[0] if key.startswith("2026-10-")]) == 21
    assert rows[0]["2026-10-06"] == 3 and rows[0]["2026-10-07"] == 0 and total["total"] == 15


def test_referrals_by_outcome_count_the_folded_outcome_as_of_to(run, journal):
    ids = []
    for day in ("05", "06", "07"):
        result = run("refer", "--at", f"2026-10-{day}T10:00", "--product", "养老理财",
                     "--to", "wealth-manager", "--outcome",
                     "accepted" if day == "07" else "pending")
        assert result.exit_code == 0, result.stderr
        ids.append(result.stdout.strip())
    assert run("update", ids[0], "--at", "2026-10-10T10:00", "--via", "phone",
               "--outcome", "accepted").exit_code == 0
    assert run("update", ids[1], "--at", "2026-10-30T10:00", "--outcome",
               "declined").exit_code == 0
    result = run("report", "table", "--type", "refer", "--by", "outcome", "--from",
                 "2026-10-01", "--to", "2026-10-20", "-f", "json")
    rows = json.loads(result.stdout)["sections"]["table"]["counts"]["rows"]
    assert rows == [{"outcome": "pending", "count": 1}, {"outcome": "accepted", "count": 2}]
    result = run("report", "table", "--type", "refer", "--by", "outcome", "--from",
                 "2026-10-01", "--to", "2026-10-31", "-f", "json", "--where", "outcome=成功")
    assert json.loads(result.stdout)["sections"]["table"]["counts"]["rows"] == [
        {"outcome": "accepted", "count": 2}]
    result = run("report", "table", "--type", "refer", "--by", "outcome", "--from",
                 "2026-10-01", "--to", "2026-10-31", "--lang", "en")
    assert "Declined" in result.stdout and "Entries" in result.stdout


def test_default_range_is_the_current_month(run, journal):
    assert run("greet", "--count", "2").exit_code == 0
    result = run("report", "table", "-f", "json")
    data = json.loads(result.stdout)
    assert data["sections"]["table"]["counts"]["total"]["count"] == 2
    assert data["period"].split(" – ")[0].endswith("-01")


def test_free_text_is_masked_unless_no_mask(run, journal):
    # a hand-edited day file may hold a number in full: reports still mask it
    path = day_file(journal, "2026-10-08")
    os.makedirs(path.parent, exist_ok=True)
    path.write_text(dump_entry({"id": "261008-aaaaaa", "type": "greet",
                                "at": "2026-10-08T10:00:00+08:00", "by": "王芳", "count": 1,
                                "customer": "张先生 13812345678"}), encoding="utf-8")
    result = run("report", "table", *OCTOBER, "--by", "customer")
    assert "138****5678" in result.stdout and "13812345678" not in result.stdout
    result = run("report", "table", *OCTOBER, "--by", "customer", "--no-mask")
    assert "13812345678" in result.stdout


def test_output_is_written_atomically_into_a_new_folder(run, greeted, tmp_path):
    target = tmp_path / "out" / "tables" / "route.md"
    result = run("report", "table", *OCTOBER, "--by", "route", "-f", "markdown",
                 "--output", target)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    shown = run("report", "table", *OCTOBER, "--by", "route", "-f", "markdown").stdout
    assert target.read_text(encoding="utf-8") == shown
    assert os.listdir(target.parent) == ["route.md"]


def test_empty_range_says_so(run, greeted):
    result = run("report", "table", "--from", "2026-09-01", "--to", "2026-09-30",
                 "--by", "route", "--lang", "en")
    assert result.exit_code == 0
    assert "nothing to report" in result.stdout


@pytest.mark.parametrize("args, words", [
    (("--by", "colour"), ["没有字段 'colour'", "route", "weekday"]),
    (("--by", "route,summary"), ["没有字段 'summary'"]),
    (("--where", "route=teleport"), ["未知的 route 'teleport'", "self-service (自助设备)"]),
    (("--where", "flavour=sweet"), ["没有字段 'flavour'", "segment"]),
    (("--where", "route"), ["不是 字段=值"]),
    (("--where", "weekday=someday"), ["不是星期几", "monday"]),
    (("--period-rows",), ["--period-rows 须与 --period"]),
    (("--from", "2026-10-20", "--to", "2026-10-01"), ["晚于 --to"]),
    (("--from", "the day after never"), ["不是能读懂的日期或时间"]),
])
def test_bad_values_are_usage_errors_without_traceback(run, greeted, args, words):
    result = run("report", "table", *args)
    assert result.exit_code == 2, result.stdout
    for word in words:
        assert word in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_broken_day_file_fails_or_is_skipped_and_named(run, greeted):
    path = day_file(greeted, "2026-10-07")
    path.write_text("- {broken: [\n", encoding="utf-8")
    result = run("report", "table", *OCTOBER, "--by", "route")
    assert result.exit_code == 1
    assert "2026-10-07.yaml" in result.stderr
    result = run("report", "table", *OCTOBER, "--by", "route", "--skip-bad", "-f", "json")
    assert result.exit_code == 0
    assert "2026-10-07.yaml" in result.stderr
    assert json.loads(result.stdout)["sections"]["table"]["counts"]["total"]["count"] == 15
