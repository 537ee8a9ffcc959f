"""The validator's fast path: for each entry type, one function that says
whether an entry is surely clean, compiled once for a journal from the
schema (``schema.fields.TYPES``, each field's ``Kind.clean_test``).

A year is 150,000 entries of ten fields each: a loop that looks up a check
per field and calls it spends more time dispatching than checking.  So the
tests of a type's fields are written out as one straight function (Python
source, compiled once, like ``collections.namedtuple`` does), with the
vocabularies and the day file's own facts (its date, its id prefix, its
UTC offset, the ids seen so far) bound in.  It answers only "clean" or "not
sure": whatever it doubts goes to ``check.entry``'s full judgement, the one
that words messages, so it can make nothing pass that the judgement refuses
(``tests/test_fast_check.py`` holds it to that on random and hostile
entries).  A new type or field in ``vocab.FIELDS`` gets its fast path from
its kind alone."""

import datetime
import re
import sys

from lobbyctl.schema import fields, vocab
from lobbyctl.schema.ids import ID_PATTERN

_ABSENT = object()

# the facts of one day file every type's test is made with
_FILE_FACTS = ("seen", "prefix", "day_text", "suffix")


# the clock of the common ``at`` (``T10:30:00``, after the date): with the
# day's date before it and the journal's offset after it, a time every
# reader takes as on that day, without parsing it
_CLOCK = re.compile("T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]").match


def _iso_ok(value):
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _in_order(entry, pairs, span=None):
    """Each later time of ``pairs`` present is not before its earlier one,
    nor more than ``span`` after ``at``."""
    taken = fields.timestamp(entry.get("at")) if span is not None else None
    for later, earlier in pairs:
        second = entry.get(later)
        if second is None or earlier not in entry:
            continue
        first = fields.timestamp(entry[earlier])
        second = fields.timestamp(second)
        if first is None or second is None or second < first:
            return False
        if span is not None and (taken is None or second > taken + span):
            return False
    return True


def _common_tests(bind):
    """The common fields, as the day file's facts decide them: an id of
    this day not seen before in the file, a time on this day at the
    journal's steady offset (``suffix``, ``+08:00``), who recorded it."""
    id_kind, by_kind = fields.COMMON["id"], fields.COMMON["by"]
    return {
        "id": f"({id_kind.clean_test(None, bind)} and v.startswith(prefix) "
              "and v not in seen)",
        "at": "(v.__class__ is str and v.startswith(day_text) and v.endswith(suffix) "
              f"and (len(v) == at_length and {bind(_CLOCK)}(v, 10) is not None "
              f"or len(v) <= 64 and v[10:11] in 'Tt ' and {bind(_iso_ok)}(v)))",
        "by": by_kind.clean_test(None, bind),
        # "type" needs no test: the entry's type chose this function
    }


def _extra_tests(entry_type, kinds):
    """What the file adds to a field's own kind: a date the entry promises
    (a follow-up, a deadline) is not before the day it was recorded (ISO
    dates compare as text); a link (an update's or a void's ref, a lead,
    after, returning) never names a later day."""
    extra = {name: "v >= day_text" for name, kind in kinds.items() if type(kind) is fields.Date}
    for name in vocab.BACK_FIELDS.get(entry_type, ()):
        extra[name] = "v[:6] <= prefix"
    return extra


def _source(entry_type, kinds, vocabularies, bind):
    required = set(vocab.COMMON_FIELDS) | set(vocab.REQUIRED[entry_type])
    allowed = set(vocab.COMMON_FIELDS) | set(kinds)
    tests = _common_tests(bind)
    extra = _extra_tests(entry_type, kinds)
    for name, kind in kinds.items():
        if name not in tests:
            tests[name] = kind.clean_test(vocabularies, bind)
    pairs = vocab.TIME_ORDER.get(entry_type)
    if pairs:
        # times in their order: anything out of it, or unsure, is judged in full
        hours = vocab.TIME_SPAN_HOURS.get(entry_type)
        span = datetime.timedelta(hours=hours) if hours is not None else None
        verdict = f"{bind(_in_order)}(entry, {bind(pairs)}, {bind(span)})"
    else:
        verdict = "True"
    body = [f"def make({', '.join(_FILE_FACTS)}):",
            "    at_length = 19 + len(suffix)  # YYYY-MM-DDTHH:MM:SS and the offset",
            "    def clean(entry):",
            "        keys = entry.keys()",
            f"        if not (keys <= {bind(frozenset(allowed))} "
            f"and keys >= {bind(frozenset(required))}):",
            "            return False",
            # the optional fields present: once each is tested, the rest are absent
            f"        left = len(keys) - {len(required)}",
            "        get = entry.get"]
    # the required fields first: the optional ones may stop early
    ordered = sorted(tests.items(), key=lambda item: item[0] not in required)
    optional = False
    for name, test in ordered:
        if name in extra:
            test = f"({test} and {extra[name]})"
        if name in required:
            body += [f"        v = entry[{name!r}]",
                     f"        if not {test}:",
                     "            return False"]
            continue
        if not optional:  # the first optional field: perhaps none is present
            optional = True
            body += ["        if not left:",
                     f"            return {verdict}"]
        body += [f"        v = get({name!r}, {bind(_ABSENT)})",
                 f"        if v is not {bind(_ABSENT)}:",
                 f"            if not {test}:",
                 "                return False",
                 "            left -= 1",
                 "            if not left:",
                 f"                return {verdict}"]
    body += [f"        return {verdict}", "    return clean"]
    return "\n".join(body) + "\n"


