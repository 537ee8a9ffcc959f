"""One day file: loading it (fast path or full YAML) and appending to it.

A day file is a top-level YAML block sequence of entry mappings.  lobbyctl
writes each entry as one canonical line (``lobbyctl.store.lines``) with a single
``write`` on a descriptor opened ``O_APPEND``, under an exclusive ``flock`` on
the file, then ``fsync``: the bytes already in the file are never rewritten,
concurrent recorders are serialised, and a crash leaves either the old file or
the old file plus the whole new line.

The one exception to "never rewritten": a trailing line with no newline that is
the beginning of an unfinished canonical line (a write cut short by a crash or
a full disk) is not an entry; the loader ignores it, and the next append under
the lock cuts it off before writing.
"""

import errno
import fcntl
import os
import stat
import time

from lobbyctl.errors import FileProblem, JournalProblem
from lobbyctl.schema.text.messages import say
from lobbyctl.store.lines import ENTRY_PREFIX, dump_entry, parse_line
from lobbyctl.store.torn import keep_torn

# A busy day is ~100 KB; anything this big is not a day file someone meant.
MAX_DAY_BYTES = 16 * 1024 * 1024
LOCK_TIMEOUT_SECONDS = 15.0


class Day:
    """The entries of one day file, with the line each starts on."""

    __slots__ = ("path", "entries", "lines", "torn_line", "canonical", "size")

    def __init__(self, path, entries, lines, torn_line=None, canonical=True, size=0):
        self.path = path
        self.entries = entries
        self.lines = lines
        self.torn_line = torn_line  # line number of an unfinished last line, if any
        self.canonical = canonical  # every entry on a canonical line (fast path)
        self.size = size

    def ids(self):
        return {entry.get("id") for entry in self.entries}


def read_day(path):
    """Load a day file; a missing file is an empty day.

    Raises ``FileProblem`` (path and line) for anything that is not a sequence
    of mappings: a YAML error, a tag, an alias, a file too big to be a day."""
    data = read_day_bytes(path)
    if data is None:
        return Day(path, [], [])
    return parse_day(path, data)


