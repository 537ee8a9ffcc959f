"""The tracked items carried over a month's end, kept: a month of a
ten-year journal folds its own months and the items still open, not ten
years of closed ones.

When a walk of the journal (``open_items.read_periods``) passes the last
day ``end`` of a month, the ledger's states (``tracked.Ledger``) of the
items that can still matter after it are kept in
``.lobbyctl-cache/index/carried-YYYY-MM.marshal``: every item open at
``end``, and every item received or updated in the ``WINDOW`` days before it
(those a later update, second cross-sell or return visit names, in
practice).  A later walk that begins after ``end`` starts from them (or from
the latest record before it) instead of from the journal's first day.  The
``KEEP`` records written last are kept.

A record holds the states themselves, as the walk left them, in ``marshal``:
a ten-year journal carries thousands of items left open, and reading them
back costs a third of what JSON and replaying each item's updates cost.  Only
a record this machine signed is read (``marshal`` is not made for data from
anywhere else), and only by the Python that wrote it (its version is part
of the seal: another Python's record is not even decoded).

Like every cache, it is derived data that never outvotes the files: it
counts only while its ``key`` -- a digest of the rules and settings it was
derived with, of every day file up to ``end`` by its identity on this disk
(a file added, removed or changed in any way changes it) and of the voids
that take out an entry up to ``end`` (wherever they are recorded) -- is the
one the journal gives now, and the file is signed with this machine's key.
It is written only for a walk that found nothing wrong up to ``end``.  A
walk after ``end`` that meets a link to an item up to ``end`` that was not
kept (a follow-up of an item closed long before) stops
(``tracked.NotKept``) and walks again from the first day, so a kept record changes no figure."""

import datetime
import re
import sys

from lobbyctl.domain.fold import entry_date
from lobbyctl.domain.tracked import Ledger

FOLDER = "index"
VERSION = 2  # 2: the states in marshal (1: originals and updates in JSON, replayed)
WINDOW = 184  # days: about half a year of items kept, open or not
KEEP = 12  # records: a monthly form uses three (the ends before its three months)


def month_end_before(day):
    """The last day of the month before ``day``'s (``day`` - 1 on a 1st)."""
    return day.replace(day=1) - datetime.timedelta(days=1)


def resume(journal, end):
    """``(ledger, day)``: a ``Ledger`` as a walk leaves it at the end of
    ``day``, the latest month's end up to ``end`` with a record that holds
    (``end`` itself, else the latest kept before it); else ``(None, None)``."""
    from lobbyctl.store.cache_files import open_cache_folder

    signer = _signer(journal)
    if not signer.usable:
        return None, None
    ledger = _resumed(journal, signer, end)
    if ledger is not None:
        return ledger, end
    folder = open_cache_folder(journal.root, FOLDER, create=False, mode=journal.config.dir_mode,
                               lang=journal.config.lang)
    if folder is None:
        return None, None
    try:
        import os

        earlier = sorted((name for name in os.listdir(folder)
                          if _NAME.fullmatch(name) and name < _name(end)), reverse=True)
    finally:
        os.close(folder)
    for name in earlier:
        day = _end_named(name)
        if day is not None:  # the latest month's end with a record, whether it holds or not
            ledger = _resumed(journal, signer, day)
            return (ledger, day) if ledger is not None else (None, None)
    return None, None


def _end_named(name):
    """The month's last day a record's name says, or None (no such month:
    the name was not written here)."""
    match = _NAME.fullmatch(name)
    try:
        first = datetime.date(int(match[1]), int(match[2]), 1)
        return month_end_before(first + datetime.timedelta(days=31))
    except (TypeError, ValueError, OverflowError):
        return None


def _resumed(journal, signer, end):
    from lobbyctl.store.loader import load_signed

    data = load_signed(journal.root, FOLDER, _name(end), signer, mode=journal.config.dir_mode,
                       lang=journal.config.lang, decode=_decoded)
    if data is None or data.get("version") != VERSION:
        return None
    key = key_of(journal, end)
    if key is None or data.get("key") != key:
        return None
    states, open_ids = data.get("states"), data.get("open")
    if not _well_formed(states) or type(open_ids) is not list:
        return None
    ledger = Ledger(kept_to=end.isoformat())
    ledger.folding.states = states
    ledger.open.update(entry_id for entry_id in open_ids if entry_id in states)
    return ledger


def _decoded(body):
    import marshal

    try:
        return marshal.loads(body)
    except (EOFError, TypeError) as exc:  # (and ValueError: bad marshal data)
        raise ValueError(exc) from None


