"""Subcommands loaded by name, only when used, and the one place where a
``LobbyError`` becomes a message on stderr and an exit code."""

import sys

import click

from lobbyctl.errors import LobbyError, UsageProblem


class LazyGroup(click.Group):
    """Imports a subcommand's module only when that subcommand is used."""

    registry = {}

    def list_commands(self, ctx):
        return list(self.registry)

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
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            # click echoes a bad option value (`Invalid value for '--route':
            # '13812345678'`): masked before click prints it
            _mask_click_error(exc)
            raise
        except LobbyError as exc:
            if ctx.obj is not None and ctx.obj.debug:
                raise
            if isinstance(exc, UsageProblem):
                from lobbyctl.schema.text.safe import for_person

                # a usage problem's hint (add --future, say) is part of its message
                hint = f"\nHint: {exc.hint}" if exc.hint else ""
                raise click.UsageError(for_person(exc.message + hint)) from None
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


def _mask_click_error(exc):
    # masking of messages always applies (--no-mask is for reports' contents):
    # an error echoes what was typed, and what was typed may be a phone number
    from lobbyctl.schema.text.privacy import mask

    if isinstance(exc.message, str):
        exc.message = mask(exc.message)


def _fail(message, hint, code):
    from lobbyctl.schema.text.safe import for_person

    # messages quote values and file names, any of which may hold a number or an ESC
    click.echo(for_person(f"Error: {message}"), err=True)
    if hint:
        click.echo(for_person(f"Hint: {hint}"), err=True)
    raise click.exceptions.Exit(code)