def read_day_bytes(path):
    """The bytes of a day file, None if there is none; a symlink (the file or
    its year or month folder) is refused, as a problem at line 1 of the file."""
    try:
        fd = _open_day(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileProblem(path, 1, f"cannot read: {_reason(path, exc)}") from None
    try:
        _require_regular(fd, path)
        return _read_all(fd, path)
    finally:
        os.close(fd)


def parse_day(path, data):
    """Parse the bytes of a day file (see ``read_day``)."""
    if len(data) > MAX_DAY_BYTES:
        raise FileProblem(path, 1, f"file is {len(data) // (1024 * 1024)} MiB; a day file is "
                                      f"at most {MAX_DAY_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut = last_line_start(data)
        if exc.reason == "unexpected end of data" and exc.start > cut \
                and _is_torn(data[cut:exc.start].decode("utf-8")):
            # a write cut short inside a character: the rest of the file decides
            day = parse_day(path, data[:cut])
            day.torn_line, day.size = data.count(b"\n", 0, cut) + 1, len(data)
            return day
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileProblem(path, line, "not valid UTF-8 text") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    day = _fast_parse(path, text)
    if day is None:
        day = _yaml_parse(path, text)
    day.size = len(data)
    return day


def _fast_parse(path, text):
    """Every line canonical, a comment or blank: the entries; else None.

    An unterminated last line that is not canonical is decided here only when
    it is the start of a canonical line that does not parse as YAML even on
    its own (a write cut short): a line at column 0 holding the whole of its
    item parses alone exactly as it parses after the canonical lines above
    it.  Anything else (a hand-written entry, a trailing comment) sends the
    whole file to the YAML loader, which decides."""
    entries, lines = [], []
    torn_line = None
    rows = text.split("\n")
    last = len(rows) - 1
    for number, row in enumerate(rows, 1):
        if not row or row.startswith("#") or row.isspace():
            continue
        entry = parse_line(row)
        if entry is None:
            if number - 1 == last and "\r" not in row and _is_unfinished(row):
                torn_line = number
                continue
            return None
        entries.append(entry)
        lines.append(number)
    return Day(path, entries, lines, torn_line, canonical=True)


def _is_unfinished(row):
    """The start of a canonical line that YAML cannot read as an entry even
    on its own: what a cut-short append leaves behind.  A line the parser
    reads whole as an entry is never torn, however wrong its values (a key
    twice, a tag): it is a hand-written entry, and a problem with it is the
    loader's to name, never a reason to cut it."""
    if not (ENTRY_PREFIX.startswith(row) or row.startswith(ENTRY_PREFIX)):
        return False
    from lobbyctl.store import safeyaml  # only a line that is not canonical needs it

    return not safeyaml.is_whole_entry(row)


def _is_torn(row):
    """Something a cut-short append may have left: a prefix of a canonical
    line, or a canonical line's start (a write cut inside a character)."""
    return ENTRY_PREFIX.startswith(row) or row.startswith(ENTRY_PREFIX)


def last_line_start(text):
    """Where the last line of ``text`` (str or bytes) starts: after the last
    line break, which for YAML is a line feed or a carriage return."""
    if isinstance(text, bytes):
        return max(text.rfind(b"\n"), text.rfind(b"\r")) + 1
    return max(text.rfind("\n"), text.rfind("\r")) + 1


def _yaml_parse(path, text):
    try:
        return _yaml_parse_whole(path, text)
    except FileProblem:
        # Only a last line that does not parse with the rest, when the rest
        # parses without it, is a torn write: a whole entry typed by hand
        # without a final newline stays an entry (the next append would
        # otherwise cut it off).
        cut = last_line_start(text)
        head, tail = text[:cut], text[cut:]
        if not tail or not _is_unfinished(tail):
            raise
        try:
            day = _fast_parse(path, head) or _yaml_parse_whole(path, head)
        except FileProblem:
            pass
        else:
            day.torn_line = head.count("\n") + 1
            return day
        raise


def _yaml_parse_whole(path, text):
    from lobbyctl.store import safeyaml  # only a hand-edited file needs it

    document = safeyaml.compose(path, text)  # refuses deep nesting, aliases, tags first
    root = document.root
    if root is None:
        return Day(path, [], [], canonical=False)
    if root.id != "sequence":
        raise FileProblem(path, root.start_mark.line + 1,
                          "a day file must be a list of entries (each line starting with '- ')")
    entries, lines = [], []
    for node in root.value:
        # one entry at a time: a value that cannot be read is named by its entry's line
        line = node.start_mark.line + 1
        entry = document.data(node)
        if not isinstance(entry, dict):
            raise FileProblem(path, line, "an entry must be a mapping of fields")
        entries.append(entry)
        lines.append(line)
    return Day(path, entries, lines, canonical=False)


def _read_all(fd, path):
    size = os.fstat(fd).st_size
    if size > MAX_DAY_BYTES:
        raise FileProblem(path, 1, f"file is {size // (1024 * 1024)} MiB; a day file is "
                                      f"at most {MAX_DAY_BYTES // (1024 * 1024)} MiB")
    chunks = []
    offset = 0
    while True:
        chunk = os.pread(fd, max(size - offset, 65536), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
        if offset > MAX_DAY_BYTES:
            break
    return b"".join(chunks)


_KINDS = ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def kind_of(mode):
    """What is at a path, in words ("a FIFO (named pipe)")."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _require_regular(fd, path):
    """A day file is a regular file: a FIFO, a socket, a device or a folder at
    its path is a problem, never something to block on or read forever."""
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        raise FileProblem(path, 1, f"{kind_of(mode)}, not a regular file; a day file must be "
                                   "a plain file")


def _os_problem(path, exc, doing):
    return JournalProblem(f"{doing} {path}: {_reason(path, exc)}")


def _reason(path, exc):
    month_dir = os.path.dirname(path)
    folders = (os.path.dirname(month_dir), month_dir)
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        if os.path.islink(path):
            return "it is a symbolic link, which a journal does not follow"
        for folder in reversed(folders):
            if os.path.islink(folder):
                return f"its folder {folder} is a symbolic link, which a journal does not follow"
    if exc.errno == errno.ENOTDIR:
        for folder in folders:
            mode = _lstat_mode(folder)
            if mode is not None and not stat.S_ISDIR(mode):
                return f"{folder} is {kind_of(mode)}, where a folder belongs"
    if exc.errno in (errno.ENXIO, errno.EISDIR, errno.EOPNOTSUPP, errno.ENODEV):
        mode = _lstat_mode(path)
        if mode is not None and not stat.S_ISREG(mode):
            return f"{kind_of(mode)}, not a regular file; a day file must be a plain file"
    return exc.strerror or str(exc)


def _lstat_mode(path):
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


def _open_day(path, flags, file_mode=0o600, dir_mode=None):
    """Open the day file ``path`` (``<journal>/YYYY/MM/<day>.yaml``) from its
    journal folder down, following no symbolic link in the year folder, the
    month folder or the file itself: a link there could lead a reader or a
    recorder out of the journal.  (The journal folder may be reached through
    a link.)  With ``dir_mode``, missing year and month folders are created."""
    month_dir, name = os.path.split(path)
    year_dir, month = os.path.split(month_dir)
    root, year = os.path.split(year_dir)
    fd = os.open(root or ".", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for folder in (year, month):
            if dir_mode is not None:
                try:
                    os.mkdir(folder, dir_mode, dir_fd=fd)
                except FileExistsError:
                    pass
            inner = os.open(folder, _FOLDER_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = inner
        # O_NONBLOCK: opening a FIFO must not wait for a writer (the caller
        # then refuses anything that is not a regular file)
        return os.open(name, flags | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, file_mode,
                       dir_fd=fd)
    finally:
        os.close(fd)


def append_entry(path, build, *, file_mode=0o600, dir_mode=0o700, precheck=None,
                 lock_timeout=LOCK_TIMEOUT_SECONDS, lang="zh"):
    """Append one entry to the day file at ``path``, under its lock.

    ``build(day)`` returns the entry mapping, given the day as it is under the
    lock (so ids can be checked against it).  ``precheck(day)``, if given, may
    raise to refuse the append (a second opening, say) or return warnings.
    Returns ``(entry, warnings)``.  Nothing is written unless the day file
    parses and stays within ``MAX_DAY_BYTES``; a failed write leaves the file
    as it was.  A torn last line is kept (``torn.keep_torn``) before it is cut,
    and a warning in ``lang`` names where.  A file with other hard links is
    refused; one replaced while we waited for its lock is opened again, so
    the entry lands in the file the path names."""
    parent = os.path.dirname(path)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT
    existed = os.path.lexists(path)
    for _attempt in range(_REOPENINGS):
        try:
            fd = _open_day(path, flags, file_mode, dir_mode)
        except OSError as exc:
            raise _os_problem(path, exc, "cannot write") from None
        try:
            _require_regular(fd, path)
            _require_one_name(fd, path, lang)
            _lock(fd, path, lock_timeout)
            if _still_named(fd, path):
                entry, warnings = _append_locked(fd, path, build, precheck, lang)
                if not existed:
                    _fsync_dir(parent)
                return entry, warnings
        finally:
            os.close(fd)  # closing releases the lock
    raise JournalProblem(say("day_file_replaced", lang, path=path, times=_REOPENINGS))


# A day file replaced (git checkout, an editor's save, sed -i) while a
# recorder waits for its lock is opened again, this many times at most.
_REOPENINGS = 5


def _still_named(fd, path):
    """Whether ``path`` still names the file locked on ``fd``: one replaced
    under the recorder (a new file renamed over it, or the old one removed)
    would take an entry appended to the old one away with it, after its id
    was printed."""
    try:
        named = os.stat(path, follow_symlinks=False)
    except OSError:  # removed, or a folder on the way replaced: open it again
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def _require_one_name(fd, path, lang):
    """A day file with other hard links is refused for writing: an append
    would change the file at its other names too (another day's file, or a
    file outside the journal)."""
    links = os.fstat(fd).st_nlink
    if links > 1:
        raise FileProblem(path, 1, say("day_file_linked", lang, links=links))


def _append_locked(fd, path, build, precheck, lang):
    """The append itself, on ``fd`` locked and known to be the day file."""
    data = _read_all(fd, path)
    day = parse_day(path, data)
    warnings = list(precheck(day) or ()) if precheck else []
    entry = build(day)
    payload = dump_entry(entry).encode("utf-8")
    keep = len(data)
    if day.torn_line is not None:
        keep = last_line_start(data)
    elif data and not data.endswith(b"\n"):
        payload = b"\n" + payload
    if keep + len(payload) > MAX_DAY_BYTES:
        raise FileProblem(path, 1, say("day_file_full", lang,
                                       limit=MAX_DAY_BYTES // (1024 * 1024)))
    if not day.canonical:
        _refuse_unsafe_tail(path, data[:keep], payload, day, entry)
    if keep < len(data):
        # an unfinished line from a crashed append: never an entry; keep a
        # copy of its bytes, then cut it off
        kept = keep_torn(path, data[keep:])
        os.ftruncate(fd, keep)
        warnings.append(say("torn_kept", lang, line=day.torn_line, path=kept))
    _write_all(fd, path, payload, keep)
    return entry, warnings


def _refuse_unsafe_tail(path, old, payload, day, entry):
    """A hand-edited file may end in a way that would swallow or break an
    appended line (an open flow collection, a block scalar, a top-level flow
    sequence): prove the append reads back as one more entry before writing."""
    try:
        after = parse_day(path, old + payload)
    except FileProblem:
        after = None
    if after is None or after.entries[:-1] != day.entries or after.entries[-1:] != [entry]:
        line = old.count(b"\n") + 1
        raise FileProblem(path, line, "a new entry cannot be appended safely after the way this "
                                      "hand-edited file ends; end it with a block entry "
                                      "('- key: value') and a newline") from None


def make_dirs(folder, mode):
    """Like ``os.makedirs``, but every folder it creates gets ``mode`` (makedirs
    gives it to the last one only)."""
    missing = []
    while not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, mode)
        except FileExistsError:
            if not os.path.isdir(folder):
                raise JournalProblem(f"cannot create folder {folder}: a file is in the way") from None
        except OSError as exc:
            raise _os_problem(folder, exc, "cannot create folder") from None


def _lock(fd, path, timeout):
    deadline = time.monotonic() + timeout
    delay = 0.002
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise JournalProblem(f"{path} is locked by another lobbyctl for over "
                                     f"{timeout:.0f} s; nothing was recorded") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.05)


def _write_all(fd, path, payload, keep):
    written = 0
    try:
        while written < len(payload):
            written += os.write(fd, payload[written:])
        os.fsync(fd)
    except OSError as exc:
        # take back the part of our line that did get out: the file is left as it was
        try:
            os.ftruncate(fd, keep)
            os.fsync(fd)
        except OSError:
            pass
        raise JournalProblem(f"cannot write {path}: {exc.strerror or exc}; "
                             "nothing was recorded") from None


def _fsync_dir(path):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
