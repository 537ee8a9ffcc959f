"""Every option or argument that takes a vocabulary key takes the key or
either label, case-insensitively, with one error listing keys and labels
(issue 9: `report table --type 迎送分流` and `export --type 产品推荐` failed,
as did `report table --by group`).

The table below names every such parameter; ``test_the_table_covers_every_label_parameter``
walks the whole command tree, so a new vocabulary option must be added here."""

import json

import click
import pytest

from lobbyctl.cli.common import Label
from lobbyctl.cli.main import COMMANDS, cli
from lobbyctl.schema import vocab

from conftest import day_file

TODAY = "2026-12-01"
NOW = {"LOBBYCTL_NOW": f"{TODAY}T10:00"}


def last_entry(root):
    lines = day_file(root, TODAY).read_text(encoding="utf-8").splitlines()
    return json.loads(lines[-1][2:])


def referral(run):
    result = run("refer", "--product", "理财", env=NOW)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def sale(run):
    result = run("refer", "--product", "理财", "--outcome", "accepted", env=NOW)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def complaint(run):
    result = run("complain", "--level", "complaint", "--category", "attitude", "--summary", "慢",
                 env=NOW)
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


# (command path, parameter name, vocabulary, key, argv for a value, field stored or None)
CASES = [
    ("greet", "segment", "segment", "high", lambda v, run: ["greet", "--segment", v], "segment"),
    ("greet", "groups", "group", "elderly", lambda v, run: ["greet", "--group", v], "groups"),
    ("greet", "purpose", "purpose", "deposit", lambda v, run: ["greet", "--purpose", v], "purpose"),
    ("greet", "route", "route", "counter", lambda v, run: ["greet", "--route", v], "route"),
    ("greet", "assist", "assist", "form", lambda v, run: ["greet", "--assist", v], "assist"),
    ("refer", "target", "target", "teller",
     lambda v, run: ["refer", "--product", "理财", "--to", v], "to"),
    ("refer", "outcome", "outcome", "accepted",
     lambda v, run: ["refer", "--product", "理财", "--outcome", v], "outcome"),
    ("refer", "via", "via", "sms",
     lambda v, run: ["refer", "--product", "理财", "--follow-up", "tomorrow", "--via", v], "via"),
    ("complain", "level", "level", "complaint",
     lambda v, run: ["complain", "--category", "attitude", "--summary", "慢", "--level", v],
     "level"),
    ("complain", "category", "category", "process",
     lambda v, run: ["complain", "--summary", "慢", "--category", v], "category"),
    ("complain", "channel", "channel", "electronic",
     lambda v, run: ["complain", "--category", "attitude", "--summary", "慢", "--channel", v],
     "channel"),
    ("complain", "steps", "step", "apologise",
     lambda v, run: ["complain", "--category", "attitude", "--summary", "慢", "--step", v],
     "steps"),
    ("complain", "complexity", "complexity", "complex",
     lambda v, run: ["complain", "--level", "complaint", "--category", "attitude",
                     "--summary", "慢", "--complexity", v], "complexity"),
    ("update", "via", "via", "visit", lambda v, run: ["update", referral(run), "--via", v], "via"),
    ("update", "outcome", "outcome", "declined",
     lambda v, run: ["update", referral(run), "--outcome", v], "outcome"),
    ("update", "status", "status", "resolved",
     lambda v, run: ["update", complaint(run), "--status", v, "--resolution", "好了"], "status"),
    ("update", "steps", "step", "calm",
     lambda v, run: ["update", complaint(run), "--step", v], "steps"),
    ("update", "satisfaction", "satisfaction", "basic",
     lambda v, run: ["update", sale(run), "--satisfaction", v], "satisfaction"),
    ("outreach", "scene", "scene", "school",
     lambda v, run: ["outreach", "--venue", "学校", "--scene", v], "scene"),
    ("note", "kind", "kind", "hygiene", lambda v, run: ["note", v, "地面湿滑"], "kind"),
    ("rate", "result", "rating", "very-satisfied", lambda v, run: ["rate", "--result", v], "result"),
    ("open", "problems", "open-item", "materials",
     lambda v, run: ["open", "--force", "--ok", "--problem", v, "缺表格"], "problems"),
    ("close", "problems", "close-item", "log",
     lambda v, run: ["close", "--ok", "--problem", v, "未复核"], "problems"),
    ("show", "types", "type", "greet", lambda v, run: ["show", "--type", v], None),
    ("report table", "entry_type", "type", "greet",
     lambda v, run: ["report", "table", "--type", v, "-f", "json"], None),
    ("export", "types", "type", "greet", lambda v, run: ["export", "--type", v], None),
    ("region table", "entry_type", "type", "greet",
     lambda v, run: ["-R", region_of(run), "region", "table", "--type", v, "-f", "json",
                     "--engine", "direct"], None),
]


