import yaml

from conftest import day_file


def test_greet_prints_only_the_id_and_appends_one_line(run, journal):
    result = run("greet", "--at", "2026-11-20T10:30", "--segment", "高端客户",
                 "--route", "Self-Service", "--purpose", "wealth", "--group", "elderly",
                 "--wait", "7", "--ticket", "A023", "--new", "--potential",
                 "--note", "客户想了解养老理财")
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    assert entry_id.startswith("261120-") and len(entry_id) == 13
    assert "\n" not in result.stdout.strip()
    assert "已记录" in result.stderr
    path = day_file(journal, "2026-11-20")
    [entry] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert entry == {
        "id": entry_id, "type": "greet", "at": "2026-11-20T10:30:00+08:00", "by": "王芳",
        "count": 1, "segment": "high", "potential": True, "new": True, "groups": ["elderly"],
        "purpose": "wealth", "route": "self-service", "wait": 7, "ticket": "A023",
        "note": "客户想了解养老理财",
    }


def test_append_keeps_the_bytes_already_there(run, journal):
    run("greet", "--at", "2026-11-20T09:00")
    path = day_file(journal, "2026-11-20")
    before = path.read_bytes()
    result = run("greet", "--at", "2026-11-20T09:05", "--count", "3")
    assert result.exit_code == 0
    after = path.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert len(yaml.safe_load(after)) == 2


def test_unknown_label_is_a_usage_error_listing_the_valid_ones(run, journal):
    result = run("greet", "--route", "teleport")
    assert result.exit_code == 2
    assert "未知的 route 'teleport'" in result.stderr
    assert "self-service (自助设备)" in result.stderr
    assert result.stdout == ""


def test_phone_number_in_note_is_masked_and_said_so(run, journal):
    result = run("greet", "--at", "2026-11-20T11:00", "--note", "回电 138-1234-5678")
    assert result.exit_code == 0
    text = day_file(journal, "2026-11-20").read_text(encoding="utf-8")
    assert "138****5678" in text and "1234-5678" not in text
    assert "遮蔽" in result.stderr


def test_no_journal_is_exit_1_with_a_hint(run):
    result = run("greet")
    assert result.exit_code == 1
    assert "no journal" in result.stderr and "init" in result.stderr
    assert "Traceback" not in result.stderr
