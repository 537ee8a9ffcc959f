"""``report table``: a pivot of one entry type over any of its fields.

Counts entries of one type in a date range — a greeting counts its ``count``
(customers), any other entry counts one — by one or more fields of that type
(``vocab.FIELDS``) or derived ones (``hour``, ``weekday``, ``date``, ``week``,
``month``, ``by``), optionally spread over periods (day, week or month).

Layout:

* no period: one row per combination of the ``--by`` values, a count column;
* periods as columns: the same rows, one column per period, a total column;
* periods as rows (``period_rows``): one row per period (and per value of
  every ``--by`` field but the last), one column per value of the last
  ``--by`` field, a total column — what reads best for "each day of the month
  by route", many periods and few values.

A list field (groups, assist, steps, staff, checklist problems) counts an
entry once under each of its members, and under "—" when empty, so a column
can add up to more than its total: the totals row and total column count
each entry once.  Referrals, complaints and notes are counted in their
folded state as of the end of the range (a referral accepted on a later
follow-up counts as accepted, if that follow-up is in the range).

One pass over the day files, streamed one at a time; only the entries of
an updatable type and their updates are kept until the fold."""

import datetime

from lobbyctl.schema import vocab
from lobbyctl.schema.text import words
from lobbyctl.schema.text.field_labels import field_label
from lobbyctl.check.reading import DayStream
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import problem
from lobbyctl.domain.fold import fold
from lobbyctl.schema.text.privacy import mask
from lobbyctl.reports.figures import hour_of
from lobbyctl.reports.model import Column, Report, Section, Table
from lobbyctl.reports.labelled import with_journal_labels

DERIVED = {"hour": "hour", "weekday": "weekday", "date": "date", "week": "week",
           "month": "month", "by": "text"}
PERIODS = ("day", "week", "month")
# Booleans recorded as a flag: absent means "no", not "not recorded" (``new``
# is recorded as --new/--existing, so an absent one stays unknown).
FLAGS = ("potential", "praise", "fixed", "forced")
_NONE_KEY = "(none)"  # column key for entries without a value (never a vocabulary key)

WEEKDAYS = words.WEEKDAYS
_WEEKDAY_KEYS = list(WEEKDAYS)


def word(key, lang, **values):
    return words.pick(words.TABLE[key], lang, **values)


def field_title(field, lang):
    return field_label(field, lang)


def fields_of(entry_type):
    """``{field: kind}`` a table of ``entry_type`` may use: the schema's and the derived."""
    fields = dict(vocab.FIELDS[entry_type])
    for name, kind in DERIVED.items():
        fields.setdefault(name, kind)
    return fields


def check_field(name, entry_type, option):
    fields = fields_of(entry_type)
    key = name.strip().replace("-", "_")
    if key not in fields:
        raise problem(UsageProblem, "no_such_field", option=option, type=entry_type,
                      typed=name.strip(), valid=", ".join(fields))
    return key


def _vocab_name(kind):
    for prefix in ("label:", "labels:", "checklist:"):
        if kind.startswith(prefix):
            return kind[len(prefix):]
    return None


def _period_key(day, period):
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year:04d}-{day.month:02d}"


def _periods(start, end, period):
    """Every period key from ``start`` to ``end``, in order (empty ones too:
    a quiet week shows as 0, not as a missing column)."""
    keys = []
    day = start
    while day <= end:
        key = _period_key(day, period)
        if not keys or keys[-1] != key:
            keys.append(key)
        day += datetime.timedelta(days=1)
    return keys


def _period_label(key, period):
    return key[5:] if period == "day" else key


