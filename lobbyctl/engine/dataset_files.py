"""The files of a dataset besides its data: where a month's file goes
(each folder on the way a real folder, never a link out of the dataset),
the manifest (read defensively: never trusted over the files, never naming
a folder outside), the one-writer lock, and content digests of day files
read without blocking or following links."""

import hashlib
import json
import os
import re
import stat

from lobbyctl.engine.arrow_schema import KINDS
from lobbyctl.errors import JournalProblem, UsageProblem
from lobbyctl.schema.text.messages import os_reason, problem, sentence

MANIFEST = "_lobbyctl_manifest.json"  # store/region.py knows it: a glob skips a dataset
LOCK = ".lobbyctl-lock"
PART = "part-0.parquet"
FORMAT = 1
# a code names a folder that every Hive reader must read back as the same text
SAFE_CODE = re.compile(r"^[A-Za-z0-9_-]{1,64}\Z")
MONTH = re.compile(r"^\d{4}-\d{2}\Z")
SCHEMA_DIGEST = hashlib.sha256(json.dumps([FORMAT, list(KINDS.items())]).encode()).hexdigest()


def part_path(target, code, month):
    year, number = month.split("-")
    return os.path.join(target, f"branch_code={code}", f"year={year}",
                        f"month={number}", PART)


def partition_folder(target, code, month, create=False):
    """The month's folder, each level a real folder (never a link out of the dataset)."""
    year, number = month.split("-")
    folder = target
    for name in (f"branch_code={code}", f"year={year}", f"month={number}"):
        folder = os.path.join(folder, name)
        try:
            status = os.lstat(folder)
        except FileNotFoundError:
            if not create:
                return None
            try:
                os.mkdir(folder, 0o755)
            except FileExistsError:
                pass
            except OSError as exc:
                raise problem(JournalProblem, "cannot_write", target=folder,
                              reason=os_reason(exc)) from None
            status = os.lstat(folder)
        if not stat.S_ISDIR(status.st_mode):
            from lobbyctl.store.dayopen import kind_of

            # said in the region's language where the CLI prints it
            text = sentence("dataset_not_folder", option="--output", path=folder,
                            what=kind_of(status.st_mode))
            raise UsageProblem(text, key=text.key, values=text.values)
    return folder


def remove_month(target, code, month):
    if not (SAFE_CODE.match(code) and MONTH.match(month)):
        return  # a manifest someone edited names no folder of ours
    folder = partition_folder(target, code, month)
    if folder is None:
        return
    unlink(os.path.join(folder, PART))
    # the month, year and branch folders go once empty (rmdir refuses otherwise)
    for _level in range(3):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def read_manifest(target):
    """The manifest, or an empty one when it is missing, unreadable or of
    another schema (then every month is written again: never trusted over
    the files)."""
    empty = {"format": FORMAT, "schema": SCHEMA_DIGEST, "branches": {}, "paths": {},
             "digests": {}, "region": None}
    path = os.path.join(target, MANIFEST)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return empty
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return empty
        with os.fdopen(fd, "rb") as handle:
            fd = None
            data = json.loads(handle.read(64 * 1024 * 1024))
    except (OSError, ValueError, RecursionError):
        return empty
    finally:
        if fd is not None:
            os.close(fd)
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_DIGEST \
            or not isinstance(data.get("branches"), dict):
        return empty
    branches = {}
    for code, months in data["branches"].items():
        if isinstance(months, dict) and SAFE_CODE.match(str(code)):
            branches[code] = {month: value for month, value in months.items()
                              if MONTH.match(str(month)) and isinstance(value, dict)}
    paths = data.get("paths") if isinstance(data.get("paths"), dict) else {}
    digests = data.get("digests") if isinstance(data.get("digests"), dict) else {}
    return {"format": FORMAT, "schema": SCHEMA_DIGEST, "branches": branches,
            "paths": {code: str(path) for code, path in paths.items() if code in branches},
            "digests": {code: str(value) for code, value in digests.items()
                        if code in branches},
            # the region whose export made the dataset (None: a branch's export)
            "region": _region_of(data.get("region"))}


def _region_of(value):
    if isinstance(value, dict) and isinstance(value.get("code"), str):
        return {"code": value["code"], "name": str(value.get("name") or "")}
    return None


def write_manifest(target, manifest):
    from lobbyctl.store.output import write_atomically

    write_atomically(os.path.join(target, MANIFEST),
                     json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1) + "\n")


def file_digest(path):
    """The SHA-256 of a regular file's bytes.  Opened without blocking or
    following a link: a FIFO, a device or a link where a day file belongs
    is not read (a marker stands for it, and the reader's checks, which
    refuse it, name it)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return f"special:{info.st_mode:o}"
        digest = hashlib.sha256()
        with os.fdopen(fd, "rb") as handle:
            fd = None
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    finally:
        if fd is not None:
            os.close(fd)
    return digest.hexdigest()


class locked:
    def __init__(self, target):
        self.path = os.path.join(target, LOCK)

    def __enter__(self):
        import fcntl

        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                              0o644)
        except OSError as exc:
            raise problem(JournalProblem, "cannot_write", target=self.path,
                          reason=os_reason(exc)) from None
        fcntl.flock(self.fd, fcntl.LOCK_EX)  # the other export finishes first
        return self

    def __exit__(self, *exc):
        os.close(self.fd)


def sync_folder(folder):
    """A folder's entries made durable (a month's file replaced in it)."""
    from lobbyctl.store.dayopen import fsync_dir

    fsync_dir(folder)


def unlink(path):
    try:
        os.unlink(path)
    except OSError:
        pass
