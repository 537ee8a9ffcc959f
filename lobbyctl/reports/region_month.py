"""``region month``: the region's monthly form -- a league table of its
branches with the headline figures of the branch form, each branch's rank
per figure, the region's total and median, the change against the month
before, and the branches that need attention (``region_attention.py``).

Each branch is read as its own monthly form reads it (``read_period`` as
of the form's day, ``month_data``) and its figures are its form's
(``headline.PARTS``).  The region's total pools the branches' parts, never
their ratios: counts summed; a rate is the sum of its numerators ÷ the sum
of its denominators; the median wait, the 90th percentile and the share
within 10 minutes are counted over the merged {minutes: n} tallies; the
daily average is the region's customers ÷ the sum of its branches'
business days.  The median column is the median of the branches' values.
A branch whose month has no day file has no figures (—), is unranked and
adds nothing to the total.

A branch is read whole or not at all: one that cannot be opened or fails
its reading checks is named with the reason (``BadBranch``); without
``skip_bad`` the form fails, with it the form is drawn from the rest and
names those missing."""

from typing import NamedTuple

from lobbyctl.errors import LobbyError
from lobbyctl.reports import figures, headline
from lobbyctl.reports.model import Column, Report, Section, Table
from lobbyctl.schema.targets import HEADLINE
from lobbyctl.schema.text import words
from lobbyctl.schema.text.privacy import mask

# the branch form's headline figures the region form ranks (issue 11)
REGION_FIGURES = ("customers", "daily_average", "diversion_rate", "wait_median", "wait_p90",
                  "within_10_minutes", "highend", "referrals", "referral_conversion",
                  "grumbles", "formal_complaints", "overdue_complaints", "faults_open",
                  "checklist_compliance", "satisfaction")


class BranchMonth(NamedTuple):
    branch: object  # store.region.Branch
    parts: dict  # key -> headline.Parts, None for a month without a day file
    previous: dict  # the same of the month before
    facts: dict  # region_attention.month_facts, None for a month without a day file


def word(key, lang, **values):
    return words.pick(words.REGION[key], lang, **values)


def previous_month(year, month):
    return headline.earlier_months(year, month)["previous"]


def read_month_parts(journal, year, month, generated, days=None):
    """``(parts, facts)`` of one branch's month (both None for a month
    without a day file), read as its own form generated at ``generated``
    reads it; ``days``: the month's days already read by the same checks
    (``read_period``), not read again."""
    from lobbyctl.reports.month import as_of_day, month_bounds, month_data
    from lobbyctl.reports.open_items import read_period
    from lobbyctl.reports.region_attention import month_facts

    first, last = month_bounds(year, month)
    if year < 1 or not journal.day_files(first, last):
        return None, None
    as_of = as_of_day(year, month, generated)
    inputs = read_period(journal, first, last, as_of, days=days)
    data = month_data(journal, year, month, as_of, inputs.loaded)
    parts = headline.parts_of(data, inputs.states, journal.config)
    return parts, month_facts(data, inputs.states) if parts is not None else None


def read_branches(branches, year, month, generated, skip_bad, missing, lang,
                  read=read_month_parts):
    """A ``BranchMonth`` per branch that reads whole; one that fails is
    added to ``missing`` (``BadBranch``) with ``skip_bad``, else raised."""
    from lobbyctl.reports.region_table import branch_problem
    from lobbyctl.store.region import BadBranch

    read_in = []
    before = previous_month(year, month)
    for branch in branches:
        try:
            parts, facts = read(branch.journal, year, month, generated)
            previous, _facts = read(branch.journal, *before, generated)
        except LobbyError as exc:
            if not skip_bad:
                raise branch_problem(BadBranch(branch.path, exc), lang) from None
            missing.append(BadBranch(branch.path, exc))
            continue
        read_in.append(BranchMonth(branch, parts, previous, facts))
    return read_in


def region_values(all_parts):
    """``{key: value}`` of the region: each figure over its pooled parts."""
    covered = [parts for parts in all_parts if parts is not None]
    if not covered:
        return {key: None for key in HEADLINE}
    return {key: headline.value_of(headline.pooled(parts[key] for parts in covered))
            for key in HEADLINE}


def branch_values(parts):
    if parts is None:
        return {key: None for key in HEADLINE}
    return {key: headline.value_of(parts[key]) for key in HEADLINE}


def ranks(values, higher_is_better):
    """``[rank or None]`` of ``values``: 1 = best, ties share a rank (the
    next one skips: 1, 1, 3), None values unranked."""
    import bisect

    # sorted once: a region of thousands of branches is ranked in n·log n
    known = sorted(value for value in values if value is not None)

    def better(value):
        if higher_is_better:
            return len(known) - bisect.bisect_right(known, value)
        return bisect.bisect_left(known, value)

    return [None if value is None else 1 + better(value) for value in values]


