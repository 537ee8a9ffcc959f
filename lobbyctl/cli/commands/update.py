import click

from lobbyctl.cli.common import Label, announce, counted_view, recording_options, when


@click.command()
@recording_options
@click.argument("entry_id", metavar="ID")
@click.option("--via", type=Label("via"), help="A follow-up contact made: phone, sms, visit.")
@click.option("--outcome", type=Label("outcome"), help="A referral's new outcome.")
@click.option("--status", type=Label("status"), help="A complaint's new status.")
@click.option("--resolution", metavar="TEXT", help="How a complaint or a fault was resolved.")
@click.option("--fixed", is_flag=True, help="The equipment fault is fixed.")
@click.option("--follow-up", "follow_up", metavar="DATE",
              help="The next follow-up: 2026-11-30, tomorrow, 'in 3 days'.")
@click.option("--step", "steps", type=Label("step"), multiple=True,
              help="A complaint-handling step done since (repeatable).")
@click.option("--satisfaction", type=Label("satisfaction"),
              help="The satisfaction check after a sale (a referral accepted): "
                   "very-satisfied, satisfied, basic, dissatisfied.")
@click.pass_obj
def update(app, at_text, by, note, entry_id, via, outcome, status, resolution, fixed, follow_up,
           steps, satisfaction):
    """Record a later event (跟进) on the referral, complaint or equipment
    fault with id ID: a follow-up contact, a new outcome or status, a
    resolution, a fault fixed.

    Prints the new entry's id on stdout.  The update goes into the day of
    --at (default now); the earlier entry is never edited, readers fold the
    updates into its current state.

    \b
    Example:
      lobbyctl update 261120-7kq3xm --via phone --outcome accepted
      lobbyctl update 261120-a2b3c4 --step follow-up --status resolved \\
          --resolution "已退还年费，客户满意"
      lobbyctl update 261121-m4n5p6 --fixed --resolution "更换打印模块"
      lobbyctl update 261120-7kq3xm --satisfaction very-satisfied
    """
    from lobbyctl.cli.links import refuse_before
    from lobbyctl.schema import vocab
    from lobbyctl.domain.followup import follow_up_date
    from lobbyctl.check.reading import require_entry
    from lobbyctl.schema.text.messages import say
    from lobbyctl.domain.record import clean_text, record
    from lobbyctl.domain.updating import check_changes

    journal = app.journal
    lang = journal.config.lang
    at = when(journal, at_text)
    original = require_entry(journal, entry_id, "ID", lang).entry
    changes = {
        "via": via, "outcome": outcome, "status": status,
        "resolution": clean_text(resolution, "--resolution") if resolution else None,
        "fixed": True if fixed else None,
        "follow_up": follow_up_date(follow_up, journal.today(), at.date(), lang),
        "steps": vocab.vocabulary("step", journal.config).ordered(steps),
        "satisfaction": satisfaction,
    }
    check_changes(_as_it_stands(journal, original, at) if satisfaction else original,
                  changes, lang)
    refuse_before(original, at, "ID", lang, key="update_before")
    fields = {"ref": original["id"], **changes,
              "note": clean_text(note, "--note") if note else None}
    recorded = record(journal, "update", fields, at=at, by=by, counted=counted_view(journal))
    announce(journal, recorded, say("update_of", lang, id=original["id"]))


def _as_it_stands(journal, original, at):
    """A referral with its updates up to the instant ``at`` folded in (an outcome
    accepted on a follow-up call makes it a sale): read through the index of
    tracked entries, from its own day; an entry ``check`` rejects on the way
    is left out, as it changes nothing a reader counts."""
    from lobbyctl.domain.fold import entry_date
    from lobbyctl.domain.tracked import date_of, states_as_of
    from lobbyctl.reports.open_items import tracked_entries

    from lobbyctl.schema.fields import timestamp

    entries = tracked_entries(journal, date_of(entry_date(original)), at.date(), skipped=[])
    # as it stands at ``at`` itself: an acceptance later that day (a new
    # entry typed with an earlier --at) has not happened yet, as the fold
    # every reader and ``check`` take in time order sees it
    earlier = [entry for entry in entries if entry.get("type") != "update"
               or (timestamp(entry.get("at")) or at) <= at]
    return states_as_of(earlier, at.date()).get(original["id"], original)
