"""A report as CSV, long ("tidy") form, one figure a line: section, table,
row, column, value — what pandas or DuckDB pivot as they like.  Values are
the grid's raw values: numbers stay numbers (a negative one is no formula),
text that a spreadsheet would run as a formula starts with ``'``."""

import csv
import io

from lobbyctl.render.grid import grid_of
from lobbyctl.reports.model import Facts, Table
from lobbyctl.schema.text.safe import spreadsheet_safe

HEADER = ["section", "table", "row", "column", "value"]


def writer_of(out):
    return csv.writer(out, lineterminator="\n")


def render(report):
    out = io.StringIO()
    writer = writer_of(out)
    writer.writerow(HEADER)
    for key, (_label, value) in report.meta.items():
        writer.writerow(["meta", "", "", raw(key), raw(value)])
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                for row in grid_of(block).rows:
                    first, *rest = row.cells
                    label = "total" if row.total else raw(first.value)
                    for cell in rest:
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
