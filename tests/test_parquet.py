"""`export --format parquet` and `region export`: a Hive-partitioned dataset,
typed, with export's rows; incremental by content hash, each month replaced
whole; refused inside a journal; without the engine extra, exit 2 and how
to install it."""

import datetime
import json
import os
import subprocess
import sys
import threading

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import LOBBYCTL, Run, day_file
from lobbyctl.reports.export_rows import COLUMNS

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}


@pytest.fixture
def journal(english_journal):
    return english_journal


@pytest.fixture
def recorded(run, journal):
    ids = {}

    def record(name, *args):
        result = run(*args, env=NOW)
        assert result.exit_code == 0, result.stderr
        ids[name] = result.stdout.strip()

    record("greet", "greet", "--at", "2026-10-05T09:10", "--count", "3", "--group", "elderly",
           "--route", "self-service", "--wait", "12", "--potential", "--existing")
    record("refer", "refer", "--at", "2026-10-30T09:20", "--product", "养老理财",
           "--to", "wealth-manager", "--customer", "13812345678")
    # a later month's update changes October's row
    record("contact", "update", ids["refer"], "--at", "2026-11-02T15:00", "--via", "phone",
           "--outcome", "accepted")
    record("nov", "greet", "--at", "2026-11-03T10:00", "--route", "counter")
    return ids


def export(run, target, *args):
    result = run("export", "--format", "parquet", "--output", target, *args, env=NOW)
    assert result.exit_code == 0, result.stderr
    return result


def part(target, month, code="0101"):
    return target / f"branch_code={code}" / "year=2026" / f"month={month}" / "part-0.parquet"


def test_rows_are_exports_rows_typed(run, recorded, tmp_path):
    target = tmp_path / "ds"
    export(run, target)
    table = pq.read_table(part(target, "10"))
    schema = table.schema
    assert schema.names == [name for name in COLUMNS if name != "branch_code"]
    assert schema.field("at").type == pa.timestamp("ms", tz="UTC")
    assert schema.field("count").type == pa.int64()
    assert schema.field("potential").type == pa.bool_()
    assert schema.field("groups").type == pa.list_(pa.string())
    assert schema.field("date").type == pa.date32()
    rows = {row["type"]: row for row in table.to_pylist()}
    greet = rows["greet"]
    assert greet["count"] == 3 and greet["groups"] == ["elderly"] and greet["potential"] is True
    assert greet["new"] is False and greet["wait"] == 12
    assert greet["at"] == datetime.datetime(2026, 10, 5, 1, 10, tzinfo=datetime.timezone.utc)
    refer = rows["refer"]
    # folded as export does: accepted by November's update, the contact counted
    assert refer["outcome"] == "accepted" and refer["contacts"] == 1
    assert refer["decided_on"] == datetime.date(2026, 11, 2)
    assert refer["customer"] == "138****5678"  # masked, as every export is
    jsonl = run("export", "--from", "2026-10-01", "--to", "2026-11-20", env=NOW).stdout
    expected = [json.loads(line) for line in jsonl.splitlines()]
    assert [row["id"] for row in expected if row["date"] < "2026-11"] == \
        [row["id"] for row in table.to_pylist()]


def test_duckdb_reads_the_dataset_with_its_partitions(run, recorded, tmp_path):
    import duckdb

    target = tmp_path / "ds"
    export(run, target)
    rows = duckdb.sql(
        f"SELECT branch_code, year, month, count(*) FROM read_parquet('{target}/**/*.parquet',"
        " hive_partitioning = true) GROUP BY ALL ORDER BY ALL").fetchall()
    assert rows == [("0101", 2026, 10, 2), ("0101", 2026, 11, 1)]


