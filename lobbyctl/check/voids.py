"""The corrections of a journal: which entries a ``void`` takes out, for
every reader at once.

A ``void`` (``lobbyctl void ID --reason``) is appended to the day it is
recorded on; the entry it names stays, byte for byte, in its own file.  A
void usually comes days after its target, so a reader of October run in
December must know of a void recorded in November: the set of voided ids
comes from the whole journal.  What each day file holds of voids is kept in
an index (``store.file_index``, ``.lobbyctl-cache/voids/voids-YYYY.json``) keyed by the file's
identity on this disk, as the tracked items are, so a report looks at each
file's identity, not at its bytes; a file whose bytes cannot hold a void
(no ``void`` in them, and no escape that could spell one) is not even
parsed to make its record.  What all the files hold is kept once more as
one record (``voids-whole.json``), under the digest of every day file's
identity and of the rules: while no file changed, that one record is read,
not a record a file.

A record is what its file alone says (the voids ``check`` accepts there,
judged by the file alone); where a void's ``ref`` leads is judged on every
run by ``check.refs`` -- an entry that exists, is no void, and was recorded
before it.  A void ``check`` refuses takes nothing out.  When two voids
name one entry (``check`` reports the second), the first in the journal's
order is the one shown.  A day file that does not load gives no voids
here: it is the concern of the reader that reads it, and of ``check``.

The leaving-out itself is ``Voids.without``, applied by ``check.reading``
to every day a ``DayStream`` or ``load_range`` yields and by
``reports.open_items`` to the tracked entries: figures, pivots, ``due``,
the forms and ``export`` see the same journal.  An update of a voided entry
goes with it; a voided update is undone (the fold never sees it); a link
into a voided entry (a ``lead`` to a voided outreach, an ``after``,
``returning`` or ``greet``) leads nowhere: the entry stays, without it
(``Voids.unlinked``).  ``check`` accepts such a link: voiding an outreach
does not make the greetings it brought in wrong."""

import datetime
from typing import NamedTuple

from lobbyctl.check.memo import one_per_journal
from lobbyctl.errors import FileProblem, LobbyError
from lobbyctl.schema import vocab
from lobbyctl.schema.ids import ID_PATTERN

_held = {}  # the journal's Voids: found once a command


class Void(NamedTuple):
    """One void that takes out ``ref``: its own id, time, author, reason
    and note, the day file it is in (``day``, ``path``, ``line``), and what
    it takes out (``target_type``, ``target_at``)."""

    id: str
    ref: str
    reason: str
    at: str
    by: str
    note: object
    day: datetime.date
    path: str
    line: int
    target_type: str
    target_at: object

    @property
    def target_day(self):
        """The day the voided entry is in: the one its id names."""
        return datetime.date(2000 + int(self.ref[:2]), int(self.ref[2:4]), int(self.ref[4:6]))


class Voids:
    """The voids of one journal that ``check`` accepts, ``by_target``
    (ref -> the first ``Void`` of it) and in journal order (``all``)."""

    def __init__(self, found):
        self.all = []
        self.by_target = {}
        for void in found:
            if void.ref not in self.by_target:
                self.by_target[void.ref] = void
                self.all.append(void)

    def __bool__(self):
        return bool(self.by_target)

    def of(self, entry_id):
        """The ``Void`` that takes out ``entry_id``, or None."""
        return self.by_target.get(entry_id)

    def takes_out(self, entry):
        """Whether a reader leaves ``entry`` out: it is voided, or it is an
        update of a voided entry (its history goes with it)."""
        targets = self.by_target
        entry_id = entry.get("id")
        if entry_id.__class__ is str and entry_id in targets:
            return True
        if entry.get("type") == "update":
            ref = entry.get("ref")
            return ref.__class__ is str and ref in targets
        return False

    def unlinked(self, entry):
        """``entry`` as readers see it: a link of it into a voided entry
        left out (a copy; ``entry`` itself when it has none)."""
        names = vocab.LINK_FIELDS.get(entry.get("type")) if self.by_target else None
        if not names:
            return entry
        targets = self.by_target
        gone = [name for name in names if entry.get(name).__class__ is str
                and entry[name] in targets]
        if not gone:
            return entry
        return {key: value for key, value in entry.items() if key not in gone}

    def without(self, day):
        """``day`` (a ``Day``) less the entries it takes out, and less the
        links of the others into them."""
        if not self.by_target:
            return day
        kept = [index for index, entry in enumerate(day.entries) if not self.takes_out(entry)]
        entries = [self.unlinked(day.entries[index]) for index in kept]
        if len(kept) == len(day.entries) and all(
                entry is day.entries[index] for entry, index in zip(entries, kept)):
            return day
        from lobbyctl.store.dayfile import Day

        return Day(day.path, entries,
                   [day.lines[index] for index in kept], day.torn_line, day.canonical, day.size)

    def in_period(self, first, last):
        """The voids whose voided entry is dated ``first``..``last``, in the
        order of that entry's day, then the void's place in the journal."""
        return sorted((void for void in self.all if first <= void.target_day <= last),
                      key=lambda void: void.target_day)

    def recorded_on(self, day):
        """The voids recorded on ``day``, in file order."""
        return [void for void in self.all if void.day == day]


