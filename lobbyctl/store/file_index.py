"""An index of what each day file holds that a reader needs from every day of
the journal -- the tracked items a report folds from the journal's first day
-- so a month of a ten-year journal costs a look at each file's identity,
not a reading of ten years.

A record is derived data, trusted only while it provably describes the file
on this disk: it is keyed by the file's identity here (device, inode, size,
modification and change times: any write changes them, and no user can set
a change time back), by a ``fingerprint`` of everything the record was
derived with (the journal's settings, the rules that judged it), and each
year's file is signed with this machine's key (``loader.Signer``), so a file
from a commit, a copy or another machine is no index at all.  Anything odd in
it is a miss, derived afresh from the day file.  One file a year:
``.lobbyctl-cache/index/<name>-YYYY.json`` (the voids in a folder of their
own, ``voids/``); a link there is never followed."""

import json
import os
import stat

from lobbyctl.store.loader import Signer, load_signed, save_signed

FOLDER = "index"
VERSION = 1


def identity(path):
    """The identity of the regular file at ``path`` on this disk, or None (no
    file, a link, anything but a regular file: the full reader decides)."""
    return identities([path])[0]


def identities(paths):
    """``identity`` of each of ``paths``, in one loop (a ten-year journal's
    3,650 day files)."""
    found, look, regular = [], os.stat, stat.S_ISREG
    for path in paths:
        try:
            info = look(path, follow_symlinks=False)
        except OSError:
            found.append(None)
            continue
        found.append([info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
                     if regular(info.st_mode) else None)
    return found


class FileIndex:
    """Records of one kind (``name``) for the day files of a journal."""

    def __init__(self, journal, name, fingerprint, folder=FOLDER):
        self.root = journal.root
        self.folder = folder
        self.lang = journal.config.lang
        self.dir_mode = journal.config.dir_mode
        self.file_mode = journal.config.file_mode
        self.name = name
        self.fingerprint = fingerprint
        self.signer = Signer(self.root, purpose=f"lobbyctl-index-{name}".encode("ascii"))
        self.year = None
        self.records = {}
        self.changed = False

    @property
    def usable(self):
        return self.signer.usable

    def get(self, day, path, key):
        """The record for the day file ``path`` if it was derived from the file
        whose identity is ``key``, with this fingerprint; else None."""
        if key is None or not self.usable:
            return None
        record = self._year(day.year).get(os.path.basename(path))
        if type(record) is not dict or record.get("key") != key:
            return None
        return record.get("data")

    def put(self, day, path, key, data):
        if key is None or not self.usable:
            return
        self._year(day.year)[os.path.basename(path)] = {"key": key, "data": data}
        self.changed = True

    def _year(self, year):
        if year != self.year:
            self.save()
            self.year, self.records = year, self._load(year)
        return self.records

    def _file_name(self, year):
        return f"{self.name}-{year:04d}.json"

    def _load(self, year):
        data = load_signed(self.root, self.folder, self._file_name(year), self.signer,
                           mode=self.dir_mode, lang=self.lang)
        if (data is None or data.get("version") != VERSION
                or data.get("fingerprint") != self.fingerprint):
            return {}
        files = data.get("files")
        return files if type(files) is dict else {}

    def save(self):
        """Write the current year if it changed; a read-only journal goes without."""
        if not self.changed:
            return
        self.changed = False
        name = self._file_name(self.year)
        try:
            body = json.dumps({"version": VERSION, "fingerprint": self.fingerprint,
                               "files": self.records},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError, RecursionError):
            return
        save_signed(self.root, self.folder, name, self.signer, body, mode=self.dir_mode,
                    file_mode=self.file_mode, lang=self.lang)
