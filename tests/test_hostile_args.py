"""Hostile arguments (issue 4, part 6): whatever is typed on the command line,
lobbyctl either records something valid (exit 0) or says what is wrong on
stderr with exit 2 (usage) or 1 (journal) — never a traceback, never garbage
stored, never a file outside the journal."""

import contextlib
import datetime
import os
import re
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lobbyctl.schema import vocab
from lobbyctl.cli.main import cli
from lobbyctl.store.dayfile import read_day
from lobbyctl.store.journal import Journal
from lobbyctl.domain.record import MAX_TEXT, clean_text
from lobbyctl.schema.text.privacy import mask
from robustness import ID, scale, snapshot

WEIRD = [
    "", " ", "-1", "0", "1", "500", "501", "600", "601", "-5", "99999999999999999999999999",
    "1e3", "NaN", "inf", "0x10", "\x00", "\x1b[2J", "\t", "\n", "\u2028", "\ufeff", "😀",
    "中文", "..", "../..", "/etc/passwd", "~", "-", "--", "-J", "--help", "%s%n", "'; rm -rf /",
    "0000-00-00", "0000-00-00T00:00", "99999-01-01", "9999-12-31T23:59:59", "2026-02-30",
    "2026-13-01", "2026-11-20T24:00", "25:61", "10:30", "yesterday 15:00", "tomorrow 23:59",
    "in 3 days", "+2d", "next friday", "last monday", "1999-12-31", "2100-01-01",
    "0001-01-01T00:00", "2026-11-20T10:30+14:00", "2026-11-20T10:30-12:00", "3000 days ago",
    "9999 days ago", "昨天 15:00", "后天", "x" * 70, "y" * (MAX_TEXT + 1),
    "elderly", "self-service", "自助设备", "SELF-SERVICE", "wealth", "高端客户", "form",
]
VALUE = st.one_of(
    st.sampled_from(WEIRD),
    st.text(max_size=30),
    st.integers(min_value=-10 ** 30, max_value=10 ** 30).map(str),
)
GREET_OPTIONS = ["--at", "--by", "--note", "--count", "--segment", "--group", "--purpose",
                 "--route", "--wait", "--ticket", "--assist", "--customer"]
GREET_ARGS = st.lists(st.one_of(
    st.tuples(st.sampled_from(GREET_OPTIONS), VALUE),
    st.sampled_from([("--potential",), ("--new",), ("--existing",)]),
), max_size=4).map(lambda pairs: [part for pair in pairs for part in pair])

SETTINGS = settings(max_examples=scale(100, 2000), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
RECORDED_AT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


@pytest.fixture
def sandbox(tmp_path):
    """A folder holding the journal, used as the current folder and HOME."""
    runner = CliRunner()
    root = tmp_path / "journal"
    result = runner.invoke(cli, ["-J", str(root), "init", "--manager", "王芳"],
                           env={"HOME": str(tmp_path)})
    assert result.exit_code == 0, result.stderr
    (tmp_path / "a-file").write_text("not a journal\n")
    return tmp_path


@contextlib.contextmanager
def _inside(folder):
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def _invoke(sandbox, argv):
    runner = CliRunner()
    with _inside(sandbox):
        result = runner.invoke(cli, argv, catch_exceptions=True,
                               env={"HOME": str(sandbox), "LOBBYCTL_BY": "",
                                    "LOBBYCTL_JOURNAL": "", "XDG_CONFIG_HOME": ""})
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{argv!r} raised {result.exception!r}"
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 1, 2), (argv, result.exit_code, result.stderr)
    if result.exit_code:
        assert result.stdout == "", (argv, result.stdout)
        # in the journal's language: a Chinese journal says 错误：
        assert "Error: " in result.stderr or "错误：" in result.stderr, result.stderr
    return result


def _printable(text):
    return not any(unicodedata.category(char) == "Cc" and char not in "\t\n" for char in text)


