"""One truth for refs: an update `check` refuses for where its `ref` leads —
nowhere, a greeting, a note that is no fault, another update, or an entry
timed after it — is refused by every reader too, with `check`'s message.

Two days.  19 November: a referral due the 20th, a greeting, a hygiene
note.  20 November: three greetings, the referral followed up (accepted),
and ONE bad update as line 5.  `check` names it; `show`, `report
day|month|table`, `export` and `due` fail at the same place with the same
message (exit 1); with --skip-bad each leaves out just that update, names it
on stderr and prints exactly what it prints without it: one follow-up done,
not two."""

import json

import pytest

from lobbyctl.store.lines import dump_entry


@pytest.fixture
def journal(english_journal):
    """An English journal: these tests pin check's English lines word for word."""
    return english_journal

DAY, BEFORE = "2026-11-20", "2026-11-19"
PATH, BEFORE_PATH = "2026/11/2026-11-20.yaml", "2026/11/2026-11-19.yaml"


def _entry(entry_id, entry_type, at, **values):
    return {"id": entry_id, "type": entry_type, "at": at, "by": "王芳", **values}


def _greet(entry_id, day=DAY):
    return _entry(entry_id, "greet", f"{day}T10:00:00+08:00", count=2, route="counter", wait=5)


def _update(entry_id, ref, at=f"{DAY}T15:00:00+08:00", **values):
    return _entry(entry_id, "update", at, ref=ref, via="phone", **values)


EARLIER = [
    _entry("261119-rrrrr1", "refer", f"{BEFORE}T09:30:00+08:00", product="养老理财",
           to="wealth-manager", outcome="pending", follow_up=DAY),
    _greet("261119-ggggg1", BEFORE),
    _entry("261119-nnnnn1", "note", f"{BEFORE}T11:00:00+08:00", kind="hygiene",
           text="地面湿滑"),
]
GOOD = [
    _greet("261120-aaaaa1"),
    _greet("261120-aaaaa2"),
    _entry("261120-rrrrr2", "refer", f"{DAY}T11:00:00+08:00", product="基金",
           to="wealth-manager", outcome="pending", follow_up="2026-11-27"),
    _update("261120-vvvvv1", "261119-rrrrr1", outcome="accepted"),
]
UPDATABLE = "only refer, complain, fault"

# the bad update, appended as line 5 -> the message `check` prints for it
BAD = {
    "a ref to nowhere": (_update("261120-bbbbb1", "261119-zzzzzz"),
                         "ref: no entry 261119-zzzzzz in the journal"),
    "a ref to a day with no file": (_update("261120-bbbbb2", "261102-zzzzzz"),
                                    "ref: no entry 261102-zzzzzz in the journal"),
    "a ref to a greeting": (_update("261120-bbbbb3", "261119-ggggg1"),
                            f"ref: 261119-ggggg1 is a 'greet' entry, which cannot be updated "
                            f"({UPDATABLE})"),
    "a ref to a greeting of the same day": (
        _update("261120-bbbbb4", "261120-aaaaa1"),
        f"ref: 261120-aaaaa1 is a 'greet' entry, which cannot be updated ({UPDATABLE})"),
    "a ref to a note that is no fault": (
        _update("261120-bbbbb5", "261119-nnnnn1"),
        f"ref: 261119-nnnnn1 is a 'note' entry, which cannot be updated ({UPDATABLE})"),
    "a ref to another update": (
        _update("261120-bbbbb6", "261120-vvvvv1", outcome="declined"),
        f"ref: 261120-vvvvv1 is a 'update' entry, which cannot be updated ({UPDATABLE})"),
    "an update timed before its original": (
        _update("261120-bbbbb7", "261120-rrrrr2", at=f"{DAY}T10:30:00+08:00",
                outcome="accepted"),
        "at: 2026-11-20T10:30:00+08:00 is before 261120-rrrrr2 was recorded "
        "(2026-11-20T11:00:00+08:00); an update comes after what it changes"),
}

READERS = {
    "show": ["show", DAY, "-f", "json"],
    "report day": ["report", "day", DAY, "-f", "json"],
    "report month": ["report", "month", "2026-11", "-f", "json"],
    "report table": ["report", "table", "--type", "update", "--by", "via", "--from",
                     "2026-11-01", "--to", "2026-11-30", "-f", "json"],
    # a range after the original's day: the ref is judged outside it
    "report table of the 20th": ["report", "table", "--type", "update", "--by", "via",
                                 "--from", DAY, "--to", DAY, "-f", "json"],
    "export": ["export", "--from", "2026-11-01", "--to", "2026-11-30"],
    "export --raw of the 20th": ["export", "--raw", "--from", DAY, "--to", DAY],
    "due": ["due", "--on", DAY, "-f", "json"],
    "due --since the 20th": ["due", "--on", DAY, "--since", DAY, "-f", "json"],
}


def _write(journal, path, entries):
    target = journal / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(dump_entry(item) for item in entries), encoding="utf-8")
    return target


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
    """What every reader prints for the journal without the bad update."""
    _write(journal, BEFORE_PATH, EARLIER)
    _write(journal, PATH, GOOD)
    assert _read(run, ["check"]).exit_code == 0
    outputs = {}
    for reader, argv in READERS.items():
        result = _read(run, argv)
        assert result.exit_code == 0, (reader, result.stderr)
        outputs[reader] = _steady(result.stdout)
    return outputs


