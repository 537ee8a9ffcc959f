"""The fast paths change no verdict (issue 13).

The validator's compiled per-type test (``check.compiled``) may only ever
say "clean" of an entry the full judgement (the one that words ``check``'s
messages) finds nothing wrong with; and the canonical line proven by its
shape (``store.lines``) is exactly the line proven by encoding it again.
Random and hostile entries of every type and every field kind, from the
schema itself, so a type or field added to ``vocab.FIELDS`` is covered too."""

import datetime
import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings, strategies as st

from lobbyctl.check import entry as judging
from lobbyctl.cli.main import cli
from lobbyctl.schema import fields, vocab
from lobbyctl.store import lines
from lobbyctl.store.journal import Journal
from robustness import scale

DAY = datetime.date(2026, 11, 20)
PREFIX = "261120"
ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


@pytest.fixture(scope="module", autouse=True)
def shape_proof():
    """The shape proof in use from the first line (a process compiles it
    once it has read enough lines for it to pay)."""
    lines._compile_plain()


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    root = tmp_path_factory.mktemp("fast") / "journal"
    result = CliRunner().invoke(cli, ["-J", str(root), "init", "--branch-code", "0101",
                                      "--branch-name", "城东支行", "--manager", "王芳"],
                                env={"LOBBYCTL_NOW": "", "LOBBYCTL_JOURNAL": ""})
    assert result.exit_code == 0, result.output
    return judging.Rules(Journal.open(str(root)))


hostile = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.integers(), st.floats(),
    st.text(max_size=8), st.just("\ud800"), st.just(""), st.just(" "),
    st.lists(st.integers(), max_size=2), st.lists(st.lists(st.text(max_size=2)), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(2**70), st.just(float("nan")))
texts = st.one_of(st.text(max_size=12), st.just("客户办理存款"), st.just("a\ud83db"),
                  st.just("x\udc00"))
ids = st.builds(lambda day, tail: day + "-" + tail,
                st.sampled_from([PREFIX, "261119", "261121", "991231", "26112", "2611200"]),
                st.text(ID_ALPHABET + "ILOU-", min_size=5, max_size=7))
dates = st.one_of(st.dates(datetime.date(2026, 11, 18), datetime.date(2026, 11, 23))
                  .map(datetime.date.isoformat),
                  st.sampled_from(["2026-02-30", "2026-11-20 ", "２０２６-11-20", "2026-1-20",
                                   "2026-11-20\n", "20261120"]))
times = st.one_of(
    st.builds(lambda h, m, s, tail: f"2026-11-20T{h:02d}:{m:02d}:{s:02d}{tail}",
              st.integers(0, 25), st.integers(0, 61), st.integers(0, 61),
              st.sampled_from(["+08:00", "+08:00:00", "Z", "+00:00", "", "+0800", "+08:00 ",
                               ".5+08:00", "+08:00\n"])),
    st.sampled_from(["2026-11-20", "2026-11-20 10:00+08:00", "2026-11-20t10:00:00+08:00",
                     "2026-11-21T01:00:00+08:00", "2026-11-19T23:59:59-01:00",
                     "2026-11-20T１０:00:00+08:00", "2026-11-20T10:00:00+08:00" + "0" * 60]))