def compile_types(vocabularies, types=None):
    """type -> ``make(seen, prefix, day_text, suffix)``, which returns that
    type's ``clean(entry)`` for one day file (``suffix``: the journal's UTC
    offset on that day as text, which must hold all day); ``types`` (type ->
    kinds, default every type of ``fields.TYPES``): those only."""
    makers = {}
    for entry_type, kinds in (fields.TYPES if types is None else types).items():
        names, named = {}, {}

        def bind(value, names=names, named=named):
            key = id(value)
            if key not in named:
                named[key] = f"_k{len(named)}"
                names[named[key]] = value
            return named[key]

        source = _source(entry_type, kinds, vocabularies, bind)
        code = compile(source, f"<lobbyctl fast check: {entry_type}>", "exec")
        exec(code, names)  # noqa: S102 - our own source, made from the schema above
        makers[entry_type] = names["make"]
    return makers


# --- the line proof: a type's common lines proved clean by one pattern ---
#
# A greeting is nine entries in ten; its compiled test above costs more than
# reading its line.  So a line as the recorder writes it (its fields in the
# schema's order, each of its kind) is also proved by one pattern, run by
# run of lines, at the pattern engine's speed and in the same pass that
# proves the lines canonical (``lines.parse_lines``).  What the pattern
# cannot know — the day file's own date, id prefix and UTC offset, and the
# ids seen — the reader tests for the whole day at once
# (``check.reading.readable``), and any line it does not match (another
# order, a link, a date) takes the compiled test.
#
# Each type's pattern costs one to three milliseconds to compile, once a
# process, and saves a few microseconds a line.  So a command proves the
# greetings' lines alone (``FIRST_LINE_TYPES``, 6 ms) for the first
# ``BROAD_AFTER`` days it parses -- a day's report, a month's form -- and,
# once it has parsed more (a quarter's pivot, a year's export), the lines
# of every common type (``LINE_TYPES``: some 10 ms more to compile, about
# 1 million instructions saved a day, so the longer walk is proved in a few
# long runs, not broken at every referral and rating).  Not an update or a
# void (their ``ref``, a link, is required), a ticket (its times must come
# in order), nor the rare open, close and outreach (their patterns cost
# more to compile than their few lines save).
FIRST_LINE_TYPES = ("greet",)
LINE_TYPES = ("greet", "rate", "refer", "update", "note", "complain")
BROAD_AFTER = 60

# The types whose links and dates the proof proves the shape of (an id, a
# date written ``YYYY-MM-DD``), the file's part left to the reader
# (``check.reading``: a link names no later day, a date is a day of the
# calendar and not before the file's): a referral links its greeting, an
# update its original, nearly always.  Each is an entry the reader looks at
# anyway (a target the ref judge keeps, or a link it judges).  Not a
# greeting: nine lines in ten, of which a few have a link; a line of one
# with a link takes the compiled test.
LEFT_TO_READER = ("refer", "update", "complain")


def left_to_reader(types, line_types=LINE_TYPES):
    """``{type: (its link fields, its date fields)}`` for each type of
    ``line_types`` in ``types`` (type -> kinds) whose lines the proof
    proves with those fields' shape alone."""
    return {entry_type: (tuple(vocab.BACK_FIELDS.get(entry_type, ())),
                         tuple(name for name, kind in types[entry_type].items()
                               if type(kind) is fields.Date))
            for entry_type in LEFT_TO_READER if entry_type in line_types and entry_type in types}

# Possessive where Python has it (3.11): a field's group, once matched, is
# never given back (no later part could match it: the keys differ), so the
# engine keeps no state to backtrack into; the same lines match either way.
_ONCE = "?+" if sys.version_info >= (3, 11) else "?"
_RUNS = "*+" if sys.version_info >= (3, 11) else "*"

# an id as ``schema.ids.ID_PATTERN`` has it, without its anchors and groups
_ID = ID_PATTERN.pattern.lstrip("^").replace("\\Z", "").replace("(", "(?:")
_AT = ("[0-9]{4}-[0-9]{2}-[0-9]{2}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
       "[+-][0-9]{2}:[0-9]{2}")


