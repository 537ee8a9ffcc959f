"""Where a link leads: the one judgement of every id field that points at
another entry, for ``check`` and for every reader.

An update's ``ref`` changes a referral (``refer``), a complaint
(``complain``) or a fault (a ``note`` of kind ``fault``); a greeting's or a
referral's ``lead`` names the outreach (场外营销) that brought the customer
in; a referral's ``after`` names the first cross-sell it follows, its ``greet``
the greeting it came from; a
greeting's ``returning`` names the referral whose customer came back
(``vocab.LINKS`` says which field leads to what); a ``void``'s ``ref`` may
take out an entry of any type but a void, recorded before it (what the
voided entries' files hold comes from the voids' index, ``check.voids``,
so a void costs no parse of its target's file).  A link is refused when
it names no entry, the entry itself, one of another kind, one timed
after it, or one at its very instant written below it in the file (at one
instant readers take a file's order; two such links could make a loop) (every reader takes a day in the order of its times: an update
before its original would change nothing, a lead before its outreach is a
slip of the clock).  An id is looked for where every lookup looks for it —
in the day file its first six digits name, the first entry carrying it —
so a link resolves the same way for ``check``, ``show``, the reports,
``export``, ``due`` and the recording commands.

``RefJudge(journal)`` holds what one command has learnt: ``known`` (the
entries a link may lead to that it has accepted so far, ``{id: (target,
at)}``: the common case, a lookup per link) and the day files read only to
resolve a link (each read once, the way ``check`` reads a day).  A link
names the same day or an earlier one (``entry_problems`` refuses a later
one), so a reader that goes through the days in order has usually
accepted the original before it meets the link; only a link into a day it
did not read — before its range, or one that leads nowhere — costs a
reading of that day's file."""

import datetime

from lobbyctl.check.memo import one_per_journal
from lobbyctl.errors import LobbyError
from lobbyctl.schema import vocab
from lobbyctl.schema.fields import show_value, timestamp
from lobbyctl.schema.ids import ID_PATTERN, id_date
from lobbyctl.schema.text.messages import sentence

UNREADABLE = object()  # a day file that does not load
_UPDATABLE = ", ".join(vocab.UPDATE_TARGETS)
_LINKS = vocab.BACK_FIELDS
# the types whose entries a link may lead to (a note only of kind fault)
_TARGET_TYPES = frozenset(("refer", "complain", "note", "outreach", "greet"))
# those ``known`` keeps for the whole command: a few a day.  A day holds
# hundreds of greetings, and a referral names the one of its own day: a
# greeting is looked for in the file being judged (``_InFile``), else in
# the day file its id names, never kept for a year.
KEPT_TARGETS = _TARGET_TYPES - {"greet"}

_judges = {}  # the journal's RefJudge: one a command


def judge_for(journal):
    """The ``RefJudge`` of this command's journal (a new journal, a new judge)."""
    return one_per_journal(_judges, journal, RefJudge)