def _extractor(field, kind, masked, tz):
    """A function ``(entry, day_facts) -> list of values`` for one field.

    ``day_facts`` is ``(date, weekday, week, month)`` of the day file, which
    is the authority for an entry's date."""
    if field == "hour":
        # the wall clock in the journal's zone, as every other reader takes it
        return lambda entry, _facts: [hour_of(entry, tz)]
    if field in ("date", "weekday", "week", "month"):
        position = ("date", "weekday", "week", "month").index(field)
        return lambda _entry, facts: [facts[position]]
    if kind.startswith("labels:") or kind == "names":
        # a name has no number to mask, but a phone typed as one is masked
        # here as in show, report day and export
        shown = mask if masked and kind == "names" else str

        def members(entry, _facts):
            value = entry.get(field)
            if not isinstance(value, list) or not value:
                return [None]
            return [shown(str(item)) for item in dict.fromkeys(value) if item is not None] \
                or [None]
        return members
    if kind.startswith("checklist:"):
        def items(entry, _facts):
            value = entry.get(field)
            return list(value) if isinstance(value, dict) and value else [None]
        return items
    if kind == "bool":
        if field in FLAGS:
            return lambda entry, _facts: [entry.get(field) is True]
        return lambda entry, _facts: [entry.get(field) if isinstance(entry.get(field), bool)
                                      else None]
    if kind == "int":
        def number(entry, _facts):
            value = entry.get(field)
            return [value if isinstance(value, int) and not isinstance(value, bool) else None]
        return number
    if kind == "text" and masked:
        def text(entry, _facts):
            value = entry.get(field)
            return [mask(str(value)) if value not in (None, "") else None]
        return text

    def plain(entry, _facts):
        value = entry.get(field)
        if value in (None, "") or isinstance(value, (list, dict)):
            return [None]
        return [value if isinstance(value, (int, str)) else str(value)]
    return plain


class Where:
    """One ``--where FIELD=VALUE`` field with the values it accepts (several
    ``--where`` on one field: any of them; on different fields: all)."""

    def __init__(self, field, kind, extract):
        self.field = field
        self.kind = kind
        self.extract = extract
        self.wanted = set()
        self.shown = []

    def accepts(self, entry, facts):
        values = self.extract(entry, facts)
        if self.kind in ("text", "names", "id"):
            # free text and names match whole, whatever the case
            return any(isinstance(value, str) and value.casefold() in self.wanted
                       for value in values)
        return any(value in self.wanted for value in values)


def parse_where(texts, entry_type, config, today, tz=None):
    """``--where`` texts as ``Where`` filters; an unknown field or label is a
    usage problem listing the valid ones."""
    filters = {}
    fields = fields_of(entry_type)
    for text in texts:
        name, sep, value = text.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise problem(UsageProblem, "not_field_value", typed=text)
        field = check_field(name, entry_type, "--where")
        kind = fields[field]
        where = filters.get(field)
        if where is None:
            where = filters[field] = Where(field, kind, _extractor(field, kind, masked=False, tz=tz))
        wanted = _where_value(field, kind, value.strip(), config, today)
        where.wanted.add(wanted.casefold() if kind in ("text", "names", "id") else wanted)
        where.shown.append(f"{field}={value.strip()}")
    return list(filters.values())


_TRUE = {"true", "yes", "y", "1", "是", "有"}
_FALSE = {"false", "no", "n", "0", "否", "无"}


def _where_value(field, kind, typed, config, today):
    option = f"--where {field}"
    name = _vocab_name(kind)
    if name is not None:
        return vocab.vocabulary(name, config).resolve(typed, option)
    folded = typed.casefold()
    if kind == "bool":
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise problem(UsageProblem, "where_not_bool", option=option, typed=typed)
    if kind in ("int", "hour"):
        try:
            number = int(typed)
        except ValueError:
            raise problem(UsageProblem, "where_not_number", option=option, typed=typed) from None
        if kind == "hour" and not 0 <= number <= 23:
            raise problem(UsageProblem, "where_not_hour", option=option, typed=typed)
        return number
    if kind == "weekday":
        for position, (key, (zh, en)) in enumerate(WEEKDAYS.items(), 1):
            if folded in (key, key[:3], zh, en.casefold(), "星期" + zh[1:], str(position)):
                return key
        raise problem(UsageProblem, "where_not_weekday", option=option, typed=typed,
                      valid=", ".join(f"{key} ({zh})" for key, (zh, _en) in WEEKDAYS.items()))
    if kind == "date":
        from lobbyctl.domain.when import parse_date

        return parse_date(typed, today, option).isoformat()
    if kind == "week":
        import re

        match = re.match(r"^(\d{4})-?w(\d{1,2})$", folded)
        if not match or not 1 <= int(match.group(2)) <= 53:
            raise problem(UsageProblem, "where_not_week", option=option, typed=typed)
        return f"{match.group(1)}-W{int(match.group(2)):02d}"
    if kind == "month":
        from lobbyctl.domain.when import parse_month

        year, month = parse_month(typed, today)
        return f"{year:04d}-{month:02d}"
    return typed


