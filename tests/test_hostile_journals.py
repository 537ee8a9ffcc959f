"""Hostile journals, recording side (issue 4, part 5 — the part that needs only
recording commands): a recording command refuses to append to a day file it
cannot trust, says where (`path:line:`), leaves it byte for byte as it was,
and does so in bounded time.  A read-only journal is refused the same way.

The reading side (check, show, report on mutated journals) comes with those
commands; rows for them go into the same tables."""

import os
import re
import shutil
import subprocess
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LOBBYCTL, day_file
from lobbyctl.errors import FileProblem
from lobbyctl.store.lines import dump_entry
from unprivileged import unprivileged  # noqa: F401  (a fixture)
from robustness import DAY, RECORDERS, child_env, clock, prepare, recorder_params, scale, snapshot

@pytest.fixture
def journal(english_journal):
    """The refusals pinned here are English (tests/test_check_language.py
    shows a Chinese journal's)."""
    return english_journal


GOOD = ('- {"id": "261120-aaaaaa", "type": "greet", "at": "2026-11-20T09:00:00+08:00", '
        '"by": "王芳", "count": 1}\n')
BOMB = "".join(f"- &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]\n" for n in range(1, 12))

# name -> (day file bytes, the line the message must name, or None for "any")
BROKEN = {
    "yaml-error": (GOOD + '- {"id": "261120-bbbbbb", "type": "greet"\n' + GOOD, None),
    "mapping-after-list": (GOOD + "id: 261120-bbbbbb\n", 2),
    "python-tag": (GOOD + "- !!python/object/apply:os.system ['touch /tmp/pwned-lobbyctl']\n", 2),
    "alias-bomb": ("- &a0 [x]\n" + BOMB, None),
    "not-a-list": ("id: 261120-aaaaaa\ntype: greet\n", 1),
    "scalar-entry": (GOOD + "- just words\n", 2),
    "open-flow-at-end": (GOOD + "- [\n", None),
    "top-level-flow": ('[{"id": "261120-aaaaaa", "type": "greet"}]\n', None),
    "not-utf8": (GOOD.encode("utf-8") + b"- {\"note\": \"\xff\xfe\"}\n", 2),
    "nested-too-deep": (GOOD + "- " + "[" * 5000 + "]" * 5000 + "\n", None),
}


@pytest.mark.parametrize("broken", list(BROKEN))
@pytest.mark.parametrize("command", recorder_params())
def test_recording_refuses_a_broken_day_file_and_leaves_it_alone(journal, tmp_path, command,
                                                                 broken):
    prepare(journal)
    content, line = BROKEN[broken]
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    started = time.monotonic()
    result = subprocess.run([LOBBYCTL, "-J", str(journal), *RECORDERS[command]("x", clock(1))],
                            capture_output=True, text=True, env=child_env(tmp_path), timeout=30)
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    where = re.escape(f"Error: {path}:") + (str(line) if line else r"\d+") + ":"
    assert re.search(where, result.stderr), result.stderr
    assert path.read_bytes() == data
    assert not os.path.exists("/tmp/pwned-lobbyctl")
    assert elapsed < 10