def keep(journal, ledger, end):
    """Keep what ``ledger`` (walked through the day ``end``, a month's last,
    with nothing wrong found) carries past ``end``."""
    import marshal

    from lobbyctl.store.loader import save_signed

    signer = _signer(journal)
    key = key_of(journal, end)
    if not signer.usable or key is None:
        return
    since = (end - datetime.timedelta(days=WINDOW)).isoformat()
    open_ids = ledger.open
    # each item's state as the walk made it, in the order of the walk
    kept = _shared({entry_id: state for entry_id, state in ledger.states.items()
                    if entry_id in open_ids or _last_day(state) > since})
    try:
        body = marshal.dumps({"version": VERSION, "key": key, "states": kept,
                              "open": sorted(open_ids)}, 4)
    except ValueError:  # a value marshal does not hold (no reader's entry has one)
        return
    name = _name(end)
    save_signed(journal.root, FOLDER, name, signer, body, mode=journal.config.dir_mode,
                file_mode=journal.config.file_mode, lang=journal.config.lang, then=_prune)


def _shared(states):
    """A copy of ``states`` for ``marshal`` with every text one object, each
    key interned: marshal writes a text once and then refers to it, so a
    record of ten years holds one "pending" and one "phone", not thousands,
    and reads back in half the time (the walk's own states are left alone)."""
    texts = {}

    def text(value):
        return texts.setdefault(value, value) if value.__class__ is str else value

    def entry(fields):
        return {sys.intern(key) if key.__class__ is str else key: text(value)
                for key, value in fields.items()}

    shared = {}
    for entry_id, state in states.items():
        copy = entry(state)
        copy["original"] = entry(state["original"])
        copy["updates"] = [entry(update) for update in state["updates"]]
        copy["contacts"] = [tuple(map(text, contact)) for contact in state["contacts"]]
        shared[text(entry_id)] = copy
    return shared


def _prune(folder):
    """Leave the ``KEEP`` records written last: a monthly form uses three
    (and none of an older lobbyctl's, ``_FORMER``)."""
    import os

    try:
        listed = os.listdir(folder)
        for name in listed:
            if _FORMER.fullmatch(name):
                os.unlink(name, dir_fd=folder)
        names = [name for name in listed if _NAME.fullmatch(name)]
        if len(names) <= KEEP:
            return
        written = sorted(names, key=lambda name: os.stat(name, dir_fd=folder,
                                                         follow_symlinks=False).st_mtime_ns)
        for name in written[:-KEEP]:
            os.unlink(name, dir_fd=folder)
    except OSError:
        pass  # another command pruned first, or the folder is read-only


def key_of(journal, end):
    """What a record for ``end`` was derived from: the rules and settings,
    every day file up to ``end`` by its identity here, the voids that take
    out an entry up to ``end``; None if the folders hold something that is
    no folder (a reader names it; nothing is kept)."""
    import hashlib
    import json

    from lobbyctl.check.memo import identity_text
    from lobbyctl.check.reading import rules_fingerprint
    from lobbyctl.check.voids import voids_of

    identities = identity_text(journal, end)
    if identities is None:
        return None
    digest = hashlib.sha256(rules_fingerprint(journal, extra=(
        "lobbyctl.domain.tracked", "lobbyctl.domain.fold", "lobbyctl.reports.open_items",
        "lobbyctl.check.voids",  # what a void takes out of the states kept
        __name__)).encode("ascii"))
    digest.update(str(WINDOW).encode("ascii"))
    digest.update(identities)
    voided = sorted(void.ref for void in voids_of(journal).all if void.target_day <= end)
    digest.update(json.dumps(voided).encode("ascii"))
    return digest.hexdigest()


def _last_day(state):
    """The day of the item's last entry (itself or its latest update)."""
    updates = state["updates"]
    return entry_date(updates[-1]) if updates else entry_date(state)


def _well_formed(states):
    """A mapping of ids to states, each with the parts the fold gives it
    (tested at C speed: a record of ten years holds thousands)."""
    from operator import itemgetter

    if type(states) is not dict:
        return False
    held = states.values()
    try:
        return (set(map(type, states)) <= {str} and set(map(type, held)) <= {dict}
                and set(map(type, map(itemgetter("original"), held))) <= {dict}
                and set(map(type, map(itemgetter("updates"), held))) <= {list}
                and set(map(type, map(itemgetter("contacts"), held))) <= {list})
    except KeyError:
        return False


_NAME = re.compile(r"carried-([0-9]{4})-([0-9]{2})\.marshal")
_FORMER = re.compile(r"carried-[0-9]{4}-[0-9]{2}\.json")  # version 1


def _name(end):
    return f"carried-{end.year:04d}-{end.month:02d}.marshal"


def _signer(journal):
    from lobbyctl.store.loader import Signer

    # a record marshal wrote is read by the Python that wrote it, else not
    # even decoded: another's seal does not open
    return Signer(journal.root, purpose=b"lobbyctl-index-carried\0" + sys.version.encode())