def voids_of(journal):
    """The ``Voids`` of this command's journal, found once."""
    return one_per_journal(_held, journal, _find)


def _find(journal):
    from lobbyctl.check.memo import day_identities
    from lobbyctl.check.refs import judge_for
    from lobbyctl.store.file_index import identity

    listed = day_identities(journal)
    if listed is None:  # a folder holds something that is no folder: its reader names it
        listed = [(day, path, identity(path)) for day, path in
                  journal.day_files(None, None, on_problem=lambda problem: None)]
        whole = None
    else:
        whole = _whole_key(journal)
    candidates = _kept_candidates(journal, whole, listed) if whole is not None else None
    if candidates is None:
        candidates, complete = _candidates(journal, listed)
        if complete and whole is not None:
            _keep_candidates(journal, whole, candidates)
    judge = judge_for(journal)
    judge.void_targets.update(_targets(journal, {entry["ref"] for _, _, entry, _ in candidates}))
    found = []
    for day, path, entry, line in candidates:
        ref = entry["ref"]
        if judge.void_problem(ref, entry.get("at"), entry["id"][:6]) is not None:
            continue  # check refuses it, and so it voids nothing
        target_type, target_at = judge.void_targets.get(ref) or judge.held(ref) or (None, None)
        if target_type == "fault":  # what an update may point at, said as its type
            target_type = "note"
        found.append(Void(entry["id"], ref, entry.get("reason"), entry.get("at"),
                          entry.get("by"), entry.get("note"), day, path, line,
                          target_type, target_at))
    return Voids(found)


def _candidates(journal, listed):
    """The voids each day file of ``listed`` holds as ``(day, path, entry,
    line)``, through the index of each file's record; and whether every
    file gave its record unchanged while it was read (what may be kept of
    the whole journal)."""
    from lobbyctl.store.file_index import FileIndex, identity

    index = FileIndex(journal, "voids", _fingerprint(journal), folder="voids")
    candidates, complete = [], True
    try:
        for day, path, key in listed:
            record = index.get(day, path, key)
            if record is None or not _well_formed(record):
                try:
                    record = _derive(journal, day, path)
                except FileProblem:
                    complete = False
                    continue  # a file that does not load is its reader's to report
                if identity(path) == key:  # unchanged while it was read
                    index.put(day, path, key, record)
                else:
                    complete = False
            for entry, line in zip(record["entries"], record["lines"]):
                candidates.append((day, path, entry, line))
    finally:
        index.save()
    return candidates, complete


# The voids of the whole journal, kept under one key: a ten-year journal's
# 3,650 files are then one digest of their identities (which the kept month
# ends look at anyway), not 3,650 records looked up in ten yearly indexes.
_WHOLE = "voids-whole.json"
_WHOLE_VERSION = 2  # 2: a void's day file found by its day in this run's listing, not kept


def _whole_key(journal):
    """The digest of the rules and of every day file by its identity here
    (``memo.identity_text``), or None if a folder is no folder."""
    import hashlib

    from lobbyctl.check.memo import identity_text

    identities = identity_text(journal)
    if identities is None:
        return None
    digest = hashlib.sha256(_fingerprint(journal).encode("ascii"))
    digest.update(identities)
    return digest.hexdigest()


def _whole_signer(journal):
    from lobbyctl.store.loader import Signer

    return Signer(journal.root, purpose=b"lobbyctl-index-voids-whole")


def _kept_candidates(journal, key, listed):
    """The candidates kept for the journal as ``key`` says it is, or None;
    each void's file is the one ``listed`` (this run's day files) has for
    its day, so a journal reached by another path names its own files."""
    from lobbyctl.store.loader import load_signed

    signer = _whole_signer(journal)
    if not signer.usable:
        return None
    data = load_signed(journal.root, "voids", _WHOLE, signer, mode=journal.config.dir_mode,
                       lang=journal.config.lang)
    if data is None or data.get("version") != _WHOLE_VERSION or data.get("key") != key:
        return None
    kept = data.get("voids")
    if type(kept) is not list:
        return None
    path_of = {day: path for day, path, _identity in listed}
    candidates = []
    for item in kept:
        if type(item) is not list or len(item) != 3 or type(item[0]) is not str \
                or not _well_formed({"entries": [item[1]], "lines": [item[2]]}):
            return None
        try:
            day = datetime.date.fromisoformat(item[0])
        except ValueError:
            return None
        if day not in path_of:
            return None
        candidates.append((day, path_of[day], item[1], item[2]))
    return candidates


