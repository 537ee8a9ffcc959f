import click

from lobbyctl.schema.text.messages import say


@click.command()
@click.option("--branch-code", default="", help="The branch's code, e.g. 0101 (kept as text).")
@click.option("--branch-name", default="", help="The branch's name, e.g. 城东支行.")
@click.option("--manager", "managers", multiple=True, metavar="NAME",
              help="A lobby manager (repeatable); the first is the default --by.")
@click.option("--timezone", default="Asia/Shanghai", show_default=True,
              help="The branch's timezone (an IANA name).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of labels and reports.")
@click.pass_obj
def init(app, branch_code, branch_name, managers, timezone, lang):
    """Create a journal: lobbyctl.yaml, .gitattributes (git merges day files
    line by line, so two clones never conflict) and .gitignore.

    Refuses to touch a folder that already holds a journal.

    \b
    Example:
      lobbyctl -J ~/lobby init --branch-code 0101 --branch-name 城东支行 --manager 王芳
    """
    from lobbyctl.cli.common import tell
    from lobbyctl.domain.setup import create_journal

    root = create_journal(app.journal_root, branch_code=branch_code, branch_name=branch_name,
                          managers=list(managers), timezone=timezone, lang=lang)
    tell(say("initialised", lang, root=root))