def test_a_second_export_rewrites_only_the_months_that_changed(run, recorded, tmp_path):
    target = tmp_path / "ds"
    first = export(run, target)
    assert "2 month(s) rewritten, 0 unchanged" in first.stderr
    october = part(target, "10").stat()
    again = export(run, target)
    assert "0 month(s) rewritten, 2 unchanged" in again.stderr
    assert part(target, "10").stat().st_mtime_ns == october.st_mtime_ns
    assert run("greet", "--at", "2026-11-04T10:00", "--route", "counter",
               env=NOW).exit_code == 0
    third = export(run, target)
    assert "1 month(s) rewritten, 1 unchanged" in third.stderr
    assert part(target, "10").stat().st_ino == october.st_ino
    # an update in November to October's referral rewrites October
    refer = recorded["refer"]
    assert run("update", refer, "--at", "2026-11-05T10:00", "--via", "sms",
               env=NOW).exit_code == 0
    fourth = export(run, target)
    assert "2 month(s) rewritten" in fourth.stderr
    assert {row["contacts"] for row in pq.read_table(part(target, "10")).to_pylist()
            if row["type"] == "refer"} == {2}


def test_a_month_whose_day_files_vanished_is_removed(run, recorded, tmp_path, journal):
    target = tmp_path / "ds"
    export(run, target)
    os.unlink(day_file(journal, "2026-11-03"))
    os.unlink(day_file(journal, "2026-11-02"))
    # the referral's update is gone with it: only October is left, as recorded
    result = export(run, target)
    assert "1 removed" in result.stderr
    assert not part(target, "11").exists() and part(target, "10").exists()
    manifest = json.loads((target / "_lobbyctl_manifest.json").read_text())
    assert list(manifest["branches"]["0101"]) == ["2026-10"]


def test_a_tampered_manifest_rewrites_and_removes_nothing_outside(run, recorded, tmp_path):
    target = tmp_path / "ds"
    export(run, target)
    keep = tmp_path / "keep.txt"
    keep.write_text("mine")
    manifest = target / "_lobbyctl_manifest.json"
    data = json.loads(manifest.read_text())
    data["branches"]["0101"]["../../keep"] = {"key": "x"}
    data["branches"]["../.."] = {"2026-10": {"key": "x"}}
    manifest.write_text(json.dumps(data))
    export(run, target)
    assert keep.read_text() == "mine"
    manifest.write_text("{not json")
    assert "2 month(s) rewritten" in export(run, target).stderr


def test_readers_during_an_export_never_see_half_a_file(run, recorded, tmp_path):
    target = tmp_path / "ds"
    export(run, target)
    stop, seen, errors = threading.Event(), [], []

    def read():
        while not stop.is_set():
            try:
                # one open: the file a reader holds is whole, old or new
                with open(part(target, "11"), "rb") as handle:
                    seen.append(pq.read_table(handle).num_rows)
            except FileNotFoundError:
                errors.append("missing")
            except Exception as exc:  # noqa: BLE001 — a torn file is what we look for
                errors.append(repr(exc))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for minute in range(5):
            assert run("greet", "--at", f"2026-11-06T10:0{minute}", env=NOW).exit_code == 0
            export(run, target)
    finally:
        stop.set()
        reader.join()
    assert errors == [] and seen and set(seen) <= {1, 2, 3, 4, 5, 6}
    assert not [name for name in os.listdir(part(target, "11").parent) if name != "part-0.parquet"]


