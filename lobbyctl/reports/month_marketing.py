"""The monthly form's marketing sections: ``outreach`` (场外营销, the eight
links outside the branch) and ``funnel`` (场内营销九个环节, the nine links
inside it); states as of the form's day (``domain/tracked.py``).

Definitions, so a branch head can check any figure by hand:

* outreach events, gifts, customer information collected (a count), leads
  and ice-breaker sales are the sums over the month's ``outreach`` entries;
* customers brought in = the customers (``count``) of the month's greetings
  with a ``lead`` — an outreach of any earlier date, this month's or not
  (``check`` holds every lead to an outreach recorded before it);
* referrals from leads = the month's referrals with a ``lead``; their
  conversion is accepted ÷ decided, as everywhere;
* a referral chain is a first referral made in the month (one with no
  ``after``) with every referral whose ``after`` leads to it, directly or
  through another; each step of the funnel counts a chain at most once:
  first cross-sell made (every chain) → accepted (the first referral's
  outcome) → satisfaction checked (an ``update --satisfaction`` on it) →
  follow-up contact made (an ``update --via`` on it once it was accepted,
  other than the call that won the sale or the satisfaction check: calls
  chasing a pending decision are not this step) → second cross-sell
  made (any later referral of the chain) → accepted (any of them) →
  customer returned (a greeting of the month whose ``returning`` leads to
  any referral of the chain); the rate of a step is its chains ÷ the step
  before's (None, drawn "—", when that is 0).

``outreach_figures`` and ``funnel_counts``/``funnel_rates`` are plain
functions of the month's data, for whatever else wants the figures."""

from lobbyctl.domain import tracked
from lobbyctl.domain.fold import entry_date
from lobbyctl.domain.when import time_order
from lobbyctl.reports import figures
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Section, Table

FUNNEL_STEPS = ("first_made", "first_accepted", "satisfaction", "follow_up", "second_made",
                "second_accepted", "returned")


def outreach_figures(data, states):
    """The month's outreach figures: ``events``, ``gifts``, ``contacts``
    (customer information collected), ``leads``, ``sold`` (ice-breakers),
    ``brought_in`` (customers greeted with a lead), ``lead_referrals``,
    ``lead_accepted``, ``lead_declined`` and ``lead_conversion`` (None when
    none is decided)."""
    events = data.outreach
    lead_referrals = [states.get(entry.get("id"), entry) for entry in data.refers
                      if entry.get("lead")]
    accepted = sum(1 for state in lead_referrals if state.get("outcome") == "accepted")
    declined = sum(1 for state in lead_referrals if state.get("outcome") == "declined")
    return {
        "events": len(events),
        "gifts": sum(_count(entry.get("gifts")) for entry in events),
        "contacts": sum(_count(entry.get("contacts_collected")) for entry in events),
        "leads": sum(_count(entry.get("leads")) for entry in events),
        "sold": sum(sold for entry in events for _product, sold in _sales(entry)),
        "brought_in": sum(figures.count_of(entry) for entry in data.linked_greets
                          if entry.get("lead")),
        "lead_referrals": len(lead_referrals),
        "lead_accepted": accepted,
        "lead_declined": declined,
        "lead_conversion": accepted / (accepted + declined) if accepted + declined else None,
    }


def outreach(data, states, lang, hide):
    section = Section("outreach", word("outreach_section", lang))
    found = outreach_figures(data, states)
    if not found["events"] and not found["brought_in"] and not found["lead_referrals"]:
        return section
    section.blocks.append(Facts("summary", "", [
        ("events", word("outreach_events", lang), found["events"], "int"),
        ("gifts", word("gifts", lang), found["gifts"], "int"),
        ("contacts", word("contacts_collected", lang), found["contacts"], "int"),
        ("leads", word("leads", lang), found["leads"], "int"),
        ("sold", word("icebreakers_sold", lang), found["sold"], "int"),
        ("brought_in", word("brought_in", lang), found["brought_in"], "int"),
        ("lead_referrals", word("lead_referrals", lang), found["lead_referrals"], "int"),
        ("lead_accepted", word("lead_accepted", lang), found["lead_accepted"], "int"),
        ("lead_conversion", word("lead_conversion", lang), found["lead_conversion"], "pct"),
    ]))
    if not data.outreach:
        return section
    by_scene, by_product = {}, {}
    for entry in data.outreach:
        row = by_scene.setdefault(figures.key_of(entry.get("scene")),
                                  {"events": 0, "gifts": 0, "contacts": 0, "leads": 0})
        row["events"] += 1
        row["gifts"] += _count(entry.get("gifts"))
        row["contacts"] += _count(entry.get("contacts_collected"))
        row["leads"] += _count(entry.get("leads"))
        for product, sold in _sales(entry):
            product_row = by_product.setdefault(hide(product) or "", {"sold": 0, "events": 0})
            product_row["sold"] += sold
            product_row["events"] += 1
    counts = [Column("events", word("events", lang), "int"),
              Column("gifts", word("gifts", lang), "int"),
              Column("contacts", word("contacts_collected", lang), "int"),
              Column("leads", word("leads", lang), "int")]
    section.blocks.append(Table(
        "by_scene", word("by_scene", lang),
        [Column("scene", word("scene", lang), "label:scene"), *counts],
        [{"scene": scene, **by_scene[scene]} for scene in figures.in_vocab_order("scene", by_scene)],
        total={"scene": None, "events": found["events"], "gifts": found["gifts"],
               "contacts": found["contacts"], "leads": found["leads"]}))
    section.blocks.append(Table(
        "icebreakers", word("by_icebreaker", lang),
        [Column("product", word("product", lang)), Column("sold", word("sold", lang), "int"),
         Column("events", word("events", lang), "int")],
        [{"product": product, **by_product[product]}
         for product in sorted(by_product, key=lambda name: (-by_product[name]["sold"], name))],
        total={"product": None, "sold": found["sold"], "events": None} if by_product else None))
    section.blocks.append(Table("events", word("event_list", lang), [
        Column("date", word("date", lang), "date"),
        Column("scene", word("scene", lang), "label:scene"),
        Column("venue", word("venue", lang)),
        Column("gifts", word("gifts", lang), "int"),
        Column("contacts", word("contacts_collected", lang), "int"),
        Column("sold", word("sold", lang), "int"),
        Column("leads", word("leads", lang), "int"),
    ], [{"date": entry_date(entry), "scene": figures.key_of(entry.get("scene")),
         "venue": hide(entry.get("venue")), "gifts": figures.whole(entry.get("gifts")),
         "contacts": figures.whole(entry.get("contacts_collected")),
         "sold": sum(sold for _product, sold in _sales(entry)) if entry.get("icebreakers") else None,
         "leads": figures.whole(entry.get("leads"))}
        for entry in sorted(data.outreach, key=lambda entry: (
            entry_date(entry), time_order(entry.get("at"), data.tz)))]))
    return section


