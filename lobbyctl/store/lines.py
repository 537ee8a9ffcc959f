"""The canonical line: one journal entry per line, a YAML flow mapping in JSON
syntax inside the day file's top-level block sequence::

    - {"id": "261128-7kq3xm", "type": "greet", "at": "2026-11-28T10:30:00+08:00", ...}

Every string is double-quoted, so YAML 1.1 readers (PyYAML), YAML 1.2 readers
(ruamel, yq) and ``json.loads`` all read the same values: no ``09:35`` turning
into a number, no ``no`` into False, no ``0101`` into 65.  Characters that
YAML does not allow raw in a stream, or that YAML 1.1 treats as line breaks,
are written as ``\\uXXXX`` escapes, which every reader decodes alike.

Reading takes a fast path: a line that parses as JSON *and* that this module
would write byte for byte the same way is trusted; any other line sends the
whole file to the full YAML loader (see ``dayfile``).  A whole day of such
lines is read in runs (``parse_lines``): one pattern proves a run of common
lines, one ``json.loads`` reads it.
"""

import json
import re

# Not allowed raw in YAML (C1 controls, DEL, surrogates, the noncharacters
# U+FFFE and U+FFFF, which PyYAML refuses to read) or read as line breaks /
# byte-order marks by YAML 1.1: always escaped.
_UNSAFE_CLASS = "[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"
ENTRY_PREFIX = "- {"
_unsafe = None  # compiled on first need: printable text (the usual) never needs it


def _unsafe_pattern():
    global _unsafe
    if _unsafe is None:
        _unsafe = re.compile(_UNSAFE_CLASS)
    return _unsafe


def _escape(match):
    return "\\u%04x" % ord(match.group())


def _escaped(text):
    """``text`` with every unsafe character escaped.  Each of them is one
    ``str.isprintable`` refuses (controls, separators, format characters,
    surrogates, noncharacters), so printable text is returned as it is."""
    return text if text.isprintable() else _unsafe_pattern().sub(_escape, text)


def _refuse(_text):
    # Floats and NaN/Infinity read differently across YAML versions; the
    # writer never produces them, so a line holding one is not canonical.
    raise ValueError("not canonical")


# Built once: the C encoder and scanner, without per-call argument handling.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "), allow_nan=False)
_DECODER = json.JSONDecoder(parse_float=_refuse, parse_constant=_refuse)


def quote(text):
    """One string as a double-quoted scalar every YAML reader reads alike
    (used for lobbyctl.yaml, which people also edit by hand)."""
    return _escaped(_ENCODER.encode(str(text)))


def dump_entry(entry):
    """The canonical line (with its newline) for one entry mapping."""
    return "- " + _escaped(_ENCODER.encode(entry)) + "\n"


# Each compiled once a process has read enough lines for it to pay, and a
# recording command reads one day.  The pattern of a line that may nest a
# mapping (6 ms to compile) serves only lines outside the runs of common
# ones, so it waits for 2,000 of those; the runs' pattern (1.5 ms) pays for
# itself after some 1,000 lines, each then read 1.4 µs sooner.
_plain = None
_until_compiled = 2000
_flat_lines = None
_until_runs = 1000


def _compile_plain():
    """Both patterns, now."""
    global _plain
    _plain = _canonical_shape()
    _compile_runs()
    return _plain


def _compile_runs():
    global _flat_lines
    if _flat_lines is None:
        _flat_lines = re.compile(f"(?:- {_shape_pattern(nested=False)}\n)*").match


def _canonical_shape(nested=True):
    """A line the writer would write byte for byte, for the common case,
    recognised without encoding it again: a flat mapping whose strings hold
    no escape and no unsafe character, whose numbers are ints as ``str``
    writes them, whose values nest at most one flat mapping deep (a
    checklist's problems, an outreach's sales) and whose separators are
    exactly the writer's.  Anything else (an escape, deeper nesting, odd
    spacing) is not refused by it: ``parse_line`` then proves it by
    re-encoding.  ``nested=False``: no mapping in a value but ``{}``, so
    every key of the line is one of the entry's own."""
    return re.compile(_shape_pattern(nested)).fullmatch


# a canonical line's string: no quote, no backslash (so no escape), no
# control or unsafe character (a pattern's text, for the check's line proof too)
STRING = '"[^"\\\\\x00-\x1f' + _UNSAFE_CLASS[1:-1] + ']*"'


def _shape_pattern(nested=True):
    string = STRING
    atom = f"(?:{string}|0|-?[1-9][0-9]*|true|false|null)"
    flat = f"\\{{(?:{string}: {atom}, )*{string}: {atom}\\}}"  # a flat mapping, not empty
    item = f"(?:{atom}|{flat})" if nested else atom
    value = f"(?:{item}|\\[\\]|\\[(?:{item}, )*{item}\\]|\\{{\\}})"
    return f"\\{{(?:{string}: {value}, )*{string}: {value}\\}}"


_SCAN = _DECODER.scan_once


