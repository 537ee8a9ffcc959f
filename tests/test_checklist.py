import os
import pty
import subprocess

import pytest
import yaml

from conftest import LOBBYCTL, day_file


def entries(root, day):
    return yaml.safe_load(day_file(root, day).read_text(encoding="utf-8"))


def add_open_items(root, items):
    """Give the journal extra opening checklist items, as a branch would."""
    config = root / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    assert "  open: {}\n" in text
    config.write_text(text.replace("  open: {}\n", f"  open: {items}\n"), encoding="utf-8")


def test_open_records_ok_problems_and_staff(run, journal):
    result = run("open", "--at", "2026-11-20T08:20", "--ok", "--staff", "李娜",
                 "--staff", "保安老周", "--staff", "李娜",
                 "--problem", "对外服务设施", "2号取号机卡纸，报修电话 0571-8765-4321",
                 "--note", "今日理财宣传日")
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    assert result.stdout == entry_id + "\n" and entry_id.startswith("261120-")
    assert "已记录营业前检查" in result.stderr and "3 项正常，1 项有问题" in result.stderr
    assert "遮蔽" in result.stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry == {
        "id": entry_id, "type": "open", "at": "2026-11-20T08:20:00+08:00", "by": "王芳",
        "staff": ["李娜", "保安老周"], "ok": ["appearance", "materials", "notices"],
        "problems": {"facilities": "2号取号机卡纸，报修电话 0571-****4321"},
        "note": "今日理财宣传日",
    }


def test_open_accepts_english_labels_case_insensitively(run, journal):
    result = run("open", "--at", "2026-11-20T08:20", "--by", "李强",
                 "--problem", "POSTERS AND NOTICES", "海报过期",
                 "--problem", "Dress and appearance", "工牌未戴",
                 "--problem", "materials", "宣传册缺货",
                 "--problem", "facilities", "叫号机故障")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-20")
    # every item had a problem: nothing is fine, and the problems keep checklist order
    assert "ok" not in entry and entry["by"] == "李强"
    assert list(entry["problems"]) == ["appearance", "facilities", "materials", "notices"]
    assert entry["problems"]["notices"] == "海报过期"


def test_without_a_terminal_missing_items_are_a_usage_error(run, journal):
    result = run("open", "--at", "2026-11-20T08:20", "--problem", "facilities", "卡纸")
    assert result.exit_code == 2
    assert result.stdout == ""
    for named in ("appearance (服饰仪容仪表)", "materials (宣传资料)", "notices (海报通告)"):
        assert named in result.stderr
    assert "facilities (" not in result.stderr
    assert "--ok" in result.stderr and "Traceback" not in result.stderr
    assert not day_file(journal, "2026-11-20").exists()


@pytest.mark.parametrize("args, expected", [
    (["--problem", "lighting", "灯坏了"], "未知的 open-item 'lighting'"),
    (["--problem", "facilities", "  "], "--problem facilities"),
    (["--problem", "facilities", "卡纸", "--problem", "对外服务设施", "又卡纸"], "两次"),
    (["--problem", "facilities"], "--problem"),
    (["--at", "someday"], "--at"),
    (["--staff"], "--staff"),
])
def test_bad_open_options_are_usage_errors(run, journal, args, expected):
    result = run("open", "--at", "2026-11-20T08:20", "--ok", *args)
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert not day_file(journal, "2026-11-20").exists()


def test_unknown_item_lists_the_valid_ones(run, journal):
    result = run("open", "--ok", "--problem", "lighting", "x")
    assert "facilities (对外服务设施)" in result.stderr


