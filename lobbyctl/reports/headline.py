"""The headline figures of a month, and the month form's first section: each
figure beside the month before, the same month a year before, and the
journal's target.

A figure is one small function of the month's data (``month._Month``, read
by ``month.month_data``), the tracked states as of the form's day and the
journal's config, calling the very function the form's own section calls
(``figures.py``, ``month_flow.py``, ``month_tracked.py``): ``COMPUTE`` below,
one entry a figure, in the order and with the kinds of
``schema/targets.HEADLINE``.  A region form over many branches gets a
branch's figures with ``month_headline``.

A month the journal does not cover (no day file with an entry) has no
figures: every value is None, drawn "—", never 0.  A rate's change is the
difference of the two ratios (kind ``points``: 0.035 is +3.5 points); any
other figure's is the ratio of the change to the earlier figure (kind
``change_pct``), None from 0."""

from typing import NamedTuple

from lobbyctl.domain import tracked
from lobbyctl.reports import (figures, month_flow, month_marketing, month_tracked,
                              queue_figures, ratings)
from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Section, Table
from lobbyctl.schema.targets import HEADLINE, read_targets
from lobbyctl.schema.text import words


class Figure(NamedTuple):
    key: str  # a stable English key (schema/targets.HEADLINE)
    value: object  # int, float, or None: nothing to count
    kind: str  # int | number | pct | minutes
    higher_is_better: bool


def _waits(index):
    # the tally the waits section counts: queue tickets where a day has them
    return lambda data, states, config: figures.wait_figures(month_flow.month_waits(
        data.flow, data.tickets, data.greet_waits, data.tz)[0])[index]


def _outreach(key):
    return lambda data, states, config: month_marketing.outreach_figures(data, states)[key]


def _satisfaction(data, states, config):
    return ratings.satisfaction(ratings.rating_counts(data.rates))


def _no_show_rate(data, states, config):
    return queue_figures.no_show_rate([entry for _day, entry in data.tickets])


def _referrals(key):
    return lambda data, states, config: month_tracked.referral_totals(data, states)[key]


def _complaints(level):
    return lambda data, states, config: month_tracked.complaint_levels(
        month_tracked.complaints_received(data, states))[level]


def _faults(key):
    return lambda data, states, config: month_tracked.fault_counts(
        data, month_tracked.fault_items(data, states))[key]


def _compliance(data, states, config):
    from lobbyctl.schema import vocab

    return figures.checklist_compliance(data.days, data.opens, data.closes,
                                        vocab.vocabulary("open-item", config),
                                        vocab.vocabulary("close-item", config))


# key -> function(month data, tracked states, config): the figure's value
COMPUTE = {
    "customers": lambda data, states, config: data.flow.total,
    "daily_average": lambda data, states, config: figures.daily_average(data.flow.total,
                                                                        len(data.days)),
    "diversion_rate": lambda data, states, config: data.flow.diversion_rate(),
    "wait_median": _waits(1),
    "wait_p90": _waits(2),
    "within_10_minutes": _waits(3),
    "highend": lambda data, states, config: data.flow.high_end(),
    "referrals": _referrals("made"),
    "referral_conversion": _referrals("conversion"),
    "grumbles": _complaints("grumble"),
    "formal_complaints": _complaints("complaint"),
    "overdue_complaints": lambda data, states, config: len(
        tracked.overdue_complaints(states, data.as_of)),
    "faults_reported": _faults("reported"),
    "faults_open": _faults("still_open"),
    "checklist_compliance": _compliance,
    "satisfaction": _satisfaction,
    "no_show_rate": _no_show_rate,
    "outreach_events": _outreach("events"),
    "brought_in": _outreach("brought_in"),
    "lead_conversion": _outreach("lead_conversion"),
}


def headline_of(data, states, config):
    """The headline figures of a month already read (``month.month_data``)."""
    covered = bool(data.days)
    return [Figure(key, COMPUTE[key](data, states, config) if covered else None, kind, higher)
            for key, (kind, higher) in HEADLINE.items()]


