"""Folding ``update`` entries into the state of the entry they change.

Recording never edits an entry: a referral accepted on a follow-up call, a
complaint resolved a week later, a fault fixed, are later ``update`` entries
with ``ref`` pointing back.  Readers fold them, in time order, into a current
state: a copy of the original with the latest outcome/status and the dates it
changed.  A state never sees an update after ``until`` (a report "as of" the
end of its period stays the same however the journal grows later)."""

import datetime

from lobbyctl.schema.vocab import UPDATABLE


def entry_date(entry):
    """The calendar date of an entry, ``YYYY-MM-DD``: its day file's, which
    its id names (``check`` holds the id to the file's day, and ``at`` to that
    day in the journal's timezone -- but ``at`` may be written with another
    offset, ``2026-10-31T17:00:00+00:00`` for 01:00 on 1 November in
    Shanghai, so its own date text is not the day).  Without an id, the date
    ``at`` is written with."""
    entry_id = entry.get("id")
    if entry_id.__class__ is str and len(entry_id) == 13 and entry_id[6] == "-" \
            and entry_id[:6].isdigit():
        return f"20{entry_id[:2]}-{entry_id[2:4]}-{entry_id[4:6]}"
    return str(entry.get("at", ""))[:10]


def initial_state(entry, day=None):
    state = dict(entry)
    state["original"] = entry  # to replay as of an earlier day (``as_of``)
    state["updates"] = []
    state["contacts"] = []  # (date, via) of follow-up contacts made
    day = day or entry_date(entry)
    if entry.get("type") == "complain" and entry.get("status") == "resolved":
        state["closed_on"] = day
    if entry.get("type") == "refer" and entry.get("outcome") in ("accepted", "declined"):
        state["decided_on"] = day
    if entry.get("type") == "note" and entry.get("fixed"):
        state["fixed_on"] = day
    return state


def apply_update(state, update, day=None):
    day = day or entry_date(update)
    state["updates"].append(update)
    if update.get("via"):
        state["contacts"].append((day, update["via"]))
    if "follow_up" in update:
        state["follow_up"] = update["follow_up"]
    if update.get("resolution"):
        state["resolution"] = update["resolution"]
    if update.get("steps"):
        known = list(state.get("steps") or [])
        state["steps"] = known + [step for step in update["steps"] if step not in known]
    outcome = update.get("outcome")
    if outcome:
        state["outcome"] = outcome
        if outcome in ("accepted", "declined"):
            state.setdefault("decided_on", day)
            # the follow-up is done once the customer has decided
            if "follow_up" not in update:
                state.pop("follow_up", None)
    if update.get("satisfaction") and state.get("outcome") == "accepted":
        # the check after a sale: the latest one counts, and when it was
        # made; one on a referral not accepted by then (only a hand edit:
        # ``update --satisfaction`` refuses it, ``check`` reports it) counts
        # for nothing
        state["satisfaction"] = update["satisfaction"]
        state["satisfaction_on"] = day
    status = update.get("status")
    if status:
        state["status"] = status
        if status == "resolved":
            state.setdefault("closed_on", day)
        else:
            state.pop("closed_on", None)
    if update.get("fixed"):
        state["fixed"] = True
        state.setdefault("fixed_on", day)


def satisfaction_off_a_sale(state, update):
    """Whether ``update`` holds a satisfaction check the fold leaves out:
    ``state`` (the referral as it stood before the update) is not accepted,
    nor made so by the update itself."""
    return bool(update.get("satisfaction")) and \
        (update.get("outcome") or state.get("outcome")) != "accepted"


def as_of(state, until):
    """``state`` as it stood at the end of the day ``until`` (a date or ISO
    text): its original with only the updates of that day or before."""
    limit = until.isoformat() if isinstance(until, datetime.date) else until
    earlier = initial_state(state["original"])
    for update in state["updates"]:
        if entry_date(update) <= limit:
            apply_update(earlier, update)
    return earlier


def _instant(entry):
    try:
        return (0, datetime.datetime.fromisoformat(entry["at"]).timestamp())
    except (KeyError, TypeError, ValueError, OverflowError):
        return (1, 0.0)


def by_day(entries):
    """``(date, entries of that day)`` for ``entries`` in file order (day by
    day), each day's entries in the order they happened -- by instant, ties
    as recorded -- so two updates of one day fold in the order of their
    times, whichever was typed first."""
    day, group, updated = None, [], False
    for entry in entries:
        date = entry_date(entry)
        if date != day:
            if group:
                yield day, _in_time_order(group) if updated else group
            day, group, updated = date, [], False
        group.append(entry)
        if not updated and entry.get("type") == "update":
            updated = True
    if group:
        yield day, _in_time_order(group) if updated else group


def _in_time_order(group):
    # the common case costs a comparison of text: times written with one
    # offset and one shape (as recorded) sort as text
    previous = None
    for entry in group:
        at = entry.get("at")
        if at.__class__ is not str or (previous is not None and (
                len(at) != len(previous) or at[-6:] != previous[-6:] or at < previous)):
            break
        previous = at
    else:
        return group
    return sorted(group, key=_instant)  # stable: ties keep the order recorded


def fold(entries, *, find=None, until=None):
    """``{id: state}`` for every updatable entry among ``entries`` (in file
    order, day by day; within a day they are taken in the order of their
    times), with the updates among them applied.  An update whose original is
    not among ``entries`` is looked up with ``find(ref)`` when given (an
    earlier month's referral followed up this month); ``orphans`` are updates
    whose original cannot be found.  Returns ``(states, orphans)``."""
    folding = Folding(find)
    limit = until.isoformat() if isinstance(until, datetime.date) else until
    for day, group in by_day(entries):
        if limit and day > limit:
            continue
        folding.day(day, group, in_order=True)
    return folding.states, folding.orphans


class Folding:
    """``fold`` given a day at a time, for a reader that walks the journal
    once and wants the states at several points of it (a form's month, the
    month before and the same month a year before): ``states`` and
    ``orphans`` are always those of the days given so far."""

    __slots__ = ("states", "orphans", "find")

    def __init__(self, find=None):
        self.states = {}
        self.orphans = []
        self.find = find

    def day(self, day, group, in_order=False):
        """Fold ``group``, the entries of the day ``day`` (ISO text) in file
        order (``in_order``: already in the order of their times), after
        every earlier day.  Returns the ids of the states it made or changed,
        in the order it did."""
        if not in_order:
            group = _in_time_order(group) if any(
                entry.get("type") == "update" for entry in group) else group
        states, touched = self.states, []
        for entry in group:
            kind = entry.get("type")
            if kind in UPDATABLE and entry.get("id"):
                if entry["id"] not in states:
                    states[entry["id"]] = initial_state(entry, day)
                    touched.append(entry["id"])
            elif kind == "update":
                ref = entry.get("ref")
                state = states.get(ref)
                if state is None and self.find is not None:
                    original = self.find(ref)
                    if original is not None and original.get("type") in UPDATABLE:
                        state = states[ref] = initial_state(original)
                if state is None:
                    self.orphans.append(entry)
                else:
                    apply_update(state, entry, day)
                    touched.append(ref)
        return touched


def copied(state):
    """A copy of ``state`` that later updates of the original leave alone
    (the lists an update appends to are copied; the entries are shared)."""
    copy = dict(state)
    copy["updates"] = list(state["updates"])
    copy["contacts"] = list(state["contacts"])
    return copy
