"""`region month`: the region's monthly form over three small branch
journals whose figures are counted here by hand -- the region's total pools
the branches' parts (never an average of their rates or medians), each
branch's figures are its own form's, DuckDB over the dataset gives the same
form as the journals, and a branch that cannot be read is named."""

import json

import pytest

from conftest import Run, day_file
from branches import branch, record, region_run

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}


def checklists(run, day):
    record(run, "open", "--ok", "--at", f"{day}T08:30")
    record(run, "close", "--ok", "--at", f"{day}T17:30")


@pytest.fixture
def region(tmp_path):
    """Three branches, November 2026 (the form's day: Friday the 20th):

    0101: Mon 2nd opened and closed fine; 3 customers waited 5 min (counter);
          Tue 3rd 2 high-end customers waited 12 min (self-service, diverted),
          referrals accepted and declined; a formal complaint on the 2nd
          (due the 17th: overdue)
    0102: Mon 2nd opened and closed fine; 4 waited 20 min (counter), 1 waited
          3 min (e-banking, diverted), a fault never fixed, 3 satisfied and 1
          dissatisfied rating; Tue 3rd 1 customer (counter); October 15th: 2
    0103: Wed 4th 1 private-banking customer waited 8 min (counter), a referral
          accepted, a grumble; no checklist"""
    one, two, three = (branch(tmp_path, code) for code in ("0101", "0102", "0103"))
    checklists(one, "2026-11-02")
    record(one, "greet", "--count", "3", "--route", "counter", "--wait", "5",
           "--at", "2026-11-02T10:00")
    record(one, "complain", "--level", "complaint", "--category", "attitude", "--summary",
           "态度", "--at", "2026-11-02T11:00")
    record(one, "greet", "--count", "2", "--route", "self-service", "--wait", "12",
           "--segment", "high", "--at", "2026-11-03T10:00")
    record(one, "refer", "--product", "基金", "--to", "teller", "--outcome", "accepted",
           "--at", "2026-11-03T10:10")
    record(one, "refer", "--product", "理财", "--to", "teller", "--outcome", "declined",
           "--at", "2026-11-03T10:20")
    record(two, "greet", "--count", "2", "--route", "counter", "--at", "2026-10-15T10:00")
    checklists(two, "2026-11-02")
    record(two, "greet", "--count", "4", "--route", "counter", "--wait", "20",
           "--at", "2026-11-02T10:00")
    record(two, "greet", "--route", "e-banking", "--wait", "3", "--at", "2026-11-02T10:30")
    record(two, "note", "fault", "吞卡", "--device", "2号ATM", "--at", "2026-11-02T11:00")
    record(two, "rate", "--result", "satisfied", "--count", "3", "--at", "2026-11-02T12:00")
    record(two, "rate", "--result", "dissatisfied", "--at", "2026-11-02T12:10")
    record(two, "greet", "--route", "counter", "--at", "2026-11-03T10:00")
    record(three, "greet", "--route", "counter", "--wait", "8", "--segment", "private",
           "--at", "2026-11-04T10:00")
    record(three, "refer", "--product", "基金", "--to", "teller", "--outcome", "accepted",
           "--at", "2026-11-04T10:10")
    record(three, "complain", "--level", "grumble", "--category", "waiting", "--summary",
           "等太久", "--at", "2026-11-04T10:20")
    result = region_run(tmp_path, "region", "init", tmp_path, "--code", "R01", "--name",
                        "城东区", "--lang", "en", "--branch", "branches/*")
    assert result.exit_code == 0, result.stderr
    return tmp_path


