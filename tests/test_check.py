"""`lobbyctl check`: every problem as path:line: message, exit 1 if any.

Most cases are hand-written day files (canonical lines made with
``dump_entry``, or block YAML as a person would type it) dropped into a real
journal in tmp_path; each states the exact lines ``check`` must print.  The
journal here is an English one (``--lang en``): these tests pin the English
lines; tests/test_check_language.py shows a Chinese journal's."""

import os
import pathlib
import re
import shutil

import pytest
import wcwidth
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lobbyctl.schema import vocab
from lobbyctl.store.lines import dump_entry
from robustness import child_env
from unprivileged import unprivileged  # noqa: F401  (a fixture)

DAY = "2026-11-20"
PATH = "2026/11/2026-11-20.yaml"


@pytest.fixture
def journal(run):
    """An initialised English journal (the lines pinned here are English)."""
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--lang", "en",
                 "--manager", "王芳", "--manager", "李强")
    assert result.exit_code == 0, result.stderr
    return run.root


def entry(entry_type="greet", id="261120-aaaaaa", at="2026-11-20T10:00:00+08:00", by="王芳",
          **fields):
    required = {"greet": {"count": 1}, "refer": {"product": "养老理财", "outcome": "pending"},
                "note": {"kind": "hygiene", "text": "地面有水"},
                "complain": {"level": "grumble", "category": "waiting", "summary": "排队太久",
                             "status": "open"},
                "open": {"ok": ["appearance"]}, "close": {"ok": ["cleaning"]},
                "update": {"ref": "261120-rrrrrr"},
                "void": {"ref": "261120-rrrrrr", "reason": "重复登记"},
                "rate": {"result": "satisfied"},
                "ticket": {"ticket": "A001", "status": "served"},
                "outreach": {"scene": "community", "venue": "阳光社区"}}.get(entry_type, {})
    return {"id": id, "type": entry_type, "at": at, "by": by, **required, **fields}


def write(root, relative, *entries, text=None):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    body = text if text is not None else "".join(dump_entry(item) for item in entries)
    path.write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    return path


def check(run, *args):
    result = run("check", *args)
    assert "Traceback" not in result.stderr
    return result


def test_a_journal_recorded_by_greet_is_ok(run, journal):
    for clock in ("09:00", "10:30", "16:45"):
        assert run("greet", "--at", f"{DAY}T{clock}", "--segment", "mid",
                   "--note", "客户 13812345678").exit_code == 0
    run("greet", "--at", "2026-11-21T09:00")
    result = check(run)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    assert result.stderr.strip() == "ok: 4 entries in 2 day files"


def test_an_empty_journal_is_ok(run, journal):
    result = check(run)
    assert result.exit_code == 0
    assert "0" in result.stderr


