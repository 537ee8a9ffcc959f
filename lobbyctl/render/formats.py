"""The formats a ``Report`` is drawn in, one module each (render/text.py,
markdown.py, csv.py, json.py, html.py), all drawing the same typed grid
(render/grid.py): a new format is one new module and one line here.

Every value from a journal or a config is neutralised (``schema.text.safe``)
as it becomes a cell, a line or a heading: terminal controls and bidi
characters shown escaped, a table row kept one line; CSV text cells that a
spreadsheet would run as a formula start with ``'``; JSON keeps the values."""

from importlib import import_module

FORMATS = ("text", "markdown", "csv", "json", "xlsx", "html")


def renderer(fmt):
    """The module drawing ``fmt``: it has ``render(report) -> str`` (bytes for xlsx)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return import_module(f"lobbyctl.render.{fmt}")


def render(report, fmt):
    return renderer(fmt).render(report)
