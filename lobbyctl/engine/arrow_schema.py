"""The export schema (``reports/export_rows.COLUMNS``) as Parquet types:
codes and text as strings (a ticket's ``staff``, one name, as the one-item list the
other types' ``staff`` is), ``at`` a timestamp with time zone (UTC,
milliseconds: Parquet has no coarser unit), dates
as dates, counts as 64-bit integers, flags as booleans, lists as lists of
strings; a checklist's ``problems`` (item -> what was wrong) as JSON text.

``branch_code`` is not in the files: it is the dataset's first partition
(``branch_code=0101/year=2026/month=10``), which every Hive reader adds back
as a column, as it does ``year`` and ``month``."""

import datetime
import json
import sys

from lobbyctl.reports.export_rows import COLUMNS
from lobbyctl.schema import vocab

PARTITIONS = ("branch_code", "year", "month")
# what each column holds: the kinds of vocab.FIELDS, boiled down
_HEAD = {"branch_name": "string", "id": "string", "type": "string", "at": "timestamp",
         "date": "date", "by": "string"}
_FOLDED = {"decided_on": "date", "closed_on": "date", "fixed_on": "date", "contacts": "int",
           "updates": "int"}


def _kind(field_kind):
    if field_kind in ("int",):
        return "int"
    if field_kind == "bool":
        return "bool"
    if field_kind == "date":
        return "date"
    if field_kind == "names" or field_kind.startswith("labels:"):
        return "list"
    if field_kind.startswith("checklist:") or field_kind == "sales":
        return "json"  # item -> what was wrong; outreach's [{product, sold}]
    return "string"


def column_kinds():
    """``{column: kind}`` for the file columns, in ``COLUMNS`` order."""
    kinds = dict(_HEAD)
    for fields in vocab.FIELDS.values():
        for name, field_kind in fields.items():
            kinds.setdefault(name, _kind(field_kind))
    kinds.update(_FOLDED)
    return {name: kinds[name] for name in COLUMNS if name != "branch_code"}


KINDS = column_kinds()


def arrow_schema():
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(),
             "date": pa.date32(), "list": pa.list_(pa.string()), "json": pa.string(),
             "timestamp": pa.timestamp("ms", tz="UTC")}  # Parquet's coarsest unit
    return pa.schema([pa.field(name, types[kind]) for name, kind in KINDS.items()])


def arrow_table(rows):
    """Export rows (``export_rows(..., sparse=True)``: each holds only the
    columns it has) as one Arrow table of the schema, built a column at a
    time: each column whose values are all already what its kind holds goes
    to Arrow in one call (the timestamps and dates parsed by Arrow's own ISO
    parser, which reads the canonical shapes exactly as ``fromisoformat``
    does and refuses the rest); any other is converted value by value
    (``typed``'s converters), so a value not of its kind raises the same
    ``ValueError(column, value, kind)``."""
    import pyarrow as pa

    schema = arrow_schema()
    count = len(rows)
    # branch_code is the partition, not a file column: gathered, then dropped
    columns = {name: [None] * count for name in ("branch_code", *KINDS)}
    present = {name: [] for name in columns}
    # one pass over what the rows hold, not over every column of every row
    for index, row in enumerate(rows):
        for name, value in row.items():
            if value is not None:
                columns[name][index] = value
                present[name].append(value)
    return pa.Table.from_arrays(
        [_column(pa, field.name, KINDS[field.name], columns[field.name], present[field.name],
                 field.type, count) for field in schema], schema=schema)


def _column(pa, name, kind, values, present, arrow_type, count):
    if not present:
        return pa.nulls(count, arrow_type)
    fast = _FAST.get(kind)
    # Arrow's ISO parser is in pyarrow.compute, 27 ms to import: for the few
    # times of one branch's month (an export brought up to date), the value
    # by value conversion below costs less
    parsed = kind in ("timestamp", "date")
    if parsed and not _parsed_by_arrow(len(present)):
        fast = None
    if fast is not None and fast(present):
        try:
            if parsed:
                return pa.array(values, pa.string()).cast(arrow_type)
            return pa.array(values, arrow_type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            pass  # the value by value conversion below names the one at fault
    convert = _CONVERT[kind]
    converted = []
    for value in values:
        if value is None:
            converted.append(None)
            continue
        try:
            converted.append(convert(value))
        except (TypeError, ValueError, OverflowError):
            raise ValueError(name, value, kind) from None
    try:
        return pa.array(converted, arrow_type)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        # converted, yet not storable: the value at fault, found one by one
        for value, item in zip(values, converted):
            try:
                pa.array([item], arrow_type)
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
                raise ValueError(name, value, kind) from None
        raise


def _all_text(values):
    return all(value.__class__ is str for value in values)


def _all_ints(values):
    # a flag is an int to Python and a float may pass as one to Arrow: neither is
    return all(value.__class__ is int for value in values)


def _all_flags(values):
    return all(value.__class__ is bool for value in values)


def _all_text_lists(values):
    return all(value.__class__ is list and all(item.__class__ is str for item in value)
               for value in values)


def _all_days(values):
    return all(value.__class__ is str and len(value) == 10 and value[4] == "-"
               and value[7] == "-" for value in values)


def _all_zoned_times(values):
    # the canonical shape, 2026-10-31T10:30:00+08:00: Arrow reads its offset
    # exactly as fromisoformat does; any other shape goes value by value
    return all(value.__class__ is str and len(value) == 25 and value[10] == "T"
               and value[19] in "+-" for value in values)


# the values of a column from which Arrow's parser (and its import) pays
_PARSED_BY_ARROW_FROM = 20_000


def _parsed_by_arrow(count):
    return count >= _PARSED_BY_ARROW_FROM or "pyarrow.compute" in sys.modules


# the kinds whose values can go to Arrow whole, and the test that they can
_FAST = {"string": _all_text, "int": _all_ints, "bool": _all_flags, "date": _all_days,
         "list": _all_text_lists, "timestamp": _all_zoned_times}


def typed(row):
    """One export row's values as the schema's Python values (ValueError
    naming the column if one is not what its kind says)."""
    out = {}
    for name, kind in KINDS.items():
        value = row.get(name)
        if value is None:
            out[name] = None
            continue
        try:
            out[name] = _CONVERT[kind](value)
        except (TypeError, ValueError, OverflowError):
            raise ValueError(name, value, kind) from None
    return out


def _string(value):
    if isinstance(value, (dict, list, bool)):
        raise TypeError(value)
    return str(value)


def _int(value):
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) >= 2 ** 63:
        raise TypeError(value)
    return value


def _bool(value):
    if not isinstance(value, bool):
        raise TypeError(value)
    return value


def _date(value):
    return datetime.date.fromisoformat(str(value))


def _timestamp(value):
    when = datetime.datetime.fromisoformat(str(value))
    if when.tzinfo is None:
        raise ValueError(value)
    return when.astimezone(datetime.timezone.utc)


def _list(value):
    if isinstance(value, str):
        # one name where another type holds a list under the same field (a
        # ticket's ``staff``, the teller; an opening's staff on duty)
        return [value]
    if not isinstance(value, list):
        raise TypeError(value)
    return [str(item) for item in value]


def _json(value):
    return json.dumps(value, ensure_ascii=False)


_CONVERT = {"string": _string, "int": _int, "bool": _bool, "date": _date,
            "timestamp": _timestamp, "list": _list, "json": _json}
