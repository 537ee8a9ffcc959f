"""An adversarial round against the hardening of issue 8: each test is a
defect found by attacking the merged code as a careless or hostile user
would, beyond the cases the item tests list (see the report of branch
h8-attack).  Every test goes through the CLI and asserts what a user sees."""

import pytest
import yaml

from conftest import day_file

DAY = "2026-11-20"


@pytest.mark.parametrize("offset", ["+25:00", "+24:00", "-99:00"])
@pytest.mark.parametrize("command", [("greet",), ("note", "fault", "3号ATM吞卡")])
def test_an_offset_of_a_day_or_more_is_a_usage_error_not_a_traceback(run, journal, command,
                                                                     offset):
    result = run(*command, "--at", f"{DAY}T10:00{offset}")
    assert result.exit_code == 2, result.output
    assert "--at" in result.stderr and offset in result.stderr
    assert not day_file(journal, DAY).exists()


# A journal folder whose name holds a phone number, a bell and a right-to-left
# override: every message that names the journal (or a file in it) must show
# the number masked and the controls escaped.
HOSTILE_FOLDER = "客户13812345678\u202e\x07"
SHOWN_FOLDER = "客户138****5678\\u202e\\x07"


def _hostile_run(tmp_path):
    from conftest import Run

    run = Run(tmp_path / HOSTILE_FOLDER)
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--manager", "王芳")
    return run, result


def _clean(stderr):
    assert "13812345678" not in stderr and "\u202e" not in stderr and "\x07" not in stderr, stderr
    assert SHOWN_FOLDER in stderr, stderr


def test_init_names_the_journal_masked_and_escaped(tmp_path):
    _run, result = _hostile_run(tmp_path)
    assert result.exit_code == 0, result.stderr
    _clean(result.stderr)


def test_a_written_report_or_export_is_named_masked_and_escaped(tmp_path):
    run, _ = _hostile_run(tmp_path)
    assert run("greet", "--at", f"{DAY}T10:00").exit_code == 0
    target = run.root / "reports" / "day.md"
    report = run("report", "day", DAY, "-o", target)
    assert report.exit_code == 0 and target.exists(), report.stderr
    _clean(report.stderr)
    exported = run("export", "-o", run.root / "reports" / "all.jsonl")
    assert exported.exit_code == 0, exported.stderr
    _clean(exported.stderr)


def test_the_unsafe_cache_warning_names_the_journal_masked_and_escaped(tmp_path):
    run, _ = _hostile_run(tmp_path)
    assert run("greet", "--at", f"{DAY}T10:00").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (run.root / ".lobbyctl-cache").symlink_to(elsewhere)
    result = run("report", "day", DAY)
    assert result.exit_code == 0, result.stderr
    _clean(result.stderr)



WHOLE_BUT_WRONG = {
    # PyYAML and json.loads read this line as an entry (the last value wins)
    "duplicate-key": '- {"id": "261120-abcdef", "type": "note", "at": "2026-11-20T11:00:00+08:00", '
                     '"by": "王芳", "kind": "fault", "text": "3号ATM吞卡", "text": "补记"}',
    "tag": '- {"id": "261120-abcdef", "type": "note", "at": "2026-11-20T11:00:00+08:00", '
           '"by": "王芳", "kind": "fault", "text": !!binary aGVsbG8=}',
}


@pytest.mark.parametrize("last", list(WHOLE_BUT_WRONG.values()), ids=list(WHOLE_BUT_WRONG))
def test_a_whole_last_entry_with_a_wrong_value_is_a_problem_never_cut(run, journal, last):
    assert run("greet", "--at", f"{DAY}T08:00").exit_code == 0
    path = day_file(journal, DAY)
    path.write_bytes(path.read_bytes() + last.encode("utf-8"))
    before = path.read_bytes()
    checked = run("check")
    assert checked.exit_code == 1 and f"{DAY}.yaml:2: " in checked.stdout \
        and "YAML" in checked.stdout, checked.stdout
    assert "unfinished" not in checked.stdout
    shown = run("show", DAY)
    assert shown.exit_code == 1 and f"{DAY}.yaml:2:" in shown.stderr, shown.output
    recorded = run("greet", "--at", f"{DAY}T12:00")
    assert recorded.exit_code == 1 and f"{DAY}.yaml:2:" in recorded.stderr, recorded.output
    assert path.read_bytes() == before, "the hand-written entry was cut"
    assert not (journal / ".lobbyctl-torn").exists()


