"""What a recorder needs of its day file, kept from one recording to the next,
so a busy day's file is not parsed again line by line for every greeting.

Under the day file's lock a recorder needs the ids already in the file (a
new id repeats none), whether the file is canonical and whole (an append
after its last line is safe), and the day's openings, closings and voids
(whether the day stands closed: ``check.standing``).  Parsing 600 canonical
lines for that costs more than the rest of the recording together.  So each
recording, once its line is written, leaves a record of those facts for the
bytes the file now holds, and the next one, finding the same bytes, takes
the facts instead of parsing them (``KnownDay``; every entry is still
parsed, from those bytes, when anything asks for all of them).

A record is derived data, trusted only while it provably describes the
file: it is keyed by a BLAKE2b digest of the file's very bytes, made by this
lobbyctl's reading code (the sizes and times of ``store.lines``,
``store.dayfile`` and this module), and signed with the machine key
(``cache_files.machine_key``), bound to the journal's real path and the
day, so a record from a commit, a copy or another machine is no record.
Anything odd in it is a miss, and the file is parsed as before.  Only a
canonical file with no unfinished line is described, and only one worth
it (``WORTH_BYTES``).  One record, of the day last recorded into
(``.lobbyctl-cache/recorder/day.json``, the day named inside), written by a
temp file and a rename, never through a link; losing it (a full disk, a
read-only cache, a recording into another day) costs one parse."""

import json
import os
import stat
import sys

from lobbyctl.store.dayfile import parse_day
from lobbyctl.store.lines import parse_line



def blake2b(*args, **kwargs):
    """``hashlib.blake2b``, imported when a day is worth a record: hashlib
    would import OpenSSL first, 3 ms a recording must not spend."""
    try:
        from _blake2 import blake2b as made
    except ImportError:  # a Python built without its own BLAKE2
        from hashlib import blake2b as made
    return made(*args, **kwargs)


FOLDER = "recorder"
# one record, of the day last recorded into: the day being recorded is the
# one that grows, and a back-fill into another costs one parse
RECORD = "day.json"
VERSION = 1
# below this a day file is parsed faster than its record is read
WORTH_BYTES = 16 * 1024
# what a recorder asks of its day besides its ids
MARKED_TYPES = frozenset(("open", "close", "void"))
STANDING_TYPES = ("open", "close")
MAX_RECORD_BYTES = 4 * 1024 * 1024
_CODE_MODULES = ("lobbyctl.store.lines", "lobbyctl.store.dayfile", __name__)


class KnownDay:
    """A day file as its record tells it: canonical, whole, its ids and its
    marked entries (``marked``: ``(entries, lines)`` of its openings,
    closings and voids, and of every entry sharing an id with an opening or
    a closing); ``entries`` and ``lines`` are parsed from its bytes when
    first asked for, as ``dayfile.parse_day`` reads them."""

    def __init__(self, path, data, ids, marked):
        self.path = path
        self.data = data
        self.size = len(data)
        self.torn_line = None
        self.canonical = True
        self._ids = ids
        self.marked = marked
        self._day = None

    def ids(self):
        return self._ids

    @property
    def entries(self):
        return self._parsed().entries

    @property
    def lines(self):
        return self._parsed().lines

    def _parsed(self):
        if self._day is None:
            self._day = parse_day(self.path, self.data)
        return self._day


def marked(day):
    """``(entries, lines)`` of ``day``'s openings, closings and voids, and of
    the entries sharing an id with an opening or a closing, in file order:
    from a ``KnownDay``'s record, else from its entries."""
    if isinstance(day, KnownDay):
        return day.marked
    return _marked(day.entries, day.lines)


def _marked(entries, lines):
    standing = {entry["id"] for entry in entries if entry.get("type") in STANDING_TYPES
                and entry.get("id").__class__ is str}
    kept, where = [], []
    for entry, line in zip(entries, lines):
        entry_id = entry.get("id")
        if entry.get("type") in MARKED_TYPES or (entry_id.__class__ is str
                                                  and entry_id in standing):
            kept.append(entry)
            where.append(line)
    return kept, where


