"""The line proof (issue 13): a greeting's line as the recorder writes it is
proved clean by one pattern over runs of lines (``check.compiled.
compile_lines``), the day file's facts tested entry by entry.  It may only
ever keep what the compiled test and the full judgement keep: a reader
given the proof reads exactly what one without it reads, entry for entry
and message for message; and it does prove the lines a recorder writes (a
proof that proves nothing would pass every test above)."""

import datetime
import re

import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings, strategies as st

from conftest import Run, day_file
from lobbyctl.check import compiled
from lobbyctl.check.reading import readable, rules_for
from lobbyctl.errors import FileProblem
from lobbyctl.schema import fields, vocab
from lobbyctl.store import lines
from lobbyctl.store.dayfile import parse_day
from lobbyctl.store.journal import Journal
from robustness import scale
from test_fast_check import ID_ALPHABET, PREFIX, entries, ids, texts, times, values_of

DAY = datetime.date(2026, 11, 20)
NOW = {"LOBBYCTL_NOW": "2026-11-20T18:00"}
# the order the recorder writes each type's fields in (the one order the proof knows)
ORDER = {entry_type: [*vocab.COMMON_FIELDS, *fields.TYPES[entry_type]]
         for entry_type in compiled.LINE_TYPES}
PROVED = []  # whether the proof proved a line of each file read


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    root = tmp_path_factory.mktemp("proof") / "journal"
    run = Run(root, env=NOW)
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--manager", "王芳",
                 "--lang", "en")
    assert result.exit_code == 0, result.stderr
    return Journal.open(str(root))


def read_both(journal, path):
    """What a reader keeps of the file, and what it leaves out (with
    ``check``'s messages): with the line proof, then without it."""
    data = path.read_bytes()
    broad, narrow = rules_for(journal).lines(broad=True), rules_for(journal).lines(broad=False)
    assert broad is not None and narrow is not None
    verdicts = []
    for proof in (broad, None, narrow):
        try:
            day = parse_day(str(path), data, proof)
        except FileProblem as problem:  # not a day file any reader reads, either way
            verdicts.append(("unreadable", problem.line, problem.detail))
            continue
        if proof is not None:
            PROVED.append(bool(day.proven))
        skipped = []
        kept = readable(journal, day, skipped, DAY)
        verdicts.append(([entry["id"] for entry in kept.entries],
                         [(problem.line, problem.detail) for problem in skipped]))
    assert verdicts[2] == verdicts[1]  # the greetings' proof alone keeps the same
    return verdicts[:2]


def in_schema_order(entry):
    """The entry with its fields in the order the recorder writes them (the
    one order the proof knows); fields the schema does not name last."""
    order = ORDER.get(entry.get("type") if type(entry.get("type")) is str else None,
                      ORDER["greet"])
    rank = {name: index for index, name in enumerate(order)}
    return {name: entry[name] for name in sorted(entry, key=lambda name: rank.get(name, 99))}


@st.composite
def near_lines(draw, entry_type=None):
    """An entry of a type the proof knows (a greeting by default: nine lines
    in ten) in the recorder's order, each field mostly good and now and
    then anything at all (so the proof is often taken, and often nearly)."""
    if entry_type is None:
        entry_type = draw(st.sampled_from(compiled.LINE_TYPES))
    vocabularies = fields.vocabularies()
    entry = {"id": draw(st.one_of(st.builds(lambda tail: PREFIX + "-" + tail,
                                            st.text(ID_ALPHABET, min_size=6, max_size=6)),
                                  ids)) if draw(st.integers(0, 9)) == 0 else
             PREFIX + "-" + draw(st.text(ID_ALPHABET, min_size=6, max_size=6)),
             "type": entry_type,
             "at": draw(times) if draw(st.integers(0, 9)) == 0 else
             f"2026-11-20T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:00+08:00",
             "by": draw(texts) if draw(st.integers(0, 9)) == 0 else "王芳"}
    required = vocab.REQUIRED[entry_type]
    for name, kind in fields.TYPES[entry_type].items():
        if name not in required and draw(st.booleans()):
            continue
        good, anything = values_of(kind, vocabularies)
        if type(kind) is fields.Text and draw(st.booleans()):
            good = st.sampled_from(["客户办理存款", "A023", "x", ""])  # what a lobby writes
        entry[name] = draw(anything if draw(st.integers(0, 29)) == 0 else good)
    return entry


greetings = st.one_of(near_lines("greet"), near_lines(), entries(fields.vocabularies()))


