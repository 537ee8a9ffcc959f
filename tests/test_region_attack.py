"""A region attacked as a hostile user would: region.yaml hand-edited,
branches unreadable or odd, hostile branch codes, the dataset folder
misplaced -- each one clear message in the region's language, exit 1 or 2,
nothing in any journal changed."""

import json
import os
import shutil
import subprocess

import pytest

from conftest import LOBBYCTL, Run, day_file
from unprivileged import unprivileged  # noqa: F401  (a fixture)

import branches
from branches import record

NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}


def branch(root, code, lang="zh"):
    """A branch journal (``branches.branch``) with one greeting of two."""
    run = branches.branch(root, code, lang)
    record(run, "greet", "--count", "2", "--route", "counter", "--at", "2026-11-19T10:00")
    return run


def region_run(root, *args, env=None):
    return Run(root, env={**NOW, **(env or {})})("-R", root, *args, journal=False)


def write_region(root, branches_text, lang="zh", raw=None):
    text = raw if raw is not None else (
        f'format: 1\nregion:\n  code: "R01"\n  name: "城东区"\nlang: "{lang}"\n'
        f"branches:\n{branches_text}").encode("utf-8")
    (root / "region.yaml").write_bytes(text)


def journal_bytes(root):
    """Every byte of every branch journal under ``root`` (caches aside)."""
    found = {}
    for folder, dirs, names in os.walk(root / "branches"):
        dirs[:] = [name for name in dirs if not name.startswith(".lobbyctl")]
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as handle:
                found[path] = handle.read()
    return found


@pytest.fixture
def region(tmp_path):
    """Two Chinese branches, 0101 and 0102, two customers each on Nov 19."""
    for code in ("0101", "0102"):
        branch(tmp_path, code)
    write_region(tmp_path, '  - path: "branches/*"\n')
    return tmp_path


def test_the_skip_bad_hint_is_in_the_regions_language(region):
    (region / "branches" / "0102" / "lobbyctl.yaml").unlink()
    result = region_run(region, "region", "table", "--engine", "direct")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == "提示：加 --skip-bad 用其余支行出表，并列出缺少的支行"


@pytest.mark.parametrize("raw,words", [
    # lang stated, the file broken after it: the lang it writes
    (b'format: 1\nregion: {code: "R01", name: "x"}\nlang: "en"\nbranches: ["a"\n',
     "Error: {path}:5: YAML error: "),
    (b'\xef\xbb\xbflang: zh\nregion: {code: "R01", name: "\xb3\xc7\xb6\xab"}\n',
     "错误：{path}:2: 不是有效的 UTF-8 文字"),  # GB18030 bytes, a BOM
    (b"lang: zh  # \xe4\xb8\xad\xe6\x96\x87\n\tregion: x\n", "错误：{path}:2: YAML 错误："),
    (b"region: {code: R, name: N}\nlang: zh\nlang: en\nbranches: [a]\n",
     "错误：{path}:3: YAML 错误："),  # a duplicate key
    # no lang at all: a region's default, Chinese
    (b"[1, 2]\n", "错误：{path}:1: region.yaml 应是设置的映射"),
    (b"region: {code: R, name: N}\nbranches: []", "错误：{path}:2: branches：写法不对"),
])
def test_a_region_yaml_that_fails_before_its_lang_is_said_in_the_lang_it_writes(
        tmp_path, raw, words):
    write_region(tmp_path, "", raw=raw)
    result = region_run(tmp_path, "region", "table")
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(words.format(path=tmp_path / "region.yaml")), result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("locale,words", [("zh_CN.UTF-8", "错误：{root} 没有片区"),
                                          ("C.UTF-8", "Error: no region at {root}")])
