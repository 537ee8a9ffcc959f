import click

from lobbyctl.cli.common import Label, announce, counted_view, recording_options, when
from lobbyctl.errors import UsageProblem

# options that belong to one kind of note only
KIND_OPTIONS = (("--device", "fault"), ("--fixed", "fault"), ("--praise", "opinion"))


@click.command()
@recording_options
@click.argument("kind", type=Label("kind"), metavar="KIND")
@click.argument("text")
@click.option("--device", metavar="NAME",
              help="For a fault: the machine or facility, e.g. '2号ATM'.")
@click.option("--fixed", is_flag=True, help="For a fault: already fixed on the spot.")
@click.option("--praise", is_flag=True, help="For an opinion: the customer praised.")
@click.pass_obj
def note(app, at_text, by, note, kind, text, device, fixed, praise):
    """Record one of the lobby's other duties (大堂记事): KIND is fault,
    hygiene, hazard, fraud (a suspected telecom fraud stopped), teller (a
    reminder to a teller), opinion, materials, care, staff (directing greeters
    and guards) or other; TEXT says what happened.

    Prints the new entry's id on stdout.  A fault stays open until
    `lobbyctl update ID --fixed`.

    \b
    Example:
      lobbyctl note fault "取号机卡纸" --device 1号叫号机
      lobbyctl note 疑似电信诈骗 "劝阻老人向'安全账户'转账，已报警"
      lobbyctl note opinion "客户表扬柜员耐心" --praise
    """
    from lobbyctl.schema import vocab
    from lobbyctl.schema.text.messages import say
    from lobbyctl.domain.record import clean_text, record

    journal = app.journal
    lang = journal.config.lang
    at = when(journal, at_text)
    given = {"--device": device is not None, "--fixed": fixed, "--praise": praise}
    for option, wanted in KIND_OPTIONS:
        if given[option] and kind != wanted:
            raise UsageProblem(say("note_option_kind", lang, option=option,
                                   kind=vocab.label("kind", wanted, lang)))
    text = clean_text(text, "TEXT")
    if not text:
        raise UsageProblem(say("empty_text", lang, name="TEXT"))
    fields = {
        "kind": kind, "text": text,
        "device": clean_text(device, "--device") if device else None,
        "praise": True if praise else None, "fixed": True if fixed else None,
        "note": clean_text(note, "--note") if note else None,
    }
    recorded = record(journal, "note", fields, at=at, by=by, counted=counted_view(journal))
    announce(journal, recorded, vocab.vocabulary("kind", journal.config).label(kind, lang))
