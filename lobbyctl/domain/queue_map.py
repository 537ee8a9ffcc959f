"""The ``queue:`` map of ``lobbyctl.yaml``: how one vendor's queue-machine
export names a ticket's fields and values.

On the left lobbyctl's field names (``QUEUE_FIELDS``), on the right the
vendor's words: the column headers, the ``strptime`` formats of its times,
and, for business, status and rating, its words for lobbyctl's keys.  With no
``queue:`` at all an export is read with lobbyctl's own names (a column
``ticket``, ``taken``, ``status``...).  ``queue_problems`` is what ``check``
prints and what makes ``import queue`` refuse the map, each problem with its
line of ``lobbyctl.yaml``."""

import datetime

from lobbyctl.schema import vocab
from lobbyctl.store.config import SERVICE_LEVEL_RANGE
from lobbyctl.schema.text.messages import sentence

QUEUE_FIELDS = ("ticket", "business", "taken", "called", "start", "end", "window", "staff",
                "status", "rating")
QUEUE_REQUIRED = ("ticket", "taken", "status")
# field -> the vocabulary its values are keys of
QUEUE_VALUES = {"business": "purpose", "status": "ticket-status", "rating": "rating"}
QUEUE_SETTINGS = ("columns", "time_formats", "values", "encoding")
DEFAULT_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S",
                        "%Y/%m/%d %H:%M")
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "gbk")
_PROBE = datetime.datetime(2026, 10, 15, 9, 47, 31)


class QueueMap:
    """A judged ``queue:`` map: ``columns`` field -> header, ``time_formats``,
    ``values`` field -> {vendor word: key}, ``encoding`` (None: detect)."""

    def __init__(self, columns, time_formats, values, encoding):
        self.columns = columns
        self.time_formats = time_formats
        self.values = values
        self.encoding = encoding


def queue_map(config):
    """``(QueueMap, problems)``: the map as far as it can be read, and the
    ``(line, Sentence)`` problems of it (empty when it is sound)."""
    raw = config.queue
    problems = []
    lines = _Lines(config.path)

    def complain(words, message, /, **values):
        # positional only: a message's values may be called ``key`` too
        problems.append((lines.find(words), sentence(message, **values)))

    columns = {field: field for field in QUEUE_FIELDS}
    formats = list(DEFAULT_TIME_FORMATS)
    values = {field: {} for field in QUEUE_VALUES}
    encoding = None
    level = config.service_level_setting
    least, most = SERVICE_LEVEL_RANGE
    if level is not None and not (type(level) is int and least <= level <= most):
        problems.append((lines.find(("service_level_minutes",)),
                         sentence("service_level_bad", value=_show(level), least=least, most=most)))
    if raw is None:
        return QueueMap(columns, formats, values, encoding), problems
    if not isinstance(raw, dict):
        complain(("queue",), "queue_not_mapping")
        return QueueMap(columns, formats, values, encoding), problems
    for key in raw:
        if key not in QUEUE_SETTINGS:
            complain((key,), "queue_unknown_setting", setting=_show(key), known=", ".join(QUEUE_SETTINGS))
    if "columns" in raw:
        columns = _columns(raw["columns"], complain)
    if "time_formats" in raw:
        formats = _formats(raw["time_formats"], complain) or formats
    if "values" in raw:
        values = _values(raw["values"], config, complain)
    if "encoding" in raw:
        encoding = raw["encoding"]
        if encoding not in ENCODINGS:
            complain(("encoding",), "queue_encoding_bad", value=_show(encoding),
                     known=", ".join(ENCODINGS))
            encoding = None
    return QueueMap(columns, formats, values, encoding), problems


def _columns(raw, complain):
    if not isinstance(raw, dict):
        complain(("columns",), "queue_columns_not_mapping")
        return {field: field for field in QUEUE_FIELDS}
    columns = {}
    for field, header in raw.items():
        if field not in QUEUE_FIELDS:
            complain((str(field),), "queue_unknown_field", field=_show(field),
                     known=", ".join(QUEUE_FIELDS))
        elif not isinstance(header, str) or not header.strip():
            complain((field,), "queue_column_not_text", field=field)
        else:
            columns[field] = header.strip()
    for field in QUEUE_REQUIRED:
        if field not in columns and field not in raw:
            complain(("columns",), "queue_column_required", field=field,
                     required=", ".join(QUEUE_REQUIRED))
    seen = {}
    for field, header in columns.items():
        if header in seen:
            complain((header,), "queue_column_twice", header=_show(header), first=seen[header],
                     field=field)
        seen.setdefault(header, field)
    return columns


def _formats(raw, complain):
    if not isinstance(raw, list) or not raw:
        complain(("time_formats",), "queue_time_formats")
        return None
    formats = []
    for text in raw:
        # a format must give back the date and the minute it was made from
        try:
            back = datetime.datetime.strptime(_PROBE.strftime(text), text) \
                if isinstance(text, str) else None
        except ValueError:
            back = None
        if back is None or back.replace(second=0) != _PROBE.replace(second=0):
            complain((str(text),), "queue_time_format_bad", value=_show(text))
        else:
            formats.append(text)
    return formats


def _values(raw, config, complain):
    values = {field: {} for field in QUEUE_VALUES}
    if not isinstance(raw, dict):
        complain(("values",), "queue_values_not_mapping", fields=", ".join(QUEUE_VALUES))
        return values
    for field, words in raw.items():
        if field not in QUEUE_VALUES:
            complain((str(field),), "queue_values_field", field=_show(field),
                     fields=", ".join(QUEUE_VALUES))
            continue
        if not isinstance(words, dict):
            complain((field,), "queue_values_not_mapping", fields=field)
            continue
        keys = vocab.vocabulary(QUEUE_VALUES[field], config).labels
        for word, key in words.items():
            if not isinstance(key, str) or key not in keys:
                complain((str(word), str(key)), "queue_value_unknown", field=field,
                         word=_show(word), value=_show(key), vocab=QUEUE_VALUES[field],
                         known=", ".join(keys))
            else:
                values[field][str(word).strip()] = key
    return values


def _show(value):
    from lobbyctl.schema.fields import show_value

    return show_value(value)


class _Lines:
    """Where a word of the ``queue:`` map stands in ``lobbyctl.yaml``: the
    first line after ``queue:`` naming it, else the ``queue:`` line."""

    def __init__(self, path):
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                self.text = handle.read(1024 * 1024).split("\n")
        except OSError:
            self.text = []

    def find(self, words):
        start = next((number for number, line in enumerate(self.text)
                      if line.startswith("queue:")), None)
        for word in words:
            if word == "service_level_minutes" or start is None:
                begin = 0
            else:
                begin = start
            for number in range(begin, len(self.text)):
                if word and word in self.text[number]:
                    return number + 1
        return (start or 0) + 1
