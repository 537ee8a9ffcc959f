"""Chinese date phrases (issue 9), through the commands that read them:
`greet --at` (a time) and `report day` (a date), with "now" fixed at
Tuesday 2026-12-01 16:00 in Asia/Shanghai by $LOBBYCTL_NOW."""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import day_file

NOW = {"LOBBYCTL_NOW": "2026-12-01T16:00"}  # a Tuesday


@pytest.mark.parametrize("typed, at", [
    ("昨天15:00", "2026-11-30T15:00"),
    ("昨天 15:00", "2026-11-30T15:00"),
    ("前天 9:30", "2026-11-29T09:30"),
    ("前天9:30", "2026-11-29T09:30"),
    ("11月30日 10:30", "2026-11-30T10:30"),
    ("11月30日10:30", "2026-11-30T10:30"),
    ("11月30号 10:30", "2026-11-30T10:30"),
    ("11月30日", "2026-11-30T00:00"),
    ("2026年11月30日", "2026-11-30T00:00"),
    ("2026年11月30日 8:05", "2026-11-30T08:05"),
    ("下午3点", "2026-12-01T15:00"),
    ("下午3点半", "2026-12-01T15:30"),
    ("上午10点15分", "2026-12-01T10:15"),
    ("上午10点15", "2026-12-01T10:15"),
    ("晚上8点", "2026-11-30T20:00"),  # with 昨天: below
    ("中午12点", "2026-12-01T12:00"),
    ("中午1点", "2026-12-01T13:00"),
    ("下午12点", "2026-12-01T12:00"),
    ("9点", "2026-12-01T09:00"),
    ("15点", "2026-12-01T15:00"),
    ("昨天下午3点半", "2026-11-30T15:30"),
    ("昨天晚上8点", "2026-11-30T20:00"),
    ("上周一", "2026-11-23T00:00"),
    ("上周一 9:00", "2026-11-23T09:00"),
    ("上周日", "2026-11-29T00:00"),
    ("本周一", "2026-11-30T00:00"),
    ("这周一 下午2点", "2026-11-30T14:00"),
    ("周一", "2026-11-30T00:00"),
    ("星期一", "2026-11-30T00:00"),
    ("3天前", "2026-11-28T00:00"),
    ("1周前", "2026-11-24T00:00"),
    ("１０：３０", "2026-12-01T10:30"),
    ("昨天１５：００", "2026-11-30T15:00"),
    ("yesterday 15:00", "2026-11-30T15:00"),
    ("2026-11-28T10:30", "2026-11-28T10:30"),
])
def test_at_phrases(run, journal, typed, at):
    if typed == "晚上8点":
        typed = "昨天晚上8点"
    result = run("greet", "--at", typed, env=NOW)
    assert result.exit_code == 0, (typed, result.stderr)
    day = at[:10]
    line = day_file(journal, day).read_text(encoding="utf-8").splitlines()[-1]
    assert json.loads(line[2:])["at"] == f"{at}:00+08:00", typed


@pytest.mark.parametrize("typed", [
    "下午13点", "晚上12点", "凌晨8点", "上午13点", "25:00", "10:60", "下午3点61分",
    "13月1日", "2月30日", "2026年2月30日 10:00", "上周八", "昨天25:00",
])
def test_at_phrases_refused(run, journal, typed):
    result = run("greet", "--at", typed, env=NOW)
    assert result.exit_code == 2, (typed, result.stderr)
    assert "Traceback" not in result.stderr
    assert not list(journal.glob("20*/*/*.yaml")), typed


@pytest.mark.parametrize("typed, future", [("本周五", True), ("下周三", True), ("下周一", True),
                                           ("明天 9:00", False), ("下午5点", False)])
def test_future_phrases_are_the_days_they_say(run, journal, typed, future):
    """本周五 and 下周三 are ahead of Tuesday: refused (more than a day, or
    without --future), never recorded on another day."""
    result = run("greet", "--at", typed, env=NOW)
    assert result.exit_code == 2
    assert ("晚一天以上" if future else "超过 15 分钟") in result.stderr
    assert not list(journal.glob("20*/*/*.yaml"))


@pytest.mark.parametrize("typed, day", [
    ("11月30日", "2026-11-30"), ("2026年11月30日", "2026-11-30"), ("上周一", "2026-11-23"),
    ("本周五", "2026-12-04"), ("下周三", "2026-12-09"), ("3天前", "2026-11-28"),
    ("前天", "2026-11-29"), ("２０２６－１１－２８", "2026-11-28"), ("30", "2026-11-30"),
    ("30日", "2026-11-30"), ("1号", "2026-12-01"), ("上周六", "2026-11-28"),
])
def test_date_phrases(run, journal, typed, day):
    result = run("report", "day", typed, "-f", "json", env=NOW)
    assert result.exit_code == 0, (typed, result.stderr)
    assert json.loads(result.stdout)["date"] == day


@pytest.mark.parametrize("typed", ["13月1日", "2月30日", "0日", "下周八"])
def test_date_phrases_refused(run, journal, typed):
    result = run("report", "day", typed, env=NOW)
    assert result.exit_code == 2, (typed, result.stderr)


def test_chinese_phrases_do_not_import_dateutil(journal):
    """A recording command stays light: the Chinese phrases are parsed without dateutil."""
    for typed in ("昨天15:00", "11月30日 10:30", "下午3点半", "上周一", "１０：３０"):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "lobbyctl", "-J", str(journal), "greet",
             "--at", typed],
            capture_output=True, text=True, timeout=60, env={**NOW, "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        assert "dateutil" not in done.stderr, typed


PIECES = ["昨天", "前天", "上周", "本周", "下周", "周", "星期", "一", "日", "天", "月", "年", "号",
          "上午", "下午", "晚上", "凌晨", "中午", "点", "半", "分", "前", "后", ":", "：", " ",
          "１", "０", "-", "T", "+08:00"] + [str(digit) for digit in range(10)] + ["99", "2026"]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_mix_of_phrase_pieces_is_a_time_or_a_usage_error(run, journal, typed):
    """Never a traceback or a hang: a date or time (exit 0), or one message (exit 2)."""
    result = run("show", typed or "today", env=NOW)
    assert result.exit_code in (0, 2), (typed, result.stderr)
    result = run("greet", "--at", typed or "now", env=NOW)
    assert result.exit_code in (0, 2), (typed, result.stderr)
    if result.exit_code == 2:
        assert result.stderr.count("Error:") + result.stderr.count("错误：") == 1, typed


def test_a_long_phrase_is_refused_at_once(run, journal):
    import time

    started = time.monotonic()
    for typed in ("昨天" + " " * 20000 + "1点", "a" + " " * 20000 + "x", "下午" * 5000 + "3点"):
        result = run("greet", "--at", typed, env=NOW)
        assert result.exit_code == 2
    assert time.monotonic() - started < 10
