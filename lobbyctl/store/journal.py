"""A journal: a folder with ``lobbyctl.yaml`` and one file a day at
``YYYY/MM/YYYY-MM-DD.yaml``.  The path is the authority for a day's date."""

import datetime
import os
import re

from lobbyctl.store.config import CONFIG_NAME, load_config
from lobbyctl.errors import FileProblem, JournalProblem
from lobbyctl.store.dayfile import kind_of

DAY_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.yaml$")


class Journal:
    def __init__(self, root, config):
        self.root = root
        self.config = config
        self._tz = None

    @classmethod
    def open(cls, root):
        """The journal at ``root``; a folder without ``lobbyctl.yaml`` is no journal."""
        root = os.path.abspath(root)
        if os.path.exists(root) and not os.path.isdir(root):
            raise JournalProblem(f"{root} is {kind_of(os.stat(root).st_mode)}, "
                                 "not a journal folder")
        config = load_config(root)
        if config is None:
            raise JournalProblem(f"no journal at {root} (no {CONFIG_NAME})",
                                 hint=f"create one with: lobbyctl -J {root} init")
        return cls(root, config)

    @property
    def tz(self):
        if self._tz is None:
            self._tz = load_timezone(self.config.timezone, self.config.path)
        return self._tz

    def now(self):
        """Now in the journal's zone, whole seconds.  ``$LOBBYCTL_NOW`` (an
        ISO time, naive ones in the journal's zone) stands in for the clock:
        for tests and scripted back-fills, which must not depend on when they run."""
        fixed = os.environ.get("LOBBYCTL_NOW", "").strip()
        if fixed:
            return fixed_now(fixed, self.tz)
        return datetime.datetime.now(self.tz).replace(microsecond=0)

    def today(self):
        return self.now().date()

    def day_path(self, day):
        return os.path.join(self.root, f"{day.year:04d}", f"{day.month:02d}",
                            f"{day.isoformat()}.yaml")

    def day_files(self, start=None, end=None, on_problem=None):
        """``(date, path)`` of every day file from ``start`` to ``end``
        (inclusive, either may be None), in date order.  Only the year and
        month folders in range are listed, so a ten-year journal costs no
        more than its range.  Something other than a folder where a year or
        month folder belongs (a file, a FIFO) is a ``FileProblem``, raised,
        or given to ``on_problem`` and passed over."""
        found = []
        for year_name in _names(self.root):
            if not (len(year_name) == 4 and year_name.isdigit()):
                continue
            year = int(year_name)
            if (start and year < start.year) or (end and year > end.year):
                continue
            year_dir = os.path.join(self.root, year_name)
            for month_name in _names(year_dir, "year", on_problem):
                if not (len(month_name) == 2 and month_name.isdigit()):
                    continue
                month = int(month_name)
                if start and (year, month) < (start.year, start.month):
                    continue
                if end and (year, month) > (end.year, end.month):
                    continue
                month_dir = os.path.join(year_dir, month_name)
                for name in _names(month_dir, "month", on_problem):
                    match = DAY_NAME.match(name)
                    if not match:
                        continue
                    try:
                        day = datetime.date(*map(int, match.groups()))
                    except ValueError:
                        continue
                    if (day.year, day.month) != (year, month):
                        continue  # misplaced: not where day_path looks; `check` names it
                    if (start and day < start) or (end and day > end):
                        continue
                    # whatever is at the path (a FIFO, a folder): the reader refuses it
                    found.append((day, os.path.join(month_dir, name)))
        found.sort()
        return found


def _names(folder, which=None, on_problem=None):
    try:
        return sorted(os.listdir(folder))
    except NotADirectoryError:
        if which is None:
            return []
        problem = FileProblem(folder, 1, not_a_folder(folder, which))
        if on_problem is None:
            raise problem from None
        on_problem(problem)
        return []
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise JournalProblem(f"cannot list {folder}: {exc.strerror}") from None


def not_a_folder(path, which):
    """Why ``path``, where a ``which`` ("year" or "month") folder belongs, is not one."""
    try:
        what = kind_of(os.lstat(path).st_mode)
    except OSError:
        what = "not a folder"
    return f"{what} where a {which} folder belongs; lobbyctl reads no day file under it"


def fixed_now(text, tz):
    """``$LOBBYCTL_NOW`` as an aware time in ``tz``; anything else than an ISO
    time is a usage problem (never silently the real clock)."""
    from lobbyctl.errors import UsageProblem

    try:
        when = datetime.datetime.fromisoformat(text[:64])
    except ValueError:
        raise UsageProblem(f"LOBBYCTL_NOW: {text[:64]!r} is not an ISO time "
                           "(e.g. 2026-12-01T02:00)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    try:
        when = when.astimezone(tz).replace(microsecond=0)
    except (OverflowError, ValueError):
        when = None
    # ids carry a two-digit year: a journal keeps 2000–2099 (domain.when's range)
    if when is None or not 2000 <= when.year <= 2099:
        raise UsageProblem(f"LOBBYCTL_NOW: {text[:64]!r} is outside the years a journal "
                           "keeps (2000–2099)")
    return when


def load_timezone(name, where):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder, a name too long
        raise JournalProblem(f"{where}: unknown timezone {name!r} (e.g. Asia/Shanghai)") from None


def locate(option_value, user_config_dir):
    """Where the journal is: ``-J``/``LOBBYCTL_JOURNAL`` (given as
    ``option_value``), else ``journal:`` in the user config file, else ./journal."""
    if option_value:
        return os.path.abspath(os.path.expanduser(option_value))
    user_config = os.path.join(user_config_dir, "config.yaml")
    configured = _user_journal(user_config)
    if configured:
        return os.path.abspath(os.path.expanduser(configured))
    return os.path.abspath("journal")


# `journal: /path`, quoted or plain; a value starting with a YAML indicator
# (a block scalar `>-`, a flow `[`, an anchor...) goes to the YAML loader
_SIMPLE_JOURNAL_LINE = re.compile(
    r"""^journal:[ \t]*(?:"([^"\\]*)"|'([^']*)'|([^-?:,\[\]{}#&*!|>'"%@`\s][^#]*?))[ \t]*(?:#.*)?$""")


def _user_journal(path):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalProblem(f"cannot read {path}: {exc}") from None
    # the usual one-line file needs no YAML library
    for line in text.splitlines():
        match = _SIMPLE_JOURNAL_LINE.match(line)
        if match:
            return next(group for group in match.groups() if group is not None)
    if "journal" not in text:
        return None
    from lobbyctl.store.config import _parse

    data = _parse(path, text.encode("utf-8"))
    value = data.get("journal")
    return str(value) if value else None