# (what is wrong, entry fields, the message after "PATH:1: ")
ENTRY_CASES = [
    ("at on another day", dict(at="2026-11-21T10:00:00+08:00"),
     "at: 2026-11-21T10:00:00+08:00 is on 2026-11-21 in Asia/Shanghai, but the file is "
     "2026-11-20"),
    ("at in UTC on the previous evening", dict(at="2026-11-19T17:00:00+00:00"), None),
    ("at in UTC on the next day's morning", dict(at="2026-11-20T17:00:00+00:00"),
     "at: 2026-11-20T17:00:00+00:00 is on 2026-11-21 in Asia/Shanghai, but the file is "
     "2026-11-20"),
    ("at without offset", dict(at="2026-11-20T10:00:00"),
     "at: '2026-11-20T10:00:00' is not an ISO 8601 time with a UTC offset "
     "(like 2026-11-20T10:30:00+08:00)"),
    ("at a bare date", dict(at="2026-11-20"),
     "at: '2026-11-20' is not an ISO 8601 time with a UTC offset "
     "(like 2026-11-20T10:30:00+08:00)"),
    ("at a number", dict(at=1700000000),
     "at: 1700000000 is not an ISO 8601 time with a UTC offset "
     "(like 2026-11-20T10:30:00+08:00)"),
    ("id not an id", dict(id="A-1"), "id: 'A-1' is not an entry id (YYMMDD-xxxxxx)"),
    ("id with a misread letter", dict(id="261120-aaaaao"),
     "id: '261120-aaaaao' is not an entry id (YYMMDD-xxxxxx)"),
    ("id of another day", dict(id="261121-aaaaaa"),
     "id: 261121-aaaaaa names the day 2026-11-21, but the file is 2026-11-20"),
    ("unknown type", dict(type="lunch"),
     "type: unknown entry type 'lunch' (known: " + ", ".join(vocab.FIELDS) + ")"),
    ("type not text", dict(type=["greet"]),
     "type: unknown entry type a list (known: " + ", ".join(vocab.FIELDS) + ")"),
    ("unknown field", dict(segmnt="high"),
     "unknown field 'segmnt' for greet (did you mean 'segment'?)"),
    ("by not text", dict(by=7), "by: must be text, found 7"),
    ("count as text", dict(count="3"), "count: must be a whole number from 1 to 500, found '3'"),
    ("count negative", dict(count=-1), "count: must be a whole number from 1 to 500, found -1"),
    ("count zero", dict(count=0), "count: must be a whole number from 1 to 500, found 0"),
    ("count above the CLI's bound", dict(count=501),
     "count: must be a whole number from 1 to 500, found 501"),
    ("count a bool", dict(count=True), "count: must be a whole number from 1 to 500, found true"),
    ("wait a float", dict(wait=1.5), "wait: must be a whole number from 0 to 600, found 1.5"),
    ("wait out of range", dict(wait=99999),
     "wait: must be a whole number from 0 to 600, found 99999"),
    ("potential as text", dict(potential="yes"), "potential: must be true or false, found 'yes'"),
    ("segment unknown", dict(segment="vip"),
     "segment: unknown segment 'vip' (known: regular, mid, high, private)"),
    ("segment as a label, not a key", dict(segment="高端客户"),
     "segment: unknown segment '高端客户' (did you mean high?)"),
    ("route as an English label", dict(route="Counter"),
     "route: unknown route 'Counter' (did you mean counter?)"),
    ("groups not a list", dict(groups="elderly"),
     "groups: must be a list of group keys, found 'elderly'"),
    ("groups with an unknown key", dict(groups=["elderly", "vip"]),
     "groups: unknown group 'vip' (known: elderly, disabled, foreign)"),
    ("ticket not text", dict(ticket=23), "ticket: must be text, found 23"),
    ("note null", dict(note=None), "note: must be text, found null"),
    ("note with a lone surrogate", dict(note="a\ud800b"),
     "note: 'a\\ud800b' is not valid Unicode text"),
]


@pytest.mark.parametrize("fields,expected", [case[1:] for case in ENTRY_CASES],
                         ids=[case[0] for case in ENTRY_CASES])
def test_one_bad_greet_entry(run, journal, fields, expected):
    write(journal, PATH, entry(**fields))
    result = check(run)
    if expected is None:
        assert (result.exit_code, result.stdout) == (0, "")
    else:
        assert result.stdout == f"{PATH}:1: {expected}\n"
        assert result.exit_code == 1
        assert result.stderr.strip() == "1 problems in 1 files"


# (what is wrong, a whole entry, the message)
TYPED_CASES = [
    ("refer follow-up not a date", entry("refer", follow_up="2026-13-01"),
     "follow_up: '2026-13-01' is not a date (YYYY-MM-DD)"),
    ("refer follow-up a phrase", entry("refer", follow_up="tomorrow"),
     "follow_up: 'tomorrow' is not a date (YYYY-MM-DD)"),
    ("refer greet link not an id", entry("refer", greet="yesterday's"),
     "greet: \"yesterday's\" is not an entry id (YYMMDD-xxxxxx)"),
    ("refer missing product", {k: v for k, v in entry("refer").items() if k != "product"},
     "missing required field: product"),
    ("complain steps unknown", entry("complain", steps=["calm", "shout"]),
     "steps: unknown step 'shout' (known: calm, apologise, explore, resolve, slow-down, "
     "follow-up)"),
    ("open problems not a mapping", entry("open", problems=["facilities"]),
     "problems: must map open-item keys to what was wrong, found a list"),
    ("open problem item unknown", entry("open", problems={"rocket": "坏了"}),
     "problems: unknown open-item 'rocket' (known: appearance, facilities, materials, notices)"),
    ("open problem text not text", entry("open", problems={"facilities": 3}),
     "problems: facilities: must be text, found 3"),
    ("open staff not names", entry("open", staff=["李娜", 7]),
     "staff: must be a list of names, found a list"),
    ("open forced as text", entry("open", forced="true"),
     "forced: must be true or false, found 'true'"),
    ("close item of the opening list", entry("close", ok=["appearance"]),
     "ok: unknown close-item 'appearance' (known: cleaning, equipment, log)"),
    ("note without text", {k: v for k, v in entry("note").items() if k != "text"},
     "missing required field: text"),
    ("no common fields", {"type": "note", "kind": "hygiene", "text": "x"},
     "missing required fields: id, at, by"),
    ("nothing at all", {"x": 1}, "missing required fields: id, type, at, by"),
]


