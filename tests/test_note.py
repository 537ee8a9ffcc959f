import pytest
import yaml

from lobbyctl.schema import vocab

from conftest import day_file


def entries(root, day):
    return yaml.safe_load(day_file(root, day).read_text(encoding="utf-8"))


@pytest.mark.parametrize("typed, key", [
    *[(key, key) for key in vocab.LABELS["kind"]],
    ("安全隐患", "hazard"), ("疑似电信诈骗", "fraud"), ("TELLER REMINDER", "teller"),
    ("directing lobby staff", "staff"),
])
def test_every_kind_by_key_or_label(run, journal, typed, key):
    result = run("note", typed, "大堂记事内容", "--at", "2026-11-20T11:00")
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    assert result.stdout == entry_id + "\n"
    assert vocab.label("kind", key, "zh") in result.stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry == {"id": entry_id, "type": "note", "at": "2026-11-20T11:00:00+08:00",
                     "by": "王芳", "kind": key, "text": "大堂记事内容"}


def test_fault_with_device_and_fixed(run, journal):
    result = run("note", "设备故障", "取号机卡纸", "--device", "1号叫号机", "--fixed",
                 "--at", "2026-11-20T09:15", "--by", "李强", "--note", "已清理")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry["kind"] == "fault" and entry["device"] == "1号叫号机"
    assert entry["fixed"] is True and entry["by"] == "李强" and entry["note"] == "已清理"
    assert "praise" not in entry


def test_praise_on_an_opinion(run, journal):
    result = run("note", "opinion", "客户表扬柜员耐心", "--praise", "--at", "2026-11-20T14:00")
    assert result.exit_code == 0
    [entry] = entries(journal, "2026-11-20")
    assert entry["praise"] is True and "fixed" not in entry and "device" not in entry


def test_text_is_masked(run, journal):
    result = run("note", "fraud", "劝阻老人向卡号 6222 0212 3456 7894 转账，家属电话 +86 139 1234 5678",
                 "--at", "2026-11-20T14:00")
    assert result.exit_code == 0
    [entry] = entries(journal, "2026-11-20")
    assert entry["text"] == "劝阻老人向卡号 ************7894 转账，家属电话 +86 139****5678"
    assert "遮蔽 2 处" in result.stderr


@pytest.mark.parametrize("args, expected", [
    (["hygiene", "地面湿滑", "--device", "拖把"], "--device 只用于“设备故障”记事"),
    (["opinion", "太慢", "--fixed"], "--fixed 只用于“设备故障”记事"),
    (["fault", "ATM 吞卡", "--praise"], "--praise 只用于“客户意见”记事"),
    (["weather", "下雨"], "未知的 kind 'weather'"),
    (["hygiene"], "缺少参数 'TEXT'"),
    ([], "缺少参数 'KIND'"),
    (["hygiene", "   "], "TEXT：内容不能为空"),
    (["hygiene", "x", "--at", "next year"], "--at"),
])
def test_bad_note_input_is_a_usage_error(run, journal, args, expected):
    result = run("note", *args, "--at", "2026-11-20T14:00") if "--at" not in args else \
        run("note", *args)
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert not day_file(journal, "2026-11-20").exists()


def test_english_journal_names_the_kind(run):
    assert run("init", "--manager", "Wang", "--lang", "en").exit_code == 0
    result = run("note", "hygiene", "wet floor", "--device", "mop")
    assert result.exit_code == 2
    assert "--device only goes with a 'Equipment fault' note" in result.stderr
