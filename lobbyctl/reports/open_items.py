"""Finding tracked items wherever they were recorded: no look-back window.

A complaint or a fault open for 400 days still shows, so the state of the
tracked items as of a day is folded from every referral, complaint, note and
update the journal holds up to that day.  Every day file is read the way
every reader reads it (``lobbyctl.check.reading``: the same checks, the same
cache of parsed days), so an item is counted exactly when ``check`` accepts
the file it is in."""

from lobbyctl.domain.tracked import TRACKED, states_as_of


def tracked_entries(journal, start=None, end=None, skipped=None):
    """The tracked entries of the day files from ``start`` to ``end`` (either
    may be None: the journal's first or last day), in file order.  With
    ``skipped`` (a list; ``--skip-bad``) a file that does not read is noted
    there instead of failing."""
    from lobbyctl.check.reading import DayStream

    stream = DayStream(journal, start, end, skip_bad=skipped is not None)
    entries = [entry for _day, day in stream for entry in day.entries
               if entry.get("type") in TRACKED]
    if skipped is not None:
        for problem in stream.skipped:
            if all(problem.message != known.message for known in skipped):
                skipped.append(problem)
    return entries


def states_on(journal, on, *, period_entries=(), period_start=None, skipped=None):
    """``{id: state}`` of every tracked item recorded up to ``on``, with the
    updates up to ``on`` folded in.  ``period_entries`` are the entries of
    the days from ``period_start`` on, already read by the caller (a report's
    own day or month): only the days before it are scanned here."""
    if period_start is None:
        return states_as_of(tracked_entries(journal, None, on, skipped), on)
    import datetime

    before = period_start - datetime.timedelta(days=1)
    entries = tracked_entries(journal, None, before, skipped)
    entries.extend(entry for entry in period_entries if entry.get("type") in TRACKED)
    return states_as_of(entries, on)


class PeriodInputs:
    """What a report of a period is built from, read once by the caller:
    ``loaded`` (the period's days, ``load_range``), ``states`` (every
    tracked item's state as of ``as_of``, carried over from any earlier
    day) and ``skipped`` (the files --skip-bad left out, else None)."""

    def __init__(self, loaded, states, skipped):
        self.loaded = loaded
        self.states = states
        self.skipped = skipped


def read_period(journal, first, last, as_of, skip_bad=False):
    """The ``PeriodInputs`` of the days ``first``..``last``, tracked states as
    of ``as_of``: the reading a report builder does not do."""
    from lobbyctl.check.reading import load_range

    loaded = load_range(journal, first, last, skip_bad=skip_bad)
    skipped = loaded.skipped if skip_bad else None
    states = states_on(journal, as_of, skipped=skipped, period_start=first,
                       period_entries=[entry for day, entry in loaded.entries()
                                       if first <= day <= last])
    return PeriodInputs(loaded, states, skipped)
