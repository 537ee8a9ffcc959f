"""A recording command and ``--help`` start as light as click allows
(issue 13): over ``python -X importtime``, nothing is imported that
``import click`` does not import itself, but lobbyctl's own light modules
and a short, named list of the standard library's."""

import os
import subprocess
import sys

import click
import pytest

from lobbyctl.cli.main import COMMANDS, SUMMARIES, cli

# what a recording command may add to click's own imports, and why
RECORDING_STDLIB = {
    "json", "json.decoder", "json.encoder", "json.scanner", "_json",  # the canonical line
    "zoneinfo", "zoneinfo._common", "zoneinfo._tzpath", "_zoneinfo",  # the journal's timezone
    "sysconfig", "_sysconfigdata",  # zoneinfo's search path
    "fcntl",  # the append's lock
    "contextvars", "_contextvars",  # click's texts in the journal's language
    "struct", "_struct",
    "runpy",  # python -m
    "_blake2",  # the records' signatures (hashlib's OpenSSL never)
    "atexit",  # the process ends at once after running it (cli/ending.py)
}
RECORDING_OWN = {
    "lobbyctl", "lobbyctl.cli", "lobbyctl.cli.main", "lobbyctl.cli.app", "lobbyctl.cli.lazy",
    "lobbyctl.cli.ending",
    "lobbyctl.cli.click_language", "lobbyctl.cli.common", "lobbyctl.cli.commands",
    "lobbyctl.errors", "lobbyctl.domain", "lobbyctl.domain.record", "lobbyctl.domain.when",
    "lobbyctl.schema", "lobbyctl.schema.vocab",
    "lobbyctl.schema.fields", "lobbyctl.schema.ids", "lobbyctl.schema.text",
    "lobbyctl.schema.text.messages", "lobbyctl.schema.text.privacy",
    "lobbyctl.schema.text.safe", "lobbyctl.schema.text.click_texts", "lobbyctl.store",
    "lobbyctl.store.journal", "lobbyctl.store.config", "lobbyctl.store.append",
    "lobbyctl.store.dayfile", "lobbyctl.store.dayopen", "lobbyctl.store.lines",
    "lobbyctl.store.torn", "lobbyctl.store.day_facts",
    # the zone kept steady (store.zone) and the signed records it is read from
    "lobbyctl.store.zone", "lobbyctl.store.cache_files",
}
HELP_OWN = {"lobbyctl", "lobbyctl.cli", "lobbyctl.cli.main", "lobbyctl.cli.app",
            "lobbyctl.cli.ending",
            "lobbyctl.cli.lazy", "lobbyctl.cli.click_language", "lobbyctl.errors",
            "lobbyctl.schema", "lobbyctl.schema.text", "lobbyctl.schema.text.click_texts"}
# what click imports only to draw help (wrapping); never shutil (with zlib,
# bz2 and lzma, for the terminal's width) nor locale (gettext looking for a
# catalogue of click's "Usage:")
HELP_STDLIB = {"textwrap", "click._textwrap", "contextvars", "_contextvars", "runpy", "atexit"}
# never at a recording command's start, whatever else changes: each costs
# milliseconds (or a hundred) and only readers need them
# (difflib: click's parser suggesting long options for `-J`, which lobbyctl
# hands it as `--journal`)
NEVER = ("difflib", "ruamel", "yaml", "dateutil", "tabulate", "wcwidth", "hashlib", "_hashlib", "hmac",
         "secrets", "csv", "decimal", "lobbyctl.check", "lobbyctl.reports", "lobbyctl.render",
         "lobbyctl.store.loader", "lobbyctl.store.safeyaml", "lobbyctl.store.file_index")


def imported(*argv, env=None):
    done = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


@pytest.fixture(scope="module")
def clicks_own():
    return imported("-c", "import click")


def _beyond(names, clicks_own):
    # a platform's sysconfig data module is named after it
    return {("_sysconfigdata" if name.startswith("_sysconfigdata") else name)
            for name in names - clicks_own if not name.startswith("__editable__")}


@pytest.mark.parametrize("at", [["--at", "2026-11-20T10:30"], ["--at", "2026-11-20T10:30+08:00"],
                                ["--at", "now"], []])