def test_no_region_yaml_at_all_is_said_in_the_locales_language(tmp_path, locale, words):
    result = region_run(tmp_path, "region", "month",
                        env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": locale})
    assert result.exit_code == 1
    assert result.stderr.startswith(words.format(root=tmp_path)), result.stderr


def test_an_unreadable_branch_is_named_with_a_chinese_reason(unprivileged):
    """As uid 65534 (unprivileged.py): a branch folder and a day file the
    user may not read; the reasons in the region's language, not strerror's."""
    folder = unprivileged.folder()
    root = __import__("pathlib").Path(folder)
    try:
        for code in ("0101", "0102", "0103"):
            branch(root, code)
        write_region(root, '  - path: "branches/*"\n')
        for dirpath, dirs, names in os.walk(folder):
            os.chmod(dirpath, 0o755)
            for name in names:
                os.chmod(os.path.join(dirpath, name), 0o644)
        os.chmod(root / "branches" / "0102", 0o700)
        os.chmod(day_file(root / "branches" / "0103", "2026-11-19"), 0o600)
        before = journal_bytes(root)
        env = {"PATH": "/usr/bin:/bin", "HOME": folder, "XDG_CACHE_HOME": f"{folder}/cache",
               "LOBBYCTL_BY": "", **NOW}
        unprivileged.check_really_unprivileged(env)
        failed = unprivileged.run("-R", root, "region", "table", "--engine", "direct", env=env)
        assert failed.returncode == 1 and failed.stdout == "", failed.stderr
        assert failed.stderr.startswith(
            f"错误：支行 {root}/branches/0102：{root}/branches/0102/lobbyctl.yaml: "
            "无法读取：权限不够\n"), failed.stderr
        skipped = unprivileged.run("-R", root, "region", "month", "2026-11", "--engine",
                                   "direct", "--skip-bad", "-f", "json", env=env)
        assert skipped.returncode == 0, skipped.stderr
        assert "无法读取：权限不够" in skipped.stderr and "Permission denied" not in skipped.stderr
        assert "缺少 2 个支行" in skipped.stderr
        assert json.loads(skipped.stdout)["branches"] == 1
        assert journal_bytes(root) == before
    finally:
        for dirpath, dirs, names in os.walk(folder):
            os.chmod(dirpath, 0o755)
        shutil.rmtree(folder)


def set_setting(journal_root, old, new):
    path = journal_root / "lobbyctl.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old,new,words", [
    ('timezone: "Asia/Shanghai"', 'timezone: "Mars/Olympus"', "未知的时区 'Mars/Olympus'"),
    ('code: "0100"', 'code: ""', "lobbyctl.yaml:4: branch: code 是空的"),
    ('code: "0100"', 'code: "   "', "lobbyctl.yaml:4: branch: code 是空的"),
    ('code: "0100"', 'code: "13812345678"', "lobbyctl.yaml:4: branch: code 会被当作个人号码"),
    ('code: "0100"', "code: 0100", "lobbyctl.yaml:4: branch: code 没有加引号，YAML 把它读成了 100"),
    ('code: "0100"', "code: true", "branch: code 没有加引号，YAML 把它读成了 True"),
])
def test_a_branch_the_region_cannot_key_or_date_is_named_and_skipped(region, old, new, words):
    """The hand-edited branch sorts first: its timezone once broke the whole
    table (the first branch gives the dates), --skip-bad or not; an empty
    code or one reading as a phone number was shown, and exported, as is."""
    odd = branch(region, "0100")
    set_setting(odd.root, old, new)
    before = journal_bytes(region)
    for command in ("table", "month", "export"):
        failed = region_run(region, "region", command, *(() if command == "export" else
                                                         ("--engine", "direct")))
        assert failed.exit_code == 1 and failed.stdout == "", failed.stderr
        assert failed.stderr.startswith(f"错误：支行 {odd.root}：{odd.root}/"), failed.stderr
        assert words in failed.stderr and "--skip-bad" in failed.stderr
        skipped = region_run(region, "region", command, "--skip-bad",
                             *(() if command == "export" else ("-f", "json")))
        assert skipped.exit_code == 0, skipped.stderr
        assert words in skipped.stderr and "缺少 1 个支行" in skipped.stderr
        assert "13812345678" not in skipped.stdout + skipped.stderr
    assert not (region / "dataset" / "branch_code=13812345678").exists()
    assert sorted(name for name in os.listdir(region / "dataset")
                  if name.startswith("branch_code=")) == ["branch_code=0101", "branch_code=0102"]
    assert journal_bytes(region) == before


def test_export_skip_bad_goes_past_a_code_no_partition_can_be_named_by(region):
    odd = branch(region, "0100")
    set_setting(odd.root, 'code: "0100"', 'code: "../x"')
    failed = region_run(region, "region", "export")
    assert failed.exit_code == 1 and "不能作为数据集的分区名" in failed.stderr
    assert "--skip-bad" in failed.stderr
    skipped = region_run(region, "region", "export", "--skip-bad")
    assert skipped.exit_code == 0, skipped.stderr
    assert "'../x' 不能作为数据集的分区名" in skipped.stderr and "缺少 1 个支行" in skipped.stderr
    assert sorted(name for name in os.listdir(region / "dataset")
                  if name.startswith("branch_code=")) == ["branch_code=0101", "branch_code=0102"]
    assert not (region / "x").exists()


