"""Text from a journal or a config made harmless for whoever reads the output.

A day file or ``lobbyctl.yaml`` may be edited by hand, so any value can hold
characters that act instead of showing: an ``ESC ]0;title BEL`` sequence
retitles the terminal, C1 ``CSI`` (U+009B) moves the cursor, U+202E turns the
rest of a line around so ``txt.exe`` reads ``exe.txt``.  ``neutralise`` shows
each such character as a visible escape, so output says what is stored
without obeying it; our own output never legitimately holds them, which is
what lets the CLI apply it to whole strings just before they are printed.

The escape form, one for all output: ``\\xHH`` for a code point below U+0100
(``\\x1b``, ``\\x9b``), ``\\uHHHH`` above (``\\u202e``).  A backslash already in
the text is left as it is: the escapes are for reading, not for parsing back.

JSON keeps every value: ``json_safe`` only writes those characters as JSON
``\\uXXXX`` escapes (the same string for any JSON reader).  CSV cells that a
spreadsheet would run as a formula get a leading ``'`` (``spreadsheet_safe``,
the OWASP "CSV injection" advice)."""

# C0 controls except tab and line feed, DEL, C1, the Arabic letter mark and
# left-to-right / right-to-left marks, the line and paragraph separators, the
# bidi embeddings, overrides and isolates, and lone surrogates (which cannot
# even be encoded to print)
_ACTING = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = f"[{_ACTING}]"
_UNSAFE_ONE_LINE = f"[\t\n{_ACTING}]"
# what json.dumps(ensure_ascii=False) leaves raw: it escapes only C0 itself
_JSON_RAW = "[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
# (compiled by ``re`` on first use: most text is printable and needs none of them)

# a cell starting with one of these is a formula (or a DDE call) to a
# spreadsheet; full-width forms too, which some spreadsheets fold to ASCII
_FORMULA_START = tuple("=+-@\t\r\n＝＋－＠")


def _escape(match):
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise(text, one_line=False):
    """``text`` with every character that would act on a terminal or
    reverse a line shown as an escape; tab and line feed stay unless
    ``one_line`` (a table cell, a heading).  Anything not a str passes."""
    if not isinstance(text, str) or text.isprintable():
        # isprintable is False for every character above: the usual case is one C call
        return text
    import re

    return re.sub(_UNSAFE_ONE_LINE if one_line else _UNSAFE, _escape, text)


def _json_escape(match):
    return f"\\u{ord(match.group()):04x}"


def json_safe(text):
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the
    characters it leaves raw and that still act on a terminal written as
    ``\\uXXXX``: they can only occur inside strings, so every value stays
    the same for a JSON reader."""
    if text.isprintable():
        return text
    import re

    return re.sub(_JSON_RAW, _json_escape, text)


def spreadsheet_safe(text):
    """A CSV text cell: a leading ``'`` if a spreadsheet would take it for a
    formula, then neutralised for a terminal (line breaks and tabs stay:
    CSV quotes them).  Numbers are not text: the caller passes only text."""
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return neutralise(text)


def for_person(text, one_line=False):
    """A message, warning or confirmation as it may be shown: every personal
    number masked (always: ``--no-mask`` is for a report's contents, not for
    what lobbyctl says about it) and every acting character escaped.  A
    message quotes what it is about -- a path, a typed value, a line of a
    file -- and any of those may hold either."""
    from lobbyctl.schema.text.privacy import mask

    return neutralise(mask(text), one_line) if isinstance(text, str) else text
