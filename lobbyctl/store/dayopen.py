"""Opening a day file safely: from the journal folder down, never through a
symbolic link in the year folder, the month folder or the file itself, never
blocking on a FIFO, and only a regular file; with the words that say what is
where a day file belongs when it is not one."""

import errno
import os
import stat

from lobbyctl.errors import FileProblem, JournalProblem

# A busy day is ~100 KB; anything this big is not a day file someone meant.
MAX_DAY_BYTES = 16 * 1024 * 1024


def read_all(fd, path):
    size = os.fstat(fd).st_size
    if size > MAX_DAY_BYTES:
        raise too_big(path, size)
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


_KINDS = ((stat.S_ISREG, "a_file"), (stat.S_ISDIR, "a_folder"), (stat.S_ISLNK, "a_symlink"),
          (stat.S_ISFIFO, "a_fifo"), (stat.S_ISSOCK, "a_socket"),
          (stat.S_ISCHR, "a_character_device"), (stat.S_ISBLK, "a_block_device"))


def too_big(path, size):
    from lobbyctl.schema.text.messages import problem

    return problem(FileProblem, "day_file_too_big", path=path, line=1,
                   size=size // (1024 * 1024), limit=MAX_DAY_BYTES // (1024 * 1024))


def kind_of(mode):
    """What is at a path, in words ("a FIFO (named pipe)"): a catalogue
    ``Sentence``, English where it is used as text."""
    from lobbyctl.schema.text.messages import sentence

    return sentence(next((name for test, name in _KINDS if test(mode)), "not_regular_file"))


def require_regular(fd, path):
    """A day file is a regular file: a FIFO, a socket, a device or a folder at
    its path is a problem, never something to block on or read forever."""
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        from lobbyctl.schema.text.messages import problem

        raise problem(FileProblem, "not_a_plain_file", path=path, line=1, kind=kind_of(mode))


def os_problem(path, exc, doing="cannot_write"):
    """``doing`` (a catalogue key taking ``target`` and ``reason``) failed at
    ``path``, with why in words."""
    from lobbyctl.schema.text.messages import problem

    return problem(JournalProblem, doing, target=path, reason=reason(path, exc))


def reason(path, exc):
    """Why ``exc`` happened at a day file's ``path``: a catalogue ``Sentence``."""
    from lobbyctl.schema.text.messages import os_reason, sentence

    month_dir = os.path.dirname(path)
    folders = (os.path.dirname(month_dir), month_dir)
    if exc.errno in (errno.ELOOP, errno.ENOTDIR):
        if os.path.islink(path):
            return sentence("day_file_linked_reason")
        for folder in reversed(folders):
            if os.path.islink(folder):
                return sentence("day_folder_linked_reason", folder=folder)
    if exc.errno == errno.ENOTDIR:
        for folder in folders:
            mode = _lstat_mode(folder)
            if mode is not None and not stat.S_ISDIR(mode):
                return sentence("day_folder_not_folder_reason", folder=folder, kind=kind_of(mode))
    if exc.errno in (errno.ENXIO, errno.EISDIR, errno.EOPNOTSUPP, errno.ENODEV):
        mode = _lstat_mode(path)
        if mode is not None and not stat.S_ISREG(mode):
            return sentence("not_a_plain_file", kind=kind_of(mode))
    return os_reason(exc)


def _lstat_mode(path):
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


def open_day(path, flags, file_mode=0o600, dir_mode=None):
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


def fsync_dir(path):
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