@settings(max_examples=scale(300, 10000), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(greetings, st.booleans()), min_size=1, max_size=8), st.data())
@example([], None)
@pytest.mark.stress
def test_the_proof_keeps_what_the_compiled_tests_keep(journal, tmp_path_factory, written, data):
    """Random and hostile greetings (mostly in the recorder's order), a few
    lines mutated: a reader with the proof keeps and refuses exactly what a
    reader without it does (the compiled test, held to the full judgement
    by tests/test_fast_check.py)."""
    if data is None:  # the near misses a pattern is easiest to get wrong
        good = {"id": PREFIX + "-7kq3xm", "type": "greet", "at": "2026-11-20T10:30:00+08:00",
                "by": "王芳", "count": 1, "segment": "regular", "route": "counter", "wait": 5}
        rows = [lines.dump_entry(good)[:-1]]
        for change in ({"count": 0}, {"count": 501}, {"count": 500}, {"wait": 600},
                       {"wait": 601}, {"wait": -1}, {"count": True}, {"route": "counterx"},
                       {"segment": "REGULAR"}, {"id": "261121-7kq3xm"}, {"new": None},
                       {"at": "2026-11-21T10:30:00+08:00"}, {"at": "2026-11-20T10:30:00+09:00"},
                       {"at": "2026-11-20T24:30:00+08:00"}, {"groups": ["elderly", "elderly"]},
                       {"groups": []}, {"groups": ["Elderly"]}, {"by": "\u2028"},
                       {"id": PREFIX + "-7kq3xn"}, {"note": "客户办理存款"}, {"count": 7}):
            rows.append(lines.dump_entry({**good, **change})[:-1])
        # the links and dates the proof leaves to the reader
        refer = {"id": PREFIX + "-8kq3xm", "type": "refer", "at": "2026-11-20T10:40:00+08:00",
                 "by": "王芳", "product": "理财", "outcome": "pending", "follow_up": "2026-11-27",
                 "greet": PREFIX + "-7kq3xm"}
        update = {"id": PREFIX + "-9kq3xm", "type": "update", "at": "2026-11-20T11:40:00+08:00",
                  "by": "王芳", "ref": PREFIX + "-8kq3xm", "outcome": "accepted"}
        rows += [lines.dump_entry(entry)[:-1] for entry in (refer, update)]
        for number, change in enumerate(({"follow_up": "2026-11-20"}, {"follow_up": "2026-11-19"},
                                         {"follow_up": "2026-02-30"}, {"follow_up": "2026-13-01"},
                                         {"greet": "261121-7kq3xm"}, {"greet": "261119-7kq3xm"},
                                         {"lead": "261120-7kq3xm"}, {"after": "991231-7kq3xm"},
                                         {"greet": PREFIX + "-7kq3xi"})):
            rows.append(lines.dump_entry({**refer, **change,
                                          "id": f"{PREFIX}-8kq3{ID_ALPHABET[number]}a"})[:-1])
        for number, change in enumerate(({"ref": "261121-8kq3xm"}, {"ref": "261119-8kq3xm"},
                                         {"follow_up": "2026-11-19", "outcome": "pending"},
                                         {"ref": PREFIX + "-9kq3xm"})):
            rows.append(lines.dump_entry({**update, **change,
                                          "id": f"{PREFIX}-9kq3{ID_ALPHABET[number]}a"})[:-1])
        rows.append(rows[0])  # an id twice in the file
    else:
        rows = []
        for entry, ordered in written:
            try:
                rows.append(lines.dump_entry(in_schema_order(entry) if ordered else entry)[:-1])
            except (TypeError, ValueError):  # NaN: never written (the writer refuses it)
                continue
        assume(rows)
        for at in data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=2)):
            row = rows[at]
            cut = data.draw(st.integers(2, max(2, len(row) - 1)))
            rows[at] = data.draw(st.sampled_from([
                row.replace(", ", ",", 1), row[:cut] + " " + row[cut:], row.replace("1", "01", 1),
                row.replace('"', "'", 1), row + "x"]))
    path = day_file(tmp_path_factory.mktemp("day"), "2026-11-20")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(row + "\n" for row in rows), encoding="utf-8")
    with_proof, without = read_both(journal, path)
    event("the proof proved a line" if PROVED and PROVED[-1] else "no line proved")
    assert with_proof == without, rows


