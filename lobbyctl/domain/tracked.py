"""The state of every tracked item, and what is due on a day: one definition
that ``due``, the daily log and the monthly form all use.

A tracked item is a referral, a complaint or grumble, or an equipment fault
(a note of kind ``fault``).  Its state as of a day is the original entry with
every ``update`` up to that day folded in (``lobbyctl.domain.fold``).

What falls due on a day ``on``:

* a **referral** still pending whose ``follow_up`` date is on or before ``on``;
* a **grumble** not resolved whose ``follow_up`` date is on or before ``on``;
* a **formal complaint** not resolved: always listed, with its deadline (its
  ``due`` field, else 15/30/60 calendar days from receipt by complexity); it
  falls due at the earlier of its ``follow_up`` date and its deadline, so a
  follow-up promised to the customer shows on its day, and the deadline still
  binds after it;
* an **equipment fault** not fixed: always listed, with no date.

Urgency: ``overdue`` (the date it falls due has passed), ``today``, ``open``
(a date still ahead, or none)."""

import datetime

from lobbyctl.domain.fold import Folding, as_of, copied, entry_date, fold
from lobbyctl.schema.vocab import COMPLAINT_DAYS

# Entry types whose state later updates change, and the updates themselves.
# outreach events too: a lead in a referral of any later day resolves from the index
TRACKED = ("refer", "complain", "note", "update", "outreach")
URGENCIES = ("overdue", "today", "open")


def date_of(value):
    """A date from ISO text (or its first ten characters), else None."""
    if value.__class__ is str:
        # a form asks for the days of thousands of items, a few hundred days
        # among them: each text read once (the few texts no day kept out)
        known = _DATES.get(value, _UNSEEN)
        if known is not _UNSEEN:
            return known
        if len(_DATES) >= _DATES_HELD:
            _DATES.clear()
        found = _DATES[value] = _read_date(value)
        return found
    if isinstance(value, datetime.date):
        return value
    return _read_date(value)


def _read_date(value):
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_DATES, _UNSEEN, _DATES_HELD = {}, object(), 50_000


def states_as_of(entries, until):
    """``{id: state}`` of the tracked items among ``entries`` (in file order:
    date order; the fold takes a day's entries in the order of their times),
    with the updates up to ``until`` folded in."""
    states, _orphans = fold(entries, until=until)
    return states


class PeriodStates(dict):
    """A period's ``{id: state}`` (``Ledger.period_states``), which its
    report's sections and headline figures go through again and again: the
    states of each kind (``kind_of``) are found once, at the first asking
    (``of_kinds``).  Made once a period and never changed after."""

    __slots__ = ("_by_kind",)

    def by_kind(self):
        by_kind = getattr(self, "_by_kind", None)
        if by_kind is None:
            by_kind = self._by_kind = _by_kind(self.values())
        return by_kind


def _by_kind(states):
    by_kind = {}
    for state in states:
        kind = kind_of(state)
        found = by_kind.get(kind)
        if found is None:
            by_kind[kind] = [state]
        else:
            found.append(state)
    return by_kind


def of_kinds(states, kinds):
    """The states among ``states`` (a mapping) of the ``kinds`` given
    (``kind_of``'s names): those of each kind in turn, each kind's in the
    order of ``states``."""
    by_kind = states.by_kind() if isinstance(states, PeriodStates) \
        else _by_kind(states.values())
    if len(kinds) == 1:
        return by_kind.get(kinds[0], [])
    return [state for kind in kinds for state in by_kind.get(kind, ())]


class NotKept(Exception):
    """A ``Ledger`` resumed from a kept record met an item it did not keep."""