class RefJudge:
    """The links of one journal, judged as ``check`` judges them."""

    def __init__(self, journal):
        self.journal = journal
        self.known = {}  # id -> (target, at) of an accepted entry of a kept type
        self._days = {}  # date -> {id: (target or type, at)} or UNREADABLE
        # ref -> (target or type, at), or None for no such entry: what the
        # voided entries' day files hold, from an index keyed by each file's
        # identity (``check.voids``), so a void costs no parse
        self.void_targets = {}

    def accepted(self, entry):
        """Note an entry a reader accepted (``entry_problems`` found nothing
        wrong: its id names its day and no entry before it in the file has
        it), if a link may lead to it."""
        entry_id = entry.get("id")
        target = vocab.ref_target(entry)
        if type(entry_id) is str and target in vocab.LINK_TARGETS and target != "greet":
            self.known.setdefault(entry_id, (target, entry.get("at")))

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
                held[entry_id] = (vocab.ref_target(entry) or entry.get("type"), entry.get("at"))

    def places(self, day):
        """``{id: place}``: the order of the first entries of each id in the
        day file of ``day`` as ``know_day`` was told it (None if it was not)."""
        held = self._days.get(day)
        if held is None or held is UNREADABLE:
            return None
        return {entry_id: place for place, entry_id in enumerate(held)}

    def problem(self, ref, at, own_prefix, field="ref", targets=vocab.UPDATE_TARGETS,
                own_id=None, own_place=None, places=None, in_file=None):
        """``check``'s message for the link ``field`` (an update's ``ref``
        by default) of an entry timed ``at`` on the day ``own_prefix``
        (``YYMMDD``, its id's), whose value ``ref`` is a well-formed id
        that must lead to one of ``targets``; None if the link is fine.
        ``in_file``: the entries of its own day file being judged
        (``_InFile``), where a link to its own day is looked for first.
        ``check`` also judges links ``entry_problems`` rejected: one naming
        a later day has its message there, and no second one here."""
        update = field == "ref"
        if ref[:6] > own_prefix:
            return None  # a later day: ``entry_problems`` has said so, once
        if ref == own_id and not update:  # an update to itself is one to an update
            return sentence("link_itself", field=field, ref=ref)
        found = self.known.get(ref)
        if found is not None and ref[:6] < own_prefix and found[0] in targets:
            # both accepted, so each timed on its own day: a later day is a
            # later time (the common case: a call days after)
            return None
        if found is None and in_file is not None and ref[:6] == own_prefix:
            found = in_file.get(ref)
        if found is None:
            found = self._in_day_file(ref)
            if found is UNREADABLE:
                return (sentence("ref_unreadable", ref=ref) if update
                        else sentence("link_unreadable", field=field, ref=ref))
            if found is None:
                return (sentence("ref_nowhere", ref=ref) if update
                        else sentence("link_nowhere", field=field, ref=ref))
        target, original_at = found
        if ref[:6] <= own_prefix and _earlier(at, original_at):
            return (sentence("ref_before_original", at=at, ref=ref, original_at=original_at)
                    if update else sentence("link_before_original", at=at, field=field, ref=ref,
                                            original_at=original_at))
        if ref[:6] == own_prefix and own_place is not None and places is not None \
                and _same_instant(at, original_at):
            # at one instant, readers take a day's entries in file order: a
            # link to one below it leads forward (and two such links can
            # make a loop no reader can follow)
            place = places.get(ref)
            if place is not None and place > own_place:
                return sentence("link_same_time_below", field=field, ref=ref, at=at)
        if target not in targets:
            return (sentence("ref_not_updatable", ref=ref, target=show_value(target),
                             updatable=_UPDATABLE) if update
                    else sentence("link_wrong_target", field=field, ref=ref,
                                  target=show_value(target), wanted=", ".join(targets)))
        return None

    def void_problem(self, ref, at, own_prefix):
        """``check``'s message for a void timed ``at`` on the day
        ``own_prefix`` whose ``ref`` is a well-formed id, or None: anything
        may be voided but a void (voids do not nest), recorded before it."""
        if ref[:6] > own_prefix:
            return None  # a later day: ``entry_problems`` has said so, once
        if ref in self.void_targets:
            found = self.void_targets[ref]  # what its day file said, kept by its identity
            if found is None:
                return sentence("ref_nowhere", ref=ref)
        else:
            found = self._in_day_file(ref)
            if found is UNREADABLE:
                return sentence("ref_unreadable", ref=ref)
            if found is None:
                return sentence("ref_nowhere", ref=ref)
        target, original_at = found
        if _earlier(at, original_at):
            return sentence("void_ref_before", at=at, ref=ref, original_at=original_at)
        return sentence("void_ref_void", ref=ref) if target == "void" else None

    def held(self, ref):
        """``(target or type, at)`` of the entry ``ref`` names, as its day
        file holds it (read once a command); None if there is none or that
        file does not load."""
        found = self._in_day_file(ref)
        return None if found is UNREADABLE else found

    def _in_day_file(self, ref):
        """``(target or type, at)`` of the first entry with the id ``ref``
        in the day file it names; None if there is none; ``UNREADABLE`` if
        that file does not load."""
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
    """``{index: message}`` for the entries among ``entries`` (one day
    file's, in file order) with a link ``check`` refuses (the first such
    link of each).  ``indexes`` are those of the entries
    ``entry_problems`` accepted that have links or that ``known`` keeps
    (``KEPT_TARGETS``), in order; None: all of ``entries``
    were accepted.  Each kept target is noted in ``judge`` first, and a
    link to its own day is looked for among ``entries`` (the first of an
    id, as in its file), so a link into the same file is judged from the
    file itself."""
    if indexes is None:  # written out, not a call: it runs for every entry
        indexes = [index for index, entry in enumerate(entries)
                   if (kind := entry.get("type")) in KEPT_TARGETS
                   or (kind in _LINKS and not entry.keys().isdisjoint(_LINKS[kind]))]
    linking = None
    for index in indexes:
        entry = entries[index]
        kind = entry.get("type")
        names = _LINKS.get(kind)
        if names is not None and not entry.keys().isdisjoint(names):
            if linking is None:
                linking = []
            linking.append(index)  # judged once every target in the file is noted
        if kind in KEPT_TARGETS:
            judge.accepted(entry)
    if linking and any(entries[index].get("type") == "void" for index in linking):
        # what the journal's voids point at, found once a command from their
        # index, so a void here costs no reading of its target's file
        from lobbyctl.check.voids import voids_of

        voids_of(judge.journal)
    found = {}
    places = _Places(entries)
    in_file = _InFile(entries)
    for index in linking or ():
        entry = entries[index]
        message = link_problem(judge, entry, index, places, in_file)
        if message:
            found[index] = message
    return found


