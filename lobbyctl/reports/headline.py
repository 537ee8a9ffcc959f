"""The headline figures of a month, and the month form's first section: each
figure beside the month before, the same month a year before, and the
journal's target.

A figure is one small function of the month's data (``month._Month``, read
by ``month.month_data``), the tracked states as of the form's day and the
journal's config, calling the very function the form's own section calls
(``figures.py``, ``month_flow.py``, ``month_tracked.py``): ``PARTS`` below,
one entry a figure, in the order and with the kinds of
``schema/targets.HEADLINE``, gives what the figure is made of (a count, a
numerator and a denominator, a wait tally), and ``COMPUTE`` its value
(``value_of``).  A region form over many branches pools their parts
(``pooled``: counts and numerators summed, tallies merged) and takes the
same ``value_of``, so a region's rate is never a mean of branch rates; it
gets a branch's figures with ``month_headline`` or ``parts_of``.

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


class Parts(NamedTuple):
    """What a figure is made of, so that many branches can be pooled exactly:
    ``how`` is ``count`` (``numerator``), ``ratio`` (``numerator`` ÷
    ``denominator``, None from 0), ``average`` (``figures.daily_average`` of
    the two) or ``tally`` (``wait_figures(tally)[index]``)."""
    how: str
    numerator: int = 0
    denominator: int = 0
    tally: dict = None
    index: int = 0


def _count(value):
    return Parts("count", value)


def _ratio(numerator, denominator):
    return Parts("ratio", numerator, denominator)


def value_of(parts):
    """A figure's value from its parts: the one formula of every figure, for
    a branch and for a region's pooled parts alike."""
    if parts.how == "count":
        return parts.numerator
    if parts.how == "ratio":
        return parts.numerator / parts.denominator if parts.denominator else None
    if parts.how == "average":
        return figures.daily_average(parts.numerator, parts.denominator)
    return figures.wait_figures(parts.tally)[parts.index]


def pooled(all_parts):
    """The parts of many branches as one: counts, numerators and
    denominators summed, wait tallies merged ({minutes: n} added up)."""
    all_parts = list(all_parts)
    if not all_parts:
        return None
    first = all_parts[0]
    tally = None
    if first.how == "tally":
        tally = {}
        for parts in all_parts:
            for minutes, n in parts.tally.items():
                tally[minutes] = tally.get(minutes, 0) + n
    return Parts(first.how, sum(parts.numerator for parts in all_parts),
                 sum(parts.denominator for parts in all_parts), tally, first.index)


def _waits(index):
    # the tally the waits section counts: queue tickets where a day has them
    return lambda data, states, config: Parts("tally", tally=dict(month_flow.month_waits(
        data.flow, data.tickets, data.greet_waits, data.tz)[0]), index=index)


def _outreach_count(key):
    return lambda data, states, config: _count(
        month_marketing.outreach_figures(data, states)[key])


def _lead_conversion(data, states, config):
    found = month_marketing.outreach_figures(data, states)
    return _ratio(found["lead_accepted"], found["lead_accepted"] + found["lead_declined"])


def _satisfaction(data, states, config):
    return _ratio(*ratings.satisfaction_parts(ratings.rating_counts(data.rates)))


def _no_show_rate(data, states, config):
    return _ratio(*queue_figures.no_show_parts([entry for _day, entry in data.tickets]))


def _referrals(data, states, config):
    return _count(month_tracked.referral_totals(data, states)["made"])


def _referral_conversion(data, states, config):
    totals = month_tracked.referral_totals(data, states)
    return _ratio(totals["accepted"], totals["accepted"] + totals["declined"])


def _complaints(level):
    return lambda data, states, config: _count(month_tracked.complaint_levels(
        month_tracked.complaints_received(data, states))[level])


def _faults(key):
    return lambda data, states, config: _count(month_tracked.fault_counts(
        data, month_tracked.fault_items(data, states))[key])


def _compliance(data, states, config):
    from lobbyctl.schema import vocab

    return _ratio(figures.checklist_fine_days(data.days, data.opens, data.closes,
                                              vocab.vocabulary("open-item", config),
                                              vocab.vocabulary("close-item", config)),
                  len(data.days))


