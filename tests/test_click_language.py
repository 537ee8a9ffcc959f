"""Usage errors in the journal's language: click's own (an unknown option, a
missing one, a bad choice, a number that is not one) and lobbyctl's (a date
it cannot read, the future, an unknown label), Chinese in a Chinese journal,
English in an English one; exit 2 either way, with the usage line."""

import pytest

from conftest import subprocess_run

# click's own errors (the first five) come with their usage line and a
# pointer to --help; lobbyctl's with the sentence alone
CLICK_OWN = 5
CASES = [
    # (arguments, what a Chinese journal says, what an English one says)
    (["greet", "--bogus"], "错误：没有选项 '--bogus'。", "Error: No such option '--bogus'."),
    (["refer", "--outcome", "pending"], "错误：缺少选项 '--product'。\n", "Error: Missing option '--product'.\n"),
    (["report", "table", "--period", "year"],
     "的值无效：'year' 不是以下之一：'day', 'week', 'month'。",
     "Invalid value for '-p' / '--period': 'year' is not one of 'day', 'week', 'month'."),
    (["greet", "--count", "abc"], "错误：'--count' 的值无效：'abc' 不是有效的整数。",
     "Error: Invalid value for '--count': 'abc' is not a valid integer range."),
    (["greet", "--count", "9999"], "9999 不在范围 1<=x<=500 内。", "9999 is not in the range 1<=x<=500."),
    (["greet", "--at", "next century"], "'next century' 不是能读懂的日期或时间",
     "'next century' is not a date or time I can read"),
    (["greet", "--at", "2099-01-01"], "比现在晚一天以上", "is more than a day in the future"),
    (["greet", "--route", "teleport"], "未知的 route 'teleport'；可用：counter (柜台)",
     "unknown route 'teleport'; valid: counter (柜台)"),
    (["report", "month", "2026-13"], "'2026-13' 不是月份", "'2026-13' is not a month"),
    (["report", "table", "--where", "weekday=someday"], "'someday' 不是星期几；可用：monday (周一)",
     "'someday' is not a weekday; valid: monday (周一)"),
    (["report", "table", "--from", "2026-11-02", "--to", "2026-11-01"],
     "--from 2026-11-02 晚于 --to 2026-11-01", "--from 2026-11-02 is after --to 2026-11-01"),
]


@pytest.fixture(params=["zh", "en"])
def lang_journal(request, run):
    assert run("init", "--manager", "王芳", "--lang", request.param).exit_code == 0
    return request.param


@pytest.mark.parametrize("case", range(len(CASES)), ids=[" ".join(c[0]) for c in CASES])
def test_usage_errors_in_the_journals_language(run, lang_journal, case):
    args, chinese, english = CASES[case]
    result = run(*args, env={"LOBBYCTL_BY": "王芳"})
    assert result.exit_code == 2, result.stderr
    expected, other = (chinese, english) if lang_journal == "zh" else (english, chinese)
    assert expected in result.stderr, result.stderr
    assert other not in result.stderr
    if case < CLICK_OWN:
        assert ("查看帮助" if lang_journal == "zh" else "for help.") in result.stderr
    assert result.stdout == ""


def test_the_real_command_says_it_in_chinese(tmp_path):
    root = tmp_path / "journal"
    assert subprocess_run(["-J", root, "init", "--manager", "王芳"]).returncode == 0
    result = subprocess_run(["-J", root, "greet", "--bogus"])
    assert result.returncode == 2
    assert result.stderr.endswith("用 'lobbyctl greet --help' 查看帮助。\n\n错误：没有选项 '--bogus'。\n") \
        or "错误：没有选项 '--bogus'。" in result.stderr, result.stderr


def test_without_a_journal_errors_are_english(run):
    # no journal to ask for its language: click's English, never a crash
    result = run("greet", "--bogus")
    assert result.exit_code == 2 and "No such option '--bogus'" in result.stderr, result.stderr
    missing = run("show")
    assert missing.exit_code == 1 and missing.stderr.startswith("Error: no journal at ")
    assert "Hint: create one with: lobbyctl -J " in missing.stderr


def test_a_failed_writes_reason_is_said_in_the_journals_language(run, journal):
    # the system's reason (ENOENT) is in the catalogue: no English inside the Chinese
    result = run("report", "day", "2026-11-20", "-o", "/proc/nonexistent/report.txt")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == "错误：无法写入 /proc/nonexistent/report.txt：没有那个文件或目录\n"


def test_help_is_untouched(run, journal):
    # only error texts are translated: --help keeps click's English frame
    result = run("greet", "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout and "Show this message" in result.stdout