def test_recording_refuses_a_day_file_of_50_mb(journal, tmp_path):
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        for _ in range(50 * 1024 * 1024 // len(GOOD.encode()) + 1):
            handle.write(GOOD.encode())
    size = path.stat().st_size
    started = time.monotonic()
    result = subprocess.run([LOBBYCTL, "-J", str(journal), "greet", "--at", f"{DAY}T10:00"],
                            capture_output=True, text=True, env=child_env(tmp_path), timeout=60)
    assert result.returncode == 1, result.stderr
    assert f"Error: {path}:1: file is 50 MiB" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert path.stat().st_size == size
    assert time.monotonic() - started < 10


def test_recording_refuses_a_day_file_that_is_a_symlink_out_of_the_journal(journal, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text(GOOD, encoding="utf-8")
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(outside)
    result = subprocess.run([LOBBYCTL, "-J", str(journal), "greet", "--at", f"{DAY}T10:00"],
                            capture_output=True, text=True, env=child_env(tmp_path), timeout=30)
    assert result.returncode == 1
    assert str(path) in result.stderr and "symbolic link" in result.stderr
    assert "Traceback" not in result.stderr
    assert outside.read_text(encoding="utf-8") == GOOD and path.is_symlink()


@pytest.mark.parametrize("what", ["day-file", "month-folder", "journal-folder"])
def test_a_read_only_journal_is_refused_with_exit_1(what, unprivileged):
    """As root too: the greet runs as an unprivileged user (see unprivileged.py)."""
    # a folder the unprivileged user can read but not write (pytest's tmp_path is 0700)
    folder = unprivileged.folder()
    try:
        root = os.path.join(folder, "journal")
        env = child_env(folder)
        unprivileged.check_really_unprivileged(env)
        assert subprocess.run([LOBBYCTL, "-J", root, "init", "--manager", "王芳"], env=env,
                              capture_output=True, timeout=30).returncode == 0
        if what != "journal-folder":
            assert subprocess.run([LOBBYCTL, "-J", root, "greet", "--at", f"{DAY}T09:00"],
                                  env=env, capture_output=True, timeout=30).returncode == 0
        # read-only for everyone, the owner too (who is the user a non-root run tries as)
        _chmod_tree(folder, 0o555, 0o444)
        if what == "day-file":
            os.chmod(os.path.join(root, "2026", "11"), 0o777)  # only the file is read-only
        before = {name: open(os.path.join(d, name), "rb").read()
                  for d, _, names in os.walk(root) for name in names}
        result = unprivileged.run("-J", root, "greet", "--at", f"{DAY}T10:00", env=env)
        assert result.returncode == 1, result.stdout + result.stderr
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        # a Chinese journal (init's default): the system's reason in Chinese too
        assert result.stderr.startswith("错误：无法写入 ") and "权限不够" in result.stderr, \
            result.stderr
        after = {name: open(os.path.join(d, name), "rb").read()
                 for d, _, names in os.walk(root) for name in names}
        assert after == before
    finally:
        _chmod_tree(folder, 0o755, 0o644)
        shutil.rmtree(folder)


def _chmod_tree(top, folder_mode, file_mode):
    for dirpath, _dirnames, filenames in os.walk(top):
        os.chmod(dirpath, folder_mode)
        for name in filenames:
            os.chmod(os.path.join(dirpath, name), file_mode)


# --- the reading side: every reader on hostile day files ---------------------
#
# Two days of a valid journal (every entry type, updates on the same day and
# on the day before); the test mutates DAY's file and runs each reader on it.

BEFORE = "2026-11-19"
READERS = {
    "check": ["check"],
    "show": ["show", DAY],
    "report day": ["report", "day", DAY],
    "report month": ["report", "month", DAY[:7]],
    "report table": ["report", "table", "--type", "refer", "--by", "product,outcome",
                     "--from", f"{DAY[:7]}-01", "--to", f"{DAY[:7]}-30"],
    "export": ["export", "--format", "csv", "--from", f"{DAY[:7]}-01", "--to", f"{DAY[:7]}-30"],
    "due": ["due", "--on", DAY, "--since", f"{DAY[:7]}-01"],
}
SKIPPING = ["show", "report day", "report month", "report table", "export", "due"]


def _entry(entry_type, id, clock, **fields):
    day = BEFORE if id.startswith("261119") else DAY
    return {"id": id, "type": entry_type, "at": f"{day}T{clock}:00+08:00", "by": "王芳", **fields}


BEFORE_ENTRIES = [
    _entry("refer", "261119-aaaaaa", "10:00", product="养老理财", to="wealth-manager",
           outcome="pending", follow_up=DAY, via="phone", customer="张先生"),
    _entry("note", "261119-bbbbbb", "11:00", kind="fault", text="叫号屏不亮", device="叫号屏"),
]
DAY_ENTRIES = [
    _entry("open", "261120-aaaaaa", "08:30", staff=["李娜"], ok=["appearance", "notices"],
           problems={"facilities": "2号取号机卡纸", "materials": "宣传册缺货"}),
    _entry("greet", "261120-bbbbbb", "09:10", count=3, segment="high", potential=True, new=True,
           groups=["elderly"], purpose="wealth", route="wealth-manager", wait=5, ticket="A023",
           assist=["form"], customer="王女士", note="想了解养老理财"),
    _entry("refer", "261120-cccccc", "09:20", product="大额存单", to="self", to_name="陈静",
           outcome="pending", follow_up="2026-11-25", via="sms", greet="261120-bbbbbb"),
    _entry("complain", "261120-dddddd", "10:00", level="complaint", category="waiting",
           channel="on-site", summary="排队太久", remedy="安排取号", customer="赵女士",
           steps=["calm", "apologise"], complexity="ordinary", due="2026-12-05", status="open",
           note="客户情绪激动"),
    _entry("note", "261120-eeeeee", "10:30", kind="fault", text="存折补登机卡纸", device="补登机"),
    _entry("update", "261120-ffffff", "11:00", ref="261120-dddddd", via="phone",
           steps=["explore"], status="resolved", resolution="已致歉"),
    _entry("update", "261120-gggggg", "11:30", ref="261119-aaaaaa", outcome="accepted",
           via="phone"),
    _entry("update", "261120-hhhhhh", "12:00", ref="261119-bbbbbb", fixed=True,
           resolution="更换灯板"),
    _entry("close", "261120-jjjjjj", "17:30", ok=["cleaning", "log"],
           problems={"equipment": "3号机未断电"}, remarks="客流平稳"),
]

WRONG_VALUES = [5, -1, 1.5, 10 ** 30, True, None, "", "x", "2026-13-45", [1, [2]], {"a": 1},
                ["elderly", 7], {"appearance": 3}, "\ud800"]
INSERTS = [b"\t", b"  \t", b"- ", b": ", b"[", b"{", b"}", b"\"", b"#", b"\n", b"&a ", b"*a",
           b"!!python/object/apply:os.system ['touch pwned-lobbyctl'] ", b"\xff", b"\x00"]
HOSTILE_LINES = [
    b"- !!python/object/apply:os.system ['touch pwned-lobbyctl']\n",
    b"- !!python/object/new:tuple [[1, 2]]\n",
    b"- &x {a: 1}\n- *x\n",
    b"- &b [x, x]\n- [*b, *b, *b]\n",
    b"- {id: 261120-kkkkkk, type: greet, <<: {count: 2}}\n",
    b"- id: 261120-mmmmmm\n\ttype: greet\n",
    b"- {\"id\": \"261120-nnnnnn\", \"type\": \"greet\", \"at\": \"2026-11-20T13:00:00+08:00\", "
    b"\"by\": \"\\u738b\", \"count\": 1, \"colour\": \"red\", \"product\": \"x\"}\n",
]


def _write(root, day, entries):
    path = day_file(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(entries if isinstance(entries, bytes)
                     else "".join(dump_entry(item) for item in entries).encode("utf-8"))
    return path


def _mutate(data):
    """The valid DAY file with 1-4 mutations drawn from ``data``: entries
    changed field by field (wrong kinds, unknown keys and labels, missing
    fields, duplicate ids, updates pointing anywhere), then bytes (truncated,
    flipped, tabs and YAML syntax inserted, hostile lines)."""
    entries = [dict(item) for item in DAY_ENTRIES]
    ids = [item["id"] for item in DAY_ENTRIES + BEFORE_ENTRIES] + ["261118-zzzzzz", "nonsense"]
    for _ in range(data.draw(st.integers(0, 3), label="entry edits")):
        target = data.draw(st.sampled_from(entries))
        action = data.draw(st.sampled_from(["wrong", "unknown-key", "unknown-label", "drop",
                                            "duplicate", "ref"]))
        key = data.draw(st.sampled_from(sorted(target)))
        if action == "wrong":
            target[key] = data.draw(st.sampled_from(WRONG_VALUES))
        elif action == "unknown-key":
            target[data.draw(st.sampled_from(["colour", "product", "count", "kind", "ref"]))] = \
                data.draw(st.sampled_from(["red", "x", "1", "fault"]))
        elif action == "unknown-label":
            target[key] = "zzz" if key not in ("groups", "ok", "steps", "assist") else ["zzz"]
        elif action == "drop":
            del target[key]
        elif action == "duplicate":
            entries.append(dict(target))
        else:
            target["ref"] = data.draw(st.sampled_from(ids))
    content = bytearray("".join(dump_entry(item) for item in entries).encode("utf-8",
                                                                            "surrogatepass"))
    for _ in range(data.draw(st.integers(0 if entries != DAY_ENTRIES else 1, 3),
                             label="byte edits")):
        at = data.draw(st.integers(0, len(content)))
        action = data.draw(st.sampled_from(["truncate", "flip", "insert", "line"]))
        if action == "truncate":
            del content[at:]
        elif action == "flip" and at < len(content):
            content[at] = data.draw(st.integers(0, 255))
        elif action == "insert":
            content[at:at] = data.draw(st.sampled_from(INSERTS))
        else:
            at = content.rfind(b"\n", 0, at) + 1
            content[at:at] = data.draw(st.sampled_from(HOSTILE_LINES))
    return bytes(content)


def _read(run, reader, *extra):
    result = run(*READERS[reader], *extra)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), (reader, result.exit_code, result.stderr)
    return result


_LOCATED = re.compile(r"^(?:[^:\n]+):(\d+): \S")


@pytest.mark.stress
@settings(max_examples=scale(100, 1000), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_day_files_never_break_a_reader(run, journal, tmp_path, data):
    """Whatever a day file holds, every reader exits 0 or 1 without a
    traceback; a file that does not load fails each reader at the place
    `check` names; with --skip-bad the report goes on and names the file; a
    journal `check` passes reads in every reader."""
    _write(journal, BEFORE, BEFORE_ENTRIES)
    path = _write(journal, DAY, _mutate(data))
    outside = snapshot(tmp_path, skip=("journal",))
    try:
        from lobbyctl.store.dayfile import read_day

        read_day(str(path))
        broken = None
    except FileProblem as problem:
        broken = problem
    checked = _read(run, "check")
    lines = checked.stdout.splitlines()
    assert all(_LOCATED.match(line) for line in lines), checked.stdout
    if broken is not None:
        assert f"2026/11/{DAY}.yaml:{broken.line}: {broken.detail}" in lines
    for reader in READERS:
        if reader == "check":
            continue
        started = time.monotonic()
        result = _read(run, reader)
        assert time.monotonic() - started < 10
        if checked.exit_code == 0:
            assert result.exit_code == 0, (reader, result.stderr)
        if broken is not None:
            assert result.exit_code == 1
            assert result.stderr.startswith(f"Error: {broken.message}\n"), result.stderr
        if result.exit_code == 1:
            where = re.match(rf"Error: {re.escape(str(journal))}/2026/11/[-0-9]+\.yaml:(\d+): \S",
                             result.stderr)
            assert where and int(where.group(1)) >= 1, (reader, result.stderr)
            failed = result.stderr[len("Error: "):].split("\n")[0]
            # the place is one `check` names too
            assert any(failed.split(": ")[0].endswith("/" + line.split(": ")[0])
                       for line in lines), (reader, failed, lines)
        if reader in SKIPPING:
            skipped = _read(run, reader, "--skip-bad")
            assert skipped.exit_code == 0, (reader, skipped.stderr)
            if result.exit_code == 1:
                assert failed in skipped.stderr
    assert snapshot(tmp_path, skip=("journal",)) == outside
    assert not os.path.exists("pwned-lobbyctl")


def _located(result, path, line):
    """exit 1 and ``Error: path:line: message`` on stderr."""
    assert result.exit_code == 1, result.stderr
    assert result.stderr.startswith(f"Error: {path}:{line}: "), result.stderr


def _skips(result, path, line):
    """exit 0, and the file left out is named with its line on stderr."""
    assert result.exit_code == 0, result.stderr
    assert f"{path}:{line}: " in result.stderr, result.stderr


# (entry index in DAY_ENTRIES, field, a value of the wrong kind): one per kind
WRONG_KINDS = [
    (1, "count", "3"), (1, "count", True), (1, "wait", -5), (1, "potential", "no"),
    (1, "groups", "elderly"), (1, "groups", [["elderly"]]), (1, "segment", ["high"]),
    (1, "note", 13812345678), (0, "staff", "李娜"), (0, "problems", ["facilities"]),
    (0, "problems", {"facilities": 2}), (2, "follow_up", "next week"), (2, "greet", 42),
    (3, "steps", {"calm": True}), (5, "ref", ["261120-dddddd"]), (7, "fixed", "yes"),
    (4, "type", {"note": 1}), (4, "at", "10:30"), (4, "by", None), (4, "id", 261120),
]


@pytest.mark.parametrize("index,field,value", WRONG_KINDS,
                         ids=[f"{field}={value!r}" for _, field, value in WRONG_KINDS])
def test_a_field_of_the_wrong_kind_stops_each_report_at_its_line(run, journal, index, field,
                                                                  value):
    entries = [dict(item) for item in DAY_ENTRIES]
    entries[index][field] = value
    _write(journal, BEFORE, BEFORE_ENTRIES)
    path = _write(journal, DAY, entries)
    line = index + 1
    assert f"2026/11/{DAY}.yaml:{line}: {field}: " in _read(run, "check").stdout
    for reader in SKIPPING:  # show too: what check rejects, no reader shows
        _located(_read(run, reader), path, line)
        _skips(_read(run, reader, "--skip-bad"), path, line)


def test_a_valid_journal_reads_in_every_reader(run, journal):
    """The base of the tests above: without a mutation every reader exits 0
    and shows the day's entries."""
    _write(journal, BEFORE, BEFORE_ENTRIES)
    _write(journal, DAY, DAY_ENTRIES)
    for reader in READERS:
        result = _read(run, reader)
        assert result.exit_code == 0, (reader, result.stdout, result.stderr)
    assert "261120-dddddd" in _read(run, "show").stdout
    assert "大额存单" in _read(run, "export").stdout


# the bomb runs in a subprocess below; a top-level flow list loads (only
# appending after it is unsafe)
IN_PROCESS = [name for name in BROKEN if name not in ("alias-bomb", "top-level-flow")]


@pytest.mark.parametrize("broken", IN_PROCESS)
def test_every_reader_names_the_place_of_a_broken_day_file(run, journal, broken):
    content, line = BROKEN[broken]
    _write(journal, BEFORE, BEFORE_ENTRIES)
    path = _write(journal, DAY, content if isinstance(content, bytes) else content.encode())
    checked = _read(run, "check")
    assert checked.exit_code == 1
    found = re.search(rf"^2026/11/{DAY}\.yaml:(\d+): ", checked.stdout, re.M)
    assert found and (line is None or int(found.group(1)) == line), checked.stdout
    line = int(found.group(1))
    _located(_read(run, "show"), path, line)
    for reader in SKIPPING:
        _located(_read(run, reader), path, line)
        _skips(_read(run, reader, "--skip-bad"), path, line)
    assert not os.path.exists("/tmp/pwned-lobbyctl")


def _big_day(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(GOOD.encode() * (50 * 1024 * 1024 // len(GOOD.encode()) + 1))


# name -> how to make DAY's file, the line it is reported at
HEAVY = {
    "alias-bomb": (lambda path: path.write_text("- &a0 [x]\n" + BOMB, encoding="utf-8"), None),
    "50-mb": (_big_day, 1),
}


@pytest.mark.parametrize("heavy", list(HEAVY))
def test_a_bomb_or_a_huge_day_file_is_refused_quickly_by_every_reader(journal, tmp_path, heavy):
    make, line = HEAVY[heavy]
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    env = child_env(tmp_path)
    where = re.escape(str(path)) + ":" + (str(line) if line else r"\d+") + ": "
    for reader, argv in READERS.items():
        for extra in ([], ["--skip-bad"]) if reader in SKIPPING else ([],):
            started = time.monotonic()
            result = subprocess.run([LOBBYCTL, "-J", str(journal), *argv, *extra],
                                    capture_output=True, text=True, env=env, timeout=30)
            assert time.monotonic() - started < 10, reader
            assert "Traceback" not in result.stderr
            if reader == "check":
                assert result.returncode == 1
                assert re.search(rf"^2026/11/{DAY}\.yaml:\d+: ", result.stdout, re.M)
            elif extra:
                assert result.returncode == 0, result.stderr
                assert re.search(where, result.stderr), result.stderr
            else:
                assert result.returncode == 1, result.stderr
                assert re.match("Error: " + where, result.stderr), result.stderr


SECRET = "机密-外部文件-7f3a"


@pytest.mark.parametrize("link", ["day-file", "month-folder", "year-folder"])
def test_a_symlink_out_of_the_journal_is_neither_read_nor_written(run, journal, tmp_path, link):
    """A day file, month folder or year folder that is a link to a valid
    day outside the journal: no reader shows a word of it, no recorder
    writes there, and each names the place (`path:1:`)."""
    outside = tmp_path / "outside"
    day = DAY if link != "year-folder" else "2025-11-20"
    secret = [_entry("note", day[2:4] + "1120-aaaaaa", "09:00", kind="fault", text=SECRET,
                     device=SECRET)]
    secret[0]["at"] = f"{day}T09:00:00+08:00"
    if link == "day-file":
        target = _write(outside, day, secret)
        path = day_file(journal, day)
        path.parent.mkdir(parents=True)
        path.symlink_to(target)
    elif link == "month-folder":
        target = _write(outside, day, secret).parent
        (journal / "2026").mkdir()
        (journal / "2026" / "11").symlink_to(target)
    else:
        target = _write(outside, day, secret).parent.parent
        (journal / "2025").symlink_to(target)
    if link != "month-folder":
        prepare(journal)  # the fault `update` points at, in a real 2026/11
    path = day_file(journal, day)
    before = snapshot(tmp_path, skip=("journal",))
    year = day[:4]
    argvs = {name: [word.replace("2026", year) if word.startswith("2026-1") else word
                    for word in argv] for name, argv in READERS.items()}
    outputs = []
    for reader, argv in argvs.items():
        result = run(*argv)
        assert "Traceback" not in result.stderr and result.exit_code == 1, (reader, result.stderr)
        outputs.append(result.stdout + result.stderr)
        if reader == "check":
            assert ":1: a symbolic link" in result.stdout, result.stdout
            continue
        _located(result, path, 1)
        assert "symbolic link" in result.stderr
        if reader in SKIPPING:
            skipped = run(*argv, "--skip-bad")
            _skips(skipped, path, 1)
            outputs.append(skipped.stdout + skipped.stderr)
    for recorder in RECORDERS:
        argv = [word.replace(DAY, day) for word in RECORDERS[recorder]("写不出去", "10:00:00")]
        recorded = run(*argv)
        assert "Traceback" not in recorded.stderr
        if recorder == "update" and link == "year-folder":
            assert recorded.exit_code == 2  # dated before the fault it updates: refused
        else:
            assert recorded.exit_code == 1 and "symbolic link" in recorded.stderr, recorded.stderr
        outputs.append(recorded.stdout + recorded.stderr)
    assert not any(SECRET in output for output in outputs)
    assert snapshot(tmp_path, skip=("journal",)) == before


def test_odd_names_in_a_month_folder_are_day_files_by_the_one_rule(journal):
    """The usual name is read by its slices, any other by ``DAY_NAME``: a
    folder of odd names lists exactly the files the pattern names, each
    as the day it names, misplaced ones and days that do not exist left out."""
    import datetime

    from lobbyctl.store.journal import DAY_NAME, Journal

    folder = journal / "2026" / "10"
    folder.mkdir(parents=True, exist_ok=True)
    names = ["2026-10-05.yaml", "2026-10-31.yaml", "2026-10-32.yaml", "2026-10-00.yaml",
             "2026-09-30.yaml", "2026-10-5.yaml", "2026-10-05.yml", "2026-10-05.yaml~",
             "2026-10-\u0660\u0667.yaml", "\u0662\u0660\u0662\u0666-10-08.yaml",
             "2026-10-0\u0669.yaml", "x2026-10-06.yaml", "2026-10-06.YAML", ".2026-10-07.yaml"]
    for name in names:
        (folder / name).write_text("", encoding="utf-8")
    expected = []
    for name in names:
        match = DAY_NAME.match(name)
        if match:
            try:
                day = datetime.date(*map(int, match.groups()))
            except ValueError:
                continue
            if (day.year, day.month) == (2026, 10):
                expected.append((day, str(folder / name)))
    listed = Journal.open(str(journal)).day_files(datetime.date(2026, 10, 1),
                                                 datetime.date(2026, 10, 31))
    assert sorted(listed) == sorted(expected)
    assert [day.day for day, _path in listed] == [5, 7, 8, 9, 31]
