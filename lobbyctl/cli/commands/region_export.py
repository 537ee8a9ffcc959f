"""``lobbyctl region export``: the region's branches as one Parquet dataset,
recorded in its manifest as the region's (``engine/dataset.py``)."""

import os

import click

from lobbyctl.cli.common import tell


@click.command("export")
@click.option("-o", "--output", metavar="DIR",
              help="The dataset folder (default: dataset/ in the region folder); never "
                   "inside a branch journal.")
@click.option("--no-mask", is_flag=True, help="Keep phone, ID-card and card numbers in full.")
@click.option("--skip-bad", is_flag=True,
              help="Export the branches that can be read, naming those missing (each keeps "
                   "its last good months in the dataset).")
@click.pass_obj
def export(app, output, no_mask, skip_bad):
    """Every branch into one Hive-partitioned Parquet dataset for DuckDB,
    Spark, Hive or Trino: DIR/branch_code=0101/year=2026/month=10/part-0.parquet,
    one row per entry with export's columns, typed.  Incremental: only the
    months whose day files changed are written again, each replaced whole.
    The dataset is the region's (its code in the manifest): another
    region's export into it is refused, since it would remove this region's
    branches.  The branches are read by worker processes, one per core (at
    most 8), when there is enough to read; LOBBYCTL_WORKERS=N sets the
    number (1: one process), and the dataset is the same either way.  Needs
    the engine extra: pip install 'lobbyctl[engine]'.

    \b
    Example:
      lobbyctl -R ~/region region export --output ~/region/dataset
      LOBBYCTL_WORKERS=1 lobbyctl -R ~/region region export
      duckdb -c "SELECT branch_code, count(*) FROM read_parquet('dataset/**/*.parquet',
                 hive_partitioning = true) GROUP BY ALL"
    """
    from lobbyctl.cli.commands.region import _opened, _say_missing
    from lobbyctl.engine.dataset import check_target, export_dataset
    from lobbyctl.store.region import BadBranch

    language = app.region.lang
    region_, branches, missing = _opened(app, skip_bad, language)
    target = check_target(output or os.path.join(region_.root, "dataset"),
                          [branch.journal.root for branch in branches], language)

    def failed(journal, error):
        if not skip_bad:
            from lobbyctl.reports.region_table import branch_problem

            raise branch_problem(BadBranch(journal.root, error), language)
        missing.append(BadBranch(journal.root, error))

    summary = export_dataset(target, [branch.journal for branch in branches],
                             masked=not no_mask, prune=True, on_bad=failed,
                             keep_roots=[bad.path for bad in missing], region=region_)
    tell(summary.said(target, language))
    _say_missing(missing, language)
