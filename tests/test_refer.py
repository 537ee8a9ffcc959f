import datetime
import os
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import day_file, subprocess_run


def entries(root, day):
    return yaml.safe_load(day_file(root, day).read_text(encoding="utf-8"))


def greet_id(run):
    result = run("greet", "--at", "2026-11-20T10:00", "--segment", "mid")
    assert result.exit_code == 0
    return result.stdout.strip()


def test_refer_stores_every_option(run, journal):
    greeted = greet_id(run)
    result = run("refer", "--at", "2026-11-20T10:05", "--product", "养老理财",
                 "--to", "理财经理", "--to-name", "陈静", "--customer", "张先生 13812345678",
                 "--outcome", "PENDING", "--follow-up", "2026-11-23", "--via", "Phone",
                 "--greet", greeted.upper(), "--note", "客户关心保本")
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    assert result.stdout == entry_id + "\n"
    assert "已记录产品推荐" in result.stderr and "遮蔽" in result.stderr
    assert entries(journal, "2026-11-20")[1] == {
        "id": entry_id, "type": "refer", "at": "2026-11-20T10:05:00+08:00", "by": "王芳",
        "product": "养老理财", "to": "wealth-manager", "to_name": "陈静",
        "customer": "张先生 138****5678", "outcome": "pending", "follow_up": "2026-11-23",
        "via": "phone", "greet": greeted, "note": "客户关心保本",
    }


def test_refer_defaults_to_pending(run, journal):
    result = run("refer", "--at", "2026-11-20T10:05", "--product", "信用卡",
                 "--to", "Lobby manager", "--outcome", "成功")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry["to"] == "self" and entry["outcome"] == "accepted"
    plain = run("refer", "--at", "2026-11-20T10:06", "--product", "手机银行")
    assert plain.exit_code == 0
    second = entries(journal, "2026-11-20")[1]
    assert second["outcome"] == "pending"
    assert set(second) == {"id", "type", "at", "by", "product", "outcome"}


def test_follow_up_phrases_are_read_relative_to_the_journal_today(run, journal):
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    result = run("refer", "--product", "定期存款", "--follow-up", "in 3 days", "--via", "短信")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, today.isoformat())
    assert entry["follow_up"] == (today + datetime.timedelta(days=3)).isoformat()
    assert entry["via"] == "sms"


@pytest.mark.parametrize("args, expected", [
    ([], "缺少选项 '--product'"),
    (["--product", "  "], "须给出 --product"),
    (["--product", "x", "--to", "boss"], "未知的 target 'boss'"),
    (["--product", "x", "--outcome", "maybe"], "未知的 outcome 'maybe'"),
    (["--product", "x", "--via", "phone"], "--via"),
    (["--product", "x", "--follow-up", "someday soon"], "--follow-up"),
    (["--product", "x", "--follow-up", "2026-11-19"], "早于记录当天 2026-11-20"),
    (["--product", "x", "--greet", "not-an-id"], "不是记录编号"),
    (["--product", "x", "--greet", "261120-zzzzzz"], "没有编号为 261120-zzzzzz 的记录"),
    (["--product", "x", "--greet", "261340-zzzzzz"], "没有编号为 261340-zzzzzz 的记录"),
    (["--product", "x", "--at", "tomorrow 25:00"], "--at"),
])
def test_bad_refer_input_is_a_usage_error(run, journal, args, expected):
    result = run("refer", "--at", "2026-11-20T10:05", *args)
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert not day_file(journal, "2026-11-20").exists()


def test_unknown_target_lists_the_valid_ones(run, journal):
    result = run("refer", "--product", "x", "--to", "boss")
    assert "wealth-manager (理财经理)" in result.stderr and "self (大堂经理本人)" in result.stderr


def test_greet_must_name_a_greeting(run, journal):
    first = run("refer", "--at", "2026-11-20T10:05", "--product", "信用卡").stdout.strip()
    path = day_file(journal, "2026-11-20")
    before = path.read_bytes()
    result = run("refer", "--at", "2026-11-20T10:06", "--product", "x", "--greet", first)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{first} 是产品推荐，不是迎送分流" in result.stderr
    assert path.read_bytes() == before


def test_greet_in_a_broken_day_file_is_a_journal_problem(run, journal):
    path = day_file(journal, "2026-11-19")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("- {id: [unclosed\n", encoding="utf-8")
    result = run("refer", "--at", "2026-11-20T10:06", "--product", "x",
                 "--greet", "261119-abcdef")
    assert result.exit_code == 1 and result.stdout == ""
    assert "2026-11-19.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not day_file(journal, "2026-11-20").exists()


def test_products_in_the_config_are_offered_for_completion(journal):
    config = journal / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "products: []", 'products: ["养老理财", "养老保险", "信用卡"]'), encoding="utf-8")
    env = {**os.environ, "_LOBBYCTL_COMPLETE": "bash_complete", "LOBBYCTL_JOURNAL": str(journal),
           "COMP_WORDS": "lobbyctl refer --product 养老", "COMP_CWORD": "3"}
    result = subprocess_run([], env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["plain,养老理财", "plain,养老保险"]
