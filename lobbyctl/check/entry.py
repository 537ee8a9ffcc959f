"""THE judgement of one entry: what ``check`` reports about it and what makes
every reader (``show``, reports, ``export``, ``due``, lookups by id) refuse
it.  One function, so a journal cannot give one answer to ``check`` and
another to the monthly form.

``Rules(journal)`` compiles the schema (``schema.fields``) once for a
journal — its extra vocabulary, its timezone — into one check function per
field of each type, the common case first; ``rules.file(day, path)`` is the
context of one day file (its date, its name as ``check`` prints it, the ids
seen so far in it); ``entry_problems(entry, day, context, line)`` lists what
is wrong with one entry, in the order ``check`` prints it.

An id repeated in another day's file (which is then also an id naming the
wrong day) stays with ``check``'s walk; where a link (an update's ``ref``,
a ``lead``, ``after`` or ``returning``) leads is judged by ``check.refs``,
for ``check`` and every reader alike; here only that it names no later day.
A ticket's times keep their order (``vocab.TIME_ORDER``): called, started
and ended not before it was taken, ended not before it started."""

import datetime

from lobbyctl.check import compiled
from lobbyctl.schema import fields, vocab
from lobbyctl.schema.fields import show_value, text_problem, timestamp
from lobbyctl.schema.ids import ID_PATTERN
from lobbyctl.schema.text.messages import sentence

COMMON_REQUIRED = ("id", "type", "at", "by")
_KNOWN_TYPES = ", ".join(vocab.FIELDS)


class Rules:
    """The schema compiled for one journal; with ``types``, for those entry
    types only (a recorder judging its day's closing compiles no other):
    an entry of another type is then judged as one of an unknown type, so
    only the verdicts on entries of ``types`` are ``check``'s.  ``fast``:
    with each type's compiled clean test (``check.compiled``), which pays
    for itself over a few hundred entries, not over one."""

    def __init__(self, journal, types=None, fast=True):
        self.tz = journal.tz
        self.timezone = journal.config.timezone
        self.root = journal.root
        vocabularies = fields.vocabularies(journal.config)
        self.by_check = fields.COMMON["by"].compile(vocabularies)
        judged = fields.TYPES if types is None else \
            {entry_type: fields.TYPES[entry_type] for entry_type in types}
        # type -> {field: check}, and type -> every field it requires
        self.checks = {entry_type: {name: kind.compile(vocabularies)
                                    for name, kind in kinds.items()}
                       for entry_type, kinds in judged.items()}
        self.required = {entry_type: COMMON_REQUIRED + vocab.REQUIRED[entry_type]
                         for entry_type in judged}
        # type -> its date fields: a date the entry promises (a follow-up,
        # a complaint's deadline) is never before the day it was recorded
        self.dates = {entry_type: tuple(name for name, kind in kinds.items()
                                        if type(kind) is fields.Date)
                      for entry_type, kinds in judged.items()}
        self.required_sets = {entry_type: frozenset(names)
                              for entry_type, names in self.required.items()}
        # type -> the maker of its compiled clean test (``check.compiled``)
        self.makers = compiled.compile_types(vocabularies, judged) if fast else {}
        self._vocabularies, self._judged = vocabularies, judged
        self._proofs = {}  # line types -> the line proof, or False for none
        # type -> (links, dates) a proved line leaves to the reader
        self.left = compiled.left_to_reader(judged)
        self._asked = 0  # days a proof was asked for, to parse them

    def lines(self, broad=None):
        """The line proof of ``check.compiled.compile_lines`` for a reader's
        ``parse_day`` (each compiled on first use), or None without the fast
        tests: the greetings' for the first ``compiled.BROAD_AFTER`` days
        it is asked for, then every common type's (``broad`` True or False:
        that one, and the day not counted)."""
        if not self.makers:
            return None
        if broad is None:
            self._asked += 1
            broad = self._asked > compiled.BROAD_AFTER
        line_types = compiled.LINE_TYPES if broad else compiled.FIRST_LINE_TYPES
        proof = self._proofs.get(line_types)
        if proof is None:
            proof = self._proofs[line_types] = compiled.compile_lines(
                self._vocabularies, self._judged, line_types) or False
        return proof or None

    def file(self, day, path):
        """The context of the day file ``path`` (absolute or journal-relative)
        holding the entries of ``day``."""
        return FileContext(self, day, path)