def test_two_exports_at_once_leave_one_whole_dataset(run, recorded, tmp_path, journal):
    target = tmp_path / "ds"
    env = {**os.environ, **NOW, "LOBBYCTL_JOURNAL": str(journal)}
    procs = [subprocess.Popen([LOBBYCTL, "export", "--format", "parquet", "--output",
                               str(target)], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert pq.read_table(part(target, "10")).num_rows == 2
    manifest = json.loads((target / "_lobbyctl_manifest.json").read_text())
    assert sorted(manifest["branches"]["0101"]) == ["2026-10", "2026-11"]


@pytest.mark.parametrize("where", ["inside", "file", "link"])
def test_output_is_refused_inside_a_journal_or_not_a_folder(run, recorded, tmp_path, journal,
                                                            where):
    if where == "inside":
        target = journal / "exports"
    elif where == "file":
        target = tmp_path / "a-file"
        target.write_text("x")
    else:
        target = tmp_path / "a-link"
        os.symlink(tmp_path, target)
    result = run("export", "--format", "parquet", "--output", target, env=NOW)
    assert result.exit_code == 2, result.stderr
    assert str(target.name) in result.stderr
    assert not (journal / "exports").exists()


def test_parquet_needs_an_output_folder_and_the_whole_journal(run, recorded):
    result = run("export", "--format", "parquet", env=NOW)
    assert result.exit_code == 2 and "--output DIR" in result.stderr
    result = run("export", "--format", "parquet", "-o", "x", "--from", "2026-10-01", env=NOW)
    assert result.exit_code == 2 and "whole journal" in result.stderr


WITHOUT_PYARROW = ("import sys; sys.modules['pyarrow'] = None; sys.modules['duckdb'] = None; "
                   "from lobbyctl.cli.main import main; sys.argv[0] = 'lobbyctl'; main()")


@pytest.mark.parametrize("lang,words", [("en", "pip install 'lobbyctl[engine]'"),
                                        ("zh", "需要引擎组件")])
def test_without_the_extra_parquet_says_how_to_install_it(tmp_path, lang, words):
    journal = tmp_path / "j"
    Run(journal)("init", "--branch-code", "0101", "--lang", lang)
    result = subprocess.run([sys.executable, "-c", WITHOUT_PYARROW, "-J", str(journal),
                             "export", "--format", "parquet", "--output", str(tmp_path / "d")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "d").exists()


def test_without_the_extra_region_table_reads_the_journals(tmp_path):
    branch = Run(tmp_path / "b" / "0101", env=NOW)
    branch("init", "--branch-code", "0101", "--lang", "en", "--manager", "王芳")
    assert branch("greet", "--count", "4", "--at", "2026-11-19T10:00").exit_code == 0
    Run(tmp_path)("region", "init", tmp_path, "--code", "R", "--lang", "en", "--branch", "b/*",
                  journal=False)
    env = {**os.environ, **NOW}
    args = [sys.executable, "-c", WITHOUT_PYARROW, "-R", str(tmp_path), "region", "table",
            "-f", "json"]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sections"]["table"]["counts"]["rows"] == [
        {"type": "greet", "count": 4}]
    assert not (tmp_path / "dataset").exists()
    forced = subprocess.run(args + ["--engine", "duckdb"], capture_output=True, text=True,
                            timeout=60, env=env)
    assert forced.returncode == 2 and "lobbyctl[engine]" in forced.stderr


def test_region_export_writes_every_branch_and_prunes_a_removed_one(tmp_path):
    for code in ("0101", "0102"):
        branch = Run(tmp_path / "b" / code, env=NOW)
        branch("init", "--branch-code", code, "--lang", "en", "--manager", "王芳")
        assert branch("greet", "--at", "2026-11-19T10:00").exit_code == 0
    run = Run(tmp_path, env=NOW)
    run("region", "init", tmp_path, "--code", "R", "--lang", "en", "--branch", "b/*",
        journal=False)
    result = run("-R", tmp_path, "region", "export", journal=False)
    assert result.exit_code == 0, result.stderr
    assert part(tmp_path / "dataset", "11", "0102").exists()
    # a branch that cannot be read keeps its months with --skip-bad
    (tmp_path / "b" / "0102" / "lobbyctl.yaml").write_text("format: [")
    failed = run("-R", tmp_path, "region", "export", journal=False)
    assert failed.exit_code == 1 and "b/0102" in failed.stderr
    skipped = run("-R", tmp_path, "region", "export", "--skip-bad", journal=False)
    assert skipped.exit_code == 0, skipped.stderr
    assert "1 branch(es) missing" in skipped.stderr
    assert part(tmp_path / "dataset", "11", "0102").exists()
    # a branch no longer in the region goes
    (tmp_path / "b" / "0102" / "lobbyctl.yaml").unlink()
    os.rename(tmp_path / "b" / "0102", tmp_path / "gone")
    pruned = run("-R", tmp_path, "region", "export", journal=False)
    assert pruned.exit_code == 0, pruned.stderr
    assert not (tmp_path / "dataset" / "branch_code=0102").exists()


@pytest.mark.parametrize("what", ["fifo", "link"])
def test_a_day_file_that_is_a_fifo_or_link_is_named_not_waited_on(run, recorded, tmp_path,
                                                                   journal, what):
    path = day_file(journal, "2026-11-05")
    if what == "fifo":
        os.mkfifo(path)
    else:
        os.symlink(day_file(journal, "2026-11-03"), path)
    result = run("export", "--format", "parquet", "--output", tmp_path / "ds", env=NOW)
    assert result.exit_code == 1, result.stderr
    assert "2026-11-05.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not part(tmp_path / "ds", "10").exists()


def test_every_package_is_shipped_in_the_wheel():
    """The engine is a package of its own: pyproject.toml lists packages by
    name, and one left out installs a lobbyctl whose region commands fail."""
    import pathlib
    import tomllib

    repo = pathlib.Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((repo / "pyproject.toml").read_text())["tool"]["setuptools"]
                 ["packages"])
    found = {".".join(path.parent.relative_to(repo).parts)
             for path in (repo / "lobbyctl").rglob("__init__.py")}
    assert found <= listed, found - listed


def test_every_row_of_the_sample_is_its_export_row_typed(tmp_path):
    """The dataset is built a column at a time (each column whole through
    Arrow where its values already are of its kind): over the sample
    journal's every entry type, each file row is export's JSON row as the
    value-by-value converters type it."""
    import shutil

    from lobbyctl.engine.arrow_schema import KINDS, typed

    sample = tmp_path / "journal"
    shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "journal"), sample,
                    ignore=shutil.ignore_patterns(".lobbyctl-cache"))
    run = Run(sample, env={"LOBBYCTL_NOW": "2026-11-10T20:00"})
    result = run("export", "--format", "parquet", "--output", str(tmp_path / "ds"))
    assert result.exit_code == 0, result.stderr
    got = pq.read_table(tmp_path / "ds", partitioning="hive").to_pylist()
    jsonl = run("export", "--from", "2026-10-01", "--to", "2026-11-10").stdout
    expected = [typed(json.loads(line)) for line in jsonl.splitlines()]
    assert len(got) == len(expected) > 6000
    assert {row["type"] for row in got} >= {"greet", "refer", "complain", "note", "open",
                                            "close", "rate", "ticket", "outreach"}
    by_id = {row["id"]: row for row in expected}
    for row in got:
        assert {name: row[name] for name in KINDS} == by_id[row["id"]], row["id"]


