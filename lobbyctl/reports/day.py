"""The daily lobby log (大堂日志): one day of the journal as a ``Report``.

Who was on duty; the opening checklist; customers received by hour, segment,
purpose and route, with the share routed away from the counters and waiting
times; prospects discovered; referrals and complaints with their state at the
end of the day; the marketing links (outreach events, second cross-sells,
customers returning: ``day_marketing.py``); faults, hygiene, hazards,
teller reminders and opinions; follow-ups done and falling due; the closing
checklist and remarks; the queue machine's tickets and the counter ratings
(``queue_figures``, ``ratings``); the corrections recorded that day, if any
(what a void took out, and why).

The day's own file is read entry by entry once.  Of the ``CARRY_OVER_DAYS``
before it only referrals, complaints, notes and updates are read, so the log
can say which follow-ups fall due today."""


from lobbyctl.schema import vocab
from lobbyctl.domain import tracked
from lobbyctl.reports import figures, same_weekdays
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Lines, Report, Section, Table
from lobbyctl.reports.day_marketing import marketing_section
from lobbyctl.reports.labelled import with_journal_labels
from lobbyctl.reports.corrections import corrections
from lobbyctl.reports.queue_figures import queue_section, ticket_waits
from lobbyctl.reports.ratings import ratings_section

_NOTE_GROUPS = (
    # block key, heading, note kinds
    ("hygiene", "hygiene", ("hygiene",)),
    ("hazards", "hazards", ("hazard", "fraud")),
    ("teller_reminders", "teller_reminders", ("teller",)),
    ("opinions", "opinions", ("opinion",)),
    ("other_notes", "other_notes", ("materials", "care", "staff", "other")),
)


def build_day_report(journal, date, lang, mask=True, *, inputs, same_weekdays=None):
    """The daily lobby log of ``date``, from ``inputs``: the day and the
    tracked states as of its end, as the caller read them
    (``open_items.read_period(journal, date, date, date)``), and the same
    weekdays before it (``same_weekdays.read_same_weekdays``; without them
    the hourly flow stands alone).  No reading and no clock here;
    ``journal`` brings the config and the timezone."""
    loaded = inputs.loaded
    hide = figures.masker(mask)
    config = journal.config
    tz = journal.tz
    flow = figures.Flow(tz)
    todays = {"open": [], "close": [], "greet": [], "refer": [], "complain": [], "note": [],
              "update": [], "rate": [], "ticket": [], "outreach": []}
    names = []
    for day, entry in loaded.entries():
        if day != date:
            continue
        kind = entry.get("type")
        if entry.get("by"):
            names.append(str(entry["by"]))
        if kind == "greet":
            flow.add(day, entry)
        if kind in todays:
            todays[kind].append(entry)
    states = inputs.states

    staff = []
    for entry in todays["open"]:
        for name in figures.keys_of(entry.get("staff")):
            if hide(name) not in staff:
                staff.append(hide(name))
    meta = {
        "branch": (word("branch", lang), hide(_branch(config))),
        "date": (word("date", lang), date.isoformat()),
        "on_duty": (word("on_duty", lang),
                    [hide(name) for name in figures.managers_seen(names, config)]),
        "staff": (word("staff", lang), staff),
    }
    title = word("day_title", lang, date=date.isoformat(), weekday=figures.weekday(date, lang))
    sections = [
        _checklist_section("opening", todays["open"], config, lang, hide, tz),
        _customers_section(flow, lang, todays["ticket"], tz, same_weekdays),
        queue_section(todays["ticket"], lang, hide, tz, config.service_level_minutes),
        ratings_section(todays["rate"], todays["greet"], lang, hide, tz),
        _prospects_section(todays["greet"], lang, hide, tz),
        _referrals_section(todays["refer"], states, lang, hide, tz),
        marketing_section(todays["outreach"], todays["refer"], todays["greet"], states, lang,
                          hide, tz),
        _complaints_section(todays["complain"], states, lang, hide, tz),
        _notes_section(todays["note"], states, lang, hide, tz, config),
        _followups_section(todays["update"], states, date, lang, hide, tz),
        _checklist_section("closing", todays["close"], config, lang, hide, tz),
    ]
    voided = corrections(inputs.voids, lang, hide, tz, recorded_on=date)
    if voided.blocks:  # only a day with corrections has the section
        sections.append(voided)
    return with_journal_labels(Report("day", title, lang, meta, sections), config)


