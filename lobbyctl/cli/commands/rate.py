import click

from lobbyctl.cli.common import Label, announce, counted_view, recording_options, when
from lobbyctl.schema.fields import bounds


@click.command()
@recording_options
@click.option("--result", type=Label("rating"), required=True,
              help="What the customer pressed: very-satisfied, satisfied, basic or "
                   "dissatisfied (非常满意/满意/基本满意/不满意).")
@click.option("--count", type=click.IntRange(*bounds("rate", "count")), default=1,
              show_default=True,
              help="Ratings of this result: more than one when copying the evaluator's daily tally.")
@click.option("--window", metavar="WINDOW", help="The counter window, e.g. 3号窗口.")
@click.option("--teller", metavar="NAME", help="The teller rated (name or employee number).")
@click.option("--reason", metavar="TEXT", help="Why, when the customer said (e.g. 等待时间长).")
@click.pass_obj
def rate(app, at_text, by, note, result, count, window, teller, reason):
    """Record counter ratings read off the evaluators (柜台评价器).

    One rating, or a batch read off an evaluator's daily tally (--count).
    Satisfaction in both forms is (very satisfied + satisfied) ÷ all ratings.
    Prints the new entry's id on stdout.

    \b
    Example:
      lobbyctl rate --result satisfied --window 2号窗口 --teller 陈静
      lobbyctl rate --result 不满意 --window 3 --reason 等待时间长
      lobbyctl rate --result very-satisfied --count 41 --window 1 --at 17:30
    """
    from lobbyctl.domain.record import clean_text, record
    from lobbyctl.schema import vocab

    journal = app.journal
    fields = {
        "result": result, "count": count,
        "window": clean_text(window, "--window") if window else None,
        "teller": clean_text(teller, "--teller") if teller else None,
        "reason": clean_text(reason, "--reason") if reason else None,
        "note": clean_text(note, "--note") if note else None,
    }
    recorded = record(journal, "rate", fields, at=when(journal, at_text), by=by,
                      counted=counted_view(journal))
    lang = journal.config.lang
    summary = vocab.label("rating", result, lang)
    announce(journal, recorded, f"{summary} ×{count}" if count > 1 else summary)
