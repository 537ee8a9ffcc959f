"""Loading the day files of a date range, for reports, export and ``due``.

Streams over only the files in range (``Journal.day_files``).  A day file that
does not parse stops the load with its path and line, or — with
``skip_bad`` — is left out and named in ``skipped`` so the caller can say so.

Parsed days are kept in a cache, ``.lobbyctl-cache/days/YYYY-MM.json``
beside the journal (ignored by git).  The cache is never trusted over the
file: each file is read and its size and SHA-256 digest compared with the
cached ones, so an edit, a ``git pull`` or a restored backup is parsed afresh.
A day file all of canonical lines keeps only its line numbers (their count
when every line is an entry), its verdict and which entries the judgement
of links must see: its bytes, proved canonical under that digest, are read
again as one JSON array (no proof, no check; writing its entries into the
cache would cost the first run more than it saves the next).  A hand-edited day that needed
the YAML loader keeps its entries.

A digest alone is not enough: the cache folder is inside the journal, so a
month's cache can arrive by ``git add -f`` and a clone, and anyone can compute
the digest of a committed day file and commit a forged cache under it.  So
each month's cache carries an HMAC with a secret key of this machine, kept
outside every journal (``cache_files.machine_key``), over the journal's real
path, the month and every byte of the cache: a cache copied in from a commit
or another machine fails the HMAC and gives no figure.  Each record is also
checked for the shape ``save`` writes; anything else is a miss, parsed afresh.
A link at or under the cache folder is never followed (``cache_files``).
A file that does not parse is never cached, so the cache cannot hide an
error; the entries of a file that parses are judged (``accept``) after the
cache, every time, so what one ``--skip-bad`` run left out is never what a
later run sees.
JSON, not pickle: loading a cache must not be able to run code."""

import contextlib
import errno
import gc
import json
import os
import stat

from lobbyctl.store.cache_files import (machine_key, open_cache_folder, open_days_folder,
                                        replace_in_folder, warn_unsafe)
from lobbyctl.store.config import CACHE_DIR
from lobbyctl.store.dayfile import (SHARED_FROM, Day, canonical_rows, parse_day, read_day_bytes,
                                    shared)
from lobbyctl.store.lines import ENTRY_PREFIX
from lobbyctl.errors import FileProblem

# 2: only days that pass ``readable``; 3: a whole hand-written last line
# without a newline is an entry (version 2 could have cached it as torn);
# 4: signed with this machine's key; 5: a canonical day keeps no entries (its
# own lines, proven canonical under the same digest, are read in one go);
# 6: ``lines`` of a day with an entry on every line is their count
CACHE_VERSION = 6
MAX_CACHE_BYTES = 1 << 28  # a busy month caches in a few MB
MAX_LINE = 1 << 31


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
                 accept=None, judged_by=None, accept_judged=None, typed=None):
        self.journal = journal
        # ``typed()``: the line proof the checks above give ``parse_day`` (asked
        # for only when a day is parsed, not read from the cache), or None
        self.typed = typed or _no_proof
        # ``accept(day, skipped)`` returns the day with what it rejects left
        # out and noted in ``skipped`` (a list; None: raise ``FileProblem``
        # instead): the reading checks of the layer above, which storage must
        # not import.  It runs after the cache, so no cached day is filtered.
        self.accept = accept or _as_is
        # ``judged_by``: a fingerprint of those checks (the rules' source and
        # the journal's settings).  A cached day they found clean is marked
        # with it, in the signed cache, and not judged again while it holds;
        # ``accept_judged(day, skipped)`` is what must still be judged of such
        # a day on every run: what depends on other files (its updates' refs).
        self.judged_by = judged_by
        self.accept_judged = accept_judged or _as_is
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
                collector_on_again()

    def _read(self, day, path):
        if self.cache is None:
            data = read_day_bytes(path)
            parsed = parse_day(path, data, self.typed()) if data is not None \
                else Day(path, [], [])
        else:
            parsed = self.cache.read(day, path, self.typed)
        if self.cache is None or self.judged_by is None:
            return self.accept(parsed, self.skipped if self.skip_bad else None)
        if self.cache.judged(path) == self.judged_by:
            # these bytes, found clean on their own by these very rules
            return self.accept_judged(parsed, self.skipped if self.skip_bad else None)
        problems = []
        kept = self.accept(parsed, problems)
        if not problems:
            self.cache.mark_judged(day, path, self.judged_by, parsed.linked)
            return kept
        if not self.skip_bad:
            first = problems[0]
            raise FileProblem(first.path, first.line, first.detail)
        self.skipped.extend(problems)
        return kept


