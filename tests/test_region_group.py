"""A region's groups (region.yaml ``group:``, issue 11): ``region table
--by group`` and ``--where group=`` through both engines, ``region month``'s
group column, its "by group" section pooled from the branches' parts as the
region's total is, ``--group NAME``; and a dataset that belongs to one
region.  Figures counted here by hand over three small branches: 0101 in
北区, 0102 in 南区, 0103 without a group."""

import json

import pytest

from conftest import Run
from branches import branch, record, region_run

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}


def write_region(root, groups, code="R01", name="城东区", lang="en"):
    """region.yaml naming 0101..0103, each with its group ("" = none)."""
    items = "".join(f'  - path: "branches/{branch_code}"\n' +
                    (f'    group: "{group}"\n' if group else "")
                    for branch_code, group in groups.items())
    (root / "region.yaml").write_text(
        f'format: 1\nregion:\n  code: "{code}"\n  name: "{name}"\nlang: "{lang}"\n'
        f"branches:\n{items}", encoding="utf-8")


GROUPS = {"0101": "北区", "0102": "南区", "0103": ""}


@pytest.fixture
def region(tmp_path):
    """November 2026 (the form's day: Friday the 20th):

    0101 (北区): Mon 2nd opened and closed; 3 customers waited 5 min
          (counter); Tue 3rd 2 high-end customers waited 12 min
          (self-service, diverted); a formal complaint on the 2nd (overdue)
    0102 (南区): Mon 2nd opened and closed; 4 waited 20 min (counter), 1
          waited 3 min (e-banking, diverted); Tue 3rd 1 customer (counter)
    0103 (no group): Wed 4th 1 customer waited 8 min (counter); no checklist"""
    one, two, three = (branch(tmp_path, code) for code in GROUPS)
    for run in (one, two):
        record(run, "open", "--ok", "--at", "2026-11-02T08:30")
        record(run, "close", "--ok", "--at", "2026-11-02T17:30")
    record(one, "greet", "--count", "3", "--route", "counter", "--wait", "5",
           "--at", "2026-11-02T10:00")
    record(one, "complain", "--level", "complaint", "--category", "attitude", "--summary",
           "态度", "--at", "2026-11-02T11:00")
    record(one, "greet", "--count", "2", "--route", "self-service", "--wait", "12",
           "--segment", "high", "--at", "2026-11-03T10:00")
    record(two, "greet", "--count", "4", "--route", "counter", "--wait", "20",
           "--at", "2026-11-02T10:00")
    record(two, "greet", "--route", "e-banking", "--wait", "3", "--at", "2026-11-02T10:30")
    record(two, "greet", "--route", "counter", "--at", "2026-11-03T10:00")
    record(three, "greet", "--route", "counter", "--wait", "8", "--at", "2026-11-04T10:00")
    write_region(tmp_path, GROUPS)
    return tmp_path


