"""How a day file ends (hardening items 1 and 2).

A last line with no newline that a YAML reader reads as a whole entry is an
entry for every reader and is never cut; only a fragment that does not parse
(a write cut short) is torn, and when an append removes it its bytes are kept
in ``<journal>/.lobbyctl-torn/`` and stderr names the file.  A write that
would push a day file past the day-file cap is refused; the day stays readable."""

import os
import stat
import subprocess

import pytest
import yaml

from conftest import LOBBYCTL, day_file
from lobbyctl.store.dayfile import MAX_DAY_BYTES
from lobbyctl.store.lines import dump_entry

DAY = "2026-11-20"
HAND_NOTE = ('- {"id": "261120-abcdef", "type": "note", "at": "2026-11-20T11:00:00+08:00", '
             '"by": "王芳", "kind": "fault", "text": "3号ATM吞卡"}  # 补记')
CANONICAL = dump_entry({"id": "261120-zzzzzz", "type": "greet", "at": f"{DAY}T09:00:00+08:00",
                        "by": "王芳", "count": 1, "note": "断电前写了一半"})


def _day_with(run, journal, tail):
    assert run("greet", "--at", f"{DAY}T08:00").exit_code == 0
    path = day_file(journal, DAY)
    path.write_bytes(path.read_bytes() + tail.encode("utf-8"))
    return path


def _torn_files(journal):
    folder = journal / ".lobbyctl-torn"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("last", [
    HAND_NOTE,                                            # the line: a trailing comment
    HAND_NOTE.replace("  # 补记", "   "),                  # trailing blanks
    HAND_NOTE.replace("  # 补记", "\r"),                   # a CR-only ending is a line break to YAML
    '- {"id": "261120-abcdef", "type": "note", "at": "2026-11-20T11:00:00+08:00", "by": "王芳",'
    ' "kind": "fault", "text": "3号ATM吞卡",}',             # a trailing comma YAML allows
], ids=["comment", "blanks", "cr", "trailing-comma"])
def test_a_whole_hand_written_last_entry_is_read_by_every_reader_and_kept(run, journal, last):
    path = _day_with(run, journal, last)
    before = path.read_bytes()
    assert yaml.safe_load(before)[-1]["id"] == "261120-abcdef"

    shown = run("show", DAY, "--lang", "en")
    assert shown.exit_code == 0, shown.stderr
    assert "261120-abcdef" in shown.stdout and "3号ATM吞卡" in shown.stdout
    checked = run("check")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    report = run("report", "day", DAY, "--lang", "en", "--format", "json")
    assert report.exit_code == 0 and "3号ATM吞卡" in report.stdout, report.stderr
    exported = run("export")
    assert exported.exit_code == 0 and "261120-abcdef" in exported.stdout

    result = run("greet", "--at", f"{DAY}T12:00")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(before), "the hand-written entry was cut"
    assert [e["id"] for e in yaml.safe_load(after)][-2:] == ["261120-abcdef",
                                                            result.stdout.strip()]
    assert _torn_files(journal) == [] and "torn" not in result.stderr


@pytest.mark.parametrize("fragment", [
    CANONICAL[:1], CANONICAL[:2], CANONICAL[:3], CANONICAL[:40],
    CANONICAL[:-2],                                       # a prefix of a valid entry, "}" missing
], ids=["dash", "dash-space", "brace", "middle", "all-but-brace"])
def test_a_torn_fragment_is_kept_in_the_journal_and_named_when_cut(run, journal, fragment):
    path = _day_with(run, journal, "")
    whole = path.read_bytes()
    path.write_bytes(whole + fragment.encode("utf-8"))
    checked = run("check")
    assert checked.exit_code == 1 and f"{DAY}.yaml:2:" in checked.stdout + checked.stderr

    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes()
    assert after.startswith(whole) and len(yaml.safe_load(after)) == 2
    [kept] = _torn_files(journal)
    assert kept.read_bytes() == fragment.encode("utf-8")
    assert str(kept) in result.stderr
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert kept.name.startswith(f"{DAY}.") and kept.name.endswith(".yaml")
    assert ".lobbyctl-torn\n" in (journal / ".gitignore").read_text(encoding="utf-8")
    assert run("check").exit_code == 0