class DayFacts:
    """The records of one journal's day files, for its recorders."""

    def __init__(self, journal, machine=False):
        """``machine``: records of this machine, not of the journal (the
        zones' rules: ``store.zone``), kept beside the machine key and
        signed for no journal in particular."""
        self.root = journal.root
        self.lang = journal.config.lang
        self.machine = machine
        self.dir_mode = journal.config.dir_mode
        self.file_mode = 0o600 if machine else journal.config.file_mode
        self._key = None

    def known(self, path, data):
        """The ``KnownDay`` for the bytes ``data`` of the day file ``path``
        if a record of this machine describes exactly them, else None."""
        if len(data) < WORTH_BYTES:
            return None
        record = self.read_json(RECORD)
        if type(record) is not dict or record.get("version") != VERSION \
                or record.get("day") != _day_name(path) \
                or record.get("code") != _code() or record.get("size") != len(data) \
                or record.get("digest") != blake2b(data).hexdigest():
            return None
        ids, entries, lines = record.get("ids"), record.get("marked"), record.get("lines")
        if not (type(ids) is list and all(entry_id.__class__ is str for entry_id in ids)
                and type(entries) is list and type(lines) is list
                and len(entries) == len(lines)
                and all(type(entry) is dict for entry in entries)
                and all(type(line) is int for line in lines)):
            return None
        return KnownDay(path, data, set(ids), (entries, lines))

    def remember(self, path, data, before, appended):
        """Leave the record of ``data``, the day file's bytes once
        ``appended`` (the entries just written, its last lines) followed
        what ``before`` (a ``Day`` or ``KnownDay``) held.  Only a canonical
        file is described; a failure to write it is no failure of the
        recording."""
        if len(data) < WORTH_BYTES or not before.canonical:
            return
        ids = set(before.ids()) if isinstance(before, KnownDay) else \
            {entry["id"] for entry in before.entries if entry.get("id").__class__ is str}
        old_entries, old_lines = marked(before)
        entries, lines = list(old_entries), list(old_lines)
        first = data.count(b"\n") - len(appended) + 1
        start = len(data) - 1
        for _entry in appended:  # the start of the first appended line
            start = data.rfind(b"\n", 0, start)
        rows = data[start + 1:-1].decode("utf-8").split("\n")
        for number, (entry, row) in enumerate(zip(appended, rows), first):
            written = parse_line(row)
            entry_id = entry.get("id")
            # a line of ours that did not read back canonical, or a new
            # opening whose id an earlier entry carries: the facts would not
            # be the parse's, so no record
            if written != entry or entry_id.__class__ is not str or (
                    entry.get("type") in STANDING_TYPES and entry_id in ids):
                return
            if entry.get("type") in MARKED_TYPES or any(
                    other.get("id") == entry_id for other in entries
                    if other.get("type") in STANDING_TYPES):
                entries.append(written)
                lines.append(number)
            ids.add(entry_id)
        record = {"version": VERSION, "day": _day_name(path), "code": _code(),
                  "size": len(data),
                  "digest": blake2b(data).hexdigest(), "ids": sorted(ids),
                  "marked": entries, "lines": lines}
        self.write_json(RECORD, record)

    def read_json(self, name):
        """The data of the record ``name`` if this machine signed it for
        this journal, else None (missing, a link, not a plain file, too big,
        unsigned or signed elsewhere, not JSON)."""
        folder = self._folder(create=False)
        if folder is None:
            return None
        try:
            text = _read_record(folder, name)
        except OSError:  # a link named like it among them: no record
            return None
        finally:
            os.close(folder)
        body = self._opened(name, text) if text is not None else None
        if body is None:
            return None
        try:
            return json.loads(body)
        except (ValueError, RecursionError):
            return None

    def write_json(self, name, data):
        """Leave ``data`` as the record ``name``, signed; quietly nothing
        when it cannot be kept."""
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if len(body) <= MAX_RECORD_BYTES:
            self._write(name, body)

    def _folder(self, create):
        """A descriptor of the records' folder (the caller closes it), or None."""
        from lobbyctl.store.cache_files import key_path, open_cache_folder

        if not self.machine:
            return open_cache_folder(self.root, FOLDER, create=create, mode=self.dir_mode,
                                     lang=self.lang)
        if not self._signing_key():  # the key's folder is the user's own and private
            return None
        try:
            return os.open(os.path.dirname(key_path()),
                           os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return None

    def _write(self, name, body):
        from lobbyctl.store.cache_files import replace_in_folder

        sealed = self._sealed(name, body)
        if sealed is None:
            return
        folder = self._folder(create=True)
        if folder is None:
            return
        try:
            replace_in_folder(folder, name, sealed, self.file_mode)
        finally:
            os.close(folder)

    def _signing_key(self):
        if self._key is None:
            from lobbyctl.store.cache_files import key_path, machine_key

            where = (self.root, key_path())
            held = _keys.get(where)
            if held is None:
                # the journal's real path with it: what a record is bound to
                _keys.clear()  # one journal a command: never a map that grows
                held = _keys[where] = (machine_key(self.root) or b"",
                                       os.path.realpath(self.root).encode(
                                           "utf-8", "surrogateescape"))
            self._key, self._place = held
        return self._key

    def _mac(self, name, body):
        if not self._signing_key():
            return None
        place = b"\0machine" if self.machine else self._place
        mac = blake2b(key=self._key, person=b"lobbyctl-rec")
        for part in (place, b"\0", name.encode("ascii"), b"\0", body):
            mac.update(part)
        return mac.hexdigest().encode("ascii")

    def _sealed(self, name, body):
        mac = self._mac(name, body)
        return None if mac is None else mac + b"\n" + body

    def _opened(self, name, text):
        mac, newline, body = text.partition(b"\n")
        expected = self._mac(name, body) if newline else None
        if expected is None or len(text) > MAX_RECORD_BYTES:
            return None
        # compared as digests of themselves, which no timing can tell apart
        # (hmac.compare_digest would import OpenSSL)
        return body if blake2b(mac).digest() == blake2b(expected).digest() else None


# (journal root, key path) -> (machine key, the root's real path): found
# once a command (the zone's record and the day's ask alike)
_keys = {}


def _read_record(folder, name):
    """The bytes of a record in the open ``folder``, None if it is missing,
    not a plain file or too big to be one; never through a link."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
                     dir_fd=folder)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_RECORD_BYTES:
            return None
        return handle.read(MAX_RECORD_BYTES + 1)


def _day_name(path):
    return os.path.basename(path)[:10]


_held_code = []


def _code():
    """What the reading of a day file is made by: the size and time of each
    module's source, so a record made by other code is no record."""
    if not _held_code:
        code = []
        for name in _CODE_MODULES:
            try:
                info = os.stat(sys.modules[name].__file__)
                code.append([name, info.st_size, info.st_mtime_ns])
            except (KeyError, AttributeError, TypeError, OSError):
                code.append([name, None, None])
        _held_code.append(code)
    return _held_code[0]