def test_the_proof_proves_what_the_recorder_writes(tmp_path):
    """Greetings recorded through the CLI, with every field a greeting may
    have but a link: each line is one the pattern proves, and the reader
    with the proof keeps them all (so the proof is not a test that cannot
    fail: it is taken)."""
    run = Run(tmp_path / "journal", env=NOW)
    assert run("init", "--branch-code", "0101", "--branch-name", "城东支行",
               "--manager", "王芳").exit_code == 0
    for args in (["--route", "counter"],
                 ["--count", "3", "--segment", "high", "--purpose", "wealth", "--route",
                  "wealth-manager", "--wait", "12", "--group", "elderly", "--assist", "care",
                  "--new", "--potential", "--ticket", "A023", "--remind-rating",
                  "--note", "客户办理存款"]):
        result = run("greet", "--at", "2026-11-20T10:00", *args)
        assert result.exit_code == 0, result.stderr
    journal = Journal.open(str(tmp_path / "journal"))
    path = day_file(tmp_path / "journal", "2026-11-20")
    day = parse_day(str(path), path.read_bytes(), rules_for(journal).lines(broad=True))
    assert [(first, count) for first, count, _start, _end in day.proven] == [(0, 2)]
    assert compiled.proven(day) == [(0, 2)] and day.text is None  # the text is not kept
    with_proof, without = read_both(journal, path)
    assert with_proof == without and len(with_proof[0]) == 2 and not with_proof[1]


def test_a_greeting_the_proof_does_not_know_takes_the_compiled_test(journal, tmp_path):
    """A lead (a link the file decides), another field order, an extra key:
    not proved by the pattern, read as before."""
    good = {"id": PREFIX + "-7kq3xm", "type": "greet", "at": "2026-11-20T10:30:00+08:00",
            "by": "王芳", "count": 1, "route": "counter"}
    rows = [lines.dump_entry(good),
            lines.dump_entry({**good, "id": PREFIX + "-7kq3xn", "lead": "261119-abcdef"}),
            lines.dump_entry({"count": 1, **{**good, "id": PREFIX + "-7kq3xp"}}),
            lines.dump_entry({**good, "id": PREFIX + "-7kq3xq", "colour": "red"})]
    path = day_file(tmp_path, "2026-11-20")
    path.parent.mkdir(parents=True)
    path.write_text("".join(rows), encoding="utf-8")
    day = parse_day(str(path), path.read_bytes(), rules_for(journal).lines(broad=True))
    assert [(first, count) for first, count, _start, _end in day.proven] == [(0, 1)]
    with_proof, without = read_both(journal, path)
    assert with_proof == without
    assert len(with_proof[0]) == 2 and len(with_proof[1]) == 2  # lead unknown, colour unknown


@pytest.mark.parametrize("least, most", [(0, 0), (1, 1), (0, 9), (1, 500), (0, 600), (7, 13),
                                         (95, 1005), (0, 100000), (10, 99), (123, 4567)])
def test_a_range_of_whole_numbers_as_a_pattern(least, most):
    pattern = re.compile(compiled.int_pattern(least, most) + r"\Z")
    top = most * 2 + 20
    assert [n for n in range(top) if pattern.match(str(n))] == list(range(least, most + 1))
    for spelt in ("0" + str(most), "-" + str(least or 1), "+1", " 1", str(least) + ".0"):
        assert not pattern.match(spelt), spelt


def test_a_reader_counts_what_check_accepts_with_the_proof(tmp_path):
    """Through the CLI: a day of good greetings and bad ones that only the
    day's facts tell apart (ids twice, another day's id, another offset);
    the pivot counts what ``check`` accepts and names what it refuses."""
    from conftest import subprocess_run
    from test_reading_runs import total

    root = tmp_path / "journal"
    run = Run(root, env=NOW)
    assert run("init", "--branch-code", "0101", "--branch-name", "城东支行",
               "--manager", "王芳", "--lang", "en").exit_code == 0
    good = {"id": "", "type": "greet", "at": "2026-11-20T10:30:00+08:00", "by": "王芳",
            "count": 2, "route": "counter"}
    rows = [lines.dump_entry({**good, "id": f"{PREFIX}-{tail}"})
            for tail in ("aaaaaa", "aaaaab", "aaaaac")]
    rows.append(lines.dump_entry({**good, "id": "261121-aaaaad"}))  # another day's id
    rows.append(lines.dump_entry({**good, "id": f"{PREFIX}-aaaaae",
                                  "at": "2026-11-20T10:30:00+09:00"}))
    path = day_file(root, "2026-11-20")
    path.parent.mkdir(parents=True)
    path.write_text("".join(rows * 500), encoding="utf-8")  # ids twice, over a run's worth
    checked = subprocess_run(["-J", root, "check"])
    assert checked.returncode == 1
    problems = [line for line in checked.stdout.splitlines() if ".yaml:" in line]
    # kept: the three ids of the day and the time written with another offset
    # (09:30 in the journal's zone: on the day); refused: every other line
    assert len({problem.split(": ")[0] for problem in problems}) == 2500 - 4
    strict = subprocess_run(["-J", root, "report", "table", "--by", "route", "--from",
                             "2026-11-20", "--to", "2026-11-20", "-f", "csv"])
    assert strict.returncode == 1 and problems[0] in strict.stderr
    skipped = subprocess_run(["-J", root, "report", "table", "--by", "route", "--from",
                              "2026-11-20", "--to", "2026-11-20", "-f", "csv", "--skip-bad"])
    assert skipped.returncode == 0, skipped.stderr
    assert total(skipped.stdout) == 8


