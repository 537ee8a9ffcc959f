"""`check`'s problem lines, and a reader's refusal of a file or an entry, in
the journal's language: a Chinese journal reads Chinese lines, an English
journal the English ones (tests/test_check.py pins every English line)."""

import json

import pytest

DAY = "2026-11-20"
PATH = "2026/11/2026-11-20.yaml"


def line(**fields):
    entry = {"id": "261120-aaaaaa", "type": "greet", "at": f"{DAY}T10:00:00+08:00",
             "by": "王芳", "count": 1, **fields}
    return "- " + json.dumps({key: value for key, value in entry.items() if value is not None},
                             ensure_ascii=False) + "\n"


def init(run, lang):
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--lang", lang,
                 "--manager", "王芳")
    assert result.exit_code == 0, result.stderr
    return run.root


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# (file, its text, the zh line, the en line): eight problems met daily
PROBLEMS = [
    (PATH, line(route="counterr"),
     f"{PATH}:1: route：未知的 route 'counterr'（可用：",
     f"{PATH}:1: route: unknown route 'counterr' (known: "),
    ("2026/11/2026-11-21.yaml", line(id="261121-aaaaaa", at="2026-11-21T10:00:00+08:00",
                                    count=900),
     "2026/11/2026-11-21.yaml:1: count：应为 1 到 500 之间的整数，实为 900",
     "2026/11/2026-11-21.yaml:1: count: must be a whole number from 1 to 500, found 900"),
    ("2026/11/2026-11-22.yaml", line(id="261122-aaaaaa", at="2026-11-22T10:00:00+08:00",
                                    by=None),
     "2026/11/2026-11-22.yaml:1: 缺少必填字段：by",
     "2026/11/2026-11-22.yaml:1: missing required field: by"),
    ("2026/11/2026-11-23.yaml", line(id="261123-aaaaaa", at="2026-11-23T10:00:00+08:00",
                                    wiat=3),
     "2026/11/2026-11-23.yaml:1: greet记录没有字段 'wiat'（是指 'wait' 吗？）",
     "2026/11/2026-11-23.yaml:1: unknown field 'wiat' for greet (did you mean 'wait'?)"),
    ("2026/11/2026-11-24.yaml", line(id="261124-aaaaaa", at="2026-11-24T10:00:00+08:00") * 2,
     "2026/11/2026-11-24.yaml:2: 编号 261124-aaaaaa 重复：2026/11/2026-11-24.yaml:1 也有",
     "2026/11/2026-11-24.yaml:2: duplicate id 261124-aaaaaa: also at 2026/11/2026-11-24.yaml:1"),
    ("2026/11/2026-11-25.yaml", line(id="261124-bbbbbb", at="2026-11-25T10:00:00+08:00"),
     "2026/11/2026-11-25.yaml:1: id：261124-bbbbbb 指的是 2026-11-24，但这是 2026-11-25 的日志文件",
     "2026/11/2026-11-25.yaml:1: id: 261124-bbbbbb names the day 2026-11-24, but the file "
     "is 2026-11-25"),
    ("2026/11/2026-11-26.yaml", "- {id: [oops\n",
     "2026/11/2026-11-26.yaml:2: YAML 错误：",
     "2026/11/2026-11-26.yaml:2: YAML error: "),
    ("2026/12/2026-11-27.yaml", line(id="261127-aaaaaa", at="2026-11-27T10:00:00+08:00"),
     "2026/12/2026-11-27.yaml:1: 放错了目录：2026-11-27.yaml 应在 2026/11/",
     "2026/12/2026-11-27.yaml:1: in the wrong folder: 2026-11-27.yaml belongs in 2026/11/"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_speaks_the_journals_language(run, lang):
    root = init(run, lang)
    for relative, text, _zh, _en in PROBLEMS:
        write(root, relative, text)
    result = run("check")
    assert result.exit_code == 1
    printed = result.stdout.splitlines()
    assert len(printed) == len(PROBLEMS), result.stdout
    for (_relative, _text, zh, en), got in zip(PROBLEMS, printed):
        assert got.startswith(zh if lang == "zh" else en), got
    summary = "8 个问题，涉及 8 个文件" if lang == "zh" else "8 problems in 8 files"
    assert result.stderr.strip() == summary
    if lang == "zh":  # no English sentence left in a Chinese journal's lines
        assert not any(word in result.stdout for word in ("must", "unknown", "missing",
                                                          "duplicate", "names the day",
                                                          "error", "wrong folder"))


def test_a_chinese_journal_is_told_in_chinese_that_masked_numbers_stay_masked(run):
    root = init(run, "zh")
    write(root, PATH, line(route="13812345678"))
    result = run("check")
    assert result.exit_code == 1
    assert "13812345678" not in result.stdout
    assert result.stdout.startswith(f"{PATH}:1: route：未知的 route '138****5678'")


COUNT = {"zh": "count：应为 1 到 500 之间的整数，实为 900",
         "en": "count: must be a whole number from 1 to 500, found 900"}


@pytest.mark.parametrize("lang,frame", [("zh", "错误："), ("en", "Error: ")])
def test_a_reader_refuses_an_entry_in_the_journals_language(run, lang, frame):
    root = init(run, lang)
    write(root, PATH, line(count=900))
    result = run("report", "day", DAY)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{frame}{root / PATH}:1: {COUNT[lang]}"


@pytest.mark.parametrize("lang,expected", [("zh", "错误：{path}:2: YAML 错误："),
                                           ("en", "Error: {path}:2: YAML error: ")])
def test_a_reader_refuses_a_file_in_the_journals_language(run, lang, expected):
    root = init(run, lang)
    write(root, PATH, "- {id: [oops\n")
    result = run("report", "day", DAY)
    assert result.exit_code == 1
    assert result.stderr.startswith(expected.format(path=root / PATH)), result.stderr


@pytest.mark.parametrize("lang,notice", [("zh", "已跳过未通过检查的记录："),
                                         ("en", "Skipped an entry check rejects: ")])
def test_skip_bad_names_the_entry_in_the_journals_language(run, lang, notice):
    root = init(run, lang)
    write(root, PATH, line(count=900) + line(id="261120-bbbbbb"))
    result = run("report", "day", DAY, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert f"{notice}{root / PATH}:1: {COUNT[lang]}" in result.stderr.splitlines()
