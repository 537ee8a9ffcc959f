import click

from lobbyctl.cli.common import report_options


@click.command()
@click.argument("month_text", metavar="[MONTH]", required=False, default="this")
@report_options(default_format="markdown",
                formats=("text", "markdown", "csv", "json", "xlsx", "html"))
@click.option("--items", "items_text", metavar="N|all", default="30", show_default=True,
              help="Rows each list of open items shows (overdue follow-ups, overdue "
                   "complaints, complaints from before the month, faults); the rest are "
                   "counted after it.  all: every row.")
@click.pass_obj
def month(app, month_text, fmt, lang, output, no_mask, skip_bad, items_text):
    """Draw the monthly feedback report form (月反馈报告表) of MONTH:
    YYYY-MM, this or last (default this).

    The headline figures first, each beside the month before and the same
    month a year before (the change in points for a rate, in per cent for a
    count; "—" where the journal has no day file) and the target set in
    lobbyctl.yaml's targets: (met or missed).  Customer flow and its peaks,
    routing and the diversion rate, waiting times (from the queue tickets
    where a day has them), the queue's service level and no-shows, counter
    ratings and satisfaction, high-end discovery, referral results, complaints (overdue ones
    listed), faults and fixes, hygiene and safety, teller reminders, customers'
    opinions, checklist compliance and the managers' remarks, in the form of
    templates/month.<lang>.md (Markdown, the default) or .txt (text, wrapped to
    COLUMNS, else 80 cells); html is the page to print and sign (A4, one
    self-contained file).  CSV and JSON give the same figures as data.  Updates count as of the month's last
    day (for the month still running, as of today), so the form of a past
    month never changes; the header's generation time is its only moving part,
    which makes it safe to run from cron.  A month not yet begun is drawn,
    with a notice on stderr and "future" in the header.

    Each list of open items (referrals past their follow-up date, formal
    complaints past their due date, complaints from before the month,
    faults) shows its first --items rows, the most overdue first, then how
    many more there are ("more" in JSON); the counts count them all, and
    lobbyctl due lists every one.  --items all lists every row.

    \b
    Example:
      lobbyctl report month
      lobbyctl report month last --output reports/%Y-%m.md
      lobbyctl report month 2026-10 --format json --lang en
      lobbyctl report month last --format xlsx --output reports/%Y-%m.xlsx
      lobbyctl report month last --format html -o forms/%Y-%m.html
      lobbyctl report month 2026-10 --items all
    \b
    From cron at 07:00 on the 1st, then into git (cron's PATH is short:
    give lobbyctl's full path; % must be written \\% in a crontab):
      0 7 1 * * cd ~/lobby && /usr/local/bin/lobbyctl -J . report month last -o reports/\\%Y-\\%m.md && git add reports && git commit -qm 月反馈报告表
    """
    from lobbyctl.cli.common import emit, report_language, say_skipped
    from lobbyctl.reports.headline import read_form
    from lobbyctl.reports.month import build_month_report, month_bounds
    from lobbyctl.render.formats import render
    from lobbyctl.render.template import render_with_template, template_text
    from lobbyctl.domain.when import parse_month
    from lobbyctl.store.loader import collector_paused

    journal = app.journal
    items = _items(items_text, journal.config.lang)
    year, number = parse_month(month_text, journal.today())
    lang = report_language(journal, lang)
    generated = journal.now()
    # the form is made of tens of thousands of dicts and no cycles: the
    # cyclic collector would only rescan them (store.loader.collector_paused)
    with collector_paused():
        inputs, earlier, earlier_skipped = read_form(journal, year, number, generated,
                                                     skip_bad=skip_bad)
        report = build_month_report(journal, year, number, lang, mask=not no_mask,
                                    generated=generated, inputs=inputs, earlier=earlier,
                                    items=items)
        if (year, number) > (journal.today().year, journal.today().month):
            from lobbyctl.cli.common import mark_future

            mark_future(journal, report, "future_month", month=f"{year:04d}-{number:02d}")
        say_skipped(inputs.loaded, lang)
        _say_bad_targets(journal)
        # a file of an earlier month may already be named (a tracked entry read for this one)
        say_skipped(None, lang, [problem for problem in earlier_skipped
                                 if all(problem.message != known.message
                                        for known in inputs.loaded.skipped)])
        if fmt in ("markdown", "text"):
            text = render_with_template(report, template_text("month", lang, fmt), fmt)
        else:
            text = render(report, fmt)
    emit(text, output, month_bounds(year, number)[0])


def _items(text, lang):
    """``--items``: a positive whole number, or ``all`` (None: every row)."""
    import unicodedata

    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text.messages import say

    text = unicodedata.normalize("NFKC", text).strip()  # ３０ and ａｌｌ, as typed in Chinese
    if text.lower() == "all":
        return None
    if text.isascii() and text.isdigit() and text.strip("0"):
        # more rows than any list holds is every row (and no int of 5,000 digits)
        return int(text) if len(text) <= 18 else None
    raise UsageProblem(say("items_invalid", lang, value=text))


def _say_bad_targets(journal):
    """A target the form leaves out is said on stderr, never silently;
    ``check`` names each at its line."""
    from lobbyctl.cli.common import tell
    from lobbyctl.schema.targets import read_targets
    from lobbyctl.schema.text.messages import say

    _targets, problems = read_targets(journal.config.targets)
    if problems:
        tell(say("targets_left_out", journal.config.lang, count=len(problems)))