def _valid_greet(entry, journal_root):
    """What `check` would want of a stored greeting."""
    schema = {**vocab.COMMON_FIELDS, **vocab.FIELDS["greet"]}
    assert set(entry) <= set(schema), entry
    assert ID.match(entry["id"]) and entry["type"] == "greet"
    assert RECORDED_AT.match(entry["at"]), entry["at"]
    at = datetime.datetime.fromisoformat(entry["at"])
    assert 2000 <= at.year <= 2099
    assert at - datetime.datetime.now(at.tzinfo) <= datetime.timedelta(days=1, minutes=1)
    assert entry["id"][:6] == at.strftime("%y%m%d")
    assert 1 <= entry["count"] <= 500
    assert 0 <= entry.get("wait", 0) <= 600
    for name, kind in schema.items():
        if name not in entry:
            continue
        value = entry[name]
        if kind == "text":
            assert isinstance(value, str) and value and value == value.strip(), (name, value)
            assert len(value) <= MAX_TEXT and _printable(value), (name, value)
        elif kind.startswith("label:") and name != "type":
            assert value in vocab.LABELS[kind[6:]], (name, value)
        elif kind.startswith("labels:"):
            assert value and all(item in vocab.LABELS[kind[7:]] for item in value), (name, value)
        elif kind == "bool":
            assert isinstance(value, bool)


@SETTINGS
@given(args=GREET_ARGS)
@example(args=["--at", "2026-11-20T10:00", "--route", "自助设备", "--wait", "5", "--note", " 好 "])
@example(args=["--at", "0000-00-00"])
@example(args=["--at", "99999-01-01T10:00"])
@example(args=["--at", "in 3 days"])
@example(args=["--at", "2026-11-20T10:30-12:00"])
@example(args=["--count", "-1"])
@example(args=["--count", "99999999999999999999999999"])
@example(args=["--wait", "-5"])
@example(args=["--by", " "])
@example(args=["--note", "\x1b]0;pwned\x07"])
@example(args=["--group", "elderly", "--group", "老年人"])
def test_greet_with_hostile_options_records_valid_data_or_says_why(sandbox, args):
    journal = sandbox / "journal"
    before = snapshot(sandbox, skip={"journal"})
    result = _invoke(sandbox, ["-J", str(journal), "greet", *args])
    assert snapshot(sandbox, skip={"journal"}) == before, "a file appeared outside the journal"
    if result.exit_code == 0:
        entry_id = result.stdout.strip()
        assert ID.match(entry_id), result.stdout
        found = [entry for path in journal.glob("20*/*/*.yaml")
                 for entry in read_day(str(path)).entries if entry["id"] == entry_id]
        assert len(found) == 1
        _valid_greet(found[0], journal)


# (no NUL: a real command line cannot hold one)
JOURNAL_PATHS = st.one_of(
    st.sampled_from(["journal", "./journal", "journal/", "journal/../journal", "a-file",
                     "a-file/journal", "journal/lobbyctl.yaml", "../journal", "nowhere/../journal",
                     "journal/2026/..", "journal/..", ".", "..", "/", "", " ",
                     "-", "~/journal", "x" * 300, "/proc/self", "/dev/null"]),
    st.text(max_size=20).filter(lambda text: "\x00" not in text),
)


@SETTINGS
@given(where=JOURNAL_PATHS)
def test_greet_into_a_hostile_journal_path_writes_only_inside_a_journal(sandbox, where):
    before = snapshot(sandbox, skip={"journal"})
    journal_before = snapshot(sandbox / "journal")
    result = _invoke(sandbox, ["-J", where, "greet", "--at", "2026-11-20T10:00"])
    assert snapshot(sandbox, skip={"journal"}) == before, "a file appeared outside the journal"
    # an empty -J is no -J: then ./journal, here the sandbox's journal
    typed = where or "journal"
    if typed.startswith("~/"):
        typed = os.path.join(sandbox, typed[2:])
    target = os.path.abspath(os.path.join(sandbox, typed))
    if result.exit_code == 0:
        assert target == str(sandbox / "journal")
    else:
        assert snapshot(sandbox / "journal") == journal_before