def values_of(kind, vocabularies):
    """(good values of a kind, near misses and anything at all)."""
    if isinstance(kind, fields.Label):
        keys = sorted(vocabularies[kind.vocab].labels)
        zh = [label[0] for label in vocabularies[kind.vocab].labels.values()]
        near = st.one_of(st.sampled_from(zh), st.sampled_from([key.upper() for key in keys]),
                         st.sampled_from([" " + key for key in keys]), texts)
        if isinstance(kind, fields.Checklist):
            return (st.dictionaries(st.sampled_from(keys), texts, max_size=3),
                    st.one_of(st.dictionaries(st.one_of(near, st.sampled_from(keys)),
                                              st.one_of(texts, hostile), min_size=1, max_size=2),
                              hostile))
        if isinstance(kind, fields.Labels):
            return (st.lists(st.sampled_from(keys), max_size=3),
                    st.one_of(st.lists(st.one_of(near, hostile), min_size=1, max_size=3),
                              hostile))
        return st.sampled_from(keys), st.one_of(near, hostile)
    if isinstance(kind, fields.Int):
        low = kind.least if kind.least is not None else -5
        high = kind.most if kind.most is not None else 10**9
        return (st.integers(max(low, -5), high),
                st.one_of(st.integers(low - 3, high + 3), st.sampled_from([True, False]), hostile))
    good_text = st.one_of(st.text(st.characters(blacklist_categories=["Cs"]), max_size=12),
                          st.just("客户办理存款"))
    good_date = st.dates(DAY, datetime.date(2026, 12, 31)).map(datetime.date.isoformat)
    good, bad = {
        fields.Text: (good_text, texts), fields.Bool: (st.booleans(), hostile),
        fields.Date: (good_date, dates), fields.Id: (st.just("261119-abcdef"), ids),
        fields.Timestamp: (st.just("2026-11-20T10:45:00+08:00"), times),
        fields.Names: (st.lists(good_text, max_size=3), st.lists(texts, min_size=1, max_size=3)),
    }.get(type(kind), (None, None))
    if good is None:  # a kind this test does not know: its clean value, and anything
        good = bad = st.just(clean_value(kind, vocabularies))
    return good, st.one_of(bad, hostile)


def clean_value(kind, vocabularies):
    """A value ``kind`` accepts, for any kind of the schema."""
    if isinstance(kind, fields.Label):
        key = sorted(vocabularies[kind.vocab].labels)[0]
        return {fields.Checklist: {key: "说明"}, fields.Labels: [key]}.get(type(kind), key)
    if isinstance(kind, fields.Int):
        return kind.least if kind.least is not None else 0
    if hasattr(kind, "sold"):  # ice-breaker sales: products and how many were sold
        return [{"product": "理财", "sold": kind.sold.least or 0}]
    return {fields.Text: "客户办理存款", fields.Bool: True, fields.Date: "2026-11-21",
            fields.Id: "261119-abcdef", fields.Timestamp: "2026-11-20T10:45:00+08:00",
            fields.Names: ["王芳"]}[type(kind)]


@st.composite
def entries(draw, vocabularies):
    """An entry of any type, most of its fields good and a few anything:
    the fast test must say "clean" often for its "clean" to be tested."""
    entry_type = draw(st.sampled_from(sorted(fields.TYPES)))
    kinds = {**fields.COMMON, **fields.TYPES[entry_type]}
    names = list(kinds)
    spoilt = draw(st.one_of(st.just(set()), st.sets(st.sampled_from(names), max_size=2),
                            st.just(set(names))))
    # few optional fields, or about half: a test that stops once it has
    # seen every field present must still have tested every required one
    sparse = draw(st.booleans())
    entry = {}
    for name, kind in kinds.items():
        required = name in judging.COMMON_REQUIRED or name in vocab.REQUIRED[entry_type]
        bad = name in spoilt
        if not required and (draw(st.integers(0, 3)) != 0 if sparse else not draw(st.booleans())):
            continue
        if required and bad and draw(st.integers(0, 4)) == 0:
            continue  # a required field missing
        if name == "id":
            value = st.one_of(ids, hostile) if bad else st.just(PREFIX + "-7kq3xm")
        elif name == "type":
            value = st.sampled_from(["bogus", 3, None, [entry_type]]) if bad \
                else st.just(entry_type)
        elif name == "at":
            value = st.one_of(times, hostile) if bad else st.just("2026-11-20T10:30:00+08:00")
        else:
            good, anything = values_of(kind, vocabularies)
            value = anything if bad else good
        entry[name] = draw(value)
    if draw(st.integers(0, 9)) == 0:
        entry[draw(st.sampled_from(["rout", "x", "", "ID", "type "]))] = draw(hostile)
    order = draw(st.permutations(list(entry)))
    return {name: entry[name] for name in order}


