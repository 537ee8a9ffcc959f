"""Whether a recorder's day holds a closing (or an opening) that stands: the
one thing a greeting, a referral or a note needs to know of its day.

An entry recorded into a day after its closing says it is back-filled; a
closing ``check`` refuses, or one a void took out, is no closing -- exactly
as every reader counts the day (``check.reading.counted``).  A recorder asks
this under its day file's lock each time it records into a closed day, so
the answer comes from the day's own file and the files after it, never from
the whole journal:

- a closing stands if ``check`` accepts it: it is judged with the rules of
  its own type alone (``entry.Rules(types=...)``), beside every entry of the
  file that carries its id, so a repeated id refuses it as ``check`` does
  (``store.day_facts.marked``: those entries, kept in the recorder's record
  of a busy day, so the day is not parsed whole for them);
- a void takes it out only by naming its id, and only from its own day or a
  later one (``check`` refuses a void naming a later day than its own).  So
  when no void of the file names a closing's id, and no later day file holds
  one in its bytes -- nor a backslash, by which an escape could spell one --
  no void takes one out.  Anywhere else (a void that may name one) the whole
  judgement, ``counted``, decides.

The same answer as ``counted``, at the cost of a few lines judged and a look
at the days after this one."""

import datetime

from lobbyctl.check.memo import one_per_journal
from lobbyctl.errors import FileProblem
from lobbyctl.store.day_facts import STANDING_TYPES, marked

# the types asked about: those ``day_facts.marked`` keeps with every entry
# sharing their id, and which link to nothing (none is in ``refs.WATCHED``,
# whose links ``readable`` would judge: tests/test_closed_day.py holds it so)
_ASKED = frozenset(STANDING_TYPES)

_rules = {}  # the journal's rules for each type asked about: compiled once a command


def holds(journal, day, entry_type, date):
    """Whether ``day`` (a parsed ``Day`` of ``date``, the one a recorder holds
    under the lock) has an entry of ``entry_type`` that every reader counts:
    ``any(entry["type"] == entry_type for entry in counted(journal, day).entries)``."""
    # one without an id of text is one ``check`` refuses (no id, or no id's shape)
    if entry_type not in _ASKED:  # no such shortcut is known
        return _counted_holds(journal, day, entry_type)
    entries, lines = marked(day)
    ids = {entry["id"] for entry in entries
           if entry.get("type") == entry_type and entry.get("id").__class__ is str}
    if not ids:
        return False
    if _may_be_voided(journal, entries, ids, date):
        return _counted_holds(journal, day, entry_type)
    return _accepted(journal, day.path, entries, lines, entry_type, ids, date)


def _counted_holds(journal, day, entry_type):
    from lobbyctl.check.reading import counted

    return any(entry.get("type") == entry_type for entry in counted(journal, day).entries)


def _accepted(journal, path, entries, lines, entry_type, ids, date):
    """Whether ``check`` accepts an entry of ``entry_type`` among ``entries``
    (every entry of the day file ``path`` of that type or sharing an id with
    one, at its ``lines``)."""
    from lobbyctl.check.entry import Rules, entry_problems

    by_type = one_per_journal(_rules, journal, lambda _journal: {})
    rules = by_type.get(entry_type)
    if rules is None:
        # a closing or two to judge: the full judgement, no fast path compiled
        rules = by_type[entry_type] = Rules(journal, types=(entry_type,), fast=False)
    context = rules.file(date, path)
    for entry, line in zip(entries, lines):
        # an entry of another type matters only by its id (a duplicate of
        # the closing's): judged as an unknown type, it still takes its id
        entry_id = entry.get("id")
        if entry_id.__class__ is str and entry_id in ids:
            problems = entry_problems(entry, date, context, line)
            if not problems and entry.get("type") == entry_type:
                return True
    return False


def _may_be_voided(journal, entries, ids, date):
    """Whether a void may name one of ``ids``: one of ``entries`` (the day's
    marked ones, its voids among them) that does, or a later day file whose
    bytes could."""
    for entry in entries:
        ref = entry.get("ref")
        if entry.get("type") == "void" and ref.__class__ is str and ref in ids:
            return True
    from lobbyctl.store.dayfile import read_day_bytes

    needles = [entry_id.encode("utf-8", "surrogatepass") for entry_id in ids]
    after = date + datetime.timedelta(days=1)
    for _day, path in journal.day_files(after, None, on_problem=lambda problem: None):
        try:
            data = read_day_bytes(path)
        except FileProblem:
            continue  # a file that does not load holds no void (``voids_of`` skips it too)
        if data and (b"\\" in data or any(needle in data for needle in needles)):
            return True
    return False