def _branch(config):
    return " ".join(part for part in (config.branch_code, config.branch_name) if part) or None


def _checklist_section(which, entries, config, lang, hide, tz):
    entry_type = "open" if which == "opening" else "close"
    section = Section(which, word(which, lang),
                      empty=word("no_opening" if which == "opening" else "no_closing", lang))
    if not entries:
        return section
    # a day is opened once; a forced second opening is the one that counts
    entry = entries[-1]
    items = [("time", word("checked_at", lang), figures.clock_of(entry, tz), "text"),
             ("by", word("checked_by", lang), hide(entry.get("by")), "text")]
    if entry.get("forced") is True:
        items.append(("forced", word("forced", lang), True, "text"))
    if entry.get("note"):
        items.append(("note", word("note", lang), hide(entry["note"]), "text"))
    section.blocks.append(Facts("checked", "", items))
    vocabulary = vocab.vocabulary(f"{entry_type}-item", config)
    rows = [{"item": item, "fine": fine, "problem": hide(problem)}
            for item, fine, problem in figures.checklist_rows(entry, vocabulary)]
    section.blocks.append(Table("items", word("checklist_items", lang), [
        # the journal's own checklist items are named by its config
        Column("item", word("item", lang), f"label:{entry_type}-item", labels=vocabulary.labels),
        Column("fine", word("fine", lang)),
        Column("problem", word("problem", lang)),
    ], rows))
    if which == "closing":
        remarks = [hide(entry.get("remarks"))] if entry.get("remarks") else []
        section.blocks.append(Lines("remarks", word("remarks", lang), remarks))
    return section


def _customers_section(flow, lang, tickets=(), tz=None, same=None):
    """Customers received; their waits from the day's queue tickets when it
    has them (called − taken), else from ``greet --wait``, the source said;
    beside the four previous same weekdays (``same``), if read."""
    section = Section("customers", word("customers_section", lang))
    if not flow.greetings:
        return section
    waits = ticket_waits(tickets, tz) if tickets else flow.waits
    n, middle, _p90, _within, longest = figures.wait_figures(waits)
    items = [
        ("customers", word("customers", lang), flow.total, "int"),
        ("greetings", word("greetings", lang), flow.greetings, "int"),
        ("diverted", word("diverted", lang), flow.diverted, "int"),
        ("diversion_rate", word("diversion_rate", lang), flow.diversion_rate(), "pct"),
        ("new_customers", word("new_customers", lang), flow.new, "int"),
        ("prospects", word("prospects", lang), flow.prospects, "int"),
    ]
    if n:
        items += [("wait_recorded", word("waits_counted" if tickets else "wait_recorded", lang),
                   n, "int"),
                  ("wait_median", word("wait_median", lang), middle, "minutes"),
                  ("wait_max", word("wait_max", lang), longest, "minutes"),
                  ("wait_source", word("wait_source", lang),
                   word("source_tickets" if tickets else "source_greet", lang, days=1), "text")]
    if same is not None:
        items += [("same_weekdays_found", word("same_weekdays_found", lang), len(same.found), "int"),
                  ("same_weekdays_dates", word("same_weekdays_dates", lang),
                   [day.isoformat() for day in same.found] or None, "text")]
    section.blocks.append(Facts("summary", word("summary", lang), items))
    count, share = Column("customers", word("count", lang), "int"), Column("share", word("share", lang), "pct")
    hour_columns = [Column("hour", word("hour", lang)), count, share]
    if same is None:
        hour_rows = figures.hour_rows(flow.by_hour, flow.total)
    else:
        hour_rows = same_weekdays.hour_rows(flow, same)
        hour_columns += [Column("same_weekdays", word("same_weekdays", lang), "number"),
                         Column("change", word("same_weekdays_change", lang), "change_pct")]
    section.blocks.append(Table("by_hour", word("by_hour", lang), hour_columns, hour_rows,
                                chart="customers"))
    for key, name in (("segment", "segment"), ("purpose", "purpose")):
        section.blocks.append(Table(
            f"by_{key}", word(f"by_{key}", lang),
            [Column(key, word(key, lang), f"label:{name}"), count, share],
            figures.share_rows(getattr(flow, f"by_{key}"), name, flow.total, key=key)))
    routes = figures.share_rows(flow.by_route, "route", flow.total, key="route")
    for row in routes:
        row["diverted"] = row["route"] in vocab.DIVERTED_ROUTES
    section.blocks.append(Table(
        "by_route", word("by_route", lang),
        [Column("route", word("route", lang), "label:route"), count, share,
         Column("diverted", word("diverted_note", lang))], routes,
        total={"route": None, "customers": flow.total, "share": 1.0 if flow.total else None}))
    if flow.by_group:
        section.blocks.append(Table(
            "by_group", word("by_group", lang),
            [Column("group", word("group", lang), "label:group"), count, share],
            figures.share_rows(flow.by_group, "group", flow.total, key="group")))
    return section