def test_a_key_twice_between_proved_lines_is_still_found(journal):
    """The keys of the lines the pattern proved are not counted (it proves
    each once; no quote is in their strings, so no ``": `` either); those of
    the lines between them still are: a key written twice there sends the
    day to be read line by line, as without the proof."""
    typed = rules_for(journal).lines(broad=True)
    good = {"id": PREFIX + "-7kq3xm", "type": "greet", "at": "2026-11-20T10:30:00+08:00",
            "by": "王芳", "count": 1, "route": "counter", "note": "他说: 等 5 分钟"}
    rows = [lines.dump_entry({**good, "id": f"{PREFIX}-aaaaa{n}"}) for n in range(4)]
    # a ticket: its times must come in order, so no pattern proves it
    ticket = lines.dump_entry({"id": PREFIX + "-bbbbbb", "type": "ticket", "at": good["at"],
                               "by": "王芳", "ticket": "A001", "status": "served"})
    text = "".join(rows[:2]) + ticket + "".join(rows[2:])
    lines._compile_plain()
    proven = []
    assert lines.parse_lines(text, typed, proven) == \
        [lines.parse_line(row) for row in text.splitlines()]
    assert [(first, count) for first, count, _start, _end in proven] == [(0, 2), (3, 2)]
    twice = text.replace('"status": "served"', '"status": "served", "status": "no-show"')
    assert lines.parse_lines(twice, typed, []) is None
    assert lines.parse_lines(twice) is None