def test_a_write_cut_inside_a_character_is_torn_too(run, journal):
    path = _day_with(run, journal, "")
    whole = path.read_bytes()
    encoded = CANONICAL.encode("utf-8")
    cut = encoded.index("断".encode("utf-8")) + 1   # one byte of a three-byte character
    path.write_bytes(whole + encoded[:cut])
    assert run("show", DAY).exit_code == 0
    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 0, result.stderr
    [kept] = _torn_files(journal)
    assert kept.read_bytes() == encoded[:cut]
    assert len(yaml.safe_load(path.read_bytes())) == 2


@pytest.mark.parametrize("text, readable", [
    ("# 只有一行注释", True),                              # a comment, no newline: an empty day
    ("- ", False),                                        # an entry that is not a mapping...
], ids=["only-a-comment", "only-dash-space"])
def test_odd_whole_files_without_a_newline(run, journal, text, readable):
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    shown = run("show", DAY)
    assert shown.exit_code == 0, shown.stderr  # ...is torn: the rest of the file (nothing) parses
    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 0, result.stderr
    after = path.read_bytes().decode("utf-8")
    assert len(yaml.safe_load(after)) == 1
    if readable:
        assert after.startswith(text + "\n") and _torn_files(journal) == []
    else:
        assert [kept.read_text(encoding="utf-8") for kept in _torn_files(journal)] == [text]


def test_crlf_day_with_a_torn_last_line(run, journal):
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = CANONICAL.replace("\n", "\r\n").replace("zzzzzz", "aaaaaa")
    path.write_bytes((head + CANONICAL[:30]).encode("utf-8"))
    assert "261120-aaaaaa" in run("show", DAY).stdout
    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes().startswith(head.encode("utf-8"))
    assert [e["id"] for e in yaml.safe_load(path.read_bytes())] == ["261120-aaaaaa",
                                                                   result.stdout.strip()]


def test_two_recorders_racing_on_a_torn_file_keep_the_fragment_once(run, journal):
    path = _day_with(run, journal, "")
    whole = path.read_bytes()
    path.write_bytes(whole + CANONICAL[:25].encode("utf-8"))
    env = {**os.environ, "LOBBYCTL_BY": "王芳", "LOBBYCTL_JOURNAL": ""}
    procs = [subprocess.Popen([LOBBYCTL, "-J", str(journal), "greet", "--at", f"{DAY}T1{n}:00"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for n in range(2)]
    outs = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outs
    entries = yaml.safe_load(path.read_bytes())
    assert len(entries) == 3 and path.read_bytes().startswith(whole)
    assert {out.strip() for out, _ in outs} == {e["id"] for e in entries[1:]}
    [kept] = _torn_files(journal)
    assert sum(str(kept) in err for _, err in outs) == 1


@pytest.mark.stress
def test_a_write_that_would_cross_the_day_cap_is_refused(run, journal):
    path = _day_with(run, journal, "")
    line = CANONICAL.encode("utf-8")
    size = len(path.read_bytes())
    room = 40  # bytes left below the cap: less than any entry
    fill = MAX_DAY_BYTES - room - size
    comment = b"#" + b"x" * 1022 + b"\n"
    pad = comment * (fill // len(comment))
    pad += b"#" + b"x" * (fill - len(pad) - 2) + b"\n"
    with open(path, "ab") as handle:
        handle.write(pad)
    before = path.read_bytes()
    assert len(before) == MAX_DAY_BYTES - room and len(line) > room

    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 1 and result.stdout == ""
    assert f"{DAY}.yaml" in result.stderr and "16 MiB" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before
    shown = run("show", DAY)
    assert shown.exit_code == 0, shown.stderr
    assert run("check").exit_code == 0


def test_a_torn_line_is_not_cut_when_its_copy_cannot_be_kept(run, journal, tmp_path):
    path = _day_with(run, journal, "")
    path.write_bytes(path.read_bytes() + CANONICAL[:20].encode("utf-8"))
    before = path.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (journal / ".lobbyctl-torn").symlink_to(elsewhere)   # a link leads out of the journal
    result = run("greet", "--at", f"{DAY}T10:00")
    assert result.exit_code == 1 and "本次未记录" in result.stderr, result.stderr
    assert path.read_bytes() == before and list(elsewhere.iterdir()) == []