def both_verdicts(rules, entry, seen=()):
    fast_context = rules.file(DAY, "2026/11/2026-11-20.yaml")
    full_context = rules.file(DAY, "2026/11/2026-11-20.yaml")
    for number, earlier in enumerate(seen, 1):
        fast_context.seen[earlier] = full_context.seen[earlier] = number
    clean = fast_context.fast.get(entry.get("type")) if type(entry.get("type")) is str else None
    said_clean = bool(clean and clean(entry))
    found = judging._all_problems(entry, DAY, full_context, 9)
    return said_clean, found, judging.entry_problems(entry, DAY, fast_context, 9)


@settings(max_examples=scale(400, 20000), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.stress
def test_the_compiled_test_never_passes_what_the_full_judgement_refuses(rules, data):
    vocabularies = fields.vocabularies()
    entry = data.draw(entries(vocabularies))
    earlier = [entry["id"]] if type(entry.get("id")) is str else []
    seen = data.draw(st.lists(st.sampled_from(earlier + ["261120-aaaaaa"]), max_size=1))
    said_clean, found, verdict = both_verdicts(rules, entry, seen)
    event("fast: clean" if said_clean else "fast: not sure")
    if said_clean:
        assert found == [], (entry, found)
    # and what a reader or check is told is the full judgement's, word for word
    assert list(verdict) == found


def test_the_compiled_test_passes_clean_entries_of_every_type(rules):
    """Not a test that says "not sure" of everything: a clean entry of each
    type, with every field it may have, takes the fast path."""
    vocabularies = fields.vocabularies()
    for entry_type, kinds in fields.TYPES.items():
        entry = {"id": "261120-7kq3xm", "type": entry_type, "at": "2026-11-20T10:30:00+08:00",
                 "by": "王芳"}
        for name, kind in kinds.items():
            entry[name] = clean_value(kind, vocabularies)
        said_clean, found, verdict = both_verdicts(rules, entry)
        assert found == [] and verdict == () and said_clean, (entry_type, found)
        # the same id again in the file: never clean
        assert both_verdicts(rules, entry, [entry["id"]])[0] is False


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=6),
              st.sampled_from(["\u2028", "\x7f", "\ufeff", "\ud800", "\"", "\\", "\n", "é"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=3), inner, max_size=3)),
    max_leaves=8)


@settings(max_examples=scale(300, 10000), deadline=None)
@given(st.dictionaries(st.text(max_size=5), json_values, min_size=1, max_size=6))
def test_a_written_line_reads_back_by_its_shape_or_by_encoding(entry):
    line = lines.dump_entry(entry)[:-1]
    assert lines.parse_line(line) == entry
    assert lines._proved_by_encoding(line) == entry


def mutations(line):
    """Lines that decode to the same values (or nearly) but are not the
    writer's bytes: spacing, escapes, a key twice, numbers spelt otherwise."""
    return st.one_of(
        st.builds(lambda at, text: line[:at] + text + line[at:],
                  st.integers(2, len(line)), st.sampled_from([" ", "\t", "\\", "\"", ",",
                                                              "\u2028", "0", "-", "\r"])),
        st.builds(lambda at: line[:at] + line[at + 1:], st.integers(2, len(line) - 1)),
        st.just(line.replace(": ", ":")), st.just(line.replace(", ", ",")),
        st.just(line.replace("é", "\\u00e9")), st.just(line.replace("1", "-0")),
        st.just(line[:-1] + ", " + line[3:]), st.just(line.replace("1", "1.0")),
        st.just(line.replace("\"", "'")), st.just(line + " "), st.just(line + "#"))


