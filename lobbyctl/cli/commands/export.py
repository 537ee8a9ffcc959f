import sys

import click

from lobbyctl.cli.common import Label, date_argument, say_skipped


@click.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx", "parquet"]),
              default="jsonl", show_default=True,
              help="JSON Lines (native types), CSV (one fixed header), xlsx (an Excel sheet "
                   "of the same columns, typed, with an autofilter: give --output FILE.xlsx "
                   "or redirect standard output; a terminal is refused) or parquet (the "
                   "whole journal as a Hive-partitioned dataset in --output DIR, written "
                   "incrementally; needs pip install 'lobbyctl[engine]').")
@click.option("--from", "start_text", metavar="DATE",
              help="First day (a date or a phrase: 2026-11-01, 'last monday'; default: the "
                   "journal's first day).")
@click.option("--to", "end_text", metavar="DATE", help="Last day (default: today).")
@click.option("-t", "--type", "types", type=Label("type"), multiple=True,
              help="Only entries of this type (repeatable; default: all).")
@click.option("--raw", is_flag=True,
              help="List updates as rows of their own instead of folding them into the "
                   "referral, complaint or fault they change.")
@click.option("--no-mask", is_flag=True, help="Show phone, ID-card and card numbers in full.")
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE atomically (folders are created) instead of stdout; "
                   "strftime codes such as %Y-%m are filled from the first day exported "
                   "(--from, else the journal's first day); - is stdout. A day file, lobbyctl.yaml or anything under a year "
                   "folder of the journal is refused, as are devices, FIFOs and links.")
@click.option("--skip-bad", is_flag=True,
              help="Export what is readable: leave out a day file that does not parse and "
                   "each entry `check` rejects (each named on stderr).")
@click.pass_obj
def export(app, fmt, start_text, end_text, types, raw, no_mask, output, skip_bad):
    """Export entries, one row each, for DuckDB, pandas or Spark.

    The columns are fixed and documented (branch_code, branch_name, id, type,
    at, date, by, then every field of every type; see the README): updates
    are folded into the entry they change (its current outcome, status or
    fix, the dates they changed and the contacts made) unless --raw.

    \b
    Example:
      lobbyctl export --format csv --output exports/lobby.csv
      lobbyctl export --type greet --from 2026-11-01 --to 2026-11-30 > november.jsonl
      lobbyctl export --raw --type refer --type update --format csv
      lobbyctl export --from 'last month' --format csv -o 'exports/%Y-%m.csv'
      lobbyctl export --from 2026-11-01 --format xlsx -o exports/november.xlsx
      lobbyctl export --format parquet --output ~/datasets/lobby
    """
    if fmt == "parquet":
        return export_parquet(app, output, no_mask, skip_bad,
                              start_text or end_text or types or raw)
    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text.messages import problem
    from lobbyctl.reports.export_rows import write_export
    from lobbyctl.schema.text.messages import say
    from lobbyctl.check.reading import DayStream

    journal = app.journal
    today = journal.today()
    start = date_argument(journal, start_text, "--from") if start_text else None
    end = date_argument(journal, end_text, "--to") if end_text else max(today, start or today)
    if start is not None and start > end:
        raise problem(UsageProblem, "from_after_to", start=start.isoformat(), end=end.isoformat())
    # --raw lists what a void took out, beside the void itself
    days = DayStream(journal, start, end, skip_bad=skip_bad, with_voided=raw)
    options = {"types": types, "raw": raw, "masked": not no_mask, "until": end}
    lang = journal.config.lang
    if fmt == "xlsx":
        return _export_workbook(journal, days, output, start, end, options)
    if output and output != "-":
        from lobbyctl.cli.common import output_path
        from lobbyctl.store.output import atomic_writer

        target = output_path(filled_output(journal, output, start, end))
        with atomic_writer(target) as (handle, path):
            count = write_export(journal, days, fmt, handle, **options)
        from lobbyctl.cli.common import tell

        tell(say("exported", lang, count=count, path=path))
    else:
        write_export(journal, days, fmt, sys.stdout, **options)
    say_skipped(days, lang)


def filled_output(journal, output, start, end):
    """``-o`` with its strftime codes filled from the period's first day:
    --from, else the first day file exported, else the last day (an empty
    journal), as ``report -o`` does."""
    if "%" not in output:
        return output
    first = start
    if first is None:
        days = journal.day_files(None, end, on_problem=lambda problem: None)
        first = days[0][0] if days else end
    return first.strftime(output)


def _export_workbook(journal, days, output, start, end, options):
    """``export -f xlsx``: the rows streamed into a workbook (a year stays
    out of memory), to ``--output`` atomically or to a pipe, never a terminal."""
    from lobbyctl.cli.common import output_path, refuse_binary_terminal, tell
    from lobbyctl.render.xlsx import write_rows
    from lobbyctl.reports.export_rows import COLUMNS, KINDS, export_rows, workbook_values
    from lobbyctl.schema.text.messages import say

    refuse_binary_terminal(output)
    lang = journal.config.lang
    columns = [(name, KINDS[name]) for name in COLUMNS]
    rows = workbook_values(export_rows(journal, days, **options))
    if output and output != "-":
        from lobbyctl.store.output import atomic_writer

        target = output_path(filled_output(journal, output, start, end))
        with atomic_writer(target, binary=True) as (handle, path):
            count = write_rows(handle, "export", columns, rows, lang)
        tell(say("exported", lang, count=count, path=path))
    else:
        import shutil
        import tempfile

        # a zip is finished by seeking back: built in a temp file, then copied
        with tempfile.TemporaryFile() as handle:
            write_rows(handle, "export", columns, rows, lang)
            handle.seek(0)
            stream = click.get_binary_stream("stdout")
            shutil.copyfileobj(handle, stream)
            stream.flush()
    say_skipped(days, lang)


def export_parquet(app, output, no_mask, skip_bad, narrowed):
    """``--format parquet``: the whole journal as a dataset in ``--output DIR``
    (``engine/dataset.py``); the other branches a dataset holds stay."""
    from lobbyctl.cli.common import tell
    from lobbyctl.engine.dataset import check_target, export_dataset
    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text.messages import problem

    from lobbyctl.engine import require

    require("pyarrow", "--format parquet")
    journal = app.journal
    lang = journal.config.lang
    if not output or output == "-":
        raise problem(UsageProblem, "parquet_needs_output")
    if narrowed or skip_bad:
        raise problem(UsageProblem, "parquet_whole")
    target = check_target(output, [journal.root], lang)
    summary = export_dataset(target, [journal], masked=not no_mask)
    tell(summary.said(target, lang))
