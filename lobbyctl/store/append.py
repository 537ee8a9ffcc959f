"""Appending one entry to a day file: one ``write`` on a descriptor opened
``O_APPEND``, under an exclusive ``flock`` on the file, then ``fsync``.  The
bytes already in the file are never rewritten, concurrent recorders are
serialised, and a crash leaves either the old file or the old file plus the
whole new line.  The one exception: an unfinished last line (a write cut
short) is cut off under the lock, after its bytes are kept (``store.torn``).
``append_entries`` appends a batch (a day of queue tickets) the same way,
in one write."""

import fcntl
import os
import time

from lobbyctl.errors import FileProblem, JournalProblem
from lobbyctl.schema.text.messages import say
from lobbyctl.store.dayfile import last_line_start, parse_day
from lobbyctl.store.dayopen import (MAX_DAY_BYTES, fsync_dir, open_day, os_problem, read_all,
                                    require_regular)
from lobbyctl.store.lines import dump_entry
from lobbyctl.store.torn import keep_torn


LOCK_TIMEOUT_SECONDS = 15.0


def append_entry(path, build, *, file_mode=0o600, dir_mode=0o700, precheck=None,
                 lock_timeout=LOCK_TIMEOUT_SECONDS, lang="zh", facts=None):
    """Append one entry to the day file at ``path``, under its lock.

    ``build(day)`` returns the entry mapping, given the day as it is under the
    lock (so ids can be checked against it).  ``precheck(day)``, if given, may
    raise to refuse the append (a second opening, say) or return warnings.
    Returns ``(entry, warnings)``.  Nothing is written unless the day file
    parses and stays within ``MAX_DAY_BYTES``; a failed write leaves the file
    as it was.  A torn last line is kept (``torn.keep_torn``) before it is cut,
    and a warning in ``lang`` names where.  A file with other hard links is
    refused; one replaced while we waited for its lock is opened again, so
    the entry lands in the file the path names.  ``facts`` (a
    ``day_facts.DayFacts``): the day read from its record when one describes
    its bytes, and the record left for the next recording."""
    entries, warnings = append_entries(path, lambda day: [build(day)], file_mode=file_mode,
                                       dir_mode=dir_mode, precheck=precheck,
                                       lock_timeout=lock_timeout, lang=lang, facts=facts)
    return entries[0], warnings


def append_entries(path, build, *, file_mode=0o600, dir_mode=0o700, precheck=None,
                   lock_timeout=LOCK_TIMEOUT_SECONDS, lang="zh", facts=None):
    """Append many entries to the day file at ``path`` as ``append_entry``
    appends one: one lock, one ``write`` of all their lines and one
    ``fsync``, so a batch (a queue export's day) lands whole or not at all
    as far as the OS allows, and the cap is checked for the whole batch.

    ``build(day)`` returns the list of entries to append given the day as it
    is under the lock (an empty list writes nothing).  Returns
    ``(entries, warnings)``."""
    parent = os.path.dirname(path)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT
    existed = os.path.lexists(path)
    for _attempt in range(_REOPENINGS):
        try:
            fd = open_day(path, flags, file_mode, dir_mode)
        except OSError as exc:
            raise os_problem(path, exc) from None
        try:
            require_regular(fd, path)
            _require_one_name(fd, path, lang)
            _lock(fd, path, lock_timeout)
            if _still_named(fd, path):
                entries, warnings = _append_locked(fd, path, build, precheck, lang, facts)
                if not existed:
                    fsync_dir(parent)
                return entries, warnings
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


def _append_locked(fd, path, build, precheck, lang, facts=None):
    """The append itself, on ``fd`` locked and known to be the day file."""
    data = read_all(fd, path)
    day = facts.known(path, data) if facts is not None else None
    if day is None:
        day = parse_day(path, data)
    warnings = list(precheck(day) or ()) if precheck else []
    entries = build(day)
    if not entries:
        return entries, warnings
    payload = "".join(dump_entry(entry) for entry in entries).encode("utf-8")
    keep = len(data)
    if day.torn_line is not None:
        keep = last_line_start(data)
    elif data and not data.endswith(b"\n"):
        payload = b"\n" + payload
    if keep + len(payload) > MAX_DAY_BYTES:
        raise FileProblem(path, 1, say("day_file_full", lang,
                                       limit=MAX_DAY_BYTES // (1024 * 1024)))
    if not day.canonical:
        _refuse_unsafe_tail(path, data[:keep], payload, day, entries)
    if keep < len(data):
        # an unfinished line from a crashed append: never an entry; keep a
        # copy of its bytes, then cut it off
        kept = keep_torn(path, data[keep:])
        os.ftruncate(fd, keep)
        warnings.append(say("torn_kept", lang, line=day.torn_line, path=kept))
    _write_all(fd, path, payload, keep)
    if facts is not None:
        # still under the lock: the record describes the file as we leave it
        facts.remember(path, data[:keep] + payload, day, entries)
    return entries, warnings


def _refuse_unsafe_tail(path, old, payload, day, entries):
    """A hand-edited file may end in a way that would swallow or break an
    appended line (an open flow collection, a block scalar, a top-level flow
    sequence): prove the append reads back as the entries more before writing."""
    try:
        after = parse_day(path, old + payload)
    except FileProblem:
        after = None
    known = len(day.entries)
    if after is None or after.entries[:known] != day.entries or after.entries[known:] != entries:
        line = old.count(b"\n") + 1
        raise FileProblem(path, line, "a new entry cannot be appended safely after the way this "
                                      "hand-edited file ends; end it with a block entry "
                                      "('- key: value') and a newline") from None


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
        from lobbyctl.schema.text.messages import os_reason, problem

        raise problem(JournalProblem, "cannot_write_unrecorded", target=path,
                      reason=os_reason(exc)) from None