@pytest.mark.parametrize("case", list(BAD))
def test_every_reader_refuses_the_update_check_refuses(run, journal, clean, case):
    bad, message = BAD[case]
    path = _write(journal, PATH, GOOD + [bad])
    checked = _read(run, ["check"])
    assert checked.exit_code == 1
    assert checked.stdout == f"{PATH}:5: {message}\n"
    for reader, argv in READERS.items():
        result = _read(run, argv)
        assert result.exit_code == 1, (reader, result.stdout)
        assert result.stderr.startswith(f"Error: {path}:5: {message}\n"), (reader, result.stderr)
        assert result.stdout == ""


@pytest.mark.parametrize("case", list(BAD))
def test_skip_bad_leaves_out_only_that_update_and_names_it(run, journal, clean, case):
    bad, message = BAD[case]
    path = _write(journal, PATH, GOOD + [bad])
    for reader, argv in READERS.items():
        result = _read(run, argv, "--skip-bad")
        assert result.exit_code == 0, (reader, result.stderr)
        assert f"{path}:5: {message}" in result.stderr, (reader, result.stderr)
        assert _steady(result.stdout) == clean[reader], reader


def test_the_figures_skip_bad_prints_count_one_follow_up_not_two(run, journal):
    """Hand-checked: the referral of the 19th followed up once, by phone,
    and accepted; the update to nowhere is counted nowhere."""
    _write(journal, BEFORE_PATH, EARLIER)
    _write(journal, PATH, GOOD + [BAD["a ref to nowhere"][0]])
    day = json.loads(_read(run, READERS["report day"], "--skip-bad").stdout)
    done = day["sections"]["followups"]["done"]["rows"]
    assert [row["ref"] for row in done] == ["261119-rrrrr1"], done
    table = json.loads(_read(run, READERS["report table"], "--skip-bad").stdout)
    counts = table["sections"]["table"]["counts"]
    assert counts["rows"] == [{"via": "phone", "count": 1}], counts
    exported = [json.loads(line) for line in
                _read(run, ["export", "--raw", "--type", "update", "--skip-bad"]).stdout.splitlines()]
    assert [row["id"] for row in exported] == ["261120-vvvvv1"]
    shown = json.loads(_read(run, READERS["show"], "--skip-bad").stdout)
    assert "261120-bbbbb1" not in json.dumps(shown)


def test_the_index_never_hides_an_original_gone(run, journal):
    """`due` twice (the index built, then read), then the original's day
    file deleted by hand: the update that followed it up leads nowhere now,
    and every reader says so — the index kept no verdict about it."""
    _write(journal, BEFORE_PATH, EARLIER)
    path = _write(journal, PATH, GOOD)
    for _ in range(2):
        result = _read(run, READERS["due"])
        assert result.exit_code == 0, result.stderr
    assert (journal / ".lobbyctl-cache" / "index").is_dir()
    (journal / BEFORE_PATH).unlink()
    message = "ref: no entry 261119-rrrrr1 in the journal"
    checked = _read(run, ["check"])
    assert checked.stdout == f"{PATH}:4: {message}\n"
    for reader, argv in READERS.items():
        result = _read(run, argv)
        assert result.exit_code == 1, (reader, result.stdout)
        assert result.stderr.startswith(f"Error: {path}:4: {message}\n"), (reader, result.stderr)
        skipping = _read(run, argv, "--skip-bad")
        assert skipping.exit_code == 0, (reader, skipping.stderr)
        assert f"{path}:4: {message}" in skipping.stderr, (reader, skipping.stderr)


def test_an_original_put_back_is_found_again(run, journal):
    """The other way: an update recorded before its original's file came
    back (a restored backup) is refused, then counted once it is there."""
    path = _write(journal, PATH, GOOD)
    assert _read(run, READERS["due"]).exit_code == 1
    _write(journal, BEFORE_PATH, EARLIER)
    result = _read(run, READERS["due"])
    assert result.exit_code == 0, result.stderr
    assert _read(run, ["check"]).exit_code == 0
    assert str(path) not in result.stderr


def test_a_ref_into_a_day_that_does_not_load_is_refused_as_check_refuses_it(run, journal):
    _write(journal, BEFORE_PATH, EARLIER)
    (journal / BEFORE_PATH).write_bytes(b"- {\"id\": [unclosed\n")
    path = _write(journal, PATH, GOOD)
    message = "ref: 261119-rrrrr1 is in a day file that does not load"
    checked = _read(run, ["check"])
    assert checked.exit_code == 1
    assert f"{PATH}:4: {message}\n" in checked.stdout
    for reader in ("show", "report table of the 20th", "export --raw of the 20th",
                   "due --since the 20th"):
        result = _read(run, READERS[reader])
        assert result.exit_code == 1, (reader, result.stdout)
        assert result.stderr.startswith(f"Error: {path}:4: {message}\n"), (reader, result.stderr)


def test_the_first_line_check_names_is_the_line_a_reader_fails_at(run, journal):
    """A bad update at line 4 and a bad greeting after it: `check` names
    line 4 first, and so does every reader."""
    _write(journal, BEFORE_PATH, EARLIER)
    path = _write(journal, PATH, GOOD[:3] + [BAD["a ref to nowhere"][0], GOOD[0]])
    checked = _read(run, ["check"])
    assert checked.stdout.splitlines()[0] == f"{PATH}:4: {BAD['a ref to nowhere'][1]}"
    for reader, argv in READERS.items():
        result = _read(run, argv)
        assert result.exit_code == 1, reader
        assert result.stderr.startswith(f"Error: {path}:4: "), (reader, result.stderr)