@contextlib.contextmanager
def collector_paused():
    """The cyclic garbage collector off for a bulk read and what is made of
    it (hundreds of thousands of dicts, no cycles: it would only rescan them,
    at a third of the time); on again after, if it was on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            collector_on_again()


def collector_on_again():
    """The cyclic collector on after a pause.  What the pause made and kept
    is all young: the first collection after it would scan every one of its
    objects, and the next generation's again (13 ms of a ten-year journal's
    form).  Frozen and thawed, they join the oldest generation unscanned,
    where a full collection still finds any cycle among them -- unless the
    process had frozen objects of its own (a server before it forks): a
    thaw would thaw them too, so then the collector is only turned on."""
    if not gc.get_freeze_count():
        gc.freeze()
        gc.unfreeze()
    gc.enable()


def _as_is(day, skipped=None):
    return day


def _no_proof():
    return None


def load_range(journal, start=None, end=None, *, skip_bad=False, cache=True, accept=None,
               judged_by=None, accept_judged=None, typed=None):
    stream = DayStream(journal, start, end, skip_bad=skip_bad, cache=cache, accept=accept,
                       judged_by=judged_by, accept_judged=accept_judged, typed=typed)
    days = list(stream)
    return Loaded(days, stream.skipped)


class DayCache:
    """Parsed day files, one JSON file a month.  Days are read in date order,
    so only the current month is held: a year's cache never sits in memory."""

    def __init__(self, journal, accept=_as_is):
        self.accept = accept
        self.root = journal.root
        self.lang = journal.config.lang
        self.dir_mode = journal.config.dir_mode
        self.file_mode = journal.config.file_mode
        self.signer = None  # made at the first read: readers without a key go uncached
        self.which = None
        self.month = {}
        self.changed = False
        self._judged = {}  # path -> fingerprint of the checks that found it clean

    def read(self, day, path, typed=_no_proof):
        data = read_day_bytes(path)
        if data is None:
            return Day(path, [], [])
        if self.signer is None:
            self.signer = Signer(self.root)
        if not self.signer.usable:
            return self.accept(parse_day(path, data, typed()))
        key = [len(data), self.signer.digest(data)]
        month = self._month((day.year, day.month))
        name = os.path.basename(path)
        record = month.get(name)
        loaded = _cached_day(record, key, path, data)
        if loaded is not None:
            judged = record.get("judged")
            self._judged[path] = judged if type(judged) is str else None
            if self._judged[path] is not None:
                loaded.linked = _linked(record.get("linked"), len(loaded.entries))
            return loaded
        self._judged[path] = None
        parsed = self.accept(parse_day(path, data, typed()))
        lines = parsed.lines
        if lines and lines[-1] == len(lines):  # 1, 2, ... n: an entry on every line
            lines = len(lines)
        month[name] = {"key": key, "lines": lines, "torn": parsed.torn_line,
                       "canonical": parsed.canonical}
        if not parsed.canonical:
            month[name]["entries"] = parsed.entries
        self.changed = True
        return parsed

    def judged(self, path):
        """The fingerprint of the checks that found the cached day at
        ``path`` clean, or None."""
        return self._judged.get(path)

    def mark_judged(self, day, path, fingerprint, linked=None):
        """Note that the checks ``fingerprint`` stands for found the cached
        day at ``path`` clean, and which of its entries (``linked``, a list
        of indexes) the judgement of links must see on every run."""
        record = self._month((day.year, day.month)).get(os.path.basename(path))
        if type(record) is dict:
            record["judged"] = fingerprint
            if linked is not None:
                record["linked"] = linked
            else:
                record.pop("linked", None)
            self._judged[path] = fingerprint
            self.changed = True

    def _month(self, which):
        if which != self.which:
            self.save()
            self.which, self.month = which, self._load(which)
        return self.month

    def _load(self, which):
        data = load_signed(self.root, "days", _month_name(which), self.signer,
                           mode=self.dir_mode, lang=self.lang)
        if data is None or data.get("version") != CACHE_VERSION:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def save(self):
        """Write the current month if it changed; a read-only journal simply goes without."""
        if not self.changed:
            return
        self.changed = False
        name = _month_name(self.which)
        try:
            # dumps, not dump: dump streams through the pure-Python encoder
            body = json.dumps({"version": CACHE_VERSION, "files": self.month},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError, RecursionError):
            return
        folder = open_days_folder(self.root, create=True, mode=self.dir_mode, lang=self.lang)
        if folder is None:
            return
        try:
            replace_in_folder(folder, name, self.signer.seal(name, body), self.file_mode)
        finally:
            os.close(folder)


