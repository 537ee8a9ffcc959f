"""A report as an Excel workbook (``--format xlsx``), one sheet.

The daily log and the monthly form are laid out like the paper form: the
title merged across the sheet's width, the header facts (branch, day or
month, managers, generated), one block per section (a bold section title;
facts as label/value rows; tables under a bold header row, their totals
row bold; lines of text), a native bar chart under each table the builder
marks (hourly and daily flow), and the signature lines at the end.  The
title row is frozen; the page is A4 portrait, fitted to its width.

``report table`` (a ``PeriodTable``) and ``export`` are plain tables: one
header row, frozen, with an autofilter; the totals row, bold, just below
the filtered range so sorting never moves it.

Cells are typed by the grid (render/xlsx_cells.py).  The bytes depend only
on the report: the document's creation time is the report's generation time
(else a constant), and XlsxWriter dates every part of the zip 1980-01-01,
so a cron run's workbook can be committed and diffed by its bytes."""

import datetime

from lobbyctl.render.grid import Cell, grid_of, one_line
from lobbyctl.render.xlsx_cells import Sheet, fits_a_sheet, sheet_name
from lobbyctl.reports.model import Facts, PeriodTable, Table
from lobbyctl.schema.text import words
from lobbyctl.schema.text.values import show_value

# a workbook without a generation time is dated like its zip parts
_EPOCH = datetime.datetime(1980, 1, 1)
_CHART_ROWS = 16  # rows kept free under a table for its chart (288 px high)
_PAPER_A4 = 9
_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False}


def render(report):
    """The workbook's bytes."""
    import io

    out = io.BytesIO()
    # a plain table's sheet has room for one header row: its header facts
    # (branch, period, what is counted) go with the file's properties
    comments = "\n".join(f"{one_line(label)}: {one_line(show_value(value, 'text', report.lang))}"
                         for label, value in report.meta.values())
    book = _workbook(out, one_line(report.title), _created(report), in_memory=True,
                     comments=comments)
    blocks = [block for section in report.sections for block in section.blocks]
    if len(blocks) == 1 and isinstance(blocks[0], PeriodTable):
        _plain_table(book, report, blocks[0])
    else:
        _document(book, report)
    book.close()
    return out.getvalue()


def _workbook(out, title, created, in_memory, **properties):
    import xlsxwriter

    # constant memory keeps a year's export out of RAM: rows go to a temp file
    book = xlsxwriter.Workbook(out, {**_OPTIONS, "in_memory": in_memory,
                                     "constant_memory": not in_memory})
    book.set_properties({"title": title, "created": created, **properties})
    return book


def _created(report):
    """The report's generation time in UTC (XlsxWriter writes it as such)."""
    generated = report.meta.get("generated")
    try:
        moment = datetime.datetime.fromisoformat(generated[1])
    except (TypeError, ValueError, IndexError):
        return _EPOCH
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment


def _print_setup(sheet, portrait=True):
    sheet.set_paper(_PAPER_A4)
    if portrait:
        sheet.set_portrait()
    else:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&C&P / &N")


# -- the daily log and the monthly form ------------------------------------

def _document(book, report):
    lang = report.lang
    page = Sheet(book, sheet_name(report.title), lang)
    width = max([len(block.columns) for section in report.sections
                 for block in section.blocks if isinstance(block, Table)] + [5])
    title = page.style(bold=True, font_size=14, align="center", valign="vcenter")
    page.sheet.merge_range(0, 0, 0, width - 1, "", title)
    # merge_range writes with write(): the title goes in as a string after it
    page.text(0, 0, one_line(report.title), measure=False, bold=True, font_size=14,
              align="center", valign="vcenter")
    page.sheet.set_row(0, 24)
    row = 1
    for label, value in report.meta.values():
        page.text(row, 0, one_line(label), bold=True)
        _header_value(page, row, value)
        row += 1
    page.sheet.freeze_panes(1, 0)
    for section in report.sections:
        row = _section(page, row + 1, section, width)
    _signatures(page, row + 1, lang)
    page.set_widths()
    _print_setup(page.sheet)
    page.sheet.repeat_rows(0)


def _header_value(page, row, value):
    """A header fact: a count as a number, a day as a date, lists joined."""
    if isinstance(value, int) and not isinstance(value, bool):
        page.value(row, 1, value, "int", align="left")
    elif isinstance(value, str) and len(value) == 10 and value[4:5] == "-":
        page.value(row, 1, value, "date", align="left")
    else:
        # text may overflow into the empty cells to its right: only figures
        # and dates must fit their column (Excel shows ### otherwise)
        page.text(row, 1, "—" if value in (None, "") else show_value(value, "text", page.lang),
                  measure=False)


def _section(page, row, section, width):
    """A section from ``row``; returns the row after it."""
    page.text(row, 0, one_line(section.title), measure=False, bold=True, font_size=12)
    for col in range(1, width):
        page.sheet.write_blank(row, col, None, page.style(bottom=1))
    row += 1
    if not section.blocks:
        page.text(row, 0, one_line(section.empty) or _nothing(page.lang), measure=False)
        return row + 1
    for block in section.blocks:
        if one_line(block.title):
            page.text(row, 0, one_line(block.title), measure=False, bold=True, italic=True)
            row += 1
        row = _block(page, row, block) + 1
    return row


