"""A report as CSV, long ("tidy") form, one figure a line: section, table,
row, column, value — what pandas or DuckDB pivot as they like.  Values are
the grid's raw values: numbers stay numbers (a negative one is no formula),
text that a spreadsheet would run as a formula starts with ``'``."""

import csv
import io

from lobbyctl.render.grid import grid_of
from lobbyctl.reports.model import Facts, PeriodTable, Table
from lobbyctl.schema.text.safe import spreadsheet_safe

HEADER = ["section", "table", "row", "column", "value"]


def writer_of(out):
    return csv.writer(out, lineterminator="\n")


def render(report):
    tables = [block for section in report.sections for block in section.blocks]
    if len(tables) == 1 and isinstance(tables[0], PeriodTable):
        return render_period_table(tables[0])
    out = io.StringIO()
    writer = writer_of(out)
    writer.writerow(HEADER)
    for key, (_label, value) in report.meta.items():
        writer.writerow(["meta", "", "", raw(key), raw(value)])
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                naming = block.row_key or block.columns[0].key
                for row in grid_of(block).rows:
                    name = next(cell for cell in row.cells if cell.key == naming)
                    label = "total" if row.total else raw(name.value)
                    for cell in row.cells:
                        if cell is name:
                            continue
                        writer.writerow([section.key, block.key, label, raw(cell.key),
                                         raw(cell.value)])
            elif isinstance(block, Facts):
                for item_key, _label, value, _kind in block.items:
                    writer.writerow([section.key, block.key, "", raw(item_key), raw(value)])
            else:
                for number, line in enumerate(block.lines, 1):
                    writer.writerow([section.key, block.key, number, "text", raw(line)])
    return out.getvalue()


def raw(value):
    """One CSV cell: numbers as numbers, text and lists made spreadsheet-safe."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return spreadsheet_safe(";".join(map(str, value)))
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value


def render_period_table(table):
    """A rows × periods table in long form, one figure a line, that reads
    back into the same table: one column per ``heads`` field (a row with no
    value there: empty), then ``period`` (when the table has periods), the
    value (``count``) and ``total``, which says what the line is — empty for
    one cell, ``row`` for a row's total over the periods (period empty),
    ``period`` for a period's total over the rows (head fields empty),
    ``all`` for the whole table's.  The layout drawn (--period-rows) does
    not change it."""
    out = io.StringIO()
    writer = writer_of(out)
    heads = [column.key for column in table.heads]
    periods = table.periods
    writer.writerow(heads + (["period"] if table.period else []) + [table.value.key, "total"])
    blank = [""] * len(heads)

    def line(head, period, value, total):
        writer.writerow(head + ([period or ""] if table.period else []) + [value, total])

    for combo in table.row_keys():
        head = [_head_value(value) for value in combo]
        if table.period:
            for key in periods:
                line(head, key, table.cells.get((combo, key), 0), "")
            line(head, "", table.row_totals[combo], "row")
        else:
            line(head, "", table.row_totals[combo], "")
    if table.row_totals:
        for key in periods:
            line(blank, key, table.period_totals.get(key, 0), "period")
        line(blank, "", table.grand, "all")
    return out.getvalue()


def _head_value(value):
    """A row's field value as JSON writes it: true/false, numbers, text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return raw(value)
