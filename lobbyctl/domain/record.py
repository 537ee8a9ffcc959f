"""Recording one entry: the shared path of every recording command.

Builds the entry in schema order, masks personal numbers in free text (unless
the journal allows keeping them), checks it against the schema, and appends it
to its day's file under the lock."""

import re

from lobbyctl.schema import vocab
from lobbyctl.store.append import append_entry
from lobbyctl.store.day_facts import DayFacts, marked
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.ids import new_id
from lobbyctl.schema.text.messages import problem, say
from lobbyctl.schema.text.privacy import mask_text

MAX_TEXT = 4000  # characters in one free-text field


class Recorded:
    __slots__ = ("entry", "masked", "warnings", "path")

    def __init__(self, entry, masked, warnings, path):
        self.entry = entry
        self.masked = masked
        self.warnings = warnings
        self.path = path


# C0 and C1 control characters other than tab and line feed: terminal escape
# sequences and the like, never meant as text (a reader printing the journal
# to a terminal would obey them).  Each is one str.isprintable refuses, so
# printable text (the usual) needs no search, and ``re`` compiles the pattern
# only for text with a tab, a line break or something odder in it.
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f]"


def control_character(text):
    """The first control character of ``text`` that text may not hold (a
    match: ``group()``, ``start()``), or None."""
    return None if text.isprintable() else re.search(_CONTROL, text)


def clean_text(value, option):
    """Free text as it may be stored: valid Unicode, line breaks as ``\\n``,
    no control characters, not absurdly long."""
    text = value.strip() if isinstance(value, str) else value
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = control_character(text)
    if control:
        raise problem(UsageProblem, "text_control", option=option,
                      code=f"{ord(control.group()):04X}", position=control.start() + 1)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise problem(UsageProblem, "text_not_utf8", option=option) from None
    if len(text) > MAX_TEXT:
        raise problem(UsageProblem, "text_too_long", option=option, length=len(text), limit=MAX_TEXT)
    return text


def resolve_by(by, config):
    if by:
        who = clean_text(by, "--by")
        if not who:
            raise problem(UsageProblem, "by_blank")
        return who
    if config.managers:
        return config.managers[0]
    raise problem(UsageProblem, "by_unknown")


def record(journal, entry_type, fields, *, at, by, precheck=None, counted=None):
    """Append one entry of ``entry_type``; ``at`` is an aware datetime in the
    journal's timezone.  Returns a ``Recorded``.

    ``counted``, if given, is the day as every reader counts it (the
    entries ``check`` accepts, less what a void takes out), passed down by
    the command since this layer cannot import ``check``
    (``cli.common.counted_view``): ``counted(day)`` is that day
    (``check.reading.counted``), and ``counted.holds(day, type, date)``
    whether it has an entry of that type (``check.standing.holds``, the
    same answer without judging the whole day).  ``precheck`` and the
    back-filled notice see the day through it, so a voided opening or
    closing is no opening or closing; the new id is still checked against
    every line of the file."""
    config = journal.config
    schema = vocab.FIELDS[entry_type]
    masked = 0
    body = {}
    for name, kind in schema.items():
        value = fields.get(name)
        # blank text is no text: an empty --summary must not pass as given
        if value is None or value == "" or value == [] or value == {}:
            continue
        if kind == "text" and not config.store_personal_data:
            value, count = mask_text(value)
            masked += count
        elif kind == "names" and not config.store_personal_data:
            names = []
            for name_text in value:
                name_text, count = mask_text(name_text)
                names.append(name_text)
                masked += count
            value = names
        elif kind == "sales" and not config.store_personal_data:
            sales = []
            for sale in value:
                product, count = mask_text(sale["product"])
                sales.append({"product": product, "sold": sale["sold"]})
                masked += count
            value = sales
        elif kind.startswith("checklist:") and not config.store_personal_data:
            problems = {}
            for item, text in value.items():
                problems[item], count = mask_text(text)
                masked += count
            value = problems
        body[name] = value
    unknown = set(fields) - set(schema)
    if unknown:  # a programming error, not a user's: fail loudly in tests
        raise ValueError(f"fields not in the {entry_type} schema: {sorted(unknown)}")
    for name in vocab.REQUIRED[entry_type]:
        if name not in body:
            raise problem(UsageProblem, "option_required", option=f"--{name.replace('_', '-')}",
                          type=entry_type)
    who = resolve_by(by, config)
    if not config.store_personal_data:
        # a name is free text too: `--by "赵13400005555"` must not keep the number
        who, count = mask_text(who)
        masked += count
    day = at.date()
    path = journal.day_path(day)

    def build(existing):
        entry = {"id": new_id(day, existing.ids()), "type": entry_type,
                 "at": at.isoformat(), "by": who}
        entry.update(body)
        return entry

    def checks(existing):
        warnings = []
        if precheck is not None:
            if counted is not None:
                existing = counted(existing)
            warnings.extend(precheck(existing) or ())
        closed = any(e.get("type") == "close" for e in marked(existing)[0])
        # judged only when it can matter: a greeting into a day not closed
        # judges nothing; one after the closing only whether that stands
        if closed and precheck is None and counted is not None:
            closed = counted.holds(existing, "close", day)
        if entry_type != "close" and closed:
            warnings.append(say("back_filled", config.lang, day=day.isoformat()))
        return warnings

    entry, warnings = append_entry(path, build, precheck=checks, lang=config.lang,
                                   file_mode=config.file_mode, dir_mode=config.dir_mode,
                                   facts=DayFacts(journal))
    return Recorded(entry, masked, warnings, path)