INIT_OPTIONS = ["--branch-code", "--branch-name", "--manager", "--timezone", "--lang"]
# C1 controls are left out here: init writes them raw into lobbyctl.yaml, which
# then no longer loads (test_init_with_a_c1_control_in_a_name_keeps_the_journal_readable).
INIT_VALUE = VALUE.filter(lambda text: not any(0x80 <= ord(char) <= 0x9f for char in text))
INIT_ARGS = st.lists(st.tuples(st.sampled_from(INIT_OPTIONS), INIT_VALUE), max_size=4).map(
    lambda pairs: [part for pair in pairs for part in pair])


def _stays_inside(where):
    """A relative path that cannot leave the example's folder: an absolute
    one, or one that climbs out with '..', would write outside tmp_path
    (it once filled / with journals)."""
    if where.startswith("/"):
        return False
    return not os.path.normpath(where).split(os.sep)[0] == os.pardir


@SETTINGS
@given(where=st.one_of(st.sampled_from(["new", "new/deeper", "journal", "a-file", "new/../new2"]),
                       st.text(alphabet="ab./-_ 中", min_size=1, max_size=12)
                       .filter(_stays_inside)),
       args=INIT_ARGS)
def test_init_with_hostile_options_creates_a_readable_journal_or_says_why(sandbox, where, args):
    cases = sorted(sandbox.glob("case-*"))
    sandbox = sandbox / f"case-{len(cases)}"  # a fresh folder for every example
    sandbox.mkdir()
    (sandbox / "journal").mkdir()
    (sandbox / "journal" / "lobbyctl.yaml").write_text("format: 1\n")
    (sandbox / "a-file").write_text("not a journal\n")
    target = os.path.abspath(os.path.join(sandbox, where))
    before = snapshot(sandbox)
    result = _invoke(sandbox, ["-J", where, "init", *args])
    after = snapshot(sandbox)
    changed = {path for path in set(after) | set(before) if after.get(path) != before.get(path)}
    rel = os.path.relpath(target, sandbox)
    inside = {path for path in changed
              if rel == os.curdir or path == rel or path.startswith(rel + os.sep)
              or rel.startswith(path + os.sep)}
    assert changed == inside, f"init -J {where!r} touched {changed - inside}"
    if result.exit_code != 0:
        assert not any(path.startswith(rel + os.sep) for path in changed) or \
            os.path.exists(os.path.join(target, "lobbyctl.yaml")) is False
        return
    config = Journal.open(target).config
    given_options = dict(zip(args[::2], args[1::2]))
    # stored as any free text is: trimmed, line breaks as \n; a number in
    # the branch's name or a manager's is masked, as in any name recorded
    if "--branch-code" in given_options:
        assert config.branch_code == clean_text(given_options["--branch-code"], "")
    if "--branch-name" in given_options:
        assert config.branch_name == mask(clean_text(given_options["--branch-name"], ""))
    managers = [mask(clean_text(value, "")) for option, value in zip(args[::2], args[1::2])
                if option == "--manager"]
    assert config.managers == managers
    # the new journal takes a recording
    recorded = _invoke(sandbox, ["-J", where, "greet", "--by", "测试", "--at", "2026-11-20T10:00"])
    assert recorded.exit_code == 0, recorded.stderr


@pytest.mark.parametrize("name", ["\x83x", "a\x85b"])
def test_init_with_a_c1_control_in_a_name_keeps_the_journal_readable(sandbox, name):
    result = _invoke(sandbox, ["-J", "c1", "init", "--manager", name])
    if result.exit_code == 0:
        assert _invoke(sandbox, ["-J", "c1", "greet", "--at", "2026-11-20T10:00"]).exit_code == 0
        assert Journal.open(str(sandbox / "c1")).config.managers == [name]
    else:
        assert result.exit_code == 2 and not (sandbox / "c1" / "lobbyctl.yaml").exists()
