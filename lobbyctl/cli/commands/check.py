import click


@click.command()
@click.option("--from", "start_text", metavar="DATE",
              help="First day to check (2026-11-01, 'last monday', 昨天); default: the first.")
@click.option("--to", "end_text", metavar="DATE",
              help="Last day to check; default: the last.")
@click.pass_obj
def check(app, start_text, end_text):
    """Validate the journal: every problem as path:line: message.

    Finds YAML errors, files in the wrong place or named wrongly, symbolic
    links, entries whose time or id does not match their file's day,
    unknown types, fields and labels, missing required fields, values of the
    wrong kind, duplicate ids, updates pointing nowhere, and a last line
    left unfinished by a crash; and the targets: of lobbyctl.yaml (an
    unknown name, with the valid ones; a value not a number or out of its
    range).  Problems go to stdout, sorted by file and line; a summary goes
    to stderr.  Exit 1 if anything was found.

    \b
    Example:
      lobbyctl check
      lobbyctl check --from 2026-11-01 --to 2026-11-30
      lobbyctl check --from yesterday || echo "fix the journal first"
    """
    from lobbyctl.cli.common import date_argument
    from lobbyctl.errors import UsageProblem
    from lobbyctl.schema.text.messages import say
    from lobbyctl.check.validate import check_journal
    from lobbyctl.schema.text.safe import neutralise

    journal = app.journal
    lang = journal.config.lang
    start = date_argument(journal, start_text, "--from") if start_text else None
    end = date_argument(journal, end_text, "--to") if end_text else None
    if start and end and start > end:
        raise UsageProblem(say("check_range", lang, start=start, end=end))
    result = check_journal(journal, start, end)
    if result.problems:
        # a problem quotes the value it is about, and the file's name: either may hold an ESC
        click.echo("\n".join(neutralise(problem.in_language(lang), one_line=True)
                             for problem in result.problems))
        click.echo(say("check_problems", lang, problems=len(result.problems),
                       files=result.files_with_problems()), err=True)
        raise click.exceptions.Exit(1)
    click.echo(say("check_ok", lang, entries=result.entries, files=result.files), err=True)
