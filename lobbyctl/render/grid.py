"""A report's table as one typed grid of cells, which every renderer draws.

A ``Table`` (reports/model.py) is columns and rows of raw values; its grid
is rows of ``Cell``: the raw value, the column's key and its kind
(int, number, pct, minutes, days, points, change_pct, met, date, text,
label:<vocab>, labels:<vocab>) with the column's own value labels; a column
of kind ``row`` takes each row's ``kind`` key, ``row:<key>`` the row's
``<key>`` (a headline row's value is a rate and its change is in points).
A number stays a number here: only a renderer formats it — text and
Markdown through ``shown``, CSV through ``raw`` (numbers as numbers), JSON
keeps the value — so a new format is a new module drawing the same grid, and no two formats can disagree on a figure."""

from dataclasses import dataclass

from lobbyctl.schema.text import words
from lobbyctl.schema.text.safe import neutralise
from lobbyctl.schema.text.values import show_value

NUMERIC = frozenset({"int", "number", "pct", "minutes", "days", "points", "change_pct"})
_TOTAL = {lang: words.pick(words.RENDER["total"], lang) for lang in ("zh", "en")}


def figure_column(kind):
    """A column of figures, drawn right-aligned: a numeric kind, or one
    whose rows name their own kind (``row``, ``row:<key>``)."""
    return kind in NUMERIC or kind.split(":")[0] == "row"


@dataclass(frozen=True)
class Cell:
    key: str  # the column's stable key
    value: object  # raw: a number, a ratio in 0..1, ISO date text, a key, a list
    kind: str = "text"
    labels: dict = None  # raw value -> (zh, en), winning over ``kind``

    @property
    def numeric(self):
        return self.kind in NUMERIC

    def shown(self, lang):
        """The value as a person reads it, one line, escaped."""
        names = self.labels.get(self.value) if self.labels and isinstance(self.value, str) \
            else None
        if names:
            return one_line(names[0] if lang == "zh" else names[1])
        # a list of keys is named key by key from the same labels (a journal's own)
        return one_line(show_value(self.value, self.kind, lang, self.labels))


@dataclass(frozen=True)
class GridRow:
    cells: tuple
    total: bool = False  # the totals row, drawn last and marked
    # values the builder keeps beside the drawn columns (what JSON readers
    # get in full, e.g. when a due item was recorded); no column draws them
    extra: tuple = ()

    def values(self):
        """``{key: raw value}``, as the builder made the row."""
        return {cell.key: cell.value for cell in self.cells + self.extra}


@dataclass(frozen=True)
class Heading:
    key: str
    label: str
    kind: str


@dataclass(frozen=True)
class Grid:
    key: str
    title: str
    headings: tuple
    rows: tuple  # GridRow, the totals row (if any) last
    chart: str = None  # key of an int column drawn as bars

    def body(self):
        return [row for row in self.rows if not row.total]

    def total(self):
        return next((row for row in self.rows if row.total), None)

    def shown_rows(self, lang):
        """Every row as display strings, the totals row's first cell saying so."""
        shown = []
        for row in self.rows:
            cells = [cell.shown(lang) for cell in row.cells]
            if row.total and cells and (not cells[0] or cells[0] == "—"):
                cells[0] = _TOTAL[lang]
            shown.append(cells)
        return shown


def grid_of(table):
    """The grid of a ``Table``: one typed cell per column and row."""
    headings = tuple(Heading(column.key, column.label, column.kind) for column in table.columns)

    keys = {column.key for column in table.columns}

    def row_of(values, total=False):
        cells = tuple(Cell(column.key, values.get(column.key), _kind_in(column.kind, values),
                           column.labels)
                      for column in table.columns)
        return GridRow(cells, total, tuple(Cell(key, value) for key, value in values.items()
                                           if key not in keys))

    rows = [row_of(values) for values in table.rows]
    if table.total:
        rows.append(row_of(table.total, total=True))
    return Grid(table.key, table.title, headings, tuple(rows), table.chart)


def _kind_in(kind, values):
    """A cell's kind: its column's, or for ``row``/``row:<key>`` the row's own."""
    if kind == "row":
        return values.get("kind") or "text"
    if kind.startswith("row:"):
        return values.get(kind[4:]) or "text"
    return kind


def one_line(text):
    """A value as shown in a cell, a line or a heading: escaped, one line."""
    return neutralise(text, one_line=True)
