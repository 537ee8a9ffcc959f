"""The monthly feedback report form (月反馈报告表): a month rolled up as a ``Report``.

Sections (each key is also the placeholder the form's template fills):
``headline`` the headline figures beside the month before, the same month a
year before and the journal's targets (``headline.py``), ``flow`` customer
flow, ``routing`` routing and diversion, ``waits`` (from queue tickets on the
days that have them, else from greetings), ``queue`` the queue machine's
tickets, ``ratings`` counter ratings (with the previous month's
satisfaction), ``highend`` mid/high-end discovery, ``referrals``,
``outreach`` (场外营销), ``funnel`` (the nine links), ``complaints``,
``facilities``, ``environment`` hygiene and safety, ``tellers`` teller
reminders, ``opinions``, ``checklists`` compliance, ``remarks``,
``corrections`` the month's entries a void took out (``reports/corrections.py``).

Updates are folded as of the last day of the month, so the form generated
today and the one generated next year say the same (for the month still
running, as of the day it is generated: days overdue never count the
future).  The builder takes what the caller read (``open_items.read_period``):
the month's entries, and the state of every tracked item from the journal's
first day, for what was still open when the month began.  The customer
sections are in ``month_flow.py``, the tracked ones in ``month_tracked.py``."""

import datetime

from lobbyctl.schema import vocab
from lobbyctl.domain.when import time_order
from lobbyctl.reports import figures
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Lines, Report, Section, Table
from lobbyctl.reports import headline, month_flow, month_marketing, month_tracked
from lobbyctl.reports.queue_figures import queue_section
from lobbyctl.reports.ratings import ratings_section
from lobbyctl.reports.labelled import with_journal_labels
from lobbyctl.reports.corrections import corrections

SECTIONS = ("headline", "flow", "routing", "waits", "queue", "ratings", "highend",
            "referrals", "outreach", "funnel", "complaints", "facilities", "environment",
            "tellers", "opinions", "checklists", "remarks", "corrections")


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
        self.names = set()  # who recorded entries
        self.opens, self.closes = {}, {}
        self.refers, self.complaints, self.notes, self.updates = [], [], [], []
        self.greets, self.rates, self.tickets = [], [], []
        # day -> {minutes: customers}, for days without tickets (tallied by the flow)
        self.greet_waits = self.flow.waits_by_day
        # outreach events, and greetings with a lead or a return visit
        self.outreach, self.linked_greets = [], []

    def read(self, loaded):
        first, last = self.first, self.last
        for day, read_day in loaded.days:
            if first <= day <= last:
                # the flow takes a day's greetings at once (``Flow.add_day``)
                greets = []
                self._read_day(day, read_day.entries, greets)
                self.flow.add_day(day, greets)

    def _read_day(self, day, entries, greets):
        for entry in entries:
            kind = entry.get("type")
            if entry.get("by"):
                self.names.add(str(entry["by"]))
            if kind == "void":
                # a correction of another day's entry, often made days later:
                # it makes no business day (nor a day to open and close)
                continue
            self.days.add(day)
            if kind == "greet":
                greets.append(entry)  # for the flow, its wait too (flow.waits_by_day)
                self.greets.append(entry)
                if "lead" in entry or "returning" in entry:
                    self.linked_greets.append(entry)
            elif kind == "rate":
                self.rates.append(entry)
            elif kind == "ticket":
                self.tickets.append((day, entry))
            elif kind == "outreach":
                self.outreach.append(entry)
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

def month_data(journal, year, month, as_of, loaded):
    """The month's entries of ``loaded`` sorted for the sections, tracked
    items to be counted as of ``as_of``."""
    first, last = month_bounds(year, month)
    data = _Month(first, last, as_of, journal.tz)
    data.read(loaded)
    return data

def build_month_report(journal, year, month, lang, mask=True, *, generated, inputs,
                       earlier=None, items=month_tracked.ITEMS):
    """The monthly feedback form for ``year``-``month``.  ``generated`` (an
    aware datetime) is shown in the header and is the form's only
    time-dependent value.  ``inputs`` are the month and the tracked states as
    the caller read them (``open_items.read_period(journal, *month_bounds(year,
    month), as_of_day(year, month, generated))``): no reading here.
    ``earlier`` are the headline figures of the month before and a year
    before as the caller read them (``headline.read_earlier``); without
    them those columns are "—".  ``items``: the rows each list of tracked
    items shows (None: all), the rest counted after it (``month_tracked``)."""
    data = month_data(journal, year, month, as_of_day(year, month, generated), inputs.loaded)
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
        headline.headline_section(headline.headline_of(data, states, config), earlier or {},
                                  config, lang),
        month_flow.flow(data, lang),
        month_flow.routing(data.flow, lang),
        month_flow.waits(data.flow, lang, tickets=data.tickets, greet_waits=data.greet_waits,
                         tz=journal.tz, target=config.service_level_minutes),
        queue_section([entry for _day, entry in data.tickets], lang, hide, journal.tz,
                      config.service_level_minutes),
        ratings_section(data.rates, data.greets, lang, hide, journal.tz, dated=True,
                        compared=True, previous=_earlier_value(earlier, "previous",
                                                               "satisfaction")),
        month_flow.highend(data.flow, lang),
        month_tracked.referrals(data, states, lang, hide, items),
        month_marketing.outreach(data, states, lang, hide),
        month_marketing.funnel(data, states, lang, hide),
        month_tracked.complaints(data, states, lang, hide, items),
        month_tracked.facilities(data, states, lang, hide, items),
        _environment(data, lang, hide),
        _note_lines("tellers", "tellers_section", ("teller",), data, lang, hide),
        _note_lines("opinions", "opinions_section", ("opinion",), data, lang, hide),
        _checklists(data, config, lang, hide),
        _remarks(data, lang, hide),
        corrections(inputs.voids, lang, hide, journal.tz, first=data.first, last=data.last),
    ]
    return with_journal_labels(Report("month", title, lang, meta, sections), config)

def _earlier_value(earlier, month, key):
    """A headline figure of an earlier month (``month``: previous or
    year_ago) as the caller read it, None where it was not read."""
    return next((figure.value for figure in (earlier or {}).get(month) or ()
                 if figure.key == key), None)


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
        ("compliance", word("compliance", lang),
         figures.checklist_compliance(data.days, data.opens, data.closes, open_items, close_items),
         "pct"),
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
