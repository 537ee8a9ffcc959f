"""``lobbyctl region``: a region's branches together -- init, table, export."""

import os

import click

from lobbyctl.cli.common import Label, format_option, tell


@click.group()
@click.pass_obj
def region(app):
    """A region: a folder with region.yaml naming its branch journals (git
    clones) by path or glob.  -R DIR or $LOBBYCTL_REGION chooses it (else
    ./region).  Ids are unique only within a branch: everything across
    branches is keyed by (branch code, id).

    \b
    Example:
      lobbyctl region init ~/region --code R01 --name 城东区 --branch 'clones/*'
      lobbyctl -R ~/region region month last
      lobbyctl -R ~/region region table --by branch,route --period month
      lobbyctl -R ~/region region export --output ~/region/dataset
    """
    app.in_region = True


def _drawn_options(filled_from, drawn, formats=("text", "markdown", "csv", "json")):
    """--dataset, --format, --lang, --output, --no-mask and --skip-bad, as
    every region report takes them (``filled_from``: what -o's strftime
    codes are filled from; ``drawn``: the table or the form)."""

    def decorate(function):
        for option in reversed((
                click.option("--dataset", "dataset_dir", metavar="DIR",
                             help="The region's dataset folder (default: dataset/ in the "
                                  "region folder)."),
                format_option(default="text", formats=formats),
                click.option("--lang", type=click.Choice(["zh", "en"]),
                             help="Language of labels and headings (default: the region's)."),
                click.option("-o", "--output", metavar="FILE",
                             help="Write to FILE atomically (strftime codes such as %Y-%m are "
                                  f"filled from {filled_from}); - is stdout. A branch "
                                  "journal's own files are refused, as are devices, FIFOs and "
                                  "links."),
                click.option("--no-mask", is_flag=True,
                             help="Show phone, ID-card and card numbers in full."),
                click.option("--skip-bad", is_flag=True,
                             help=f"Draw the {drawn} from the branches that can be read, "
                                  "naming those missing (a branch missing, not a journal, or "
                                  "failing its reading checks)."))):
            function = option(function)
        return function

    return decorate


@region.command("init")
@click.argument("folder", required=False, metavar="[DIR]")
@click.option("--code", default="", help="The region's code, e.g. R01 (kept as text).")
@click.option("--name", default="", help="The region's name, e.g. 城东区.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the region's messages and forms.")
@click.option("-b", "--branch", "patterns", multiple=True, metavar="PATH",
              help="A branch journal, by path or glob relative to DIR (repeatable; "
                   "default: branches/*).")
@click.pass_obj
def init(app, folder, code, name, lang, patterns):
    """Write region.yaml in DIR (default: the -R region); refuses to replace one.

    \b
    Example:
      lobbyctl region init ~/region --code R01 --name 城东区 --branch 'clones/*'
    """
    from lobbyctl.schema.text.messages import say
    from lobbyctl.store.region import REGION_NAME, create_region, region_language

    root = os.path.abspath(os.path.expanduser(folder)) if folder else app.region_root
    # the region being made speaks --lang, its problems too; one already
    # there (refused) its own language
    app.speak(region_language(root) if os.path.lexists(os.path.join(root, REGION_NAME))
              else lang)
    path = create_region(root, code=code, name=name, lang=lang, patterns=list(patterns))
    tell(say("region_initialised", lang, path=path))


def _opened(app, skip_bad, lang, group=None):
    """The region's branches that open, each one that does not named on
    stderr (with --skip-bad) or raised (without); with ``group`` (--group),
    only that group's: a branch of another group that does not open is not
    this form's concern."""
    from lobbyctl.errors import JournalProblem
    from lobbyctl.reports.region_table import branch_problem
    from lobbyctl.schema.text.messages import problem
    from lobbyctl.store.region_branches import open_branches

    region_ = app.region
    branches, bad = open_branches(region_, now=app.now)
    if group is not None:
        from lobbyctl.reports.region_table import resolve_group

        group = resolve_group(group, branches + bad, "--group")
        branches = [branch for branch in branches if branch.group == group]
        bad = [branch for branch in bad if branch.group == group]
    if bad and not skip_bad:
        raise branch_problem(bad[0], lang)
    if not branches:
        raise problem(JournalProblem, "region_no_branches", root=region_.root)
    return region_, branches, bad


