"""The monthly form's tracked sections: referrals and their conversion,
complaints and grumbles (those open from before the month too), facility
faults; states as of the form's day (``domain/tracked.py``).

A list of tracked items (referrals past their follow-up date, formal
complaints past their due date, complaints open from before the month,
faults) grows with the journal's history, and a form is signed and
printed: each shows its first ``items`` rows (``ITEMS`` unless the caller
says, None for all), in the order it always has, the most overdue first,
followed by a count of the rest (``<list>_more``), which ``lobbyctl due``
lists.  The counts beside the lists count every item."""

from lobbyctl.domain import tracked
from lobbyctl.domain.fold import entry_date
from lobbyctl.reports import figures
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Section, Table

ITEMS = 30  # the rows a list of tracked items shows on the form by default


def listed(section, table, found, row_of, items, lang):
    """Add ``table`` to ``section`` with the rows of the first ``items`` of
    ``found`` (None: all of them), each made by ``row_of``, and, when some
    are left out, a count of them right after it."""
    shown = found if items is None else found[:items]
    table.rows = [row_of(item) for item in shown]
    section.blocks.append(table)
    if len(found) > len(shown):
        section.blocks.append(Facts(f"{table.key}_more", "", [
            ("more", word("items_not_listed", lang), len(found) - len(shown), "int")]))


def referrals_made(data, states):
    """The month's referrals, each as it stands on the form's day."""
    return [states.get(entry.get("id"), entry) for entry in data.refers]

def referral_totals(data, states):
    """Made, accepted, declined, pending and conversion of the month's referrals."""
    return _outcomes(referrals_made(data, states))

def referrals(data, states, lang, hide, items=ITEMS):
    section = Section("referrals", word("referrals_section", lang))
    made = referrals_made(data, states)
    follow_ups = sum(1 for update in data.updates
                     if (states.get(update.get("ref")) or {}).get("type") == "refer")
    late = tracked.late_referrals(states, data.as_of)
    if not made and not follow_ups and not late:
        return section
    totals = _outcomes(made)
    section.blocks.append(Facts("summary", "", [
        ("made", word("referrals_made", lang), len(made), "int"),
        ("accepted", word("accepted", lang), totals["accepted"], "int"),
        ("declined", word("declined", lang), totals["declined"], "int"),
        ("pending", word("pending", lang), totals["pending"], "int"),
        ("conversion", word("conversion", lang), totals["conversion"], "pct"),
        ("follow_ups_done", word("follow_ups_done", lang), follow_ups, "int"),
        ("pending_late", word("pending_late", lang), len(late), "int"),
    ]))
    figures_columns = [Column("made", word("referrals_made", lang), "int"),
                       Column("accepted", word("accepted", lang), "int"),
                       Column("declined", word("declined", lang), "int"),
                       Column("pending", word("pending", lang), "int"),
                       Column("conversion", word("conversion_short", lang), "pct")]
    by_product = {}
    by_target = {}
    for state in made:
        by_product.setdefault(hide(state.get("product")) or "", []).append(state)
        by_target.setdefault(figures.key_of(state.get("to")), []).append(state)
    if made:
        total = {"product": None, **totals}
        section.blocks.append(Table(
            "by_product", word("by_product", lang),
            [Column("product", word("product", lang)), *figures_columns],
            [{"product": product, **_outcomes(by_product[product])}
             for product in sorted(by_product, key=lambda p: (-len(by_product[p]), p))],
            total=total))
        section.blocks.append(Table(
            "by_target", word("by_target", lang),
            [Column("target", word("target", lang), "label:target"), *figures_columns],
            [{"target": target, **_outcomes(by_target[target])}
             for target in figures.in_vocab_order("target", by_target)],
            total={"target": None, **totals}))
    listed(section, Table("pending_late", word("pending_late", lang), [
        Column("id", word("id", lang)),
        Column("date", word("date", lang), "date"),
        Column("subject", word("subject", lang)),
        Column("follow_up", word("follow_up", lang), "date"),
        Column("days_late", word("days_late", lang), "days"),
    ], []), late, lambda row: {
        "id": row[1], "date": entry_date(row[2]), "subject": figures.subject(row[2], hide),
        "follow_up": row[0].isoformat(), "days_late": (data.as_of - row[0]).days}, items, lang)
    return section

