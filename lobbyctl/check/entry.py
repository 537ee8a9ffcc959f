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
for ``check`` and every reader alike; here only that it names no later day."""

import datetime

from lobbyctl.schema import fields, vocab
from lobbyctl.schema.fields import show_value, text_problem, timestamp
from lobbyctl.schema.ids import ID_PATTERN
from lobbyctl.schema.text.messages import sentence

COMMON_REQUIRED = ("id", "type", "at", "by")
_KNOWN_TYPES = ", ".join(vocab.FIELDS)


class Rules:
    """The schema compiled for one journal."""

    def __init__(self, journal):
        self.tz = journal.tz
        self.timezone = journal.config.timezone
        self.root = journal.root
        vocabularies = fields.vocabularies(journal.config)
        self.by_check = fields.COMMON["by"].compile(vocabularies)
        # type -> {field: check}, and type -> every field it requires
        self.checks = {entry_type: {name: kind.compile(vocabularies)
                                    for name, kind in kinds.items()}
                       for entry_type, kinds in fields.TYPES.items()}
        self.required = {entry_type: COMMON_REQUIRED + vocab.REQUIRED[entry_type]
                         for entry_type in fields.TYPES}
        # type -> its date fields: a date the entry promises (a follow-up,
        # a complaint's deadline) is never before the day it was recorded
        self.dates = {entry_type: tuple(name for name, kind in kinds.items()
                                        if type(kind) is fields.Date)
                      for entry_type, kinds in fields.TYPES.items()}
        self.required_sets = {entry_type: frozenset(names)
                              for entry_type, names in self.required.items()}
        # the same checks for the one-pass path of a clean entry: a label's
        # keys as a set and text as ``TEXT``, tested inline without a call
        self.fast = {entry_type: {name: _fast_form(kind, vocabularies, checks[name])
                                  for name, kind in fields.TYPES[entry_type].items()}
                     for entry_type, checks in self.checks.items()}

    def file(self, day, path):
        """The context of the day file ``path`` (absolute or journal-relative)
        holding the entries of ``day``."""
        return FileContext(self, day, path)


class FileContext:
    """One day file being judged: its date, and the ids seen in it so far."""

    __slots__ = ("rules", "day", "relative", "id_prefix", "day_text", "offset", "seen", "fast")

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
        self.fast = self._fast_checks()

    def _fast_checks(self):
        """type -> {field: check} with the common fields bound to this file:
        each check is falsy for a value that is fine, the common case; any
        other answer sends the entry to the full judgement for its messages."""
        from lobbyctl.schema.ids import ID_PATTERN

        seen, prefix, day_text, match = self.seen, self.id_prefix, self.day_text, ID_PATTERN.match
        parse = datetime.datetime.fromisoformat
        suffix = _offset_text(self.offset)

        def id_bad(value):
            return not (type(value) is str and value.startswith(prefix) and match(value)
                        and value not in seen)

        def at_bad(value):
            if not (type(value) is str and suffix and value.startswith(day_text)
                    and value.endswith(suffix) and len(value) <= 64 and value[10:11] in "Tt "):
                return True
            try:
                parse(value)
            except ValueError:
                return True
            return False

        common = {"id": id_bad, "at": at_bad, "by": TEXT, "type": _fine}
        fast = {entry_type: {**common, **checks} for entry_type, checks in self.rules.fast.items()}
        for entry_type, names in vocab.BACK_FIELDS.items():
            for name in names:
                fast[entry_type][name] = _not_later(fast[entry_type][name], prefix)
        for entry_type, names in self.rules.dates.items():
            for name in names:
                fast[entry_type][name] = _not_before(fast[entry_type][name], day_text)
        return fast


TEXT = object()  # the fast form of a text field


def _not_later(check, prefix):
    def bad(value):
        return check(value) or value[:6] > prefix  # a link leads back, never forward
    return bad


def _not_before(check, day_text):
    def bad(value):
        return check(value) or value < day_text  # ISO dates compare as text
    return bad


def _fast_form(kind, vocabularies, check):
    if type(kind) is fields.Label:
        return frozenset(vocabularies[kind.vocab].labels)
    if type(kind) is fields.Text:
        return TEXT
    return check


def _fine(value):
    return None


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

    The common case — a clean entry — takes one pass of compiled checks;
    anything they doubt is judged again in full, which alone words messages."""
    if type(entry) is dict:
        entry_type = entry.get("type")
        checks = context.fast.get(entry_type) if type(entry_type) is str else None
        if checks is not None and entry.keys() >= context.rules.required_sets[entry_type]:
            for key, value in entry.items():
                check = checks.get(key)
                if check.__class__ is frozenset:  # a label
                    if value.__class__ is str and value in check:
                        continue
                    break
                if check is TEXT:
                    if value.__class__ is str and (value.isascii() or not text_problem(value)):
                        continue
                    break
                if check is None or check(value):
                    break
            else:
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
