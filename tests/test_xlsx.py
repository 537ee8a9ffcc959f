"""``--format xlsx``: the daily log, the monthly form, ``report table`` and
``export`` as Excel workbooks, read back with openpyxl.

The figures are checked by walking the workbook beside the JSON of the same
report: every section, block, row and cell in the order the form lays them
out, each number equal to JSON's, each date a real date, None never a 0."""

import datetime
import io
import json
import os
import pty
import subprocess
import time
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter
import pytest
from wcwidth import wcswidth

import report_journal
from conftest import LOBBYCTL, Run
from robustness import STRESS, scale
from lobbyctl.render.formats import render
from lobbyctl.reports.model import Column, Facts, Lines, Report, Section, Table

NOW = {"LOBBYCTL_NOW": "2026-11-01T07:00"}
# what a spreadsheet would run: formulas, a DDE call, a full-width "="
FORMULAS = ["=1+2", "=HYPERLINK(\"http://evil.example\",\"点我\")", "@SUM(A1)", "＝1+1",
            "-2+3", "+cmd|' /C calc'!A0"]
CHARTED_ROWS = 16
TOTAL = {"zh": "合计", "en": "Total"}  # rows the form keeps under a charted table


@pytest.fixture(scope="module")
def october(tmp_path_factory):
    """The report tests' fixed journal, plus formula-like text on the 15th."""
    root = tmp_path_factory.mktemp("xlsx") / "journal"
    report_journal.build(root)
    run = Run(root)
    for text in FORMULAS:
        result = run("note", "--at", "2026-10-15T16:00", "teller", "--", text)
        assert result.exit_code == 0, result.stderr
    result = run("greet", "--at", "2026-10-15T16:10", "--customer", FORMULAS[1],
                 "--note", "=1+2\n第二行")
    assert result.exit_code == 0, result.stderr
    return root


@pytest.fixture
def runner(october):
    return Run(october, env=NOW)


