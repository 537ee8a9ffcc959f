import click

from lobbyctl.cli.common import Label


@click.command()
@click.argument("date_text", metavar="[DATE]", required=False)
@click.option("--type", "types", type=Label("type"), multiple=True,
              help="Only entries of this type (repeatable).")
@click.option("--lang", type=click.Choice(["zh", "en"]),
              help="Language of labels (default: the journal's).")
@click.option("--no-mask", is_flag=True,
              help="Show phone, ID-card and card numbers in free text as stored.")
@click.option("--skip-bad", is_flag=True,
              help="Leave out each entry `check` rejects (each named on stderr) instead of "
                   "failing.")
@click.pass_obj
def show(app, date_text, types, lang, no_mask, skip_bad):
    """Show one day's entries as a table (default: today).

    DATE is a date or a phrase: 2026-11-20, yesterday, 'last monday',
    '3 days ago', 昨天.  An update is shown against the entry it changes.
    Personal numbers in free text are masked unless --no-mask.

    \b
    Example:
      lobbyctl show
      lobbyctl show yesterday --type complain
      lobbyctl show 2026-11-20 --lang en --type refer --type update
    """
    from lobbyctl.check.reading import read_day
    from lobbyctl.cli.common import date_argument, say_skipped
    from lobbyctl.reports.describe import Describer, update_targets
    from lobbyctl.schema.text.messages import say
    from lobbyctl.schema.text.safe import neutralise

    journal = app.journal
    lang = lang or journal.config.lang
    day = date_argument(journal, date_text, "DATE") if date_text else journal.today()
    skipped = [] if skip_bad else None
    loaded = read_day(journal, day, skipped)
    if skipped:
        say_skipped(None, lang, skipped)
    if not loaded.entries:
        click.echo(say("show_nothing", lang, day=day.isoformat()), err=True)
        return
    entries = loaded.entries
    if types:
        entries = [entry for entry in entries if entry.get("type") in types]
        if not entries:
            from lobbyctl.schema.vocab import label

            names = "、".join(label("type", name, lang) for name in types) if lang == "zh" \
                else ", ".join(types)
            click.echo(neutralise(say("show_nothing_of_type", lang, day=day.isoformat(),
                                      types=names)), err=True)
            return
    describer = Describer(lang, config=journal.config, tz=journal.tz, mask=not no_mask,
                          lookup=update_targets(journal, loaded.entries))
    rows = describer.rows(entries)
    # the cells are escaped already (Describer); this guards the table as a whole
    click.echo(neutralise(table(rows, lang)))
    click.echo(say("show_count", lang, day=day.isoformat(), count=len(rows)), err=True)


def table(rows, lang):
    """The rows as a table with a border on both sides (GitHub Markdown, so
    it also pastes into a document); wide (Chinese) characters count as two
    cells because tabulate measures with wcwidth when it is installed, and
    the right border makes a misaligned row visible at once."""
    from tabulate import tabulate

    from lobbyctl.schema.text.messages import say

    headers = [say(f"column_{name}", lang) for name in ("time", "type", "by", "id", "details")]
    body = [[row.time, row.type, row.by, row.id, row.details] for row in rows]
    return tabulate(body, headers=headers, tablefmt="github", disable_numparse=True)
