"""Options and parameter types shared by the recording commands (click only
lives in the CLI layer: this module and ``lobbyctl.cli.commands``)."""

import click

from lobbyctl.schema import vocab
from lobbyctl.errors import LobbyError, UsageProblem


def journal_config(ctx):
    """The journal's config while options are parsed or completed, else None.

    During shell completion the root command has not run, so the journal is
    located from the root's options; a missing journal is not an error here
    (the command itself reports it when it needs the journal)."""
    if ctx is None:
        return None
    root = ctx.find_root()
    app = root.obj
    if app is None:
        from lobbyctl.cli.app import App

        app = App(root.params.get("journal_option"), False, root.params.get("now"))
    try:
        return app.journal.config
    except LobbyError:
        return None


class Label(click.ParamType):
    """A label option: the English key or the Chinese/English label,
    case-insensitively; completion offers the keys."""

    def __init__(self, vocabulary_name):
        self.vocabulary_name = vocabulary_name
        self.name = vocabulary_name

    def _vocabulary(self, ctx):
        # the journal's lobbyctl.yaml may add labels (extra checklist items, say)
        return vocab.vocabulary(self.vocabulary_name, journal_config(ctx))

    def convert(self, value, param, ctx):
        try:
            return self._vocabulary(ctx).resolve(value)
        except UsageProblem as exc:
            from lobbyctl.cli.click_language import language
            from lobbyctl.schema.text.messages import said
            from lobbyctl.schema.text.safe import neutralise

            # the message lists the valid labels, lobbyctl.yaml's among them
            self.fail(neutralise(said(exc, language(ctx))[0]), param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from lobbyctl.schema.text.safe import neutralise

        vocabulary = self._vocabulary(ctx)
        # keys and labels lobbyctl.yaml added reach the terminal through the shell
        return [CompletionItem(neutralise(key, one_line=True),
                               help=neutralise(vocabulary.label(key, "zh"), one_line=True))
                for key in vocabulary.keys() if key.startswith(incomplete.lower())]

    def get_metavar(self, param, ctx=None):
        return "[" + "|".join(vocab.LABELS[self.vocabulary_name]) + "]"


def _remember_future(ctx, param, value):
    ctx.meta["lobbyctl.future"] = value


def recording_options(function):
    """--at, --by, --note and --future, which every recording command takes.

    --future is kept on the context (not passed to the command) for ``when``."""
    function = click.option("--future", is_flag=True, expose_value=False,
                            callback=_remember_future,
                            help="Allow an --at more than 15 minutes after now (at most a "
                                 "day ahead), e.g. --at 'tomorrow 9:00' --future. Without it "
                                 "such a time is refused: --at 10:30 typed at 02:00 is "
                                 "today's 10:30, and yesterday's is --at 'yesterday "
                                 "10:30'.")(function)
    function = click.option("--note", help="Free text (Chinese is fine); personal numbers "
                                           "are masked when recorded.")(function)
    function = click.option("--by", metavar="NAME", envvar="LOBBYCTL_BY", show_envvar=True,
                            help="Who records it (default: the first manager in "
                                 "lobbyctl.yaml).")(function)
    function = click.option("--at", "at_text", metavar="WHEN",
                            help="When it happened (default now): 10:30, 'yesterday 15:00', "
                                 "昨天15:00, '11月30日 10:30', 下午3点半, 上周一, "
                                 "2026-11-28T10:30, in the journal's timezone; more than "
                                 "15 minutes ahead needs --future. A time the "
                                 "clocks skip (daylight saving) is refused; a repeated one is "
                                 "its first occurrence unless an offset says otherwise "
                                 "(2026-10-25T02:30+01:00).")(function)
    return function


def when(journal, at_text):
    from lobbyctl.domain.when import parse_when

    context = click.get_current_context(silent=True)
    future = bool(context and context.meta.get("lobbyctl.future"))
    journal.prefer_steady_zone()  # every recording command reads its --at here first
    return parse_when(at_text, journal.now(), journal.tz, lang=journal.config.lang,
                      future=future)


def date_argument(journal, text, option, ahead=False):
    """A date option or argument; ``ahead``: a bare day number is the next
    such day (a day to plan), else the most recent (a day to look back on)."""
    from lobbyctl.domain.when import parse_date

    return parse_date(text, journal.today(), option, ahead=ahead)


def counted_view(journal):
    """For ``record(counted=...)``: ``CountedView(journal)``."""
    return CountedView(journal)


class CountedView:
    """A day as every reader counts it (``check.reading.counted``), and
    whether it has an entry of a type (``check.standing.holds``), each
    imported only when a recording needs it."""

    def __init__(self, journal):
        self.journal = journal

    def __call__(self, day):
        from lobbyctl.check.reading import counted

        return counted(self.journal, day)

    def holds(self, day, entry_type, date):
        from lobbyctl.check.standing import holds

        return holds(self.journal, day, entry_type, date)


def tell(text):
    """A message, warning or confirmation on stderr: every sentence lobbyctl
    says to a person goes out here (or through ``lazy._fail`` for errors),
    masked and neutralised (``safe.for_person``): it may quote a path, a
    typed value or a journal's text."""
    from lobbyctl.schema.text.safe import for_person

    click.echo(for_person(text), err=True)


def announce(journal, recorded, summary=""):
    """The new id alone on stdout (for ``id=$(lobbyctl greet ...)``); the
    human confirmation and any warnings on stderr."""
    from lobbyctl.schema.text.messages import say

    lang = journal.config.lang
    entry = recorded.entry
    click.echo(entry["id"])
    label = vocab.label("type", entry["type"], lang)
    time = entry["at"][11:16]
    from lobbyctl.schema.text.privacy import mask
    from lobbyctl.schema.text.safe import neutralise

    # the summary and warnings echo values (labels from lobbyctl.yaml, the
    # entry updated, the day file's path); only they are masked: the id, day
    # and time alone hold ten digits, and masking the whole line would cost
    # every recording the patterns' compiling
    click.echo(neutralise(say("recorded", lang, label=label, id=entry["id"], time=time,
                              day=entry["at"][:10], summary=mask(summary)).rstrip()), err=True)
    if recorded.masked:
        tell(say("masked", lang, count=recorded.masked))
    for warning in recorded.warnings:
        tell(say("warning", lang, text=warning))


def report_options(default_format="text", formats=("text", "markdown", "csv", "json")):
    """--format, --lang, --output, --no-mask and --skip-bad, which every report
    takes; ``formats`` are the ones this report is drawn in."""

    def decorate(function):
        function = click.option("--skip-bad", is_flag=True,
                                help="Report what is readable: leave out a day file that "
                                     "does not parse and each entry `check` rejects (each "
                                     "named on stderr).")(function)
        function = click.option("--no-mask", is_flag=True,
                                help="Show phone, ID-card and card numbers in full.")(function)
        function = click.option("-o", "--output", metavar="FILE",
                                help="Write to FILE atomically (strftime codes such as %Y-%m "
                                     "are filled from the period); folders are created; - is "
                                     "stdout. The journal's own files (day files, anything "
                                     "under a year folder, lobbyctl.yaml) are refused, as are "
                                     "devices, FIFOs and links.")(function)
        function = click.option("--lang", type=click.Choice(["zh", "en"]),
                                help="Language of labels and headings (default: the journal's, "
                                     "else the locale's).")(function)
        return format_option(default_format, formats=formats)(function)

    return decorate


XLSX_HELP = (" xlsx is an Excel workbook: give --output FILE.xlsx (or redirect standard "
             "output to a file or a pipe; a terminal is refused).")


def format_option(default="text", help="Terminal tables, Markdown, CSV or JSON.",
                  formats=("text", "markdown", "csv", "json")):
    """-f/--format, the same for every report and ``show``."""
    if "xlsx" in formats:
        help += XLSX_HELP
    return click.option("-f", "--format", "fmt", default=default, show_default=True,
                        type=click.Choice(list(formats)), help=help)


def report_language(journal, lang):
    """--lang, else the journal's language, else the locale's."""
    if lang:
        return lang
    if journal.config.data.get("lang"):
        return journal.config.lang
    import locale

    current = (locale.getlocale()[0] or "").lower()
    return "zh" if current.startswith("zh") else "en"


def emit(text, output, period_start=None, target=None):
    """Print a rendered report, or write it atomically to ``output``
    (strftime codes filled from the first day of the period; ``-`` is
    standard output).  The last guard for the terminal or the file: any
    control or bidi character still in ``text`` came from a journal or config
    value, and is shown escaped.  Bytes (a workbook) are refused to a
    terminal and written as they are to a file or a pipe.  ``target(path)``
    says where the path may be written (default: never over this journal's
    own files, ``output_path``)."""
    if isinstance(text, bytes):
        # a workbook: its cells were neutralised as they were written
        refuse_binary_terminal(output)
    else:
        from lobbyctl.schema.text.safe import neutralise

        text = neutralise(text)
    if not output or output == "-":
        if isinstance(text, bytes):
            stream = click.get_binary_stream("stdout")
            stream.write(text)
            stream.flush()
        else:
            click.echo(text, nl=False)
        return
    from lobbyctl.store.output import write_atomically

    path = period_start.strftime(output) if period_start is not None else output
    written = write_atomically((target or output_path)(path), text)
    tell(written)


def refuse_binary_terminal(output, fmt="xlsx"):
    """A workbook goes to a file or a pipe, never to a terminal, where its
    bytes would garble the screen (a usage problem, exit 2)."""
    if output and output != "-":
        return
    if click.get_binary_stream("stdout").isatty():
        from lobbyctl.schema.text.messages import problem

        raise problem(UsageProblem, "binary_to_terminal", fmt=fmt)


def output_path(path, option="--output"):
    """Where ``--output`` may write: never over the journal's own files, a
    device, a FIFO, a socket or a link (a usage problem, exit 2)."""
    from lobbyctl.store.output import output_target

    journal = click.get_current_context().find_root().obj.journal
    return output_target(path, journal.root, journal.config.lang, option)


def say_skipped(loaded, lang, problems=None):
    """Name on stderr each day file and each entry a --skip-bad reader left
    out (``loaded.skipped``, or ``problems``): never silently."""
    from lobbyctl.check.reading import BadEntry
    from lobbyctl.schema.text.messages import said, say

    for problem in getattr(loaded, "skipped", loaded) if problems is None else problems:
        key = "skipped_entry" if isinstance(problem, BadEntry) else "skipped_file"
        # the problem may quote the file's text: masked, as every message is
        text = said(problem, lang)[0] if hasattr(problem, "key") else problem.message
        tell(say(key, lang, problem=text))


def mark_future(journal, report, notice, **values):
    """A report of a day or month still to come says so: ``future`` in its
    header (``"future": true`` in JSON) and a notice on stderr in the
    journal's language.  Exit 0: looking ahead is allowed, only surprising."""
    from lobbyctl.schema.text.messages import say

    report.meta["future"] = (say("future_label", report.lang), True)
    tell(say(notice, journal.config.lang, **values))
