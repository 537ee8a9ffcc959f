"""The region form's ``attention`` section: the branches that need
attention, each reason with its detail.

* ``overdue_complaints``: formal complaints past their deadline and not
  resolved as of the form's day (the headline figure's own list);
* ``no_opening`` / ``no_closing``: business days of the branch (a day with
  an entry) without an opening or a closing checklist;
* ``no_journal``: a region business day -- a weekday (Monday to Friday) of
  the month up to the form's day on which at least one other branch of the
  form has a day with an entry -- on which this branch has none;
* ``faults_open_long``: faults not fixed as of the form's day, reported more
  than ``FAULT_DAYS`` days before it.

A branch whose month has no day file at all is named for its missing days
only: there is no month of its to judge the rest by."""

import datetime

from lobbyctl.domain import tracked
from lobbyctl.reports import month_tracked
from lobbyctl.reports.model import Column, Section, Table
from lobbyctl.schema.text import words

FAULT_DAYS = 7
REASONS = ("overdue_complaints", "no_opening", "no_closing", "no_journal", "faults_open_long")


def _word(key, lang, **values):
    return words.pick(words.REGION[key], lang, **values)


def region_business_days(read_in):
    """``{branch code: set of days}`` each branch was expected at work but
    has no day (see the module notes)."""
    days_of = {item.branch.code: set(item.data.days) if item.data is not None else set()
               for item in read_in}
    as_of = max((item.data.as_of for item in read_in if item.data is not None), default=None)
    first = min((item.data.first for item in read_in if item.data is not None), default=None)
    absent = {code: [] for code in days_of}
    if as_of is None:
        return absent
    day = first
    while day <= as_of:
        if day.weekday() < 5:
            present = {code for code, days in days_of.items() if day in days}
            if present:
                for code in days_of:
                    if code not in present:
                        absent[code].append(day)
        day += datetime.timedelta(days=1)
    return absent


def branch_reasons(item, absent_days):
    """``[(reason, count, detail)]`` of one branch, in ``REASONS`` order."""
    found = []
    data, states = item.data, item.states
    if data is not None:
        overdue = tracked.overdue_complaints(states, data.as_of)
        if overdue:
            found.append(("overdue_complaints", len(overdue),
                          ", ".join(str(entry_id) for _due, entry_id, _state in overdue)))
        for reason, done in (("no_opening", data.opens), ("no_closing", data.closes)):
            days = [day for day in sorted(data.days) if day not in done]
            if days:
                found.append((reason, len(days), _days_text(days)))
    if absent_days:
        found.append(("no_journal", len(absent_days), _days_text(absent_days)))
    if data is not None:
        long_open = sorted((day, entry_id) for entry_id, _state, day, fixed_on
                           in month_tracked.fault_items(data, states)
                           if fixed_on is None and (data.as_of - day).days > FAULT_DAYS)
        if long_open:
            found.append(("faults_open_long", len(long_open), ", ".join(
                f"{entry_id} ({day.isoformat()}, {(data.as_of - day).days}d)"
                for day, entry_id in long_open)))
    return found


def _days_text(days):
    return ", ".join(day.isoformat() for day in days)


def attention_section(read_in, lang, hide):
    section = Section("attention", _word("attention_section", lang),
                      empty=_word("attention_none", lang))
    absent = region_business_days(read_in)
    rows = []
    for item in read_in:
        for reason, count, detail in branch_reasons(item, absent[item.branch.code]):
            rows.append({"branch": item.branch.code,
                         "name": hide(item.branch.name) if item.branch.name else None,
                         "reason": reason, "count": count, "detail": detail})
    if rows:
        section.blocks.append(Table("reasons", _word("attention_table", lang), [
            Column("branch", _word("branch_code", lang)),
            Column("name", _word("branch_name", lang)),
            Column("reason", _word("reason", lang),
                   labels={key: words.REGION[f"reason_{key}"] for key in REASONS}),
            Column("count", _word("count", lang), "int"),
            Column("detail", _word("detail", lang)),
        ], rows))
    return section
