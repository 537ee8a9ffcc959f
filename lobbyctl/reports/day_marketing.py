"""The daily log's marketing links: the day's outreach events (场外营销),
its second cross-sells (a referral ``after`` a first) and the customers who
came back (a greeting ``returning`` to a referral), each with what it links
to as the day ended (``domain/tracked.py`` states)."""

from lobbyctl.reports import figures
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Section, Table


def marketing_section(outreach, refers, greets, states, lang, hide, tz):
    """The section of the day's ``outreach`` entries, its ``refers`` with an
    ``after`` and its ``greets`` with a ``returning``; empty when the day
    has none of them."""
    section = Section("marketing", word("marketing_section", lang))
    events = [{"id": entry.get("id"), "time": figures.clock_of(entry, tz),
               "scene": figures.key_of(entry.get("scene")), "venue": hide(entry.get("venue")),
               "staff": ", ".join(hide(name) for name in figures.keys_of(entry.get("staff"))),
               "gifts": figures.whole(entry.get("gifts")),
               "contacts": figures.whole(entry.get("contacts_collected")),
               "sold": _sold(entry), "leads": figures.whole(entry.get("leads"))}
              for entry in figures.by_time(outreach, tz)]
    second = []
    for entry in figures.by_time([entry for entry in refers if entry.get("after")], tz):
        state = states.get(entry.get("id"), entry)
        first = states.get(entry.get("after")) or {}
        second.append({"id": entry.get("id"), "time": figures.clock_of(entry, tz),
                       "product": hide(state.get("product")),
                       "outcome": figures.key_of(state.get("outcome")),
                       "after": entry.get("after"), "first_product": hide(first.get("product"))})
    returns = []
    for entry in figures.by_time([entry for entry in greets if entry.get("returning")], tz):
        first = states.get(entry.get("returning")) or {}
        returns.append({"id": entry.get("id"), "time": figures.clock_of(entry, tz),
                        "customer": hide(entry.get("customer") or first.get("customer")),
                        "returning": entry.get("returning"),
                        "first_product": hide(first.get("product"))})
    if not events and not second and not returns:
        return section
    section.blocks.append(Table("outreach", word("outreach_events", lang), [
        Column("id", word("id", lang)),
        Column("time", word("time", lang)),
        Column("scene", word("scene", lang), "label:scene"),
        Column("venue", word("venue", lang)),
        Column("staff", word("staff_went", lang)),
        Column("gifts", word("gifts", lang), "int"),
        Column("contacts", word("contacts_collected", lang), "int"),
        Column("sold", word("icebreakers_sold", lang), "int"),
        Column("leads", word("leads", lang), "int"),
    ], events))
    section.blocks.append(Table("second_cross_sells", word("second_cross_sells", lang), [
        Column("id", word("id", lang)),
        Column("time", word("time", lang)),
        Column("product", word("product", lang)),
        Column("outcome", word("outcome", lang), "label:outcome"),
        Column("after", word("first_referral", lang)),
        Column("first_product", word("first_product", lang)),
    ], second))
    section.blocks.append(Table("returns", word("returns", lang), [
        Column("id", word("id", lang)),
        Column("time", word("time", lang)),
        Column("customer", word("customer", lang)),
        Column("returning", word("returning", lang)),
        Column("first_product", word("product", lang)),
    ], returns))
    return section


def _sold(entry):
    sales = entry.get("icebreakers")
    if not isinstance(sales, list) or not sales:
        return None
    return sum(sale["sold"] for sale in sales
               if isinstance(sale, dict) and type(sale.get("sold")) is int)