class FileContext:
    """One day file being judged: its date, and the ids seen in it so far."""

    __slots__ = ("rules", "day", "relative", "id_prefix", "day_text", "offset", "seen", "fast",
                 "suffix")

    def __init__(self, rules, day, path):
        import os

        self.rules = rules
        self.day = day
        # as ``check`` names it: relative to the journal, with / separators
        self.relative = os.path.relpath(path, rules.root).replace(os.sep, "/") \
            if os.path.isabs(path) else path
        self.id_prefix = day.strftime("%y%m%d")
        self.day_text = day.isoformat()
        self.offset = _steady_offset(rules.tz, day)
        self.seen = {}  # id -> the line of its first entry in this file
        self.suffix = suffix = _offset_text(self.offset)
        # type -> clean(entry), bound to this file; on a day whose clock
        # changes there is none, and every entry takes the full judgement
        self.fast = {entry_type: make(self.seen, self.id_prefix, self.day_text, suffix)
                     for entry_type, make in rules.makers.items()} if suffix else {}


def steady_offset_text(tz, day):
    """``+08:00``: the journal's UTC offset on ``day`` as an ``at`` ends
    with it, if it holds all day (no clock change) and is whole minutes;
    else None.  Times of that day written with it are on that day, and
    their text order is their wall clock's."""
    return _offset_text(_steady_offset(tz, day))


def _offset_text(offset):
    """``+08:00`` for a steady offset of eight hours, else None."""
    if offset is None or offset.microseconds or offset.seconds % 60:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _steady_offset(tz, day):
    """The journal's UTC offset on ``day`` if it holds all day (no clock
    change), else None: then a time with that offset and that date is on
    ``day`` without a timezone conversion."""
    try:
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz).utcoffset()
        end = datetime.datetime.combine(day, datetime.time.max, tzinfo=tz).utcoffset()
    except (OverflowError, ValueError):
        return None
    return start if start == end else None


def entry_problems(entry, day, context, line=1):
    """What is wrong with ``entry`` found at ``line`` of the file of ``day``
    (``context`` from ``Rules.file``): a list of messages, empty if nothing.
    Records the entry's id in ``context`` so a second one is a duplicate.

    The common case — a clean entry — takes its type's compiled test
    (``check.compiled``); anything it doubts is judged in full, which alone
    words messages."""
    if type(entry) is dict:
        entry_type = entry.get("type")
        if type(entry_type) is str:
            clean = context.fast.get(entry_type)
            if clean is not None and clean(entry):
                context.seen[entry["id"]] = line
                return ()
    return _all_problems(entry, day, context, line)


def _all_problems(entry, day, context, line):
    if type(entry) is not dict:
        return [sentence("entry_not_mapping")]
    rules = context.rules
    found = []
    entry_type = entry.get("type")
    checks = rules.checks.get(entry_type) if type(entry_type) is str else None
    if checks is None and "type" in entry:
        found.append(sentence("unknown_type", value=show_value(entry_type), known=_KNOWN_TYPES))
    if checks is not None:
        required, complete = rules.required[entry_type], \
            entry.keys() >= rules.required_sets[entry_type]
    else:
        required = COMMON_REQUIRED
        complete = all(name in entry for name in required)
    if not complete:
        missing = [name for name in required if name not in entry]
        found.append(sentence("missing_fields" if len(missing) > 1 else "missing_field",
                              fields=", ".join(missing)))

    if "id" in entry:
        found.extend(_id_problems(entry["id"], context, line))
    if "at" in entry:
        message = _at_problem(entry["at"], context)
        if message:
            found.append(message)
    if "by" in entry:
        message = rules.by_check(entry["by"])
        if message:
            found.append(sentence("field_problem", field="by", problem=message))
    for name in vocab.BACK_FIELDS.get(entry_type, ()) if type(entry_type) is str else ():
        message = _ref_day_problem(entry.get(name), context, name, entry_type)
        if message:
            found.append(message)

    if checks is not None and entry_type in vocab.TIME_ORDER:
        found.extend(time_order_problems(entry, vocab.TIME_ORDER[entry_type],
                                         vocab.TIME_SPAN_HOURS.get(entry_type)))

    for key, value in entry.items():
        if checks is not None:
            check = checks.get(key)
            if check is not None:
                message = check(value) or _date_problem(key, value, entry_type, context)
                if message:
                    found.append(sentence("field_problem", field=key, problem=message))
                continue
        if type(key) is not str:
            found.append(sentence("field_name_not_text", value=show_value(key)))
        elif key in vocab.COMMON_FIELDS or checks is None:
            continue  # judged above; or an unknown type, whose fields cannot be judged
        else:
            found.append(_unknown_field(key, entry_type, checks))
    return found


