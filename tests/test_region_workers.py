"""A region's export over worker processes ($LOBBYCTL_WORKERS): the same
dataset, byte for byte, and the same forms as one process; a bad branch
met by a worker is named as one process names it (exit 1), or left out
with --skip-bad."""

import json
import os

import pytest

from conftest import Run, day_file

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}
CODES = ("0101", "0102", "0103", "0104")


def record(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def region(tmp_path):
    """Four branches over October and November; a November update changes
    an October referral of 0102 (its October month depends on November)."""
    for number, code in enumerate(CODES, start=1):
        run = Run(tmp_path / "branches" / code, env=NOW)
        record(run, "init", "--branch-code", code, "--branch-name", f"支行{code}",
               "--manager", "王芳", "--lang", "en")
        record(run, "open", "--ok", "--at", "2026-11-02T08:30")
        for day in (2, 3, 4):
            record(run, "greet", "--count", str(number + day), "--route", "counter",
                   "--wait", str(day * number), "--at", f"2026-11-{day:02d}T10:00")
        record(run, "greet", "--route", "e-banking", "--at", "2026-10-15T10:00")
        referral = record(run, "refer", "--product", "基金", "--to", "teller",
                          "--customer", "13812345678", "--at", "2026-10-20T11:00")
        if code == "0102":
            record(run, "update", referral, "--outcome", "accepted", "--via", "phone",
                   "--at", "2026-11-05T15:00")
    result = region_run(tmp_path, "region", "init", tmp_path, "--code", "R01", "--name",
                        "城东区", "--lang", "en", "--branch", "branches/*")
    assert result.exit_code == 0, result.stderr
    return tmp_path


def region_run(root, *args, workers=None):
    env = dict(NOW, **({"LOBBYCTL_WORKERS": str(workers)} if workers else {}))
    return Run(root, env=env)("-R", root, *args, journal=False)


def files_of(folder):
    """Every file of a dataset (the lock aside) and its bytes."""
    found = {}
    for base, _folders, names in os.walk(folder):
        for name in names:
            if name != ".lobbyctl-lock":
                path = os.path.join(base, name)
                found[os.path.relpath(path, folder)] = open(path, "rb").read()
    return found


@pytest.fixture
def spread(monkeypatch):
    """How many exports went to workers (shown, so a test cannot pass by
    never starting one)."""
    from lobbyctl.engine import parallel

    calls = []
    real = parallel._spread

    def counted(*args):
        calls.append(args[-2])
        yield from real(*args)

    monkeypatch.setattr(parallel, "_spread", counted)
    return calls


def test_workers_write_the_very_dataset_one_process_writes(region, spread):
    one = region_run(region, "region", "export", "-o", region / "one", workers=1)
    assert one.exit_code == 0, one.stderr
    assert spread == []
    three = region_run(region, "region", "export", "-o", region / "three", workers=3)
    assert three.exit_code == 0, three.stderr
    assert spread == [3]
    assert one.stderr.replace("/one", "/three") == three.stderr
    written = files_of(region / "one")
    assert len([name for name in written if name.endswith(".parquet")]) == 8
    assert files_of(region / "three") == written


def test_the_form_through_workers_is_the_form_of_one_process(region, spread):
    forms = {}
    for workers in (1, 3):
        result = region_run(region, "region", "month", "2026-11", "--engine", "duckdb",
                            "-f", "json", "--dataset", region / f"ds{workers}",
                            workers=workers)
        assert result.exit_code == 0, result.stderr
        forms[workers] = json.loads(result.stdout)
    assert spread == [3]
    assert forms[1] == forms[3]
    direct = region_run(region, "region", "month", "2026-11", "--engine", "direct", "-f",
                        "json")
    assert json.loads(direct.stdout) == forms[3]
    # warm, and after one branch recorded once more: no worker for one branch
    record(Run(region / "branches" / "0103", env=NOW), "greet", "--count", "7", "--route",
           "e-banking", "--at", "2026-11-05T10:00")
    again = region_run(region, "region", "month", "2026-11", "--engine", "duckdb", "-f",
                       "json", "--dataset", region / "ds3", workers=3)
    assert spread == [3]
    rows = {row["branch"]: row for row in
            json.loads(again.stdout)["sections"]["league"]["branches"]["rows"]}
    assert rows["0103"]["customers"] == 5 + 6 + 7 + 7


@pytest.mark.parametrize("command", [("region", "export"),
                                     ("region", "month", "2026-11", "--engine", "duckdb")])
def test_a_bad_branch_met_by_a_worker_is_named_as_one_process_names_it(region, spread,
                                                                        command):
    with open(day_file(region / "branches" / "0102", "2026-11-03"), "ab") as handle:
        handle.write(b'{"id": [unclosed\n')
    said = {}
    for workers in (1, 3):
        failed = region_run(region, *command, "--dataset" if "month" in command else "-o",
                            region / f"ds{workers}", workers=workers)
        assert failed.exit_code == 1, failed.stderr
        assert failed.stdout == ""
        assert "branches/0102" in failed.stderr and "2026-11-03.yaml" in failed.stderr
        said[workers] = failed.stderr.replace(f"ds{workers}", "ds")
    assert said[1] == said[3]
    skipped = region_run(region, *command, "--skip-bad", "--dataset" if "month" in command
                         else "-o", region / "ds3", workers=3)
    assert skipped.exit_code == 0, skipped.stderr
    assert "branches/0102" in skipped.stderr
    assert sorted(name for name in os.listdir(region / "ds3") if name.startswith("branch_")) \
        == ["branch_code=0101", "branch_code=0103", "branch_code=0104"]
    assert spread[0] == 3  # the bad branch was met by a worker


def test_workers_setting_that_is_no_number_is_the_default(region, monkeypatch):
    from lobbyctl.engine.parallel import MAX_AUTO, worker_count

    for text in ("", "0", "-3", "many", "٣"):
        monkeypatch.setenv("LOBBYCTL_WORKERS", text)
        workers, chosen = worker_count()
        assert 1 <= workers <= MAX_AUTO and not chosen
    monkeypatch.setenv("LOBBYCTL_WORKERS", "2")
    assert worker_count() == (2, True)


def _dies(*_args):
    # a worker killed mid-export (out of memory, a signal): gone without a word
    os._exit(9)


@pytest.mark.parametrize("how", ["killed", "unpicklable"])
def test_a_worker_that_dies_or_cannot_be_reached_leaves_the_work_to_this_process(
        region, spread, monkeypatch, how):
    from lobbyctl.engine import parallel

    one = region_run(region, "region", "export", "-o", region / "one", workers=1)
    assert one.exit_code == 0, one.stderr
    # by reference to this module, so that a spawned worker runs it; a
    # function made here cannot even be sent to one
    monkeypatch.setattr(parallel, "_work", _dies if how == "killed" else lambda *args: None)
    three = region_run(region, "region", "export", "-o", region / "three", workers=3)
    assert three.exit_code == 0, three.stderr
    assert spread == [3]
    assert files_of(region / "three") == files_of(region / "one")