def form(root, *args, engine="direct"):
    result = region_run(root, "region", "month", "2026-11", "--engine", engine, "-f", "json",
                        *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def rows_of(data, section, table):
    return data["sections"][section][table]["rows"]


def by_branch(data, section="league", table="branches"):
    return {row["branch"]: row for row in rows_of(data, section, table)}


def region_total(data):
    return {row["figure"]: row for row in rows_of(data, "region", "figures")}


def test_region_total_pools_the_parts_hand_checked(region):
    totals = region_total(form(region))
    want = {
        "customers": 12,  # 5 + 6 + 1
        "daily_average": 2.4,  # 12 ÷ (2 + 2 + 1) business days; not the mean 2.2 of 2.5, 3, 1
        "diversion_rate": 0.25,  # (2 + 1 + 0) ÷ 12; not the mean 0.19 of 0.4, 1/6, 0
        # merged waits 3, 5, 5, 5, 8, 12, 12, 20, 20, 20, 20: the 6th and the 10th
        "wait_median": 12,  # not 8, the median of the branch medians 5, 20, 8
        "wait_p90": 20,
        "within_10_minutes": 5 / 11,
        "highend": 3,
        "referrals": 3,
        "referral_conversion": 2 / 3,  # accepted 2 ÷ decided 3; not the mean 0.75
        "grumbles": 1,
        "formal_complaints": 1,
        "overdue_complaints": 1,
        "faults_open": 1,
        "checklist_compliance": 0.4,  # 2 fine days ÷ 5 business days
        "satisfaction": 0.75,
    }
    assert {key: row["total"] for key, row in totals.items()} == pytest.approx(want)
    assert totals["wait_median"]["median"] == 8
    assert totals["referral_conversion"]["median"] == 0.75
    assert totals["customers"]["median"] == 5
    # the month before: only 0102's 2 customers of October 15th
    assert totals["customers"]["previous"] == 2
    assert totals["customers"]["change"] == 5.0  # (12 - 2) ÷ 2
    assert totals["diversion_rate"]["previous"] == 0.0
    assert totals["diversion_rate"]["change"] == 0.25  # points


def test_each_branch_row_is_its_own_monthly_form(region):
    league = by_branch(form(region))
    for code in ("0101", "0102", "0103"):
        result = Run(region / "branches" / code, env=NOW)("report", "month", "2026-11",
                                                          "-f", "json")
        assert result.exit_code == 0, result.stderr
        own = {row["figure"]: row["value"]
               for row in json.loads(result.stdout)["sections"]["headline"]["figures"]["rows"]}
        row = league[code]
        assert {key: row[key] for key in own if key in row} == \
            {key: own[key] for key in own if key in row}
    assert league["0101"]["customers"] == 5 and league["0102"]["customers"] == 6
    assert league["0101"]["wait_median"] == 5 and league["0102"]["wait_median"] == 20


def test_ranks_best_first_ties_shared_none_unranked(region):
    ranks = by_branch(form(region), "ranks", "ranks")
    assert [ranks[code]["customers"] for code in ("0101", "0102", "0103")] == [2, 1, 3]
    # lower is better for waits and grumbles
    assert [ranks[code]["wait_median"] for code in ("0101", "0102", "0103")] == [1, 3, 2]
    assert [ranks[code]["grumbles"] for code in ("0101", "0102", "0103")] == [1, 1, 3]
    # 0102 decided no referral: no conversion, no rank
    assert [ranks[code]["referral_conversion"] for code in ("0101", "0102", "0103")] == \
        [2, None, 1]


def test_attention_names_each_reason_with_its_detail(region):
    reasons = {(row["branch"], row["reason"]): (row["count"], row["detail"])
               for row in rows_of(form(region), "attention", "reasons")}
    assert reasons[("0101", "overdue_complaints")][0] == 1
    assert reasons[("0101", "no_opening")] == (1, "2026-11-03")
    assert reasons[("0101", "no_closing")] == (1, "2026-11-03")
    # weekdays another branch recorded: the 2nd, 3rd (0101, 0102) and 4th (0103)
    assert reasons[("0101", "no_journal")] == (1, "2026-11-04")
    assert reasons[("0103", "no_journal")] == (2, "2026-11-02, 2026-11-03")
    count, detail = reasons[("0102", "faults_open_long")]
    assert count == 1 and "2026-11-02, 18d" in detail
    assert ("0103", "overdue_complaints") not in reasons
    assert ("0101", "faults_open_long") not in reasons


def test_duckdb_over_the_dataset_gives_the_form_of_the_journals(region):
    direct = form(region, engine="direct")
    through = form(region, engine="duckdb")
    assert (region / "dataset" / "branch_code=0101" / "year=2026" / "month=11" /
            "part-0.parquet").is_file()
    assert through == direct
    # one more day recorded at one branch: the dataset is brought up to date first
    record(Run(region / "branches" / "0103", env=NOW), "greet", "--count", "7", "--route",
           "e-banking", "--at", "2026-11-05T10:00")
    direct, through = form(region, engine="direct"), form(region, engine="duckdb")
    assert through == direct
    assert region_total(through)["customers"]["total"] == 19


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json", "html"])
def test_every_format_of_the_branch_forms(region, fmt):
    result = region_run(region, "region", "month", "2026-11", "--engine", "direct", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert "0102" in result.stdout


def test_xlsx_to_a_file_named_by_the_month(region, tmp_path):
    import openpyxl

    result = region_run(region, "region", "month", "2026-11", "--engine", "direct", "-f",
                        "xlsx", "-o", str(tmp_path / "out" / "region-%Y-%m.xlsx"))
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "out" / "region-2026-11.xlsx")
    cells = [cell for sheet in book for row in sheet.iter_rows(values_only=True)
             for cell in row]
    assert "0103" in cells and 12 in cells


def test_a_branch_not_a_journal_fails_the_form_unless_skip_bad(region):
    (region / "branches" / "0104").mkdir()  # a folder without lobbyctl.yaml
    failed = region_run(region, "region", "month", "2026-11", "--engine", "direct")
    assert failed.exit_code == 1
    assert "0104" in failed.stderr and "Traceback" not in failed.stderr
    data = form(region, "--skip-bad")
    assert "0104" in data["missing"]
    assert [row["path"] for row in rows_of(data, "missing", "branches")] == \
        [str(region / "branches" / "0104")]
    assert region_total(data)["customers"]["total"] == 12


@pytest.mark.parametrize("engine", ["direct", "duckdb"])
def test_a_branch_failing_its_reading_checks_is_named(region, engine):
    day = day_file(region / "branches" / "0103", "2026-11-04")
    with open(day, "ab") as handle:
        handle.write(b'{"type": "greet", "at": "not a time", "id": "261104-zzzzzz"}\n')
    failed = region_run(region, "region", "month", "2026-11", "--engine", engine)
    assert failed.exit_code == 1, failed.stdout
    assert "0103" in failed.stderr and "2026-11-04.yaml" in failed.stderr
    assert "Traceback" not in failed.stderr
    skipped = region_run(region, "region", "month", "2026-11", "--engine", engine,
                         "--skip-bad", "-f", "json")
    assert skipped.exit_code == 0, skipped.stderr
    data = json.loads(skipped.stdout)
    assert set(by_branch(data)) == {"0101", "0102"}
    assert region_total(data)["customers"]["total"] == 11
    assert "0103" in skipped.stderr


def test_branch_names_pass_through_the_mask(region):
    (region / "region.yaml").write_text(
        'format: 1\nregion:\n  code: "R01"\n  name: "城东区"\nlang: "zh"\nbranches:\n'
        '  - path: "branches/0101"\n    name: "城东13812345678"\n  - path: "branches/0102"\n',
        encoding="utf-8")
    masked = region_run(region, "region", "month", "2026-11", "--engine", "direct")
    assert masked.exit_code == 0, masked.stderr
    assert "13812345678" not in masked.stdout and "片区" in masked.stdout
    shown = region_run(region, "region", "month", "2026-11", "--engine", "direct", "--no-mask")
    assert "13812345678" in shown.stdout


def test_a_month_no_branch_covers_is_drawn_with_no_figures(region):
    data = form(region).copy()
    empty = region_run(region, "region", "month", "2025-01", "--engine", "direct", "-f", "json")
    assert empty.exit_code == 0, empty.stderr
    totals = region_total(json.loads(empty.stdout))
    assert all(row["total"] is None for row in totals.values())
    assert data["branches"] == 3


def test_a_bad_month_is_a_usage_problem(region):
    result = region_run(region, "region", "month", "2026-13")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_spark_checks_sql_gives_region_months_figures(region):
    """The README's SQL for a data platform (scripts/spark_check.py), run
    here by DuckDB over the dataset (Spark's backticks as DuckDB's quotes,
    partition values kept as text as spark-check reads them), finds the
    form's customers, diversion rate and formal complaints per branch."""
    import importlib.util
    import pathlib

    import duckdb

    path = pathlib.Path(__file__).parent.parent / "scripts" / "spark_check.py"
    spec = importlib.util.spec_from_file_location("spark_check", path)
    spark_check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(spark_check)
    data = form(region, engine="duckdb")  # exports the dataset first
    expected = {(row["branch"], key): row[key] for row in rows_of(data, "league", "branches")
                for key in spark_check.MONTH_FIGURES if row[key] is not None}
    files = str(region / "dataset" / "**" / "*.parquet").replace("'", "''")
    sql = spark_check.MONTH_SQL.format(year="2026", month="11").replace("`", '"').replace(
        "FROM lobby", f"FROM read_parquet('{files}', hive_partitioning = true, "
                      "hive_types_autocast = false)")
    connection = duckdb.connect()
    cursor = connection.execute(sql)
    names = [column[0] for column in cursor.description]
    found = spark_check.month_rows_as_figures([dict(zip(names, row)) for row in cursor.fetchall()])
    assert spark_check.same_month_figures(found, expected) == []
    assert found[("0101", "formal_complaints")] == 1
    assert found[("0102", "diversion_rate")] == pytest.approx(1 / 6)


def test_no_branch_readable_even_with_skip_bad_is_a_journal_problem(region):
    for code in ("0101", "0102", "0103"):
        (region / "branches" / code / "lobbyctl.yaml").unlink()
    result = region_run(region, "region", "month", "2026-11", "--engine", "direct",
                        "--skip-bad")
    assert result.exit_code == 1
    assert "no readable branch" in result.stderr and "Traceback" not in result.stderr


def test_output_never_over_a_branch_journals_file(region):
    day = day_file(region / "branches" / "0102", "2026-11-02")
    before = day.read_bytes()
    result = region_run(region, "region", "month", "2026-11", "--engine", "direct",
                        "-o", str(day))
    assert result.exit_code == 2, result.stdout
    assert day.read_bytes() == before


def test_ranks_of_many_branches_with_ties(tmp_path):
    """Forty branches, customers 1..20 twice: each pair of equals shares a
    rank and the next rank skips (40 branches: ranks 1, 1, 3, 3, ...)."""
    for number in range(40):
        code = f"{1000 + number}"
        run = branch(tmp_path, code)
        record(run, "greet", "--count", str(number % 20 + 1), "--route", "counter",
               "--at", "2026-11-02T10:00")
    result = region_run(tmp_path, "region", "init", tmp_path, "--code", "R01", "--name",
                        "城东区", "--lang", "en", "--branch", "branches/*")
    assert result.exit_code == 0, result.stderr
    data = form(tmp_path)
    customers = {row["branch"]: row["customers"] for row in rows_of(data, "league", "branches")}
    ranks = {row["branch"]: row["customers"] for row in rows_of(data, "ranks", "ranks")}
    for code, count in customers.items():
        assert ranks[code] == 2 * (20 - count) + 1
    assert region_total(data)["customers"]["total"] == 2 * sum(range(1, 21))


def test_an_outreach_with_icebreaker_sales_goes_into_the_dataset(region):
    """An outreach's [{product, sold}] is a JSON column of the dataset (it
    made `region export` fail the branch, and the DuckDB path read every
    branch from its journal)."""
    record(Run(region / "branches" / "0102", env=NOW), "outreach", "--scene", "community",
           "--venue", "阳光社区", "--icebreaker", "手机银行", "--sold", "11",
           "--at", "2026-11-03T15:00")
    exported = region_run(region, "region", "export")
    assert exported.exit_code == 0, exported.stderr
    assert (region / "dataset" / "branch_code=0102" / "year=2026" / "month=11" /
            "part-0.parquet").is_file()
    assert form(region, engine="duckdb") == form(region, engine="direct")


def test_kept_months_are_signed_keyed_by_inputs_and_never_trusted_over_them(region):
    """The second run over an unchanged region reads its kept months
    (dataset/_lobbyctl_region_month.json); one edited without the machine's
    key, a FIFO in its place, another form's day or a changed journal are
    each a miss: the form is always the journals'."""
    import os

    direct = form(region, engine="direct")
    assert form(region, engine="duckdb") == direct
    kept = region / "dataset" / "_lobbyctl_region_month.json"
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert len(data["entries"]) == 6  # three branches × this month and the one before
    # forged: every branch's customers made 999, the signature left as it was
    for held in data["entries"].values():
        if held["value"]["parts"]:
            held["value"]["parts"]["customers"][1] = 999
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert form(region, engine="duckdb") == direct
    kept.unlink()
    os.mkfifo(kept)
    assert form(region, engine="duckdb") == direct  # never blocks on it, replaces it
    assert kept.is_file()
    # a later form's day: the overdue complaint and the open fault are older
    later = Run(region, env={"LOBBYCTL_NOW": "2026-11-27T18:00"})
    by_day = {}
    for engine in ("direct", "duckdb"):
        result = later("-R", region, "region", "month", "2026-11", "--engine", engine,
                       "-f", "json", journal=False)
        assert result.exit_code == 0, result.stderr
        by_day[engine] = json.loads(result.stdout)
    assert by_day["duckdb"] == by_day["direct"]
    fault = [row for row in rows_of(by_day["duckdb"], "attention", "reasons")
             if row["reason"] == "faults_open_long"]
    assert "25d" in fault[0]["detail"]
    # a branch's journal changed: its month is read again
    record(Run(region / "branches" / "0101", env=NOW), "greet", "--count", "9", "--route",
           "counter", "--at", "2026-11-05T10:00")
    assert form(region, engine="duckdb") == form(region, engine="direct")
    assert by_branch(form(region, engine="duckdb"))["0101"]["customers"] == 14


def test_a_kept_month_signed_by_this_machine_is_read_instead_of_the_journal(region):
    """What makes the warm form fast: the kept months are read, not the
    journals (shown by one re-signed with this machine's key, as only
    lobbyctl itself can)."""
    from lobbyctl.engine import month_cache
    from lobbyctl.store.cache_files import machine_key

    form(region, engine="duckdb")
    kept = region / "dataset" / month_cache.NAME
    data = json.loads(kept.read_text(encoding="utf-8"))
    for name, held in data["entries"].items():
        if held["value"]["parts"] and json.loads(name)[3] == 11:
            held["value"]["parts"]["grumbles"][1] = 40
    data["mac"] = month_cache._mac(machine_key(), data["entries"])
    kept.write_text(json.dumps(data), encoding="utf-8")
    assert region_total(form(region, engine="duckdb"))["grumbles"]["total"] == 120
    assert region_total(form(region, engine="direct"))["grumbles"]["total"] == 1


def test_queue_tickets_go_into_the_dataset_and_count_their_waits(region, tmp_path):
    """A ticket's staff (one name) is the dataset's list column `staff`
    (it made `region export` fail the branch); the tickets' waits replace
    the greetings' on their day, in both paths alike."""
    rows = ("ticket,business,taken,called,start,end,window,staff,status,rating\n"
            "A001,deposit,2026-11-04 09:01:00,2026-11-04 09:05:00,2026-11-04 09:05:30,"
            "2026-11-04 09:12:00,1,陈静,served,satisfied\n"
            "A002,transfer,2026-11-04 09:03:00,2026-11-04 09:20:00,,,2,,no-show,\n")
    path = tmp_path / "queue.csv"
    path.write_text(rows, encoding="utf-8")
    imported = Run(region / "branches" / "0103", env=NOW)("import", "queue", path)
    assert imported.exit_code == 0, imported.stderr
    exported = region_run(region, "region", "export")
    assert exported.exit_code == 0, exported.stderr
    through = form(region, engine="duckdb")
    assert through == form(region, engine="direct")
    # 0103's day: tickets of 4 and 17 minutes instead of its greeting's 8
    assert by_branch(through)["0103"]["wait_p90"] == 17


def test_a_cold_form_reads_each_day_file_once(region, monkeypatch):
    """Cold (nothing exported yet), each branch's days are read once: the
    export that brings the dataset up to date hands them on to the branch's
    form, which is the same as read from the journals."""
    from lobbyctl.store import loader

    direct = form(region, engine="direct")
    reads = {}
    real = loader.read_day_bytes

    def counted(path):
        reads[path] = reads.get(path, 0) + 1
        return real(path)

    monkeypatch.setattr(loader, "read_day_bytes", counted)
    assert form(region, engine="duckdb") == direct
    day_files = sorted(str(path) for path in (region / "branches").glob("*/2026/*/*.yaml"))
    assert sorted(reads) == day_files
    assert set(reads.values()) == {1}


def test_a_day_of_only_an_update_is_a_business_day_through_duckdb_too(region):
    """The dataset folds an update into the row of the entry it changes, in
    that entry's month: a day holding only the update has no row of its own
    month there, yet it is a business day of the branch's form (and so of
    the daily average) through DuckDB as through the journals."""
    one = Run(region / "branches" / "0103", env=NOW)
    referral = record(one, "refer", "--product", "理财", "--to", "teller",
                      "--at", "2026-10-20T11:00")
    record(one, "update", referral, "--outcome", "accepted", "--via", "phone",
           "--at", "2026-11-06T15:00")
    direct, through = form(region, engine="direct"), form(region, engine="duckdb")
    assert by_branch(direct)["0103"]["daily_average"] == 0.5  # 1 customer, 2 days
    assert through == direct
