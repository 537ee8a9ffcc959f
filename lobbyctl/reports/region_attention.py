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


def month_facts(data, states):
    """What the attention list needs of one branch's month, as plain data
    (dates as ISO text) that a cache can keep: its business days, those
    without an opening or a closing, the overdue formal complaints and the
    faults open too long, all as of the form's day."""
    as_of = data.as_of
    return {
        "first": data.first.isoformat(), "as_of": as_of.isoformat(),
        "days": [day.isoformat() for day in sorted(data.days)],
        "no_opening": [day.isoformat() for day in sorted(data.days) if day not in data.opens],
        "no_closing": [day.isoformat() for day in sorted(data.days) if day not in data.closes],
        "overdue": [str(entry_id) for _due, entry_id, _state
                    in tracked.overdue_complaints(states, as_of)],
        "faults_open_long": [[day.isoformat(), str(entry_id), (as_of - day).days]
                             for day, entry_id in sorted(
                                 (day, str(entry_id)) for entry_id, _state, day, fixed_on
                                 in month_tracked.fault_items(data, states)
                                 if fixed_on is None and (as_of - day).days > FAULT_DAYS)],
    }


def region_business_days(read_in):
    """``{branch code: [days]}`` each branch was expected at work but has no
    day (see the module notes)."""
    covered = [item.facts for item in read_in if item.facts is not None]
    days_of = {item.branch.code: set(item.facts["days"]) if item.facts is not None else set()
               for item in read_in}
    absent = {code: [] for code in days_of}
    if not covered:
        return absent
    day = min(datetime.date.fromisoformat(facts["first"]) for facts in covered)
    as_of = max(datetime.date.fromisoformat(facts["as_of"]) for facts in covered)
    while day <= as_of:
        text = day.isoformat()
        if day.weekday() < 5:
            present = {code for code, days in days_of.items() if text in days}
            if present:
                for code in days_of:
                    if code not in present:
                        absent[code].append(text)
        day += datetime.timedelta(days=1)
    return absent


def branch_reasons(facts, absent_days, lang="en"):
    """``[(reason, count, detail)]`` of one branch, in ``REASONS`` order."""
    found = []
    if facts is not None:
        if facts["overdue"]:
            found.append(("overdue_complaints", len(facts["overdue"]),
                          ", ".join(facts["overdue"])))
        for reason in ("no_opening", "no_closing"):
            if facts[reason]:
                found.append((reason, len(facts[reason]), ", ".join(facts[reason])))
    if absent_days:
        found.append(("no_journal", len(absent_days), ", ".join(absent_days)))
    if facts is not None and facts["faults_open_long"]:
        found.append(("faults_open_long", len(facts["faults_open_long"]), ", ".join(
            f"{entry_id} ({day}, {_word('days_open', lang, days=days)})"
            for day, entry_id, days in facts["faults_open_long"])))
    return found


def attention_section(read_in, lang, hide):
    section = Section("attention", _word("attention_section", lang),
                      empty=_word("attention_none", lang))
    absent = region_business_days(read_in)
    rows = []
    for item in read_in:
        for reason, count, detail in branch_reasons(item.facts, absent[item.branch.code], lang):
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
