"""Loading the day files of a date range, for reports, export and ``due``.

Streams over only the files in range (``Journal.day_files``).  A day file that
does not parse stops the load with its path and line, or — with
``skip_bad`` — is left out and named in ``skipped`` so the caller can say so.

Parsed days are kept in a cache, ``.lobbyctl-cache/days/YYYY-MM.json``
beside the journal (ignored by git).  The cache is never trusted over the
file: each file is read and its size and CRC-32 compared with the cached
ones, so an edit, a ``git pull`` or a restored backup is parsed afresh.  A file
that does not parse is never cached, so the cache cannot hide an error; the
entries of a file that parses are judged (``accept``) after the cache, every
time, so what one ``--skip-bad`` run left out is never what a later run sees.
JSON, not pickle: loading a cache must not be able to run code."""

import gc
import json
import os
import zlib

from lobbyctl.store.config import CACHE_DIR
from lobbyctl.store.dayfile import Day, make_dirs, parse_day, read_day_bytes
from lobbyctl.errors import FileProblem, LobbyError

# 2: only days that pass ``readable`` are cached; 3: a whole hand-written last
# line without a newline is an entry (version 2 could have cached it as torn)
CACHE_VERSION = 3


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


class DayStream:
    """The day files of a range, read one at a time (a year never has to sit
    in memory at once); files skipped with ``skip_bad`` gather in ``skipped``."""

    def __init__(self, journal, start=None, end=None, *, skip_bad=False, cache=True,
                 accept=None):
        self.journal = journal
        # ``accept(day, skipped)`` returns the day with what it rejects left
        # out and noted in ``skipped`` (a list; None: raise ``FileProblem``
        # instead): the reading checks of the layer above, which storage must
        # not import.  It runs after the cache, so no cached day is filtered.
        self.accept = accept or _as_is
        self.start = start
        self.end = end
        self.skip_bad = skip_bad
        self.skipped = []
        self.cache = DayCache(journal) if cache else None

    def __iter__(self):
        # A bulk load makes hundreds of thousands of dicts and no cycles: the
        # cyclic collector only rescans them, at a third of the load's time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            on_problem = self.skipped.append if self.skip_bad else None
            for day, path in self.journal.day_files(self.start, self.end, on_problem):
                try:
                    loaded = self._read(day, path)
                except FileProblem as problem:
                    if not self.skip_bad:
                        raise
                    self.skipped.append(problem)
                    continue
                yield day, loaded
        finally:
            if self.cache is not None:
                self.cache.save()
            if collecting:
                gc.enable()

    def _read(self, day, path):
        if self.cache is None:
            data = read_day_bytes(path)
            parsed = parse_day(path, data) if data is not None else Day(path, [], [])
        else:
            parsed = self.cache.read(day, path)
        return self.accept(parsed, self.skipped if self.skip_bad else None)


def _as_is(day, skipped=None):
    return day


def load_range(journal, start=None, end=None, *, skip_bad=False, cache=True, accept=None):
    stream = DayStream(journal, start, end, skip_bad=skip_bad, cache=cache, accept=accept)
    days = list(stream)
    return Loaded(days, stream.skipped)


class DayCache:
    """Parsed day files, one JSON file a month.  Days are read in date order,
    so only the current month is held: a year's cache never sits in memory."""

    def __init__(self, journal, accept=_as_is):
        self.accept = accept
        self.folder = os.path.join(journal.root, CACHE_DIR, "days")
        self.dir_mode = journal.config.dir_mode
        self.file_mode = journal.config.file_mode
        self.which = None
        self.month = {}
        self.changed = False

    def read(self, day, path):
        data = read_day_bytes(path)
        if data is None:
            return Day(path, [], [])
        key = [len(data), zlib.crc32(data)]
        month = self._month((day.year, day.month))
        name = os.path.basename(path)
        cached = month.get(name)
        if cached is not None and cached.get("key") == key:
            try:
                return Day(path, cached["entries"], cached["lines"], cached["torn"],
                           cached["canonical"], len(data))
            except (KeyError, TypeError):
                pass  # a damaged cache record: parse the file as if it were not there
        parsed = self.accept(parse_day(path, data))
        month[name] = {"key": key, "entries": parsed.entries, "lines": parsed.lines,
                       "torn": parsed.torn_line, "canonical": parsed.canonical}
        self.changed = True
        return parsed

    def _month(self, which):
        if which != self.which:
            self.save()
            self.which, self.month = which, self._load(which)
        return self.month

    def _path(self, which):
        return os.path.join(self.folder, f"{which[0]:04d}-{which[1]:02d}.json")

    def _load(self, which):
        try:
            with open(self._path(which), encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def save(self):
        """Write the current month if it changed; a read-only journal simply goes without."""
        if not self.changed:
            return
        self.changed = False
        path = self._path(self.which)
        temp = f"{path}.{os.getpid()}.tmp"
        try:
            make_dirs(self.folder, self.dir_mode)
            # dumps, not dump: dump streams through the pure-Python encoder
            text = json.dumps({"version": CACHE_VERSION, "files": self.month},
                              ensure_ascii=False, separators=(",", ":"))
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                         self.file_mode)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, path)
        except (LobbyError, OSError, TypeError, ValueError):
            try:
                os.unlink(temp)
            except OSError:
                pass