def _matches(entry, facts, filters):
    return all(where.accepts(entry, facts) for where in filters)


def _sort_key(kind, order):
    """How a field's values sort in rows and columns: vocabulary order for
    labels, weekdays Monday first, numbers and dates in order, text by code
    point; "—" (no value) last."""
    def key(value):
        if value is None:
            return (2, 0, "")
        if kind == "weekday":
            return (0, _WEEKDAY_KEYS.index(value), "")
        if order is not None:
            position = order.get(value)
            return (0, position, "") if position is not None else (1, 0, str(value))
        if isinstance(value, bool):
            return (0, 0 if value else 1, "")
        if isinstance(value, int):
            return (0, value, "")
        return (0, 0, str(value))
    return key


def _column(field, kind, config, lang):
    """The column showing a field's values, with its labels."""
    title = field_title(field, lang)
    name = _vocab_name(kind)
    if name is not None:
        vocabulary = vocab.vocabulary(name, config)
        return Column(field, title, f"label:{name}", labels=vocabulary.labels)
    if kind == "weekday":
        return Column(field, title, "text", labels=WEEKDAYS)
    if kind in ("int", "hour"):
        return Column(field, title, "int")
    if kind == "date":
        return Column(field, title, "date")
    return Column(field, title, "text")


def _value_column(value, kind, config, lang):
    """The column for one value of the last ``--by`` field (periods as rows)."""
    key = _NONE_KEY if value is None else ("true" if value is True else "false"
                                           if value is False else str(value))
    label = "—"
    if value is not None:
        from lobbyctl.schema.text.values import show_value

        column = _column("value", kind, config, lang)
        names = column.labels.get(value) if column.labels else None
        label = (names[0] if lang == "zh" else names[1]) if names else \
            show_value(value, column.kind, lang)
    return Column(key, label, "int")


