"""The monthly feedback report form (月反馈报告表): a month rolled up as a ``Report``.

Sections (each key is also the placeholder the form's template fills):
``flow`` customer flow, ``routing`` routing and diversion, ``waits``,
``highend`` mid/high-end discovery, ``referrals``, ``complaints``,
``facilities``, ``environment`` hygiene and safety, ``tellers`` teller
reminders, ``opinions``, ``checklists`` compliance, ``remarks``.

Updates are folded as of the last day of the month, so the form generated
today and the one generated next year say the same (for the month still
running, as of the day it is generated: days overdue never count the future).  Entries of the month are
read once; of the ``CARRY_OVER_DAYS`` before it only referrals, complaints,
notes and updates, for what was still open when the month began (a complaint
falling due, a fault not yet fixed)."""

import datetime

from lobbyctl.schema import vocab
from lobbyctl.domain.fold import entry_date
from lobbyctl.domain.when import time_order
from lobbyctl.domain import tracked
from lobbyctl.reports import figures
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Lines, Report, Section, Table
from lobbyctl.reports.labelled import with_journal_labels

SECTIONS = ("flow", "routing", "waits", "highend", "referrals", "complaints", "facilities",
            "environment", "tellers", "opinions", "checklists", "remarks")
BUSIEST_DAYS = 3


def month_bounds(year, month):
    """First and last day of a month."""
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


def as_of_day(year, month, generated):
    """The day a month's tracked items are counted as of: its last day, or
    for the month still running the day the form is generated."""
    return min(month_bounds(year, month)[1], generated.date())


class _Month:
    """The month's entries sorted into what the sections need, in one pass."""

    def __init__(self, first, last, as_of, tz):
        self.first, self.last = first, last
        self.tz = tz  # the journal's zone: an entry's hour and order are its wall clock there
        self.as_of = as_of  # the day overdue and open figures are counted to
        self.flow = figures.Flow(tz)
        self.days = set()
        self.names = []
        self.opens, self.closes = {}, {}
        self.refers, self.complaints, self.notes, self.updates = [], [], [], []

    def read(self, loaded):
        first, last = self.first, self.last
        for day, entry in loaded.entries():
            if day < first or day > last:
                continue
            kind = entry.get("type")
            self.days.add(day)
            if entry.get("by"):
                self.names.append(str(entry["by"]))
            if kind == "greet":
                self.flow.add(day, entry)
            elif kind == "open":
                self.opens[day] = entry  # a forced second opening is the one that counts
            elif kind == "close":
                self.closes[day] = entry
            elif kind == "refer":
                self.refers.append(entry)
            elif kind == "complain":
                self.complaints.append(entry)
            elif kind == "note":
                self.notes.append((day, entry))
            elif kind == "update":
                self.updates.append(entry)


def build_month_report(journal, year, month, lang, mask=True, *, generated, inputs):
    """The monthly feedback form for ``year``-``month``.  ``generated`` (an
    aware datetime) is shown in the header and is the form's only
    time-dependent value.  ``inputs`` are the month and the tracked states as
    the caller read them (``open_items.read_period(journal, *month_bounds(year,
    month), as_of_day(year, month, generated))``): no reading here."""
    first, last = month_bounds(year, month)
    loaded = inputs.loaded
    data = _Month(first, last, as_of_day(year, month, generated), journal.tz)
    data.read(loaded)
    states = inputs.states
    hide = figures.masker(mask)
    config = journal.config
    managers = figures.managers_seen(data.names, config) if data.names else list(config.managers)
    meta = {
        "branch": (word("branch", lang), hide(" ".join(
            part for part in (config.branch_code, config.branch_name) if part) or None)),
        "month": (word("month", lang), f"{year:04d}-{month:02d}"),
        "managers": (word("managers", lang), [hide(name) for name in managers]),
        "business_days": (word("business_days", lang), len(data.days)),
        "generated": (word("generated", lang),
                      generated.replace(second=0, microsecond=0).isoformat(timespec="minutes")),
    }
    title = word("month_title", lang, year=year, month_name=figures.month_name(month, lang))
    sections = [
        _flow(data, lang),
        _routing(data.flow, lang),
        _waits(data.flow, lang),
        _highend(data.flow, lang),
        _referrals(data, states, lang, hide),
        _complaints(data, states, lang, hide),
        _facilities(data, states, lang, hide),
        _environment(data, lang, hide),
        _note_lines("tellers", "tellers_section", ("teller",), data, lang, hide),
        _note_lines("opinions", "opinions_section", ("opinion",), data, lang, hide),
        _checklists(data, config, lang, hide),
        _remarks(data, lang, hide),
    ]
    return with_journal_labels(Report("month", title, lang, meta, sections), config)