@pytest.mark.parametrize("item,expected", [case[1:] for case in TYPED_CASES],
                         ids=[case[0] for case in TYPED_CASES])
def test_one_bad_entry_of_each_type(run, journal, item, expected):
    write(journal, PATH, item)
    result = check(run)
    assert result.stdout == f"{PATH}:1: {expected}\n"
    assert result.exit_code == 1


def test_every_field_kind_in_the_schema_is_checked(run, journal):
    """A new field kind added to vocab without a check here would pass
    anything: each kind must reject a value of the wrong shape."""
    kinds = {kind.partition(":")[0] for fields in vocab.FIELDS.values() for kind in fields.values()}
    wrong = {"text": 1, "int": "1", "bool": 1, "date": 1, "id": 1, "names": "x",
             "label": 1, "labels": 1, "checklist": 1, "timestamp": "10:00", "sales": 1}
    assert kinds <= set(wrong), kinds - set(wrong)
    lines = [dump_entry(entry("refer", id="261120-rrrrrr"))]  # what the updates point at
    expected = []
    for entry_type, fields in vocab.FIELDS.items():
        for position, (name, kind) in enumerate(fields.items()):
            item = entry(entry_type, id=f"261120-{entry_type[:3]}{position:03d}".replace("o", "0")
                         .replace("i", "1").replace("l", "1").replace("u", "v"))
            item[name] = wrong[kind.partition(":")[0]]
            lines.append(dump_entry(item))
            expected.append(f"{PATH}:{len(lines)}: {name}: ")
    write(journal, PATH, text="".join(lines))
    result = check(run)
    assert result.exit_code == 1
    reported = result.stdout.splitlines()
    assert len(reported) == len(expected)
    for line, prefix in zip(reported, expected):
        assert line.startswith(prefix), (line, prefix)


def test_extra_labels_from_the_journal_config_are_known(run, journal):
    config = journal / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("vocabulary: {}", "vocabulary:\n  purpose: {pension: 养老金}")
    text = text.replace("  open: {}", "  open: {queue-machine: 叫号机}")
    config.write_text(text, encoding="utf-8")
    write(journal, PATH, entry(purpose="pension"),
          entry("open", id="261120-bbbbbb", ok=["queue-machine"]),
          entry(id="261120-cccccc", purpose="pensions"))
    result = check(run)
    assert result.stdout.startswith(f"{PATH}:3: purpose: unknown purpose 'pensions' (known: ")
    assert "pension" in result.stdout and result.stdout.count("\n") == 1


def test_line_numbers_in_a_hand_written_block_file(run, journal):
    write(journal, PATH, text=(
        "# 手写的日志\n"
        "- id: 261120-aaaaaa\n"
        "  type: greet\n"
        "  at: 2026-11-20T10:00:00+08:00\n"
        "  by: 王芳\n"
        "  count: 2\n"
        "\n"
        "- id: 261120-bbbbbb\n"
        "  type: greet\n"
        "  at: '2026-11-20T10:05:00+08:00'\n"
        "  by: 王芳\n"
        "  count: -2\n"
        "  colour: blue\n"
        "- id: 261120-cccccc\n"
        "  type: note\n"
        "  at: '2026-11-20T11:00:00+08:00'\n"
        "  by: 王芳\n"
        "  kind: fault\n"
        "  text: 叫号机卡纸\n"
        "  follow_up: 2026-11-22\n"
    ))
    result = check(run)
    assert result.stdout == (
        f"{PATH}:8: count: must be a whole number from 1 to 500, found -2\n"
        f"{PATH}:8: unknown field 'colour' for greet\n"
        f"{PATH}:14: unknown field 'follow_up' for note\n"
    )
    assert result.stderr.strip() == "3 problems in 1 files"


