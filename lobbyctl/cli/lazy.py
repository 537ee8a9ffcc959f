"""Subcommands loaded by name, only when used, and the one place where a
``LobbyError`` becomes a message on stderr and an exit code."""

import sys

import click

from lobbyctl.cli import click_language
from lobbyctl.errors import LobbyError, UsageProblem

click_language.install()


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand is used."""

    registry = {}
    # name -> the first paragraph of its help, so that --help lists the
    # commands without importing a module of theirs (a command without one
    # is imported for it, as click would)
    summaries = {}

    def list_commands(self, ctx):
        return list(self.registry)

    def format_commands(self, ctx, formatter):
        """click's list of commands, from ``summaries`` where they are known
        (a bare command with that help shortens it as click does)."""
        from click import core

        listed = []
        for name in self.list_commands(ctx):
            if name in self.summaries:
                listed.append((name, click.Command(name, help=self.summaries[name])))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                listed.append((name, command))
        if not listed:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in listed)
        with formatter.section(core._("Commands")):
            formatter.write_dl([(name, command.get_short_help_str(limit))
                                for name, command in listed])

    def get_command(self, ctx, name):
        target = self.registry.get(name)
        if target is None:
            return None
        import importlib

        # a registered command whose module is missing is a broken install:
        # fail loudly rather than let the command quietly vanish from --help
        module_name, _, attribute = target.partition(":")
        return getattr(importlib.import_module(module_name), attribute)

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as exc:
            _mask_click_error(exc)
            click_language.remember(exc, parent)
            raise
        except OSError as exc:
            # --help and --version print while the context is made: a full
            # disk or a closed pipe under `lobbyctl --help > file`
            _cannot_write(exc, parent)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            # click echoes a bad option value (`Invalid value for '--route':
            # '13812345678'`): masked before click prints it
            _mask_click_error(exc)
            click_language.remember(exc, ctx)
            raise
        except LobbyError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            from lobbyctl.schema.text.messages import said

            # a sentence of the catalogue in the journal's language; one not
            # yet in it stays English, and so does its "Error:" (no line is
            # half Chinese, half English)
            if exc.key is not None:
                lang = click_language.language(ctx)
            else:  # said already (say(key, lang)), or English; a file's
                # problem said already is its detail, after "path:line: "
                lang = getattr(exc.message, "lang", None) or \
                    getattr(getattr(exc, "detail", None), "lang", "en")
            message, hint = said(exc, lang)
            if isinstance(exc, UsageProblem):
                from lobbyctl.schema.text.safe import for_person

                # a usage problem's hint (add --future, say) is part of its message
                if hint:
                    from lobbyctl.schema.text.messages import say

                    message = f"{message}\n{say('hint', lang, hint=hint)}"
                usage = click.UsageError(for_person(message))
                click_language.remember(usage, lang=lang)
                raise usage from None
            _fail(message, hint, exc.exit_code, lang)
        except OSError as exc:
            if ctx.obj is not None and ctx.obj.debug and not isinstance(exc, BrokenPipeError):
                raise
            _cannot_write(exc, ctx)


def _cannot_write(exc, ctx):
    """An ``OSError`` as one message and exit code 1 in the language of
    ``ctx``'s journal; a reader that left (`lobbyctl show | head`) is not an
    error of ours: exit 0, nothing said."""
    if isinstance(exc, BrokenPipeError):
        sys.stderr.close()
        raise click.exceptions.Exit(0) from None
    from lobbyctl.schema.text.messages import in_language, os_reason

    # the common errnos in the journal's language, any other in the system's words
    lang = click_language.language(ctx)
    where = f"{exc.filename}: " if exc.filename else ""
    _fail(f"{where}{in_language(os_reason(exc), lang)}", None, 1, lang)


def _mask_click_error(exc):
    # masking of messages always applies (--no-mask is for reports' contents):
    # an error echoes what was typed, and what was typed may be a phone number
    from lobbyctl.schema.text.privacy import mask

    if isinstance(exc.message, str):
        exc.message = mask(exc.message)


def _fail(message, hint, code, lang="en"):
    from lobbyctl.schema.text.messages import say
    from lobbyctl.schema.text.safe import for_person

    # messages quote values and file names, any of which may hold a number or an ESC
    click.echo(for_person(say("error", lang, message=message)), err=True)
    if hint:
        click.echo(for_person(say("hint", lang, hint=hint)), err=True)
    raise click.exceptions.Exit(code)
