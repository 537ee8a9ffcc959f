"""Where an update's or a void's ``ref`` leads: the one judgement of it,
for ``check`` and for every reader.

An update changes a referral (``refer``), a complaint (``complain``) or a
fault (a ``note`` of kind ``fault``), recorded before it.  Its ``ref`` is
refused when it names no entry, names one that cannot be updated, or names
one timed after the update (every reader folds a day in the order of its
times: such an update would change nothing).  A ``void`` may take out an
entry of any type but a void, recorded before it; its ref is refused when
it names no entry, a void, or one timed after it.  An id is looked for where
every lookup looks for it — in the day file its first six digits name, the
first entry carrying it — so a ref resolves the same way for ``check``,
``show``, the reports, ``export``, ``due`` and ``update --ref``.

``RefJudge(journal)`` holds what one command has learnt: ``known`` (the
updatable entries it has accepted so far, ``{id: at}``: the common case, a
lookup per update) and the day files read only to resolve a ref (each read
once, the way ``check`` reads a day).  A ref names the same day or an
earlier one (``entry_problems`` refuses a later one), so a reader that
goes through the days in order has usually accepted the original before it
meets the update; only a ref into a day it did not read — before its range,
or a ref that leads nowhere — costs a reading of that day's file."""

import datetime

from lobbyctl.check.memo import one_per_journal
from lobbyctl.errors import LobbyError
from lobbyctl.schema import vocab
from lobbyctl.schema.fields import show_value, timestamp
from lobbyctl.schema.ids import ID_PATTERN, id_date
from lobbyctl.schema.text.messages import sentence

UNREADABLE = object()  # a day file that does not load
# the types ``ref_problems`` looks at: updates and voids, and what an update may point at
WATCHED = frozenset(("update", "void", "refer", "complain", "note"))
REFERRING = ("update", "void")  # the types whose ``ref`` is judged here (a tuple: any type may be tested)
_UPDATABLE = ", ".join(vocab.UPDATE_TARGETS)

_judges = {}  # the journal's RefJudge: one a command


def judge_for(journal):
    """The ``RefJudge`` of this command's journal (a new journal, a new judge)."""
    return one_per_journal(_judges, journal, RefJudge)