def test_duplicate_ids_name_both_places(run, journal):
    write(journal, PATH, entry(), entry(id="261120-bbbbbb"), entry(id="261120-aaaaaa"))
    # the same id in another day's file is also reported (and its date is wrong there)
    write(journal, "2026/11/2026-11-21.yaml", entry(at="2026-11-21T09:00:00+08:00"))
    result = check(run)
    assert result.stdout == (
        f"{PATH}:3: duplicate id 261120-aaaaaa: also at {PATH}:1\n"
        "2026/11/2026-11-21.yaml:1: id: 261120-aaaaaa names the day 2026-11-20, but the file "
        "is 2026-11-21\n"
        f"2026/11/2026-11-21.yaml:1: duplicate id 261120-aaaaaa: also at {PATH}:1\n"
    )
    assert result.stderr.strip() == "3 problems in 2 files"


def test_updates_must_point_at_an_updatable_entry(run, journal):
    write(journal, "2026/11/2026-11-19.yaml",
          entry("refer", id="261119-rrrrrr", at="2026-11-19T15:00:00+08:00"))
    write(journal, PATH,
          entry("update", id="261120-aaaaaa", ref="261119-rrrrrr", outcome="accepted"),
          entry("update", id="261120-bbbbbb", ref="261118-zzzzzz"),
          entry(id="261120-cccccc"),
          entry("update", id="261120-dddddd", ref="261120-cccccc"),
          entry("update", id="261120-eeeeee", ref="not-an-id"),
          entry("note", id="261120-ffffff", kind="hygiene", text="地面湿滑"),
          entry("update", id="261120-gggggg", ref="261120-ffffff", fixed=True))
    result = check(run)
    assert result.stdout == (
        f"{PATH}:2: ref: no entry 261118-zzzzzz in the journal\n"
        f"{PATH}:4: ref: 261120-cccccc is a 'greet' entry, which cannot be updated "
        "(only refer, complain, fault)\n"
        f"{PATH}:5: ref: 'not-an-id' is not an entry id (YYMMDD-xxxxxx)\n"
        f"{PATH}:7: ref: 261120-ffffff is a 'note' entry, which cannot be updated "
        "(only refer, complain, fault)\n"
    )
    # checking only the 20th still finds the referral of the 19th
    ranged = check(run, "--from", DAY, "--to", DAY)
    assert ranged.stdout == result.stdout


def test_an_update_into_a_broken_day_says_so(run, journal):
    write(journal, "2026/11/2026-11-19.yaml", text="- id: [oops\n")
    write(journal, PATH, entry("update", ref="261119-rrrrrr"))
    result = check(run, "--from", DAY)
    assert result.stdout == f"{PATH}:1: ref: 261119-rrrrrr is in a day file that does not load\n"


def test_a_torn_last_line_is_reported(run, journal):
    path = write(journal, PATH, entry())
    with open(path, "ab") as handle:
        handle.write(dump_entry(entry(id="261120-bbbbbb")).encode()[:30])
    result = check(run)
    assert result.stdout == (f"{PATH}:2: an unfinished last line (a write cut short by a "
                             "crash); the next recording into this day removes it, "
                             "keeping a copy in .lobbyctl-torn/\n")
    assert result.exit_code == 1