def _month_name(which):
    return f"{which[0]:04d}-{which[1]:02d}.json"


def load_signed(root, sub, name, signer, *, mode, lang, decode=None):
    """The JSON mapping in ``.lobbyctl-cache/<sub>/<name>`` if this machine
    signed it (``signer``), else None: missing, a link (said once), not a
    plain file, too big, unsigned or signed elsewhere, not JSON, not a mapping.
    ``decode(body)``: the signed bytes (a view, not a copy: a kept month end
    of ten years is 4 MB) made into the mapping another way (None, or
    raising ``ValueError``, for what it cannot read)."""
    folder = open_cache_folder(root, sub, create=False, mode=mode, lang=lang)
    if folder is None:
        return None
    try:
        text = read_cache_file(folder, name)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            warn_unsafe(os.path.join(root, CACHE_DIR, sub, name), lang)
        return None
    finally:
        os.close(folder)
    if text is None:
        return None
    body = signer.open(name, text if decode is None else memoryview(text))
    if body is None:
        return None
    try:
        data = json.loads(body) if decode is None else decode(body)
    except (ValueError, RecursionError):
        return None
    return data if type(data) is dict else None


def save_signed(root, sub, name, signer, body, *, mode, file_mode, lang, then=None):
    """Write ``body`` (bytes) as ``.lobbyctl-cache/<sub>/<name>``, signed by
    ``signer``, replacing any older record whole: ``load_signed``'s twin.
    Nothing is written for a body over ``MAX_CACHE_BYTES`` or where the cache
    folder cannot be had (a read-only journal, a link: said once);
    ``then(folder)``, given the open folder, runs after the write."""
    if len(body) > MAX_CACHE_BYTES:
        return
    folder = open_cache_folder(root, sub, create=True, mode=mode, lang=lang)
    if folder is None:
        return
    try:
        replace_in_folder(folder, name, signer.seal(name, body), file_mode)
        if then is not None:
            then(folder)
    finally:
        os.close(folder)


