"""Every format draws the same typed grid: the same report in text, Markdown,
CSV and JSON gives the same figures, and a pivot's CSV (one column per --by
field, then period, count and total) reads back into the table JSON gives."""

import csv
import io
import json
import re

import pytest

from test_report_table import OCTOBER, greeted  # noqa: F401  (the fixture)


def report(run, *args):
    result = run("report", "table", *OCTOBER, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def json_table(run, *args):
    counts = json.loads(report(run, *args, "-f", "json"))["sections"]["table"]["counts"]
    return counts["rows"], counts.get("total")


def read_back(text, by, period):
    """The table a pivot's CSV holds, rebuilt as JSON rows and totals row."""
    rows, totals = {}, {}
    for line in csv.DictReader(io.StringIO(text)):
        head = tuple(line[field] for field in by)
        count = int(line["count"])
        kind = line["total"]
        if kind == "":
            rows.setdefault(head, {})[line["period"] if period else "count"] = count
        elif kind == "row":
            rows.setdefault(head, {})["total"] = count
        elif kind == "period":
            totals[line["period"]] = count
        else:
            assert kind == "all" and head == ("",) * len(by)
            totals["total" if period else "count"] = count
    return rows, totals


def as_csv_text(value):
    if value is None:
        return ""
    return "true" if value is True else "false" if value is False else str(value)


@pytest.mark.parametrize("by, period", [
    (["route", "segment"], None),
    (["route", "segment"], "week"),
    (["groups"], "day"),  # a list field: cells add up to more than the totals
    (["weekday", "hour"], "week"),
    ([], "week"),
])
def test_pivot_csv_reads_back_into_the_json_table(run, greeted, by, period):
    args = (["--by", ",".join(by)] if by else []) + (["--period", period] if period else [])
    text = report(run, *args, "-f", "csv")
    header = text.splitlines()[0].split(",")
    assert header == by + (["period"] if period else []) + ["count", "total"]
    rows, totals = read_back(text, by, period)
    json_rows, json_total = json_table(run, *args)
    expected = {}
    for row in json_rows:
        head = tuple(as_csv_text(row[field]) for field in by)
        expected[head] = {key: value for key, value in row.items()
                          if key not in by and key != "type"}
    assert rows == expected
    assert totals == {key: value for key, value in json_total.items()
                      if key not in by and key != "type"}


def test_pivot_csv_by_two_fields_keeps_both(run, greeted):
    # the defect: the row key held only the first field (counter,count,3)
    lines = report(run, "--by", "route,segment", "-f", "csv").splitlines()
    assert lines[0] == "route,segment,count,total"
    assert "counter,regular,2," in lines and "counter,high,1," in lines
    assert lines[-1] == ",,15,all"


def test_an_empty_pivot_csv_still_has_its_header(run, greeted):
    result = run("report", "table", "--from", "2026-09-01", "--to", "2026-09-30",
                 "--by", "route", "--period", "week", "-f", "csv")
    assert result.exit_code == 0 and result.stdout == "route,period,count,total\n"


def _numbers(cells):
    return [int(cell) for cell in cells if re.fullmatch(r"\d+", cell)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_four_formats_give_the_same_figures(run, greeted, lang):
    args = ("--by", "route,segment", "--period", "week", "--lang", lang)
    json_rows, json_total = json_table(run, *args)
    periods = [key for key in json_rows[0] if key.startswith("2026-W")]
    expected = [[row[key] for key in periods + ["total"]] for row in json_rows + [json_total]]

    text = report(run, *args).splitlines()
    body = text[text.index(next(line for line in text if line.startswith("---"))) + 1:]
    assert [_numbers(re.split(r"\s{2,}", line.strip())) for line in body] == expected

    markdown = report(run, *args, "-f", "markdown").splitlines()
    body = [line for line in markdown if line.startswith("|")][2:]
    assert [_numbers([cell.strip() for cell in line.strip("|").split("|")])
            for line in body] == expected

    rows, totals = read_back(report(run, *args, "-f", "csv"), ["route", "segment"], "week")
    assert [[cells[key] for key in periods + ["total"]] for cells in rows.values()] \
        + [[totals[key] for key in periods + ["total"]]] == expected


def test_month_report_json_and_csv_give_the_same_figures(run, greeted):
    result = run("report", "month", "2026-10", "-f", "json")
    data = json.loads(result.stdout)
    lines = list(csv.DictReader(io.StringIO(run("report", "month", "2026-10", "-f", "csv").stdout)))
    compared = 0
    for section_key, section in data["sections"].items():
        for block_key, block in section.items():
            if not isinstance(block, dict) or "rows" not in block:
                continue
            for row in block["rows"]:
                first, *rest = row
                for key in rest:
                    value = row[key]
                    if isinstance(value, int) and not isinstance(value, bool):
                        assert {"section": section_key, "table": block_key,
                                "row": as_csv_text(row[first]), "column": key,
                                "value": str(value)} in lines
                        compared += 1
    assert compared > 10


def test_pivot_csv_of_awkward_text_reads_back(run, journal):
    # commas, quotes and a line break stay inside their cell; a formula is
    # defused with a leading ' (the one change a read back sees)
    for customer in ('王, "先生"', "=1+1", "李\n女士", "王, \"先生\""):
        assert run("greet", "--at", "2026-10-06T10:00", "--customer", customer).exit_code == 0
    text = report(run, "--by", "customer", "-f", "csv")
    rows, totals = read_back(text, ["customer"], None)
    json_rows, json_total = json_table(run, "--by", "customer")
    assert {head[0]: cells["count"] for head, cells in rows.items()} == {
        ("'" + row["customer"] if row["customer"].startswith("=") else row["customer"]):
        row["count"] for row in json_rows}
    assert rows[('王, "先生"',)] == {"count": 2} and totals == {"count": 4}