# (what, relative path, file content, expected output)
PLACE_CASES = [
    ("not a day name", "2026/11/notes.yaml", "- a: 1\n",
     "2026/11/notes.yaml:1: not named YYYY-MM-DD.yaml, so lobbyctl never reads it"),
    ("a .yml day file", "2026/11/2026-11-20.yml", "",
     "2026/11/2026-11-20.yml:1: not named YYYY-MM-DD.yaml, so lobbyctl never reads it"),
    ("wrong month folder", "2026/10/2026-11-20.yaml", "",
     "2026/10/2026-11-20.yaml:1: in the wrong folder: 2026-11-20.yaml belongs in 2026/11/"),
    ("wrong year folder", "2025/11/2026-11-20.yaml", "",
     "2025/11/2026-11-20.yaml:1: in the wrong folder: 2026-11-20.yaml belongs in 2026/11/"),
    ("not a calendar date", "2026/02/2026-02-30.yaml", "",
     "2026/02/2026-02-30.yaml:1: 2026-02-30 is not a calendar date"),
    ("a day file at the top", "2026-11-20.yaml", "",
     "2026-11-20.yaml:1: a day file outside its folder; day files live at "
     "YYYY/MM/YYYY-MM-DD.yaml"),
    ("a day file in a year folder", "2026/2026-11-20.yaml", "",
     "2026/2026-11-20.yaml:1: not in a month folder; day files live at 2026/MM/YYYY-MM-DD.yaml"),
    ("a folder that is not a month", "2026/11/old/2026-11-20.yaml", "",
     "2026/11/old/2026-11-20.yaml:1: not where day files live (YYYY/MM/YYYY-MM-DD.yaml), "
     "so lobbyctl never reads it"),
]


@pytest.mark.parametrize("relative,content,expected", [case[1:] for case in PLACE_CASES],
                         ids=[case[0] for case in PLACE_CASES])
def test_files_in_the_wrong_place(run, journal, relative, content, expected):
    write(journal, relative, text=content)
    result = check(run)
    assert result.stdout == expected + "\n"
    assert result.exit_code == 1


def test_files_that_are_not_yaml_or_not_ours_are_left_alone(run, journal):
    write(journal, "README.md", text="# 城东支行\n")
    write(journal, "notes.yaml", text="- whatever\n")
    write(journal, "2026/11/.2026-11-20.yaml.swp", text="\x00")
    write(journal, "2026/11/2026-11-20.yaml.orig", text="junk")
    assert (check(run).exit_code, check(run).stdout) == (0, "")


def test_symbolic_links_are_reported_and_not_followed(run, journal, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("- {not: [valid\n", encoding="utf-8")
    (journal / "2026" / "11").mkdir(parents=True)
    os.symlink(outside, journal / "2026" / "11" / "2026-11-20.yaml")
    os.symlink(tmp_path, journal / "2027")
    result = check(run)
    message = ("a symbolic link; a journal holds real files and folders only "
               "(lobbyctl does not follow links)")
    assert result.stdout == f"2026/11/2026-11-20.yaml:1: {message}\n2027:1: {message}\n"
    assert "secret" not in result.stdout + result.stderr


# (what, bytes of a day file, expected output line prefix)
HOSTILE_CASES = [
    ("YAML error", b"- id: 261120-aaaaaa\n  type: [greet\n", f"{PATH}:3: YAML error: "),
    ("not a list", b"id: 261120-aaaaaa\n", f"{PATH}:1: a day file must be a list of entries"),
    ("an entry that is not a mapping", b"- just text\n",
     f"{PATH}:1: an entry must be a mapping of fields"),
    ("a python tag", b"- !!python/object/apply:os.system ['touch pwned']\n",
     f"{PATH}:1: YAML tags (!!python/object/apply:os.system) are not allowed"),
    ("an alias bomb", b"- a: &x [1, 2]\n  b: [*x, *x]\n", f"{PATH}:1: YAML anchors (&x)"),
    ("a huge integer", b"- count: " + b"9" * 5000 + b"\n", f"{PATH}:1: YAML error: a number too"),
    ("deep nesting", b"- a: " + b"[" * 3000 + b"]" * 3000 + b"\n", f"{PATH}:1: nested too deeply"),
    ("binary bytes", b"- a: 1\n\xff\xfe\x00\n", f"{PATH}:2: not valid UTF-8 text"),
    ("a control character", b"- a: 1\n- b: \x01\n", f"{PATH}:2: YAML error: control characters"),
    ("tabs for indentation", b"-\tid: 1\n", f"{PATH}:1: YAML error: "),
]


@pytest.mark.parametrize("content,expected", [case[1:] for case in HOSTILE_CASES],
                         ids=[case[0] for case in HOSTILE_CASES])
def test_a_file_that_does_not_load_is_one_problem_and_checking_goes_on(run, journal, content,
                                                                       expected):
    write(journal, PATH, text=content)
    write(journal, "2026/11/2026-11-21.yaml", entry(id="261121-aaaaaa", count=-5,
                                                   at="2026-11-21T09:00:00+08:00"))
    result = check(run)
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout
    assert lines[0].startswith(expected), lines[0]
    assert lines[1] == ("2026/11/2026-11-21.yaml:1: count: must be a whole number from 1 to 500, "
                        "found -5")
    assert result.exit_code == 1
    assert result.stderr.strip() == "2 problems in 2 files"
    assert not os.path.exists("pwned")


def test_junk_that_loads_is_judged_without_a_traceback(run, journal):
    write(journal, PATH, text=(
        "- id: 261120-aaaaaa\n"
        "  type: greet\n"
        "  at: '2026-11-20T10:00:00+08:00'\n"
        "  by: {name: 王芳}\n"
        "  count: " + "9" * 100 + "\n"
        "  1: one\n"
        "  null: nothing\n"
        "  groups: [[elderly], {a: b}]\n"
        "  ticket: .nan\n"
        "  assist: " + "[" * 50 + "]" * 50 + "\n"
        "- id: 261120-bbbbbb\n"
        "  type: greet\n"
        "  at: '9999-12-31T23:59:00-12:00'\n"
        "  by: x\n"
        "  count: 1\n"
        "- ? [a, b]\n"
        "  : c\n"
    ))
    result = check(run)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{PATH}:1: by: must be text, found a mapping",
        f"{PATH}:1: count: must be a whole number from 1 to 500, found a 100-digit number",
        f"{PATH}:1: a field name must be text, found 1",
        f"{PATH}:1: a field name must be text, found null",
        f"{PATH}:1: groups: unknown group a list (known: elderly, disabled, foreign)",
        f"{PATH}:1: ticket: must be text, found nan",
        f"{PATH}:1: assist: unknown assist a list (known: form, device, care)",
        f"{PATH}:11: at: '9999-12-31T23:59:00-12:00' is out of range",
        f"{PATH}:16: missing required fields: id, type, at, by",
        f"{PATH}:16: a field name must be text, found a list",
    ]


