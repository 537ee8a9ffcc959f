"""click's own usage errors in the journal's language.

click takes every text it shows through gettext (``_`` and ``ngettext``,
imported into each of its modules); ``install`` puts in their place two
functions that answer from ``lobbyctl.schema.text.click_texts`` when the
journal being used is Chinese, and give click's English otherwise (no
journal yet, an English journal, a text not in the table).

The language is asked for only when a text in the table is asked for — an
error is being built — so ``--help`` and start-up never open the journal.
A message click builds while it parses knows its command's context; the
"Error: ... / Try ... for help" it prints afterwards is drawn after the
context is gone, so ``remember`` ties the language to the exception first."""

import contextvars

import click

from lobbyctl.schema.text.click_texts import CLICK_TEXTS, WORD_PLACES, WORDS

# the language of the exception click is drawing, when no context is current
_SHOWING = contextvars.ContextVar("lobbyctl_click_language", default="en")
# formatting too: its one text ("Usage:") taken from gettext would look for
# a catalogue on disk and import locale, in every --help
_MODULES = ("core", "exceptions", "types", "parser", "decorators", "termui", "utils",
            "formatting")


class _Chinese(str):
    """A Chinese text whose ``format`` also names click's words in Chinese."""

    def format(self, *args, **values):
        # {name} is a word only beside a {filename} ("file 'x' does not exist");
        # elsewhere it is the option or argument a person typed
        places = [key for key in WORD_PLACES if key != "name" or "filename" in values]
        named = {key: WORDS[value][0] if key in places and isinstance(value, str)
                 and value in WORDS else value for key, value in values.items()}
        return str.format(self, *args, **named)


def language(ctx=None):
    """The journal's language for click's texts: ``zh`` or ``en``."""
    ctx = ctx or click.get_current_context(silent=True)
    if ctx is None:
        return _SHOWING.get()
    app = ctx.find_root().obj
    if app is None:
        return "en"  # the root's own options: no journal named yet
    return app.language()


def _text(message):
    pair = CLICK_TEXTS.get(message)
    if pair is None or language() != "zh":
        return message
    return _Chinese(pair[0])


def _plural_text(singular, plural, count):
    return _text(singular if count == 1 else plural)


def install():
    """Make click's modules ask lobbyctl for their texts (idempotent)."""
    import importlib

    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _text
        if hasattr(module, "ngettext"):
            module.ngettext = _plural_text


def remember(exc, ctx=None, lang=None):
    """Draw ``exc`` later (after its context is gone) in ``lang``, by
    default the language of ``ctx``'s journal."""
    if getattr(exc, "_lobbyctl_language", None) is not None:
        return
    exc._lobbyctl_language = lang = lang or language(ctx)
    draw = exc.show
    if lang == "zh":
        # click ends some sentences itself ("Missing option '--x'."): a
        # Chinese one ends with 。
        formatted = exc.format_message

        def format_message():
            text = formatted()
            return text[:-1] + "。" if text.endswith(".") and not text.endswith("..") else text

        exc.format_message = format_message

    def show(file=None):
        token = _SHOWING.set(lang)
        try:
            draw(file)
        finally:
            _SHOWING.reset(token)

    exc.show = show
