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

from lobbyctl.schema import fields, vocab

_ABSENT = object()

# the facts of one day file every type's test is made with
_FILE_FACTS = ("seen", "prefix", "day_text", "suffix")


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
              f"and len(v) <= 64 and v[10:11] in 'Tt ' and {bind(_iso_ok)}(v))",
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
    body = [f"def make({', '.join(_FILE_FACTS)}):",
            "    def clean(entry):",
            "        keys = entry.keys()",
            f"        if not (keys <= {bind(frozenset(allowed))} "
            f"and keys >= {bind(frozenset(required))}):",
            "            return False",
            "        get = entry.get"]
    for name, test in tests.items():
        if name in extra:
            test = f"({test} and {extra[name]})"
        if name in required:
            body.append(f"        v = entry[{name!r}]")
            body.append(f"        if not {test}:")
        else:
            body.append(f"        v = get({name!r}, {bind(_ABSENT)})")
            body.append(f"        if v is not {bind(_ABSENT)} and not {test}:")
        body.append("            return False")
    pairs = vocab.TIME_ORDER.get(entry_type)
    if pairs:
        # times in their order: anything out of it, or unsure, is judged in full
        hours = vocab.TIME_SPAN_HOURS.get(entry_type)
        span = datetime.timedelta(hours=hours) if hours is not None else None
        body += [f"        if not {bind(_in_order)}(entry, {bind(pairs)}, {bind(span)}):",
                 "            return False"]
    body += ["        return True", "    return clean"]
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