def workbook(runner, tmp_path, *args, name="out.xlsx"):
    path = tmp_path / name
    result = runner(*args, "--format", "xlsx", "--output", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return path, openpyxl.load_workbook(path)


def as_json(runner, *args):
    result = runner(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- one cell against one JSON value ----------------------------------------

def same(cell, value, where):
    """``cell`` holds JSON's ``value``: a number as the same number, an ISO
    date as a date, None as an empty cell or "—", a list or a flag as text."""
    if value is None or value == "":
        assert cell.value in (None, "—"), where
    elif isinstance(value, bool) or isinstance(value, list):
        assert isinstance(cell.value, str) and cell.value, where
    elif isinstance(value, (int, float)):
        assert cell.data_type == "n" and cell.value == pytest.approx(value), where
        assert cell.number_format != "General", where
    elif len(value) == 10 and value[4] == "-" and value[7] == "-":
        assert cell.is_date and cell.value.date() == datetime.date.fromisoformat(value), where
        assert cell.number_format == "yyyy-mm-dd", where
    else:
        # text (as it is) or a label (its words in the report's language)
        assert cell.data_type == "s" and isinstance(cell.value, str), where
    if isinstance(cell.value, str) and cell.data_type == "s" and cell.value != "—":
        fits(cell, where)


def fits(cell, where):
    """A text cell's column is as wide as the text in display cells (a
    Chinese character two), up to the cap where long notes overflow."""
    sheet = cell.parent
    # a <col> element may span columns of one width: openpyxl files it under the first
    width = next((dimension.width for dimension in sheet.column_dimensions.values()
                  if dimension.min <= cell.column <= dimension.max), None)
    assert width is not None, (where, "no width set")
    widest = max(wcswidth(line) for line in cell.value.split("\n"))
    assert width >= min(widest, 60), (where, cell.value, width)


def walk_form(sheet, data):
    """Walk the form's sheet beside its JSON; returns how many values matched."""
    charts = {chart.anchor._from.row for chart in sheet._charts}
    cell = sheet.cell
    assert cell(1, 1).value == data["title"]
    row = 2
    meta = [key for key in data if key not in ("report", "title", "lang", "sections")]
    for key in meta:
        # a header's text may overflow to the right: only figures and dates must fit
        if isinstance(data[key], (int, float)) or key == "date":
            same(cell(row, 2), data[key], key)
        else:
            assert isinstance(cell(row, 2).value, str), key
        row += 1
    matched = 0
    for section_key, section in data["sections"].items():
        row += 1
        assert cell(row, 1).value == section["title"], section_key
        row += 1
        blocks = {key: block for key, block in section.items() if isinstance(block, dict)}
        if section["empty"]:
            row += 1
            continue
        for block_key, block in blocks.items():
            where = f"{section_key}.{block_key}"
            if block["title"]:
                assert cell(row, 1).value == block["title"], where
                row += 1
            if "rows" in block:
                if not block["rows"]:
                    row += 2
                    continue
                header = row
                columns = [c.value for c in sheet[header] if c.value is not None]
                row += 1
                for values in block["rows"] + ([block["total"]] if "total" in block else []):
                    for col, value in enumerate(list(values.values())[:len(columns)], 1):
                        if values is block.get("total") and col == 1 and value is None:
                            # the totals row says so in its first cell, as every format does
                            assert cell(row, col).value == TOTAL[data["lang"]], where
                        else:
                            same(cell(row, col), value, f"{where} row {row} col {col}")
                        matched += 1
                    row += 1
                if row - 1 in charts:  # openpyxl counts rows from 0
                    row += CHARTED_ROWS
            elif "lines" in block:
                for line in block["lines"]:
                    assert cell(row, 1).value == line, where
                    matched += 1
                    row += 1
                row += not block["lines"]
            else:
                facts = {key: value for key, value in block.items() if key != "title"}
                for key, value in facts.items():
                    same(cell(row, 2), value, f"{where}.{key}")
                    matched += 1
                    row += 1
            row += 1
    return matched, row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_month_form_holds_every_figure_of_its_json(runner, tmp_path, lang):
    _path, book = workbook(runner, tmp_path, "report", "month", "2026-10", "--lang", lang)
    data = as_json(runner, "report", "month", "2026-10", "--lang", lang)
    sheet = book.active
    matched, end = walk_form(sheet, data)
    assert matched > 150
    # the signature lines close the form, in the report's language
    signature = "大堂经理（签字）：" if lang == "zh" else "Lobby manager (signature):"
    assert sheet.cell(end + 1, 1).value == signature
    assert sheet.max_row == end + 6
    assert sheet.freeze_panes == "A2"
    # the title merged across the widest table's columns
    [merged] = sheet.merged_cells.ranges
    assert str(merged).startswith("A1:") and merged.max_row == 1 and merged.max_col >= 7
    assert sheet.page_setup.paperSize == 9 and sheet.page_setup.orientation == "portrait"
    # fit to one page wide (1 is the default, left out), as many pages tall as it takes
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.title == ("月反馈报告表 · 2026年10月" if lang == "zh"
                           else "Monthly feedback report")  # a name holds 31 characters


def test_the_day_log_holds_every_figure_of_its_json(runner, tmp_path):
    _path, book = workbook(runner, tmp_path, "report", "day", "2026-10-15")
    data = as_json(runner, "report", "day", "2026-10-15")
    matched, _end = walk_form(book.active, data)
    assert matched > 60
    assert book.active.cell(3, 2).is_date  # the day itself, in the header


def test_number_formats_by_kind(runner, tmp_path):
    """Counts 0, decimals 0.0, shares 0.0%, minutes and days with their
    unit in the report's language, dates as dates."""
    for lang, minutes, days in (("zh", '0.0" 分钟"', 'General" 天"'),
                                ("en", '0.0" min"', 'General" d"')):
        _path, book = workbook(runner, tmp_path, "report", "month", "2026-10", "--lang", lang)
        formats = {}
        for row in book.active.iter_rows():
            for cell in row:
                if cell.data_type in "nd" and cell.value is not None:
                    formats.setdefault(cell.number_format, []).append(cell.value)
        assert {"0", "0.0", "0.0%", minutes, days, "yyyy-mm-dd"} <= set(formats), formats
        assert all(0 <= share <= 1 for share in formats["0.0%"])
        assert 26 in formats[days]  # the overdue complaint's days late
        assert 4 in formats[minutes]  # the median wait


def test_the_flow_tables_are_native_bar_charts(runner, tmp_path):
    path, book = workbook(runner, tmp_path, "report", "month", "2026-10")
    assert len(book.active._charts) == 2
    with zipfile.ZipFile(path) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/")]
        assert len(charts) == 2
        assert all(b"<c:barChart>" in archive.read(name) for name in charts)
    _path, day = workbook(runner, tmp_path, "report", "day", "2026-10-15", name="day.xlsx")
    assert len(day.active._charts) == 1


def test_report_table_is_a_plain_sheet_with_an_autofilter(runner, tmp_path):
    args = ("report", "table", "--by", "route", "--period", "day", "--from", "2026-10-01",
            "--to", "2026-10-31")
    _path, book = workbook(runner, tmp_path, *args)
    data = as_json(runner, *args)
    sheet = book.active
    table = data["sections"]["table"]["counts"]
    rows = table["rows"] + [table["total"]]
    headings = [cell.value for cell in sheet[1]]
    assert len(headings) == len(rows[0])
    for number, values in enumerate(rows, 2):
        for col, value in enumerate(values.values(), 1):
            cell = sheet.cell(number, col)
            if col > 1:
                assert cell.data_type == "n" and cell.value == value and \
                    cell.number_format == "0"
            else:
                assert isinstance(cell.value, str)
                fits(cell, "route")
    assert sheet.max_row == len(rows) + 1
    assert sheet.freeze_panes == "A2"
    # the filter covers the header and the body; the totals row stays below it
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headings)).column_letter}{len(rows)}"
    assert sheet.cell(len(rows) + 1, 1).value == "合计"


