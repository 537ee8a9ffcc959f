"""Recording into a day after its closing: a back-fill, and said so -- but
only when the closing stands as every reader counts the day: one ``check``
accepts and no void takes out, wherever that void was recorded (its own day,
a later day, a later month), however it is written (an escape by hand).
The recorder asks this of its day's own file and the files after it
(``check.standing``); these hold it to the whole judgement's answer."""

import pytest

from conftest import day_file
from lobbyctl.store.lines import dump_entry

NOW = "2026-12-03T09:00"
DAY = "2026-11-20"
BACK_FILLED = "back-filled"


@pytest.fixture
def journal(english_journal):
    return english_journal


def rec(run, *args):
    result = run("--now", NOW, *args)
    assert result.exit_code == 0, result.stderr
    return result


def late_greeting(run, day=DAY):
    return rec(run, "greet", "--at", f"{day}T17:30", "--route", "counter")


def close(run, day=DAY):
    return rec(run, "close", "--at", f"{day}T17:00", "--ok").stdout.strip()


def append_line(root, day, line):
    path = day_file(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line)


def void_line(void_id, ref, at, **extra):
    entry = {"id": void_id, "type": "void", "at": at, "by": "王芳", "ref": ref,
             "reason": "closed too early", **extra}
    return dump_entry({key: value for key, value in entry.items() if value is not None})


def test_a_greeting_after_a_closing_that_stands_is_back_filled(run, journal):
    close(run)
    assert BACK_FILLED in late_greeting(run).stderr
    # and another day's closing does not make this one closed
    close(run, "2026-11-21")
    assert BACK_FILLED not in late_greeting(run, "2026-11-22").stderr


@pytest.mark.parametrize("void_at", ["2026-11-20T17:10", "2026-11-21T09:00",
                                     "2026-12-01T09:00"])
def test_a_void_of_the_closing_makes_a_later_greeting_a_normal_one(run, journal, void_at):
    """Recorded the same day, the day after, or in the next month's folder."""
    closed = close(run)
    rec(run, "void", closed, "--reason", "closed too early", "--at", void_at)
    assert BACK_FILLED not in late_greeting(run).stderr


def test_a_void_of_another_entry_on_a_later_day_leaves_the_closing_standing(run, journal):
    greeted = rec(run, "greet", "--at", f"{DAY}T10:00", "--route", "counter").stdout.strip()
    close(run)
    rec(run, "void", greeted, "--reason", "recorded twice", "--at", "2026-11-21T09:00")
    assert BACK_FILLED in late_greeting(run).stderr


def test_a_hand_written_void_spelling_the_id_with_an_escape_counts(run, journal):
    closed = close(run)
    escaped = "\\u00" + format(ord(closed[0]), "x") + closed[1:]
    line = void_line("261121-aaaaaa", "REF", "2026-11-21T09:00:00+08:00").replace(
        '"REF"', f'"{escaped}"')
    append_line(journal, "2026-11-21", line)
    assert rec(run, "check").exit_code == 0
    assert BACK_FILLED not in late_greeting(run).stderr


@pytest.mark.parametrize("why", ["no reason", "an earlier day's file"])
def test_a_void_check_refuses_takes_no_closing_out(run, journal, why):
    closed = close(run)
    if why == "no reason":  # a void without its reason is no void
        line = void_line("261121-aaaaaa", closed, "2026-11-21T09:00:00+08:00", reason=None)
        append_line(journal, "2026-11-21", line)
    else:  # a void cannot name a later day than its own
        line = void_line("261119-aaaaaa", closed, "2026-11-19T09:00:00+08:00")
        append_line(journal, "2026-11-19", line)
    assert run("--now", NOW, "check").exit_code == 1
    assert BACK_FILLED in late_greeting(run).stderr


@pytest.mark.parametrize("spoil", ["a repeated id", "an unknown item", "another day's time",
                                   "an unknown field"])
def test_a_closing_check_refuses_is_no_closing(run, journal, spoil):
    greeted = rec(run, "greet", "--at", f"{DAY}T10:00", "--route", "counter").stdout.strip()
    entry = {"id": "261120-cccccc", "type": "close", "at": f"{DAY}T17:00:00+08:00",
             "by": "王芳", "ok": ["cleaning", "equipment", "log"]}
    if spoil == "a repeated id":
        entry["id"] = greeted
    elif spoil == "an unknown item":
        entry["ok"] = ["cleaning", "equipment", "log", "lights"]
    elif spoil == "another day's time":
        entry["at"] = "2026-11-21T17:00:00+08:00"
    else:
        entry["colour"] = "blue"
    append_line(journal, DAY, dump_entry(entry))
    assert run("--now", NOW, "check").exit_code == 1
    assert BACK_FILLED not in late_greeting(run).stderr
    # a second closing that stands closes the day again
    close(run)
    assert BACK_FILLED in late_greeting(run).stderr


def test_a_closing_with_a_voided_twin_id_elsewhere_in_the_file(run, journal):
    """Two closings, the first voided: the second still closes the day."""
    first = close(run)
    rec(run, "void", first, "--reason", "closed too early", "--at", "2026-11-22T09:00")
    assert BACK_FILLED not in late_greeting(run).stderr
    rec(run, "close", "--at", f"{DAY}T18:00", "--ok")
    assert BACK_FILLED in rec(run, "greet", "--at", f"{DAY}T18:30").stderr


def test_the_types_a_recorder_asks_about_link_to_nothing():
    """``check.standing`` judges an opening or closing without
    ``check.refs``: that holds only while neither type carries a link."""
    from lobbyctl.schema import vocab
    from lobbyctl.store.day_facts import STANDING_TYPES

    # no link leads to an opening or closing, and neither carries one
    assert not any(set(targets) & set(STANDING_TYPES) for targets in vocab.LINKS.values())
    assert not any(owner in STANDING_TYPES for owner, _name in vocab.LINKS)
    assert not any(vocab.LINK_FIELDS.get(entry_type) for entry_type in STANDING_TYPES)