def read_cache_file(folder, name):
    """The bytes of a cache file, None if it is missing, not a plain file or
    bigger than any month's cache; a link raises ELOOP."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            return None
        return handle.read(MAX_CACHE_BYTES + 1)


def _cached_day(record, key, path, data):
    """The cached day if ``record`` is one for these bytes and of the shape
    ``save`` writes; None -- a miss, parsed afresh -- for anything else."""
    if type(record) is not dict or record.get("key") != key:
        return None
    lines, torn, canonical = record.get("lines"), record.get("torn"), record.get("canonical")
    if (type(canonical) is not bool
            or not (torn is None or (type(torn) is int and 0 < torn <= MAX_LINE))):
        return None
    if type(lines) is int and 0 < lines <= MAX_LINE:
        lines = list(range(1, lines + 1))  # an entry on every line
    elif type(lines) is list:
        for line in lines:
            if type(line) is not int or not 0 < line <= MAX_LINE:
                return None
    else:
        return None
    entries = _canonical_entries(data, lines, torn) if canonical else record.get("entries")
    if type(entries) is not list or len(entries) != len(lines):
        return None
    for entry in entries:
        if type(entry) is not dict:
            return None
    return Day(path, entries, lines, torn, canonical, len(data))


def _linked(linked, count):
    """A record's ``linked`` if it is what ``mark_judged`` writes (indexes
    of a day of ``count`` entries, in order); else None: judged in full."""
    if type(linked) is not list:
        return None
    before = -1
    for index in linked:
        if type(index) is not int or not before < index < count:
            return None
        before = index
    return linked


def _canonical_entries(data, lines, torn):
    """The entries of a day file these very bytes (same digest) once proved
    canonical line by line: its entry lines, found again by the layout the
    proof read (``dayfile.canonical_rows``) and matched with the record's,
    are each one JSON object, so the lot is read as one JSON array -- no
    proof again, and nothing cached but the line numbers.  None (a miss)
    if anything is not as it was proved."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # a write cut inside a character: parsed afresh
    if text.startswith("\ufeff"):
        text = text[1:]
    if torn is None and lines == list(range(1, text.count("\n") + 1)) \
            and text.endswith("\n"):
        return _every_line_an_entry(text)
    rows = canonical_rows(text, torn)
    if rows is None or [number for number, _row in rows] != lines:
        return None
    for _number, row in rows:
        if not row.startswith(ENTRY_PREFIX):
            return None
    try:
        entries = json.loads("[" + ",".join([row[2:] for _number, row in rows]) + "]")
    except (ValueError, RecursionError):
        return None
    return entries if type(entries) is list else None


_SCAN = json.JSONDecoder().scan_once


def _every_line_an_entry(text):
    """As written: an entry on every line.  A common day is read as one
    JSON array (a canonical line holds no raw line break, so the breaks
    before its entries are the array's separators); a large one entry by
    entry where each lies in the text (no copy of the day: the largest day
    is read in the memory its entries take)."""
    size = len(text)
    if size <= SHARED_FROM:
        if not text.startswith(ENTRY_PREFIX):
            return None
        try:
            entries = json.loads("[" + text[2:-1].replace("\n- {", ",{") + "]")
        except (ValueError, RecursionError):
            return None
        return entries if type(entries) is list and len(entries) == text.count("\n") else None
    entries, index = [], 0
    # a large day's entries share their keys, as when it was first read
    share = {}.setdefault
    try:
        while index < size:
            if not text.startswith(ENTRY_PREFIX, index):
                return None
            entry, end = _SCAN(text, index + 2)
            if text[end] != "\n":
                return None
            entries.append(shared(entry, share))
            index = end + 1
    except (ValueError, RecursionError, StopIteration, IndexError):
        return None
    return entries


_SEAL = 64  # a seal's length: an HMAC-SHA256 in hex


class Signer:
    """The machine key's HMAC over a month's cache, bound to this journal's
    real path and the month's name, and the digest a record keys a day by.
    A file without a valid HMAC -- from a commit, a clone, another machine --
    is a miss.  SHA-256: hardware-assisted here, faster than BLAKE2b."""

    def __init__(self, root, purpose=b"lobbyctl-days"):
        import hashlib
        import hmac

        self.purpose = purpose  # a file signed for one cache is no file of another
        self._sha256 = hashlib.sha256
        self._hmac = hmac
        self.key = machine_key(root)
        self.usable = self.key is not None
        self.place = os.path.realpath(root).encode("utf-8", "surrogateescape")

    def digest(self, data):
        return self._sha256(data).hexdigest()

    def _mac(self, name, body):
        mac = self._hmac.new(self.key, digestmod="sha256")
        for part in (self.purpose, b"\0", self.place, b"\0", name.encode("ascii"), b"\0", body):
            mac.update(part)
        return mac.hexdigest().encode("ascii")

    def seal(self, name, body):
        return self._mac(name, body) + b"\n" + body

    def open(self, name, text):
        """The body of ``text`` (bytes, or a view: then a view of it) if its
        seal is this machine's, else None."""
        cut = bytes(text[:_SEAL + 1]).find(b"\n")
        if cut < 0:
            return None
        body = text[cut + 1:]
        if not self._hmac.compare_digest(bytes(text[:cut]), self._mac(name, body)):
            return None
        return body