def test_export_is_a_typed_sheet_of_the_fixed_columns(runner, tmp_path):
    path, book = workbook(runner, tmp_path, "export")
    result = runner("export", "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header == list(rows[0])
    assert sheet.max_row == len(rows) + 1
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:") and sheet.auto_filter.ref.endswith(
        str(len(rows) + 1))
    dates = {"date", "follow_up", "due", "decided_on", "closed_on", "fixed_on"}
    for number, values in enumerate(rows, 2):
        for col, (key, value) in enumerate(values.items(), 1):
            cell = sheet.cell(number, col)
            where = (number, key)
            if value is None:
                assert cell.value is None, where
            elif isinstance(value, bool):
                assert cell.data_type == "b" and cell.value is value, where
            elif isinstance(value, int):
                assert cell.data_type == "n" and cell.value == value, where
            elif key in dates:
                assert cell.is_date and cell.value.date().isoformat() == value, where
            elif isinstance(value, list):
                assert cell.value == ";".join(map(str, value)), where
            elif isinstance(value, dict):
                assert json.loads(cell.value) == value, where
            else:
                assert cell.data_type == "s" and cell.value == value, where
    # the free text's line break stays a line break
    notes = sheet[get_column_letter(header.index("note") + 1)]
    assert "=1+2\n第二行" in [cell.value for cell in notes]
    result = runner("export", "--format", "xlsx", "--output", path)
    assert f"{len(rows)}" in result.stderr


def sheet_xml(path):
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


@pytest.mark.parametrize("args", [("report", "day", "2026-10-15"), ("export",),
                                  ("report", "month", "2026-10")])
