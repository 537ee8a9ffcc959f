"""Checking a journal: every problem is data, ``(path, line, message)``.

``check_journal`` walks the journal's year and month folders itself (not
``Journal.day_files``) because misplaced files are exactly what
``day_files`` skips.  Each day file is read with ``dayfile.read_day``; a file
that does not load is one problem and the walk goes on.  Each entry is then
judged by ``check.entry.entry_problems`` — the one judgement every reader
applies too — and two checks look across files: an id repeated in another
day's file, and links (an update's ``ref``, a ``lead``, ``after`` or
``returning``) that lead nowhere, to an entry of the wrong kind or to one
timed after them (``check.refs``: the judgement every reader applies to the
entries it reads, so the message is one) -- and voids likewise (nowhere, a
void, after them), and a second void of one entry; and a satisfaction
check on a referral not accepted by then, as the fold sees it (the one
every reader counts through, which leaves such a check out).

``lobbyctl.yaml``'s ``queue:`` map (and ``service_level_minutes``) is
judged too, each problem at its line of the file.

The ``targets:`` of ``lobbyctl.yaml`` are judged too (``schema/targets.py``):
an unknown name, a value that is not a number or out of its range, two
targets on one figure, each at its line of the file.

Paths are relative to the journal with ``/`` separators; whole-file
problems are given line 1, so every problem reads ``path:line: message``."""

import datetime
import os
import re
from typing import NamedTuple

from lobbyctl.check.entry import Rules, entry_problems
from lobbyctl.check.refs import UNREADABLE, RefJudge
from lobbyctl.store.dayfile import read_day
from lobbyctl.errors import FileProblem, LobbyError
from lobbyctl.schema.ids import ID_PATTERN
from lobbyctl.schema.vocab import LINK_FIELDS, LINKS, UPDATABLE
from lobbyctl.store.journal import DAY_NAME, not_a_folder
from lobbyctl.schema.text.messages import in_language, os_reason, sentence
from lobbyctl.schema.text.privacy import mask

_YAML_SUFFIXES = (".yaml", ".yml")
_FOLDED = UPDATABLE + ("update",)
_MONTH_NAME = re.compile(r"^(0[1-9]|1[0-2])\Z")
# Folders below a month folder are never ours; looking this deep for stray
# YAML files is plenty, and bounds the walk on a hostile tree.
_MAX_STRAY_DEPTH = 6


class Problem(NamedTuple):
    """One problem: ``message`` is its English text, masked; ``said`` the
    catalogue sentence it came from (``messages.Sentence``), if any, so
    ``check`` can print it in the journal's language (``in_language``)."""

    path: str
    line: int
    message: str
    said: object = None

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"

    def in_language(self, lang):
        """``path:line: message`` in ``lang`` (English for a sentence not in
        the catalogue), masked as ``message`` is."""
        if self.said is None or lang == "en":
            return str(self)
        return f"{self.path}:{self.line}: {mask(in_language(self.said, lang))}"


class CheckResult:
    """What ``check_journal`` found: ``problems`` sorted by path and line,
    ``files`` day files read, ``entries`` entries in them."""

    __slots__ = ("problems", "files", "entries")

    def __init__(self, problems, files, entries):
        self.problems = sorted(problems, key=lambda problem: (problem.path, problem.line))
        self.files = files
        self.entries = entries

    @property
    def ok(self):
        return not self.problems

    def files_with_problems(self):
        return len({problem.path for problem in self.problems})


def check_journal(journal, start=None, end=None):
    """Check every day file from ``start`` to ``end`` (dates, either None)."""
    return _Checker(journal, start, end).run()


