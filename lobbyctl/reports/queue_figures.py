"""What queue systems report, from the ``ticket`` entries an export brought in.

Definitions (Qmatic's and the 排队叫号 systems'), to check by hand:

* wait = called − taken, in minutes, for every ticket that was called
  (served, transferred, and a no-show that was called);
* service level = the share of those waits within the target
  (``service_level_minutes`` of lobbyctl.yaml, default 10), counted as
  ``wait <= target``;
* no-show rate = no-shows ÷ tickets taken;
* peak half-hour = the half-hour with most tickets taken (ties: the earliest);
* service time = end − start of a ticket with both, in minutes; a window's
  mean service time is over its tickets with both;
* satisfaction on tickets = (very satisfied + satisfied) ÷ tickets rated.

Waits of the forms' waits section come from tickets on the days that have
them and from ``greet --wait`` on the others (``waits_by_source``)."""

import datetime
from collections import Counter

from lobbyctl.domain.when import local_time
from lobbyctl.reports import figures
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Section, Table
from lobbyctl.reports.ratings import satisfaction


def minutes_between(first, last, tz):
    """Minutes from the ISO time ``first`` to ``last`` (one decimal), or
    None when either does not read or ``last`` comes before ``first``."""
    start, end = local_time(first, tz), local_time(last, tz)
    if start is None or end is None:
        return None
    # as instants: two times of one zone subtract by their wall clocks, and
    # the hour the clocks repeat would give a wait of minus twenty minutes
    start, end = start.astimezone(datetime.timezone.utc), end.astimezone(datetime.timezone.utc)
    if end < start:
        return None
    minutes = round((end - start).total_seconds() / 60, 1)
    # a whole number of minutes as the int a greeting's wait is: in one tally
    # 21 and 21.0 are one key, printed as whichever came first
    return int(minutes) if minutes.is_integer() else minutes


def wait_of(ticket, tz):
    """A ticket's wait (called − taken, minutes), None if it was not called."""
    return minutes_between(ticket.get("at"), ticket.get("called"), tz)


def service_level(waits, target):
    """The share of a ``{minutes: n}`` tally within ``target`` minutes."""
    total = sum(waits.values())
    if not total:
        return None
    return sum(n for minutes, n in waits.items() if minutes <= target) / total


def no_show_rate(tickets):
    """No-shows ÷ tickets taken."""
    no_shows, taken = no_show_parts(tickets)
    return no_shows / taken if taken else None


def no_show_parts(tickets):
    """``(no-shows, tickets taken)`` (pooled by a region)."""
    tickets = list(tickets)
    return sum(1 for ticket in tickets if ticket.get("status") == "no-show"), len(tickets)


def ticket_waits(tickets, tz):
    """``{minutes: tickets}`` of the called tickets."""
    waits = Counter()
    for ticket in tickets:
        wait = wait_of(ticket, tz)
        if wait is not None:
            waits[wait] += 1
    return waits


def waits_by_source(tickets_by_day, greet_waits_by_day):
    """``(waits, ticket days, greet days)``: one ``{minutes: n}`` tally of the
    period, from tickets on the days that have them, else from greetings."""
    waits = Counter()
    ticket_days = greet_days = 0
    for day in sorted(set(tickets_by_day) | set(greet_waits_by_day)):  # the same every run
        if tickets_by_day.get(day):
            waits.update(tickets_by_day[day])
            ticket_days += 1
        elif greet_waits_by_day.get(day):
            waits.update(greet_waits_by_day[day])
            greet_days += 1
    return waits, ticket_days, greet_days


def source_text(ticket_days, greet_days, lang):
    parts = []
    if ticket_days:
        parts.append(word("source_tickets", lang, days=ticket_days))
    if greet_days:
        parts.append(word("source_greet", lang, days=greet_days))
    return ("；" if lang == "zh" else "; ").join(parts) or None


def queue_section(tickets, lang, hide, tz, target):
    """The queue section of either form, over ``tickets`` (entries)."""
    section = Section("queue", word("queue_section", lang))
    if not tickets:
        return section
    statuses = Counter(figures.key_of(ticket.get("status")) for ticket in tickets)
    waits = ticket_waits(tickets, tz)
    n, _median, _p90, _within, longest = figures.wait_figures(waits)
    slots = Counter()
    for ticket in tickets:
        local = local_time(ticket.get("at"), tz)
        if local is not None:
            slots[local.hour * 2 + (local.minute >= 30)] += 1
    peak = figures.busiest(slots)
    services = [minutes for minutes in (minutes_between(ticket.get("start"), ticket.get("end"), tz)
                                        for ticket in tickets) if minutes is not None]
    ratings = Counter(ticket["rating"] for ticket in tickets if isinstance(ticket.get("rating"), str))
    section.blocks.append(Facts("summary", word("summary", lang), [
        ("tickets", word("tickets", lang), len(tickets), "int"),
        ("served", word("served", lang), statuses.get("served", 0), "int"),
        ("no_shows", word("no_shows", lang), statuses.get("no-show", 0), "int"),
        ("cancelled", word("cancelled", lang), statuses.get("cancelled", 0), "int"),
        ("transferred", word("transferred", lang), statuses.get("transferred", 0), "int"),
        ("no_show_rate", word("no_show_rate", lang), no_show_rate(tickets), "pct"),
        ("service_level", word("service_level", lang, target=target),
         service_level(waits, target), "pct"),
        ("mean_wait", word("mean_wait", lang), _mean(waits), "minutes"),
        ("wait_max", word("wait_max", lang), longest if n else None, "minutes"),
        ("peak_slot", word("peak_ticket_slot", lang),
         None if peak is None else figures.slot_text(peak), "text"),
        ("mean_service", word("mean_service", lang),
         round(sum(services) / len(services), 1) if services else None, "minutes"),
        ("ticket_ratings", word("ticket_ratings", lang), sum(ratings.values()), "int"),
        ("ticket_satisfaction", word("ticket_satisfaction", lang), satisfaction(ratings), "pct"),
    ]))
    section.blocks.append(Table("by_window", word("by_window", lang), [
        Column("window", word("window", lang)),
        Column("tickets", word("tickets", lang), "int"),
        Column("served", word("served", lang), "int"),
        Column("mean_service", word("mean_service", lang), "minutes"),
    ], _window_rows(tickets, hide, tz)))
    return section


def _mean(waits):
    total = sum(waits.values())
    if not total:
        return None
    return round(sum(minutes * n for minutes, n in waits.items()) / total, 1)


def _window_rows(tickets, hide, tz):
    windows = {}
    for ticket in tickets:
        row = windows.setdefault(hide(ticket.get("window")), [0, 0, []])
        row[0] += 1
        row[1] += ticket.get("status") == "served"
        minutes = minutes_between(ticket.get("start"), ticket.get("end"), tz)
        if minutes is not None:
            row[2].append(minutes)
    return [{"window": name, "tickets": count, "served": served,
             "mean_service": round(sum(times) / len(times), 1) if times else None}
            for name, (count, served, times) in sorted(
                windows.items(), key=lambda pair: (pair[0] is None, _window_order(pair[0])))]


def _window_order(name):
    """Windows 1, 2, … 10 in the order of their numbers, others after by name."""
    text = name or ""
    digits = "".join(ch for ch in text if ch.isdigit())
    return (0, int(digits[:9]), text) if digits else (1, 0, text)