def _say_missing(missing, lang):
    from lobbyctl.reports.region_table import branch_problem
    from lobbyctl.schema.text.messages import said, say

    for bad in missing:
        tell(say("warning", lang, text=said(branch_problem(bad, lang), lang)[0]))
    if missing:
        tell(say("region_branches_missing", lang, count=len(missing),
                 branches=", ".join(str(bad.path) for bad in missing)))


@region.command("table")
@click.option("-t", "--type", "entry_type", type=Label("type"), default="greet",
              show_default=True, help="Which entries to count (as report table).")
@click.option("-b", "--by", "by_fields", metavar="FIELD[,FIELD]", multiple=True,
              help="Group by these fields, as report table, and by branch (its code) or "
                   "group (its region.yaml group; 未分组/no group without one; a customer's "
                   "special groups are groups).")
@click.option("-p", "--period", type=click.Choice(["day", "week", "month"]),
              help="Spread the counts over days, ISO weeks or months (as columns).")
@click.option("--period-rows", is_flag=True, help="Periods as rows instead.")
@click.option("--from", "start_text", metavar="DATE", help="First day (default: the 1st of the month).")
@click.option("--to", "end_text", metavar="DATE", help="Last day (default: today).")
@click.option("-w", "--where", multiple=True, metavar="FIELD=VALUE",
              help="Only entries whose FIELD is VALUE, as report table (branch=0101 and "
                   "group=北区 too).")
@click.option("--engine", type=click.Choice(["auto", "duckdb", "direct"]), default="auto",
              show_default=True,
              help="duckdb: read the region's Parquet dataset (brought up to date first) "
                   "wherever it gives the journals' figures (not for --no-mask, a --where on "
                   "free text, or referrals, complaints and notes as of a day before the "
                   "last: the dataset folds every update); direct: read the branch "
                   "journals; auto: duckdb when the engine extra is installed.")
@_drawn_options("--from", "table")
@click.pass_obj
def table(app, entry_type, by_fields, period, period_rows, start_text, end_text, where,
          engine, dataset_dir, fmt, lang, output, no_mask, skip_bad):
    """A pivot across the region's branches: report table's figures, added
    up over every branch, each branch's entries under its code (--by branch).

    \b
    Example:
      lobbyctl -R ~/region region table --by branch,route --period month
      lobbyctl region table --type refer --by branch,outcome --from 2026-01-01 -f json
      lobbyctl region table --by route --where branch=0101 --engine direct
      lobbyctl region table --by group,route --where group=北区 --period week
    """
    from lobbyctl.check.reading import DayStream
    from lobbyctl.cli.commands.report_table import date_range
    from lobbyctl.render.formats import render
    from lobbyctl.reports.region_table import count_direct, draw_region, region_request

    language = lang or app.region.lang
    region_, branches, missing = _opened(app, skip_bad, language)
    first = branches[0].journal
    start, end = date_range(first, start_text, end_text)
    fields = [name for text in by_fields for name in text.split(",") if name.strip()]
    request = region_request(branches, today=first.today(), entry_type=entry_type,
                             by_fields=fields, period=period, start=start, end=end,
                             where=where, period_rows=period_rows, masked=not no_mask)
    counter = None
    if engine != "direct" and _engine_fits(engine, request, branches):
        try:
            counter = _count_duckdb(request, region_, branches, missing, dataset_dir,
                                    skip_bad, language)
        except _DatasetProblem as exc:
            if engine == "duckdb" or _named_wrongly(dataset_dir, exc.problem):
                raise exc.problem from None
            # auto: a dataset that cannot be written (a read-only region) is no
            # reason to fail a table the journals can give
    if counter is None:
        counter = count_direct(request, branches,
                               lambda branch: DayStream(branch.journal, start, end),
                               skip_bad, missing, language)
    counted = [branch for branch in branches
               if branch.path not in {bad.path for bad in missing}]
    if not counted:
        from lobbyctl.errors import JournalProblem
        from lobbyctl.schema.text.messages import problem

        raise problem(JournalProblem, "region_no_branches", root=region_.root)
    report = draw_region(request, region_, counted, missing, counter, language)
    _emit(render(report, fmt), start.strftime(output) if output else output, counted,
          language, region_, dataset_dir)
    _say_missing(missing, language)


