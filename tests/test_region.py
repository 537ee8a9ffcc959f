"""A region: region.yaml and its branches (paths, globs, hostile ones), -R and
$LOBBYCTL_REGION, and `region table` across branches -- the same figures
through DuckDB over the dataset as from the journals, hand-checked."""

import json
import os

import pytest

from conftest import Run, day_file
from branches import branch, record

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}


def region_run(tmp_path, *args, env=None):
    return Run(tmp_path, env={**NOW, **(env or {})})("-R", tmp_path, *args, journal=False)


def write_region(tmp_path, branches_text, lang="en"):
    (tmp_path / "region.yaml").write_text(
        f'format: 1\nregion:\n  code: "R01"\n  name: "城东区"\nlang: "{lang}"\n'
        f"branches:\n{branches_text}", encoding="utf-8")


@pytest.fixture
def region(tmp_path):
    """Three branches with hand-counted entries:

    0101: greet 3 counter (Oct 20), greet 2 self-service+elderly (Nov 2),
          refer pending (Nov 3) accepted by an update (Nov 10)
    0102: greet 5 counter (Nov 19), refer declined (Nov 4)
    0103: greet 1 counter, elderly (Nov 19)
    The same ids in two branches never meet: 0102's update-free referral
    stays declined whatever 0101's update says."""
    one, two, three = (branch(tmp_path, code) for code in ("0101", "0102", "0103"))
    record(one, "greet", "--count", "3", "--route", "counter", "--at", "2026-10-20T10:00")
    record(one, "greet", "--count", "2", "--route", "self-service", "--group", "elderly",
           "--at", "2026-11-02T10:00")
    ref = record(one, "refer", "--product", "养老理财", "--to", "wealth-manager",
                 "--at", "2026-11-03T10:00")
    record(one, "update", ref, "--via", "phone", "--outcome", "accepted",
           "--at", "2026-11-10T10:00")
    record(two, "greet", "--count", "5", "--route", "counter", "--at", "2026-11-19T10:00")
    record(two, "refer", "--product", "基金", "--to", "teller", "--outcome", "declined",
           "--at", "2026-11-04T10:00")
    record(three, "greet", "--route", "counter", "--group", "elderly",
           "--at", "2026-11-19T11:00")
    result = region_run(tmp_path, "region", "init", tmp_path, "--code", "R01", "--name",
                        "城东区", "--lang", "en", "--branch", "branches/*")
    assert result.exit_code == 0, result.stderr
    return tmp_path