def table(root, *args, engine="direct"):
    result = region_run(root, "region", "table", "--engine", engine, "-f", "json",
                        "--from", "2026-11-01", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return data, data["sections"]["table"]["counts"]["rows"]


# --- region table -----------------------------------------------------------

def test_table_by_group_counts_each_branch_under_its_group(region):
    _data, rows = table(region, "--by", "group")
    # a branch without a group counts under "" (shown: no group)
    assert {row["group"]: row["count"] for row in rows} == {"北区": 5, "南区": 6, "": 1}
    _data, rows = table(region, "--by", "group,route")
    assert {(row["group"], row["route"]): row["count"] for row in rows} == {
        ("北区", "counter"): 3, ("北区", "self-service"): 2, ("南区", "counter"): 5,
        ("南区", "e-banking"): 1, ("", "counter"): 1}
    text = region_run(region, "region", "table", "--engine", "direct", "--by", "group")
    assert text.exit_code == 0, text.stderr
    assert "no group" in text.stdout and "北区" in text.stdout and "Group" in text.stdout


@pytest.mark.parametrize("args", [
    ("--by", "group",),
    ("--by", "group,branch", "--period", "day"),
    ("--by", "route,group", "--period", "week", "--period-rows"),
    ("--by", "route", "--where", "group=北区"),
    ("--by", "branch", "--where", "group=no group", "--where", "group=南区"),
    ("--type", "complain", "--by", "group,level"),
])
def test_both_engines_give_the_same_figures_by_group(region, args):
    direct, _ = table(region, *args, engine="direct")
    through, _ = table(region, *args, engine="duckdb")
    assert through == direct
    assert (region / "dataset" / "branch_code=0103").is_dir()


def test_where_group_names_a_group_or_no_group_in_either_language(region):
    _data, rows = table(region, "--by", "branch", "--where", "group=北区")
    assert {row["branch"]: row["count"] for row in rows} == {"0101": 5}
    for typed in ("未分组", "no group", "No Group"):
        _data, rows = table(region, "--by", "branch", "--where", f"group={typed}")
        assert {row["branch"]: row["count"] for row in rows} == {"0103": 1}


def test_an_unknown_group_is_a_usage_problem_listing_the_groups(region):
    for engine in ("direct", "duckdb"):
        result = region_run(region, "region", "table", "--engine", engine, "--where",
                            "group=elderly")
        assert result.exit_code == 2, result.stdout
        assert "elderly" in result.stderr and "北区, 南区" in result.stderr
        assert "groups=" in result.stderr and "Traceback" not in result.stderr


def test_groups_is_still_the_customers_special_groups(region):
    record(Run(region / "branches" / "0103", env=NOW), "greet", "--route", "counter",
           "--group", "elderly", "--at", "2026-11-05T10:00")
    _data, rows = table(region, "--by", "groups", "--where", "groups=elderly")
    assert {row["groups"]: row["count"] for row in rows} == {"elderly": 1}


# --- region month -------------------------------------------------------------

def form(root, *args, engine="direct"):
    result = region_run(root, "region", "month", "2026-11", "--engine", engine, "-f", "json",
                        *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def rows_of(data, section, table):
    return {row.get("branch", row.get("group")): row
            for row in data["sections"][section][table]["rows"]}


def totals_of(data):
    return {row["figure"]: row["total"] for row in data["sections"]["region"]["figures"]["rows"]}


def test_league_shows_each_branchs_group(region):
    league = rows_of(form(region), "league", "branches")
    assert {code: row["group"] for code, row in league.items()} == GROUPS


def test_each_group_is_pooled_from_its_branches_as_the_region_is(region):
    write_region(region, {"0101": "北区", "0102": "北区", "0103": ""})
    data = form(region)
    groups = rows_of(data, "groups", "groups")
    assert list(groups) == ["北区", ""]  # no group last
    north = groups["北区"]
    assert north["branches"] == 2 and north["customers"] == 11  # 5 + 6
    # (2 + 1) diverted ÷ 11 customers; not 0.283, the mean of 0.4 and 1/6
    assert north["diversion_rate"] == pytest.approx(3 / 11)
    assert north["highend"] == 2 and north["overdue_complaints"] == 1
    assert groups[""]["customers"] == 1 and groups[""]["wait_median"] == 8
    # exactly the total of a region of 北区's branches alone
    write_region(region, {"0101": "北区", "0102": "北区"})
    alone = totals_of(form(region))
    assert {key: north[key] for key in alone} == pytest.approx(alone)


def test_both_engines_give_the_same_form_with_groups(region):
    write_region(region, {"0101": "北区", "0102": "北区", "0103": ""})
    assert form(region, engine="duckdb") == form(region, engine="direct")
    assert form(region, "--group", "北区", engine="duckdb") == \
        form(region, "--group", "北区", engine="direct")


def test_a_region_without_groups_has_no_group_column_nor_section(region):
    write_region(region, {"0101": "", "0102": "", "0103": ""})
    data = form(region)
    assert "groups" not in data["sections"]
    assert "group" not in next(iter(rows_of(data, "league", "branches").values()))


def test_group_option_draws_one_groups_form(region):
    write_region(region, {"0101": "北区", "0102": "北区", "0103": ""})
    data = form(region, "--group", "北区")
    assert data["group"] == "北区" and data["branches"] == 2 and "北区" in data["title"]
    assert set(rows_of(data, "league", "branches")) == {"0101", "0102"}
    ranks = rows_of(data, "ranks", "ranks")
    assert (ranks["0101"]["customers"], ranks["0102"]["customers"]) == (2, 1)
    assert totals_of(data)["customers"] == 11
    assert "groups" not in data["sections"]
    attention = data["sections"]["attention"]["reasons"]["rows"]
    assert {row["branch"] for row in attention} <= {"0101", "0102"}
    # 0103's Wednesday is not a day 北区 was expected to record
    assert not [row for row in attention if row["reason"] == "no_journal"]
    nobody = form(region, "--group", "未分组")
    assert set(rows_of(nobody, "league", "branches")) == {"0103"}
    assert nobody["group"] == "no group"


def test_an_unknown_group_is_exit_2_listing_the_groups(region):
    result = region_run(region, "region", "month", "2026-11", "--group", "西区")
    assert result.exit_code == 2 and result.stdout == ""
    assert "西区" in result.stderr and "北区, 南区, 未分组 / no group" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_branch_of_another_group_does_not_fail_a_groups_form(region):
    text = (region / "region.yaml").read_text(encoding="utf-8")
    (region / "region.yaml").write_text(
        text + '  - path: "branches/0104"\n    group: "西区"\n', encoding="utf-8")
    assert region_run(region, "region", "month", "2026-11", "--engine", "direct").exit_code == 1
    data = form(region, "--group", "北区")
    assert set(rows_of(data, "league", "branches")) == {"0101"} and "missing" not in data
    failed = region_run(region, "region", "month", "2026-11", "--group", "西区")
    assert failed.exit_code == 1 and "0104" in failed.stderr


def test_a_groups_form_through_the_dataset_prunes_no_other_branch(region):
    form(region, engine="duckdb")
    form(region, "--group", "北区", engine="duckdb")
    for code in GROUPS:
        assert (region / "dataset" / f"branch_code={code}").is_dir()


@pytest.mark.parametrize("fmt,lang,title", [
    ("text", "en", "By group"), ("markdown", "zh", "按分组"), ("csv", "en", "groups"),
    ("html", "zh", "按分组"), ("json", "en", "By group")])
def test_the_group_section_in_every_format(region, fmt, lang, title):
    result = region_run(region, "region", "month", "2026-11", "--engine", "direct", "-f", fmt,
                        "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert title in result.stdout and "南区" in result.stdout
    assert ("未分组" if lang == "zh" else "no group") in result.stdout or fmt in ("csv", "json")


def test_the_group_section_in_xlsx(region, tmp_path):
    import openpyxl

    out = tmp_path / "out" / "region-%Y-%m.xlsx"
    result = region_run(region, "region", "month", "2026-11", "--engine", "direct", "-f",
                        "xlsx", "-o", out, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(tmp_path / "out" / "region-2026-11.xlsx")
    cells = [cell for sheet in book for row in sheet.iter_rows(values_only=True)
             for cell in row] + book.sheetnames
    assert "按分组" in " ".join(str(cell) for cell in cells)
    assert "南区" in cells and "未分组" in cells


def test_month_help_documents_group(region):
    result = region_run(region, "region", "month", "--help")
    assert "--group NAME" in result.stdout and "--group 北区" in result.stdout


# --- a dataset belongs to one region -------------------------------------------

def manifest_of(folder):
    return json.loads((folder / "_lobbyctl_manifest.json").read_text(encoding="utf-8"))


def second_region(tmp_path):
    """Region R02 (西城区) of one branch, 0201, beside the first."""
    root = tmp_path / "west"
    run = branch(root, "0201")
    record(run, "greet", "--route", "counter", "--at", "2026-11-02T10:00")
    write_region(root, {}, code="R02", name="西城区")
    (root / "region.yaml").write_text((root / "region.yaml").read_text(encoding="utf-8") +
                                      '  - path: "branches/0201"\n', encoding="utf-8")
    return root


def snapshot(folder):
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_region_export_records_the_regions_code(region):
    result = region_run(region, "region", "export")
    assert result.exit_code == 0, result.stderr
    assert manifest_of(region / "dataset")["region"] == {"code": "R01", "name": "城东区"}


def test_a_second_region_may_not_prune_the_first_ones_dataset(region, tmp_path):
    assert region_run(region, "region", "export").exit_code == 0
    dataset = region / "dataset"
    before = snapshot(dataset)
    west = second_region(tmp_path)
    for args in (("region", "export", "--output", dataset),
                 ("region", "month", "2026-11", "--engine", "duckdb", "--dataset", dataset),
                 ("region", "month", "2026-11", "--dataset", dataset),  # auto: named
                 ("region", "table", "--engine", "duckdb", "--dataset", dataset)):
        result = region_run(west, *args)
        assert result.exit_code == 2, (args, result.stdout)
        assert "R01 城东区" in result.stderr and "R02 西城区" in result.stderr, args
        assert "Traceback" not in result.stderr
    lock = ".lobbyctl-lock"
    assert {name: data for name, data in snapshot(dataset).items() if name != lock} == \
        {name: data for name, data in before.items() if name != lock}
    # a new folder, or one the first region's branches have all left, is the second's
    fresh = tmp_path / "west-dataset"
    assert region_run(west, "region", "export", "--output", fresh).exit_code == 0
    assert manifest_of(fresh)["region"]["code"] == "R02"
    assert sorted(path.name for path in fresh.iterdir() if path.is_dir()) == ["branch_code=0201"]


def test_the_refusal_is_said_in_the_regions_language(region, tmp_path):
    assert region_run(region, "region", "export").exit_code == 0
    west = second_region(tmp_path)
    text = (west / "region.yaml").read_text(encoding="utf-8")
    (west / "region.yaml").write_text(text.replace('lang: "en"', 'lang: "zh"'),
                                      encoding="utf-8")
    result = region_run(west, "region", "export", "--output", region / "dataset")
    assert result.exit_code == 2 and "属于片区 R01 城东区" in result.stderr


def test_a_branchs_parquet_export_keeps_a_regions_dataset_its_own(region, tmp_path):
    dataset = tmp_path / "shared"
    # a dataset a branch made has no region: a region's export adopts it, as main did
    one = Run(region / "branches" / "0101", env=NOW)
    assert one("export", "--format", "parquet", "--output", dataset).exit_code == 0
    assert manifest_of(dataset)["region"] is None
    assert region_run(region, "region", "export", "--output", dataset).exit_code == 0
    assert manifest_of(dataset)["region"]["code"] == "R01"
    # a branch exporting into a region's dataset leaves it the region's
    assert one("export", "--format", "parquet", "--output", dataset).exit_code == 0
    assert manifest_of(dataset)["region"]["code"] == "R01"


def test_pyarrow_reads_branch_codes_as_text_with_the_readme_partitioning(region):
    import pyarrow
    import pyarrow.dataset

    assert region_run(region, "region", "export").exit_code == 0
    folder = str(region / "dataset")
    guessed = pyarrow.dataset.dataset(folder, format="parquet", partitioning="hive")
    assert set(guessed.to_table().column("branch_code").to_pylist()) == {101, 102, 103}
    # the README's way: branch codes stay "0101"
    partitioning = pyarrow.dataset.partitioning(
        pyarrow.schema([("branch_code", pyarrow.string()), ("year", pyarrow.int32()),
                        ("month", pyarrow.int32())]), flavor="hive")
    table = pyarrow.dataset.dataset(folder, format="parquet",
                                    partitioning=partitioning).to_table()
    codes = table.column("branch_code").to_pylist()
    assert set(codes) == {"0101", "0102", "0103"}
    import pyarrow.compute

    greetings = table.filter(pyarrow.compute.equal(table.column("type"), "greet"))
    customers = greetings.group_by("branch_code").aggregate([("count", "sum")]).to_pylist()
    assert {row["branch_code"]: row["count_sum"] for row in customers} == \
        {"0101": 5, "0102": 6, "0103": 1}
    # what pandas.read_parquet(folder, partitioning=...) hands on to pyarrow
    import pyarrow.parquet

    same = pyarrow.parquet.read_table(folder, partitioning=partitioning)
    assert set(same.column("branch_code").to_pylist()) == {"0101", "0102", "0103"}


# --- odd groups ------------------------------------------------------------------

def test_odd_group_names_masked_escaped_and_blank_is_none(region):
    (region / "region.yaml").write_text(
        'format: 1\nregion: {code: "R01", name: "城东区"}\nlang: "en"\nbranches:\n'
        '  - path: "branches/0101"\n    group: "=HYPERLINK(\\"x\\")"\n'
        '  - path: "branches/0102"\n    group: "南区13812345678"\n'
        '  - path: "branches/0103"\n    group: "   "\n', encoding="utf-8")
    for args in (("table", "--by", "group", "--engine", "duckdb"),
                 ("table", "--by", "group", "--engine", "direct"),
                 ("month", "2026-11", "--engine", "direct")):
        for fmt in ("text", "csv", "json"):
            result = region_run(region, "region", *args, "-f", fmt)
            assert result.exit_code == 0, result.stderr
            assert "13812345678" not in result.stdout and "138****5678" in result.stdout
            if fmt == "csv":
                assert "\n=HYPERLINK" not in result.stdout and ",=HYPERLINK" not in result.stdout
    # a group of blanks is no group
    _data, rows = table(region, "--by", "branch,group")
    assert {row["branch"]: row["group"] for row in rows}["0103"] == ""
    # --where matches the group as written, its number in full
    _data, rows = table(region, "--by", "branch", "--where", "group=南区13812345678")
    assert {row["branch"] for row in rows} == {"0102"}


def test_a_group_in_yaml_that_is_no_text_is_refused_at_its_line(region):
    text = (region / "region.yaml").read_text(encoding="utf-8")
    (region / "region.yaml").write_text(text.replace('group: "南区"', "group: [1, 2]"),
                                        encoding="utf-8")
    result = region_run(region, "region", "month", "2026-11")
    assert result.exit_code == 1 and "region.yaml:" in result.stderr
    assert "Traceback" not in result.stderr


def test_two_regions_exporting_at_once_into_a_new_folder_one_wins(region, tmp_path):
    """The claim is made under the dataset's lock: of two regions racing
    into one new folder, one writes its branches and the other is refused
    -- never a dataset of both, never one pruned by the other."""
    import os
    import subprocess

    from conftest import LOBBYCTL

    west = second_region(tmp_path)
    shared = tmp_path / "shared"
    env = {**os.environ, **NOW, "LOBBYCTL_JOURNAL": "", "LOBBYCTL_REGION": ""}
    processes = [subprocess.Popen([LOBBYCTL, "-R", str(root), "region", "export", "--output",
                                   str(shared)], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for root in (region, west)]
    outcomes = [(process.wait(timeout=120), process.stderr.read()) for process in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert sorted(code for code, _err in outcomes) == [0, 2], outcomes
    owner = manifest_of(shared)["region"]["code"]
    codes = sorted(path.name for path in shared.iterdir() if path.is_dir())
    assert codes == (["branch_code=0101", "branch_code=0102", "branch_code=0103"]
                     if owner == "R01" else ["branch_code=0201"])
    assert "Traceback" not in "".join(err for _code, err in outcomes)