def test_a_file_too_big_to_be_a_day(run, journal):
    path = journal / PATH
    path.parent.mkdir(parents=True)
    with open(path, "wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    result = check(run)
    assert result.stdout == f"{PATH}:1: file is 17 MiB; a day file is at most 16 MiB\n"


def test_an_unreadable_file_is_a_problem(journal, unprivileged):
    """As root too: check runs as an unprivileged user (see unprivileged.py),
    on a copy of the journal in a folder that user may enter."""
    folder = unprivileged.folder()
    root = os.path.join(folder, "journal")
    shutil.copytree(journal, root)
    for dirpath, _dirnames, filenames in os.walk(root):
        os.chmod(dirpath, 0o755)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), 0o644)
    path = write(pathlib.Path(root), PATH, entry())
    path.chmod(0)
    env = child_env(folder)
    unprivileged.check_really_unprivileged(env)
    result = unprivileged.run("-J", root, "check", env=env)
    assert "Traceback" not in result.stderr
    assert result.stdout == f"{PATH}:1: cannot read: Permission denied\n"
    assert result.returncode == 1


def test_problems_are_sorted_by_path_and_line(run, journal):
    write(journal, "2026/12/2026-12-01.yaml", entry(id="261201-aaaaaa", count=-1,
                                                   at="2026-12-01T09:00:00+08:00"))
    write(journal, PATH, entry(id="261120-aaaaaa"), entry(id="261120-bbbbbb", count=-1),
          entry(id="261120-cccccc", wait=-1))
    write(journal, "2026/11/zz.yaml", text="")
    result = check(run)
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        f"{PATH}:2", f"{PATH}:3", "2026/11/zz.yaml:1", "2026/12/2026-12-01.yaml:1"]


