"""A report as JSON: stable English keys and the raw values of the grid
(numbers, ratios in 0..1, ISO dates, vocabulary keys), titles beside them."""

import json

from lobbyctl.render.grid import grid_of
from lobbyctl.reports.model import Facts, Table
from lobbyctl.schema.text.safe import json_safe


def table_data(table):
    grid = grid_of(table)
    data = {"title": table.title, "rows": [row.values() for row in grid.body()]}
    total = grid.total()
    if total is not None:
        data["total"] = total.values()
    return data


def block_data(block):
    if isinstance(block, Table):
        return table_data(block)
    if isinstance(block, Facts):
        return {"title": block.title, **{key: value for key, _l, value, _k in block.items}}
    return {"title": block.title, "lines": block.lines}


def report_data(report):
    """The report as plain JSON-able data with stable English keys."""
    return {
        "report": report.key,
        "title": report.title,
        "lang": report.lang,
        **{key: value for key, (_label, value) in report.meta.items()},
        "sections": {section.key: {"title": section.title, "empty": not section.blocks,
                                   **{block.key: block_data(block) for block in section.blocks}}
                     for section in report.sections},
    }


def render(report):
    # the values as they are; only their acting characters written as \uXXXX
    return json_safe(json.dumps(report_data(report), ensure_ascii=False, indent=2,
                                sort_keys=False)) + "\n"