class _Places:
    """``{id: index}`` of a day file's entries (the first of each id), made
    only if a link at the same instant as its target asks for it."""

    def __init__(self, entries):
        self.entries = entries
        self.found = None

    def get(self, entry_id):
        if self.found is None:
            self.found = {}
            for index, entry in enumerate(self.entries):
                held = entry.get("id")
                if held.__class__ is str:  # a link names a text id (a list is no key)
                    self.found.setdefault(held, index)
        return self.found.get(entry_id)


class _InFile:
    """A day file's entries, where a link to its own day looks first: the
    first entry with an id, as ``RefJudge._in_day_file`` finds it in that
    file, without reading it again (a day has a few links and hundreds of
    entries: a search of their ids, not a map of them)."""

    def __init__(self, entries):
        self.entries = entries
        self.ids = None

    def get(self, wanted):
        """``(target or type, at)`` of the first entry with the id ``wanted``, or None."""
        if self.ids is None:
            self.ids = [entry.get("id") for entry in self.entries]
        try:
            entry = self.entries[self.ids.index(wanted)]
        except ValueError:
            return None
        return vocab.ref_target(entry) or entry.get("type"), entry.get("at")


def link_problem(judge, entry, place=None, places=None, in_file=None):
    """The first of ``entry``'s links that ``judge`` refuses, or None
    (``place``: its index in its day file, whose ``places`` give the
    index of an entry by id; ``in_file``: that file's entries, an
    ``_InFile``)."""
    entry_type = entry.get("type")
    if entry_type == "void":
        ref = entry.get("ref")
        if type(ref) is str and ID_PATTERN.match(ref):
            return judge.void_problem(ref, entry.get("at"), _day_of(entry))
        return None
    for name in _LINKS.get(entry_type, ()):
        ref = entry.get(name)
        if type(ref) is str and ID_PATTERN.match(ref):  # else entry_problems refused it
            message = judge.problem(ref, entry.get("at"), _day_of(entry), name,
                                    vocab.LINKS[entry_type, name], entry.get("id"),
                                    place, places, in_file)
            if message:
                return message
    return None


def _day_of(entry):
    entry_id = entry.get("id")
    return entry_id[:6] if type(entry_id) is str else ""


def _same_instant(at, original_at):
    first, second = timestamp(at), timestamp(original_at)
    return first is not None and second is not None and first == second


def _earlier(at, original_at):
    """``at`` is an instant before ``original_at`` (both as ``check`` accepts them)."""
    first, second = timestamp(at), timestamp(original_at)
    return first is not None and second is not None and first < second