def build_region_month(region, read_in, missing, year, month, lang, *, generated, masked=True,
                       group=None):
    """The region's monthly form as a ``Report`` (sections ``league``,
    ``ranks``, ``region``, ``groups`` when a branch has a group,
    ``attention``, ``missing``); ``group`` (a group's name, "" for the
    branches without one) when ``read_in`` are that group's branches only:
    the form of the group, its header naming it."""
    from lobbyctl.reports import region_groups
    from lobbyctl.reports.region_attention import attention_section

    hide = mask if masked else str
    values = [branch_values(item.parts) for item in read_in]
    total = region_values(item.parts for item in read_in)
    previous = region_values(item.previous for item in read_in)
    business_days = sum(len(item.facts["days"]) for item in read_in if item.facts is not None)
    meta = {
        "region": (word("region", lang), hide(f"{region.code} {region.name}".strip()) or None),
        "month": (figures.word("month", lang), f"{year:04d}-{month:02d}"),
        "branches": (word("branches", lang), len(read_in)),
        "business_days": (word("business_days", lang), business_days),
        "generated": (figures.word("generated", lang),
                      generated.replace(second=0, microsecond=0).isoformat(timespec="minutes")),
    }
    if group is not None:
        # the group said right under the region it belongs to
        meta = {"region": meta.pop("region"),
                "group": (word("group_meta", lang),
                          hide(region_groups.group_label(group, lang))), **meta}
    if missing:
        meta["missing"] = (word("missing", lang),
                           "; ".join(mask(str(bad.path)) for bad in missing))
    title = word("title", lang, year=year, month_name=figures.month_name(month, lang))
    if group is not None:
        title = word("title_group", lang, title=title,
                     group=hide(region_groups.group_label(group, lang)))
    grouped = region_groups.grouped(read_in)
    sections = [
        _league(read_in, values, lang, hide, grouped),
        _ranks(read_in, values, lang),
        _region(values, total, previous, lang),
        *([region_groups.groups_section(read_in, REGION_FIGURES, lang, hide)]
          if grouped and group is None else []),
        attention_section(read_in, lang, hide),
        _missing(missing, lang),
    ]
    return Report("region_month", title, lang, meta, sections)


def _branch_columns(lang):
    return [Column("branch", word("branch_code", lang)),
            Column("name", word("branch_name", lang))]


def _branch_cells(branch, hide):
    return {"branch": branch.code, "name": hide(branch.name) if branch.name else None}


def _league(read_in, values, lang, hide, grouped=False):
    from lobbyctl.reports.region_groups import group_cell, group_column

    section = Section("league", word("league_section", lang))
    columns = _branch_columns(lang) + ([group_column(lang)] if grouped else []) + [
        Column(key, words.pick(words.HEADLINE[key], lang), HEADLINE[key][0])
        for key in REGION_FIGURES]
    rows = [{**_branch_cells(item.branch, hide),
             **(group_cell(item.branch, hide) if grouped else {}),
             **{key: found[key] for key in REGION_FIGURES}}
            for item, found in zip(read_in, values)]
    section.blocks.append(Table("branches", word("league_table", lang), columns, rows,
                                row_key="branch"))
    return section


def _ranks(read_in, values, lang):
    section = Section("ranks", word("ranks_section", lang))
    by_key = {key: ranks([found[key] for found in values], HEADLINE[key][1])
              for key in REGION_FIGURES}
    columns = [Column("branch", word("branch_code", lang))] + [
        Column(key, words.pick(words.HEADLINE[key], lang), "int") for key in REGION_FIGURES]
    rows = [{"branch": item.branch.code, **{key: by_key[key][index] for key in REGION_FIGURES}}
            for index, item in enumerate(read_in)]
    section.blocks.append(Table("ranks", word("ranks_table", lang), columns, rows,
                                row_key="branch"))
    return section


def _region(values, total, previous, lang):
    section = Section("region", word("region_section", lang))
    rows = []
    for key in REGION_FIGURES:
        kind = HEADLINE[key][0]
        known = [found[key] for found in values if found[key] is not None]
        rows.append({"figure": key, "kind": kind,
                     "change_kind": "points" if kind == "pct" else "change_pct",
                     # the median of counts may fall between two: a decimal
                     "median_kind": "number" if kind == "int" else kind,
                     "total": total[key], "median": figures.median(known),
                     "previous": previous[key],
                     "change": headline.change(kind, total[key], previous[key])})
    section.blocks.append(Table("figures", word("region_table", lang), [
        Column("figure", figures.word("figure", lang), labels=words.HEADLINE),
        Column("total", word("total", lang), "row"),
        Column("median", word("median", lang), "row:median_kind"),
        Column("previous", figures.word("previous", lang), "row"),
        Column("change", figures.word("change", lang), "row:change_kind"),
    ], rows))
    return section


def _missing(missing, lang):
    from lobbyctl.reports.region_table import branch_problem
    from lobbyctl.schema.text.messages import said

    section = Section("missing", word("missing_section", lang))
    if missing:
        section.blocks.append(Table("branches", word("missing_section", lang), [
            Column("path", word("path", lang)), Column("reason", word("reason", lang))],
            [{"path": mask(str(bad.path)), "reason": mask(said(branch_problem(bad, lang),
                                                               lang)[0])}
             for bad in missing]))
    return section