def parse_line(line):
    """The entry on a canonical line (given without its newline), else None."""
    global _until_compiled
    if not line.startswith(ENTRY_PREFIX):
        return None
    if _plain is None:
        _until_compiled -= 1
        if _until_compiled:
            return _proved_by_encoding(line)
        _compile_plain()
    if _plain(line, 2):
        # The shape proves every value canonical and the layout the writer's;
        # what it cannot see is a key written twice (json keeps the last):
        # its strings hold no quote, so each key ends at the one '": '.
        try:
            entry, end = _SCAN(line, 2)
        except (ValueError, RecursionError, StopIteration):
            return None
        if end == len(line) and line.count('": ') == _keys_in(entry):
            return entry
        # a value may itself begin with ': ' ({"note": ": x"}): the count
        # cannot tell that from a key written twice, the encoding can
    return _proved_by_encoding(line)


def _keys_in(entry):
    """How many keys ``entry`` and the mappings in its values hold (the
    shape lets them nest one deep): each was written once, followed by
    ``": "``, unless json kept only the last of a key written twice."""
    keys = len(entry)
    for value in entry.values():
        if value.__class__ is dict:
            keys += len(value)
        elif value.__class__ is list:
            for item in value:
                if item.__class__ is dict:
                    keys += len(item)
    return keys


def parse_lines(text, typed=None, proven=None):
    """The entries of ``text`` (a day file's, without its byte-order mark)
    if every line of it is a canonical entry ending in its newline; else
    None (then each line is proved on its own, and the rest decided).

    The common lines (no mapping in a value) are proved run by run by one
    pattern and each run read by one ``json.loads``: their strings hold no
    raw line break, so the line breaks that start an entry are the
    separators of one JSON array.  A key written twice hides from the
    pattern; the count of ``": `` finds it, as for one line, over the whole
    run (a value beginning with ``": `` counts too: then the lines are
    proved one by one).  Any other line between the runs (a checklist's
    problems, an escape) is ``parse_line``'s.

    ``typed``: a pattern's ``match`` over runs of lines that proves more than
    their shape (``check.compiled.compile_lines``: each field of its kind);
    the runs it matches are noted in ``proven`` as ``(index of the first
    entry, entries, start, end)`` in ``text``, and every other line of a run
    is a common line of its own."""
    global _until_runs
    if not text.endswith("\n"):
        return None
    if _flat_lines is None:
        _until_runs -= text.count("\n")
        if _until_runs > 0 and typed is None:
            return None  # a day or two alone: each line proved on its own
        _compile_runs()
    entries, start, size = [], 0, len(text)
    while start < size:
        noted = len(proven) if typed is not None else 0
        end = _flat_lines(text, start).end() if typed is None else \
            _typed_run(text, start, typed, proven, len(entries))
        if end > start:  # a run of common lines: one array
            try:
                run = _DECODER.decode("[" + text[start + 2:end - 1].replace("\n- {", ",{") + "]")
            except (ValueError, RecursionError):
                return None
            if len(run) != text.count("\n", start, end) \
                    or not _each_key_once(text, start, end, run, len(entries),
                                          proven[noted:] if typed is not None else ()):
                return None
            entries += run
            start = end
        if start < size:  # a line of its own
            stop = text.find("\n", start)
            entry = parse_line(text[start:stop])
            if entry is None:
                return None
            entries.append(entry)
            start = stop + 1
    return entries


def _each_key_once(text, start, end, run, first, typed_runs):
    """No key of the run's lines written twice: the ``": `` counted over
    the text are the keys decoded.  The lines ``typed`` proved hold each of
    their keys once by their pattern, so only the text between them is
    counted."""
    counted = keys = 0
    position, index = start, first
    for run_first, count, run_start, run_end in typed_runs:
        counted += text.count('": ', position, run_start)
        keys += sum(map(len, run[index - first:run_first - first]))
        position, index = run_end, run_first + count
    counted += text.count('": ', position, end)
    keys += sum(map(len, run[index - first:]))
    return counted == keys


def _typed_run(text, start, typed, proven, first):
    """The end of the run of common lines from ``start``, the runs of it
    ``typed`` matches noted in ``proven`` (``first``: the index of the
    entry at ``start``)."""
    position, index, size = start, first, len(text)
    while position < size:
        end = typed(text, position).end()
        if end > position:
            count = text.count("\n", position, end)
            proven.append((index, count, position, end))
            index += count
            position = end
            continue
        line_end = text.find("\n", position) + 1
        if _flat_lines(text, position, line_end).end() != line_end:
            break  # not a common line: parse_line's
        index += 1
        position = line_end
    return position


def _c_encoder():
    """The C encoder the writer's ``_ENCODER`` makes on every call, made once
    (no check for cycles: what it encodes here was just decoded), else the
    writer's own ``encode``."""
    from json.encoder import c_make_encoder, encode_basestring

    if c_make_encoder is None:
        return _ENCODER.encode
    encoder = c_make_encoder(None, _ENCODER.default, encode_basestring, None, ": ", ", ",
                             False, False, False)
    return lambda value: "".join(encoder(value, 0))


_ENCODE_AGAIN = _c_encoder()


def _proved_by_encoding(line):
    # a canonical line never holds a raw unsafe character: the writer escapes them
    if not line.isprintable() and _unsafe_pattern().search(line):
        return None
    body = line[2:]
    try:
        entry, end = _SCAN(body, 0)
    except (ValueError, RecursionError, StopIteration):
        return None
    if type(entry) is not dict or end != len(body):
        return None
    try:
        again = _ENCODE_AGAIN(entry)
    except (ValueError, RecursionError):
        return None
    if again != body and _escaped(again) != body:
        return None
    return entry