def region_of(run):
    """A region whose one branch is the test's journal."""
    folder = run.root.parent / "region"
    folder.mkdir(exist_ok=True)
    (folder / "region.yaml").write_text(
        f'region: {{code: "R", name: "N"}}\nlang: "zh"\nbranches: ["{run.root}"]\n',
        encoding="utf-8")
    return folder


def forms(vocabulary, key):
    zh, en = vocab.LABELS[vocabulary][key]
    return [key, key.upper(), zh, en, en.upper(), f" {en.lower()} "]


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0]} {case[1]}")
def test_every_label_option_takes_the_key_or_either_label(run, journal, case):
    _command, _param, vocabulary, key, argv, field = case
    for typed in forms(vocabulary, key):
        if field is None:  # a reader: record something to read
            assert run("greet", env=NOW).exit_code == 0
        result = run(*argv(typed, run), env=NOW)
        assert result.exit_code == 0, (typed, result.stderr)
        if field is not None:
            stored = last_entry(journal)[field]
            assert key in (stored if isinstance(stored, (list, dict)) else [stored]), typed
        elif argv("x", run)[0] == "export":
            rows = [json.loads(line) for line in result.stdout.splitlines()]
            assert rows and {row["type"] for row in rows} == {key}


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case[0]} {case[1]}")
def test_every_label_option_refuses_the_same_way(run, journal, case):
    _command, _param, vocabulary, key, argv, _field = case
    result = run(*argv("nonsense", run), env=NOW)
    assert result.exit_code == 2
    zh, _en = vocab.LABELS[vocabulary][key]
    # one message everywhere: the valid keys with their labels
    assert "未知的" in result.stderr and f"{key} ({zh})" in result.stderr


def _walk(command, path=()):
    if isinstance(command, click.Group):
        names = COMMANDS if command is cli else command.list_commands(None)
        for name in names:
            yield from _walk(command.get_command(None, name), path + (name,))
    else:
        yield " ".join(path), command


def test_the_table_covers_every_label_parameter():
    """An audit of the whole command tree: every parameter of a vocabulary is
    a Label (no click.Choice of keys, which refuses the labels) and is in CASES."""
    covered = {(command, param) for command, param, *_rest in CASES}
    keys_of = {name: set(labels) for name, labels in vocab.LABELS.items()}
    found = set()
    for path, command in _walk(cli):
        for param in command.params:
            types = param.type.types if isinstance(param.type, click.Tuple) else [param.type]
            for kind in types:
                if isinstance(kind, Label):
                    found.add((path, param.name))
                if isinstance(kind, click.Choice):
                    for name, keys in keys_of.items():
                        assert not set(kind.choices) & keys - {"day", "week", "month"}, \
                            f"{path} {param.name} is a Choice of {name} keys, not a Label"
    assert found == covered


@pytest.mark.parametrize("typed, field", [
    ("group", "groups"), ("groups", "groups"), ("Group", "groups"), ("特殊群体", "groups"),
    ("route", "route"), ("去向", "route"), ("ROUTE", "route"), ("segment", "segment"),
    ("客户分层", "segment"), ("assists", "assist"), ("hour", "hour"), ("时段", "hour"),
])
def test_report_table_by_takes_aliases_and_titles(run, journal, typed, field):
    assert run("greet", "--group", "elderly", "--route", "柜台", "--segment", "high",
               "--assist", "form", env=NOW).exit_code == 0
    result = run("report", "table", "--by", typed, "-f", "json", env=NOW)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)["sections"]["table"]["counts"]["rows"]
    assert list(rows[0]) == [field, "count"]


def test_report_table_by_a_field_of_another_type_is_refused(run, journal):
    result = run("report", "table", "--by", "steps", env=NOW)
    assert result.exit_code == 2
    assert "greet记录没有字段 'steps'" in result.stderr


def test_where_takes_field_aliases_and_value_labels(run, journal):
    assert run("greet", "--route", "counter", "--group", "elderly", env=NOW).exit_code == 0
    assert run("greet", "--route", "self-service", env=NOW).exit_code == 0
    for where in ("route=柜台", "route=COUNTER", "去向=Counter", "group=老年", "Group=elderly"):
        result = run("report", "table", "--where", where, "-f", "json", env=NOW)
        assert result.exit_code == 0, (where, result.stderr)
        total = json.loads(result.stdout)["sections"]["table"]["counts"]["total"]
        assert total["count"] == 1, where
    result = run("report", "table", "--where", "route=nowhere", env=NOW)
    assert result.exit_code == 2 and "counter (柜台)" in result.stderr