def _outcomes(states):
    counts = {"made": len(states), "accepted": 0, "declined": 0, "pending": 0}
    for state in states:
        outcome = state.get("outcome")
        if outcome in counts:
            counts[outcome] += 1
    decided = counts["accepted"] + counts["declined"]
    counts["conversion"] = counts["accepted"] / decided if decided else None
    return counts

def complaints_received(data, states):
    """The month's complaints and grumbles, each as it stands on the form's day."""
    return [states.get(entry.get("id"), entry) for entry in data.complaints]

def complaint_levels(received):
    """``{"grumble": n, "complaint": n}`` of complaints received."""
    levels = {"grumble": 0, "complaint": 0}
    for state in received:
        if state.get("level") in levels:
            levels[state.get("level")] += 1
    return levels

def complaints(data, states, lang, hide, items=ITEMS):
    section = Section("complaints", word("complaints_section", lang))
    received = complaints_received(data, states)
    overdue = tracked.overdue_complaints(states, data.as_of)
    # whatever month they were received in: open when this month began
    before = sorted((state for state in tracked.of_kinds(states, ("complaint", "grumble"))
                     if tracked.open_at_start(state, data.first)),
                    key=lambda state: (tracked.entry_date(state), str(state.get("id"))))
    if not received and not overdue and not before:
        return section
    levels = complaint_levels(received)
    by_category, by_channel = {}, {}
    closing_days = []
    for state in received:
        level = state.get("level")
        row = by_category.setdefault(figures.key_of(state.get("category")),
                                     {"grumble": 0, "complaint": 0, "total": 0})
        row["total"] += 1
        if level in row:
            row[level] += 1
        channel = figures.key_of(state.get("channel"))
        by_channel[channel] = by_channel.get(channel, 0) + 1
        days = tracked.days_to_close(state) if tracked.is_resolved(state) else None
        if days is not None:
            closing_days.append(days)
    section.blocks.append(Facts("summary", "", [
        ("total", word("complaints_total", lang), len(received), "int"),
        ("grumbles", word("grumbles", lang), levels["grumble"], "int"),
        ("formal", word("formal", lang), levels["complaint"], "int"),
        ("on_the_spot", word("on_the_spot", lang), sum(1 for days in closing_days if days == 0), "int"),
        ("escalated", word("escalated", lang), sum(1 for s in received if tracked.ever_escalated(s)), "int"),
        ("still_open", word("still_open", lang), sum(1 for s in received if not tracked.is_resolved(s)), "int"),
        ("median_close", word("median_close", lang), figures.median(closing_days), "days"),
        ("overdue", word("overdue", lang), len(overdue), "int"),
        ("from_before", word("complaints_from_before", lang), len(before), "int"),
        ("closed_from_before", word("closed_from_before", lang),
         sum(1 for state in before if tracked.is_resolved(state)), "int"),
    ]))
    if received:
        section.blocks.append(Table(
            "by_category", word("by_category", lang),
            [Column("category", word("category", lang), "label:category"),
             Column("grumble", word("grumbles", lang), "int"),
             Column("complaint", word("formal", lang), "int"),
             Column("total", word("total", lang), "int")],
            [{"category": key, **by_category[key]}
             for key in figures.in_vocab_order("category", by_category)],
            total={"category": None, "grumble": levels["grumble"],
                   "complaint": levels["complaint"], "total": len(received)}))
        section.blocks.append(Table(
            "by_channel", word("by_channel", lang),
            [Column("channel", word("channel", lang), "label:channel"),
             Column("total", word("total", lang), "int")],
            [{"channel": key, "total": by_channel[key]}
             for key in figures.in_vocab_order("channel", by_channel)]))
    listed(section, Table("overdue", word("overdue", lang), [
        Column("id", word("id", lang)),
        Column("received", word("received", lang), "date"),
        Column("category", word("category", lang), "label:category"),
        Column("summary", word("summary_text", lang)),
        Column("status", word("status", lang), "label:status"),
        Column("due", word("due", lang), "date"),
        Column("days_overdue", word("days_overdue", lang), "days"),
    ], []), overdue, lambda row: {
        "id": row[1], "received": entry_date(row[2]),
        "category": figures.key_of(row[2].get("category")), "summary": hide(row[2].get("summary")),
        "status": figures.key_of(row[2].get("status")), "due": row[0].isoformat(),
        "days_overdue": (data.as_of - row[0]).days}, items, lang)
    listed(section, Table("from_before", word("from_before_list", lang), [
        Column("id", word("id", lang)),
        Column("received", word("received", lang), "date"),
        Column("level", word("level", lang), "label:level"),
        Column("category", word("category", lang), "label:category"),
        Column("summary", word("summary_text", lang)),
        Column("status", word("status", lang), "label:status"),
        Column("closed_on", word("closed_on", lang), "date"),
    ], []), before, lambda state: {
        "id": state.get("id"), "received": tracked.entry_date(state),
        "level": figures.key_of(state.get("level")),
        "category": figures.key_of(state.get("category")), "summary": hide(state.get("summary")),
        "status": figures.key_of(state.get("status")),
        "closed_on": state.get("closed_on") if tracked.is_resolved(state) else None},
        items, lang)
    return section

