"""The dataset's incremental export takes a day file's digest from the last
one taken while the file's identity on this disk is unchanged (signed with
the machine key): a changed file, however it was changed, is hashed again,
and a memo that was tampered with is no memo."""

import os
import time

import pyarrow.parquet as pq
import pytest

from conftest import day_file

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}


@pytest.fixture
def journal(english_journal):
    return english_journal


def _export(run, target):
    result = run("export", "--format", "parquet", "--output", target, env=NOW)
    assert result.exit_code == 0, result.stderr
    return result


def _notes(target):
    part = target / "branch_code=0101" / "year=2026" / "month=10" / "part-0.parquet"
    return sorted(value for value in pq.read_table(part).column("text").to_pylist() if value)


def _memo(journal):
    return journal / ".lobbyctl-cache" / "index" / "sha256-2026.json"


def _settled(path):
    """The day file as a file written over two seconds ago: only such a
    file's digest is kept (one written within its clock's tick may change
    again without its identity changing)."""
    time.sleep(2.1)


@pytest.fixture
def exported(run, journal, tmp_path):
    result = run("note", "other", "AAAA", "--at", "2026-10-05T09:10", env=NOW)
    assert result.exit_code == 0, result.stderr
    path = day_file(journal, "2026-10-05")
    _settled(path)
    target = tmp_path / "ds"
    _export(run, target)
    assert _memo(journal).is_file()  # the digest was kept
    assert _notes(target) == ["AAAA"]
    return path, target


def test_a_file_changed_in_place_with_its_size_and_times_kept_is_exported_again(
        run, journal, exported):
    path, target = exported
    info = os.stat(path)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"AAAA", b"BBBB"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # only the change time moves
    assert os.stat(path).st_size == info.st_size
    _export(run, target)
    assert _notes(target) == ["BBBB"]


def test_a_tampered_memo_is_no_memo(run, journal, exported):
    path, target = exported
    memo = _memo(journal)
    memo.write_bytes(memo.read_bytes().replace(b'"data":"', b'"data":"0', 1))
    data = path.read_bytes()
    path.write_bytes(data.replace(b"AAAA", b"CCCC"))
    _export(run, target)
    assert _notes(target) == ["CCCC"]


def test_an_unchanged_journal_is_not_read_again(run, journal, exported):
    path, target = exported
    first = (target / "branch_code=0101" / "year=2026" / "month=10" / "part-0.parquet").stat()
    result = _export(run, target)
    again = (target / "branch_code=0101" / "year=2026" / "month=10" / "part-0.parquet").stat()
    assert (first.st_ino, first.st_mtime_ns) == (again.st_ino, again.st_mtime_ns)


def test_an_up_to_date_export_leaves_the_manifest_as_it_was(run, journal, exported):
    _path, target = exported
    manifest = target / "_lobbyctl_manifest.json"
    before = manifest.stat()
    _export(run, target)
    after = manifest.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
