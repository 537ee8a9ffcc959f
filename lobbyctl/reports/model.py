"""What a report is, before it is drawn: plain data.

A report is sections; a section holds tables, facts (label: value pairs) and
lists of text.  Every piece carries a stable English ``key`` (for JSON and CSV)
and a ``title``/``label`` in the report's language (for people).  Values stay
raw — numbers, ratios in 0..1, dates as ISO text — and each column says how to
show them, so text, Markdown, CSV and JSON are drawings of the same figures and
can never disagree."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # text | int | number (a decimal, shown to one place) | pct | minutes | days |
    # date | label:<vocabulary> (raw value is the English key; people see its
    # label in the report's language) | labels:<vocabulary> (a list of keys) |
    # row (each row names its figures' kind under its own "kind" key: a table
    # of headline figures mixes counts, rates and minutes in one column) |
    # row:<key> (each row's <key> names it: the change beside a rate is in
    # points, beside a count in per cent) | points (a difference of two
    # ratios, 0.035 shown +3.5 pt) | change_pct (a ratio of change, 0.12
    # shown +12%) | met (True/False: a target met or missed)
    kind: str = "text"
    # raw value -> (zh, en) for values no vocab.py vocabulary names (weekdays,
    # what is due) or that a journal's config adds; they win over ``kind``
    labels: dict = field(default=None, compare=False)


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list  # dicts: column key -> raw value
    chart: str = None  # key of an int column to draw as Unicode bars
    total: dict = None  # a totals row, drawn last and marked
    # key of the column naming a row in long-form CSV (default the first):
    # one whose values are unique, where the first column's are not
    row_key: str = None


@dataclass
class Facts:
    key: str
    title: str
    items: list  # (key, label, value, kind)


@dataclass
class Lines:
    key: str
    title: str
    lines: list  # strings (already in the report's language)


@dataclass
class Section:
    key: str
    title: str
    blocks: list = field(default_factory=list)
    empty: str = None  # what to say when there is nothing to report


@dataclass
class Report:
    key: str
    title: str
    lang: str
    meta: dict  # header facts: branch, period, generated...
    sections: list


@dataclass
class PeriodTable(Table):
    """A table whose figures are rows × periods, drawn in the layout its
    builder chose (``columns``, ``rows``, ``total`` as any ``Table``) and kept
    as data on its own axes, so a comparison with earlier periods is only
    more periods and a format may draw the figures in long form
    (render/csv.py: one column per ``heads`` field, then period and value).

    ``heads`` are the columns naming a row (the pivot's ``--by`` fields, in
    order); ``period`` is the unit (day, week, month) or None for one column
    of the whole range; ``periods`` the period keys in order (empty ones
    too); ``value`` the column of what a cell counts.  ``cells`` maps
    ``(head values, period key)`` to a figure (a row without a cell there
    counts 0); ``row_totals`` a row's total over the periods, ``period_totals``
    a period's over the rows, ``grand`` the whole table's — each counting an
    entry once, so with list fields they may be less than the sum of the
    cells."""

    heads: list = field(default_factory=list)
    value: Column = None
    period: str = None
    periods: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)
    row_totals: dict = field(default_factory=dict)
    period_totals: dict = field(default_factory=dict)
    grand: int = 0

    def row_keys(self):
        """The rows' head values, in the order the rows are drawn."""
        return list(self.row_totals)