@pytest.mark.parametrize("old,new,words", [
    ('lang: "zh"', 'lang: "fr"', "lobbyctl.yaml: lang：'fr' 不是 zh 或 en"),
    ("format: 1", "format: 7", "这个版本的 lobbyctl 不支持 format 7（它读取 format 1）"),
    ('managers:\n  - "王芳"', 'managers: {a: 1}', "lobbyctl.yaml: managers：应是列表"),
    ("checklist:\n  open: {}\n  close: {}", "checklist: [1]", "checklist 和 vocabulary 应是映射"),
])
def test_a_branchs_lobbyctl_yaml_problem_is_said_in_a_chinese_regions_words(
        region, old, new, words):
    set_setting(region / "branches" / "0102", old, new)
    result = region_run(region, "region", "table", "--engine", "direct")
    assert result.exit_code == 1 and words in result.stderr, result.stderr


def test_a_glob_never_takes_the_regions_dataset_for_a_branch(tmp_path):
    """Branches cloned into the region folder itself, `*`: the dataset the
    first table wrote (dataset/) had become a bad branch on the next run;
    a dataset written beside the journals, its partition folders."""
    root = tmp_path / "region"
    for code in ("0101", "0102"):
        branch(tmp_path, code)
    shutil.move(tmp_path / "branches" / "0101", root / "0101")
    write_region(root, '  - path: "*"\n  - path: "../branches/*"\n')
    beside = region_run(root, "region", "export", "-o", tmp_path / "branches")
    assert beside.exit_code == 0, beside.stderr
    for engine in ("duckdb", "duckdb", "direct"):
        result = region_run(root, "region", "table", "--engine", engine, "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["branches"] == 2 and result.stderr == ""
    assert (root / "dataset" / "branch_code=0101").is_dir()


@pytest.mark.parametrize("command", ["table", "month"])
def test_a_report_never_replaces_region_yaml_nor_writes_into_the_dataset(region, command):
    assert region_run(region, "region", "export").exit_code == 0
    before = (region / "region.yaml").read_bytes()
    dataset = sorted(str(path) for path in (region / "dataset").rglob("*"))
    for target in (region / "region.yaml", region / "x" / ".." / "region.yaml",
                   region / "dataset" / "report.csv",
                   region / "dataset" / "branch_code=0101" / "r.csv"):
        result = region_run(region, "region", command, "--engine", "direct", "-f", "csv",
                            "-o", target)
        assert result.exit_code == 2, result.stderr
        assert "这是片区自己的文件" in result.stderr and "Traceback" not in result.stderr
    assert (region / "region.yaml").read_bytes() == before
    assert sorted(str(path) for path in (region / "dataset").rglob("*")) == dataset


def test_a_dataset_folder_that_is_a_link_or_a_device_is_said_in_chinese(region, tmp_path):
    os.symlink(tmp_path / "elsewhere", region / "linked")
    for target, what in ((region / "linked", "符号链接"), ("/dev/null", "字符设备"),
                         (region / "region.yaml", "文件")):
        result = region_run(region, "region", "export", "-o", target)
        assert result.exit_code == 2, result.stderr
        assert f"{target}：{what}，不是文件夹" in result.stderr, result.stderr
    assert not (tmp_path / "elsewhere").exists()


def column_spans(dash_line):
    """The widths of a "simple" table's columns, from its line of dashes."""
    return [len(run) for run in dash_line.split()]


@pytest.mark.parametrize("columns", ["80", "64"])
def test_a_chinese_header_keeps_two_characters_a_line_while_bands_make_room(region, columns):
    """render/fitted.py's header floor: the league table's figure names once
    shrank to columns of single characters (接/待/客/户) rather than be cut
    into one more band of columns."""
    from wcwidth import wcswidth

    result = region_run(region, "region", "month", "2026-11", "--engine", "direct",
                        env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(wcswidth(line) for line in lines) <= int(columns)
    league = lines[lines.index("支行排行"):lines.index("各项排名")]
    dashes = [line for line in league if line.startswith("--------")]
    assert len(dashes) >= 2  # cut into bands, each repeating the branch code
    for dash_line in dashes:
        assert min(column_spans(dash_line)) >= 4, dash_line  # two Chinese characters


def test_region_init_refuses_a_file_and_a_blank_branch_in_its_lang(tmp_path):
    (tmp_path / "a-file").write_text("x")
    on_file = region_run(tmp_path, "region", "init", tmp_path / "a-file", "--code", "R01")
    assert on_file.exit_code == 2  # was "already exists; it is not replaced"
    assert f"{tmp_path / 'a-file'} 是文件，不是文件夹；未创建片区" in on_file.stderr
    assert (tmp_path / "a-file").read_text() == "x"
    below = region_run(tmp_path, "region", "init", tmp_path / "a-file" / "r", "--lang", "en")
    assert below.exit_code == 1 and below.stderr == (
        f"Error: cannot write {tmp_path / 'a-file' / 'r' / 'region.yaml'}: Not a directory\n")
    below_zh = region_run(tmp_path, "region", "init", tmp_path / "a-file" / "r")
    assert below_zh.stderr.endswith("region.yaml：不是目录\n"), below_zh.stderr
    blank = region_run(tmp_path, "region", "init", tmp_path / "r", "--branch", " ")
    assert blank.exit_code == 2 and "--branch：' ' 不是路径或通配符" in blank.stderr
    assert not (tmp_path / "r").exists()  # a region.yaml no command could load, never written


@pytest.mark.parametrize("command", ["table", "month"])
def test_a_dataset_named_inside_a_branch_journal_is_refused_even_with_engine_auto(
        region, command):
    """--dataset given and wrong was quietly ignored by --engine auto (the
    journals read instead); the default dataset/ unwritable still falls back."""
    inside = region / "branches" / "0101" / "dataset"
    before = journal_bytes(region)
    for engine in ("auto", "duckdb"):
        result = region_run(region, "region", command, "--engine", engine, "--dataset", inside)
        assert result.exit_code == 2, result.stderr
        assert "在日志" in result.stderr and "数据集须写在日志之外" in result.stderr
    assert not inside.exists() and journal_bytes(region) == before
    (region / "dataset").write_text("not a folder")
    assert region_run(region, "region", command, "--engine", "auto").exit_code == 0


def test_a_glob_matching_thousands_stops_at_the_limit_at_its_line(tmp_path):
    """`many/*/*` finds 5,100 folders: refused at the glob's line, walked only
    up to the limit (`/*/*/*/*/*` once listed the whole disk first, 12 s)."""
    for outer in range(51):
        for inner in range(100):
            os.makedirs(tmp_path / "many" / f"{outer:02d}" / f"{inner:02d}")
    write_region(tmp_path, '  - path: "branches/*"\n  - path: "many/*/*"\n')
    result = region_run(tmp_path, "region", "table", "--skip-bad")
    assert result.exit_code == 1
    assert result.stderr == f"错误：{tmp_path / 'region.yaml'}:8: 支行超过 5000 个；请检查 branches 的通配符\n"


def test_a_fault_open_long_is_counted_in_days_in_the_forms_language(region):
    fault = Run(region / "branches" / "0101", env=NOW)("note", "fault", "吞卡", "--device",
                                                       "2号ATM", "--at", "2026-11-02T11:00")
    assert fault.exit_code == 0, fault.stderr
    for lang, days in (("zh", "18天"), ("en", "18d")):
        result = region_run(region, "region", "month", "2026-11", "--engine", "direct",
                            "--lang", lang, "-f", "json")
        assert result.exit_code == 0, result.stderr
        rows = json.loads(result.stdout)["sections"]["attention"]["reasons"]["rows"]
        detail = next(row["detail"] for row in rows if row["reason"] == "faults_open_long")
        assert detail.endswith(f"(2026-11-02, {days})"), detail


def test_a_region_option_naming_a_file_says_so(tmp_path):
    (tmp_path / "a-file").write_text("x")
    result = region_run(tmp_path / "a-file", "region", "table",
                        env={"LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 1
    assert result.stderr == f"错误：{tmp_path / 'a-file'} 是文件，不是片区文件夹（-R、$LOBBYCTL_REGION）\n"