def compile_lines(vocabularies, types, line_types=LINE_TYPES):
    """The ``match`` of a run of lines each of a type of ``line_types`` in
    ``types`` whose every field the type's compiled test would pass, but for
    the file's facts (see ``proven``); None if no type has such a pattern."""
    tails = [tail for tail in (_line_tail(entry_type, types[entry_type], vocabularies)
                               for entry_type in line_types if entry_type in types) if tail]
    if not tails:
        return None
    line = f'- \\{{"id": "{_ID}", "type": "(?:{"|".join(tails)})\\}}\n'
    return re.compile(f"(?:{line}){_RUNS}").match


def _line_tail(entry_type, kinds, vocabularies):
    """The pattern of a line of ``entry_type`` after ``"type": "``, or None."""
    from lobbyctl.store.lines import STRING

    if entry_type in vocab.TIME_ORDER or _value_pattern(fields.COMMON["by"], vocabularies,
                                                        STRING) != STRING:
        return None
    required = set(vocab.REQUIRED[entry_type])
    links = vocab.BACK_FIELDS.get(entry_type, ())
    left = entry_type in LEFT_TO_READER
    parts = [f'{re.escape(entry_type)}", "at": "{_AT}", "by": {STRING}']
    for name, kind in kinds.items():
        if name in vocab.COMMON_FIELDS:
            continue
        # a link, a date: the file decides them (a later day, a day before):
        # their shape proved and the rest left to the reader, or a line
        # holding one takes the compiled test
        if name in links:
            pattern = f'"{_ID}"' if left else None
        elif type(kind) is fields.Date:
            pattern = '"[0-9]{4}-[0-9]{2}-[0-9]{2}"' if left else None
        else:
            pattern = _value_pattern(kind, vocabularies, STRING)
        if pattern is None:
            if name in required:
                return None
            continue
        field = f', "{re.escape(name)}": {pattern}'
        parts.append(field if name in required else f"(?:{field}){_ONCE}")
    return "".join(parts)


def _value_pattern(kind, vocabularies, string):
    """A canonical value that ``kind``'s compiled check finds nothing wrong
    with, as a pattern; None for a kind without one."""
    kind_type = type(kind)
    if kind_type is fields.Text:
        return string  # a canonical string is text every reader can use
    if kind_type is fields.Bool:
        return "(?:true|false)"
    if kind_type is fields.Int:
        if kind.least is None or kind.most is None or kind.least < 0 or kind.most > 10**9:
            return None
        return int_pattern(int(kind.least), int(kind.most))
    if kind_type in (fields.Label, fields.Labels):
        keys = sorted(vocabularies[kind.vocab].labels, key=lambda key: (-len(key), key))
        label = '"(?:' + "|".join(re.escape(key) for key in keys) + ')"'
        if kind_type is fields.Label:
            return label
        return f"\\[(?:{label}(?:, {label})*)?\\]"  # duplicates and none pass its check too
    if kind_type is fields.Names:
        return f"\\[(?:{string}(?:, {string})*)?\\]"
    return None


def int_pattern(least, most):
    """The whole numbers ``least`` to ``most`` (0 ≤ least ≤ most) as the
    writer spells them (no sign, no leading zero), as a pattern."""
    spans = []
    for width in range(len(str(least)), len(str(most)) + 1):
        low = max(least, 10 ** (width - 1) if width > 1 else 0)
        high = min(most, 10 ** width - 1)
        if low <= high:
            spans.append(_digits(str(low), str(high)))
    return "(?:" + "|".join(reversed(spans)) + ")"  # the longest first: no step back


def _digits(low, high):
    """``low`` to ``high``, strings of the same length, digit by digit."""
    if low == high:
        return low
    if len(low) == 1:
        return f"[{low}-{high}]"
    if low[0] == high[0]:
        return low[0] + _digits(low[1:], high[1:])
    rest = len(low) - 1
    spans = [low[0] + _digits(low[1:], "9" * rest)]
    if int(high[0]) - int(low[0]) > 1:
        spans.append(f"[{int(low[0]) + 1}-{int(high[0]) - 1}]" + "[0-9]" * rest)
    spans.append(high[0] + _digits("0" * rest, high[1:]))
    return "(?:" + "|".join(spans) + ")"


def proven(day):
    """The runs of entries of ``day`` (parsed with ``compile_lines``'
    pattern) on lines the pattern proved, as ``(first, count)``, or None.
    The file's facts are the reader's to test for each: its id (of the
    file's prefix, not seen before in it) and its time (on the file's day,
    at the day's steady UTC offset)."""
    runs = day.proven
    day.proven = day.text = None  # used once: the text is not kept with the day
    return [(first, count) for first, count, _start, _end in runs] if runs else None