def table(root, *args, engine="direct"):
    result = region_run(root, "region", "table", "--engine", engine, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    return data, data["sections"]["table"]["counts"]["rows"]


def test_region_table_by_branch_and_route_per_month_hand_checked(region):
    data, rows = table(region, "--by", "branch,route", "--period", "month", "--from",
                       "2026-10-01")
    cells = {(row["branch"], row["route"]): (row["2026-10"], row["2026-11"], row["total"])
             for row in rows}
    assert cells == {("0101", "counter"): (3, 0, 3), ("0101", "self-service"): (0, 2, 2),
                     ("0102", "counter"): (0, 5, 5), ("0103", "counter"): (0, 1, 1)}
    assert data["branches"] == 3 and "missing" not in data


@pytest.mark.parametrize("args", [
    ("--by", "branch,route", "--period", "month", "--from", "2026-10-01"),
    ("--by", "branch,groups", "--from", "2026-10-01"),
    ("--by", "group,route", "--from", "2026-10-01"),
    ("--by", "route", "--where", "branch=0101", "--from", "2026-10-01"),
    ("--by", "hour,branch", "--period", "week", "--period-rows"),
    ("--type", "refer", "--by", "branch,outcome"),
    ("--type", "refer", "--by", "outcome", "--to", "2026-11-05"),
    ("--by", "weekday", "--where", "groups=elderly"),
])
def test_duckdb_over_the_dataset_gives_the_figures_of_the_journals(region, args):
    direct, _ = table(region, *args, engine="direct")
    through, _ = table(region, *args, engine="duckdb")
    assert through == direct
    if "--to" not in args:  # as of an earlier day, the journals are read (see below)
        assert (region / "dataset" / "branch_code=0101" / "year=2026" / "month=11" /
                "part-0.parquet").is_file()


def test_folded_referrals_per_branch_keyed_by_branch_and_id(region):
    _data, rows = table(region, "--type", "refer", "--by", "branch,outcome", engine="duckdb")
    assert {(row["branch"], row["outcome"]): row["count"] for row in rows} == {
        ("0101", "accepted"): 1, ("0102", "declined"): 1}
    # as of before the update: 0101's referral still pending (the journals are read)
    _data, rows = table(region, "--type", "refer", "--by", "branch,outcome",
                        "--to", "2026-11-05", engine="auto")
    assert {(row["branch"], row["outcome"]): row["count"] for row in rows} == {
        ("0101", "pending"): 1, ("0102", "declined"): 1}


def test_dash_r_and_env_choose_the_region_as_j_does(region, tmp_path):
    run = Run(tmp_path, env={**NOW, "LOBBYCTL_REGION": str(region)})
    by_env = run("region", "table", "--engine", "direct", "-f", "json", journal=False)
    assert by_env.exit_code == 0, by_env.stderr
    by_option = run("-R", region, "region", "table", "--engine", "direct", "-f", "json",
                    journal=False)
    assert by_option.stdout == by_env.stdout
    nowhere = run("-R", tmp_path / "nowhere", "region", "table", journal=False)
    assert nowhere.exit_code == 1
    assert "no region at" in nowhere.stderr and "region init" in nowhere.stderr


def test_a_branch_with_a_syntax_error_is_named_and_skip_bad_goes_on(region):
    path = day_file(region / "branches" / "0102", "2026-11-19")
    with open(path, "ab") as handle:
        handle.write(b'{"id": [unclosed\n')
    for engine in ("direct", "duckdb"):
        failed = region_run(region, "region", "table", "--engine", engine)
        assert failed.exit_code == 1, failed.stderr
        assert "branches/0102" in failed.stderr and "2026-11-19.yaml" in failed.stderr
        assert "--skip-bad" in failed.stderr and failed.stdout == ""
        data, rows = table(region, "--by", "branch", "--skip-bad", "--from", "2026-10-01",
                           engine=engine)
        assert {row["branch"]: row["count"] for row in rows} == {"0101": 5, "0103": 1}
        assert data["branches"] == 2 and "branches/0102" in data["missing"]


def test_glob_matching_nothing_and_a_branch_that_is_no_journal(region, tmp_path):
    fifo = tmp_path / "a-fifo"
    os.mkfifo(fifo)
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    (tmp_path / "plain-file").write_text("x")
    write_region(region, '  - path: "branches/*"\n  - path: "clones/*"\n'
                         '  - path: "a-fifo"\n  - path: "loop"\n  - path: "plain-file"\n'
                         '  - path: "missing"\n')
    failed = region_run(region, "region", "table", "--engine", "direct")
    assert failed.exit_code == 1
    assert "'clones/*' matches no folder" in failed.stderr
    assert "region.yaml:8" in failed.stderr  # the line of the glob
    result = region_run(region, "region", "table", "--engine", "direct", "--skip-bad",
                        "-f", "json")
    assert result.exit_code == 0, result.stderr
    for name in ("clones/*", "a-fifo", "loop", "plain-file", "missing"):
        assert name in result.stderr
    assert "5 branch(es) missing" in result.stderr
    assert json.loads(result.stdout)["branches"] == 3


def test_two_branches_with_one_code_is_an_error_naming_both(region, tmp_path):
    twin = Run(tmp_path / "twin", env=NOW)
    assert twin("init", "--branch-code", "0102", "--lang", "en").exit_code == 0
    write_region(region, '  - path: "branches/*"\n  - path: "twin"\n')
    for args in ((), ("--skip-bad",)):
        result = region_run(region, "region", "table", *args)
        assert result.exit_code == 1
        assert "branch code 0102 is used twice" in result.stderr
        assert str(region / "branches" / "0102") in result.stderr
        assert str(tmp_path / "twin") in result.stderr


# these files state no lang (or fail before it): said in Chinese, a region's
# default language
@pytest.mark.parametrize("text,words", [
    ("[1, 2]\n", "应是设置的映射"),
    ('region: "R01"\nbranches: ["a"]\n', "region.yaml:1: region"),
    ('region: {code: R, name: N}\nlang: fr\nbranches: ["a"]\n', "region.yaml:2: lang"),
    ('region: {code: R, name: N}\nbranches: []\n', "region.yaml:2: branches"),
    ('region: {code: R, name: N}\nbranches:\n  - {name: x}\n', "region.yaml:3: branches"),
    ('region: {code: R, name: N}\nbranches: [&a "x", *a]\n', "region.yaml:2"),
    ("region: {code: R, name: N\n", "region.yaml"),
    ("[" * 5000, "嵌套太深"),
])
def test_a_bad_region_yaml_is_one_message_at_its_line(tmp_path, text, words):
    (tmp_path / "region.yaml").write_text(text, encoding="utf-8")
    result = region_run(tmp_path, "region", "table")
    assert result.exit_code == 1, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr


def test_region_yaml_as_a_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "region.yaml")
    result = region_run(tmp_path, "region", "table")
    assert result.exit_code == 1 and "不是普通文件" in result.stderr  # no lang read: zh