def _count(lang):
    return Column("customers", word("count", lang), "int")


def _share(lang):
    return Column("share", word("share", lang), "pct")


def _flow(data, lang):
    flow = data.flow
    section = Section("flow", word("flow_section", lang))
    if not flow.greetings:
        return section
    days = len(data.days)
    peak_hour = figures.busiest(flow.by_hour)
    peak_slot = figures.busiest(flow.by_slot)
    section.blocks.append(Facts("summary", word("summary", lang), [
        ("customers", word("customers", lang), flow.total, "int"),
        ("business_days", word("business_days", lang), days, "int"),
        ("daily_average", word("daily_average", lang), round(flow.total / days, 1), "number"),
        ("peak_hour", word("peak_hour", lang),
         None if peak_hour is None else f"{peak_hour:02d}:00–{peak_hour + 1:02d}:00", "text"),
        ("peak_slot", word("peak_slot", lang),
         None if peak_slot is None else figures.slot_text(peak_slot), "text"),
        ("new_customers", word("new_customers", lang), flow.new, "int"),
    ]))
    day_column = Column("date", word("date", lang), "date")
    weekday_column = Column("weekday", word("weekday", lang), labels=figures.WEEKDAY_LABELS)
    ranked = sorted(flow.by_day, key=lambda day: (-flow.by_day[day], day))[:BUSIEST_DAYS]
    section.blocks.append(Table("busiest_days", word("busiest_days", lang),
                                [day_column, weekday_column, _count(lang)],
                                [_day_row(day, flow.by_day[day], lang) for day in ranked]))
    section.blocks.append(Table(
        "by_hour", word("by_hour", lang),
        [Column("hour", word("hour", lang)), _count(lang), _share(lang),
         Column("per_day", word("per_day", lang), "number")],
        figures.hour_rows(flow.by_hour, flow.total, days), chart="customers"))
    section.blocks.append(Table(
        "daily_totals", word("daily_totals", lang), [day_column, weekday_column, _count(lang)],
        [_day_row(day, flow.by_day.get(day, 0), lang) for day in sorted(data.days)],
        chart="customers", total={"date": None, "customers": flow.total}))
    section.blocks.append(Table(
        "by_purpose", word("by_purpose", lang),
        [Column("purpose", word("purpose", lang), "label:purpose"), _count(lang), _share(lang)],
        figures.share_rows(flow.by_purpose, "purpose", flow.total, key="purpose")))
    return section


def _day_row(day, customers, lang):
    return {"date": day.isoformat(), "weekday": figures.weekday(day, "en"), "customers": customers}


def _routing(flow, lang):
    section = Section("routing", word("routing_section", lang))
    if not flow.greetings:
        return section
    section.blocks.append(Facts("summary", word("summary", lang), [
        ("customers", word("customers", lang), flow.total, "int"),
        ("diverted", word("diverted", lang), flow.diverted, "int"),
        ("diversion_rate", word("diversion_rate", lang), flow.diversion_rate(), "pct"),
        ("device_coaching", word("device_coaching", lang), flow.by_assist.get("device", 0), "int"),
    ]))
    routes = figures.share_rows(flow.by_route, "route", flow.total, key="route")
    for row in routes:
        row["diverted"] = row["route"] in vocab.DIVERTED_ROUTES
    section.blocks.append(Table(
        "by_route", word("by_route", lang),
        [Column("route", word("route", lang), "label:route"), _count(lang), _share(lang),
         Column("diverted", word("diverted_note", lang))], routes,
        total={"route": None, "customers": flow.total, "share": 1.0}))
    return section


