"""lobbyctl.yaml is read without ruamel when it is in the subset ``init``
writes; for everything it accepts, the fast reader must give exactly the
values ruamel gives, and it must hand everything else to ruamel."""

import json
import subprocess
import sys

from hypothesis import given, settings, strategies as st
from ruamel.yaml import YAML

from lobbyctl.store.config import _parse_simple, default_config_text
from lobbyctl.store.lines import quote

HOSTILE = st.sampled_from(["中文 # 不是注释", "a: b", "#", "\\", "\"", "'", "- x", "{}", "[]",
                           "true", "0012", "é\u00a0x", "😀", "\\u0041", "\n", "\t", "\x85",
                           "\u2028", " lead", "trail ", "&a *a !tag", "%YAML", "---", "..."])
TEXT = st.one_of(st.text(max_size=12), HOSTILE)
KEY = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,8}", fullmatch=True) | st.sampled_from(
    ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "nan", "inf", "e1", "null_", "_"])
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn", "Cf", "Zl", "Zp")),
                    max_size=12)
SCALAR = st.one_of(TEXT, st.integers(-10**17, 10**17), st.booleans())


def ruamel(raw):
    try:
        return YAML(typ="safe").load(raw.decode("utf-8"))
    except Exception:  # noqa: BLE001 - any refusal: the fast reader must refuse too
        return "refused"


def render_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return quote(value)


def render(mapping, indent=0, comments=None):
    lines = []
    pad = " " * indent
    for key, value in mapping.items():
        if comments is not None and comments.draw(st.booleans()):
            lines.append(pad + "# " + comments.draw(PRINTABLE))
        if isinstance(value, dict):
            lines.append(f"{pad}{key}: {{}}" if not value else f"{pad}{key}:")
            lines.extend(render(value, indent + 2, comments) if value else [])
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: []" if not value else f"{pad}{key}:")
            lines.extend(f"{pad}  - {render_value(item)}" for item in value)
        else:
            lines.append(f"{pad}{key}: {render_value(value)}")
    return lines


NOT_KEYS = {"true", "false", "True", "False", "TRUE", "FALSE", "null", "Null", "NULL"}
def _mappings_of(inner):
    return st.dictionaries(KEY.filter(lambda k: k not in NOT_KEYS), inner, max_size=3)


VALUES = st.recursive(SCALAR | st.lists(SCALAR, max_size=3), _mappings_of, max_leaves=12)
CONFIGS = st.dictionaries(KEY.filter(lambda k: k not in NOT_KEYS), VALUES, min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(CONFIGS, st.data())
def test_the_fast_reader_gives_ruamels_values_for_the_subset(config, data):
    raw = ("\n".join(render(config, comments=data)) + "\n").encode("utf-8")
    fast = _parse_simple(raw)
    assert fast == ruamel(raw)
    assert json.loads(json.dumps(fast)) == fast


FRAGMENTS = st.sampled_from([
    "a: 1", "a: \"x\"", "b:", "  c: 2", "  - \"i\"", "- \"i\"", "    d: true", "# c", "  # c",
    "a: \"x\" # c", "a: x", "a:  \"y\"  ", "a: \"\\ud83d\\ude00\"", "a: \"\\x41\"", "a: \"\\/\"",
    "a: 012", "a: -0", "a: 0x1F", "a: 1.5", "a: ~", "a: null", "true: 1", "a: True", "\tb: 1",
    "a: 1\r", "---", "...", "%YAML 1.2", "a: {b: 1}", "a: [1]", "a: \"unclosed", "  e: \"z\"",
    "a: \"\x01\"", "# \x01", "\ufeffa: 1", "a: \"\u2028\"", "a: &x 1", "a: *x", "? a", "a: |",
    "a: '1'", "b: \"中文: #\"", "  -  \"j\"", "  - 3", "  - x", "c: []", "c: {}", "-", "   ",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(FRAGMENTS, min_size=1, max_size=8))
def test_anything_the_fast_reader_accepts_ruamel_reads_alike(lines):
    raw = "\n".join(lines).encode("utf-8")
    fast = _parse_simple(raw)
    if fast is not None:
        assert fast == ruamel(raw)


def test_the_config_init_writes_is_read_without_ruamel(tmp_path):
    text = default_config_text(branch_code="0101", branch_name="中文支行 # \"x\": y",
                               managers=["王芳", "a: b"], timezone="Asia/Shanghai", lang="zh")
    raw = text.encode("utf-8")
    assert _parse_simple(raw) == ruamel(raw)
    (tmp_path / "lobbyctl.yaml").write_bytes(raw)
    probe = ("import sys; from lobbyctl.store.config import load_config; "
             f"c = load_config({str(tmp_path)!r}); "
             "print(c.branch_name, 'ruamel' in ' '.join(sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "中文支行 # \"x\": y False"
