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
whole file to the full YAML loader (see ``dayfile``).
"""

import json
import re

# Not allowed raw in YAML (C1 controls, DEL, surrogates, the noncharacters
# U+FFFE and U+FFFF, which PyYAML refuses to read) or read as line breaks /
# byte-order marks by YAML 1.1: always escaped.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")
ENTRY_PREFIX = "- {"


def _escape(match):
    return "\\u%04x" % ord(match.group())


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
    return _UNSAFE.sub(_escape, _ENCODER.encode(str(text)))


def dump_entry(entry):
    """The canonical line (with its newline) for one entry mapping."""
    return "- " + _UNSAFE.sub(_escape, _ENCODER.encode(entry)) + "\n"


# Compiled once a process has read enough lines for it to pay: the pattern
# takes as long to compile as 1,500 lines take to prove by encoding, and a
# recording command reads one day.
_plain = None
_until_compiled = 2000


def _compile_plain():
    global _plain
    _plain = _canonical_shape()
    return _plain


def _canonical_shape():
    """A line the writer would write byte for byte, for the common case,
    recognised without encoding it again: a flat mapping whose strings hold
    no escape and no unsafe character, whose numbers are ints as ``str``
    writes them, whose lists are flat and whose separators are exactly the
    writer's.  Anything else (an escape, a nested mapping, odd spacing) is
    not refused by it: ``parse_line`` then proves it by re-encoding."""
    # no quote, no backslash (so no escape), no control or unsafe character
    string = '"[^"\\\\\x00-\x1f' + _UNSAFE.pattern[1:-1] + ']*"'
    atom = f"(?:{string}|0|-?[1-9][0-9]*|true|false|null)"
    value = f"(?:{atom}|\\[\\]|\\[(?:{atom}, )*{atom}\\]|\\{{\\}})"
    return re.compile(f"\\{{(?:{string}: {value}, )*{string}: {value}\\}}").fullmatch


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
        if end == len(line) and line.count('": ') == len(entry):
            return entry
        # a key twice, or a value that opens with ': ' (``"id": ": x"``):
        # the count cannot tell them apart, re-encoding can
        return _proved_by_encoding(line) if end == len(line) else None
    return _proved_by_encoding(line)


def _proved_by_encoding(line):
    # a canonical line never holds a raw unsafe character: the writer escapes them
    if _UNSAFE.search(line):
        return None
    body = line[2:]
    try:
        entry = _DECODER.decode(body)
    except (ValueError, RecursionError):
        return None
    if type(entry) is not dict:
        return None
    try:
        again = _ENCODER.encode(entry)
    except (ValueError, RecursionError):
        return None
    if again != body and _UNSAFE.sub(_escape, again) != body:
        return None
    return entry