def test_messages_follow_the_region_language(region):
    write_region(region, '  - path: "nowhere/*"\n', lang="zh")
    result = region_run(region, "region", "table")
    assert result.exit_code == 1
    assert "没有匹配到任何文件夹" in result.stderr and "错误" in result.stderr


def test_init_refuses_to_replace_a_region(region):
    before = (region / "region.yaml").read_bytes()
    result = region_run(region, "region", "init", region, "--code", "X")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert (region / "region.yaml").read_bytes() == before


def test_output_may_not_replace_a_branch_journal_file(region):
    target = region / "branches" / "0101" / "lobbyctl.yaml"
    before = target.read_bytes()
    result = region_run(region, "region", "table", "--engine", "direct", "-o", target)
    assert result.exit_code == 2 and target.read_bytes() == before
    written = region_run(region, "region", "table", "--engine", "direct", "-f", "csv",
                         "-o", region / "out" / "%Y-%m.csv")
    assert written.exit_code == 0, written.stderr
    assert (region / "out" / "2026-11.csv").read_text() == "count,total\n8,\n8,all\n"  # November


def test_a_huge_number_of_branches_is_refused_not_walked(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(5001):
        (folder / f"b{number:05d}").mkdir()
    write_region(tmp_path, '  - path: "many/*"\n')
    result = region_run(tmp_path, "region", "table", "--skip-bad")
    assert result.exit_code == 1 and "more than 5000 branches" in result.stderr


def test_a_branch_code_that_cannot_name_a_partition_is_read_directly(region, tmp_path):
    odd = Run(tmp_path / "odd", env=NOW)
    assert odd("init", "--branch-code", "支/行", "--manager", "王芳", "--lang", "en").exit_code == 0
    record(odd, "greet", "--count", "7", "--at", "2026-11-19T10:00")
    write_region(region, '  - path: "branches/*"\n  - path: "odd"\n')
    _data, rows = table(region, "--by", "branch", engine="auto")
    assert {row["branch"]: row["count"] for row in rows}["支/行"] == 7
    exported = region_run(region, "region", "export")
    assert exported.exit_code == 1 and "cannot name a dataset partition" in exported.stderr


def test_report_table_counts_by_branch_too(tmp_path):
    run = branch(tmp_path, "0107")
    record(run, "greet", "--count", "2", "--at", "2026-11-19T10:00")
    result = run("report", "table", "--by", "branch", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["sections"]["table"]["counts"]["rows"] == [
        {"branch": "0107", "count": 2}]


def test_a_dataset_that_cannot_be_written_falls_back_to_the_journals(region):
    (region / "dataset").write_text("not a folder")
    direct, _ = table(region, "--by", "branch")
    assert table(region, "--by", "branch", engine="auto")[0] == direct
    forced = region_run(region, "region", "table", "--engine", "duckdb")
    assert forced.exit_code == 2 and "not a folder" in forced.stderr


@pytest.mark.stress
def test_many_branches_give_one_table_both_ways(tmp_path):
    """Branches copied from one journal under their own codes: the region's
    figures are the branch's times the count, through DuckDB as directly."""
    import shutil

    from robustness import scale

    count = scale(6, 300)
    first = branch(tmp_path, "1000")
    for minute in range(10):
        record(first, "greet", "--count", str(minute + 1), "--route",
               ("counter", "self-service")[minute % 2], "--at", f"2026-11-19T10:{minute:02d}")
    source = tmp_path / "branches" / "1000"
    config = (source / "lobbyctl.yaml").read_text(encoding="utf-8")
    for number in range(1, count):
        target = tmp_path / "branches" / f"{1000 + number}"
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lobbyctl-cache"))
        (target / "lobbyctl.yaml").write_text(
            config.replace('code: "1000"', f'code: "{1000 + number}"'), encoding="utf-8")
    write_region(tmp_path, '  - path: "branches/*"\n')
    direct, rows = table(tmp_path, "--by", "route", engine="direct")
    assert {row["route"]: row["count"] for row in rows} == {"counter": 25 * count,
                                                            "self-service": 30 * count}
    assert table(tmp_path, "--by", "route", engine="duckdb")[0] == direct
    assert direct["branches"] == count
