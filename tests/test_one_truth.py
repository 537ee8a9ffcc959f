"""One truth: an entry `check` rejects is never counted by any reader.

A small journal of one day (three greetings of two customers each, routed
to the counter, and one referral due that day), plus ONE bad line.  `check`
names it; `show`, `report day|month|table`, `export` and `due` all fail at
the same place with the same message (exit 1); with --skip-bad each leaves
out just that entry, names it on stderr, and prints exactly what it prints
for the journal without it — 6 customers, not 8."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lobbyctl.schema import fields, vocab
from lobbyctl.store.lines import dump_entry
from robustness import scale


@pytest.fixture
def journal(english_journal):
    """The lines pinned here are English (tests/test_check_language.py shows
    a Chinese journal's)."""
    return english_journal

DAY = "2026-11-20"
PATH = "2026/11/2026-11-20.yaml"


def _entry(entry_id, entry_type="greet", at=f"{DAY}T10:00:00+08:00", **values):
    return {"id": entry_id, "type": entry_type, "at": at, "by": "王芳", **values}


def _greet(entry_id, **values):
    return _entry(entry_id, count=2, route="counter", wait=5, **values)


GOOD = [
    _greet("261120-aaaaa1"),
    _greet("261120-aaaaa2"),
    _greet("261120-aaaaa3"),
    _entry("261120-rrrrr1", "refer", product="养老理财", to="wealth-manager",
           outcome="pending", follow_up=DAY),
]

# what is wrong -> (the bad entry, appended as line 5; the message `check` prints)
BAD = {
    "a duplicated line": (GOOD[0], f"duplicate id 261120-aaaaa1: also at {PATH}:1"),
    "route: 柜台": (_entry("261120-bbbbb1", count=2, route="柜台"),
                   "route: unknown route '柜台' (did you mean counter?)"),
    "route: Counter": (_entry("261120-bbbbb2", count=2, route="Counter"),
                       "route: unknown route 'Counter' (did you mean counter?)"),
    "wait 99999": (_greet("261120-bbbbb3") | {"wait": 99999},
                   "wait: must be a whole number from 0 to 600, found 99999"),
    "count 0": (_greet("261120-bbbbb4") | {"count": 0},
                "count: must be a whole number from 1 to 500, found 0"),
    "at on another day": (_greet("261120-bbbbb5") | {"at": "2026-11-21T10:00:00+08:00"},
                          "at: 2026-11-21T10:00:00+08:00 is on 2026-11-21 in Asia/Shanghai, "
                          "but the file is 2026-11-20"),
    "an unknown field": (_greet("261120-bbbbb6", colour="red"),
                         "unknown field 'colour' for greet"),
    "an unknown type": (_entry("261120-bbbbb7", "lunch", count=2),
                        "type: unknown entry type 'lunch' (known: "
                        + ", ".join(vocab.FIELDS) + ")"),
}

READERS = {
    "show": ["show", DAY],
    "report day": ["report", "day", DAY, "-f", "json"],
    "report month": ["report", "month", "2026-11", "-f", "json"],
    "report table": ["report", "table", "--type", "greet", "--by", "route", "--from",
                     "2026-11-01", "--to", "2026-11-30", "-f", "json"],
    "export": ["export", "--from", "2026-11-01", "--to", "2026-11-30"],
    "due": ["due", "--on", DAY, "--since", "2026-11-01", "-f", "json"],
}


def _write(journal, entries):
    path = journal / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(dump_entry(item) for item in entries), encoding="utf-8")
    return path