class Ledger:
    """The tracked items of a journal walked once, day by day, in order
    (``Folding``), and what a report of a period needs of them: ``open``,
    the ids of the items open as of the last day given, kept as it goes.

    A report of a period sees the states of the items it can show or count
    (``period_states``): those received in the period, those open when it
    began (whatever they were received in: what is carried over, overdue or
    still to fix), and those an entry of the period links to (an update of a
    referral closed months ago, the referral a second cross-sell follows).
    Every other item was closed before the period began and nothing in it
    touches it, so no figure or list of the period can count it (each
    section's rule counts an item received earlier only while it is open)."""

    __slots__ = ("folding", "open", "kept_to", "_period")

    def __init__(self, kept_to=None):
        self.folding = Folding()
        self.open = set()
        # a ledger resumed from what a walk kept at the end of this day (ISO
        # text; ``reports.carried``): an item up to it may be missing
        self.kept_to = kept_to
        self._period = None

    @property
    def states(self):
        return self.folding.states

    def day(self, day, group):
        """Fold one day's tracked entries (file order), after every earlier day."""
        states, open_ids, orphans = self.folding.states, self.open, self.folding.orphans
        known_orphans = len(orphans)
        touched = self.folding.day(day, group)
        if len(orphans) > known_orphans and self.kept_to is not None:
            self._missing(update.get("ref") for update in orphans[known_orphans:])
        for entry_id in touched:
            if is_open(states[entry_id]):
                open_ids.add(entry_id)
            else:
                open_ids.discard(entry_id)
        if self._period is not None:
            self._period.update(touched)

    def begin_period(self):
        """The days given from now on are a period's: what it can show is
        what is open now, and what its days make, change or link to."""
        self._period = set(self.open)

    def link(self, ids):
        """Ids of tracked items the period's entries link to."""
        if self.kept_to is not None:
            self._missing(entry_id for entry_id in ids if entry_id not in self.folding.states)
        self._period.update(ids)

    def _missing(self, ids):
        """Raise ``NotKept`` if one of ``ids`` (of items the walk has not
        met) names a day up to ``kept_to``: an item the resumed ledger may
        have left behind."""
        for entry_id in ids:
            if entry_id.__class__ is str and entry_date({"id": entry_id}) <= self.kept_to:
                raise NotKept(entry_id)

    def period_states(self, keep=False):
        """``{id: state}`` of the period begun last, in the order of the
        fold; ``keep``: copies, for folding on past it."""
        wanted, self._period = self._period, None
        return PeriodStates((entry_id, copied(state) if keep else state)
                            for entry_id, state in self.folding.states.items()
                            if entry_id in wanted)


def kind_of(state):
    """``referral``, ``grumble``, ``complaint``, ``fault``, or None."""
    kind = state.get("type")
    if kind == "refer":
        return "referral"
    if kind == "complain":
        return "complaint" if state.get("level") == "complaint" else "grumble"
    if kind == "note" and state.get("kind") == "fault":
        return "fault"
    return None


def received_on(state):
    """The day the item was recorded: its id's day (``fold.entry_date``)."""
    entry_id = state.get("id")
    if entry_id.__class__ is str and len(entry_id) == 13 and entry_id[6] == "-":
        # a form asks this of thousands of items recorded on a few hundred days
        known = _ID_DAYS.get(entry_id[:6], _UNSEEN)
        if known is not _UNSEEN:
            return known
        if entry_id[:6].isdigit():
            if len(_ID_DAYS) >= _DATES_HELD:
                _ID_DAYS.clear()
            found = _ID_DAYS[entry_id[:6]] = date_of(entry_date(state))
            return found
    return date_of(entry_date(state))


_ID_DAYS = {}  # an id's first six digits -> its day


def follow_up_on(state):
    return date_of(state.get("follow_up")) if state.get("follow_up") else None


def complaint_deadline(state):
    """A formal complaint's decision deadline: as recorded, else from its
    complexity (a hand-written entry may lack it).  Grumbles have none."""
    if state.get("type") != "complain" or state.get("level") != "complaint":
        return None
    due = date_of(state.get("due")) if state.get("due") else None
    if due is not None:
        return due
    received = received_on(state)
    if received is None:
        return None
    days = COMPLAINT_DAYS.get(str(state.get("complexity") or "ordinary"),
                              COMPLAINT_DAYS["ordinary"])
    return received + datetime.timedelta(days=days)


def is_resolved(state):
    return state.get("status") == "resolved"


def is_open(state):
    """Still to be acted on: a referral pending, a complaint not resolved, a
    fault not fixed."""
    still_open = _STILL_OPEN.get(kind_of(state))
    return still_open is not None and still_open(state)


def closed_on(state):
    """The day an item stopped being open (decided, resolved, fixed), or None."""
    kind = kind_of(state)
    field = {"referral": "decided_on", "grumble": "closed_on", "complaint": "closed_on",
             "fault": "fixed_on"}.get(kind)
    return date_of(state.get(field)) if field and not is_open(state) else None


def ever_escalated(state):
    """Escalated at any point, even if resolved since."""
    if state.get("status") == "escalated" or state.get("escalated_to"):
        return True
    return any(update.get("status") == "escalated" for update in state.get("updates", ()))


