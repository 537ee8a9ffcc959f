"""Typed cells in one XlsxWriter sheet, for render/xlsx.py.

Every figure is written as a real number carrying a number format chosen by
its grid kind (render/grid.py), every date as an Excel date, and everything
else as a string through ``write_string`` — never ``write``, which would
make a formula of ``=...`` from a journal's text.  Text is neutralised
(``schema.text.safe``) as it is for every other format; personal numbers
were masked when the report was built.  Each column's width is counted in
display cells (wcwidth: a Chinese character two) as the cells are written.

The workbook itself is only handed in: XlsxWriter is imported by
render/xlsx.py alone, inside its functions."""

import datetime
import math
import re

from wcwidth import wcswidth

from lobbyctl.render.grid import NUMERIC, Cell, one_line
from lobbyctl.schema.text.safe import neutralise

# a change of a rate in percentage points and a count's change as a ratio,
# both signed; the raw ratio is kept (as pct is), so a cell is a figure of JSON
_SIGNED_PCT = "+0.0%;-0.0%;0.0%"
NUMBER_FORMATS = {"int": "0", "number": "0.0", "pct": "0.0%", "points": _SIGNED_PCT,
                  "change_pct": _SIGNED_PCT}
# the unit in the report's language, as text and Markdown write it
_UNITS = {"minutes": ('0.0" 分钟"', '0.0" min"'), "days": ('General" 天"', 'General" d"')}
NUMBERS = NUMERIC | frozenset(NUMBER_FORMATS) | frozenset(_UNITS)
DATE_FORMAT = "yyyy-mm-dd"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# a column no wider than this: a long note overflows into its empty neighbours
MAX_WIDTH = 60
# Excel's own limit of a cell's text (XlsxWriter would cut it silently)
MAX_TEXT = 32767
_INVALID_SHEET = str.maketrans({char: " " for char in "[]:*?/\\"})


# the rows and columns of one sheet, the header row among them
ROW_LIMIT = 1_048_576
COLUMN_LIMIT = 16_384


def fits_a_sheet(columns, rows):
    """A usage problem for a table larger than a sheet: XlsxWriter would
    drop the cells beyond its edge without a word."""
    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text.messages import problem

    if columns > COLUMN_LIMIT:
        raise problem(UsageProblem, "xlsx_too_many_columns", count=columns, limit=COLUMN_LIMIT)
    if rows > ROW_LIMIT:
        raise problem(UsageProblem, "xlsx_too_many_rows", limit=ROW_LIMIT - 1)


def sheet_name(title):
    """A worksheet name from a title: none of ``[]:*?/\\``, no apostrophe at
    either end, at most 31 characters (Excel's rules)."""
    name = " ".join(one_line(title or "").translate(_INVALID_SHEET).split()).strip("'")
    if len(name) > 31:
        # cut between words where there are words ("Monthly feedback report · ...")
        cut = name[:32].rsplit(" ", 1)[0] if " " in name[:32] else name[:31]
        name = cut.rstrip(" ·-–—,;(")
    return name.strip("'") or "Sheet1"


def number_format(kind, lang):
    """The Excel number format of a grid kind, or None for text."""
    if kind in _UNITS:
        return _UNITS[kind][0 if lang == "zh" else 1]
    return NUMBER_FORMATS.get(kind)


def as_date(value):
    """An ISO date (``2026-10-15``) as a ``datetime.date`` Excel can hold
    (1900 to 9999), else None: the cell is then written as text."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    return day if day.year >= 1900 else None


def _cells(text):
    # wcswidth is -1 for a character it cannot size: count such a text by its length
    width = wcswidth(text)
    return width if width >= 0 else len(text)


def is_figure(value):
    """A value Excel can hold as a number (a flag is not one, nor NaN)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and math.isfinite(value)


class Sheet:
    """One worksheet and the formats and widths of what is written on it."""

    def __init__(self, workbook, name, lang):
        self.workbook = workbook
        self.sheet = workbook.add_worksheet(name)
        self.name = name
        self.lang = lang
        self.widths = {}
        self._formats = {}

    def style(self, num_format=None, **properties):
        """One XlsxWriter format per distinct look, made once."""
        key = (num_format, tuple(sorted(properties.items())))
        if key not in self._formats:
            spec = dict(properties)
            if num_format:
                spec["num_format"] = num_format
            self._formats[key] = self.workbook.add_format(spec)
        return self._formats[key]

    def measure(self, col, text):
        known = self.widths.get(col, 0)
        if known >= MAX_WIDTH or (len(text) * 2 + 2 <= known and "\t" not in text):
            return  # nothing this long can widen the column (a character is at most 2 cells)
        if text.isascii() and text.isprintable():
            widest = len(text)  # most cells of an export: keys, ids, numbers
        else:
            # a text with line breaks is as wide as its widest line
            widest = max(_cells(line.replace("\t", "    ")) for line in text.split("\n"))
        width = min(widest + 2, MAX_WIDTH)
        if width > known:
            self.widths[col] = width

    def text(self, row, col, text, measure=True, **look):
        """A string cell, whatever it looks like (``=1+1`` stays text)."""
        text = neutralise(str(text))[:MAX_TEXT]
        self.sheet.write_string(row, col, text, self.style(**look) if look else None)
        if measure:
            self.measure(col, text)

    def cell(self, row, col, cell, **look):
        """A grid ``Cell`` typed by its kind: a number with its format, a
        date as a date, a label as its text in the report's language, None
        as an empty cell (a figure) or "—" (text), never 0."""
        value, kind = cell.value, cell.kind
        labelled = cell.labels and isinstance(value, str) and value in cell.labels
        if kind in NUMBERS and not labelled:
            style = self.style(number_format(kind, self.lang), **look)
            if value is None or value == "":
                self.sheet.write_blank(row, col, None, style)
                return
            if is_figure(value):
                self.sheet.write_number(row, col, value, style)
                self.measure(col, cell.shown(self.lang))
                return
        if kind == "date" and not labelled:
            day = as_date(value)
            if day is not None or value is None or value == "":
                self.date(row, col, day, **look)
                return
        self.text(row, col, cell.shown(self.lang), **look)

    def date(self, row, col, day, **look):
        style = self.style(DATE_FORMAT, **look)
        if day is None:
            self.sheet.write_blank(row, col, None, style)
        else:
            self.sheet.write_datetime(row, col, day, style)
            self.measure(col, "2026-01-01")

    def value(self, row, col, value, kind="text", **look):
        """A raw value of ``kind`` (a fact, a header value)."""
        self.cell(row, col, Cell("", value, kind), **look)

    def set_widths(self, least=6):
        for col, width in sorted(self.widths.items()):
            self.sheet.set_column(col, col, max(width, least))