def test_a_journals_own_labels_are_literals_to_the_proof(tmp_path):
    """Labels a journal adds (``vocabulary:`` in lobbyctl.yaml) are matched
    as they are spelt, whatever they hold: ``a.b`` is not ``aXb``, ``x|y``
    neither ``x`` nor ``y``; the pivot counts what ``check`` accepts."""
    from conftest import subprocess_run
    from test_reading_runs import total

    root = tmp_path / "journal"
    run = Run(root, env=NOW)
    assert run("init", "--branch-code", "0101", "--branch-name", "城东支行",
               "--manager", "王芳", "--lang", "en").exit_code == 0
    config = root / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "vocabulary: {}", 'vocabulary:\n  purpose:\n    "a.b": [点, dot]\n    "x|y": [竖, bar]'),
        encoding="utf-8")
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    rows = []
    for n in range(500):
        purpose = ["a.b", "aXb", "x|y", "x", "y"][n % 5]
        rows.append(lines.dump_entry({
            "id": PREFIX + "-" + "".join(alphabet[(n // 32 ** k) % 32] for k in range(6)),
            "type": "greet", "at": "2026-11-20T10:30:00+08:00", "by": "王芳", "count": 1,
            "purpose": purpose}))
    path = day_file(root, "2026-11-20")
    path.parent.mkdir(parents=True)
    path.write_text("".join(rows), encoding="utf-8")
    checked = subprocess_run(["-J", root, "check"])
    assert checked.returncode == 1
    assert len([line for line in checked.stdout.splitlines() if ".yaml:" in line]) == 300
    pivot = subprocess_run(["-J", root, "report", "table", "--by", "purpose", "--from",
                            "2026-11-20", "--to", "2026-11-20", "-f", "csv", "--skip-bad"])
    assert pivot.returncode == 0, pivot.stderr
    assert total(pivot.stdout) == 200
    assert "a.b,100" in pivot.stdout and "x|y,100" in pivot.stdout


def test_a_day_the_clock_changes_takes_no_short_cut(tmp_path):
    """New York's clocks go forward on 2026-03-08: no offset holds all day,
    so neither the proof's run test nor the flow's hour off the text is
    taken; a time written at the morning's offset and one at the
    afternoon's are each counted at the wall clock zoneinfo gives, as
    ``check`` accepts them."""
    import json
    import os

    from conftest import subprocess_run

    root = tmp_path / "journal"
    run = Run(root, env={"LOBBYCTL_NOW": "2026-03-08T18:00"})
    assert run("init", "--branch-code", "0101", "--branch-name", "城东支行", "--manager",
               "王芳", "--timezone", "America/New_York", "--lang", "en").exit_code == 0
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    rows = []
    for n, at in enumerate(["2026-03-08T01:30:00-05:00", "2026-03-08T03:30:00-04:00",
                            "2026-03-08T03:30:00-05:00", "2026-03-08T10:00:00-04:00"] * 300):
        rows.append(lines.dump_entry({
            "id": "260308-" + "".join(alphabet[(n // 32 ** k) % 32] for k in range(6)),
            "type": "greet", "at": at, "by": "王芳", "count": 1, "route": "counter"}))
    path = day_file(root, "2026-03-08")
    path.parent.mkdir(parents=True)
    path.write_text("".join(rows), encoding="utf-8")
    assert subprocess_run(["-J", root, "check"]).returncode == 0
    day = subprocess_run(["-J", root, "report", "day", "2026-03-08", "-f", "json"],
                         env={**os.environ, "LOBBYCTL_NOW": "2026-03-08T18:00"})
    assert day.returncode == 0, day.stderr
    rows = json.loads(day.stdout)["sections"]["customers"]["by_hour"]["rows"]
    by_hour = {row["hour"][:2]: row["customers"] for row in rows if row["customers"]}
    # 03:30-05:00 is 04:30 on the wall clock; 03:30-04:00 is 03:30
    assert by_hour == {"01": 300, "03": 300, "04": 300, "10": 300}


def test_a_long_walk_proves_every_common_type_a_short_one_greetings_alone(journal):
    """The greetings' proof for a command's first days (a larger pattern
    would cost more to compile than a day's report saves), every common
    type's once it has asked for more days than ``BROAD_AFTER``."""
    from lobbyctl.check.entry import Rules

    rules = Rules(journal)
    good = {"id": PREFIX + "-7kq3xm", "type": "greet", "at": "2026-11-20T10:30:00+08:00",
            "by": "王芳", "count": 1, "route": "counter"}
    rate = {"id": PREFIX + "-7kq3xn", "type": "rate", "at": "2026-11-20T10:40:00+08:00",
            "by": "王芳", "result": "satisfied"}
    text = lines.dump_entry(good) + lines.dump_entry(rate)
    proofs = [rules.lines() for _ in range(compiled.BROAD_AFTER + 2)]
    assert len({id(proof) for proof in proofs}) == 2  # each compiled once
    for proof, both in ((proofs[0], False), (proofs[compiled.BROAD_AFTER - 1], False),
                        (proofs[compiled.BROAD_AFTER], True), (proofs[-1], True)):
        proven = []
        assert lines.parse_lines(text, proof, proven) == [good, rate]
        assert [(first, count) for first, count, _s, _e in proven] == \
            ([(0, 2)] if both else [(0, 1)])


def test_a_proved_link_is_judged_by_the_file_alone_when_the_reader_asks(journal, tmp_path):
    """``refs=False`` (what an index keyed by one file may keep): a proved
    referral whose greeting is nowhere is kept, as without the proof; with
    links judged it is refused, with check's message, either way."""
    refer = {"id": PREFIX + "-8kq3xm", "type": "refer", "at": "2026-11-20T10:40:00+08:00",
             "by": "王芳", "product": "理财", "outcome": "pending", "greet": "261119-7kq3xm"}
    path = day_file(tmp_path, "2026-11-20")
    path.parent.mkdir(parents=True)
    path.write_text(lines.dump_entry(refer), encoding="utf-8")
    verdicts = {}
    for proof in (rules_for(journal).lines(broad=True), None):
        for refs in (False, True):
            day = parse_day(str(path), path.read_bytes(), proof)
            if proof is not None:
                assert day.proven  # the referral's line, its link's shape proved
            skipped = []
            kept = readable(journal, day, skipped, DAY, refs=refs)
            verdicts[proof is not None, refs] = ([entry["id"] for entry in kept.entries],
                                                 [problem.detail for problem in skipped])
    assert verdicts[True, False] == verdicts[False, False] == ([refer["id"]], [])
    assert verdicts[True, True] == verdicts[False, True]
    assert verdicts[True, True][0] == [] and "261119-7kq3xm" in verdicts[True, True][1][0]
