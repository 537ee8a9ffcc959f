"""``region month``'s kept branch months: each branch's figures' parts and
attention facts of a month, kept beside the dataset
(``DIR/_lobbyctl_region_month.json``; readers of the dataset skip ``_``
names) so that a form over a region whose journals did not change reads
none of them again.

A kept month counts only for the exact inputs it was made from: the
branch's digest of all its day files and settings as the export hashed
them in this very run (``dataset.Summary.digests``: the tracked items of
earlier months and every update are in it), the month, the form's day, and
a fingerprint of lobbyctl's own source (a changed rule or figure is a new
key).  The file is signed with this machine's key (``store/cache_files``);
anything odd, unsigned or of another key is a miss, never an error, and
without a key nothing is kept.  Only each branch's newest digest is kept."""

import hashlib
import hmac
import json
import os
import stat

from lobbyctl.store.source import source_fingerprint

NAME = "_lobbyctl_region_month.json"
FORMAT = 1
MAX_BYTES = 64 * 1024 * 1024


def _mac(key, entries):
    return hmac.new(key, json.dumps(entries, sort_keys=True, ensure_ascii=False).encode(),
                    hashlib.sha256).hexdigest()


class MonthCache:
    """The kept months of one dataset folder; ``get``/``put`` by branch,
    then ``save`` once."""

    def __init__(self, target, digests):
        from lobbyctl.store.cache_files import machine_key

        self.path = os.path.join(target, NAME)
        self.digests = digests  # code -> this run's digest of the branch
        self.key = machine_key()
        self.entries = self._load() if self.key else {}
        self.changed = False

    def _load(self):
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return {}
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return {}
            with os.fdopen(fd, "rb") as handle:
                fd = None
                data = json.loads(handle.read(MAX_BYTES + 1))
        except (OSError, ValueError, RecursionError):
            return {}
        finally:
            if fd is not None:
                os.close(fd)
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or not isinstance(data.get("entries"), dict) \
                or not hmac.compare_digest(str(data.get("mac")), _mac(self.key, data["entries"])):
            return {}
        return data["entries"]

    def _name(self, code, root, year, month, as_of):
        return json.dumps([code, root, year, month, as_of.isoformat(), source_fingerprint()])

    def get(self, code, root, year, month, as_of):
        """The kept value, or None."""
        digest = self.digests.get(code)
        held = self.entries.get(self._name(code, root, year, month, as_of))
        if digest is None or not isinstance(held, dict) or held.get("digest") != digest:
            return None
        return held.get("value")

    def put(self, code, root, year, month, as_of, value):
        digest = self.digests.get(code)
        if digest is None or not self.key:
            return
        self.entries[self._name(code, root, year, month, as_of)] = {"digest": digest,
                                                                    "value": value}
        self.changed = True

    def save(self):
        """Written whole and atomically; a branch's months of an older digest
        are dropped.  A cache that cannot be written is only not kept."""
        if not self.changed:
            return
        from lobbyctl.errors import LobbyError
        from lobbyctl.store.output import write_atomically

        newest = {}
        for name, held in self.entries.items():
            try:
                code = json.loads(name)[0]
            except (ValueError, IndexError, TypeError):
                continue
            if isinstance(held, dict) and held.get("digest") == self.digests.get(code):
                newest[name] = held
        text = json.dumps({"format": FORMAT, "entries": newest, "mac": _mac(self.key, newest)},
                          sort_keys=True, ensure_ascii=False)
        if len(text.encode()) > MAX_BYTES:
            return
        try:
            write_atomically(self.path, text)
        except (LobbyError, OSError):
            pass
