"""Writing a report or export to a file atomically: a temp file in the same
folder, fsync, then ``os.replace`` — a reader or a crash sees the old file or
the whole new one, never half.

``output_target`` decides first whether a path may be written at all: a
report never replaces the journal's own files, nor anything that is not a
plain file of its own (a device, a FIFO, a socket, a symbolic link, a file
with other hard links), nor the machine key that signs day caches."""

import contextlib
import os
import re
import stat
import tempfile

from lobbyctl.errors import JournalProblem, UsageProblem

STDOUT = "-"
# what sits at the top of a journal and is the journal's, not a report's
_PROTECTED_NAMES = frozenset(("lobbyctl.yaml", ".gitattributes", ".gitignore"))
_PROTECTED_FOLDERS = frozenset((".lobbyctl-cache", ".lobbyctl-torn", ".git"))
_YEAR = re.compile(r"^\d{4}\Z")
_KINDS = ((stat.S_ISLNK, "kind_symlink"), (stat.S_ISDIR, "kind_folder"),
          (stat.S_ISCHR, "kind_device"), (stat.S_ISBLK, "kind_device"),
          (stat.S_ISFIFO, "kind_fifo"), (stat.S_ISSOCK, "kind_socket"))


def output_target(path, journal_root, lang="en", option="--output"):
    """The absolute path ``--output`` may replace, or a UsageProblem (exit 2)
    saying why not.

    The decision is taken on the real path (``..``, ``.``, symbolic links of
    the folders on the way all resolved), so no spelling of a day file slips
    through."""
    from lobbyctl.schema.text.messages import say

    absolute = os.path.abspath(path)
    status = status_of_target(absolute)
    if status is not None and not stat.S_ISREG(status.st_mode):
        kind = next((key for test, key in _KINDS if test(status.st_mode)), "kind_special")
        raise UsageProblem(say("output_special", lang, option=option, path=path,
                               what=say(kind, lang)))
    if status is not None and status.st_nlink > 1:
        raise UsageProblem(say("output_linked", lang, option=option, path=path,
                               links=status.st_nlink))
    real = os.path.realpath(absolute)
    inside = _inside_journal(real, journal_root)
    if inside is not None and _is_protected(inside):
        raise UsageProblem(say("output_protected", lang, option=option, path=path,
                               what=inside))
    from lobbyctl.store.cache_files import key_path

    # the key that signs day caches: a report over it would leave every
    # journal of this user without a cache until someone deletes it
    key_folder = os.path.dirname(key_path())
    if _inside_journal(real, key_folder) is not None:
        raise UsageProblem(say("output_key", lang, option=option, path=path, what=key_folder))
    return absolute


def _inside_journal(real, journal_root):
    """``real`` relative to the journal's real root, or None when outside."""
    if journal_root is None:
        return None
    root = os.path.realpath(journal_root)
    try:
        if os.path.commonpath([real, root]) != root:
            return None
    except ValueError:  # another drive on Windows
        return None
    return os.path.relpath(real, root)


def _is_protected(relative):
    parts = relative.replace(os.sep, "/").split("/")
    top = parts[0]
    if relative == os.curdir:
        return True
    if len(parts) == 1 and top in _PROTECTED_NAMES:
        return True
    return top in _PROTECTED_FOLDERS or bool(_YEAR.match(top))


@contextlib.contextmanager
def atomic_writer(path, binary=False):
    """A text handle (a binary one if ``binary``) to write ``path`` through;
    the file appears, whole, only when the block ends without an error.
    Yields ``(handle, absolute path)``."""
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        opened = os.fdopen(fd, "wb") if binary else \
            os.fdopen(fd, "w", encoding="utf-8", newline="")
        with opened as handle:
            yield handle, path
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise _cannot_write(path, exc) from None
    except BaseException:
        _remove(temp)
        raise


def write_atomically(path, text):
    """``text`` (str, or bytes such as a workbook) as the whole of ``path``."""
    with atomic_writer(path, binary=isinstance(text, bytes)) as (handle, written):
        handle.write(text)
    return written


def _remove(temp):
    try:
        os.unlink(temp)
    except OSError:
        pass


def _umask():
    # the only way to read the umask is to set it; put it straight back
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def status_of_target(absolute):
    """What is at a path about to be written (``lstat``: a link is itself),
    None if nothing; a path that cannot even be looked at is a journal
    problem, exit 1."""
    try:
        return os.lstat(absolute)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _cannot_write(absolute, exc) from None


def _cannot_write(path, exc):
    from lobbyctl.schema.text.messages import os_reason, problem

    return problem(JournalProblem, "cannot_write", target=path, reason=os_reason(exc))
