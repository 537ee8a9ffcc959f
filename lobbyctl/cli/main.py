"""The ``lobbyctl`` command: a thin click layer over the core.

Subcommands live one per module in ``lobbyctl.cli.commands`` and are imported only
when named, so ``lobbyctl greet`` never pays for what ``report`` needs.  Every
``LobbyError`` is turned into one message and its exit code here, and only
here; ``--debug`` shows the traceback instead."""


import sys

import click

from lobbyctl import __version__
from lobbyctl.cli.app import App
from lobbyctl.cli.lazy import LazyGroup

# command name -> "module:function", in the order of the working day
COMMANDS = {
    "init": "lobbyctl.cli.commands.init:init",
    "open": "lobbyctl.cli.commands.checklist:open_day",
    "greet": "lobbyctl.cli.commands.greet:greet",
    "refer": "lobbyctl.cli.commands.refer:refer",
    "complain": "lobbyctl.cli.commands.complain:complain",
    "note": "lobbyctl.cli.commands.note:note",
    "outreach": "lobbyctl.cli.commands.outreach:outreach",
    "update": "lobbyctl.cli.commands.update:update",
    "void": "lobbyctl.cli.commands.void:void",
    "rate": "lobbyctl.cli.commands.rate:rate",
    "close": "lobbyctl.cli.commands.checklist:close_day",
    "show": "lobbyctl.cli.commands.show:show",
    "import": "lobbyctl.cli.commands.import_queue:import_group",
    "check": "lobbyctl.cli.commands.check:check",
    "due": "lobbyctl.cli.commands.due:due",
    "report": "lobbyctl.cli.commands.report:report",
    "export": "lobbyctl.cli.commands.export:export",
    "region": "lobbyctl.cli.commands.region:region",
}


# command name -> the first paragraph of its help, for --help to list the
# commands without importing them (tests/test_startup_imports.py holds each
# to its command's own help)
SUMMARIES = {
    "init": "Create a journal: lobbyctl.yaml, .gitattributes (git merges day files line by "
            "line, so two clones never conflict) and .gitignore.",
    "open": "Record the opening checklist (营业前检查): appearance, facilities, materials, "
            "notices, plus the journal's extra items.",
    "greet": "Record customers greeted and routed (迎送分流).",
    "refer": "Record a product recommendation or cross-sell (产品推荐).",
    "complain": "Record a grumble or a formal complaint (投诉与抱怨) and how it was handled.",
    "note": "Record one of the lobby's other duties (大堂记事): KIND is fault, hygiene, "
            "hazard, fraud (a suspected telecom fraud stopped), teller (a reminder to a "
            "teller), opinion, materials, care, staff (directing greeters and guards) or "
            "other; TEXT says what happened.",
    "update": "Record a later event (跟进) on the referral, complaint or equipment fault with "
              "id ID: a follow-up contact, a new outcome or status, a resolution, a fault "
              "fixed.",
    "close": "Record the closing checklist (营业后检查): premises cleaned, equipment checked "
             "and powered off, lobby log reviewed, plus the journal's extra items.",
    "show": "Show one day's entries as a table (default: today).",
    "check": "Validate the journal: every problem as path:line: message.",
    "due": "What to phone, message or chase today: referrals pending whose follow-up date "
           "has come, formal complaints not resolved with their deadline (15/30/60 days), "
           "grumbles to call back, and equipment faults not fixed, most urgent first.",
    "report": "Turn the journal into the daily lobby log (大堂日志), the monthly feedback "
              "report form (月反馈报告表) and pivot tables.",
    "export": "Export entries, one row each, for DuckDB, pandas or Spark.",
    "outreach": "Record a marketing event outside the branch (场外营销).",
    "void": "Void (作废) the entry with id ID: a correction, recorded without rewriting "
            "anything.",
    "rate": "Record counter ratings read off the evaluators (柜台评价器).",
    "import": "Bring records of other systems into the journal.",
    "region": "A region: a folder with region.yaml naming its branch journals (git clones) "
              "by path or glob.  -R DIR or $LOBBYCTL_REGION chooses it (else ./region).  "
              "Ids are unique only within a branch: everything across branches is keyed by "
              "(branch code, id).",
}


