"""Checking a journal: every problem is data, ``(path, line, message)``.

``check_journal`` walks the journal's year and month folders itself (not
``Journal.day_files``) because misplaced files are exactly what
``day_files`` skips.  Each day file is read with ``dayfile.read_day``; a file
that does not load is one problem and the walk goes on.  Each entry is then
checked against the schema in ``vocab`` — field by field, without ever
recursing into a value, since a hostile file can nest ten thousand levels
deep — and two checks look across files: duplicate ids, and updates whose
``ref`` leads nowhere.

Paths are relative to the journal with ``/`` separators; whole-file
problems are given line 1, so every problem reads ``path:line: message``."""

import datetime
import os
import re
from typing import NamedTuple

from lobbyctl.schema import vocab
from lobbyctl.store.dayfile import read_day
from lobbyctl.errors import FileProblem, LobbyError
from lobbyctl.schema.ids import ID_PATTERN, id_date
from lobbyctl.store.journal import DAY_NAME
from lobbyctl.domain.privacy import mask

COMMON_REQUIRED = ("id", "type", "at", "by")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YAML_SUFFIXES = (".yaml", ".yml")
# Folders below a month folder are never ours; looking this deep for stray
# YAML files is plenty, and bounds the walk on a hostile tree.
_MAX_STRAY_DEPTH = 6


class Problem(NamedTuple):
    path: str
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


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


