import click

from lobbyctl.cli.common import report_options


@click.command()
@click.argument("month_text", metavar="[MONTH]", required=False, default="this")
@report_options(default_format="markdown",
                formats=("text", "markdown", "csv", "json", "xlsx", "html"))
@click.pass_obj
def month(app, month_text, fmt, lang, output, no_mask, skip_bad):
    """Draw the monthly feedback report form (月反馈报告表) of MONTH:
    YYYY-MM, this or last (default this).

    Customer flow and its peaks, routing and the diversion rate, waiting
    times (from the queue tickets where a day has them), the queue's service
    level and no-shows, counter ratings and satisfaction against the previous
    month, high-end discovery, referral results, complaints (overdue ones
    listed), faults and fixes, hygiene and safety, teller reminders, customers'
    opinions, checklist compliance and the managers' remarks, in the form of
    templates/month.<lang>.md (Markdown, the default) or .txt (text, wrapped to
    COLUMNS, else 80 cells); html is the page to print and sign (A4, one
    self-contained file).  CSV and JSON give the same figures as data.  Updates count as of the month's last
    day (for the month still running, as of today), so the form of a past
    month never changes; the header's generation time is its only moving part,
    which makes it safe to run from cron.  A month not yet begun is drawn,
    with a notice on stderr and "future" in the header.

    \b
    Example:
      lobbyctl report month
      lobbyctl report month last --output reports/%Y-%m.md
      lobbyctl report month 2026-10 --format json --lang en
      lobbyctl report month last --format xlsx --output reports/%Y-%m.xlsx
      lobbyctl report month last --format html -o forms/%Y-%m.html
    \b
    From cron at 07:00 on the 1st, then into git (cron's PATH is short:
    give lobbyctl's full path; % must be written \\% in a crontab):
      0 7 1 * * cd ~/lobby && /usr/local/bin/lobbyctl -J . report month last -o reports/\\%Y-\\%m.md && git add reports && git commit -qm 月反馈报告表
    """
    from lobbyctl.cli.common import emit, report_language, say_skipped
    from lobbyctl.reports.month import as_of_day, build_month_report, month_bounds
    from lobbyctl.reports.open_items import read_period
    from lobbyctl.render.formats import render
    from lobbyctl.render.template import render_with_template, template_text
    from lobbyctl.domain.when import parse_month

    journal = app.journal
    year, number = parse_month(month_text, journal.today())
    lang = report_language(journal, lang)
    generated = journal.now()
    inputs = read_period(journal, *month_bounds(year, number),
                         as_of_day(year, number, generated), skip_bad=skip_bad)
    # the previous month's ratings, for the satisfaction to compare with
    from lobbyctl.check.reading import load_range

    before_first, before_last = month_bounds(*((year, number - 1) if number > 1 else (year - 1, 12)))
    before = load_range(journal, before_first, before_last, skip_bad=skip_bad)
    previous = [entry for _day, entry in before.entries() if entry.get("type") == "rate"]
    report = build_month_report(journal, year, number, lang, mask=not no_mask,
                                generated=generated, inputs=inputs, previous=previous)
    if (year, number) > (journal.today().year, journal.today().month):
        from lobbyctl.cli.common import mark_future

        mark_future(journal, report, "future_month", month=f"{year:04d}-{number:02d}")
    if skip_bad:  # each named once: the tracked items' reading met them too
        said = {problem.message for problem in inputs.loaded.skipped}
        say_skipped(before, lang, [problem for problem in before.skipped
                                   if problem.message not in said])
    say_skipped(inputs.loaded, lang)
    if fmt in ("markdown", "text"):
        text = render_with_template(report, template_text("month", lang, fmt), fmt)
    else:
        text = render(report, fmt)
    emit(text, output, month_bounds(year, number)[0])
