"""The layouts of a pivot's counts: one count column (no period), periods
as columns with a total column, or periods as rows with the last ``--by``
field's values as columns; and the ``PeriodTable`` that keeps the counts on
their own axes beside the layout drawn."""

from lobbyctl.schema import vocab
from lobbyctl.reports.model import Column, PeriodTable, Table
from lobbyctl.reports.pivot_count import period_label, periods_between
from lobbyctl.reports.pivot_fields import (NONE_KEY, WEEKDAY_KEYS, WEEKDAYS, field_title,
                                           vocab_name, word)


def sort_key(kind, order):
    """How a field's values sort in rows and columns: vocabulary order for
    labels, weekdays Monday first, numbers and dates in order, text by code
    point; "—" (no value) last."""
    def key(value):
        if value is None:
            return (2, 0, "")
        if kind == "weekday":
            return (0, WEEKDAY_KEYS.index(value), "")
        if order is not None:
            position = order.get(value)
            return (0, position, "") if position is not None else (1, 0, str(value))
        if isinstance(value, bool):
            return (0, 0 if value else 1, "")
        if isinstance(value, int):
            return (0, value, "")
        return (0, 0, str(value))
    return key


def sorted_rows(keys, by, fields, config):
    sorters = []
    for field in by:
        kind = fields[field]
        name = vocab_name(kind)
        order = None
        if name is not None:
            order = {key: index for index, key in enumerate(vocab.vocabulary(name, config).labels)}
        sorters.append(sort_key(kind, order))
    return sorted(keys, key=lambda combo: tuple(sort(value) for sort, value in zip(sorters, combo)))


def field_column(field, kind, config, lang):
    """The column showing a field's values, with its labels."""
    title = field_title(field, lang)
    name = vocab_name(kind)
    if name is not None:
        vocabulary = vocab.vocabulary(name, config)
        return Column(field, title, f"label:{name}", labels=vocabulary.labels)
    if kind == "weekday":
        return Column(field, title, "text", labels=WEEKDAYS)
    if kind == "branch_group":
        # a region's branch group; "" is a branch without one
        from lobbyctl.schema.text import words

        return Column(field, title, "text", labels={"": words.REGION["no_group"]})
    if kind in ("int", "hour"):
        return Column(field, title, "int")
    if kind == "date":
        return Column(field, title, "date")
    return Column(field, title, "text")


def value_column(value, kind, config, lang):
    """The column for one value of the last ``--by`` field (periods as rows)."""
    key = NONE_KEY if value is None else ("true" if value is True else "false"
                                           if value is False else str(value))
    label = "—"
    if value is not None:
        from lobbyctl.schema.text.values import show_value

        column = field_column("value", kind, config, lang)
        names = column.labels.get(value) if column.labels else None
        label = (names[0] if lang == "zh" else names[1]) if names else \
            show_value(value, column.kind, lang)
    return Column(key, label, "int")


def layout(counter, by, fields, period, start, end, period_rows, config, lang, entry_type):
    count_title = field_title("count", lang) if entry_type == "greet" else \
        word("entries_column", lang)
    if not by:
        # nothing to group by: one row saying what was counted
        columns = [Column("type", field_title("type", lang), "label:type")]
        combos = [()] if counter.total else []
        head = lambda combo: {"type": entry_type}  # noqa: E731
    else:
        columns = [field_column(field, fields[field], config, lang) for field in by]
        combos = sorted_rows(counter.rows, by, fields, config)
        head = lambda combo: dict(zip(by, combo))  # noqa: E731
    if period is None:
        columns.append(Column("count", count_title, "int"))
        rows = [{**head(combo), "count": counter.rows.get(combo, counter.total)}
                for combo in combos]
        total = total_row(columns, {"count": counter.total}) if rows else None
        return Table("counts", "", columns, rows, total=total)
    periods = periods_between(start, end, period)
    if not period_rows:
        columns += [Column(key, period_label(key, period), "int") for key in periods]
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
            total = total_row(columns, {**{key: counter.periods.get(key, 0) for key in periods},
                                         "total": counter.total})
        return Table("counts", "", columns, rows, total=total)
    # periods as rows; the last --by field's values as columns
    period_column = Column(period, field_title("date" if period == "day" else period, lang),
                           "date" if period == "day" else "text")
    columns = [period_column]
    heads, last_values = [()], [None]
    value_columns = []
    if by:
        columns += [field_column(field, fields[field], config, lang) for field in by[:-1]]
        heads = sorted_rows({head for head, _period in counter.head_rows}, by[:-1], fields,
                             config)
        last = by[-1]
        last_values = [combo[0] for combo in
                       sorted_rows({(value,) for value in counter.last_values}, [last], fields,
                                    config)]
        value_columns = [value_column(value, fields[last], config, lang) for value in last_values]
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
        total = total_row(columns, sums)
    return Table("counts", "", columns, rows, total=total)


def total_row(columns, sums):
    """The totals row: the first columns empty (drawn as "Total"), then the sums."""
    return {column.key: sums.get(column.key) for column in columns}


def period_table(drawn, counter, by, fields, period, start, end, config, lang, entry_type):
    """The counts on their own axes (rows × periods), in the layout drawn."""
    combos = sorted_rows(counter.rows, by, fields, config) if by else \
        ([()] if counter.total else [])
    periods = periods_between(start, end, period) if period else []
    count_title = field_title("count", lang) if entry_type == "greet" else \
        word("entries_column", lang)
    return PeriodTable(
        drawn.key, drawn.title, drawn.columns, drawn.rows, drawn.chart, drawn.total,
        heads=[field_column(field, fields[field], config, lang) for field in by],
        value=Column("count", count_title, "int"), period=period, periods=periods,
        cells=dict(counter.cells),
        row_totals={combo: counter.rows.get(combo, counter.total) for combo in combos},
        period_totals={key: counter.periods.get(key, 0) for key in periods},
        grand=counter.total)
