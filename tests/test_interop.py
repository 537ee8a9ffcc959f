"""Any YAML reader gets the same values (issue 4, part 4).

The canonical line is read alike by PyYAML (YAML 1.1), ruamel.yaml (YAML 1.2,
C and pure parsers), ``json.loads`` and lobbyctl's own loader, whatever the
free text holds; and what a user types on the command line is what every
reader gets back (after the documented strip, line-break normalising and
masking of personal numbers)."""

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import day_file
from lobbyctl.store.dayfile import parse_day, read_day
from lobbyctl.store.lines import dump_entry, parse_line
from lobbyctl.schema.text.privacy import mask_text
from lobbyctl.domain.record import MAX_TEXT
from robustness import scale

# Scalars that YAML 1.1 or 1.2 would resolve to something other than the
# string, YAML syntax, and characters readers treat specially.
HOSTILE = [
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "~", "null", "Null", "true", "False",
    "0101", "0o17", "0x1F", "1_000", "1e3", "-1e3", "+12", ".inf", "-.inf", ".nan", "1:20",
    "09:35", "09:35:12", "2026-11-28", "2026-11-28T10:30:00+08:00", "<<", "=",
    "- x", ": x", "x: y", "#x", "x #y", "&a", "*a", "!x", "!!python/object/apply:os.system",
    "%YAML 1.1", "---", "...", "? x", "|", ">", "@", "`", "{", "}", "[", "]", ",", "'", '"',
    "\\", "\\n", "\\u0041", "\t", "x\t", " ", "trailing ", " leading", "a\nb", "a\r\nb", "\n",
    "😀", "中文，测试。", "客户说：“好”", "\x00", "\x07", "\x1b[31m", "\x7f", "\x80", "\x85",
    "\x9f", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\U0010fffd",
    "\u202e", "\u3000", "x" * 5000,
]
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=4)), max_size=6).map("".join),
)
# Keys are storage keys from the schema or a journal's checklist items: short.
# (YAML limits an implicit key to 1024 characters of the stream, and PyYAML
# enforces it; a 128-character key is at most 770 even fully escaped.)
KEY = st.one_of(st.sampled_from(["id", "type", "at", "by", "note"]),
                TEXT.filter(lambda text: len(text) <= 128))
VALUE = st.one_of(
    TEXT,
    st.integers(min_value=-(2 ** 64), max_value=2 ** 64),
    st.booleans(),
    st.none(),
    st.lists(TEXT, max_size=4),
    st.dictionaries(KEY, TEXT, max_size=3),
)
ENTRY = st.dictionaries(KEY, VALUE, min_size=1, max_size=6)

RUAMEL_C = YAML(typ="safe")
RUAMEL_PURE = YAML(typ="safe", pure=True)


def test_ruamel_really_has_its_c_parser():
    # otherwise the "C" reader below would silently be the pure one again
    assert "CParser" in RUAMEL_C.Parser.__name__


@pytest.mark.stress
@settings(max_examples=scale(200, 2000), deadline=None)
@given(st.lists(ENTRY, min_size=1, max_size=4))
def test_canonical_lines_read_the_same_in_every_reader(entries):
    lines = [dump_entry(entry) for entry in entries]
    document = "".join(lines)
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    assert yaml.safe_load(document) == entries
    assert RUAMEL_C.load(document) == entries
    assert RUAMEL_PURE.load(document) == entries
    assert [json.loads(line[2:]) for line in lines] == entries
    assert [parse_line(line[:-1]) for line in lines] == entries
    day = parse_day("day.yaml", document.encode("utf-8"))
    assert day.entries == entries and day.canonical and day.torn_line is None


@pytest.mark.stress
@settings(max_examples=scale(200, 2000), deadline=None)
@given(TEXT)
def test_a_hostile_string_is_a_string_in_every_reader(text):
    line = dump_entry({"note": text})
    for loaded in (yaml.safe_load(line), RUAMEL_C.load(line), RUAMEL_PURE.load(line)):
        assert loaded == [{"note": text}]
        assert type(loaded[0]["note"]) is str


def _expected(typed):
    """What recording keeps of typed free text: stripped, CR LF as LF, masked."""
    text = typed.strip().replace("\r\n", "\n").replace("\r", "\n")
    return mask_text(text)[0] if text else None


def _refused(typed):
    text = typed.strip().replace("\r\n", "\n").replace("\r", "\n")
    controls = any(ord(c) < 32 and c not in "\t\n" or 0x7f <= ord(c) <= 0x9f for c in text)
    return controls or len(text) > MAX_TEXT


CLI_TEXT = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1),
                     st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=5).map("".join))


@pytest.mark.stress
@pytest.mark.parametrize("option,field", [("--note", "note"), ("--customer", "customer"),
                                          ("--ticket", "ticket")])
@settings(max_examples=scale(30, 300), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=CLI_TEXT)
def test_greet_free_text_reads_back_as_typed(run, journal, option, field, typed):
    path = day_file(journal, "2026-11-20")
    before = path.read_bytes() if path.exists() else b""
    result = run("greet", "--at", "2026-11-20T10:30", option, typed)
    assert "Traceback" not in result.stderr
    if _refused(typed):
        assert result.exit_code == 2, result.stderr
        assert option in result.stderr
        assert (path.read_bytes() if path.exists() else b"") == before
        return
    assert result.exit_code == 0, result.stderr
    entry_id = result.stdout.strip()
    after = path.read_bytes()
    assert after.startswith(before)
    [pyyaml_entry] = [e for e in yaml.safe_load(after) if e["id"] == entry_id]
    [own_entry] = [e for e in read_day(str(path)).entries if e["id"] == entry_id]
    assert pyyaml_entry == own_entry
    assert pyyaml_entry.get(field) == _expected(typed)