def test_from_and_to_limit_the_check(run, journal):
    write(journal, "2026/10/2026-10-31.yaml", entry(id="261031-aaaaaa", count=-1,
                                                   at="2026-10-31T09:00:00+08:00"))
    write(journal, "2026/10/notes.yaml", text="")
    write(journal, PATH, entry(count=-2))
    write(journal, "2026/12/2026-12-01.yaml", entry(id="261201-aaaaaa", count=-3,
                                                   at="2026-12-01T09:00:00+08:00"))
    result = check(run, "--from", "2026-11-01", "--to", "2026-11-30")
    assert result.stdout == f"{PATH}:1: count: must be a whole number from 1 to 500, found -2\n"
    assert check(run, "--from", "2026-12-01").stdout.startswith("2026/12/2026-12-01.yaml:1:")
    assert check(run, "--to", "2026-10-31").stdout.count("\n") == 2
    assert check(run).stdout.count("\n") == 4


@pytest.mark.parametrize("args,message", [
    (("--from", "2026-11-30", "--to", "2026-11-01"), "--from 2026-11-30 is after --to 2026-11-01"),
    (("--from", "someday soon"), "--from"),
    (("--to", "2026-02-30"), "is not a date"),
])
def test_bad_ranges_are_usage_errors(run, journal, args, message):
    result = check(run, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_check_without_a_journal_is_exit_1(run):
    result = check(run)
    assert result.exit_code == 1
    assert "no journal" in result.stderr


def test_check_help_has_an_example(run):
    result = run("check", "--help")
    assert result.exit_code == 0
    assert "  Example:\n    lobbyctl check\n" in result.stdout


def test_a_misplaced_day_file_is_not_read_as_that_day(run, journal):
    from lobbyctl.store.journal import Journal

    write(journal, "2026/10/2026-11-20.yaml", entry(count=-1))
    write(journal, PATH, entry(id="261120-bbbbbb"))
    listed = Journal.open(str(journal)).day_files()
    assert [os.path.relpath(path, journal) for _day, path in listed] == [PATH]
    # only the placement is reported: the misplaced file's entries are not judged
    assert check(run).stdout == ("2026/10/2026-11-20.yaml:1: in the wrong folder: "
                                 "2026-11-20.yaml belongs in 2026/11/\n")


_LOCATED = re.compile(r"^[^:\n]+:\d+: \S")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_day_files_never_break_check_or_show(run, journal, data):
    base = "".join(dump_entry(item) for item in (
        entry(segment="high", groups=["elderly"], note="电话 13812345678"),
        entry("open", id="261120-bbbbbb", ok=["appearance"], problems={"facilities": "坏了"}),
        entry("update", id="261120-cccccc", ref="261120-dddddd", status="resolved"),
        entry("complain", id="261120-dddddd", steps=["calm"]),
    )) + "- id: 261120-eeeeee\n  type: note\n  at: 2026-11-20T12:00:00+08:00\n  by: x\n" \
         "  kind: fault\n  text: ok\n"
    content = bytearray(base.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(content)))
        action = data.draw(st.sampled_from(["cut", "insert", "flip", "truncate"]))
        if action == "cut":
            del content[at:at + data.draw(st.integers(1, 20))]
        elif action == "insert":
            content[at:at] = data.draw(st.sampled_from(
                [b"[", b"]", b"{", b"}", b": ", b"- ", b"\n", b"\t", b"&a ", b"*a", b"~",
                 b"!!python/object:os.system ", b"!!binary ", b"9" * 30, b"-1", b"\"", b"#",
                 b"\x00", b"\xff", b"? ", b"<<: ", b"\xe4\xb8", b"\\ud800", b"\x1b[2J"]))
        elif action == "flip" and at < len(content):
            content[at] = data.draw(st.integers(0, 255))
        else:
            del content[at:]
    write(journal, PATH, text=bytes(content))
    checked = check(run)
    assert checked.exit_code in (0, 1)
    assert all(_LOCATED.match(line) for line in checked.stdout.splitlines()), checked.stdout
    for args in ((DAY,), (DAY, "--lang", "en", "--no-mask")):
        shown = run("show", *args)
        assert shown.exit_code in (0, 1) and "Traceback" not in shown.stderr
        if shown.exit_code == 0 and shown.stdout:
            assert "\x1b" not in shown.stdout
            lines = shown.stdout.rstrip("\n").split("\n")
            assert len({wcwidth.wcswidth(line) for line in lines}) == 1
