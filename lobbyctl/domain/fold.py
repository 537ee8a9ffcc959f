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
    """The calendar date of an entry's ``at`` (in the offset it was written with)."""
    return str(entry.get("at", ""))[:10]


def initial_state(entry):
    state = dict(entry)
    state["updates"] = []
    state["contacts"] = []  # (date, via) of follow-up contacts made
    day = entry_date(entry)
    if entry.get("type") == "complain" and entry.get("status") == "resolved":
        state["closed_on"] = day
    if entry.get("type") == "refer" and entry.get("outcome") in ("accepted", "declined"):
        state["decided_on"] = day
    if entry.get("type") == "note" and entry.get("fixed"):
        state["fixed_on"] = day
    return state


def apply_update(state, update):
    day = entry_date(update)
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


def fold(entries, *, find=None, until=None):
    """``{id: state}`` for every updatable entry among ``entries`` (in time
    order), with the updates among them applied.  An update whose original is
    not among ``entries`` is looked up with ``find(ref)`` when given (an
    earlier month's referral followed up this month); ``orphans`` are updates
    whose original cannot be found.  Returns ``(states, orphans)``."""
    states, orphans = {}, []
    limit = until.isoformat() if isinstance(until, datetime.date) else until
    for entry in entries:
        kind = entry.get("type")
        if limit and entry_date(entry) > limit:
            continue
        if kind in UPDATABLE and entry.get("id"):
            states.setdefault(entry["id"], initial_state(entry))
        elif kind == "update":
            ref = entry.get("ref")
            state = states.get(ref)
            if state is None and find is not None:
                original = find(ref)
                if original is not None and original.get("type") in UPDATABLE:
                    state = states[ref] = initial_state(original)
            if state is None:
                orphans.append(entry)
            else:
                apply_update(state, entry)
    return states, orphans
