"""Branch journals as one Hive-partitioned Parquet dataset:
``DIR/branch_code=0101/year=2026/month=10/part-0.parquet``, one row per
entry with the export schema (``arrow_schema``), updates folded into the
entry they change (all of them: the dataset is as of its last entry).

Incremental: ``DIR/_lobbyctl_manifest.json`` keeps, for each branch, one
digest of all its day files and settings (nothing changed: nothing is
parsed), and for each month a digest of what the month's rows are made of -- the SHA-256 of each
of its day files, the updates recorded in later months that change its
entries, the branch's ``lobbyctl.yaml`` and the schema -- and an export
rewrites only the months whose digest changed.  Each month's file is
written to a hidden temporary file in its own folder and put in place with
``os.replace``: a reader of the dataset during an export sees the old month
or the new one, never half a file.  A month whose day files are gone is
removed.  Readers skip names starting with ``_`` or ``.``, so neither the
manifest nor a temporary file is ever read as data.  One export at a time
writes a dataset (``flock`` on ``DIR/.lobbyctl-lock``)."""

import hashlib
import json
import os
import stat

from lobbyctl.engine.arrow_schema import arrow_table
from lobbyctl.engine.dataset_files import (MONTH, PART, SAFE_CODE, SCHEMA_DIGEST, file_digest,
                                           locked, part_path, partition_folder, read_manifest,
                                           remove_month, sync_folder, unlink, write_manifest)
from lobbyctl.errors import FileProblem, JournalProblem, UsageProblem
from lobbyctl.schema.text.messages import os_reason, problem, say



class Summary:
    def __init__(self):
        self.written = self.kept = self.removed = 0
        # code -> the digest of the branch's day files and settings, as hashed
        # in this run (what a result derived from the whole branch is keyed by)
        self.digests = {}

    def said(self, path, lang):
        return say("dataset_written", lang, path=path, written=self.written, kept=self.kept,
                   removed=self.removed)


def check_target(target, journal_roots, lang, option="--output"):
    """The dataset folder ``target`` as an absolute path, or a usage problem:
    something other than a folder there, a link, or a folder inside a journal."""
    from lobbyctl.store.output import status_of_target

    absolute = os.path.abspath(target)
    status = status_of_target(absolute)
    if status is not None and not stat.S_ISDIR(status.st_mode):
        from lobbyctl.store.dayopen import kind_of

        raise UsageProblem(say("dataset_not_folder", lang, option=option, path=target,
                               what=kind_of(status.st_mode)))
    real = os.path.realpath(absolute)
    for root in journal_roots:
        journal_real = os.path.realpath(root)
        if real == journal_real or real.startswith(journal_real + os.sep):
            raise UsageProblem(say("dataset_in_journal", lang, option=option, path=target,
                                   journal=root))
    return absolute


