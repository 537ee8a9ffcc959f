import click

from lobbyctl.cli.common import Label, date_argument, emit, report_language, report_options, say_skipped


@click.command()
@click.option("-t", "--type", "entry_type", type=Label("type"), default="greet",
              show_default=True, help="Which entries to count (a key or a label: refer, 产品推荐, Referral).")
@click.option("-b", "--by", "by_fields", metavar="FIELD[,FIELD]", multiple=True,
              help="Group by these fields of the type (e.g. segment, route, purpose, product, "
                   "outcome, category, kind) or by hour, weekday, date, week, month, by; "
                   "a list field also by its singular (group for groups, step for steps), "
                   "any field by its column title (分流去向, Route). Repeatable.")
@click.option("-p", "--period", type=click.Choice(["day", "week", "month"]),
              help="Spread the counts over days, ISO weeks or months (as columns).")
@click.option("--period-rows", is_flag=True,
              help="Periods as rows instead, with the last --by field's values as columns "
                   "(reads better for many periods and few values).")
@click.option("--from", "start_text", metavar="DATE",
              help="First day (a date or a phrase: 2026-11-01, 'last monday', '30 days ago'; "
                   "default: the 1st of the month).")
@click.option("--to", "end_text", metavar="DATE",
              help="Last day (default: today).")
@click.option("-w", "--where", multiple=True, metavar="FIELD=VALUE",
              help="Only entries whose FIELD is VALUE (a key or a label; repeat it: the same "
                   "field means any of them, different fields all of them).")
@report_options(formats=("text", "markdown", "csv", "json", "xlsx"))
@click.pass_obj
def table(app, entry_type, by_fields, period, period_rows, start_text, end_text, where, fmt,
          lang, output, no_mask, skip_bad):
    """A pivot table of one kind of entry: greetings count their customers
    (--count), other entries count one each; row totals and a totals row.

    A list field (groups, assist, steps) counts an entry under each member,
    so its rows may add up to more than the total, which counts each entry
    once.  Referrals, complaints and notes count in their state as of --to
    (a referral accepted on a later follow-up counts as accepted).

    -f csv writes one figure a line, whatever the layout: one column per
    --by field (its key: counter, regular, true; empty for no value), then
    period (with --period), count and total, which says what the line is:
    empty for one cell, row for a row's total over the periods, period for
    a period's total over the rows, all for the whole table.

    \b
    Example:
      lobbyctl report table --by route --period week
      lobbyctl report table --by segment,purpose --from 'last monday' --lang en
      lobbyctl report table --by route --period day --period-rows
      lobbyctl report table --by segment --period week -f xlsx -o tables/segments.xlsx
      lobbyctl report table --type refer --by product,outcome --where to=wealth-manager
      lobbyctl report table --type complain --by category --period month --from 2026-01-01 -f csv
      lobbyctl report table --type 迎送分流 --by group --where route=柜台
    """
    from lobbyctl.render.formats import render
    from lobbyctl.check.reading import DayStream
    from lobbyctl.reports.table import build_table

    journal = app.journal
    start, end = date_range(journal, start_text, end_text)
    fields = [name for text in by_fields for name in text.split(",") if name.strip()]
    language = report_language(journal, lang)
    days = DayStream(journal, start, end, skip_bad=skip_bad)
    report = build_table(journal, days, today=journal.today(), entry_type=entry_type,
                         by_fields=fields, period=period, start=start, end=end, where=where,
                         lang=language, period_rows=period_rows, masked=not no_mask)
    emit(render(report, fmt), output, start)
    say_skipped(days, language)


def date_range(journal, start_text, end_text):
    """--from/--to: by default the current month up to today; --from alone
    runs to today, --to alone from the 1st of its month."""
    today = journal.today()
    start = date_argument(journal, start_text, "--from") if start_text else None
    end = date_argument(journal, end_text, "--to") if end_text else None
    if start is None:
        start = (end or today).replace(day=1)
    if end is None:
        end = max(today, start)
    return start, end