def build_table(journal, *, entry_type="greet", by_fields=(), period=None, start, end,
                where=(), lang="zh", period_rows=False, masked=True, source=None):
    """The pivot as a ``Report``.  ``by_fields`` and ``where`` are what the
    user typed (validated here); ``source`` is a ``DayStream`` (default: the
    range, stopping at a file that does not parse)."""
    if entry_type not in vocab.FIELDS:
        raise problem(UsageProblem, "unknown_entry_type", typed=entry_type,
                      valid=", ".join(vocab.FIELDS))
    if start > end:
        raise problem(UsageProblem, "from_after_to", start=start.isoformat(), end=end.isoformat())
    if period is not None and period not in PERIODS:
        raise problem(UsageProblem, "not_one_of", option="--period", typed=period,
                      valid=", ".join(PERIODS))
    if period_rows and period is None:
        raise problem(UsageProblem, "period_rows_alone")
    config = journal.config
    fields = fields_of(entry_type)
    by = list(dict.fromkeys(check_field(name, entry_type, "--by") for name in by_fields))
    filters = parse_where(where, entry_type, config, journal.today(), journal.tz)
    extractors = [_extractor(field, fields[field], masked, journal.tz) for field in by]
    weighted = entry_type == "greet"

    counter = _Counter()
    facts_of = {}

    def add(entry, day):
        facts = facts_of.get(day)
        if facts is None:
            year, week, weekday = day.isocalendar()
            facts = facts_of[day] = (day.isoformat(), _WEEKDAY_KEYS[weekday - 1],
                                     f"{year}-W{week:02d}", f"{day.year:04d}-{day.month:02d}",
                                     _period_key(day, period) if period else None)
        if filters and not _matches(entry, facts, filters):
            return
        weight = 1
        if weighted:
            count = entry.get("count", 1)
            weight = count if isinstance(count, int) and not isinstance(count, bool) else 1
        counter.add([extract(entry, facts) for extract in extractors], facts[4], weight)

    days = source if source is not None else DayStream(journal, start, end)
    if entry_type in vocab.UPDATABLE:
        kept = []  # (day, entry) of the type, and the updates that may change them
        for day, loaded in days:
            for entry in loaded.entries:
                kind = entry.get("type")
                if kind == entry_type or kind == "update":
                    kept.append((day, entry))
        states, _orphans = fold((entry for _day, entry in kept), until=end)
        for day, entry in kept:
            if entry.get("type") == entry_type:
                add(states.get(entry.get("id"), entry), day)
    else:
        for day, loaded in days:
            for entry in loaded.entries:
                if entry.get("type") == entry_type:
                    add(entry, day)

    table = _layout(counter, by, fields, period, start, end, period_rows, config, lang,
                    entry_type)
    return _report(journal, table, by, period, start, end, filters, lang, entry_type,
                   mask if masked else str)


class _Counter:
    """Counts by (values of the --by fields, period); each entry counted once
    in every total, however many members its list fields have."""

    def __init__(self):
        self.cells = {}  # (row values tuple, period) -> n
        self.rows = {}  # row values tuple -> n (each entry once per row)
        self.periods = {}  # period -> n (each entry once)
        self.total = 0
        # periods as rows: (all but the last --by value, period) and last value
        self.head_rows = {}
        self.last_values = {}

    def add(self, value_lists, period, weight):
        combos = [()]
        for values in value_lists:
            combos = [combo + (value,) for combo in combos for value in values]
        if len(combos) > 1:
            combos = list(dict.fromkeys(combos))
        cells, rows = self.cells, self.rows
        for combo in combos:
            cells[(combo, period)] = cells.get((combo, period), 0) + weight
            rows[combo] = rows.get(combo, 0) + weight
        self.periods[period] = self.periods.get(period, 0) + weight
        self.total += weight
        if value_lists:
            heads = dict.fromkeys(combo[:-1] for combo in combos)
            for head in heads:
                key = (head, period)
                self.head_rows[key] = self.head_rows.get(key, 0) + weight
            for value in dict.fromkeys(value_lists[-1]):
                self.last_values[value] = self.last_values.get(value, 0) + weight


def _sorted_rows(keys, by, fields, config):
    sorters = []
    for field in by:
        kind = fields[field]
        name = _vocab_name(kind)
        order = None
        if name is not None:
            order = {key: index for index, key in enumerate(vocab.vocabulary(name, config).labels)}
        sorters.append(_sort_key(kind, order))
    return sorted(keys, key=lambda combo: tuple(sort(value) for sort, value in zip(sorters, combo)))


