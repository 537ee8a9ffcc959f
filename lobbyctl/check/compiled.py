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

from lobbyctl.schema import fields, vocab

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
