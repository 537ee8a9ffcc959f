"""The monthly form's customer sections: flow (by day and hour, the busiest
days), routing and diversion, waiting times (from queue tickets where a day
has them), high-end discovery."""

from lobbyctl.reports import figures, queue_figures
from lobbyctl.schema import vocab
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Section, Table

BUSIEST_DAYS = 3


def count(lang):
    return Column("customers", word("count", lang), "int")

def _share(lang):
    return Column("share", word("share", lang), "pct")

def flow(data, lang):
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
        ("daily_average", word("daily_average", lang), figures.daily_average(flow.total, days),
         "number"),
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
                                [day_column, weekday_column, count(lang)],
                                [_day_row(day, flow.by_day[day], lang) for day in ranked]))
    section.blocks.append(Table(
        "by_hour", word("by_hour", lang),
        [Column("hour", word("hour", lang)), count(lang), _share(lang),
         Column("per_day", word("per_day", lang), "number")],
        figures.hour_rows(flow.by_hour, flow.total, days), chart="customers"))
    section.blocks.append(Table(
        "daily_totals", word("daily_totals", lang), [day_column, weekday_column, count(lang)],
        [_day_row(day, flow.by_day.get(day, 0), lang) for day in sorted(data.days)],
        chart="customers", total={"date": None, "customers": flow.total}))
    section.blocks.append(Table(
        "by_purpose", word("by_purpose", lang),
        [Column("purpose", word("purpose", lang), "label:purpose"), count(lang), _share(lang)],
        figures.share_rows(flow.by_purpose, "purpose", flow.total, key="purpose")))
    return section

def _day_row(day, customers, lang):
    return {"date": day.isoformat(), "weekday": figures.weekday(day, "en"), "customers": customers}

def routing(flow, lang):
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
        [Column("route", word("route", lang), "label:route"), count(lang), _share(lang),
         Column("diverted", word("diverted_note", lang))], routes,
        total={"route": None, "customers": flow.total, "share": 1.0}))
    return section

def month_waits(flow, tickets=(), greet_waits=None, tz=None):
    """``({minutes: n}, days from tickets, days from greetings)``: the
    period's waits from the queue ``tickets`` (``(day, entry)``) on the days
    that have them, from ``greet --wait`` (``greet_waits``: day -> {minutes:
    customers}) on the others -- the tally the waits section and the
    headline figures both count."""
    if not tickets:
        return flow.waits, 0, len(greet_waits or {})
    by_day = {}
    for day, ticket in tickets:
        wait = queue_figures.wait_of(ticket, tz)
        if wait is not None:
            by_day.setdefault(day, {})
            by_day[day][wait] = by_day[day].get(wait, 0) + 1
    return queue_figures.waits_by_source(by_day, greet_waits or {})


def waits(flow, lang, *, tickets=(), greet_waits=None, tz=None, target=figures.WAIT_TARGET):
    """Waiting times of the period: from the queue ``tickets`` (``(day,
    entry)``) on the days that have them, from ``greet --wait``
    (``greet_waits``: day -> {minutes: customers}) on the others; the
    source is said in the section."""
    tally, ticket_days, greet_days = month_waits(flow, tickets, greet_waits, tz)
    n, middle, p90, _within, longest = figures.wait_figures(tally)
    section = Section("waits", word("waits_section", lang), empty=word("no_waits", lang))
    if not n:
        return section
    section.blocks.append(Facts("summary", "", [
        ("wait_recorded", word("waits_counted" if ticket_days else "wait_recorded", lang), n, "int"),
        ("wait_median", word("wait_median", lang), middle, "minutes"),
        ("wait_p90", word("wait_p90", lang), p90, "minutes"),
        ("wait_within", word("wait_within", lang, target=target),
         queue_figures.service_level(tally, target), "pct"),
        ("wait_max", word("wait_max", lang), longest, "minutes"),
        ("wait_source", word("wait_source", lang),
         queue_figures.source_text(ticket_days, greet_days, lang), "text"),
    ]))
    return section

def highend(flow, lang):
    section = Section("highend", word("highend_section", lang))
    if not flow.greetings:
        return section
    section.blocks.append(Facts("summary", "", [
        ("prospects", word("prospects", lang), flow.prospects, "int"),
        ("high_end", word("high_end", lang), flow.high_end(), "int"),
    ]))
    section.blocks.append(Table(
        "by_segment", word("by_segment", lang),
        [Column("segment", word("segment", lang), "label:segment"), count(lang), _share(lang)],
        figures.share_rows(flow.by_segment, "segment", flow.total, key="segment")))
    section.blocks.append(Table(
        "by_group", word("by_group", lang),
        [Column("group", word("group", lang), "label:group"), count(lang), _share(lang)],
        figures.share_rows(flow.by_group, "group", flow.total, key="group")))
    return section
