import datetime
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import day_file


def entries(root, day):
    return yaml.safe_load(day_file(root, day).read_text(encoding="utf-8"))


def recorded(run, *args):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def earlier(run, journal):
    """A referral, a complaint, a fault and a hygiene note recorded on 2026-11-20."""
    return {
        "refer": recorded(run, "refer", "--at", "2026-11-20T10:00", "--product", "养老理财",
                          "--follow-up", "2026-11-23", "--via", "phone"),
        "complain": recorded(run, "complain", "--at", "2026-11-20T11:00", "--level", "complaint",
                             "--category", "fees", "--summary", "年费异议", "--step", "calm"),
        "fault": recorded(run, "note", "fault", "ATM 吞卡", "--device", "2号ATM",
                          "--at", "2026-11-20T12:00"),
        "hygiene": recorded(run, "note", "hygiene", "地面湿滑", "--at", "2026-11-20T13:00"),
        "greet": recorded(run, "greet", "--at", "2026-11-20T14:00"),
    }


def test_referral_follow_up_goes_to_its_own_day_and_leaves_the_original(run, journal, earlier):
    original_file = day_file(journal, "2026-11-20")
    before = original_file.read_bytes()
    result = run("update", earlier["refer"].upper(), "--at", "2026-11-23T15:00", "--via", "电话",
                 "--outcome", "Accepted", "--note", "客户 13812345678 已购买")
    assert result.exit_code == 0, result.stderr
    update_id = result.stdout.strip()
    assert result.stdout == update_id + "\n" and update_id.startswith("261123-")
    assert f"已记录跟进 {update_id}" in result.stderr and f"→ {earlier['refer']}" in result.stderr
    assert original_file.read_bytes() == before
    [entry] = entries(journal, "2026-11-23")
    assert entry == {
        "id": update_id, "type": "update", "at": "2026-11-23T15:00:00+08:00", "by": "王芳",
        "ref": earlier["refer"], "via": "phone", "outcome": "accepted",
        "note": "客户 138****5678 已购买",
    }


def test_referral_next_follow_up(run, journal, earlier):
    result = run("update", earlier["refer"], "--at", "2026-11-23T15:00", "--via", "sms",
                 "--follow-up", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-23")
    assert entry["follow_up"] == "2026-11-30" and entry["via"] == "sms"
    assert "outcome" not in entry


def test_complaint_steps_status_and_resolution(run, journal, earlier):
    result = run("update", earlier["complain"], "--at", "2026-11-25T09:00",
                 "--step", "核查跟进", "--step", "apologise", "--step", "follow-up",
                 "--status", "已解决", "--resolution", "已退还年费，客户满意", "--by", "李强")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-25")
    assert entry["ref"] == earlier["complain"] and entry["by"] == "李强"
    assert entry["steps"] == ["apologise", "follow-up"]
    assert entry["status"] == "resolved" and entry["resolution"] == "已退还年费，客户满意"


def test_fault_fixed(run, journal, earlier):
    result = run("update", earlier["fault"], "--at", "2026-11-21T10:00", "--fixed",
                 "--resolution", "更换读卡器")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-21")
    assert entry["fixed"] is True and entry["resolution"] == "更换读卡器"


def test_default_at_is_now_in_the_journal_timezone(run, journal, earlier):
    today = datetime.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    result = run("update", earlier["fault"], "--fixed")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, today.isoformat())
    assert entry["ref"] == earlier["fault"] and entry["at"].startswith(today.isoformat())


@pytest.mark.parametrize("target, args, expected", [
    ("refer", ["--status", "resolved"], "--status 不适用于产品推荐"),
    ("refer", ["--fixed"], "--fixed 不适用于产品推荐"),
    ("refer", ["--step", "calm"], "--step 不适用于产品推荐"),
    ("refer", ["--resolution", "x"], "--resolution 不适用于产品推荐"),
    ("complain", ["--outcome", "accepted"], "--outcome 不适用于投诉与抱怨"),
    ("complain", ["--fixed"], "--fixed 不适用于投诉与抱怨"),
    ("fault", ["--status", "resolved"], "--status 不适用于设备故障"),
    ("fault", ["--outcome", "declined"], "--outcome 不适用于设备故障"),
    ("hygiene", ["--fixed"], "是卫生，不能跟进"),
    ("greet", ["--via", "phone"], "是迎送分流，不能跟进"),
    ("refer", [], "没有要记录的变化"),
    ("refer", ["--note", "only a note"], "没有要记录的变化"),
    ("refer", ["--resolution", "  "], "没有要记录的变化"),
    ("refer", ["--outcome", "maybe"], "未知的 outcome 'maybe'"),
    ("complain", ["--status", "closed"], "未知的 status 'closed'"),
    ("refer", ["--via", "fax"], "未知的 via 'fax'"),
    ("refer", ["--via", "phone", "--follow-up", "2026-11-22"], "早于记录当天 2026-11-23"),
    ("refer", ["--via", "phone", "--at", "2026-11-20T09:00"], "早于被跟进的记录"),
])
def test_bad_updates_are_usage_errors(run, journal, earlier, target, args, expected):
    if "--at" not in args:
        args = [*args, "--at", "2026-11-23T09:00"]
    snapshot = {path: path.read_bytes() for path in journal.rglob("*.yaml")}
    result = run("update", earlier[target], *args)
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert {path: path.read_bytes() for path in journal.rglob("*.yaml")} == snapshot


@pytest.mark.parametrize("typed, expected", [
    ("261120-zzzzzz", "没有编号为 261120-zzzzzz 的记录"),
    ("261101-abcdef", "没有编号为 261101-abcdef 的记录"),
    ("yesterday", "'yesterday' 不是记录编号"),
    ("261120", "不是记录编号"),
])
def test_unknown_ids_are_usage_errors(run, journal, typed, expected):
    result = run("update", typed, "--via", "phone")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert result.stdout == ""


def test_missing_id_is_a_usage_error(run, journal):
    result = run("update", "--via", "phone")
    assert result.exit_code == 2 and "缺少参数 'ID'" in result.stderr


def test_unreadable_day_of_the_original_is_a_journal_problem(run, journal, earlier):
    path = day_file(journal, "2026-11-20")
    path.write_bytes(path.read_bytes() + b"- key: [unclosed\n")
    result = run("update", earlier["refer"], "--via", "phone", "--at", "2026-11-23T09:00")
    assert result.exit_code == 1 and result.stdout == ""
    assert "2026-11-20.yaml:" in result.stderr and "YAML 错误" in result.stderr
    assert "Traceback" not in result.stderr
    assert not day_file(journal, "2026-11-23").exists()


def test_english_journal_explains_what_can_be_updated(run):
    assert run("init", "--manager", "Wang", "--lang", "en").exit_code == 0
    greeted = recorded(run, "greet", "--at", "2026-11-20T09:00")
    result = run("update", greeted, "--via", "phone")
    assert result.exit_code == 2
    assert (f"{greeted} is a Greeting; only a referral, a complaint or an equipment fault "
            "can be updated") in result.stderr