def test_greet_imports_only_what_recording_needs(journal, clicks_own, at):
    """The usual --at (none, or ISO) costs no phrase of domain/phrases.py."""
    names = imported("-m", "lobbyctl", "-J", str(journal), "greet", *at,
                     "--segment", "regular", "--purpose", "deposit", "--route", "counter",
                     "--note", "客户办理存款", env={"LOBBYCTL_NOW": "2026-11-20T11:00"})
    beyond = _beyond(names, clicks_own)
    # (a command's own module, imported by importlib, is not in importtime's list)
    assert "lobbyctl.store.append" in beyond  # the command did run
    assert beyond <= RECORDING_STDLIB | RECORDING_OWN, sorted(
        beyond - RECORDING_STDLIB - RECORDING_OWN)
    assert not [name for name in names if name.startswith(NEVER)]


def test_a_phrase_still_reads_as_a_phrase(run, journal):
    """The ISO shortcut of --at leaves every phrase to domain/phrases.py."""
    for typed, recorded in (("下午3点", "2026-11-20T15:00:00+08:00"),
                            ("2026-11-20 9:30", "2026-11-20T09:30:00+08:00"),
                            ("2026-11-20T09:30", "2026-11-20T09:30:00+08:00"),
                            ("2026-11-20t09:30:15", "2026-11-20T09:30:15+08:00")):
        result = run("--now", "2026-11-20T18:00", "greet", "--at", typed, "--segment",
                     "regular", "--purpose", "deposit", "--route", "counter")
        assert result.exit_code == 0, result.stderr
        lines = (journal / "2026" / "11" / "2026-11-20.yaml").read_text("utf-8").splitlines()
        assert f'"at": "{recorded}"' in lines[-1], (typed, lines[-1])


def test_help_imports_no_command(clicks_own):
    """``lobbyctl --help`` lists every command from ``SUMMARIES``: no
    command's module (nor what it imports) is loaded for it."""
    beyond = _beyond(imported("-m", "lobbyctl", "--help"), clicks_own)
    assert beyond <= HELP_OWN | HELP_STDLIB, sorted(beyond - HELP_OWN - HELP_STDLIB)


@pytest.mark.parametrize("limit", [20, 45, 74, 200])
def test_the_summaries_are_each_commands_own_help(limit):
    """What --help lists without importing a command is what the command
    itself would say (``SUMMARIES`` kept in step with the docstrings)."""
    ctx = click.Context(cli)
    assert set(SUMMARIES) <= set(COMMANDS)
    for name in SUMMARIES:
        command = cli.get_command(ctx, name)
        assert click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit) \
            == command.get_short_help_str(limit), name


def test_help_lists_every_command_as_click_would(run):
    result = run("--help", journal=False)
    assert result.exit_code == 0
    listed = result.stdout.split("Commands:", 1)[1]
    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert f"  {name}" in listed
        assert command.get_short_help_str(80 - 6 - max(map(len, COMMANDS)))[:30] in listed


# what a greeting into a closed day may add to a plain one's imports: the
# judgement of its closing alone (check.standing), and the record of a busy
# day (signed by BLAKE2, without hashlib's OpenSSL)
CLOSED_DAY_OWN = {"lobbyctl.check", "lobbyctl.check.standing", "lobbyctl.check.memo",
                  "lobbyctl.check.refs", "lobbyctl.check.entry", "lobbyctl.check.compiled"}
CLOSED_DAY_STDLIB = set()
# never for it: the whole journal's voids, the readers' cache and judgement
CLOSED_DAY_NEVER = ("hashlib", "_hashlib", "hmac", "lobbyctl.check.reading",
                    "lobbyctl.check.voids", "lobbyctl.store.loader", "lobbyctl.store.file_index",
                    "lobbyctl.store.safeyaml", "ruamel")


