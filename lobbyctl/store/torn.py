"""Keeping the bytes of a torn last line before an append cuts it off.

A day file's unterminated last line that does not parse (the start of an
entry whose write was cut short by a crash or a full disk) is not an entry,
and the next append removes it.  The removed bytes are first written, synced,
to ``<journal>/.lobbyctl-torn/YYYY-MM-DD.<UTC time>.yaml`` (the folder 0700,
the file 0600: a fragment may hold personal data), so nothing that was in a
day file is ever lost without a copy a person can look at."""

import datetime
import os

from lobbyctl.errors import JournalProblem

TORN_DIR = ".lobbyctl-torn"


def keep_torn(day_path, fragment):
    """Write ``fragment`` (bytes) beside the journal of ``day_path``
    (``<journal>/YYYY/MM/YYYY-MM-DD.yaml``) and return the new file's path.
    Raises ``JournalProblem`` if it cannot be kept: then nothing may be cut."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(day_path)))
    folder = os.path.join(root, TORN_DIR)
    day = os.path.basename(day_path)[:-len(".yaml")]
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    try:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        # no link followed: the folder itself, then the file inside it
        folder_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            name, fd = _create(folder_fd, day, stamp)
            try:
                written = 0
                while written < len(fragment):
                    written += os.write(fd, fragment[written:])
                os.fsync(fd)
            finally:
                os.close(fd)
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
    except OSError as exc:
        from lobbyctl.schema.text.messages import os_reason, problem

        raise problem(JournalProblem, "torn_not_kept", day=day_path, folder=folder,
                      reason=os_reason(exc)) from None
    return os.path.join(folder, name)


def _create(folder_fd, day, stamp):
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for attempt in range(100):
        name = f"{day}.{stamp}.yaml" if not attempt else f"{day}.{stamp}-{attempt}.yaml"
        try:
            return name, os.open(name, flags, 0o600, dir_fd=folder_fd)
        except FileExistsError:
            continue
    raise FileExistsError(f"{day}.{stamp}.yaml and 99 more exist")
