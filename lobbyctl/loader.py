"""Loading the day files of a date range, for reports, export and check.

Streams over only the files in range (``Journal.day_files``).  A day file that
does not parse stops the load with its path and line, or — with
``skip_bad`` — is left out and named in ``skipped`` so the caller can say so."""

from lobbyctl.dayfile import read_day
from lobbyctl.errors import FileProblem


class Loaded:
    """The days of a range: ``days`` is a list of ``(date, Day)`` in date order."""

    __slots__ = ("days", "skipped")

    def __init__(self, days, skipped):
        self.days = days
        self.skipped = skipped

    def entries(self):
        """Every entry, in file order, each with the date of the file it is in."""
        for day, loaded in self.days:
            for entry in loaded.entries:
                yield day, entry

    def count(self):
        return sum(len(loaded.entries) for _day, loaded in self.days)


def load_range(journal, start=None, end=None, *, skip_bad=False):
    days, skipped = [], []
    for day, path in journal.day_files(start, end):
        try:
            days.append((day, read_day(path)))
        except FileProblem as problem:
            if not skip_bad:
                raise
            skipped.append(problem)
    return Loaded(days, skipped)
