import click

from lobbyctl.cli.common import report_options


@click.command()
@click.argument("date_text", metavar="[DATE]", required=False, default="today")
@report_options(formats=("text", "markdown", "csv", "json", "xlsx", "html"))
@click.pass_obj
def day(app, date_text, fmt, lang, output, no_mask, skip_bad):
    """Draw the daily lobby log (大堂日志) of DATE (default today).

    On duty, the opening and closing checklists, customers by hour (beside
    the average of the four previous same weekdays that have a day file,
    and how many there were), segment,
    purpose and route with the share routed away from the counters, waiting
    times, prospects, referrals and complaints as they stood at the end of the
    day, faults, hygiene, hazards, teller reminders, opinions, and the
    follow-ups done and falling due.  DATE is a date or a phrase: 2026-10-15,
    yesterday, "last friday", 昨天, 上周五, 11月30日; a bare day of the month
    (30, 30日) is the most recent one, today included (typed on the 1st, 30 is
    last month's).  A day still to come is drawn, with a notice that it is in
    the future (and "future" in the header).

    \b
    Example:
      lobbyctl report day
      lobbyctl report day yesterday --format markdown --output logs/%Y-%m-%d.md
      lobbyctl report day 2026-10-15 --lang en --format json
      lobbyctl report day yesterday --format xlsx --output logs/%Y-%m-%d.xlsx
      lobbyctl report day 30
      lobbyctl report day yesterday --format html -o logs/%Y-%m-%d.html
    """
    from lobbyctl.cli.common import date_argument, emit, report_language, say_skipped
    from lobbyctl.reports.day import build_day_report
    from lobbyctl.reports.open_items import read_period
    from lobbyctl.reports.same_weekdays import read_same_weekdays
    from lobbyctl.render.formats import render

    journal = app.journal
    date = date_argument(journal, date_text, "DATE")
    lang = report_language(journal, lang)
    inputs = read_period(journal, date, date, date, skip_bad=skip_bad)
    same, same_skipped = read_same_weekdays(journal, date, skip_bad=skip_bad)
    report = build_day_report(journal, date, lang, mask=not no_mask, inputs=inputs,
                              same_weekdays=same)
    if date > journal.today():
        from lobbyctl.cli.common import mark_future

        mark_future(journal, report, "future_day", day=date.isoformat())
    say_skipped(inputs.loaded, lang)
    # a file of a week before may already be named (a tracked entry read for this day)
    say_skipped(None, lang, [problem for problem in same_skipped
                             if all(problem.message != known.message
                                    for known in inputs.loaded.skipped)])
    emit(render(report, fmt), output, date)