def test_formula_like_text_stays_text(runner, tmp_path, args):
    path, book = workbook(runner, tmp_path, *args)
    assert b"<f>" not in sheet_xml(path)
    texts = [cell.value for row in book.active.iter_rows() for cell in row
             if isinstance(cell.value, str)]
    for formula in FORMULAS:
        holding = [text for text in texts if formula in text]
        assert holding, formula
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_a_models_kinds_and_odd_text_in_cells():
    """Kinds from other reports (points, change_pct, a row of mixed kinds,
    a kind no renderer knows) and text that would act on a reader."""
    columns = [Column("name", "名称"), Column("figure", "数值", "row"),
               Column("points", "百分点", "points"), Column("change", "变化", "change_pct"),
               Column("odd", "Odd", "sparkline")]
    rows = [{"name": "\x1b[31m=1+1\u202e", "figure": 5, "kind": "int", "points": 0.035,
             "change": -0.12, "odd": "x"},
            {"name": "_x0041_", "figure": 0.25, "kind": "pct", "points": None,
             "change": float("nan"), "odd": 3},
            {"name": "等候", "figure": 7.5, "kind": "minutes", "points": -0.01, "change": 0,
             "odd": None}]
    report = Report("test", "测试 [1/2]: 报表?", "zh", {"generated": ("生成", "2026-11-01T07:00+08:00")},
                    [Section("s", "节", [Table("t", "表", columns, rows),
                                         Facts("f", "", [("when", "日", "2026-13-45", "date")]),
                                         Lines("l", "", ["=cmd"])])])
    data = render(report, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.title == "测试 1 2 报表"  # none of []:*?/\\ in a sheet's name
    found = {cell.value: cell for row in sheet.iter_rows() for cell in row
             if cell.value is not None}
    assert "\\x1b[31m=1+1\\u202e" in found  # controls shown escaped, still text
    assert found["\\x1b[31m=1+1\\u202e"].data_type == "s"
    assert "_x0041_" in found  # not read back as "A"
    assert found["=cmd"].data_type == "s"
    assert found["2026-13-45"].data_type == "s"  # not a date: kept as text
    figures = [(cell.value, cell.number_format) for cell in found.values()
               if cell.data_type == "n"]
    assert (5, "0") in figures and (0.25, "0.0%") in figures and (7.5, '0.0" 分钟"') in figures
    assert (0.035, "+0.0%;-0.0%;0.0%") in figures and (-0.12, "+0.0%;-0.0%;0.0%") in figures
    assert (0, "+0.0%;-0.0%;0.0%") in figures
    assert "x" in found and found["3"].data_type == "s"  # an unknown kind is text
    assert any("nan" in str(value).lower() for value in found)  # NaN as text, not a broken file
    assert book.properties.created == datetime.datetime(2026, 10, 31, 23, 0)


# -- bytes: never to a terminal, the same every run -------------------------

@pytest.mark.parametrize("args", [("report", "month", "2026-10"), ("export",),
                                  ("report", "table", "--by", "route"),
                                  ("report", "day", "2026-10-15", "--output", "-")])
def test_a_workbook_is_refused_to_a_terminal(october, args):
    main, other = pty.openpty()
    try:
        result = subprocess.run([LOBBYCTL, "-J", october, *args, "--format", "xlsx"],
                                stdout=other, stderr=subprocess.PIPE, text=True, timeout=60,
                                env={**os.environ, **NOW})
    finally:
        os.close(other)
        os.close(main)
    assert result.returncode == 2, result.stderr
    assert "--output FILE.xlsx" in result.stderr
    assert "终端无法显示" in result.stderr  # the journal's language
    assert "Traceback" not in result.stderr


def test_a_workbook_goes_down_a_pipe(october):
    result = subprocess.run([LOBBYCTL, "-J", october, "report", "month", "2026-10",
                             "--format", "xlsx"], capture_output=True, timeout=60,
                            env={**os.environ, **NOW})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK\x03\x04")
    assert openpyxl.load_workbook(io.BytesIO(result.stdout)).active.cell(1, 1).value
    piped = subprocess.run([LOBBYCTL, "-J", october, "export", "--format", "xlsx"],
                           capture_output=True, timeout=60, env={**os.environ, **NOW})
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK\x03\x04")


@pytest.mark.parametrize("args", [("report", "month", "2026-10"), ("report", "day", "2026-10-15"),
                                  ("report", "table", "--by", "segment", "--period", "week"),
                                  ("export",)])
def test_the_same_report_gives_the_same_bytes(runner, tmp_path, args):
    first, _ = workbook(runner, tmp_path, *args, name="first.xlsx")
    time.sleep(1.1)  # a creation time from the clock would differ now
    second, _ = workbook(runner, tmp_path, *args, name="second.xlsx")
    assert first.read_bytes() == second.read_bytes()


def test_month_output_fills_the_period_and_replaces_atomically(runner, tmp_path):
    target = tmp_path / "reports" / "%Y-%m.xlsx"
    for _ in range(2):
        result = runner("report", "month", "2026-10", "-f", "xlsx", "-o", target)
        assert result.exit_code == 0, result.stderr
    written = tmp_path / "reports" / "2026-10.xlsx"
    assert written.read_bytes().startswith(b"PK")
    assert os.listdir(tmp_path / "reports") == ["2026-10.xlsx"]  # no temp file left


def test_a_table_wider_than_a_sheet_is_refused_not_cut(runner, tmp_path):
    target = tmp_path / "wide.xlsx"
    span = ("--from", "2000-01-01", "--to", "2049-12-31")
    result = runner("report", "table", "--by", "route", "--period", "day", *span,
                    "-f", "xlsx", "-o", target)
    assert result.exit_code == 2
    assert "16384" in result.stderr and "--period-rows" in result.stderr
    assert not target.exists() and os.listdir(tmp_path) == []
    # a longer period fits
    result = runner("report", "table", "--by", "route", "--period", "week", *span,
                    "-f", "xlsx", "-o", target)
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(target, read_only=True).active.max_column > 2600


def test_a_workbook_never_replaces_the_journals_own_files(runner, october, tmp_path):
    config = october / "lobbyctl.yaml"
    before = config.read_bytes()
    for args in (("report", "month", "2026-10"), ("export",)):
        result = runner(*args, "-f", "xlsx", "-o", config)
        assert result.exit_code == 2 and "lobbyctl.yaml" in result.stderr
        assert config.read_bytes() == before


def test_report_table_keeps_its_header_facts_in_the_files_properties(runner, tmp_path):
    _path, book = workbook(runner, tmp_path, "report", "table", "--by", "route",
                           "--from", "2026-10-01", "--to", "2026-10-31")
    assert "0101 城东支行" in book.properties.description
    assert "2026-10-01" in book.properties.description


_PEAK_OF_CHILD = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(done.returncode)
"""


@pytest.mark.stress
def test_a_long_export_streams_into_the_sheet(tmp_path):
    """Rows go to the sheet as they are read (XlsxWriter's constant memory):
    a long export's workbook has every row, in bounded memory."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import journalgen

    root = tmp_path / "journal"
    journalgen.generate(root, datetime.date(2026, 10, 1),
                        scale(datetime.date(2026, 10, 7), datetime.date(2026, 12, 31)),
                        seed=11, busyness=scale(60, 410))
    env = {**os.environ, "LOBBYCTL_NOW": "2027-01-01T12:00"}
    target = tmp_path / "all.xlsx"
    # measured in a process of its own: RUSAGE_CHILDREN of this one keeps the
    # largest child any earlier test waited for (a browser, say)
    made = subprocess.run([sys.executable, "-c", _PEAK_OF_CHILD, LOBBYCTL, "-J", root, "export",
                           "-f", "xlsx", "-o", target],
                          capture_output=True, text=True, timeout=scale(60, 600), env=env)
    assert made.returncode == 0, made.stderr
    peak_mb = int(made.stdout.split()[-1]) / 1024
    lines = subprocess.run([LOBBYCTL, "-J", root, "export"], capture_output=True, text=True,
                           timeout=scale(60, 600), env=env).stdout.count("\n")
    sheet = openpyxl.load_workbook(target, read_only=True).active
    assert sheet.max_row == lines + 1 and lines > scale(300, 30000)
    # a month's rows of text in memory would be several times this
    assert peak_mb < 200, f"{peak_mb:.0f} MB; full={STRESS}"