class RootGroup(LazyGroup):
    registry = COMMANDS
    summaries = SUMMARIES

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, _long_root_options(args))

    def make_context(self, info_name, args, parent=None, **extra):
        # click's help asks shutil for the terminal's width, and shutil
        # brings zlib, bz2 and lzma (2.8 ms of a 35 ms `--help`): the same
        # width, found here, is handed to every context below the root
        from click import formatting

        if extra.get("terminal_width") is None and formatting.FORCED_WIDTH is None:
            extra["terminal_width"] = _help_width(extra.get("max_content_width"))
        return super().make_context(info_name, args, parent, **extra)


def _help_width(max_width=None):
    """What click's ``HelpFormatter`` makes of the terminal: its columns
    (``COLUMNS``, else the terminal's, else 80) to at most ``max_width`` (80),
    less 2, never under 50."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    if columns <= 0:
        columns = 80
    return max(min(columns, max_width or 80) - 2, 50)


# click's parser tries every option as a long one first, and to say so it
# suggests the closest long names (difflib, 2 ms) before it falls back to
# the short one: `-J DIR` is given to it as `--journal DIR`, the same option
_SHORT_WITH_VALUE = {"-J": "--journal", "-R": "--region"}
_LONG_WITH_VALUE = frozenset(("--journal", "--region", "--now"))


def _long_root_options(args):
    """``args`` with the root's ``-J DIR`` and ``-R DIR`` (before the
    command's name) spelt long; anything else, or anything unusual, as it is."""
    args = list(args)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in _SHORT_WITH_VALUE and index + 1 < len(args):
            args[index] = _SHORT_WITH_VALUE[arg]
            index += 2
        elif arg in _LONG_WITH_VALUE:
            index += 2
        elif arg.startswith("--") and arg != "--":
            index += 1  # a flag, or a long option with its =value
        else:
            break  # the command's name, `--`, or what click alone should read
    return args


@click.group(cls=RootGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-J", "--journal", "journal_option", metavar="DIR", envvar="LOBBYCTL_JOURNAL",
              show_envvar=True,
              help="The journal folder. Looked up in this order: -J/--journal, "
                   "$LOBBYCTL_JOURNAL, 'journal:' in $XDG_CONFIG_HOME/lobbyctl/config.yaml "
                   "(~/.config/lobbyctl/config.yaml), then ./journal.")
@click.option("-R", "--region", "region_option", metavar="DIR", envvar="LOBBYCTL_REGION",
              show_envvar=True,
              help="The region folder (with region.yaml) for `region` commands. Looked up "
                   "in this order: -R/--region, $LOBBYCTL_REGION, then ./region.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.option("--now", "now", metavar="TIME", envvar="LOBBYCTL_NOW", show_envvar=True,
              help="An ISO time that stands in for the clock (naive: in the journal's "
                   "timezone), for tests and scripted back-fills: --at, default dates and "
                   "report periods count from it. Example: --now 2026-12-01T02:00")
@click.version_option(__version__, prog_name="lobbyctl")
@click.pass_context
def cli(ctx, journal_option, region_option, debug, now):
    """Record a bank branch lobby's working day in plain YAML day files, and
    turn it into the daily lobby log (大堂日志) and the monthly feedback
    report form (月反馈报告表).

    \b
    Example:
      lobbyctl -J ~/lobby init --branch-code 0101 --branch-name 城东支行 --manager 王芳
      lobbyctl open --ok --staff 李娜 --staff 保安老周
      id=$(lobbyctl greet --segment regular --purpose deposit --route self-service)
      lobbyctl report day

    \b
    Exit codes: 0 done; 1 a journal problem (no journal, a file that cannot be
    read, written or parsed) or `check` found problems; 2 a usage error
    (unknown option or label, a date that does not parse).

    \b
    Back-filling from a script, as if it were 2 a.m. on 1 December:
      lobbyctl --now 2026-12-01T02:00 greet --at "昨天 15:00"
    """
    ctx.obj = App(journal_option, debug, now, region_option)


def main():
    """The ``lobbyctl`` process (the console script and ``python -m
    lobbyctl``): the root group, then the process ends at once
    (``cli/ending.py``).  Tests call ``cli``, which returns."""
    try:
        cli(prog_name="lobbyctl")
        code = 0
    except SystemExit as stop:
        code = stop.code
    from lobbyctl.cli.ending import end

    end(code)