@pytest.mark.stress
@settings(max_examples=scale(400, 20000), deadline=None)
@given(st.data())
@example(data=None)
def test_the_shape_proof_accepts_exactly_what_encoding_accepts(data):
    if data is None:  # the hostile lines that found holes while it was written
        cases = ['- {"a": 1, "a": 1}', '- {"a": -0}', '- {"a": 01}', '- {"a":1}',
                 '- {"a": "\u2028"}', '- {"a": "\\u2028"}', '- {"a": "\\ud83d\\ude00"}',
                 '- {"a": {"b": 1, "b": 1}}', '- {"a": [1,2]}', '- {"a": 1} ', '- {"a": 1}x',
                 '- {"a": 1e3}', '- {"a": NaN}', '- {"a": "\\/"}', '- {"a": "\x7f"}', '- {}']
    else:
        entry = data.draw(st.dictionaries(st.text(max_size=4), json_values, min_size=1,
                                          max_size=5))
        cases = [data.draw(mutations(lines.dump_entry(entry)[:-1]))]
    for line in cases:
        by_shape, by_encoding = lines.parse_line(line), lines._proved_by_encoding(line)
        assert by_shape == by_encoding, line
        if by_shape is not None:
            assert lines.dump_entry(by_shape) == line + "\n"
            assert json.loads(line[2:]) == by_shape


def test_the_compiled_test_tests_every_required_field(rules):
    """An entry of only its required fields, one of them wrong: never clean,
    wherever the field stands among the optional ones (a test that stops
    once every field present is seen must have tested the required first)."""
    vocabularies = fields.vocabularies()
    for entry_type, kinds in fields.TYPES.items():
        clean = {"id": "261120-7kq3xm", "type": entry_type, "at": "2026-11-20T10:30:00+08:00",
                 "by": "王芳"}
        for name in vocab.REQUIRED[entry_type]:
            clean[name] = clean_value(kinds[name], vocabularies)
        assert both_verdicts(rules, clean)[0], entry_type
        for name in [*judging.COMMON_REQUIRED, *vocab.REQUIRED[entry_type]]:
            if name == "type":
                continue
            spoilt = {**clean, name: [["not", "a", "value"]]}
            said_clean, found, _verdict = both_verdicts(rules, spoilt)
            assert not said_clean and found, (entry_type, name)


@pytest.mark.stress
@settings(max_examples=scale(300, 10000), deadline=None)
@given(st.data())
def test_a_day_read_in_runs_reads_as_its_lines_do(data):
    """A day file read by runs of lines, each run one ``json.loads``
    (``lines.parse_lines``), gives the entries its lines give one by one,
    or None when one line would not be read as the writer's: a line of
    its own, an odd line, a key twice or a value starting with ``": `` in
    the middle of a run changes no verdict."""
    written = data.draw(st.lists(st.dictionaries(st.text(max_size=4), json_values, min_size=1,
                                                 max_size=5), min_size=1, max_size=6))
    rows = [lines.dump_entry(entry)[:-1] for entry in written]
    odd = st.sampled_from(['- {"a": 1, "a": 2}', '- {"a": ": b"}', '- {"a": {"b": 1}}',
                           '- {"a": [{"b": 1}, {"b": 2, "c": "d"}]}', "# a comment", "",
                           '- {"a": 1}\r', '- {"a": {"b": {"c": 1}}}'])
    for at in data.draw(st.lists(st.integers(0, len(rows) - 1), max_size=2)):
        rows[at] = data.draw(st.one_of(mutations(rows[at]), odd) if len(rows[at]) > 3 else odd)
    text = "\n".join(rows) + "\n"
    one_by_one = [lines.parse_line(row) for row in rows]
    in_runs = lines.parse_lines(text)
    if None in one_by_one:  # not every line an entry the writer wrote: never read in runs
        assert in_runs is None, text
    else:  # read in runs as line by line, or left to be read line by line
        assert in_runs is None or in_runs == one_by_one, text
    if in_runs is None and None not in one_by_one:  # given up for a key's count alone
        assert text.count('": ') != sum(map(lines._keys_in, one_by_one)), text