def chains(data, states):
    """The month's referral chains: ``[(first, [later, ...])]``, each a
    state, the first referrals in the order they were made.  A referral
    met twice (a loop typed by hand) is taken once."""
    following = {}
    for state in tracked.of_kinds(states, ("referral",)):
        after = state.get("after")
        if isinstance(after, str):
            following.setdefault(after, []).append(state.get("id"))
    found = []
    for entry in data.refers:
        if entry.get("after"):
            continue
        first = states.get(entry.get("id"), entry)
        seen, later, waiting = {first.get("id")}, [], list(following.get(first.get("id"), ()))
        while waiting:
            entry_id = waiting.pop(0)
            if entry_id in seen:
                continue
            seen.add(entry_id)
            later.append(states[entry_id])
            waiting.extend(following.get(entry_id, ()))
        found.append((first, later))
    return found


def funnel_counts(data, states):
    """``{step: chains}`` for ``FUNNEL_STEPS`` (see the module's definitions)."""
    returned_to = {entry.get("returning") for entry in data.linked_greets if entry.get("returning")}
    counts = dict.fromkeys(FUNNEL_STEPS, 0)
    for first, later in chains(data, states):
        reached = {
            "first_made": True,
            "first_accepted": first.get("outcome") == "accepted",
            "satisfaction": bool(first.get("satisfaction")),
            "follow_up": followed_up(first),
            "second_made": bool(later),
            "second_accepted": any(state.get("outcome") == "accepted" for state in later),
            "returned": any(state.get("id") in returned_to for state in (first, *later)),
        }
        for step in FUNNEL_STEPS:
            counts[step] += reached[step]
    return counts


def followed_up(first):
    """A follow-up contact after the sale: an ``update --via`` on the first
    referral, on or after the day it was accepted, that is neither the call
    that won the sale (it sets the outcome) nor the satisfaction check (a
    step of its own).  Calls chasing a pending decision are not this step."""
    decided = first.get("decided_on")
    if first.get("outcome") != "accepted" or not decided:
        return False
    return any(update.get("via") and not update.get("outcome") and not update.get("satisfaction")
               and entry_date(update) >= decided for update in first.get("updates") or ())


def funnel_rates(counts):
    """``{step: rate}``: each step's chains ÷ the step before's (the first
    step has none; None too where the step before counts 0)."""
    rates, previous = {}, None
    for step in FUNNEL_STEPS:
        rates[step] = counts[step] / previous if previous else None
        previous = counts[step]
    return rates


def funnel(data, states, lang, hide):
    section = Section("funnel", word("funnel_section", lang))
    counts = funnel_counts(data, states)
    if not counts["first_made"]:
        return section
    rates = funnel_rates(counts)
    section.blocks.append(Table("steps", word("funnel_steps", lang), [
        Column("step", word("step", lang),
               labels={step: figures.WORDS[f"funnel_{step}"] for step in FUNNEL_STEPS}),
        Column("chains", word("chains", lang), "int"),
        Column("rate", word("rate_from_previous", lang), "pct"),
    ], [{"step": step, "chains": counts[step], "rate": rates[step]} for step in FUNNEL_STEPS]))
    checked = {}
    for first, _later in chains(data, states):
        if first.get("satisfaction"):
            key = figures.key_of(first["satisfaction"])
            checked[key] = checked.get(key, 0) + 1
    if checked:
        section.blocks.append(Table(
            "satisfaction", word("by_satisfaction", lang),
            [Column("satisfaction", word("satisfaction_check", lang), "label:satisfaction"),
             Column("chains", word("chains", lang), "int")],
            [{"satisfaction": key, "chains": checked[key]}
             for key in figures.in_vocab_order("satisfaction", checked)]))
    return section


def _count(value):
    """A count field as a number to add (a missing one adds nothing)."""
    return value if type(value) is int else 0


def _sales(entry):
    """``(product, sold)`` of an outreach's ice-breaker sales."""
    value = entry.get("icebreakers")
    if not isinstance(value, list):
        return []
    return [(sale.get("product"), sale.get("sold")) for sale in value
            if isinstance(sale, dict) and type(sale.get("sold")) is int]