def days_to_close(state):
    """Calendar days from receipt to resolution (0 = the same day), or None."""
    received, closed = received_on(state), date_of(state.get("closed_on"))
    if received is None or closed is None:
        return None
    return (closed - received).days


class DueItem:
    """One open item as of a day.  ``due`` is the date it falls due (None for
    a fault); ``deadline`` a formal complaint's decision deadline."""

    __slots__ = ("kind", "state", "recorded", "due", "deadline", "urgency")

    def __init__(self, kind, state, recorded, due, deadline, on):
        self.kind = kind
        self.state = state
        self.recorded = recorded
        self.due = due
        self.deadline = deadline
        if due is None or due > on:
            self.urgency = "open"
        elif due == on:
            self.urgency = "today"
        else:
            self.urgency = "overdue"

    @property
    def falls_due(self):
        """Its date has come (today or before)."""
        return self.urgency != "open"

    def sort_key(self):
        return (URGENCIES.index(self.urgency), self.due or self.recorded, self.recorded,
                self.state.get("id") or "")


def due_item(state, on, kind=None):
    """The ``DueItem`` of ``state`` on the day ``on``, or None if nothing is to
    be done about it then (see the module's rules); ``kind``: its
    ``kind_of``, when the caller has it."""
    if kind is None:
        kind = kind_of(state)
    still_open = _STILL_OPEN.get(kind)
    if still_open is None or not still_open(state):
        return None
    follow_up = follow_up_on(state)
    if kind in ("referral", "grumble") and (follow_up is None or follow_up > on):
        return None  # (the cheap test first: most open referrals are not yet due)
    recorded = received_on(state)
    if recorded is None or recorded > on:
        return None
    if kind in ("referral", "grumble"):
        return DueItem(kind, state, recorded, follow_up, None, on)
    if kind == "complaint":
        deadline = complaint_deadline(state)
        dates = [date for date in (follow_up, deadline) if date is not None]
        return DueItem(kind, state, recorded, min(dates) if dates else None, deadline, on)
    return DueItem(kind, state, recorded, None, None, on)


# ``is_open`` of an item of each kind (``kind_of``)
_STILL_OPEN = {
    "referral": lambda state: (state.get("outcome") or "pending") == "pending",
    "grumble": lambda state: not is_resolved(state),
    "complaint": lambda state: not is_resolved(state),
    "fault": lambda state: state.get("fixed") is not True,
}


def due_items(states, on, *, overdue_only=False):
    """Every ``DueItem`` among ``states`` on ``on``, most urgent first."""
    items = []
    for state in states.values():
        item = due_item(state, on)
        if item is not None and (not overdue_only or item.urgency == "overdue"):
            items.append(item)
    items.sort(key=DueItem.sort_key)
    return items


def late_referrals(states, on):
    """``(follow-up day, id, state)`` of the referrals ``due_item`` finds
    overdue on ``on``, by that day then id (the referrals alone looked at:
    a ten-year journal has thousands of other items)."""
    from operator import itemgetter

    rows = []
    for state in of_kinds(states, ("referral",)):
        item = due_item(state, on, "referral")
        if item is not None and item.urgency == "overdue":
            rows.append((item.due, state.get("id"), state))
    rows.sort(key=itemgetter(0, 1))
    return rows


def overdue_complaints(states, end):
    """``(deadline, id, state)`` of formal complaints past their deadline and
    not resolved by ``end``."""
    rows = []
    for state in of_kinds(states, ("complaint",)):
        if is_resolved(state):
            continue
        deadline = complaint_deadline(state)
        if deadline is not None and deadline < end:
            rows.append((deadline, state.get("id"), state))
    rows.sort(key=lambda row: (row[0], row[1]))
    return rows


def open_at_start(state, first):
    """Received before ``first`` and open when the day before it ended: an
    item a period that begins on ``first`` inherits.  Judged on the state as
    it stood then, not as it stands at the period's end: a complaint
    resolved before ``first`` and reopened during the period was not open
    at its start."""
    received = received_on(state)
    if received is None or received >= first:
        return False
    updates = state.get("updates")
    if "original" in state and updates:
        if entry_date(updates[-1]) < first.isoformat():  # (in the order of their days)
            return is_open(state)  # nothing since: as it stood then
        return is_open(as_of(state, first - datetime.timedelta(days=1)))
    closed = closed_on(state)
    return closed is None or closed >= first