def _read(run, argv, *extra):
    result = run(*argv, *extra)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _steady(stdout):
    """The output without the moment it was made (reports print when)."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return stdout
    if isinstance(data, dict):
        meta = data.get("meta")
        if isinstance(meta, dict):
            meta.pop("generated", None)
        data.pop("generated", None)
    return data


@pytest.fixture
def clean(run, journal):
    """What every reader prints for the journal without the bad line."""
    _write(journal, GOOD)
    outputs = {}
    for reader, argv in READERS.items():
        result = _read(run, argv)
        assert result.exit_code == 0, (reader, result.stderr)
        outputs[reader] = _steady(result.stdout)
    return outputs


@pytest.mark.parametrize("case", list(BAD))
def test_every_reader_refuses_what_check_rejects(run, journal, clean, case):
    bad, message = BAD[case]
    path = _write(journal, GOOD + [bad])
    checked = _read(run, ["check"])
    assert checked.exit_code == 1
    assert checked.stdout == f"{PATH}:5: {message}\n"
    for reader, argv in READERS.items():
        result = _read(run, argv)
        assert result.exit_code == 1, (reader, result.stdout)
        assert result.stderr.startswith(f"Error: {path}:5: {message}\n"), (reader, result.stderr)
        assert result.stdout == ""


@pytest.mark.parametrize("case", list(BAD))
def test_skip_bad_leaves_out_only_the_bad_entry_and_names_it(run, journal, clean, case):
    bad, message = BAD[case]
    path = _write(journal, GOOD + [bad])
    for reader, argv in READERS.items():
        result = _read(run, argv, "--skip-bad")
        assert result.exit_code == 0, (reader, result.stderr)
        assert f"{path}:5: {message}" in result.stderr, (reader, result.stderr)
        assert _steady(result.stdout) == clean[reader], reader


def test_the_figures_skip_bad_prints_are_those_of_the_good_entries(run, journal):
    """Hand-checked: 3 greetings of 2 customers, all to the counter, and a
    hand-typed 柜台 party of 2 that is counted nowhere."""
    _write(journal, GOOD + [BAD["route: 柜台"][0]])
    table = json.loads(_read(run, READERS["report table"], "--skip-bad").stdout)
    counts = table["sections"]["table"]["counts"]
    assert counts["rows"] == [{"route": "counter", "count": 6}], counts
    assert counts["total"]["count"] == 6
    month = json.loads(_read(run, READERS["report month"], "--skip-bad").stdout)
    assert month["sections"]["flow"]["summary"]["customers"] == 6
    exported = [json.loads(line) for line in
                _read(run, READERS["export"], "--skip-bad").stdout.splitlines()]
    assert sum(row.get("count", 0) for row in exported if row["type"] == "greet") == 6
    assert {row.get("route") for row in exported if row["type"] == "greet"} == {"counter"}


def test_a_bad_entry_never_reaches_the_cache_filtered(run, journal):
    """--skip-bad first, then a strict run: the cache holds the file as it
    is, so the strict run still fails at the bad line."""
    path = _write(journal, GOOD + [BAD["count 0"][0]])
    argv = READERS["report month"]
    assert _read(run, argv, "--skip-bad").exit_code == 0
    again = _read(run, argv)
    assert again.exit_code == 1
    assert again.stderr.startswith(f"Error: {path}:5: "), again.stderr


def test_update_and_refer_refuse_an_original_check_rejects(run, journal):
    _write(journal, GOOD + [_entry("261120-ccccc1", "refer", product="x", outcome="pending",
                                   to="柜员")])
    result = _read(run, ["update", "261120-ccccc1", "--outcome", "accepted", "--at",
                         f"{DAY}T11:00"])
    assert result.exit_code == 1
    assert f"{PATH}:5: to: unknown target '柜员' (did you mean teller?)" in result.stderr
    _write(journal, GOOD + [GOOD[0]])
    result = _read(run, ["refer", "--product", "基金", "--greet", "261120-aaaaa1", "--at",
                         f"{DAY}T11:00"])
    assert result.exit_code == 1
    assert f"{PATH}:5: duplicate id 261120-aaaaa1: also at {PATH}:1" in result.stderr


def test_the_clis_bounds_are_the_schemas(run, journal):
    for option, field in (("--count", "count"), ("--wait", "wait")):
        least, most = fields.bounds("greet", field)
        assert (least, most) == fields.RANGES[("greet", field)]
        for value in (least, most):
            assert run("greet", option, value, "--at", f"{DAY}T09:00").exit_code == 0
        for value in (least - 1, most + 1):
            result = run("greet", option, value, "--at", f"{DAY}T09:00")
            assert result.exit_code == 2, (option, value)
            assert f"{least}<=x<={most}" in result.stderr.replace(" ", ""), result.stderr
    assert _read(run, ["check"]).exit_code == 0


# --- the compiled fast path says nothing the full judgement would not -------

_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 700), st.text(max_size=8),
    st.sampled_from(["counter", "柜台", "Counter", "mid", "261120-aaaaa1", "261121-aaaaa1",
                     f"{DAY}T10:00:00+08:00", f"{DAY}T23:30:00+07:00", f"{DAY}T10:00:00",
                     f"{DAY}t10+08:00", f"{DAY}T25:00:00+08:00", DAY, "a\ud800b"]),
    st.lists(st.sampled_from(["elderly", "老年", "form", 3]), max_size=3),
    st.dictionaries(st.sampled_from(["facilities", "rocket"]), st.sampled_from(["坏了", 1]),
                    max_size=2),
)
_FIELD_NAMES = st.sampled_from(["id", "type", "at", "by", "count", "route", "wait", "groups",
                                "problems", "ok", "staff", "segment", "note", "colour", 1])


_RULES = {}


@pytest.mark.stress
@settings(max_examples=scale(300, 5000), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=st.sampled_from(GOOD), changes=st.dictionaries(_FIELD_NAMES, _VALUES, max_size=3),
       drop=st.sets(st.sampled_from(["id", "type", "at", "by", "count"]), max_size=1),
       entry_type=st.sampled_from(["greet", "open", "refer", "lunch", None]))
def test_the_compiled_checks_accept_only_what_the_full_judgement_accepts(
        journal, base, changes, drop, entry_type):
    """`entry_problems` takes a compiled one-pass path for a clean entry;
    whatever it lets through must be what the full judgement (the one that
    words `check`'s messages) finds nothing wrong with."""
    import datetime

    from lobbyctl.check import entry as judge
    from lobbyctl.store.journal import Journal

    item = {key: value for key, value in base.items() if key not in drop}
    if entry_type is not None:
        item["type"] = entry_type
    item.update(changes)
    if str(journal) not in _RULES:
        _RULES[str(journal)] = judge.Rules(Journal.open(str(journal)))
    rules = _RULES[str(journal)]
    day = datetime.date(2026, 11, 20)
    fast = judge.entry_problems(item, day, rules.file(day, PATH), 1)
    full = judge._all_problems(item, day, rules.file(day, PATH), 1)
    assert list(fast) == full
