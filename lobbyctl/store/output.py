"""Writing a report or export to a file atomically: a temp file in the same
folder, fsync, then ``os.replace`` — a reader or a crash sees the old file or
the whole new one, never half."""

import contextlib
import os
import tempfile

from lobbyctl.errors import JournalProblem


@contextlib.contextmanager
def atomic_writer(path):
    """A text handle to write ``path`` through; the file appears, whole, only
    when the block ends without an error.  Yields ``(handle, absolute path)``."""
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise JournalProblem(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle, path
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise JournalProblem(f"cannot write {path}: {exc.strerror}") from None
    except BaseException:
        _remove(temp)
        raise


def write_atomically(path, text):
    with atomic_writer(path) as (handle, written):
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