def test_second_open_is_refused_unless_forced(run, journal):
    first = run("open", "--at", "2026-11-20T08:20", "--ok")
    assert first.exit_code == 0
    path = day_file(journal, "2026-11-20")
    before = path.read_bytes()
    again = run("open", "--at", "2026-11-20T08:40", "--ok")
    assert again.exit_code == 1
    assert again.stdout == ""
    assert first.stdout.strip() in again.stderr and "--force" in again.stderr
    assert path.read_bytes() == before
    forced = run("open", "--at", "2026-11-20T08:40", "--ok", "--force")
    assert forced.exit_code == 0, forced.stderr
    first_entry, second_entry = entries(journal, "2026-11-20")
    assert "forced" not in first_entry and second_entry["forced"] is True
    # another day is a new opening
    assert run("open", "--at", "2026-11-21T08:20", "--ok").exit_code == 0


def test_extra_checklist_items_from_the_journal_are_asked_for(run, journal):
    add_open_items(journal, "{queue-machine: 叫号机}")
    missing = run("open", "--at", "2026-11-20T08:20", "--problem", "appearance", "x",
                  "--problem", "facilities", "y", "--problem", "materials", "z",
                  "--problem", "notices", "w")
    assert missing.exit_code == 2
    assert "queue-machine (叫号机)" in missing.stderr
    result = run("open", "--at", "2026-11-20T08:20", "--ok", "--problem", "叫号机", "没纸")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry["problems"] == {"queue-machine": "没纸"}
    assert entry["ok"] == ["appearance", "facilities", "materials", "notices"]


def test_close_records_and_summarises_the_day(run, journal):
    run("open", "--at", "2026-11-20T08:20", "--ok")
    run("greet", "--at", "2026-11-20T09:00", "--count", "3")
    run("greet", "--at", "2026-11-20T09:10")
    run("refer", "--at", "2026-11-20T09:30", "--product", "养老理财")
    result = run("close", "--at", "2026-11-20T17:30", "--ok",
                 "--problem", "设备检查并断电", "3号自助机无法关机，已报科技部",
                 "--remarks", "午间客流高峰，客户 13812345678 来电")
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    assert result.stdout == entry_id + "\n"
    assert "2026-11-20 小结：营业前检查 1、迎送分流 2、产品推荐 1、营业后检查 1；接待客户 4 位" \
        in result.stderr
    assert "没有营业前检查" not in result.stderr
    close = entries(journal, "2026-11-20")[-1]
    assert close == {
        "id": entry_id, "type": "close", "at": "2026-11-20T17:30:00+08:00", "by": "王芳",
        "ok": ["cleaning", "log"], "problems": {"equipment": "3号自助机无法关机，已报科技部"},
        "remarks": "午间客流高峰，客户 138****5678 来电",
    }


def test_close_warns_when_the_day_was_never_opened(run, journal):
    result = run("close", "--at", "2026-11-20T17:30", "--ok")
    assert result.exit_code == 0
    assert "2026-11-20 没有营业前检查记录" in result.stderr
    assert entries(journal, "2026-11-20")[0]["ok"] == ["cleaning", "equipment", "log"]


def test_close_without_ok_off_a_terminal_is_a_usage_error(run, journal):
    result = run("close", "--at", "2026-11-20T17:30", "--problem", "cleaning", "未拖地")
    assert result.exit_code == 2 and result.stdout == ""
    assert "equipment (设备检查并断电)" in result.stderr and "log (" in result.stderr
    assert not day_file(journal, "2026-11-20").exists()


def test_recording_after_close_is_back_filled_with_a_warning(run, journal):
    run("close", "--at", "2026-11-20T17:30", "--ok")
    late = run("greet", "--at", "2026-11-20T16:45", "--count", "2")
    assert late.exit_code == 0
    assert "2026-11-20 已做营业后检查：这是一条补记" in late.stderr
    again = run("close", "--at", "2026-11-20T18:00", "--ok")
    assert again.exit_code == 0
    assert "已有营业后检查" in again.stderr
    assert "迎送分流 1、营业后检查 2；接待客户 2 位" in again.stderr
    assert [entry["type"] for entry in entries(journal, "2026-11-20")] == [
        "close", "greet", "close"]


