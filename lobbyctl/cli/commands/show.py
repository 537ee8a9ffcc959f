import click

from lobbyctl.cli.common import Label, format_option


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
@format_option(help="A table fitted to the terminal (COLUMNS, else 80 cells wide: the "
                    "details wrap), Markdown, CSV or JSON (details in full).")
@click.pass_obj
def show(app, date_text, types, lang, no_mask, skip_bad, fmt):
    """Show one day's entries as a table (default: today).

    DATE is a date or a phrase: 2026-11-20, yesterday, 'last monday',
    '3 days ago', 昨天.  An update is shown against the entry it changes;
    an entry a void took out is still listed, marked voided with the reason.
    Personal numbers in free text are masked unless --no-mask.

    \b
    Example:
      lobbyctl show
      lobbyctl show yesterday --type complain
      lobbyctl show 2026-11-20 --lang en --type refer --type update
      lobbyctl show 2026-11-20 -f json
    """
    from lobbyctl.check.reading import read_day
    from lobbyctl.cli.common import date_argument, say_skipped
    from lobbyctl.reports.describe import Describer, update_targets
    from lobbyctl.reports.show import build_show_report
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
    from lobbyctl.check.voids import voids_of

    describer = Describer(lang, config=journal.config, tz=journal.tz, mask=not no_mask,
                          lookup=update_targets(journal, loaded.entries),
                          voids=voids_of(journal))
    rows = describer.rows(entries)
    report = build_show_report(rows, day, lang)
    # the cells are escaped already (Describer); this guards the output as a whole
    click.echo(neutralise(draw(report, fmt)), nl=False)
    click.echo(say("show_count", lang, day=day.isoformat(), count=len(rows)), err=True)


def draw(report, fmt):
    """Text is the entries' table alone, fitted to the terminal; the other
    formats draw the report as every report is drawn."""
    if fmt != "text":
        from lobbyctl.render.formats import render

        return render(report, fmt)
    from lobbyctl.render.fitted import fitted_table, terminal_width
    from lobbyctl.render.grid import grid_of

    [table] = report.sections[0].blocks
    return fitted_table(grid_of(table), report.lang, terminal_width(), "details") + "\n"