def export_dataset(target, journals, *, masked=True, prune=False, on_bad=None, keep_roots=(),
                   region=None, on_read=None, workers=None):
    """Bring the dataset at ``target`` up to date with ``journals`` (opened
    ``Journal``s, each a branch).  A branch whose journal fails its reading
    checks raises before any of its months is replaced, or with ``on_bad``
    is given to ``on_bad(journal, error)`` and keeps its last good months.
    With ``prune`` (a region's export), branches the manifest knows that are
    not among ``journals`` are removed -- unless they were written from the
    folder of a journal that failed, or one in ``keep_roots`` (a branch that
    could not be opened this time).  ``region`` (``store.region.Region``,
    a region's export) is recorded in the manifest: the dataset is that
    region's, and another region's export into it is refused before
    anything is written -- it would prune the first one's branches -- unless
    it holds no branch yet.  ``on_read(journal, months)`` is given the days
    of each branch read to export it (``months``: "YYYY-MM" -> ``[(date,
    Day)]``, judged as every reader judges them), once its months are
    written: what else needs them need not read them again.

    The branches to read are read by ``workers`` processes at once (default
    ``parallel.worker_count()``), each writing its own branch's months; this
    process alone writes the manifest, under the lock, and takes the
    branches' outcomes in their order, so errors, ``on_bad`` and the
    dataset are as one process would leave them.  Returns a ``Summary``."""
    from lobbyctl.engine.parallel import outcomes

    pyarrow_parquet = _parquet()
    try:
        os.makedirs(target, exist_ok=True)
    except OSError as exc:
        raise problem(JournalProblem, "cannot_write", target=target,
                      reason=os_reason(exc)) from None
    summary = Summary()
    failed_roots = {os.path.abspath(root) for root in keep_roots}
    with locked(target):
        manifest = read_manifest(target)
        if region is not None:
            _claim(target, manifest, region)
        branches, paths = manifest["branches"], manifest["paths"]
        digests = manifest["digests"]
        plan = [(journal, branches.get(journal.config.branch_code) or {})
                for journal in journals if SAFE_CODE.match(journal.config.branch_code)]
        exported = outcomes(target, plan, masked, digests, on_read, workers, pyarrow_parquet)
        for journal in journals:
            code = journal.config.branch_code
            if SAFE_CODE.match(code):
                _planned, outcome = next(exported)
            else:
                # a code no partition can be named by is this branch's problem
                # (``on_bad``: --skip-bad names it missing), not the export's
                outcome = problem(FileProblem, "dataset_bad_code", path=journal.config.path,
                                  line=None, code=code)
            if isinstance(outcome, Exception):
                if on_bad is None:
                    raise outcome
                on_bad(journal, outcome)
                failed_roots.add(journal.root)
                continue
            done, digest, counts = outcome
            summary.written += counts[0]
            summary.kept += counts[1]
            summary.removed += counts[2]
            summary.digests[code] = digest
            if (branches.get(code), digests.get(code), paths.get(code)) != (done, digest,
                                                                             journal.root):
                branches[code], digests[code], paths[code] = done, digest, journal.root
                # written as each branch changes, so an export cut short keeps
                # what it finished; a branch that did not change writes nothing
                write_manifest(target, manifest)
        if prune:
            wanted = {journal.config.branch_code for journal in journals}
            for code in [code for code in branches if code not in wanted
                         and paths.get(code) not in failed_roots]:
                for month in list(branches[code]):
                    remove_month(target, code, month)
                    summary.removed += 1
                del branches[code]
                paths.pop(code, None)
                digests.pop(code, None)
                write_manifest(target, manifest)
    return summary


def _claim(target, manifest, region):
    """The dataset made the ``region``'s; a ``UsageProblem`` naming both
    regions if another region's export made it and it holds branches."""
    owner = manifest.get("region")
    if owner is not None and owner["code"] != region.code and manifest["branches"]:
        raise problem(UsageProblem, "dataset_other_region", folder=target,
                      owner=f"{owner['code']} {owner['name']}".strip(),
                      region=f"{region.code} {region.name}".strip())
    claimed = {"code": region.code, "name": region.name}
    if owner != claimed:
        manifest["region"] = claimed
        write_manifest(target, manifest)


def branch_digest(journal, masked):
    """``(settings digest, {day file: digest}, digest of the whole branch)``."""
    config_digest = file_digest(journal.config.path)
    files = day_digests(journal)
    whole = hashlib.sha256(json.dumps([SCHEMA_DIGEST, config_digest, masked,
                                       sorted(files.items())]).encode()).hexdigest()
    return config_digest, files, whole


# a file changed this recently may change again within its clock's tick
# with the same identity (git's "racily clean" entries): hashed every time
_SETTLED_NS = 2 * 10**9


def day_digests(journal):
    """``{day file: SHA-256 of its bytes}``.  A file whose identity on this
    disk (``store.file_index``: device, inode, size, modification and change
    times, signed with this machine's key) is the one its digest was last
    taken of is not read again: a region whose journals did not change is
    brought up to date by a look at each file, not a reading of them all."""
    import time

    from lobbyctl.store.file_index import FileIndex, identity

    index = FileIndex(journal, "sha256", fingerprint="sha256-of-bytes-1")
    files = {}
    settled = time.time_ns() - _SETTLED_NS
    try:
        for day, path in journal.day_files():
            key = identity(path)
            digest = index.get(day, path, key)
            if type(digest) is not str or len(digest) != 64:
                digest = file_digest(path)
                if key is not None and len(digest) == 64 and max(key[3], key[4]) < settled:
                    index.put(day, path, key, digest)
            files[path] = digest
    finally:
        index.save()
    return files