def fault_items(data, states):
    """``(id, state, day reported, day fixed or None)`` of the faults the
    month's form is about: reported in it, or earlier and not fixed before it."""
    first, last = data.first, data.last
    items = []
    for state in tracked.of_kinds(states, ("fault",)):
        entry_id = state.get("id")
        day = tracked.received_on(state)
        fixed_on = figures.date_of(state.get("fixed_on")) if state.get("fixed") is True else None
        if day is None or day > last:
            continue
        if day < first and fixed_on is not None and fixed_on < first:
            continue  # fixed before the month: another month's story
        items.append((entry_id, state, day, fixed_on))
    return items

def fault_counts(data, items):
    """Reported this month, carried over, fixed and still open, of ``fault_items``."""
    reported = sum(1 for _id, _state, day, _fixed in items if day >= data.first)
    fixed = sum(1 for *_rest, fixed_on in items if fixed_on is not None)
    return {"reported": reported, "carried": len(items) - reported, "fixed": fixed,
            "still_open": len(items) - fixed}

def facilities(data, states, lang, hide, items=ITEMS):
    """Faults reported this month, and earlier ones still open when it began."""
    section = Section("facilities", word("facilities_section", lang))
    as_of = data.as_of
    found = fault_items(data, states)
    if not found:
        return section
    # the longest open first (their ids break a tie, as the list is drawn)
    found.sort(key=lambda item: (item[2].isoformat(), item[0]))
    counts = fault_counts(data, found)
    section.blocks.append(Facts("summary", "", [
        ("faults_reported", word("faults_reported", lang), counts["reported"], "int"),
        ("carried_over", word("carried_over", lang), counts["carried"], "int"),
        ("faults_fixed", word("faults_fixed", lang), counts["fixed"], "int"),
        ("faults_open", word("faults_open", lang), counts["still_open"], "int"),
    ]))
    listed(section, Table("faults", word("fault_list", lang), [
        Column("id", word("id", lang)),
        Column("reported", word("reported", lang), "date"),
        Column("device", word("device", lang)),
        Column("text", word("description", lang)),
        Column("fixed_on", word("fixed_on", lang), "date"),
        Column("days_open", word("days_open", lang), "days"),
    ], []), found, lambda item: {
        "id": item[0], "reported": item[2].isoformat(),
        "device": hide(item[1].get("device")), "text": hide(item[1].get("text")),
        "fixed_on": item[3].isoformat() if item[3] else None,
        "days_open": None if item[3] else (as_of - item[2]).days}, items, lang)
    return section