def _engine_fits(engine, request, branches):
    from lobbyctl import engine as engine_package

    from lobbyctl.engine.duck import usable

    if engine == "duckdb":
        engine_package.require("pyarrow", "--engine duckdb")
        engine_package.require("duckdb", "--engine duckdb")
        return usable(request, branches)
    return engine_package.available() and usable(request, branches)


def _named_wrongly(dataset_dir, problem):
    """A --dataset the user named that is no folder for a dataset (a file,
    a link, inside a branch journal): their mistake, said even with --engine
    auto -- never an option quietly ignored."""
    from lobbyctl.errors import UsageProblem

    return dataset_dir is not None and isinstance(problem, UsageProblem)


class _DatasetProblem(Exception):
    """The dataset could not be brought up to date (not a branch's fault)."""

    def __init__(self, problem):
        super().__init__(str(problem))
        self.problem = problem


def _count_duckdb(request, region_, branches, missing, dataset_dir, skip_bad, lang):
    """The counts through the dataset, exported first where out of date; a
    branch whose journal fails its checks is counted (or found bad) by
    reading it, as the direct path does, so both give the same figures."""
    from lobbyctl.check.reading import DayStream
    from lobbyctl.engine.dataset import check_target, export_dataset
    from lobbyctl.engine.duck import count_region
    from lobbyctl.reports.region_table import count_direct

    from lobbyctl.errors import LobbyError

    failed = []
    try:
        target = check_target(dataset_dir or os.path.join(region_.root, "dataset"),
                              [branch.journal.root for branch in branches], lang, "--dataset")
        export_dataset(target, [branch.journal for branch in branches], prune=True,
                       on_bad=lambda journal, _error: failed.append(journal.root),
                       keep_roots=[bad.path for bad in missing], region=region_)
    except LobbyError as exc:
        raise _DatasetProblem(exc) from None
    fresh = [branch for branch in branches if branch.journal.root not in failed]
    counter = count_region(request, fresh, target)
    stale = [branch for branch in branches if branch.journal.root in failed]
    counter.absorb(count_direct(request, stale,
                                lambda branch: DayStream(branch.journal, request.start,
                                                         request.end),
                                skip_bad, missing, lang))
    return counter


def _emit(text, output, branches, lang, region_, dataset_dir):
    """stdout, or ``-o FILE`` written atomically -- never over a file of any
    branch journal (``store.output.output_target`` for each), the region's
    region.yaml or anything in its dataset (``region_output_target``)."""
    from lobbyctl.cli.common import emit
    from lobbyctl.store.output import output_target
    from lobbyctl.store.region import region_output_target

    def target(path):
        for branch in branches:
            path = output_target(path, branch.journal.root, lang)
        return region_output_target(path, region_, dataset_dir, lang)

    emit(text, output, target=target)


@region.command("month")
@click.argument("month_text", metavar="[MONTH]", required=False, default="this")
@click.option("--engine", type=click.Choice(["auto", "duckdb", "direct"]), default="auto",
              show_default=True,
              help="duckdb: bring the region's Parquet dataset up to date first; a branch "
                   "whose journal did not change since a form of the same month and day is "
                   "not read again (its month is kept, signed, beside the dataset), another "
                   "is read with customers, diversion and high-end from the dataset and the "
                   "rest from its journal (the figures are the same); direct: read the "
                   "branch journals; auto: duckdb when the engine extra is installed.")
@click.option("-g", "--group", metavar="NAME",
              help="The form of one group of region.yaml (group:) only: its branches "
                   "ranked among themselves, its total and its attention list; 未分组 or "
                   "'no group' for the branches without one.")
@_drawn_options("the month", "form",
                formats=("text", "markdown", "csv", "json", "xlsx", "html"))