def test_english_journal_speaks_english(run):
    assert run("init", "--manager", "Wang", "--lang", "en").exit_code == 0
    run("greet", "--at", "2026-11-20T09:00")
    result = run("close", "--at", "2026-11-20T17:30", "--ok")
    assert "Recorded Closing checklist" in result.stderr
    assert "was never opened" in result.stderr
    assert "2026-11-20 summary: Greeting 1, Closing checklist 1; 1 customer(s) greeted" \
        in result.stderr
    missing = run("open", "--at", "2026-11-21T08:00")
    assert missing.exit_code == 2
    assert "checklist items not given: appearance (Dress and appearance)" in missing.stderr


def test_no_journal_is_exit_1(run):
    result = run("open", "--ok")
    assert result.exit_code == 1 and result.stdout == ""
    assert "init" in result.stderr


def _open_on_a_terminal(root, answers, *args):
    """``lobbyctl open`` with its stdin on a pseudo-terminal, answers typed ahead."""
    master, slave = pty.openpty()
    env = {**os.environ, "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": ""}
    try:
        process = subprocess.Popen([LOBBYCTL, "-J", str(root), "open", *args], stdin=slave,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        os.close(slave)
        os.write(master, answers.encode("utf-8"))
        stdout, stderr = process.communicate(timeout=60)
    finally:
        os.close(master)
    return process.returncode, stdout.decode("utf-8"), stderr.decode("utf-8")


def test_on_a_terminal_items_not_given_are_asked(journal):
    # appearance: yes; materials: no, then the problem; notices: Enter (the default, yes)
    code, stdout, stderr = _open_on_a_terminal(
        journal, "y\nn\n宣传册缺货\n\n", "--at", "2026-11-20T08:20",
        "--problem", "facilities", "叫号机卡纸")
    assert code == 0, stderr
    assert stdout.strip().startswith("261120-") and stdout.count("\n") == 1
    assert "服饰仪容仪表 正常吗" in stderr and "宣传资料 有什么问题" in stderr
    assert "对外服务设施 正常吗" not in stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry["ok"] == ["appearance", "notices"]
    assert entry["problems"] == {"facilities": "叫号机卡纸", "materials": "宣传册缺货"}


def test_on_a_terminal_a_second_open_is_refused_before_asking(run, journal):
    run("open", "--at", "2026-11-20T08:20", "--ok")
    code, stdout, stderr = _open_on_a_terminal(journal, "y\ny\ny\ny\n",
                                               "--at", "2026-11-20T09:00")
    assert code == 1 and stdout == ""
    assert "--force" in stderr and "正常吗" not in stderr
    assert len(entries(journal, "2026-11-20")) == 1


def test_concurrent_openings_of_one_day_record_exactly_one(journal):
    env = {**os.environ, "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": ""}
    processes = [subprocess.Popen([LOBBYCTL, "-J", str(journal), "open", "--ok",
                                   "--at", "2026-11-20T08:20"], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
                 for _ in range(4)]
    codes = sorted(process.wait(timeout=60) for process in processes)
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert codes == [0, 1, 1, 1]
    assert [entry["type"] for entry in entries(journal, "2026-11-20")] == ["open"]


def test_problem_items_are_offered_for_completion_with_the_extra_ones(journal):
    add_open_items(journal, "{queue-machine: 叫号机}")
    env = {**os.environ, "_LOBBYCTL_COMPLETE": "bash_complete", "LOBBYCTL_JOURNAL": str(journal)}
    opening = subprocess.run([LOBBYCTL], env={**env, "COMP_WORDS": "lobbyctl open --problem ",
                                              "COMP_CWORD": "3"},
                             capture_output=True, text=True, timeout=60)
    assert opening.stdout.split() == ["plain,appearance", "plain,facilities", "plain,materials",
                                      "plain,notices", "plain,queue-machine"]
    closing = subprocess.run([LOBBYCTL], env={**env, "COMP_WORDS": "lobbyctl close --problem e",
                                              "COMP_CWORD": "3"},
                             capture_output=True, text=True, timeout=60)
    assert closing.stdout.split() == ["plain,equipment"]
