"""A journal: a folder with ``lobbyctl.yaml`` and one file a day at
``YYYY/MM/YYYY-MM-DD.yaml``.  The path is the authority for a day's date."""

import datetime
import errno
import os
import re
import stat

from lobbyctl.store.config import CONFIG_NAME, load_config
from lobbyctl.errors import FileProblem, JournalProblem
from lobbyctl.schema.text.messages import os_reason, problem
from lobbyctl.store.dayopen import kind_of

DAY_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.yaml\Z")


class Journal:
    def __init__(self, root, config):
        self.root = root
        self.config = config
        self._tz = None
        self._steady = False  # a recording's zone: see ``prefer_steady_zone``
        self.fixed_now = None  # --now / $LOBBYCTL_NOW: what stands in for the clock

    @classmethod
    def open(cls, root, now=None):
        """The journal at ``root``; a folder without ``lobbyctl.yaml`` is no journal."""
        root = os.path.abspath(root)
        if os.path.exists(root) and not os.path.isdir(root):
            raise problem(JournalProblem, "not_a_journal_folder", root=root,
                          kind=kind_of(os.stat(root).st_mode))
        config = load_config(root)
        if config is None:
            raise problem(JournalProblem, "no_journal", hint_key="no_journal_hint", root=root,
                          config=CONFIG_NAME)
        journal = cls(root, config)
        journal.fixed_now = (now or "").strip() or None
        return journal

    @property
    def tz(self):
        if self._tz is None:
            if self._steady:
                from lobbyctl.store.day_facts import DayFacts
                from lobbyctl.store.zone import steady_zone

                self._tz = steady_zone(self.config.timezone, DayFacts(self, machine=True),
                                       lambda name: load_timezone(name, self.config.path))
            if self._tz is None:
                self._tz = load_timezone(self.config.timezone, self.config.path)
        return self._tz

    def prefer_steady_zone(self):
        """For a recording command, before the zone is first used: a zone
        whose offset never changes in the years a journal keeps is had
        without importing zoneinfo (``store.zone``); it answers as the real
        one everywhere, but each answer is a Python call, which a reader of
        a year's entries would pay for 150,000 times."""
        if self._tz is None:
            self._steady = True

    def now(self):
        """Now in the journal's zone, whole seconds.  ``fixed_now`` (the root
        option ``--now``, ``$LOBBYCTL_NOW``: an ISO time, naive ones in the
        journal's zone) stands in for the clock, for tests and scripted
        back-fills, which must not depend on when they run."""
        if self.fixed_now:
            return fixed_now(self.fixed_now, self.tz)
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
                # a ten-year journal is 3,650 names: the usual one read by its
                # slices, a path made by one concatenation (what join makes of
                # a name without a separator)
                head, folder = f"{year:04d}-{month:02d}-", month_dir + os.sep
                for name in _names(month_dir, "month", on_problem):
                    number = name[8:10]
                    if len(name) == 15 and name.startswith(head) and name.endswith(".yaml") \
                            and number.isascii() and number.isdigit():
                        try:
                            day = datetime.date(year, month, int(number))
                        except ValueError:
                            continue
                    else:
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
                    found.append((day, folder + name))
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
        raise problem(JournalProblem, "cannot_list_folder", folder=folder,
                      reason=os_reason(exc)) from None


def not_a_folder(path, which):
    """Why ``path``, where a ``which`` ("year" or "month") folder belongs, is not one."""
    from lobbyctl.schema.text.messages import sentence

    try:
        what = kind_of(os.lstat(path).st_mode)
    except OSError:
        what = sentence("not_a_folder_word")
    return sentence("not_a_folder", what=what, which=sentence(f"{which}_word"))


def fixed_now(text, tz):
    """``--now`` / ``$LOBBYCTL_NOW`` as an aware time in ``tz``; anything else than an ISO
    time is a usage problem (never silently the real clock)."""
    from lobbyctl.errors import UsageProblem

    try:
        when = datetime.datetime.fromisoformat(text[:64])
    except ValueError:
        raise problem(UsageProblem, "now_not_iso", typed=text[:64]) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=tz)
    try:
        when = when.astimezone(tz).replace(microsecond=0)
    except (OverflowError, ValueError):
        when = None
    # ids carry a two-digit year: a journal keeps 2000–2099 (domain.when's range)
    if when is None or not 2000 <= when.year <= 2099:
        raise problem(UsageProblem, "outside_years", where="--now ($LOBBYCTL_NOW): ",
                      typed=text[:64], first=2000, last=2099)
    return when


def load_timezone(name, where):
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder, a name too long
        raise problem(JournalProblem, "config_timezone", where=where, typed=repr(name)) from None


