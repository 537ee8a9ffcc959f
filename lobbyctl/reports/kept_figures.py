"""The headline figures of a month a form compares with (the month before,
the same month a year before), kept: a form reads its own month, not three.

An earlier month's figures are what its own form, generated at the same
time, counts (``headline.read_form``); they depend on nothing but the day
files up to its last day, the voids that take out an entry up to it
(wherever they are recorded: ``carried.key_of`` digests both, the files by
their identity on this disk), the journal's settings, the day they are
counted as of, and lobbyctl's own source.  So they are kept under a digest of
all of these, in ``.lobbyctl-cache/index/figures-YYYY-MM.json``, signed with
this machine's key, and used only while the digest is the one the journal
gives now: a day file added, changed or removed up to that month's end, a
void of one of its entries, a changed setting or a new lobbyctl makes them
a miss, read again.  Figures are kept only of a month read with nothing
left out."""

import hashlib
import json

from lobbyctl.store.source import source_fingerprint

FOLDER = "index"
VERSION = 1


def get(journal, year, month, as_of):
    """The kept ``[headline.Figure]`` of ``year``-``month`` counted as of
    ``as_of``, or None."""
    from lobbyctl.reports.headline import Figure
    from lobbyctl.store.loader import load_signed

    signer = _signer(journal)
    if not signer.usable:
        return None
    data = load_signed(journal.root, FOLDER, _name(year, month), signer,
                       mode=journal.config.dir_mode, lang=journal.config.lang)
    if data is None or data.get("version") != VERSION:
        return None
    key = _key(journal, year, month, as_of)
    figures = data.get("figures")
    if key is None or data.get("key") != key or type(figures) is not list or not all(
            type(item) is list and len(item) == 4 and type(item[0]) is str
            and (item[1] is None or type(item[1]) in (int, float)) and type(item[2]) is str
            and type(item[3]) is bool for item in figures):
        return None
    return [Figure(*item) for item in figures]


def put(journal, year, month, as_of, figures):
    """Keep ``figures`` (``[headline.Figure]``) of ``year``-``month`` as of
    ``as_of``, read with nothing left out."""
    from lobbyctl.store.loader import save_signed

    signer = _signer(journal)
    key = _key(journal, year, month, as_of)
    if not signer.usable or key is None:
        return
    try:
        body = json.dumps({"version": VERSION, "key": key,
                           "figures": [list(figure) for figure in figures]},
                          allow_nan=False, separators=(",", ":")).encode("ascii")
    except (TypeError, ValueError):
        return
    save_signed(journal.root, FOLDER, _name(year, month), signer, body,
                mode=journal.config.dir_mode, file_mode=journal.config.file_mode,
                lang=journal.config.lang)


def _key(journal, year, month, as_of):
    from lobbyctl.reports.carried import key_of
    from lobbyctl.reports.month import month_bounds

    files = key_of(journal, month_bounds(year, month)[1])
    if files is None:
        return None
    digest = hashlib.sha256(files.encode("ascii"))
    digest.update(f"\n{as_of.isoformat()}\n{source_fingerprint()}".encode("ascii"))
    return digest.hexdigest()


def _name(year, month):
    return f"figures-{year:04d}-{month:02d}.json"


def _signer(journal):
    from lobbyctl.store.loader import Signer

    return Signer(journal.root, purpose=b"lobbyctl-index-figures")
