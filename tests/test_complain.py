import pytest
import yaml

from conftest import day_file


def entries(root, day):
    return yaml.safe_load(day_file(root, day).read_text(encoding="utf-8"))


def test_grumble_resolved_on_the_spot(run, journal):
    result = run("complain", "--at", "2026-11-20T10:00", "--category", "排队等候",
                 "--summary", "排队40分钟无人引导", "--customer", "王阿姨",
                 "--step", "resolve", "--step", "Calm the customer", "--step", "真诚道歉",
                 "--step", "calm", "--resolved", "引导至自助设备办理",
                 "--note", "午间高峰")
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    assert result.stdout == entry_id + "\n"
    assert "已记录投诉与抱怨" in result.stderr and "答复" not in result.stderr
    [entry] = entries(journal, "2026-11-20")
    # steps in the domain's order, each once, whatever order they were typed
    assert entry == {
        "id": entry_id, "type": "complain", "at": "2026-11-20T10:00:00+08:00", "by": "王芳",
        "level": "grumble", "category": "waiting", "channel": "on-site",
        "summary": "排队40分钟无人引导", "customer": "王阿姨",
        "steps": ["calm", "apologise", "resolve"], "status": "resolved",
        "resolution": "引导至自助设备办理", "note": "午间高峰",
    }


@pytest.mark.parametrize("complexity, due", [
    (None, "2026-12-05"),
    ("ordinary", "2026-12-05"),
    ("复杂", "2026-12-20"),
    ("Especially complex", "2027-01-19"),
])
def test_formal_complaint_is_due_in_calendar_days_from_receipt(run, journal, complexity, due):
    args = ["--complexity", complexity] if complexity else []
    result = run("complain", "--at", "2026-11-20T15:30", "--level", "投诉", "--category", "fees",
                 "--summary", "对年费有异议", *args)
    assert result.exit_code == 0, result.stderr
    assert f"{due} 前须答复" in result.stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry["level"] == "complaint" and entry["due"] == due
    assert entry["complexity"] == (complexity and {"复杂": "complex",
                                                   "Especially complex": "very-complex"}
                                   .get(complexity, complexity) or "ordinary")
    assert entry["status"] == "open"


def test_escalated_complaint_with_every_field(run, journal):
    result = run("complain", "--at", "2026-11-20T15:30", "--level", "complaint",
                 "--category", "Attitude and service quality", "--channel", "电子渠道",
                 "--summary", "客户称柜员态度差，来电 021-6234-5678",
                 "--remedy", "要求道歉", "--customer", "李女士", "--step", "slow-down",
                 "--step", "calm", "--escalate-to", "网点主任", "--follow-up", "2026-11-25")
    assert result.exit_code == 0, result.stderr
    [entry] = entries(journal, "2026-11-20")
    assert entry["category"] == "attitude" and entry["channel"] == "electronic"
    assert entry["summary"] == "客户称柜员态度差，来电 021-****5678"
    assert entry["remedy"] == "要求道歉" and entry["customer"] == "李女士"
    assert entry["steps"] == ["calm", "slow-down"]
    assert entry["status"] == "escalated" and entry["escalated_to"] == "网点主任"
    assert entry["follow_up"] == "2026-11-25" and entry["due"] == "2026-12-05"
    assert "resolution" not in entry
    assert "遮蔽" in result.stderr


@pytest.mark.parametrize("args, expected", [
    (["--summary", "x"], "缺少选项 '--category'"),
    (["--category", "fees"], "缺少选项 '--summary'"),
    (["--category", "fees", "--summary", " "], "须给出 --summary"),
    (["--category", "weather", "--summary", "x"], "未知的 category 'weather'"),
    (["--category", "fees", "--summary", "x", "--level", "rant"], "未知的 level 'rant'"),
    (["--category", "fees", "--summary", "x", "--channel", "mail"], "未知的 channel 'mail'"),
    (["--category", "fees", "--summary", "x", "--step", "shout"], "未知的 step 'shout'"),
    (["--category", "fees", "--summary", "x", "--complexity", "complex"], "--complexity"),
    (["--category", "fees", "--summary", "x", "--level", "complaint", "--complexity", "huge"],
     "未知的 complexity 'huge'"),
    (["--category", "fees", "--summary", "x", "--resolved", "ok", "--escalate-to", "主任"],
     "--resolved 与 --escalate-to"),
    (["--category", "fees", "--summary", "x", "--follow-up", "2026-11-01"], "早于记录当天"),
    (["--category", "fees", "--summary", "x", "--follow-up", "2026-02-30"], "不是日期"),
])
def test_bad_complaint_input_is_a_usage_error(run, journal, args, expected):
    result = run("complain", "--at", "2026-11-20T10:00", *args)
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert not day_file(journal, "2026-11-20").exists()


def test_unknown_category_lists_the_valid_ones(run, journal):
    result = run("complain", "--category", "weather", "--summary", "x")
    assert "waiting (排队等候)" in result.stderr and "attitude (服务态度及服务质量)" in result.stderr


def test_english_journal_says_when_a_decision_is_due(run):
    assert run("init", "--manager", "Wang", "--lang", "en").exit_code == 0
    result = run("complain", "--at", "2026-11-20T15:30", "--level", "complaint",
                 "--category", "fees", "--summary", "annual fee")
    assert result.exit_code == 0
    assert "Recorded Complaint" in result.stderr and "decision due 2026-12-05" in result.stderr
    both = run("complain", "--category", "fees", "--summary", "x", "--resolved", "a",
               "--escalate-to", "b")
    assert "--resolved and --escalate-to exclude each other" in both.stderr