def _layout(counter, by, fields, period, start, end, period_rows, config, lang, entry_type):
    count_title = field_title("count", lang) if entry_type == "greet" else \
        word("entries_column", lang)
    if not by:
        # nothing to group by: one row saying what was counted
        columns = [Column("type", field_title("type", lang), "label:type")]
        combos = [()] if counter.total else []
        head = lambda combo: {"type": entry_type}  # noqa: E731
    else:
        columns = [_column(field, fields[field], config, lang) for field in by]
        combos = _sorted_rows(counter.rows, by, fields, config)
        head = lambda combo: dict(zip(by, combo))  # noqa: E731
    if period is None:
        columns.append(Column("count", count_title, "int"))
        rows = [{**head(combo), "count": counter.rows.get(combo, counter.total)}
                for combo in combos]
        total = _total_row(columns, {"count": counter.total}) if rows else None
        return Table("counts", "", columns, rows, total=total)
    periods = _periods(start, end, period)
    if not period_rows:
        columns += [Column(key, _period_label(key, period), "int") for key in periods]
        columns.append(Column("total", field_title("total", lang), "int"))
        rows = []
        for combo in combos:
            row = head(combo)
            for key in periods:
                row[key] = counter.cells.get((combo, key), 0)
            row["total"] = counter.rows.get(combo, counter.total)
            rows.append(row)
        total = None
        if rows:
            total = _total_row(columns, {**{key: counter.periods.get(key, 0) for key in periods},
                                         "total": counter.total})
        return Table("counts", "", columns, rows, total=total)
    # periods as rows; the last --by field's values as columns
    period_column = Column(period, field_title("date" if period == "day" else period, lang),
                           "date" if period == "day" else "text")
    columns = [period_column]
    heads, last_values = [()], [None]
    value_columns = []
    if by:
        columns += [_column(field, fields[field], config, lang) for field in by[:-1]]
        heads = _sorted_rows({head for head, _period in counter.head_rows}, by[:-1], fields,
                             config)
        last = by[-1]
        last_values = [combo[0] for combo in
                       _sorted_rows({(value,) for value in counter.last_values}, [last], fields,
                                    config)]
        value_columns = [_value_column(value, fields[last], config, lang) for value in last_values]
    else:
        value_columns = [Column("count", count_title, "int")]
    columns += value_columns
    columns.append(Column("total", field_title("total", lang), "int"))
    rows = []
    if counter.total:
        for key in periods:
            for head_values in heads:
                row = {period: key, **dict(zip(by[:-1], head_values))}
                if by:
                    for value, column in zip(last_values, value_columns):
                        row[column.key] = counter.cells.get((head_values + (value,), key), 0)
                    row["total"] = counter.head_rows.get((head_values, key), 0)
                else:
                    row["count"] = row["total"] = counter.periods.get(key, 0)
                rows.append(row)
    total = None
    if rows:
        sums = {"total": counter.total}
        if by:
            for value, column in zip(last_values, value_columns):
                sums[column.key] = counter.last_values[value]
        else:
            sums["count"] = counter.total
        total = _total_row(columns, sums)
    return Table("counts", "", columns, rows, total=total)


def _total_row(columns, sums):
    """The totals row: the first columns empty (drawn as "Total"), then the sums."""
    return {column.key: sums.get(column.key) for column in columns}


def _report(journal, table, by, period, start, end, filters, lang, entry_type, hide):
    config = journal.config
    type_label = vocab.label("type", entry_type, lang)
    meta = {
        "branch": (word("branch", lang),
                   hide(f"{config.branch_code} {config.branch_name}".strip())),
        "period": (word("period", lang), f"{start.isoformat()} – {end.isoformat()}"),
        # the English key, for JSON and CSV readers (the title names the type for people)
        "type": (field_title("type", lang), entry_type),
        "counting": (word("counting", lang),
                     word("customers" if entry_type == "greet" else "entries", lang)),
    }
    if filters:
        # the filter as typed: `--where customer=13812345678` is echoed masked
        meta["where"] = (word("where", lang), hide("; ".join(shown for where in filters
                                                             for shown in where.shown)))
    if entry_type in vocab.UPDATABLE:
        meta["as_of"] = (word("as_of", lang), end.isoformat())
    joiner = word("joiner", lang)
    by_text = word("by", lang, fields=joiner.join(field_title(field, lang) for field in by)) \
        if by else word("all", lang)
    heading = by_text if period is None else word("per", lang, by=by_text,
                                                   period=word(period, lang))
    section = Section("table", heading, [table] if table.rows else [])
    return with_journal_labels(Report("table", word("title", lang, type=type_label), lang, meta,
                                      [section]), config)
