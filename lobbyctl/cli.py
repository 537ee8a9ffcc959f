"""The ``lobbyctl`` command: a thin click layer over the core.

Subcommands live one per module in ``lobbyctl.commands`` and are imported only
when named, so ``lobbyctl greet`` never pays for what ``report`` needs.  Every
``LobbyError`` is turned into one message and its exit code here, and only
here; ``--debug`` shows the traceback instead."""

import errno
import sys

import click

from lobbyctl import __version__
from lobbyctl.errors import LobbyError, UsageProblem

# command name -> "module:function", in the order of the working day
COMMANDS = {
    "init": "lobbyctl.commands.init:init",
    "open": "lobbyctl.commands.checklist:open_day",
    "greet": "lobbyctl.commands.greet:greet",
    "refer": "lobbyctl.commands.refer:refer",
    "complain": "lobbyctl.commands.complain:complain",
    "note": "lobbyctl.commands.note:note",
    "update": "lobbyctl.commands.update:update",
    "close": "lobbyctl.commands.checklist:close_day",
    "show": "lobbyctl.commands.show:show",
    "check": "lobbyctl.commands.check:check",
    "due": "lobbyctl.commands.due:due",
    "report": "lobbyctl.commands.report:report",
    "export": "lobbyctl.commands.export:export",
}


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand is used."""

    registry = COMMANDS

    def list_commands(self, ctx):
        return [name for name in self.registry if self._importable(name)]

    def _importable(self, name):
        import importlib.util

        module = self.registry[name].partition(":")[0]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx, name):
        target = self.registry.get(name)
        if target is None:
            return None
        import importlib

        module_name, _, attribute = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                return None
            raise
        return getattr(module, attribute)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LobbyError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            if isinstance(exc, UsageProblem):
                raise click.UsageError(exc.message) from None
            _fail(exc.message, exc.hint, exc.exit_code)
        except BrokenPipeError:
            # `lobbyctl show | head`: the reader left, which is not an error of ours
            sys.stderr.close()
            raise click.exceptions.Exit(0) from None
        except OSError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}", None, 1)


def _fail(message, hint, code):
    click.echo(f"Error: {message}", err=True)
    if hint:
        click.echo(f"Hint: {hint}", err=True)
    raise click.exceptions.Exit(code)


class App:
    """What every command shares: where the journal is, opened on first use."""

    def __init__(self, journal_option, debug):
        self.journal_option = journal_option
        self.debug = debug
        self._journal = None

    @property
    def journal_root(self):
        from lobbyctl.journal import locate

        return locate(self.journal_option, click.get_app_dir("lobbyctl"))

    @property
    def journal(self):
        if self._journal is None:
            from lobbyctl.journal import Journal

            self._journal = Journal.open(self.journal_root)
        return self._journal


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-J", "--journal", "journal_option", metavar="DIR", envvar="LOBBYCTL_JOURNAL",
              show_envvar=True,
              help="The journal folder. Looked up in this order: -J/--journal, "
                   "$LOBBYCTL_JOURNAL, 'journal:' in $XDG_CONFIG_HOME/lobbyctl/config.yaml "
                   "(~/.config/lobbyctl/config.yaml), then ./journal.")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
@click.version_option(__version__, prog_name="lobbyctl")
@click.pass_context
def cli(ctx, journal_option, debug):
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
    """
    ctx.obj = App(journal_option, debug)


def main():
    cli(prog_name="lobbyctl")