def _waits(flow, lang):
    n, middle, p90, within, longest = flow.wait_figures()
    section = Section("waits", word("waits_section", lang), empty=word("no_waits", lang))
    if not n:
        return section
    section.blocks.append(Facts("summary", "", [
        ("wait_recorded", word("wait_recorded", lang), n, "int"),
        ("wait_median", word("wait_median", lang), middle, "minutes"),
        ("wait_p90", word("wait_p90", lang), p90, "minutes"),
        ("wait_within", word("wait_within", lang, target=figures.WAIT_TARGET), within, "pct"),
        ("wait_max", word("wait_max", lang), longest, "minutes"),
    ]))
    return section


def _highend(flow, lang):
    section = Section("highend", word("highend_section", lang))
    if not flow.greetings:
        return section
    section.blocks.append(Facts("summary", "", [
        ("prospects", word("prospects", lang), flow.prospects, "int"),
        ("high_end", word("high_end", lang),
         flow.by_segment.get("high", 0) + flow.by_segment.get("private", 0), "int"),
    ]))
    section.blocks.append(Table(
        "by_segment", word("by_segment", lang),
        [Column("segment", word("segment", lang), "label:segment"), _count(lang), _share(lang)],
        figures.share_rows(flow.by_segment, "segment", flow.total, key="segment")))
    section.blocks.append(Table(
        "by_group", word("by_group", lang),
        [Column("group", word("group", lang), "label:group"), _count(lang), _share(lang)],
        figures.share_rows(flow.by_group, "group", flow.total, key="group")))
    return section


def _referrals(data, states, lang, hide):
    section = Section("referrals", word("referrals_section", lang))
    made = [states.get(entry.get("id"), entry) for entry in data.refers]
    follow_ups = sum(1 for update in data.updates
                     if (states.get(update.get("ref")) or {}).get("type") == "refer")
    late = [(item.due, item.state.get("id"), item.state)
            for item in tracked.due_items(states, data.as_of)
            if item.kind == "referral" and item.due < data.as_of]
    late.sort(key=lambda row: (row[0], row[1]))
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
    section.blocks.append(Table("pending_late", word("pending_late", lang), [
        Column("id", word("id", lang)),
        Column("date", word("date", lang), "date"),
        Column("subject", word("subject", lang)),
        Column("follow_up", word("follow_up", lang), "date"),
        Column("days_late", word("days_late", lang), "days"),
    ], [{"id": entry_id, "date": entry_date(state), "subject": figures.subject(state, hide),
         "follow_up": due.isoformat(), "days_late": (data.as_of - due).days}
        for due, entry_id, state in late]))
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


