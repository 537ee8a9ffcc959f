import click

from lobbyctl.cli.lazy import LazyGroup

SUBCOMMANDS = {
    "queue": "lobbyctl.cli.commands.import_queue:queue",
}


class ImportGroup(LazyGroup):
    registry = SUBCOMMANDS


@click.group("import", cls=ImportGroup)
def import_group():
    """Bring records of other systems into the journal.

    \b
    Example:
      lobbyctl import queue 叫号机导出-2026-10-15.csv
    """


@click.command()
@click.argument("path", metavar="FILE.csv", type=click.Path(dir_okay=False))
@click.option("--encoding", type=click.Choice(["utf-8", "gb18030", "gbk"]),
              help="The export's encoding; default: UTF-8 (with or without a BOM), else GB18030.")
@click.option("--skip-bad", is_flag=True,
              help="Import the rows that parse and list the others (default: import nothing "
                   "of a file with a bad row).")
@click.option("--by", metavar="NAME", envvar="LOBBYCTL_BY",
              help="Who imported it (default: the journal's first manager).")
@click.pass_obj
def queue(app, path, encoding, skip_bad, by):
    """Import a queue machine's ticket export (排队叫号系统导出): one ticket
    entry per row, in the day file of the time it was taken.

    The columns, time formats and the vendor's words for business types,
    statuses and ratings come from `queue:` in lobbyctl.yaml (without one:
    columns named ticket, business, taken, called, start, end, window, staff,
    status, rating).  Times are the journal's time zone.  A ticket already in
    the journal (same day, number and time taken) is skipped, so importing a
    file twice adds nothing.  A row that does not parse is named as
    FILE:line: message and nothing is imported (exit 1), unless --skip-bad.

    \b
    Example:
      lobbyctl import queue queue-2026-10-15.csv
      lobbyctl import queue 导出.csv --encoding gb18030 --skip-bad
    """
    from lobbyctl.cli.common import tell
    from lobbyctl.domain.queue_import import BadRows, import_queue
    from lobbyctl.schema.text.messages import said, say

    journal = app.journal
    lang = journal.config.lang
    try:
        result = import_queue(journal, path, encoding=encoding, skip_bad=skip_bad, by=by)
    except BadRows as exc:
        for row in exc.rows:
            tell(said(row, lang)[0])
        raise
    if result.bad:
        tell(say("import_left_out", lang, count=len(result.bad)))
        for row in result.bad:
            tell(said(row, lang)[0])
    if result.added:
        tell(say("import_done", lang, added=result.added, path=path, days=len(result.days)))
        if result.already:
            tell(say("import_already", lang, count=result.already))
    elif not result.rows:
        tell(say("import_no_rows", lang, path=path))
    else:
        tell(say("import_nothing", lang, path=path, count=result.already))
    if result.masked:
        tell(say("masked", lang, count=result.masked))