@pytest.mark.parametrize("rows", [5, 3000])
def test_times_and_dates_are_the_same_parsed_by_arrow_or_one_by_one(monkeypatch, rows):
    """A column of times or dates goes to Arrow's own ISO parser when it is
    long enough to pay for pyarrow.compute's import, else value by value:
    the same table either way (whole seconds, milliseconds, other offsets,
    a Z), and the same error for a value that is no time."""
    from lobbyctl.engine import arrow_schema

    times = ["2026-10-15T09:01:38+08:00", "2026-10-15T09:01:38.250+08:00",
             "2026-10-15T01:01:38Z", "2026-10-14T23:30:00-05:00"]
    sparse = [{"at": times[n % 4], "date": f"2026-10-{n % 28 + 1:02d}", "id": f"{n}"}
              for n in range(rows)]
    monkeypatch.setattr(arrow_schema, "_parsed_by_arrow", lambda count: True)
    by_arrow = arrow_schema.arrow_table(sparse)
    monkeypatch.setattr(arrow_schema, "_parsed_by_arrow", lambda count: False)
    one_by_one = arrow_schema.arrow_table(sparse)
    assert by_arrow.equals(one_by_one)
    assert by_arrow.column("at")[1].as_py() == datetime.datetime(
        2026, 10, 15, 1, 1, 38, 250000, tzinfo=datetime.timezone.utc)
    for by_arrow_too in (True, False):
        monkeypatch.setattr(arrow_schema, "_parsed_by_arrow", lambda count: by_arrow_too)
        with pytest.raises(ValueError) as raised:
            arrow_schema.arrow_table([*sparse[:3], {"at": "2026-10-15 半夜"}])
        assert raised.value.args[:2] == ("at", "2026-10-15 半夜")