def month_headline(journal, year, month, as_of, inputs):
    """The headline figures of ``year``-``month`` (a list of ``Figure`` in
    the form's order), tracked items counted as of ``as_of``, from
    ``inputs`` = ``open_items.read_period(journal, *month.month_bounds(year,
    month), as_of)``: the same figures the month's own form shows."""
    from lobbyctl.reports.month import month_data

    return headline_of(month_data(journal, year, month, as_of, inputs.loaded), inputs.states,
                       journal.config)


def earlier_months(year, month):
    """``{"previous": (year, month), "year_ago": (year, month)}``."""
    previous = (year, month - 1) if month > 1 else (year - 1, 12)
    return {"previous": previous, "year_ago": (year - 1, month)}


def read_earlier(journal, year, month, generated, skip_bad=False):
    """The headline figures of the month before ``year``-``month`` and of
    the same month a year before, each read and counted as its own form
    generated at ``generated`` would (``read_period``, as of its last day):
    ``{"previous": [Figure] or None, "year_ago": ...}``, None for a month
    without a single day file (nothing is read for it), and the problems
    ``skip_bad`` left out of them (a list, for the caller to name)."""
    from lobbyctl.reports.month import as_of_day, month_bounds
    from lobbyctl.reports.open_items import read_period

    found, skipped = {}, []
    for key, (other_year, other_month) in earlier_months(year, month).items():
        found[key] = None
        if not 1 <= other_year:
            continue
        first, last = month_bounds(other_year, other_month)
        listed = []
        if not journal.day_files(first, last, listed.append if skip_bad else None):
            skipped.extend(listed)
            continue
        as_of = as_of_day(other_year, other_month, generated)
        inputs = read_period(journal, first, last, as_of, skip_bad=skip_bad)
        if inputs.skipped:
            skipped.extend(problem for problem in inputs.skipped
                           if all(problem.message != known.message for known in skipped))
        found[key] = month_headline(journal, other_year, other_month, as_of, inputs)
    return found, skipped


def change(kind, value, earlier):
    """The change from ``earlier`` to ``value`` (see the module notes)."""
    if value is None or earlier is None:
        return None
    if kind == "pct":
        return round(value - earlier, 9)
    if earlier == 0:
        return None
    return round((value - earlier) / earlier, 9)


def headline_section(current, earlier, config, lang):
    """The form's ``headline`` section: one row a figure, its value, the
    previous month's and the year-ago month's with the changes, and the
    target set in ``lobbyctl.yaml`` with whether it was met."""
    targets, _problems = read_targets(config.data.get("targets"))  # check names the problems
    previous = {figure.key: figure.value for figure in earlier.get("previous") or ()}
    year_ago = {figure.key: figure.value for figure in earlier.get("year_ago") or ()}
    section = Section("headline", word("headline_section", lang))
    if all(figure.value is None for figure in current) and not previous and not year_ago:
        return section  # three months the journal does not cover: nothing to report
    rows = []
    for figure in current:
        target = targets.get(figure.key)
        before, year_before = previous.get(figure.key), year_ago.get(figure.key)
        rows.append({
            "figure": figure.key, "kind": figure.kind,
            "change_kind": "points" if figure.kind == "pct" else "change_pct",
            "value": figure.value,
            "previous": before, "change": change(figure.kind, figure.value, before),
            "year_ago": year_before,
            "year_change": change(figure.kind, figure.value, year_before),
            "target": target.value if target else None,
            "target_direction": target.direction if target else None,
            "met": target.met(figure.value) if target else None,
        })
    section.blocks.append(Table("figures", word("headline_table", lang), [
        Column("figure", word("figure", lang), labels=words.HEADLINE),
        Column("value", word("this_month", lang), "row"),
        Column("previous", word("previous", lang), "row"),
        Column("change", word("change", lang), "row:change_kind"),
        Column("year_ago", word("year_ago", lang), "row"),
        Column("year_change", word("year_change", lang), "row:change_kind"),
        Column("target", word("target_value", lang), "row"),
        Column("met", word("met", lang), "met"),
    ], rows))
    return section