def _complaints(data, states, lang, hide):
    section = Section("complaints", word("complaints_section", lang))
    received = [states.get(entry.get("id"), entry) for entry in data.complaints]
    overdue = tracked.overdue_complaints(states, data.as_of)
    # whatever month they were received in: open when this month began
    before = sorted((state for state in states.values()
                     if state.get("type") == "complain" and tracked.open_at_start(state, data.first)),
                    key=lambda state: (tracked.entry_date(state), str(state.get("id"))))
    if not received and not overdue and not before:
        return section
    levels = {"grumble": 0, "complaint": 0}
    by_category, by_channel = {}, {}
    closing_days = []
    for state in received:
        level = state.get("level")
        if level in levels:
            levels[level] += 1
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
    section.blocks.append(Table("overdue", word("overdue", lang), [
        Column("id", word("id", lang)),
        Column("received", word("received", lang), "date"),
        Column("category", word("category", lang), "label:category"),
        Column("summary", word("summary_text", lang)),
        Column("status", word("status", lang), "label:status"),
        Column("due", word("due", lang), "date"),
        Column("days_overdue", word("days_overdue", lang), "days"),
    ], [{"id": entry_id, "received": entry_date(state),
         "category": figures.key_of(state.get("category")), "summary": hide(state.get("summary")),
         "status": figures.key_of(state.get("status")), "due": due.isoformat(),
         "days_overdue": (data.as_of - due).days} for due, entry_id, state in overdue]))
    section.blocks.append(Table("from_before", word("from_before_list", lang), [
        Column("id", word("id", lang)),
        Column("received", word("received", lang), "date"),
        Column("level", word("level", lang), "label:level"),
        Column("category", word("category", lang), "label:category"),
        Column("summary", word("summary_text", lang)),
        Column("status", word("status", lang), "label:status"),
        Column("closed_on", word("closed_on", lang), "date"),
    ], [{"id": state.get("id"), "received": tracked.entry_date(state),
         "level": figures.key_of(state.get("level")),
         "category": figures.key_of(state.get("category")), "summary": hide(state.get("summary")),
         "status": figures.key_of(state.get("status")),
         "closed_on": state.get("closed_on") if tracked.is_resolved(state) else None}
        for state in before]))
    return section


def _facilities(data, states, lang, hide):
    """Faults reported this month, and earlier ones still open when it began."""
    section = Section("facilities", word("facilities_section", lang))
    first, last, as_of = data.first, data.last, data.as_of
    rows = []
    reported = carried = fixed = still_open = 0
    for entry_id, state in states.items():
        if state.get("type") != "note" or state.get("kind") != "fault":
            continue
        day = tracked.received_on(state)
        fixed_on = figures.date_of(state.get("fixed_on")) if state.get("fixed") is True else None
        if day is None or day > last:
            continue
        if day < first and fixed_on is not None and fixed_on < first:
            continue  # fixed before the month: another month's story
        if day >= first:
            reported += 1
        else:
            carried += 1
        if fixed_on is not None:
            fixed += 1
        else:
            still_open += 1
        rows.append({"id": entry_id, "reported": day.isoformat(),
                     "device": hide(state.get("device")), "text": hide(state.get("text")),
                     "fixed_on": fixed_on.isoformat() if fixed_on else None,
                     "days_open": None if fixed_on else (as_of - day).days})
    if not rows:
        return section
    rows.sort(key=lambda row: (row["reported"], row["id"]))
    section.blocks.append(Facts("summary", "", [
        ("faults_reported", word("faults_reported", lang), reported, "int"),
        ("carried_over", word("carried_over", lang), carried, "int"),
        ("faults_fixed", word("faults_fixed", lang), fixed, "int"),
        ("faults_open", word("faults_open", lang), still_open, "int"),
    ]))
    section.blocks.append(Table("faults", word("fault_list", lang), [
        Column("id", word("id", lang)),
        Column("reported", word("reported", lang), "date"),
        Column("device", word("device", lang)),
        Column("text", word("description", lang)),
        Column("fixed_on", word("fixed_on", lang), "date"),
        Column("days_open", word("days_open", lang), "days"),
    ], rows))
    return section


def _note_line(day, entry, lang, hide, tz, with_kind=False):
    parts = [f"{day.isoformat()[5:]} {figures.clock_of(entry, tz) or ''}".strip()]
    if with_kind:
        parts.append(f"[{vocab.label('kind', entry.get('kind'), lang)}]")
    text = hide(entry.get("text")) or ""
    if entry.get("praise") is True:
        text += f"（{word('praise', lang)}）" if lang == "zh" else f" ({word('praise', lang)})"
    parts.append(text)
    return " ".join(part for part in parts if part)


def _notes_of(data, kinds):
    return sorted(((day, entry) for day, entry in data.notes if entry.get("kind") in kinds),
                  key=lambda pair: (pair[0], time_order(pair[1].get("at"), data.tz)))