def locate(option_value, user_config_dir):
    """Where the journal is: ``-J``/``LOBBYCTL_JOURNAL`` (given as
    ``option_value``), else ``journal:`` in the user config file, else ./journal."""
    if option_value:
        return os.path.abspath(os.path.expanduser(option_value))
    user_config = os.path.join(user_config_dir, "config.yaml")
    configured = _user_journal(user_config)
    if configured:
        return configured
    return os.path.abspath("journal")


# `journal: /path`, quoted, or plain, starting with / or ~/ and holding no
# `:` or `#` (text for every YAML reader); anything else (a block scalar `>-`, a flow `[`, a number, a
# date, an anchor...) goes to the YAML loader, which knows what it is
# (compiled by ``re`` when first used: with -J or $LOBBYCTL_JOURNAL, never)
_SIMPLE_JOURNAL_LINE = (
    r"""^journal:[ \t]*(?:"([^"\\]*)"|'([^']*)'|((?:/|~/)[^#:]*?))[ \t]*(?:#.*)?$""")
# A user config is a line or two; anything this big is not one someone meant.
MAX_USER_CONFIG_BYTES = 1024 * 1024


def _user_journal(path):
    """The journal folder named by ``journal:`` in the user config at
    ``path`` (absolute), None if it names none."""
    data = _read_user_config(path)
    if data is None:
        return None
    from lobbyctl.store import safeyaml

    text = safeyaml.decode(path, data)
    simple = _simple_journal(text)
    if simple is not None:
        return _journal_path(path, *simple)
    document = safeyaml.compose(path, text)
    root, settings = document.root, document.data()
    if settings is None:
        return None
    if not isinstance(settings, dict):
        raise FileProblem(path, root.start_mark.line + 1,
                          "the user config must be a mapping, e.g. journal: ~/journal")
    for key, node in root.value:
        if key.value == "journal" and key.tag.endswith(":str"):
            line = node.start_mark.line + 1
            if node.id == "scalar" and node.tag.endswith(":null"):
                return None  # `journal:` with nothing after it names no journal
            if not (node.id == "scalar" and node.tag.endswith(":str")):
                raise FileProblem(path, line, "journal: must be a folder path in quotes, "
                                              "e.g. journal: \"~/journal\"")
            return _journal_path(path, line, node.value)
    value = settings.get("journal")  # only by a merge key (<<): no node of its own
    if value is not None and not isinstance(value, str):
        raise FileProblem(path, None, "journal: must be a folder path in quotes, "
                                      "e.g. journal: \"~/journal\"")
    return _journal_path(path, None, value)


def _simple_journal(text):
    """``(line, value)`` of the usual file, nothing but comments, blank lines
    and one simple ``journal:`` line: it needs no YAML library (``(None,
    None)`` if there is no such line either).  None for anything else, which
    YAML reads (and may refuse) as a whole."""
    found = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.match(_SIMPLE_JOURNAL_LINE, line)
        if not match or found:
            return None
        found = number, next(group for group in match.groups() if group is not None)
    return found or (None, None)


def _read_user_config(path):
    """The bytes of the user config, None if there is none.  Opened without
    blocking and read only if it is a regular file of sane size: a FIFO or a
    device there must not hang or flood every command."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise problem(FileProblem, "cannot_read", path=path, line=None,
                      reason=os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(path, None, "not a regular file")
        if info.st_size > MAX_USER_CONFIG_BYTES:
            raise FileProblem(path, None, f"file is {info.st_size // 1024} KiB; a user config "
                                          f"is at most {MAX_USER_CONFIG_BYTES // 1024} KiB")
        data = os.read(fd, MAX_USER_CONFIG_BYTES + 1)
    except OSError as exc:
        raise problem(FileProblem, "cannot_read", path=path, line=None,
                      reason=os_reason(exc)) from None
    finally:
        os.close(fd)
    if len(data) > MAX_USER_CONFIG_BYTES:  # grew since fstat
        raise FileProblem(path, None, f"a user config is at most "
                                      f"{MAX_USER_CONFIG_BYTES // 1024} KiB")
    return data


def _journal_path(path, line, value):
    """``value`` from line ``line`` of the user config as an absolute folder,
    None if empty; refused if no system call could take it."""
    if not value:
        return None
    if "\x00" in value:
        raise FileProblem(path, line, "journal: the path holds a NUL character")
    folder = os.path.abspath(os.path.expanduser(value))
    try:
        os.stat(folder)
    except UnicodeEncodeError:
        raise FileProblem(path, line, "journal: the path holds a character no file name "
                                      "can hold") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise FileProblem(path, line, "journal: the path is too long for this "
                                          "system") from None
    return folder
