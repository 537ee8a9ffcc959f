"""The tracked items carried over a month's end, kept: a month of a
ten-year journal folds its own months and the items still open, not ten
years of closed ones.

When a walk of the journal (``open_items.read_periods``) passes the last
day ``end`` of a month, the ledger's states (``tracked.Ledger``) of the
items that can still matter after it are kept in
``.lobbyctl-cache/index/carried-YYYY-MM.json``: every item open at ``end``,
and every item received or updated in the ``WINDOW`` days before it (those
a later update, second cross-sell or return visit names, in practice).  A
later walk that begins after ``end`` starts from them instead of from the
journal's first day.

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

from lobbyctl.domain.fold import apply_update, entry_date, initial_state
from lobbyctl.domain.tracked import Ledger

FOLDER = "index"
VERSION = 1
WINDOW = 184  # days: about half a year of items kept, open or not


def month_end_before(day):
    """The last day of the month before ``day``'s (``day`` - 1 on a 1st)."""
    return day.replace(day=1) - datetime.timedelta(days=1)


def resume(journal, end):
    """A ``Ledger`` as a walk leaves it at the end of the day ``end`` (a
    month's last day), from the kept record, or None."""
    from lobbyctl.store.loader import load_signed

    signer = _signer(journal)
    if not signer.usable:
        return None
    data = load_signed(journal.root, FOLDER, _name(end), signer, mode=journal.config.dir_mode,
                       lang=journal.config.lang)
    if data is None or data.get("version") != VERSION:
        return None
    key = key_of(journal, end)
    if key is None or data.get("key") != key:
        return None
    items, open_ids = data.get("items"), data.get("open")
    if type(items) is not list or type(open_ids) is not list or not all(
            _well_formed(item) for item in items):
        return None
    ledger = Ledger(kept_to=end.isoformat())
    states = ledger.states
    for original, updates in items:
        # the fold replayed: the state is what the walk made of the same entries
        state = states[original["id"]] = initial_state(original)
        for update in updates:
            apply_update(state, update)
    ledger.open.update(entry_id for entry_id in open_ids if entry_id in states)
    return ledger


def keep(journal, ledger, end):
    """Keep what ``ledger`` (walked through the day ``end``, a month's last,
    with nothing wrong found) carries past ``end``."""
    import json

    from lobbyctl.store.cache_files import open_cache_folder, replace_in_folder
    from lobbyctl.store.loader import MAX_CACHE_BYTES

    signer = _signer(journal)
    key = key_of(journal, end)
    if not signer.usable or key is None:
        return
    since = (end - datetime.timedelta(days=WINDOW)).isoformat()
    open_ids = ledger.open
    # each item as its original and its updates, in the order of the walk
    kept = [[state["original"], state["updates"]] for entry_id, state in ledger.states.items()
            if entry_id in open_ids or _last_day(state) > since]
    try:
        body = json.dumps({"version": VERSION, "key": key, "items": kept,
                           "open": sorted(open_ids)},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        return
    if len(body) > MAX_CACHE_BYTES:
        return
    folder = open_cache_folder(journal.root, FOLDER, create=True, mode=journal.config.dir_mode,
                               lang=journal.config.lang)
    if folder is None:
        return
    try:
        name = _name(end)
        replace_in_folder(folder, name, signer.seal(name, body), journal.config.file_mode)
    finally:
        import os

        os.close(folder)


def key_of(journal, end):
    """What a record for ``end`` was derived from: the rules and settings,
    every day file up to ``end`` by its identity here, the voids that take
    out an entry up to ``end``; None if the folders up to it hold
    something that is no folder (a reader names it; nothing is kept)."""
    import hashlib
    import json

    from lobbyctl.check.reading import rules_fingerprint
    from lobbyctl.check.voids import voids_of
    from lobbyctl.store.file_index import identity

    digest = hashlib.sha256(rules_fingerprint(journal, extra=(
        "lobbyctl.domain.tracked", "lobbyctl.domain.fold", "lobbyctl.reports.open_items",
        __name__)).encode("ascii"))
    digest.update(str(WINDOW).encode("ascii"))
    odd = []
    listed = journal.day_files(None, end, odd.append)
    if odd:
        return None
    for day, path in listed:
        digest.update(f"\n{day.isoformat()} {identity(path)}".encode("ascii"))
    voided = sorted(void.ref for void in voids_of(journal).all if void.target_day <= end)
    digest.update(json.dumps(voided).encode("ascii"))
    return digest.hexdigest()


def _last_day(state):
    """The day of the item's last entry (itself or its latest update)."""
    updates = state["updates"]
    return entry_date(updates[-1]) if updates else entry_date(state)


def _well_formed(item):
    return (type(item) is list and len(item) == 2 and type(item[0]) is dict
            and type(item[0].get("id")) is str and type(item[1]) is list
            and all(type(update) is dict for update in item[1]))


def _name(end):
    return f"carried-{end.year:04d}-{end.month:02d}.json"


def _signer(journal):
    from lobbyctl.store.loader import Signer

    return Signer(journal.root, purpose=b"lobbyctl-index-carried")