def _prospects_section(greets, lang, hide, tz):
    rows = [{"time": figures.clock_of(entry, tz), "customers": figures.count_of(entry),
             "segment": figures.key_of(entry.get("segment")),
             "purpose": figures.key_of(entry.get("purpose")),
             "customer": hide(entry.get("customer")), "note": hide(entry.get("note"))}
            for entry in figures.by_time(greets, tz) if entry.get("potential") is True]
    return Section("prospects", word("prospects", lang), [Table(
        "prospects", "", [
            Column("time", word("time", lang)),
            Column("customers", word("count", lang), "int"),
            Column("segment", word("segment", lang), "label:segment"),
            Column("purpose", word("purpose", lang), "label:purpose"),
            Column("customer", word("customer", lang)),
            Column("note", word("note", lang)),
        ], rows)])


def _referrals_section(refers, states, lang, hide, tz):
    section = Section("referrals", word("referrals_section", lang))
    if not refers:
        return section
    outcomes = {"accepted": 0, "declined": 0, "pending": 0}
    rows = []
    for entry in figures.by_time(refers, tz):
        state = states.get(entry.get("id"), entry)
        outcome = figures.key_of(state.get("outcome"))
        if outcome in outcomes:
            outcomes[outcome] += 1
        rows.append({"id": entry.get("id"), "time": figures.clock_of(entry, tz),
                     "product": hide(state.get("product")),
                     "target": figures.key_of(state.get("to")),
                     "to_name": hide(state.get("to_name")),
                     "customer": hide(state.get("customer")), "outcome": outcome,
                     "follow_up": state.get("follow_up") if outcome == "pending" else None})
    decided = outcomes["accepted"] + outcomes["declined"]
    section.blocks.append(Facts("summary", word("summary", lang), [
        ("made", word("referrals_made", lang), len(rows), "int"),
        *((key, word(key, lang), outcomes[key], "int") for key in ("accepted", "declined", "pending")),
        ("conversion", word("conversion", lang),
         outcomes["accepted"] / decided if decided else None, "pct"),
    ]))
    section.blocks.append(Table("referrals", word("referral_list", lang), [
        Column("id", word("id", lang)),
        Column("time", word("time", lang)),
        Column("product", word("product", lang)),
        Column("target", word("target", lang), "label:target"),
        Column("to_name", word("to_name", lang)),
        Column("customer", word("customer", lang)),
        Column("outcome", word("outcome", lang), "label:outcome"),
        Column("follow_up", word("follow_up", lang), "date"),
    ], rows))
    return section


def _complaints_section(complaints, states, lang, hide, tz):
    rows = []
    for entry in figures.by_time(complaints, tz):
        state = states.get(entry.get("id"), entry)
        due = tracked.complaint_deadline(state)
        rows.append({"id": entry.get("id"), "time": figures.clock_of(entry, tz),
                     "level": figures.key_of(state.get("level")),
                     "category": figures.key_of(state.get("category")),
                     "summary": hide(state.get("summary")),
                     "steps": figures.keys_of(state.get("steps")),
                     "status": figures.key_of(state.get("status")),
                     "resolution": hide(state.get("resolution") or state.get("escalated_to")),
                     "due": due.isoformat() if due else None})
    return Section("complaints", word("complaints_section", lang), [Table("complaints", "", [
        Column("id", word("id", lang)),
        Column("time", word("time", lang)),
        Column("level", word("level", lang), "label:level"),
        Column("category", word("category", lang), "label:category"),
        Column("summary", word("summary_text", lang)),
        Column("steps", word("steps", lang), "labels:step"),
        Column("status", word("status", lang), "label:status"),
        Column("resolution", word("resolution", lang)),
        Column("due", word("due", lang), "date"),
    ], rows)])


