"""The daily log's customers by hour beside the average of the same
weekday in the four weeks before (the Monday before a Monday...).

Only a day whose file holds an entry a reader counts, other than a void,
counts: a branch closed that day, a journal begun since, or a day whose
only entries were voided (recorded on the wrong day, say) or are voids of
other days, is no day of zero customers.  The average of an hour
is the customers of that hour summed over the days found ÷ the days found;
with none found it is None ("—"), and so is a change from an average of 0.
The days are read as every reader reads them (``check.reading``), so a day
counts exactly what ``check`` accepts."""

from collections import Counter
from typing import NamedTuple

from lobbyctl.reports import figures

WEEKS = 4


class SameWeekdays(NamedTuple):
    searched: list  # the dates looked at, latest first
    found: list  # those the lobby was at work: an entry other than a void
    by_hour: Counter  # hour -> customers, summed over ``found``


def read_same_weekdays(journal, date, skip_bad=False):
    """``(SameWeekdays, skipped)`` for the ``WEEKS`` same weekdays before
    ``date``; ``skipped`` the files and entries ``skip_bad`` left out."""
    import datetime

    from lobbyctl.check.reading import load_range

    searched, found, by_hour, skipped = [], [], Counter(), []
    for weeks in range(1, WEEKS + 1):
        day = date - datetime.timedelta(days=7 * weeks)
        searched.append(day)
        loaded = load_range(journal, day, day, skip_bad=skip_bad)
        skipped.extend(loaded.skipped)
        # a day the lobby was at work: one with an entry other than a void
        # (a correction made that day of another day's entry)
        worked = [entry for entry_day, entry in loaded.entries()
                  if entry_day == day and entry.get("type") != "void"]
        if not worked:
            continue
        found.append(day)
        flow = figures.Flow(journal.tz)
        for entry in worked:
            if entry.get("type") == "greet":
                flow.add(day, entry)
        by_hour.update(flow.by_hour)
    return SameWeekdays(searched, found, by_hour), skipped


def hour_rows(flow, same):
    """The day's ``figures.hour_rows`` over the hours busy on the day or on
    any day compared, each with ``same_weekdays`` (the average) and
    ``change`` (the day's customers against it, a ratio)."""
    hours = Counter(flow.by_hour)
    for hour in same.by_hour:
        hours.setdefault(hour, 0)
    rows = figures.hour_rows(hours, flow.total)
    for row, hour in zip(rows, range(min(hours, default=0), max(hours, default=-1) + 1)):
        average = round(same.by_hour.get(hour, 0) / len(same.found), 1) if same.found else None
        row["same_weekdays"] = average
        row["change"] = (round((row["customers"] - average) / average, 9)
                         if average else None)
    return rows