def time_order_problems(entry, pairs, span_hours=None):
    """A time field before the one it follows (``vocab.TIME_ORDER``), or
    more than ``span_hours`` after ``at``: a ticket called before it was
    taken has no wait any reader could count, one called years later a
    wait no month should average.  A time that does not read is the field
    check's to report."""
    found = []
    for later, earlier in pairs:
        first, second = timestamp(entry.get(earlier)), timestamp(entry.get(later))
        if first is not None and second is not None and second < first:
            found.append(sentence("time_out_of_order", later=later, later_at=entry[later],
                                  earlier=earlier, earlier_at=entry[earlier]))
    taken = timestamp(entry.get("at"))
    if span_hours is not None and taken is not None:
        limit = taken + datetime.timedelta(hours=span_hours)
        for later in dict.fromkeys(later for later, _earlier in pairs):
            when = timestamp(entry.get(later))
            if when is not None and when > limit:
                found.append(sentence("time_too_late", later=later, later_at=entry[later],
                                      at=entry["at"], hours=span_hours))
    return found


def _id_problems(entry_id, context, line):
    if type(entry_id) is not str or not ID_PATTERN.match(entry_id):
        return [sentence("id_not_id", value=show_value(entry_id))]
    first = context.seen.get(entry_id)
    if first is None:
        context.seen[entry_id] = line
        if entry_id.startswith(context.id_prefix):
            return ()  # the common case
    found = []
    if not entry_id.startswith(context.id_prefix):
        found.append(sentence("id_other_day", id=entry_id, named=_named_day(entry_id),
                              day=context.day_text))
    if first is not None:
        found.append(sentence("duplicate_id", id=entry_id, place=f"{context.relative}:{first}"))
    return found


def _date_problem(key, value, entry_type, context):
    """A follow-up or deadline before the day the entry was recorded
    (recording refuses one; a reader would count it overdue from the start)."""
    if key in context.rules.dates[entry_type] and value < context.day_text:
        return sentence("date_before_day", value=value, day=context.day_text)
    return None


def _ref_day_problem(ref, context, field="ref", entry_type="update"):
    """A link leads back: an update follows what it changes, a void what it
    voids, a lead its outreach, a second cross-sell its first, so the id
    cannot name a later day (the recording commands refuse one; every
    reader would fold an update into nothing)."""
    if type(ref) is not str or not ID_PATTERN.match(ref) or ref[:6] <= context.id_prefix:
        return None
    if entry_type == "void":
        return sentence("void_ref_later_day", ref=ref, named=_named_day(ref),
                        day=context.day_text)
    if field == "ref":
        return sentence("ref_later_day", ref=ref, named=_named_day(ref), day=context.day_text)
    return sentence("link_later_day", field=field, ref=ref, named=_named_day(ref),
                    day=context.day_text)


def _at_problem(at, context):
    when = timestamp(at)
    if when is None:
        return sentence("at_not_iso", value=show_value(at))
    if context.offset is not None and when.utcoffset() == context.offset:
        local = when.date()  # the journal's own offset: no conversion needed
    else:
        try:
            local = when.astimezone(context.rules.tz).date()
        except (OverflowError, ValueError):
            return sentence("at_out_of_range", value=show_value(at))
    if local != context.day:
        return sentence("at_other_day", at=at, local=local.isoformat(),
                        timezone=context.rules.timezone, day=context.day_text)
    return None


def _unknown_field(typed, entry_type, known):
    import difflib

    close = difflib.get_close_matches(typed, list(known), n=1)
    if close:
        return sentence("unknown_field_meant", value=show_value(typed), type=entry_type,
                        meant=repr(close[0]))
    return sentence("unknown_field", value=show_value(typed), type=entry_type)


def _named_day(entry_id):
    """The day an id names: ``261120-...`` names 2026-11-20."""
    return f"20{entry_id[:2]}-{entry_id[2:4]}-{entry_id[4:6]}"