def unchanged(target, code, known, whole, digests):
    """Whether no day file and no setting changed since the last export:
    then nothing is parsed at all."""
    return digests.get(code) == whole and bool(known) and all(
        os.path.isfile(part_path(target, code, month)) for month in known)


def export_branch(target, journal, known, masked, pyarrow_parquet, digested, on_read=None):
    """The branch's months brought up to date (``digested``: its
    ``branch_digest``); returns ``(manifest entry, (written, kept,
    removed))``, and gives ``on_read`` the days read."""
    from lobbyctl.check.reading import DayStream

    code = journal.config.branch_code
    config_digest, files, _whole = digested
    written = kept = removed = 0
    months = {}  # "YYYY-MM" -> [(date, day)]
    month_digests = {}  # "YYYY-MM" -> sha256 of its day files, in order
    into = {}  # "YYYY-MM" -> updates recorded in later months changing its entries
    for day, loaded in DayStream(journal):
        month = day.isoformat()[:7]
        months.setdefault(month, []).append((day, loaded))
        digest = month_digests.setdefault(month, hashlib.sha256())
        bytes_digest = files.get(loaded.path) or file_digest(loaded.path)
        digest.update(day.isoformat().encode() + bytes_digest.encode())
        for entry in loaded.entries:
            if entry.get("type") == "update":
                target_month = _ref_month(entry.get("ref"))
                if target_month and target_month != month:
                    into.setdefault(target_month, []).append((day, entry))
    done = {}
    for month, days in months.items():
        later = into.get(month, [])
        key = hashlib.sha256(json.dumps(
            [SCHEMA_DIGEST, config_digest, masked, month_digests[month].hexdigest(),
             [(day.isoformat(), entry) for day, entry in later]],
            ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()
        previous = known.get(month) or {}
        if previous.get("key") == key and os.path.isfile(part_path(target, code, month)):
            done[month] = previous
            kept += 1
            continue
        table = _table(journal, days, later, masked)
        _write_month(target, code, month, table, pyarrow_parquet)
        done[month] = {"key": key, "rows": table.num_rows}
        written += 1
    for month in known:
        if month not in months and MONTH.match(month):
            remove_month(target, code, month)
            removed += 1
    if on_read is not None:
        on_read(journal, months)
    return done, (written, kept, removed)


class _Updates:
    """A day holding only the updates of it that change an earlier month."""

    def __init__(self, entries):
        self.entries = entries


def _table(journal, days, later, masked):
    """The month's rows as an Arrow table of the schema."""
    from lobbyctl.reports.export_rows import export_rows
    from lobbyctl.store.loader import collector_paused

    stream = list(days)
    by_day = {}
    for day, entry in later:
        by_day.setdefault(day, []).append(entry)
    stream += [(day, _Updates(entries)) for day, entries in sorted(by_day.items())]
    # a month's rows are tens of thousands of dicts and no cycles
    with collector_paused():
        rows = list(export_rows(journal, stream, masked=masked, until=None, sparse=True))
        try:
            return arrow_table(rows)
        except ValueError as exc:
            column, value, kind = exc.args
            raise problem(JournalProblem, "dataset_bad_value", where=journal.root, column=column,
                          value=str(value)[:80], kind=kind) from None


def _ref_month(ref):
    # an id names its day (YYMMDD-xxxxxx): where the entry it updates is
    if isinstance(ref, str) and len(ref) == 13 and ref[6] == "-" and ref[:6].isdigit():
        return f"20{ref[:2]}-{ref[2:4]}"
    return None


def _write_month(target, code, month, table, pyarrow_parquet):
    folder = partition_folder(target, code, month, create=True)
    temp = os.path.join(folder, f".{PART}.{os.getpid()}.tmp")
    try:
        pyarrow_parquet.write_table(table, temp)
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, os.path.join(folder, PART))
        sync_folder(folder)
    except OSError as exc:
        unlink(temp)
        raise problem(JournalProblem, "cannot_write", target=folder,
                      reason=os_reason(exc)) from None
    except BaseException:
        unlink(temp)
        raise


def _parquet():
    from lobbyctl.engine import require

    require("pyarrow", "--format parquet")
    return require("pyarrow.parquet", "--format parquet")
