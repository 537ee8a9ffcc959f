"""Importing a queue machine's daily export: one ``ticket`` entry per row,
appended to the day file of the time it was taken.

Every row is read and judged before anything is written
(``queue_export.read_export``):
a row that does not parse is a ``FileProblem`` at its line of the CSV, and
then nothing of the file is written unless the caller leaves the bad rows
out.  Each day's tickets then go in one batch append (``append_entries``:
one lock, one write, one fsync), skipping those already in the day — the
same ticket number taken at the same instant — so importing an export
again adds nothing.  A day already closed takes its tickets without the
back-fill warning: an export comes after the close."""

import datetime

from lobbyctl.domain.queue_export import read_export
from lobbyctl.domain.queue_map import queue_map
from lobbyctl.domain.record import resolve_by
from lobbyctl.errors import FileProblem, JournalProblem
from lobbyctl.schema import vocab
from lobbyctl.schema.ids import new_id
from lobbyctl.schema.text.messages import sentence
from lobbyctl.schema.text.privacy import mask_text
from lobbyctl.store.append import append_entries


class Imported:
    """What an import did: tickets ``added`` and ``already`` there, the day
    files written, the ``bad`` rows left out (``FileProblem``s), and the
    ``rows`` read."""

    __slots__ = ("added", "already", "days", "bad", "masked", "rows")

    def __init__(self, added, already, days, bad, masked, rows=0):
        self.added, self.already, self.days, self.bad, self.masked = added, already, days, bad, masked
        self.rows = rows


def import_queue(journal, path, *, encoding=None, skip_bad=False, by=None):
    """Import the queue export at ``path`` into ``journal``; see the module notes."""
    config = journal.config
    mapping, map_problems = queue_map(config)
    if map_problems:
        line, message = map_problems[0]
        raise FileProblem(config.path, line, message)
    who = resolve_by(by, config)
    rows, bad = read_export(path, mapping, journal, encoding or mapping.encoding)
    if bad and (not skip_bad or not rows):
        # with every row bad there is nothing to import: that is a failure
        # whatever --skip-bad says, not "nothing new"
        raise BadRows(path, bad, "import_bad_rows" if rows or not skip_bad else "import_all_bad")
    keep_numbers = config.store_personal_data
    masked = 0
    by_day = {}
    for line, fields in rows:
        if not keep_numbers:
            for name in ("window", "staff", "ticket"):
                if name in fields:
                    fields[name], count = mask_text(fields[name])
                    masked += count
        by_day.setdefault(fields["at"].date(), []).append(fields)
    if not keep_numbers:
        who, count = mask_text(who)
        masked += count
    _refuse_a_full_day(journal, by_day, who)
    added = already = 0
    days = []
    for day in sorted(by_day):
        tickets = by_day[day]
        new_ones, _warnings = append_entries(
            journal.day_path(day), _builder(day, tickets, who), lang=config.lang,
            file_mode=config.file_mode, dir_mode=config.dir_mode)
        added += len(new_ones)
        already += len(tickets) - len(new_ones)
        if new_ones:
            days.append(day)
    return Imported(added, already, days, bad, masked, len(rows))


def _refuse_a_full_day(journal, by_day, who):
    """Refuse the whole import, before any day is written, if one day's
    tickets would take its file past the cap: each day's batch lands whole
    or not at all, and an export must not land in some days only.  (A
    writer in between may still fill a day: its own append then refuses
    that day alone, and importing again adds only what is missing.)"""
    import os

    from lobbyctl.store.dayfile import Day, read_day
    from lobbyctl.store.dayopen import MAX_DAY_BYTES
    from lobbyctl.store.lines import dump_entry

    for day in sorted(by_day):
        path = journal.day_path(day)
        try:
            size = os.lstat(path).st_size
        except OSError:
            continue  # no file yet (or none to measure: the append says why)
        build = _builder(day, by_day[day], who)
        most = sum(len(dump_entry(entry).encode("utf-8"))
                   for entry in build(Day(path, [], []))) + 1
        if size + most <= MAX_DAY_BYTES:
            continue  # the common case: no need to read the day
        payload = sum(len(dump_entry(entry).encode("utf-8")) for entry in build(read_day(path)))
        if payload and size + payload + 1 > MAX_DAY_BYTES:
            raise FileProblem(path, 1, sentence("import_day_full", day=day.isoformat(),
                                                limit=MAX_DAY_BYTES // (1024 * 1024)))


class BadRows(JournalProblem):
    """Rows of an export that do not parse: nothing of it was imported
    (without ``--skip-bad``, or with it when no row parses at all)."""

    def __init__(self, path, rows, key="import_bad_rows"):
        english = sentence(key, count=len(rows), path=path)
        super().__init__(english, key=english.key, values=english.values)
        self.rows = rows


def _builder(day, tickets, who):
    def build(existing):
        ids = set(existing.ids())
        seen = set()
        for entry in existing.entries:
            if isinstance(entry, dict) and entry.get("type") == "ticket":
                seen.add(_identity(entry.get("ticket"), entry.get("at")))
        entries = []
        for fields in tickets:
            at = fields["at"].isoformat()
            identity = _identity(fields["ticket"], at)
            if identity in seen:
                continue  # imported before, or twice in this export
            seen.add(identity)
            entry_id = new_id(day, ids)
            ids.add(entry_id)
            entry = {"id": entry_id, "type": "ticket", "at": at, "by": who}
            for name in vocab.FIELDS["ticket"]:
                value = fields.get(name)
                if value is not None:
                    entry[name] = value.isoformat() if isinstance(value, datetime.datetime) \
                        else value
            entries.append(entry)
        return entries
    return build


def _identity(ticket, at):
    """A ticket's identity: its number and the instant it was taken (an
    ``at`` written with another offset by hand is the same instant)."""
    try:
        when = datetime.datetime.fromisoformat(at) if isinstance(at, str) else None
    except ValueError:
        when = None
    return (str(ticket), when if when is not None and when.utcoffset() is not None else at)