class RefJudge:
    """The refs of one journal, judged as ``check`` judges them."""

    def __init__(self, journal):
        self.journal = journal
        self.known = {}  # id -> at of an updatable entry accepted (the first with its id)
        self._days = {}  # date -> {id: (update target or type, at)} or UNREADABLE
        # ref -> (update target or type, at), or None for no such entry: what
        # the voided entries' day files hold, from an index keyed by each
        # file's identity (``check.voids``), so a void costs no parse
        self.void_targets = {}

    def accepted(self, entry):
        """Note an entry a reader accepted (``entry_problems`` found nothing
        wrong: its id names its day and no entry before it in the file has
        it), if an update may point at it."""
        entry_id = entry.get("id")
        if type(entry_id) is str and vocab.update_target(entry):
            self.known.setdefault(entry_id, entry.get("at"))

    def know_day(self, day, entries):
        """What the day file of ``day`` holds (``entries`` as read, in file
        order; ``UNREADABLE`` if it does not load): ``check`` has read every
        file already, so none is read twice."""
        if entries is UNREADABLE:
            self._days[day] = UNREADABLE
            return
        held = self._days[day] = {}
        for entry in entries:
            entry_id = entry.get("id")
            if type(entry_id) is str and entry_id not in held:
                held[entry_id] = (vocab.update_target(entry) or entry.get("type"), entry.get("at"))

    def problem(self, ref, at, own_prefix, kind="update"):
        """``check``'s message for an update (or, ``kind`` "void", a void)
        timed ``at`` on the day ``own_prefix`` (``YYMMDD``, its id's) whose
        ``ref`` is a well-formed id, or None if the ref is fine.  ``check``
        also judges entries ``entry_problems`` rejected: a ref naming a
        later day has its message there, and no second one here."""
        original_at = self.known.get(ref) if kind == "update" else None
        if kind == "void" and ref in self.void_targets:
            found = self.void_targets[ref]  # what its day file said, kept by its identity
            if found is None:
                return sentence("ref_nowhere", ref=ref)
            target, original_at = found
        elif original_at is not None:
            if ref[:6] < own_prefix:
                # both accepted, so each timed on its own day: a later day
                # is a later time (the common case: a call days after)
                return None
            target = "refer"  # any updatable type: known holds only those
        else:
            found = self._in_day_file(ref)
            if found is UNREADABLE:
                return sentence("ref_unreadable", ref=ref)
            if found is None:
                return sentence("ref_nowhere", ref=ref)
            target, original_at = found
        if ref[:6] <= own_prefix and _earlier(at, original_at):
            return sentence("ref_before_original" if kind == "update" else "void_ref_before",
                            at=at, ref=ref, original_at=original_at)
        if kind == "void":  # anything may be voided but a void: voids do not nest
            return sentence("void_ref_void", ref=ref) if target == "void" else None
        if target not in vocab.UPDATE_TARGETS:
            return sentence("ref_not_updatable", ref=ref, target=show_value(target),
                            updatable=_UPDATABLE)
        return None

    def held(self, ref):
        """``(update target or type, at)`` of the entry ``ref`` names, as
        its day file holds it (read once a command); None if there is none
        or that file does not load."""
        found = self._in_day_file(ref)
        return None if found is UNREADABLE else found

    def _in_day_file(self, ref):
        """``(update target or type, at)`` of the first entry with the id
        ``ref`` in the day file it names; None if there is none;
        ``UNREADABLE`` if that file does not load."""
        parts = id_date(ref)
        try:
            day = datetime.date(*parts)
        except (TypeError, ValueError):  # 261340-...: the shape of an id, but no such day
            return None
        held = self._days.get(day)
        if held is None:
            from lobbyctl.store.dayfile import read_day

            try:
                loaded = read_day(self.journal.day_path(day))
            except LobbyError:
                self.know_day(day, UNREADABLE)
            else:
                self.know_day(day, loaded.entries)
            held = self._days[day]
        if held is UNREADABLE:
            return UNREADABLE
        return held.get(ref)


def ref_problems(judge, entries, indexes=None):
    """``{index: message}`` for the updates and voids among ``entries``
    (one day file's, in file order) whose ref ``check`` refuses.  ``indexes`` are
    those of the entries ``entry_problems`` accepted that are updates or
    what one may point at (``WATCHED``), in order; None: all of
    ``entries`` were accepted.  Each entry an update may point at is noted
    in ``judge`` first, so a ref into the same file is judged from the file
    itself."""
    if indexes is None:
        indexes = [index for index, entry in enumerate(entries)
                   if entry.get("type") in WATCHED]
    updates = None
    for index in indexes:
        entry = entries[index]
        if entry.get("type") in REFERRING:
            if updates is None:
                updates = []
            updates.append(index)
        else:
            judge.accepted(entry)
    if updates and any(entries[index].get("type") == "void" for index in updates):
        # what the journal's voids point at, found once a command from their
        # index, so a void here costs no reading of its target's file
        from lobbyctl.check.voids import voids_of

        voids_of(judge.journal)
    found = {}
    for index in updates or ():
        entry = entries[index]
        ref = entry.get("ref")
        if type(ref) is str and ID_PATTERN.match(ref):  # else entry_problems refused it
            message = judge.problem(ref, entry.get("at"), _day_of(entry), entry["type"])
            if message:
                found[index] = message
    return found


def _day_of(entry):
    entry_id = entry.get("id")
    return entry_id[:6] if type(entry_id) is str else ""


def _earlier(at, original_at):
    """``at`` is an instant before ``original_at`` (both as ``check`` accepts them)."""
    first, second = timestamp(at), timestamp(original_at)
    return first is not None and second is not None and first < second
