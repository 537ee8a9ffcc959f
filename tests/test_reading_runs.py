"""Reading a day in runs of lines (issue 13): a day file's common lines are
proved by one pattern and read by one ``json.loads`` a run; any other line
is proved on its own.  Whatever the path, every reader reads and counts
what ``check`` accepts, line for line, as before; and the links into a
greeting, which no reader keeps for the whole range any more, are judged
from the file they name."""

import json

from conftest import day_file, subprocess_run
from lobbyctl.store.lines import dump_entry

DAY, NEXT = "2026-11-20", "2026-11-21"
MANY = 2100  # more lines than a process reads before it proves lines by their shape


def greet(entry_id, day=DAY, minute=0, **values):
    return {"id": entry_id, "type": "greet", "at": f"{day}T10:{minute % 60:02d}:00+08:00",
            "by": "王芳", "count": 1, "route": "counter", **values}


def ids(prefix, count):
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    return [prefix + "-" + "".join(alphabet[(n // 32 ** k) % 32] for k in range(6))
            for n in range(count)]


def write(journal, day, rows):
    path = day_file(journal, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(rows), encoding="utf-8")
    return path


def pivot(journal, *extra):
    return subprocess_run(["-J", journal, "report", "table", "--by", "route", "--from", DAY,
                           "--to", NEXT, "-f", "csv", *extra])


def total(csv_text):
    return int([line for line in csv_text.splitlines() if line.endswith(",all")][0]
               .split(",")[-2])


def test_a_key_written_twice_in_the_middle_of_a_run_is_what_check_says(journal):
    write(journal, DAY, [dump_entry(greet(entry_id, minute=n))
                         for n, entry_id in enumerate(ids("261120", MANY))])
    rows = [dump_entry(greet(entry_id, NEXT)) for entry_id in ids("261121", 300)]
    # json would keep the last "route"; the line is not one the writer wrote
    rows[150] = rows[150].replace('"route": "counter"', '"route": "counter", "route": "lobby"')
    write(journal, NEXT, rows)
    checked = subprocess_run(["-J", journal, "check"])
    assert checked.returncode == 1
    assert f"{NEXT}.yaml:151:" in checked.stdout
    for _run in (1, 2):  # parsed, then with the cache kept
        result = pivot(journal)
        assert result.returncode == 1 and result.stdout == ""
        assert f"{NEXT}.yaml:151:" in result.stderr and "Traceback" not in result.stderr


def test_odd_lines_among_the_runs_are_read_as_written(journal):
    write(journal, DAY, [dump_entry(greet(entry_id, minute=n))
                         for n, entry_id in enumerate(ids("261120", MANY))])
    rows = [dump_entry(greet(entry_id, NEXT)) for entry_id in ids("261121", 300)]
    rows[10] = dump_entry(greet("261121-zzzzz1", NEXT, note=": 客户问: 能否改约"))
    rows[20] = dump_entry(greet("261121-zzzzz2", NEXT, note="换行\n和\\反斜杠"))
    rows[30] = "# a comment typed by hand\n"
    rows[40] = dump_entry({"id": "261121-zzzzz3", "type": "open", "at": f"{NEXT}T08:30:00+08:00",
                           "by": "王芳", "ok": ["appearance"],
                           "problems": {"facilities": "签字笔缺失"}})
    write(journal, NEXT, rows)
    assert subprocess_run(["-J", journal, "check"]).returncode == 0
    for _run in (1, 2):
        result = pivot(journal)
        assert result.returncode == 0, result.stderr
        assert total(result.stdout) == MANY + 300 - 2  # less the comment and the open
    exported = subprocess_run(["-J", journal, "export", "--from", NEXT, "--to", NEXT])
    notes = {row["id"]: row["note"] for row in map(json.loads, exported.stdout.splitlines())}
    assert notes["261121-zzzzz1"] == ": 客户问: 能否改约"
    assert notes["261121-zzzzz2"] == "换行\n和\\反斜杠"


def referral(entry_id, greeting, day=NEXT, hour=11):
    return {"id": entry_id, "type": "refer", "at": f"{day}T{hour:02d}:00:00+08:00", "by": "王芳",
            "product": "大额存单", "to": "wealth-manager", "outcome": "pending",
            "greet": greeting}


def test_a_referral_names_a_greeting_of_an_earlier_day(journal):
    """No reader keeps every greeting of its range: the one a referral of a
    later day names is looked for in its own day file, as ``check`` does."""
    write(journal, DAY, [dump_entry(greet("261120-aaaaaa"))])
    write(journal, NEXT, [dump_entry(greet("261121-aaaaaa", NEXT)),
                          dump_entry(referral("261121-rrrrrr", "261120-aaaaaa"))])
    assert subprocess_run(["-J", journal, "check"]).returncode == 0
    for _run in (1, 2):
        counted = subprocess_run(["-J", journal, "report", "table", "--type", "refer",
                                  "--from", DAY, "--to", NEXT, "-f", "csv"])
        assert counted.returncode == 0, counted.stderr
        assert total(counted.stdout) == 1
    # the greeting gone from its day: every reader refuses the referral as check does
    write(journal, DAY, [dump_entry(greet("261120-bbbbbb"))])
    checked = subprocess_run(["-J", journal, "check"])
    assert checked.returncode == 1 and f"{NEXT}.yaml:2: greet" in checked.stdout
    assert "261120-aaaaaa" in checked.stdout
    message = checked.stdout.split(".yaml:2: ", 1)[1]
    for _run in (1, 2):
        refused = subprocess_run(["-J", journal, "report", "table", "--type", "refer",
                                  "--from", NEXT, "--to", NEXT, "-f", "csv"])
        assert refused.returncode == 1
        assert refused.stderr.endswith(f"{NEXT}.yaml:2: {message}"), refused.stderr


def test_a_referral_names_a_greeting_of_its_own_day_below_it(journal):
    """A link to its own day is looked for in the file being read: a
    greeting recorded after the referral that names it is refused."""
    write(journal, NEXT, [dump_entry(referral("261121-rrrrrr", "261121-aaaaaa", hour=9)),
                          dump_entry(greet("261121-aaaaaa", NEXT))])
    checked = subprocess_run(["-J", journal, "check"])
    assert checked.returncode == 1 and f"{NEXT}.yaml:1: at" in checked.stdout
    message = checked.stdout.split(".yaml:1: ", 1)[1]
    refused = subprocess_run(["-J", journal, "report", "table", "--type", "refer",
                              "--from", NEXT, "--to", NEXT, "-f", "csv"])
    assert refused.returncode == 1 and refused.stderr.endswith(f"{NEXT}.yaml:1: {message}")
