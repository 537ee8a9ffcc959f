"""The checks every reader applies to what it reads, and the day streams
that apply them: a report, ``export`` or ``due`` counts only entries it can
read, at the place ``check`` names too."""

from lobbyctl.errors import FileProblem
from lobbyctl.store import loader


def readable(day):
    """``day``, if a report can read every entry in it; else a ``FileProblem``
    at the first entry that holds a field of the wrong kind (a count that is
    text, a list that is a number), at the place ``check`` names too."""
    from lobbyctl.check.validate import reading_problem

    for entry, line in zip(day.entries, day.lines):
        message = reading_problem(entry)
        if message:
            raise FileProblem(day.path, line, message)
    return day


def DayStream(journal, start=None, end=None, *, skip_bad=False, cache=True):  # noqa: N802
    """The day files of a range, each checked with ``readable``."""
    return loader.DayStream(journal, start, end, skip_bad=skip_bad, cache=cache,
                            accept=readable)


def load_range(journal, start=None, end=None, *, skip_bad=False, cache=True):
    return loader.load_range(journal, start, end, skip_bad=skip_bad, cache=cache,
                             accept=readable)