@pytest.mark.parametrize("other", ["outside", "another-day"])
def test_a_day_file_with_another_hard_link_is_not_written_through(run, journal, tmp_path, other):
    if other == "outside":
        target = tmp_path / "notes.yaml"
        target.write_bytes(b"")  # an empty YAML file parses as an empty day
    else:
        assert run("greet", "--at", "2026-11-19T10:00").exit_code == 0
        target = day_file(journal, "2026-11-19")
    before = target.read_bytes()
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.hardlink_to(target)
    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 1, result.output
    assert f"{DAY}.yaml:1:" in result.stderr and "硬链接" in result.stderr, result.stderr
    assert target.read_bytes() == before and not result.stdout


def test_a_day_file_replaced_while_a_recorder_waits_for_its_lock_loses_nothing(run, journal):
    import fcntl
    import os
    import subprocess
    import time

    from conftest import LOBBYCTL

    assert run("greet", "--at", f"{DAY}T09:00").exit_code == 0
    path = day_file(journal, DAY)
    held = os.open(path, os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # as another recorder would, mid-append
    recorder = subprocess.Popen([LOBBYCTL, "-J", journal, "greet", "--at", f"{DAY}T10:00"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "LOBBYCTL_BY": "", "LOBBYCTL_JOURNAL": ""})
    try:
        # wait until the recorder has the day file open (it then waits for the lock)
        deadline = time.monotonic() + 60
        while not _has_open(recorder.pid, path):
            assert recorder.poll() is None, recorder.communicate()
            assert time.monotonic() < deadline, "the recorder never opened the day file"
            time.sleep(0.01)
        # git checkout, an editor's save, sed -i: a new file renamed over the old
        fresh = path.with_name(".replacement")
        fresh.write_bytes(path.read_bytes())
        os.replace(fresh, path)
    finally:
        os.close(held)
    out, err = recorder.communicate(timeout=60)
    assert recorder.returncode == 0, err
    assert out.strip() and out.strip() in path.read_text(), "the printed id is not in the file"


def _has_open(pid, path):
    import os

    folder = f"/proc/{pid}/fd"
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    for name in names:
        try:
            if os.readlink(os.path.join(folder, name)) == str(path):
                return True
        except OSError:
            continue
    return False


# Forms that slipped past the masking: groups on lines of their own, digits
# apart by characters that show as nothing (a number that still reads whole on
# the screen), and the financial digits a bank writes amounts in.
HIDDEN_FORMS = {
    "line-breaks": ("138\n1234\n5678", "138****5678"),
    "crlf": ("138\r\n1234\r\n5678", "138****5678"),
    "zero-width-spaces": ("138\u200b1234\u200b5678", "138\u200b****5678"),
    "word-joiner-first-digit": ("1\u20603812345678", "1\u206038****5678"),
    "soft-hyphen": ("138\u00ad1234\u00ad5678", "138\u00ad****5678"),
    "financial-digits": ("壹叁捌壹贰叁肆伍陆柒捌", "壹叁捌****伍陆柒捌"),
    "card-zero-width": ("4111\u200b1111\u200b1111\u200b1111", "************1111"),
}
_FINANCIAL = str.maketrans(dict(zip("壹贰叁肆伍陆柒捌玖", "123456789")))


def _in_full(text, typed):
    """Whether the digits of ``typed`` appear in ``text`` in full, whatever
    stands between them."""
    def bare(value):
        return "".join(char for char in value.translate(_FINANCIAL) if char.isdigit())
    return bare(typed) in bare(text)


@pytest.mark.parametrize("typed, shown", list(HIDDEN_FORMS.values()), ids=list(HIDDEN_FORMS))
def test_a_number_hidden_by_line_breaks_or_invisible_characters_is_masked(run, journal, typed,
                                                                         shown):
    result = run("note", "other", f"客户{typed}来电", "--at", f"{DAY}T10:00")
    assert result.exit_code == 0, result.stderr
    stored = yaml.safe_load(day_file(journal, DAY).read_text(encoding="utf-8"))[0]["text"]
    assert stored == f"客户{shown}来电".replace("\r\n", "\n")
    assert not _in_full(stored, typed)


@pytest.mark.parametrize("typed", [typed for typed, _ in HIDDEN_FORMS.values()],
                         ids=list(HIDDEN_FORMS))
def test_a_hidden_number_stored_in_full_is_masked_in_every_output(run, journal, typed):
    config = journal / "lobbyctl.yaml"
    config.write_text(config.read_text().replace("store_personal_data: false",
                                                 "store_personal_data: true"))
    assert run("note", "other", f"客户{typed}来电", "--at", f"{DAY}T10:00").exit_code == 0
    assert _in_full(day_file(journal, DAY).read_text(encoding="utf-8"), typed)
    for argv in (("show", DAY), ("report", "day", DAY, "--format", "json"),
                 ("report", "day", DAY, "--format", "csv"), ("export", "--format", "csv"),
                 ("export",)):
        result = run(*argv)
        assert result.exit_code == 0, (argv, result.stderr)
        assert not _in_full(result.stdout + result.stderr, typed), (argv, result.stdout)


@pytest.mark.parametrize("command", [("report", "day", DAY), ("export",)])
def test_a_report_never_replaces_the_key_that_signs_the_day_caches(run, journal,
                                                                  private_cache_home, command):
    assert run("greet", "--at", f"{DAY}T10:00").exit_code == 0
    assert run("report", "day", DAY).exit_code == 0  # makes the key
    key = private_cache_home / "lobbyctl" / "key"
    before = key.read_bytes()
    for target in (key, key.parent / "other.md"):
        result = run(*command, "-o", target)
        assert result.exit_code == 2, result.output
        assert "--output" in result.stderr
    assert key.read_bytes() == before and not (key.parent / "other.md").exists()


@pytest.mark.parametrize("inside", [".", ".lobbyctl-cache", "2026"])
def test_no_cache_key_is_made_or_used_inside_the_journal(run, journal, inside):
    assert run("greet", "--at", f"{DAY}T10:00").exit_code == 0
    home = journal / inside
    home.mkdir(mode=0o700, exist_ok=True)
    home.chmod(0o700)
    first = run("report", "day", DAY, "--format", "json", env={"XDG_CACHE_HOME": str(home)})
    assert first.exit_code == 0, first.stderr
    assert not (home / "lobbyctl" / "key").exists(), "a key a commit could carry"
    assert not list((journal / ".lobbyctl-cache").glob("days/*.json"))


def test_a_number_typed_as_the_branch_code_is_refused_by_init_and_masked_in_the_export(tmp_path):
    from conftest import Run

    run = Run(tmp_path / "journal")
    refused = run("init", "--branch-code", "13812345678", "--branch-name", "城东支行",
                  "--manager", "王芳")
    assert refused.exit_code == 2 and "13812345678" not in refused.stderr
    assert not run.root.exists()
    made = run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--manager", "王芳")
    assert made.exit_code == 0, made.stderr
    config = run.root / "lobbyctl.yaml"
    # by hand, as a careless edit would
    config.write_text(config.read_text().replace('"0101"', '"13812345678"'))
    assert run("greet", "--at", f"{DAY}T10:00").exit_code == 0
    for fmt in ("jsonl", "csv"):
        exported = run("export", "--format", fmt)
        assert exported.exit_code == 0, exported.stderr
        assert "13812345678" not in exported.stdout and "138****5678" in exported.stdout
    full = run("export", "--format", "csv", "--no-mask")
    assert "13812345678" in full.stdout
    code = run("report", "day", DAY, "-f", "csv")
    assert "13812345678" not in code.stdout
