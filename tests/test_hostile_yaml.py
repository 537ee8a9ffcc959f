"""Hostile YAML (hardening issue, items 3 and 9): deep nesting, anchors,
aliases and tags in a day file, in ``lobbyctl.yaml`` and in the user config
``$XDG_CONFIG_HOME/lobbyctl/config.yaml``, and user configs that are not what
they should be.  Every one ends in exit 1 and one ``path[:line]: message``,
never a signal, a traceback or a hang — through the real console script, so
a crash of the C parser would show as return code -11."""

import os
import time

import pytest

from conftest import day_file, subprocess_run
from robustness import DAY, child_env


@pytest.fixture
def journal(english_journal):
    """The lines pinned here are English (tests/test_check_language.py shows
    a Chinese journal's)."""
    return english_journal

GOOD = ('- {"id": "261120-aaaaaa", "type": "greet", "at": "2026-11-20T09:00:00+08:00", '
        '"by": "王芳", "count": 1}\n')
# 10^6 levels are ~1-2 MB of text and refused in milliseconds; always run
DEPTHS = [10 ** 5, 10 ** 6]
TIME_LIMIT = 5.0  # seconds for a whole process; the refusal itself takes milliseconds


def deep(kind, depth):
    """Text nesting ``depth`` levels deep, in one of the shapes YAML allows."""
    if kind == "flow-seq":
        return "[" * depth
    if kind == "flow-map":
        return "{a: " * depth
    if kind == "block":  # compact block sequences: `- - - x`
        return "- " * depth + "x"
    if kind == "canonical-looking":  # what the JSON fast path tries first
        return '{"id": ' + "[" * depth
    if kind == "mixed":  # block sequences holding flow sequences holding mappings
        return "- " * (depth // 2) + "[{a: " * (depth // 4)
    raise ValueError(kind)


def lobbyctl(args, tmp_path, **env):
    started = time.monotonic()
    result = subprocess_run(args, env=child_env(tmp_path, **env), timeout=60)
    return result, time.monotonic() - started


def assert_refused(result, elapsed, location, message=""):
    """Exit 1 (not a signal), no traceback, the place and the reason said once."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, (result.returncode, output[-2000:])
    assert "Traceback" not in output
    assert elapsed < TIME_LIMIT, elapsed
    said = [line for line in output.splitlines() if location in line]
    assert len(said) == 1, output[-2000:]
    assert message in said[0], said[0]
    return said[0]


def write_day(journal, text):
    path = day_file(journal, DAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- item 3: deep nesting in a day file -------------------------------------

READERS = {
    "check": ["check"],
    "show": ["show", DAY],
    "report-day": ["report", "day", DAY],
    "report-month": ["report", "month", DAY[:7]],
    "export": ["export"],
    "due": ["due", "--on", DAY],
    "greet": ["greet", "--at", f"{DAY}T10:00"],
}


@pytest.mark.stress
@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("command", list(READERS))
def test_a_deep_day_file_is_refused_by_every_command(journal, tmp_path, command, depth):
    path = write_day(journal, GOOD + "- " + "[" * depth + "\n")
    before = path.read_bytes()
    result, elapsed = lobbyctl(["-J", journal, *READERS[command]], tmp_path)
    said = assert_refused(result, elapsed, "2026-11-20.yaml:2:", "nested too deeply")
    assert said.endswith("nested too deeply") or "nested too deeply" in said
    assert path.read_bytes() == before


@pytest.mark.stress
@pytest.mark.parametrize("depth", DEPTHS)
@pytest.mark.parametrize("kind", ["flow-seq", "flow-map", "block", "canonical-looking", "mixed"])
def test_every_shape_of_deep_nesting_is_refused(journal, tmp_path, kind, depth):
    write_day(journal, GOOD + "- " + deep(kind, depth) + "\n")
    result, elapsed = lobbyctl(["-J", journal, "check"], tmp_path)
    assert_refused(result, elapsed, "2026-11-20.yaml:2:", "nested too deeply")


@pytest.mark.parametrize("text,message", [
    ('- {"id": "261120-bbbbbb", "note": &n "x", "text": "y"}\n', "YAML anchors (&n)"),
    ('- {"id": "261120-bbbbbb", "note": !!str x}\n', "YAML tags (!!str)"),
    ('- {"id": "261120-bbbbbb", "note": ! x}\n', "YAML tags (!)"),
    ("- {id: 261120-bbbbbb, at: 2026-13-45}\n", "YAML error: month must be in 1..12"),
], ids=["anchored-scalar", "standard-tag", "non-specific-tag", "impossible-date"])
def test_a_day_file_asking_for_more_than_values_is_refused_at_its_line(journal, tmp_path,
                                                                       text, message):
    path = write_day(journal, GOOD + text)
    before = path.read_bytes()
    for argv in (["check"], ["greet", "--at", f"{DAY}T10:00"]):
        result, elapsed = lobbyctl(["-J", journal, *argv], tmp_path)
        assert_refused(result, elapsed, "2026-11-20.yaml:2:", message)
    assert path.read_bytes() == before


def test_deep_nesting_by_indentation_is_refused(journal, tmp_path):
    # each level one column further in: `- a:` under `- a:` under ...
    lines = "".join(" " * (2 * level) + "- a:\n" for level in range(300))
    write_day(journal, GOOD + lines)
    result, elapsed = lobbyctl(["-J", journal, "check"], tmp_path)
    assert_refused(result, elapsed, "2026-11-20.yaml:", "nested too deeply")


def test_sixteen_mib_of_brackets_is_refused_at_once(journal, tmp_path):
    size = 16 * 1024 * 1024 - 16  # just under the day-file cap: the parser sees it all
    write_day(journal, "- " + "[" * size + "\n")
    result, elapsed = lobbyctl(["-J", journal, "check"], tmp_path)
    assert_refused(result, elapsed, "2026-11-20.yaml:1:", "nested too deeply")


def test_sixteen_mib_of_tiny_values_is_refused_at_once(journal, tmp_path):
    # flat, not deep: 8 million values would take the composer gigabytes and minutes
    write_day(journal, GOOD + "- [" + "1," * (8 * 1024 * 1024 - 512) + "1]\n")
    result, elapsed = lobbyctl(["-J", journal, "check"], tmp_path)
    assert_refused(result, elapsed, "2026-11-20.yaml:2:", "more than 250,000 values")


@pytest.mark.parametrize("text", [
    # brackets in a quoted scalar, in a comment, in a block scalar are text
    '- {"id": "261120-bbbbbb", "type": "note", "at": "2026-11-20T10:00:00+08:00", "by": "王芳", '
    '"kind": "other", "text": "' + "[" * 100_000 + '"}\n',
    "- {id: 261120-bbbbbb, type: note, at: '2026-11-20T10:00:00+08:00', by: 王芳, kind: other, "
    "text: '" + "{" * 100_000 + "'}  # " + "[" * 100_000 + "\n",
    "- id: 261120-bbbbbb\n  type: note\n  at: '2026-11-20T10:00:00+08:00'\n  by: 王芳\n"
    "  kind: other\n  text: |\n" + "".join(" " * (4 + n) + "- [\n" for n in range(200)),
], ids=["double-quoted", "single-quoted-and-comment", "block-scalar"])
def test_brackets_that_are_text_are_not_nesting(journal, tmp_path, text):
    write_day(journal, GOOD + text)
    result, elapsed = lobbyctl(["-J", journal, "export", "--from", DAY, "--to", DAY], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "261120-bbbbbb" in result.stdout
    assert elapsed < TIME_LIMIT


def test_nesting_a_hand_edit_may_use_is_read(journal, tmp_path):
    write_day(journal, GOOD + "- id: 261120-bbbbbb\n  type: note\n  at: '2026-11-20T10:00:00+08:00'\n"
                              "  by: 王芳\n  kind: other\n  text: \"x\"\n  extra: " + "[" * 90
              + "]" * 90 + "\n")
    result, _ = lobbyctl(["-J", journal, "check"], tmp_path)
    assert "nested too deeply" not in result.stdout + result.stderr


# --- item 9 and 3: a hostile lobbyctl.yaml ----------------------------------

BILLION_LAUGHS = ('lol0: &a0 ["lol"]\n'
                  + "".join(f"lol{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]\n"
                            for n in range(1, 10)))

HOSTILE_CONFIGS = {
    # name -> (text or bytes appended, message, line or None)
    "deep-1e5": ("extra: " + "[" * 10 ** 5 + "\n", "nested too deeply", True),
    "deep-1e6": ("extra: " + "[" * 10 ** 6 + "\n", "nested too deeply", True),
    "deep-5000": ("extra: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply", True),
    "deep-block": ("extra:\n" + "".join(" " * (level + 1) + "- \n" for level in range(200)),
                   "nested too deeply", True),
    "billion-laughs": (BILLION_LAUGHS, "anchors", True),
    "circular": ('extra: &m ["王芳", *m]\n', "anchors", True),
    "alias": ('extra: &m x\nmore: *m\n', "anchors", True),
    "python-tag": ("extra: !!python/object/apply:os.system ['true']\n", "tags", True),
    "set-tag": ("extra: !!set {a, b}\n", "tags", True),
    "list-key": ("? [a, b]\n: c\n", "a setting name must be text", False),
    "not-utf8": (b"extra: \"\xff\xfe\"\n", "not valid UTF-8", True),
    "huge": ("# " + "x" * (2 * 1024 * 1024) + "\n", "at most", False),
}


@pytest.mark.stress
@pytest.mark.parametrize("command", ["check", "greet"])
@pytest.mark.parametrize("hostile", list(HOSTILE_CONFIGS))
def test_a_hostile_journal_config_is_refused(journal, tmp_path, hostile, command):
    extra, message, has_line = HOSTILE_CONFIGS[hostile]
    config = journal / "lobbyctl.yaml"
    config.write_bytes(config.read_bytes()
                       + (extra if isinstance(extra, bytes) else extra.encode("utf-8")))
    _forget_the_cache(journal)
    argv = ["check"] if command == "check" else ["greet", "--at", f"{DAY}T10:00"]
    result, elapsed = lobbyctl(["-J", journal, *argv], tmp_path)
    location = f"{config}:" if has_line else f"{config}: "
    said = assert_refused(result, elapsed, location, message)
    if has_line:
        assert said.split(f"{config}:", 1)[1].split(":", 1)[0].isdigit(), said
    assert not day_file(journal, DAY).exists()


def test_a_journal_config_with_a_byte_order_mark_is_read(journal, tmp_path):
    config = journal / "lobbyctl.yaml"
    config.write_bytes(b"\xef\xbb\xbf" + config.read_bytes())
    _forget_the_cache(journal)
    result, _ = lobbyctl(["-J", journal, "greet", "--at", f"{DAY}T10:00"], tmp_path)
    assert result.returncode == 0, result.stderr


def _forget_the_cache(journal):
    cache = journal / ".lobbyctl-cache"
    if cache.exists():
        for name in os.listdir(cache):
            os.unlink(cache / name)
        cache.rmdir()


# --- item 9 and 3: a hostile user config ------------------------------------

def user_config(tmp_path, content):
    """Write ``content`` as $XDG_CONFIG_HOME/lobbyctl/config.yaml; its path."""
    path = tmp_path / "xdg" / "lobbyctl" / "config.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run_without_journal_option(tmp_path, *args):
    work = tmp_path / "work"
    work.mkdir(exist_ok=True)
    started = time.monotonic()
    result = subprocess_run(args, env=child_env(tmp_path, XDG_CONFIG_HOME=str(tmp_path / "xdg")),
                            cwd=work, timeout=60)
    return result, time.monotonic() - started


HOSTILE_USER_CONFIGS = {
    # name -> (content, message, has a line)
    "deep-1e5": ("journal: " + "[" * 10 ** 5 + "\n", "nested too deeply", True),
    "deep-1e6": ("journal: " + "[" * 10 ** 6 + "\n", "nested too deeply", True),
    "deep-5000": ("journal: " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply", True),
    "billion-laughs": (BILLION_LAUGHS + "journal: /tmp\n", "anchors", True),
    "circular": ('journal: &m ["/tmp", *m]\n', "anchors", True),
    "anchored-scalar": ('journal: &j "/tmp"\n', "anchors", True),
    "tag": ("journal: !!str /tmp\n", "tags", True),
    "escaped-nul": ('journal: "\\x00"\n', "NUL", True),
    "raw-nul": (b"journal: /tmp/a\x00b\n", "NUL", True),
    "list": ('journal: ["/tmp"]\n', "must be a folder path", True),
    "number": ("journal: 2026\n", "must be a folder path", True),
    "date": ("journal: 2026-11-20\n", "must be a folder path", True),
    "mapping": ("journal: {path: /tmp}\n", "must be a folder path", True),
    "not-a-mapping": ("- journal\n", "must be a mapping", True),
    "too-long": (f'journal: "/{"x" * 5000}"\n', "too long", True),
    "long-name": (f'journal: "/tmp/{"x" * 300}/j"\n', "too long", True),
    "not-utf8": (b"journal: \"/tmp/\xff\"\n", "not valid UTF-8", True),
    "huge": ("journal: /tmp\n# " + "x" * (10 * 1024 * 1024) + "\n", "at most", False),
    "yaml-error": ("journal: [\n", "YAML error", True),
}


@pytest.mark.stress
@pytest.mark.parametrize("hostile", list(HOSTILE_USER_CONFIGS))
def test_a_hostile_user_config_is_refused(tmp_path, hostile):
    content, message, has_line = HOSTILE_USER_CONFIGS[hostile]
    path = user_config(tmp_path, content)
    result, elapsed = run_without_journal_option(tmp_path, "greet", "--at", f"{DAY}T10:00")
    location = f"{path}:" if has_line else f"{path}: "
    said = assert_refused(result, elapsed, location, message)
    if has_line:
        assert said.split(f"{path}:", 1)[1].split(":", 1)[0].isdigit(), said
    assert not (tmp_path / "work" / "journal").exists()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_user_config_that_is_no_regular_file_is_refused_without_hanging(tmp_path, kind):
    path = tmp_path / "xdg" / "lobbyctl" / "config.yaml"
    path.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(path)  # nobody ever writes: a blocking open would wait for ever
    else:
        path.mkdir()
    result, elapsed = run_without_journal_option(tmp_path, "check")
    assert_refused(result, elapsed, f"{path}: ", "not a regular file")


def test_a_user_config_with_a_byte_order_mark_is_read(tmp_path):
    journal = tmp_path / "mine"
    assert subprocess_run(["-J", journal, "init", "--manager", "王芳"],
                          env=child_env(tmp_path)).returncode == 0
    user_config(tmp_path, b"\xef\xbb\xbf" + f'journal: "{journal}"\n'.encode())
    result, _ = run_without_journal_option(tmp_path, "greet", "--at", f"{DAY}T10:00")
    assert result.returncode == 0, result.stderr
    assert day_file(journal, DAY).exists()


def test_a_user_config_journal_given_as_a_path_is_read(tmp_path):
    journal = tmp_path / "mine"
    assert subprocess_run(["-J", journal, "init", "--manager", "王芳"],
                          env=child_env(tmp_path)).returncode == 0
    user_config(tmp_path, f"# mine\nother: {{a: [1, 2]}}\njournal: '{journal}'  # there\n")
    result, _ = run_without_journal_option(tmp_path, "greet", "--at", f"{DAY}T10:00")
    assert result.returncode == 0, result.stderr
    assert day_file(journal, DAY).exists()