def _block(page, row, block):
    if isinstance(block, Table):
        return _table(page, row, block)
    if isinstance(block, Facts):
        for _key, label, value, kind in block.items:
            page.text(row, 0, one_line(label))
            page.value(row, 1, value, kind)
            row += 1
        return row if block.items else _empty(page, row)
    for line in block.lines:
        page.text(row, 0, one_line(line), measure=False)
        row += 1
    return row if block.lines else _empty(page, row)


def _empty(page, row):
    page.text(row, 0, _nothing(page.lang), measure=False)
    return row + 1


def _nothing(lang):
    return words.pick(words.RENDER["nothing"], lang)


def _table(page, row, table):
    """A table from ``row`` (its chart below it); returns the row after."""
    if not table.rows:
        return _empty(page, row)
    grid = grid_of(table)
    header = row
    _grid_rows(page, row, grid)
    row += 1 + len(grid.rows)
    if grid.chart:
        _chart(page, header, grid, row)
        row += _CHART_ROWS
    return row


def _grid_rows(page, row, grid, total_row=None):
    """The header row and every row of ``grid`` from ``row``; the totals
    row at ``total_row`` if given (else straight after the body).  A table
    larger than a sheet is refused: XlsxWriter would drop the cells beyond
    its edge without a word."""
    fits_a_sheet(len(grid.headings), row + 1 + len(grid.rows))
    for col, heading in enumerate(grid.headings):
        page.text(row, col, one_line(heading.label), bold=True, bottom=1, bg_color="#EEEEEE")
    at = row + 1
    for grid_row in grid.rows:
        look = {"bold": True, "top": 1} if grid_row.total else {}
        where = total_row if grid_row.total and total_row is not None else at
        for col, cell in enumerate(grid_row.cells):
            if grid_row.total and col == 0 and cell.value in (None, ""):
                cell = Cell(cell.key, words.pick(words.RENDER["total"], page.lang))
            page.cell(where, col, cell, **look)
        at += 0 if grid_row.total and total_row is not None else 1


def _chart(page, header, grid, below):
    """A native column chart of the grid's chart column over its first."""
    keys = [heading.key for heading in grid.headings]
    if grid.chart not in keys or not grid.body():
        return
    value_col = keys.index(grid.chart)
    first, last = header + 1, header + len(grid.body())
    chart = page.workbook.add_chart({"type": "column"})
    title = _literal(one_line(grid.title) or one_line(grid.headings[value_col].label))
    chart.add_series({"name": title,
                      "categories": [page.name, first, 0, last, 0],
                      "values": [page.name, first, value_col, last, value_col],
                      "gap": 60})
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_legend({"none": True})
    chart.set_x_axis({"text_axis": True})
    chart.set_size({"width": 640, "height": 288})
    page.sheet.insert_chart(below, 0, chart, {"y_offset": 4})


def _literal(text):
    # XlsxWriter reads a chart name starting with "=" as a cell reference
    return " " + text if text.startswith("=") else text


def _signatures(page, row, lang):
    """The paper form's last lines: the lobby manager's signature and date,
    the branch head's comments, signature and date."""
    from lobbyctl.schema.text.messages import say

    line = page.style(bottom=1)

    def signed(row, key):
        page.text(row, 0, say(key, lang), bold=True)
        for col in (1, 2, 4):
            page.sheet.write_blank(row, col, None, line)
        page.text(row, 3, say("xlsx_sign_date", lang), bold=True)

    page.sheet.set_row(row, 24)
    signed(row, "xlsx_sign_manager")
    page.text(row + 2, 0, say("xlsx_head_comments", lang), bold=True)
    for col in range(1, 5):
        page.sheet.write_blank(row + 3, col, None, line)
    page.sheet.set_row(row + 5, 24)
    signed(row + 5, "xlsx_sign_head")


# -- plain tables: report table and export ---------------------------------

def _plain_table(book, report, table):
    page = Sheet(book, sheet_name(report.title), report.lang)
    grid = grid_of(table)
    body = len(grid.body())
    _grid_rows(page, 0, grid, total_row=body + 1)
    _plain_sheet(page, body, len(grid.headings))


def _plain_sheet(page, body, columns):
    page.sheet.freeze_panes(1, 0)
    page.sheet.autofilter(0, 0, body, max(columns - 1, 0))
    page.set_widths()
    _print_setup(page.sheet, portrait=False)
    page.sheet.repeat_rows(0)


def write_rows(out, title, columns, rows, lang):
    """A plain table streamed row by row into a workbook written to the
    binary handle ``out`` (a year of export never sits in memory):
    ``columns`` are ``(heading, kind)`` — a grid kind, or ``bool`` for a
    flag (an Excel TRUE/FALSE) — and ``rows`` lists of values in their order,
    None for an empty cell.  Text keeps its line breaks.  Returns how many
    rows were written; more than a sheet holds is a usage problem."""
    book = _workbook(out, one_line(title), _EPOCH, in_memory=False)
    page = Sheet(book, sheet_name(title), lang)
    for col, (heading, _kind) in enumerate(columns):
        page.text(0, col, heading, bold=True, bottom=1, bg_color="#EEEEEE")
    count = 0
    for count, values in enumerate(rows, 1):
        fits_a_sheet(len(columns), count + 1)
        for col, ((_heading, kind), value) in enumerate(zip(columns, values)):
            if value is None:
                continue
            if kind == "bool" and isinstance(value, bool):
                page.sheet.write_boolean(count, col, value)
                page.measure(col, "FALSE")
            elif kind == "text" or kind == "bool":
                page.text(count, col, value)
            else:
                page.value(count, col, value, kind)
    _plain_sheet(page, count, len(columns))
    book.close()
    return count