class _Checker:
    def __init__(self, journal, start, end):
        self.journal = journal
        self.root = journal.root
        self.start = start
        self.end = end
        self.problems = []
        self.files = 0
        self.entries = 0
        self.seen_ids = {}  # id -> (path, line) of its first entry
        # (path, line, type, field, ref, at, the entry's day as YYMMDD, its id,
        # whether entry_problems accepted it, (its day, its place in the file))
        self.links = []
        # (entry, path, line) of the referrals and updates accepted, in
        # journal order: the satisfaction checks are judged on their fold
        self.folded = []
        self.rules = Rules(journal)
        # what each day file holds for a ref; a day outside the range is read
        # only when a ref names it
        self.refs = RefJudge(journal)

    def run(self):
        self._check_targets()
        day_files = self._scan()
        for day, path in sorted(day_files):
            self._check_file(day, path)
        self._check_refs()
        self._check_satisfaction()
        self._check_queue_map()
        return CheckResult(self.problems, self.files, self.entries)

    def problem(self, path, line, message):
        # a message quotes what the file holds, and that may be a phone number
        self.problems.append(Problem(self._relative(path), line or 1, mask(message),
                                     message if getattr(message, "key", None) else None))

    def _relative(self, path):
        return os.path.relpath(path, self.root).replace(os.sep, "/")

    # --- where files are ---------------------------------------------------

    def _scan(self):
        """The day files in their right place, in range; every misplaced
        YAML file and every symbolic link in the year folders is a problem."""
        found = []
        for entry in self._entries(self.root):
            name = entry.name
            if name.startswith("."):
                continue  # .git, .lobbyctl-cache, .gitattributes
            if len(name) == 4 and name.isdigit():
                if entry.is_symlink():
                    self._link_problem(entry.path)
                    continue
                year = int(name)
                if (self.start and year < self.start.year) or (self.end and year > self.end.year):
                    continue
                if not entry.is_dir(follow_symlinks=False):
                    self.problem(entry.path, 1, not_a_folder(entry.path, "year"))
                    continue
                self._scan_year(entry.path, year, found)
            elif DAY_NAME.match(name) and self._name_in_range(name):
                self.problem(entry.path, 1, sentence("outside_folder"))
        return found

    def _scan_year(self, folder, year, found):
        for entry in self._entries(folder):
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                self._link_problem(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                if _MONTH_NAME.match(name):
                    if self._month_in_range(year, int(name)):
                        self._scan_month(entry.path, year, int(name), found)
                else:
                    self._scan_stray(entry.path, 1)
            elif _MONTH_NAME.match(name):
                if not self._month_in_range(year, int(name)):
                    continue
                self.problem(entry.path, 1, not_a_folder(entry.path, "month"))
            elif name.endswith(_YAML_SUFFIXES):
                self.problem(entry.path, 1, sentence("not_in_month", year=f"{year:04d}"))

    def _scan_month(self, folder, year, month, found):
        for entry in self._entries(folder):
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                self._link_problem(entry.path)
                continue
            if entry.is_dir(follow_symlinks=False):
                if DAY_NAME.match(name) and self._name_in_range(name):
                    self.problem(entry.path, 1, sentence("folder_like_day"))
                self._scan_stray(entry.path, 1)
                continue
            if not name.endswith(_YAML_SUFFIXES):
                continue
            match = DAY_NAME.match(name)
            if not match:
                self.problem(entry.path, 1, sentence("misnamed"))
                continue
            try:
                day = datetime.date(*map(int, match.groups()))
            except ValueError:
                self.problem(entry.path, 1, sentence("not_calendar_date", name=name[:10]))
                continue
            if (day.year, day.month) != (year, month):
                self.problem(entry.path, 1, sentence("wrong_folder", name=name,
                                                     folder=f"{day.year:04d}/{day.month:02d}"))
                continue
            if (self.start and day < self.start) or (self.end and day > self.end):
                continue
            found.append((day, entry.path))

    def _scan_stray(self, folder, depth):
        """A folder that is not ours inside the day tree: any YAML in it is lost."""
        if depth > _MAX_STRAY_DEPTH:
            return
        for entry in self._entries(folder):
            if entry.name.startswith("."):
                continue
            if entry.is_symlink():
                self._link_problem(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                self._scan_stray(entry.path, depth + 1)
            elif entry.name.endswith(_YAML_SUFFIXES):
                self.problem(entry.path, 1, sentence("stray_yaml"))

    def _entries(self, folder):
        try:
            with os.scandir(folder) as listing:
                return sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.problem(folder, 1, sentence("cannot_list", reason=os_reason(exc)))
            return []

    def _month_in_range(self, year, month):
        return not ((self.start and (year, month) < (self.start.year, self.start.month))
                    or (self.end and (year, month) > (self.end.year, self.end.month)))

    def _link_problem(self, path):
        self.problem(path, 1, sentence("symlink_in_journal"))

    def _name_in_range(self, name):
        try:
            day = datetime.date.fromisoformat(name[:10])
        except ValueError:
            return self.start is None and self.end is None
        return not ((self.start and day < self.start) or (self.end and day > self.end))

    # --- what files hold ---------------------------------------------------

    def _check_file(self, day, path):
        try:
            loaded = read_day(path)
        except FileProblem as exc:
            self.refs.know_day(day, UNREADABLE)
            self.problem(path, exc.line, exc.detail)
            return
        except LobbyError as exc:
            # "cannot read /abs/path: reason": the path is already the location
            self.refs.know_day(day, UNREADABLE)
            self.problem(path, 1, exc.message.replace(f" {path}", ""))
            return
        self.refs.know_day(day, loaded.entries)
        self.files += 1
        self.entries += len(loaded.entries)
        if loaded.torn_line is not None:
            self.problem(path, loaded.torn_line, sentence("torn_line"))
        context = self.rules.file(day, path)
        for place, (entry, line) in enumerate(zip(loaded.entries, loaded.lines)):
            messages = entry_problems(entry, day, context, line)
            for message in messages:
                self.problem(path, line, message)
            if isinstance(entry, dict):
                self._note_id(entry, path, line, not messages, (day, place))
                if not messages and entry.get("type") in _FOLDED:
                    self.folded.append((entry, path, line))

    def _note_id(self, entry, path, line, accepted=True, place=None):
        """The bookkeeping across files: where each id was first seen (an
        id repeated in another day's file is a duplicate ``entry_problems``
        cannot see), and each update's ``ref``."""
        entry_id = entry.get("id")
        if isinstance(entry_id, str) and ID_PATTERN.match(entry_id):
            first = self.seen_ids.get(entry_id)
            if first is None:
                self.seen_ids[entry_id] = (path, line)
            elif first[0] != path:
                self.problem(path, line, sentence("duplicate_id", id=entry_id,
                                                  place=f"{self._relative(first[0])}:{first[1]}"))
        entry_type = entry.get("type")
        fields = ("ref",) if entry_type == "void" else \
            LINK_FIELDS.get(entry_type, ()) if isinstance(entry_type, str) else ()
        for name in fields:
            ref = entry.get(name)
            if isinstance(ref, str) and ID_PATTERN.match(ref):
                self.links.append((path, line, entry_type, name, ref, entry.get("at"),
                                   os.path.basename(path)[2:10].replace("-", ""),
                                   entry.get("id"), accepted, place))

    # --- the settings ------------------------------------------------------

    def _check_targets(self):
        from lobbyctl.schema.targets import read_targets
        from lobbyctl.store.config import setting_lines

        config = self.journal.config
        _targets, problems = read_targets(config.targets)
        if not problems:
            return
        start, lines = setting_lines(config.path, "targets")
        for name, key, values in problems:
            self.problem(config.path, lines.get(name) or start or 1, sentence(key, **values))

    # --- across files ------------------------------------------------------

    def _check_queue_map(self):
        """The ``queue:`` map and the service level of ``lobbyctl.yaml``,
        which ``import queue`` reads (``domain.queue_map``)."""
        from lobbyctl.domain.queue_map import queue_map

        config = self.journal.config
        for line, message in queue_map(config)[1]:
            self.problem(config.path, line, message)

    def _check_satisfaction(self):
        """A satisfaction check on a referral not accepted by then, as the
        fold every reader counts through sees it (``domain.fold``: it leaves
        such a check out; ``update --satisfaction`` refuses one)."""
        if not any(entry.get("satisfaction") for entry, _path, _line in self.folded):
            return
        from lobbyctl.check.voids import voids_of
        from lobbyctl.domain.fold import apply_update, fold, initial_state, \
            satisfaction_off_a_sale

        voids = voids_of(self.journal)
        kept = [item for item in self.folded if not voids.takes_out(item[0])]
        where = {id(entry): (path, line) for entry, path, line in kept}
        states, _orphans = fold([entry for entry, _path, _line in kept])
        for state in states.values():
            if not any(update.get("satisfaction") for update in state["updates"]):
                continue
            replay = initial_state(state["original"])
            for update in state["updates"]:
                if satisfaction_off_a_sale(replay, update):
                    path, line = where[id(update)]
                    self.problem(path, line, sentence(
                        "satisfaction_off_a_sale", ref=update["ref"],
                        outcome=replay.get("outcome") or (
                            "pending" if replay.get("type") == "refer" else replay.get("type"))))
                apply_update(replay, update)

    def _check_refs(self):
        # the one judgement of a link (``check.refs``), every reader's too
        voided = {}  # ref -> (path, line) of the first void of it that voids it
        places = {}  # day -> the order of its file's ids, for links at one instant
        for path, line, entry_type, name, ref, at, own_day, own_id, accepted, place in self.links:
            kind = entry_type
            day, index = place
            if day not in places:
                places[day] = self.refs.places(day)
            message = (self.refs.void_problem(ref, at, own_day) if kind == "void"
                       else self.refs.problem(ref, at, own_day, name, LINKS[entry_type, name],
                                              own_id, index, places[day]))
            if message:
                self.problem(path, line, message)
            elif kind == "void" and accepted:  # a void check refuses voids nothing
                first = voided.setdefault(ref, (path, line))
                if first != (path, line):
                    self.problem(path, line, sentence(
                        "void_twice", ref=ref, place=f"{self._relative(first[0])}:{first[1]}"))
