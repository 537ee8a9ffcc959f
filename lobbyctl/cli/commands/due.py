import click

from lobbyctl.cli.common import date_argument, emit, report_language, report_options, say_skipped


@click.command()
@click.option("--on", "on_text", metavar="DATE",
              help="The day to look at (default today): 2026-11-30, tomorrow, 'next monday'.")
@click.option("--overdue", is_flag=True,
              help="Only what is past its date: follow-ups not made, complaints past their "
                   "deadline.")
@click.option("--since", "since_text", metavar="DATE",
              help="Scan the journal from this day for open items (default: 120 days before "
                   "--on).")
@report_options()
@click.pass_obj
def due(app, on_text, overdue, since_text, fmt, lang, output, no_mask, skip_bad):
    """What to phone, message or chase today: referrals pending whose
    follow-up date has come, formal complaints not resolved with their
    deadline (15/30/60 days), grumbles to call back, and equipment faults not
    fixed, most urgent first.

    Days left is negative when overdue.  Updates count: a referral followed up
    with a new --follow-up date moves; one accepted or declined is done.

    \b
    Example:
      lobbyctl due
      lobbyctl due --on tomorrow --lang en
      lobbyctl due --overdue --format csv --output due/%Y-%m-%d.csv
    """
    import datetime

    from lobbyctl.reports.due import SCAN_DAYS, build_due
    from lobbyctl.errors import UsageProblem
    from lobbyctl.render.formats import render
    from lobbyctl.check.reading import DayStream

    journal = app.journal
    on = date_argument(journal, on_text, "--on") if on_text else journal.today()
    since = (date_argument(journal, since_text, "--since") if since_text
             else on - datetime.timedelta(days=SCAN_DAYS))
    if since > on:
        raise UsageProblem(f"--since {since.isoformat()} is after --on {on.isoformat()}")
    language = report_language(journal, lang)
    days = DayStream(journal, since, on, skip_bad=skip_bad)
    report = build_due(journal, days, on=on, since=since, overdue_only=overdue, lang=language,
                       masked=not no_mask)
    emit(render(report, fmt), output, on)
    say_skipped(days, language)