def test_a_back_filled_greeting_into_a_busy_day_judges_its_closing_alone(journal, clicks_own):
    """The benchmark's greeting (issue 13): a busy day already closed, a
    late entry -- nothing is built over the whole journal, nothing hashed
    by OpenSSL, the day not parsed again when the last recording's record
    describes it."""
    from lobbyctl.store.lines import dump_entry

    day = journal / "2026" / "10" / "2026-10-15.yaml"
    day.parent.mkdir(parents=True)
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    lines = [dump_entry({"id": "261015-" + "".join(alphabet[(index >> shift) & 31]
                                                   for shift in range(25, -1, -5)),
                         "type": "greet", "at": "2026-10-15T10:00:00+08:00", "by": "王芳",
                         "count": 1, "route": "counter", "note": "客户办理存款" * 4})
             for index in range(300)]
    lines.append(dump_entry({"id": "261015-zzzzzz", "type": "close",
                             "at": "2026-10-15T17:15:00+08:00", "by": "王芳",
                             "ok": ["cleaning", "equipment", "log"]}))
    day.write_text("".join(lines), encoding="utf-8")
    argv = ("-m", "lobbyctl", "-J", str(journal), "greet", "--at", "2026-10-15T16:30",
            "--segment", "regular", "--purpose", "deposit", "--route", "自助设备",
            "--note", "客户办理存款")
    env = {"LOBBYCTL_NOW": "2026-11-20T11:00"}
    for _ in range(2):  # the first leaves the record the second reads
        names = imported(*argv, env=env)
    beyond = _beyond(names, clicks_own)
    assert "lobbyctl.check.standing" in beyond  # the closing was judged
    allowed = RECORDING_STDLIB | RECORDING_OWN | CLOSED_DAY_OWN | CLOSED_DAY_STDLIB
    assert beyond <= allowed, sorted(beyond - allowed)
    assert not [name for name in names if name.startswith(CLOSED_DAY_NEVER)]
    assert (journal / ".lobbyctl-cache" / "recorder" / "day.json").exists()
    assert not (journal / ".lobbyctl-cache" / "voids").exists()
    assert day.read_text("utf-8").count("\n") == 303


@pytest.mark.parametrize("journal_args", [["-J", "{root}"], ["-J{root}"], ["--journal", "{root}"],
                                          ["--journal={root}"], ["--debug", "-J", "{root}"],
                                          ["-R", "elsewhere", "-J", "{root}", "--now",
                                           "2026-11-20T11:00"]])
def test_the_root_options_read_alike_however_spelt(journal, journal_args):
    """`-J DIR` reaches click as `--journal DIR` (no difflib): every
    spelling still names the journal, and one without its value is still
    click's own usage error."""
    from click.testing import CliRunner

    argv = [arg.format(root=journal) for arg in journal_args]
    runner = CliRunner()
    env = {"LOBBYCTL_NOW": "2026-11-20T11:00", "LOBBYCTL_JOURNAL": "", "LOBBYCTL_BY": ""}
    done = runner.invoke(cli, [*argv, "greet", "--at", "10:00", "--route", "counter"], env=env)
    assert done.exit_code == 0, done.stderr
    assert (journal / "2026" / "11" / "2026-11-20.yaml").read_text("utf-8").count("\n") == 1
    missing = runner.invoke(cli, ["-J"], env=env)
    assert missing.exit_code == 2 and "'-J' requires an argument" in missing.stderr
    named = runner.invoke(cli, ["-J", "greet", "greet"], env=env)  # a journal named greet
    assert named.exit_code == 1 and "greet" in named.stderr


ZONE_MODULES = ("zoneinfo", "_zoneinfo", "sysconfig", "_sysconfigdata")


@pytest.mark.parametrize("zone, steady", [("Asia/Shanghai", True), ("Asia/Tokyo", True),
                                          ("Europe/Berlin", False),
                                          ("America/New_York", False)])
def test_a_zone_that_never_changes_is_had_without_zoneinfo(run, zone, steady, clicks_own):
    """After the first recording has read the zone's rules, a zone with one
    offset through the years a journal keeps costs no zoneinfo import; one
    with daylight saving is zoneinfo's every time."""
    assert run("init", "--manager", "王芳", "--timezone", zone).exit_code == 0
    argv = ("-m", "lobbyctl", "-J", str(run.root), "greet", "--at", "2026-11-20T10:30",
            "--route", "counter")
    env = {"LOBBYCTL_NOW": "2026-11-20T11:00"}
    record = os.path.join(os.environ["XDG_CACHE_HOME"], "lobbyctl", "zones.json")
    if os.path.exists(record):
        os.unlink(record)
    first = imported(*argv, env=env)
    assert "zoneinfo" in first
    second = imported(*argv, env=env)
    assert any(name.startswith(ZONE_MODULES) for name in second) is not steady
