import click

from lobbyctl.cli.lazy import LazyGroup

SUBCOMMANDS = {
    "day": "lobbyctl.cli.commands.report_day:day",
    "month": "lobbyctl.cli.commands.report_month:month",
    "table": "lobbyctl.cli.commands.report_table:table",
}


class ReportGroup(LazyGroup):
    registry = SUBCOMMANDS


@click.group(cls=ReportGroup)
def report():
    """Turn the journal into the daily lobby log (大堂日志), the monthly
    feedback report form (月反馈报告表) and pivot tables.

    \b
    Example:
      lobbyctl report day yesterday
      lobbyctl report month last --output reports/%Y-%m.md
      lobbyctl report table --type greet --by route --period week
    """