@click.pass_obj
def month(app, month_text, engine, group, dataset_dir, fmt, lang, output, no_mask, skip_bad):
    """The region's monthly form of MONTH (YYYY-MM, this or last; default
    this): a league table of the branches with the branch form's headline
    figures, each branch's rank per figure (1 = best, ties share a rank),
    the region's total (counts summed, rates pooled from their parts, waits
    over the merged tallies; never an average of branch rates) and the
    branches' median, the change against the month before, and the branches
    needing attention with the reason (overdue formal complaints, days
    without an opening or closing, weekdays with no journal while other
    branches recorded, faults open more than 7 days).  Where region.yaml
    gives branches a group (a sub-branch, a district), the league table
    shows each branch's group and a section "by group" each group's figures
    pooled from its branches as the region's total is; --group NAME draws
    one group's form.

    \b
    Example:
      lobbyctl -R ~/region region month last
      lobbyctl region month 2026-10 --format json --lang en
      lobbyctl region month last --format xlsx -o forms/region-%Y-%m.xlsx --skip-bad
      lobbyctl region month last --group 北区 -f html -o forms/北区-%Y-%m.html
    """
    from lobbyctl.domain.when import parse_month
    from lobbyctl.render.formats import render
    from lobbyctl.reports.month import month_bounds
    from lobbyctl.reports.region_month import build_region_month, read_branches

    language = lang or app.region.lang
    region_, branches, missing = _opened(app, skip_bad, language, group)
    first = branches[0].journal
    year, number = parse_month(month_text, first.today())
    generated = first.now()
    # one group's form exports its branches only: the others are not pruned
    read = _month_reader(engine, region_, branches, missing, dataset_dir, language,
                         (year, number, generated), prune=group is None)
    read_in = read_branches(branches, year, number, generated, skip_bad, missing, language,
                            **({"read": read} if read else {}))
    if read:
        read.save()
    if not read_in:
        from lobbyctl.errors import JournalProblem
        from lobbyctl.schema.text.messages import problem

        raise problem(JournalProblem, "region_no_branches", root=region_.root)
    report = build_region_month(region_, read_in, missing, year, number, language,
                                generated=generated, masked=not no_mask,
                                group=None if group is None else branches[0].group)
    start = month_bounds(year, number)[0]
    # never over a file of any branch opened, one left out as bad included
    _emit(render(report, fmt), start.strftime(output) if output else output, branches,
          language, region_, dataset_dir)
    _say_missing(missing, language)


def _month_reader(engine, region_, branches, missing, dataset_dir, lang, form, prune=True):
    """The month reader of ``--engine``: None for the journals themselves.
    ``form``: (year, month, generated), made ahead from what the export reads."""
    if engine == "direct":
        return None
    from lobbyctl import engine as engine_package

    if engine == "duckdb":
        engine_package.require("pyarrow", "--engine duckdb")
        engine_package.require("duckdb", "--engine duckdb")
    elif not engine_package.available():
        return None
    from lobbyctl.engine.dataset import check_target, export_dataset
    from lobbyctl.engine.duck import ReadAhead, month_reader
    from lobbyctl.errors import LobbyError

    failed = []
    ahead = ReadAhead(*form)
    try:
        target = check_target(dataset_dir or os.path.join(region_.root, "dataset"),
                              [branch.journal.root for branch in branches], lang, "--dataset")
        summary = export_dataset(target, [branch.journal for branch in branches],
                                 prune=prune,
                                 on_bad=lambda journal, _error: failed.append(journal.root),
                                 keep_roots=[bad.path for bad in missing], region=region_,
                                 on_read=ahead)
    except LobbyError as exc:
        if engine == "duckdb" or _named_wrongly(dataset_dir, exc):
            raise
        return None  # auto: a dataset that cannot be written is no reason to fail
    # a branch that failed to export is read (and found bad) the direct way
    return month_reader(target, [branch for branch in branches
                                 if branch.journal.root not in failed], summary.digests, ahead)


# the dataset's command, in its own module
from lobbyctl.cli.commands.region_export import export  # noqa: E402

region.add_command(export)
