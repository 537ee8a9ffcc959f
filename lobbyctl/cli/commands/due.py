import click

from lobbyctl.cli.common import date_argument, emit, report_language, report_options, say_skipped


@click.command()
@click.option("--on", "on_text", metavar="DATE",
              help="The day to look at (default today): 2026-11-30, tomorrow, 'next monday', "
                   "下周一; a bare day number is the coming one (5: the next 5th).")
@click.option("--overdue", is_flag=True,
              help="Only what is past its date: follow-ups not made, complaints past their "
                   "deadline.")
@click.option("--since", "since_text", metavar="DATE",
              help="Look for open items only among those recorded from this day on "
                   "(default: the whole journal, however old an item is).")
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
    from lobbyctl.domain.tracked import states_as_of
    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text.messages import problem
    from lobbyctl.render.formats import render
    from lobbyctl.reports.due import build_due
    from lobbyctl.reports.open_items import tracked_entries

    journal = app.journal
    # due plans: --on 5 is the coming 5th
    on = date_argument(journal, on_text, "--on", ahead=True) if on_text else journal.today()
    since = date_argument(journal, since_text, "--since") if since_text else None
    if since is not None and since > on:
        raise problem(UsageProblem, "since_after_on", since=since.isoformat(), on=on.isoformat())
    language = report_language(journal, lang)
    skipped = [] if skip_bad else None
    states = states_as_of(tracked_entries(journal, since, on, skipped), on)
    report = build_due(journal, states, on=on, since=since, overdue_only=overdue,
                       lang=language, masked=not no_mask)
    emit(render(report, fmt), output, on)
    say_skipped(skipped or [], language)