def _keep_candidates(journal, key, candidates):
    import json

    from lobbyctl.store.loader import save_signed

    signer = _whole_signer(journal)
    if not signer.usable:
        return
    try:
        body = json.dumps({"version": _WHOLE_VERSION, "key": key,
                           "voids": [[day.isoformat(), entry, line]
                                     for day, _path, entry, line in candidates]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return
    save_signed(journal.root, "voids", _WHOLE, signer, body, mode=journal.config.dir_mode,
                file_mode=journal.config.file_mode, lang=journal.config.lang)


def _targets(journal, refs):
    """``{ref: (update target or type, at)}`` -- or None where the day file
    the ref names has no such entry -- for ``refs`` whose day file loads.
    What a file holds is kept in an index keyed by its identity (only the
    refs asked of it), so a void's target is not parsed again on every run;
    the judgement of the ref is made afresh each time (``check.refs``)."""
    from lobbyctl.schema.ids import id_date
    from lobbyctl.store.dayfile import read_day
    from lobbyctl.store.file_index import FileIndex, identity

    by_day = {}
    for ref in sorted(refs):
        try:
            by_day.setdefault(datetime.date(*id_date(ref)), []).append(ref)
        except (TypeError, ValueError):
            continue  # the shape of an id, but no such day: the judge says nowhere
    index = FileIndex(journal, "targets", _fingerprint(journal), folder="voids")
    found = {}
    try:
        for day, wanted in sorted(by_day.items()):
            path = journal.day_path(day)
            key = identity(path)
            record = index.get(day, path, key)
            held = record.get("held") if type(record) is dict else None
            if type(held) is not dict or not all(ref in held for ref in wanted) \
                    or not all(value is None or (type(value) is list and len(value) == 2
                                                 and type(value[0]) is str)
                               for value in held.values()):
                try:
                    loaded = read_day(path)
                except LobbyError:
                    continue  # the judge reads it again and says it does not load
                firsts = {}
                for entry in loaded.entries:
                    entry_id = entry.get("id")
                    if type(entry_id) is str and entry_id not in firsts:
                        firsts[entry_id] = [vocab.update_target(entry) or entry.get("type"),
                                            entry.get("at")]
                held = {ref: firsts.get(ref) for ref in set(wanted) | set(held or ())}
                if identity(path) == key:
                    index.put(day, path, key, {"held": held})
            for ref in wanted:
                found[ref] = tuple(held[ref]) if held[ref] is not None else None
    finally:
        index.save()
    return found


def _could_hold_a_void(data):
    """False only when these bytes cannot hold an entry of type ``void``:
    the word is not in them, and no backslash escape (``\\x76oid``, an
    escaped line break inside a quoted ``vo\\<newline>id``) could spell it."""
    return b"void" in data or b"\\" in data


def _derive(journal, day, path):
    """What ``path`` holds for the index: its voids that ``check`` accepts,
    judged with this file alone, and their lines."""
    from lobbyctl.check.reading import readable
    from lobbyctl.store.dayfile import parse_day, read_day_bytes

    data = read_day_bytes(path)
    if data is None or not _could_hold_a_void(data):
        return {"entries": [], "lines": []}
    kept = readable(journal, parse_day(path, data), [], day, refs=False)
    voids = [(entry, line) for entry, line in zip(kept.entries, kept.lines)
             if entry.get("type") == "void"]
    return {"entries": [entry for entry, _ in voids], "lines": [line for _, line in voids]}


def _well_formed(record):
    entries, lines = record.get("entries"), record.get("lines")
    return (type(entries) is list and type(lines) is list and len(lines) == len(entries)
            and all(type(line) is int for line in lines)
            and all(type(entry) is dict and entry.get("type") == "void"
                    and type(entry.get("id")) is str and ID_PATTERN.match(entry["id"])
                    and type(entry.get("ref")) is str and ID_PATTERN.match(entry["ref"])
                    for entry in entries))


def _fingerprint(journal):
    from lobbyctl.check.reading import rules_fingerprint

    return rules_fingerprint(journal, extra=(__name__, "lobbyctl.check.refs"))