def _notes_section(notes, states, lang, hide, tz, config=None):
    ordered = figures.by_time(notes, tz)
    faults = []
    for entry in ordered:
        if entry.get("kind") != "fault":
            continue
        state = states.get(entry.get("id"), entry)
        faults.append({"id": entry.get("id"), "time": figures.clock_of(entry, tz),
                       "device": hide(entry.get("device")), "text": hide(entry.get("text")),
                       "fixed": state.get("fixed") is True})
    blocks = [Table("faults", word("faults", lang), [
        Column("id", word("id", lang)),
        Column("time", word("time", lang)),
        Column("device", word("device", lang)),
        Column("text", word("description", lang)),
        Column("fixed", word("fixed", lang)),
    ], faults)]
    for key, heading, kinds in _NOTE_GROUPS:
        lines = [_note_line(entry, lang, hide, tz, with_kind=len(kinds) > 1, config=config)
                 for entry in ordered if entry.get("kind") in kinds]
        blocks.append(Lines(key, word(heading, lang), lines))
    unknown = [_note_line(entry, lang, hide, tz, with_kind=True, config=config) for entry in ordered
               if entry.get("kind") not in vocab.LABELS["kind"]]
    if unknown:  # kinds a journal added to the vocabulary
        blocks[-1].lines.extend(unknown)
    return Section("notes", word("notes_section", lang), blocks)


def _note_line(entry, lang, hide, tz, with_kind=False, config=None):
    parts = [figures.clock_of(entry, tz) or ""]
    if with_kind:
        parts.append(f"[{vocab.label('kind', entry.get('kind'), lang, config)}]")
    text = hide(entry.get("text")) or ""
    if entry.get("praise") is True:
        text += f"（{word('praise', lang)}）" if lang == "zh" else f" ({word('praise', lang)})"
    parts.append(text)
    if entry.get("note"):
        parts.append(f"— {hide(entry['note'])}")
    return " ".join(part for part in parts if part)


def _followups_section(updates, states, date, lang, hide, tz):
    done = []
    for update in figures.by_time(updates, tz):
        state = states.get(update.get("ref"))
        done.append({
            "time": figures.clock_of(update, tz), "ref": update.get("ref"),
            "what": state.get("type") if state else None,
            "subject": figures.subject(state, hide) if state else None,
            "via": figures.key_of(update.get("via")),
            "outcome": figures.key_of(update.get("outcome")),
            "status": figures.key_of(update.get("status")),
            "fixed": True if update.get("fixed") is True else None,
            "note": hide(update.get("resolution") or update.get("note")),
        })
    due_rows = [{"id": item.state.get("id"), "what": item.state.get("type"),
                 "subject": figures.subject(item.state, hide), "due": item.due.isoformat(),
                 "days_late": (date - item.due).days}
                for item in sorted((item for item in tracked.due_items(states, date) if item.falls_due),
                                    key=_by_due)]
    return Section("followups", word("followups_section", lang), [
        Table("done", word("done_today", lang), [
            Column("time", word("time", lang)),
            Column("ref", word("id", lang)),
            Column("what", word("what", lang), "label:type"),
            Column("subject", word("subject", lang)),
            Column("via", word("via", lang), "label:via"),
            Column("outcome", word("outcome", lang), "label:outcome"),
            Column("status", word("status", lang), "label:status"),
            Column("fixed", word("fixed", lang)),
            Column("note", word("note", lang)),
        ], done),
        Table("falling_due", word("falling_due", lang), [
            Column("id", word("id", lang)),
            Column("what", word("what", lang), "label:type"),
            Column("subject", word("subject", lang)),
            Column("due", word("due_on", lang), "date"),
            Column("days_late", word("days_late", lang), "days"),
        ], due_rows),
    ])


def _by_due(item):
    return (item.due, item.state.get("id") or "")