# key -> function(month data, tracked states, config): the figure's ``Parts``
PARTS = {
    "customers": lambda data, states, config: _count(data.flow.total),
    "daily_average": lambda data, states, config: Parts("average", data.flow.total,
                                                        len(data.days)),
    "diversion_rate": lambda data, states, config: _ratio(data.flow.diverted,
                                                          data.flow.total),
    "wait_median": _waits(1),
    "wait_p90": _waits(2),
    "within_10_minutes": _waits(3),
    "highend": lambda data, states, config: _count(data.flow.high_end()),
    "referrals": _referrals,
    "referral_conversion": _referral_conversion,
    "grumbles": _complaints("grumble"),
    "formal_complaints": _complaints("complaint"),
    "overdue_complaints": lambda data, states, config: _count(
        len(tracked.overdue_complaints(states, data.as_of))),
    "faults_reported": _faults("reported"),
    "faults_open": _faults("still_open"),
    "checklist_compliance": _compliance,
    "satisfaction": _satisfaction,
    "no_show_rate": _no_show_rate,
    "outreach_events": _outreach_count("events"),
    "brought_in": _outreach_count("brought_in"),
    "lead_conversion": _lead_conversion,
}


def _computed(key):
    return lambda data, states, config: value_of(PARTS[key](data, states, config))


# key -> function(month data, tracked states, config): the figure's value,
# always the value of its parts (a branch's figure and a region's pooled one
# cannot disagree)
COMPUTE = {key: _computed(key) for key in PARTS}


def parts_of(data, states, config):
    """``{key: Parts}`` of a month already read, None for a month the
    journal does not cover (as ``headline_of``'s None figures)."""
    if not data.days:
        return None
    return {key: PARTS[key](data, states, config) for key in HEADLINE}


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
    _inputs, found, skipped = read_form(journal, year, month, generated, skip_bad,
                                        with_month=False)
    return found, skipped


def read_form(journal, year, month, generated, skip_bad=False, with_month=True):
    """What the form of ``year``-``month`` generated at ``generated`` is
    drawn from, in one walk of the journal (``open_items.read_periods``):
    the month's ``PeriodInputs`` (as of ``month.as_of_day``), the headline
    figures of the earlier months and the problems ``skip_bad`` left out of
    them (as ``read_earlier``).  The earlier months come first in the walk,
    as their days do; an earlier month counted before from the same files
    is not read again (``kept_figures``)."""
    from lobbyctl.reports import kept_figures
    from lobbyctl.reports.month import as_of_day, month_bounds
    from lobbyctl.reports.open_items import read_periods

    found, left_out, periods = {}, {}, []
    for key, (other_year, other_month) in sorted(earlier_months(year, month).items(),
                                                 key=lambda item: item[1]):
        found[key], left_out[key] = None, []
        if not 1 <= other_year:
            continue
        first, last = month_bounds(other_year, other_month)
        listed = left_out[key]
        if not journal.day_files(first, last, listed.append if skip_bad else None):
            continue
        as_of = as_of_day(other_year, other_month, generated)
        if not listed:
            # counted before, from the same files (``kept_figures``): not read again
            found[key] = kept_figures.get(journal, other_year, other_month, as_of)
            if found[key] is not None:
                continue
        periods.append((key, (other_year, other_month), (first, last, as_of)))
    if with_month:
        periods.append((None, (year, month),
                        (*month_bounds(year, month), as_of_day(year, month, generated))))
    read = read_periods(journal, [period for _key, _month, period in periods], skip_bad)
    inputs = None
    for (key, (other_year, other_month), (_first, _last, as_of)), period in zip(periods, read):
        if key is None:
            inputs = period
            continue
        left_out[key] = period.skipped or []
        found[key] = month_headline(journal, other_year, other_month, as_of, period)
        if not period.skipped:
            kept_figures.put(journal, other_year, other_month, as_of, found[key])
    skipped = []  # the month before's first, as each was read on its own
    for key in earlier_months(year, month):
        skipped.extend(problem for problem in left_out[key]
                       if all(problem.message != known.message for known in skipped))
    return inputs, {key: found[key] for key in earlier_months(year, month)}, skipped


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
