"""Where the day cache lives and what makes it trustworthy: the folder
``.lobbyctl-cache/days`` beside the journal, opened without ever following a
link, and a secret key of this machine, kept outside every journal, that
signs what lobbyctl writes there.

The folder sits inside the journal, so anything in it may have come from a
commit, a clone or another machine: a link in it could send writes outside
the journal, and a forged file could carry figures.  Links are refused (said
once on stderr, and the command goes on without a cache); files are used only
when signed with this machine's key (see ``loader``).  A recording command
reads and writes only its own small records here (``day_facts``, ``zone``),
never the readers' caches."""

import errno
import os
import stat
import sys

from lobbyctl.schema.text.messages import say
from lobbyctl.schema.text.safe import for_person
from lobbyctl.store.config import CACHE_DIR

KEY_BYTES = 32
_warned = set()


def key_path():
    """``$XDG_CACHE_HOME/lobbyctl/key``, by default ``~/.cache/lobbyctl/key``."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "lobbyctl", "key")


def machine_key(journal_root=None):
    """The key, created on first use; None -- no cache -- when it cannot be
    kept safely (its folder or file is not the user's own and private, or it
    would sit inside the journal ``journal_root``, where a commit could carry
    it to anyone: ``XDG_CACHE_HOME`` pointing into the journal)."""
    path = key_path()
    folder = os.path.dirname(path)
    if journal_root is not None and _within(folder, journal_root):
        return None
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        if (not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid()
                or info.st_mode & 0o022):
            return None
        if not os.path.lexists(path):
            _create_key(path)
        return _read_key(path)
    except OSError:
        return None


def _within(path, root):
    path, root = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([path, root]) == root


def _read_key(path):
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid()
                or stat.S_IMODE(info.st_mode) != 0o600 or info.st_size != KEY_BYTES):
            return None
        key = os.read(fd, KEY_BYTES + 1)
        return key if len(key) == KEY_BYTES else None
    finally:
        os.close(fd)


def _create_key(path):
    # written whole under a temporary name, then linked in: a second process
    # racing us never reads a half-written key, and the first key wins
    temp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, os.urandom(KEY_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temp)


def open_days_folder(root, *, create, mode, lang):
    """A descriptor of ``root/.lobbyctl-cache/days``: see ``open_cache_folder``."""
    return open_cache_folder(root, "days", create=create, mode=mode, lang=lang)


def open_cache_folder(root, sub, *, create, mode, lang):
    """A descriptor of ``root/.lobbyctl-cache/<sub>`` (the caller closes it),
    each part an actual folder, never a link; None when it is missing (and
    not ``create``), cannot be made, or -- said once on stderr -- a part of it
    is a link or not a folder."""
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        for name in (CACHE_DIR, sub):
            child = _open_child(fd, name, create, mode)
            if child is None:
                return None
            if child < 0:
                warn_unsafe(os.path.join(root, CACHE_DIR), lang)
                return None
            os.close(fd)
            fd = child
        fd, found = None, fd
        return found
    finally:
        if fd is not None:
            os.close(fd)


def _open_child(parent, name, create, mode):
    """The folder's descriptor; None if missing or unmakeable; -1 if it is a link or a file."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
    for attempt in (1, 2):
        try:
            return os.open(name, flags, dir_fd=parent)
        except FileNotFoundError:
            if not create or attempt == 2:
                return None
            try:
                os.mkdir(name, mode, dir_fd=parent)  # never follows a link: EEXIST
            except FileExistsError:
                pass
            except OSError:
                return None
        except OSError as exc:
            return -1 if exc.errno in (errno.ELOOP, errno.ENOTDIR) else None
    return None


def replace_in_folder(folder, name, data, file_mode):
    """Write ``data`` as ``name`` in the open ``folder`` (its descriptor, which
    the caller closes): a temp file and a rename inside the real folder, so a
    link named like the file is replaced, never followed; a failure leaves
    the old file and no temp behind."""
    temp = f"{name}.{os.getpid()}.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, file_mode,
                     dir_fd=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError:
        try:
            os.unlink(temp, dir_fd=folder)
        except OSError:
            pass


def warn_unsafe(path, lang):
    if path in _warned:
        return
    _warned.add(path)
    try:
        # the journal's path may hold a number or an ESC, like any message's quote
        sys.stderr.write(for_person(say("cache_unsafe", lang, path=path)) + "\n")
    except (OSError, ValueError):
        pass