def _environment(data, lang, hide):
    kinds = ("hygiene", "hazard", "fraud")
    notes = _notes_of(data, kinds)
    section = Section("environment", word("environment_section", lang))
    if not notes:
        return section
    counts = {kind: sum(1 for _day, entry in notes if entry.get("kind") == kind) for kind in kinds}
    section.blocks.append(Facts("summary", "", [
        ("hygiene", word("hygiene_count", lang), counts["hygiene"], "int"),
        ("hazards", word("hazards_count", lang), counts["hazard"], "int"),
        ("fraud", word("fraud_stopped", lang), counts["fraud"], "int"),
    ]))
    # titled, so that a Markdown reader does not run the facts and the lines into one list
    lines = [_note_line(day, entry, lang, hide, data.tz, with_kind=True) for day, entry in notes]
    section.blocks.append(Lines("notes", word("entries", lang), lines))
    return section


def _note_lines(key, heading, kinds, data, lang, hide):
    notes = _notes_of(data, kinds)
    section = Section(key, word(heading, lang))
    if notes:
        section.blocks.append(Lines("notes", "", [_note_line(day, entry, lang, hide, data.tz)
                                                   for day, entry in notes]))
    return section


def _checklists(data, config, lang, hide):
    section = Section("checklists", word("checklists_section", lang))
    if not data.days:
        return section
    open_items = vocab.vocabulary("open-item", config)
    close_items = vocab.vocabulary("close-item", config)
    days = sorted(data.days)
    section.blocks.append(Facts("summary", "", [
        ("business_days", word("business_days", lang), len(days), "int"),
        ("opened_fine", word("opened_fine", lang),
         sum(1 for day in days if day in data.opens
             and figures.checklist_fine(data.opens[day], open_items)), "int"),
        ("closed_fine", word("closed_fine", lang),
         sum(1 for day in days if day in data.closes
             and figures.checklist_fine(data.closes[day], close_items)), "int"),
        ("missing_open", word("missing_open", lang), sum(1 for d in days if d not in data.opens), "int"),
        ("missing_close", word("missing_close", lang), sum(1 for d in days if d not in data.closes), "int"),
    ]))
    section.blocks.append(Table("missing", word("missing_days", lang), [
        Column("date", word("date", lang), "date"),
        Column("weekday", word("weekday", lang), labels=figures.WEEKDAY_LABELS),
        Column("opening", word("opening", lang)),
        Column("closing", word("closing", lang)),
    ], [{"date": day.isoformat(), "weekday": figures.weekday(day, "en"),
         "opening": day in data.opens, "closing": day in data.closes}
        for day in days if day not in data.opens or day not in data.closes]))
    for key, heading, entries, items, name in (
            ("open_problems", "open_problems", data.opens, open_items, "open-item"),
            ("close_problems", "close_problems", data.closes, close_items, "close-item")):
        rows = [{"date": day.isoformat(), "item": item, "problem": hide(problem)}
                for day in sorted(entries)
                for item, fine, problem in figures.checklist_rows(entries[day], items)
                if fine is False]
        section.blocks.append(Table(key, word(heading, lang), [
            Column("date", word("date", lang), "date"),
            # the journal's own checklist items are named by its config
            Column("item", word("item", lang), f"label:{name}", labels=items.labels),
            Column("problem", word("problem", lang)),
        ], rows))
    return section


def _remarks(data, lang, hide):
    lines = []
    for day in sorted(data.closes):
        entry = data.closes[day]
        if entry.get("remarks"):
            who = hide(entry.get("by"))
            sep = "：" if lang == "zh" else ": "
            lines.append(f"{day.isoformat()[5:]} {who}{sep}{hide(entry['remarks'])}" if who
                         else f"{day.isoformat()[5:]} {hide(entry['remarks'])}")
    section = Section("remarks", word("remarks_section", lang))
    if lines:
        section.blocks.append(Lines("remarks", "", lines))
    return section