def show_value(value):
    """A short, terminal-safe rendering of any value found in a file.

    Never recurses and never calls ``str`` on a huge int (Python refuses
    beyond 4300 digits)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            return f"a {count_digits(value)}-digit number"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        # masked before it is cut short or quoted: a number cut in two, or
        # its spaces escaped by repr, would no longer be seen as one
        value = mask(value)
        text = value if len(value) <= 40 else value[:40] + "..."
        return repr(text)  # quotes it and escapes control characters
    if isinstance(value, (bytes, bytearray)):
        return "binary data"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"



def count_digits(number):
    """How many digits ``number`` has; ``str`` refuses beyond 4300 (and the
    loader with it), so past that only an estimate is possible."""
    if number.bit_length() < 14000:
        return len(str(abs(number)))
    return f"~{int(number.bit_length() * 0.30103)}"


class _Checker:
    def __init__(self, journal, start, end):
        self.journal = journal
        self.root = journal.root
        self.start = start
        self.end = end
        self.problems = []
        self.files = 0
        self.entries = 0
        self.seen_ids = {}  # id -> (type, path, line) of its first entry
        self.updates = []  # (path, line, ref)
        self.checked_dates = set()
        self.failed_dates = set()
        self._vocabularies = {}
        self._outside = {}  # date -> {id: type} of day files read only to resolve a ref

    def run(self):
        day_files = self._scan()
        for day, path in sorted(day_files):
            self._check_file(day, path)
        self._check_refs()
        return CheckResult(self.problems, self.files, self.entries)

    def problem(self, path, line, message):
        # a message quotes what the file holds, and that may be a phone number
        self.problems.append(Problem(self._relative(path), line or 1, mask(message)))

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
                if not entry.is_dir(follow_symlinks=False):
                    continue
                year = int(name)
                if (self.start and year < self.start.year) or (self.end and year > self.end.year):
                    continue
                self._scan_year(entry.path, year, found)
            elif DAY_NAME.match(name) and self._name_in_range(name):
                self.problem(entry.path, 1, "a day file outside its folder; day files live "
                                            "at YYYY/MM/YYYY-MM-DD.yaml")
        return found

    def _scan_year(self, folder, year, found):
        for entry in self._entries(folder):
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                self._link_problem(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                if len(name) == 2 and name.isdigit() and 1 <= int(name) <= 12:
                    month = int(name)
                    if self.start and (year, month) < (self.start.year, self.start.month):
                        continue
                    if self.end and (year, month) > (self.end.year, self.end.month):
                        continue
                    self._scan_month(entry.path, year, month, found)
                else:
                    self._scan_stray(entry.path, 1)
            elif name.endswith(_YAML_SUFFIXES):
                self.problem(entry.path, 1, f"not in a month folder; day files live at "
                                            f"{year:04d}/MM/YYYY-MM-DD.yaml")

    def _scan_month(self, folder, year, month, found):
        for entry in self._entries(folder):
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                self._link_problem(entry.path)
                continue
            if entry.is_dir(follow_symlinks=False):
                self._scan_stray(entry.path, 1)
                continue
            if not name.endswith(_YAML_SUFFIXES):
                continue
            match = DAY_NAME.match(name)
            if not match:
                self.problem(entry.path, 1, f"not named YYYY-MM-DD.yaml, so lobbyctl never "
                                            f"reads it")
                continue
            try:
                day = datetime.date(*map(int, match.groups()))
            except ValueError:
                self.problem(entry.path, 1, f"{name[:10]} is not a calendar date")
                continue
            if (day.year, day.month) != (year, month):
                self.problem(entry.path, 1, f"in the wrong folder: {name} belongs in "
                                            f"{day.year:04d}/{day.month:02d}/")
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
                self.problem(entry.path, 1, "not where day files live (YYYY/MM/YYYY-MM-DD.yaml), "
                                            "so lobbyctl never reads it")

    def _entries(self, folder):
        try:
            with os.scandir(folder) as listing:
                return sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.problem(folder, 1, f"cannot list this folder: {exc.strerror or exc}")
            return []

    def _link_problem(self, path):
        self.problem(path, 1, "a symbolic link; a journal holds real files and folders only "
                              "(lobbyctl does not follow links)")

    def _name_in_range(self, name):
        try:
            day = datetime.date.fromisoformat(name[:10])
        except ValueError:
            return self.start is None and self.end is None
        return not ((self.start and day < self.start) or (self.end and day > self.end))

    # --- what files hold ---------------------------------------------------

    def _check_file(self, day, path):
        self.checked_dates.add(day)
        try:
            loaded = read_day(path)
        except FileProblem as exc:
            self.failed_dates.add(day)
            self.problem(path, exc.line, exc.detail)
            return
        except LobbyError as exc:
            # "cannot read /abs/path: reason": the path is already the location
            self.failed_dates.add(day)
            self.problem(path, 1, exc.message.replace(f" {path}", ""))
            return
        self.files += 1
        self.entries += len(loaded.entries)
        if loaded.torn_line is not None:
            self.problem(path, loaded.torn_line, "an unfinished last line (a write cut short by "
                                                 "a crash); the next recording into this day "
                                                 "removes it")
        for entry, line in zip(loaded.entries, loaded.lines):
            for message in self._check_entry(entry, day, path, line):
                self.problem(path, line, message)

    def _check_entry(self, entry, day, path, line):
        if not isinstance(entry, dict):
            yield "an entry must be a mapping of fields"
            return
        entry_type = entry.get("type")
        schema = None
        if "type" in entry:
            if isinstance(entry_type, str) and entry_type in vocab.FIELDS:
                schema = vocab.FIELDS[entry_type]
            else:
                known = ", ".join(vocab.FIELDS)
                yield f"type: unknown entry type {show_value(entry_type)} (known: {known})"
        missing = [name for name in COMMON_REQUIRED if name not in entry]
        if schema is not None:
            missing += [name for name in vocab.REQUIRED[entry_type] if name not in entry]
        if missing:
            yield f"missing required field{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"

        yield from self._check_id(entry, day, path, line)
        yield from self._check_at(entry, day)
        if "by" in entry:
            message = _text_problem(entry["by"])
            if message:
                yield f"by: {message}"

        for key, value in entry.items():
            if not isinstance(key, str):
                yield f"a field name must be text, found {show_value(key)}"
                continue
            if key in vocab.COMMON_FIELDS:
                continue
            if schema is None:
                continue  # an unknown type: its fields cannot be judged
            kind = schema.get(key)
            if kind is None:
                yield f"unknown field {show_value(key)} for {entry_type}{_did_you_mean(key, schema)}"
                continue
            message = self._kind_problem(kind, value)
            if message:
                yield f"{key}: {message}"

        if entry_type == "update" and isinstance(entry.get("ref"), str) \
                and ID_PATTERN.match(entry["ref"]):
            self.updates.append((path, line, entry["ref"]))

    def _check_id(self, entry, day, path, line):
        if "id" not in entry:
            return
        entry_id = entry["id"]
        if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
            yield f"id: {show_value(entry_id)} is not an entry id (YYMMDD-xxxxxx)"
            return
        if id_date(entry_id) != (day.year, day.month, day.day):
            yield f"id: {entry_id} names the day 20{entry_id[:2]}-{entry_id[2:4]}-" \
                  f"{entry_id[4:6]}, but the file is {day.isoformat()}"
        first = self.seen_ids.get(entry_id)
        if first is not None:
            yield f"duplicate id {entry_id}: also at {self._relative(first[1])}:{first[2]}"
        else:
            # what an update may see of it: refer, complain, fault, or just its type
            self.seen_ids[entry_id] = (vocab.update_target(entry) or entry.get("type"), path, line)

    def _check_at(self, entry, day):
        if "at" not in entry:
            return
        at = entry["at"]
        when = _timestamp(at)
        if when is None:
            yield f"at: {show_value(at)} is not an ISO 8601 time with a UTC offset " \
                  f"(like 2026-11-20T10:30:00+08:00)"
            return
        try:
            local = when.astimezone(self.journal.tz).date()
        except (OverflowError, ValueError):
            yield f"at: {show_value(at)} is out of range"
            return
        if local != day:
            yield f"at: {at} is on {local.isoformat()} in {self.journal.config.timezone}, " \
                  f"but the file is {day.isoformat()}"

    def _kind_problem(self, kind, value):
        """Why ``value`` is not of field kind ``kind``, or None."""
        return kind_problem(kind, value, self._label_problem)

    def _label_problem(self, name, value):
        known = self._vocabulary(name)
        if isinstance(value, str) and value in known.labels:
            return None
        return f"unknown {name} {show_value(value)} (known: {', '.join(known.keys())})"

    def _vocabulary(self, name):
        if name not in self._vocabularies:
            self._vocabularies[name] = vocab.vocabulary(name, self.journal.config)
        return self._vocabularies[name]

    # --- across files ------------------------------------------------------

    def _check_refs(self):
        updatable = ", ".join(vocab.UPDATE_TARGETS)
        for path, line, ref in self.updates:
            found = self.seen_ids.get(ref)
            target_type = found[0] if found else self._find_outside(ref)
            if target_type is _UNREADABLE:
                self.problem(path, line, f"ref: {ref} is in a day file that does not load")
            elif target_type is None:
                self.problem(path, line, f"ref: no entry {ref} in the journal")
            elif target_type not in vocab.UPDATE_TARGETS:
                self.problem(path, line, f"ref: {ref} is a {show_value(target_type)} entry, "
                                         f"which cannot be updated (only {updatable})")

    def _find_outside(self, ref):
        """The type of entry ``ref`` when its day was not among the files
        checked (a range check), else None; ``_UNREADABLE`` if its day file
        does not load."""
        try:
            day = datetime.date(*id_date(ref))
        except (TypeError, ValueError):
            return None
        if day in self.failed_dates:
            return _UNREADABLE
        if day in self.checked_dates:
            return None
        if day not in self._outside:
            try:
                loaded = read_day(self.journal.day_path(day))
            except LobbyError:
                self._outside[day] = _UNREADABLE
            else:
                self._outside[day] = {entry.get("id"): vocab.update_target(entry) or entry.get("type")
                                      for entry in loaded.entries
                                      if isinstance(entry.get("id"), str)}
        found = self._outside[day]
        if found is _UNREADABLE:
            return _UNREADABLE
        return found.get(ref)


_UNREADABLE = object()


def kind_problem(kind, value, label_problem):
    """Why ``value`` is not of field kind ``kind``, or None; ``label_problem(name,
    value)`` judges one key of the vocabulary ``name``."""
    base, _, name = kind.partition(":")
    if base in ("text", "timestamp"):
        if base == "timestamp" and _timestamp(value) is None:
            return f"{show_value(value)} is not an ISO 8601 time with a UTC offset"
        return _text_problem(value)
    if base == "int":
        if type(value) is int and value >= 0:
            return None
        return f"must be a whole number, 0 or more, found {show_value(value)}"
    if base == "bool":
        return None if isinstance(value, bool) else \
            f"must be true or false, found {show_value(value)}"
    if base == "date":
        if isinstance(value, str) and _DATE.match(value):
            try:
                datetime.date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return f"{show_value(value)} is not a date (YYYY-MM-DD)"
    if base == "id":
        if isinstance(value, str) and ID_PATTERN.match(value):
            return None
        return f"{show_value(value)} is not an entry id (YYMMDD-xxxxxx)"
    if base == "names":
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            return f"must be a list of names, found {show_value(value)}"
        return next(filter(None, map(_text_problem, value)), None)
    if base == "label":
        return label_problem(name, value)
    if base == "labels":
        if not isinstance(value, list):
            return f"must be a list of {name} keys, found {show_value(value)}"
        for item in value:
            message = label_problem(name, item)
            if message:
                return message
        return None
    if base == "checklist":
        if not isinstance(value, dict):
            return f"must map {name} keys to what was wrong, found {show_value(value)}"
        for item, text in value.items():
            message = label_problem(name, item)
            if message:
                return message
            message = _text_problem(text)
            if message:
                return f"{item}: {message}"
        return None
    return None  # a kind this checker does not know judges nothing


def reading_problem(entry):
    """Why a report cannot read ``entry``, or None: a field it knows holding a
    value of the wrong kind (text that is not text, a count that is not a
    whole number, a list that is not a list of keys...), which would make
    every figure built on it wrong.  Unknown labels, unknown fields and
    entry types are left to ``check``: a report shows them as they are."""
    schema = vocab.FIELDS.get(entry.get("type")) if isinstance(entry.get("type"), str) else None
    for key, value in entry.items():
        kind = vocab.COMMON_FIELDS.get(key) if isinstance(key, str) else None
        if kind is None and schema is not None:
            kind = schema.get(key)
        if kind is None:
            continue
        if kind == "label:type":
            message = _key_problem("type", value)
        else:
            message = kind_problem(kind, value, _key_problem)
        if message:
            return f"{key}: {message}"
    return None


def _key_problem(name, value):
    if isinstance(value, str):
        return _text_problem(value)
    return f"must be a {name} key, found {show_value(value)}"


def _text_problem(value):
    if not isinstance(value, str):
        return f"must be text, found {show_value(value)}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # a lone surrogate, from a \ud800-style escape: no reader can use it
        return f"{show_value(value)} is not valid Unicode text"
    return None


def _timestamp(value):
    """An aware datetime from ISO 8601 text with a UTC offset, else None."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        when = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if "T" not in value.upper() and " " not in value:
        return None  # a bare date is not a time
    return when if when.utcoffset() is not None else None


def _did_you_mean(typed, known):
    import difflib

    close = difflib.get_close_matches(typed, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
