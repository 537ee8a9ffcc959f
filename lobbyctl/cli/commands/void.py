import click

from lobbyctl.cli.common import announce, counted_view, recording_options, when


@click.command()
@recording_options
@click.argument("entry_id", metavar="ID")
@click.option("--reason", required=True, metavar="TEXT",
              help="Why the entry is voided (free text; personal numbers are masked).")
@click.pass_obj
def void(app, at_text, by, note, entry_id, reason):
    """Void (作废) the entry with id ID: a correction, recorded without
    rewriting anything.

    Prints the new entry's id on stdout.  The void goes into the day of
    --at (default now); the voided entry stays in its own file, byte for
    byte, and every reader leaves it out: the figures, pivots, forms,
    `due` and `export` (`export --raw` lists both).  `show` still lists it,
    marked voided with the reason.  Voiding an update undoes it; a voided
    entry cannot be updated or voided again (nor can its updates, which
    went with it), and a void cannot be voided (record the entry again
    instead).

    \b
    Example:
      lobbyctl void 261120-7kq3xm --reason "重复登记"
      lobbyctl void 261121-a2b3c4 --reason "recorded on the wrong day" --at 16:00
    """
    import datetime

    from lobbyctl.check.reading import find_entry
    from lobbyctl.check.voids import voids_of
    from lobbyctl.domain.record import clean_text, record
    from lobbyctl.errors import JournalProblem, UsageProblem
    from lobbyctl.schema.ids import normalise_id
    from lobbyctl.schema.text.messages import problem, say

    journal = app.journal
    lang = journal.config.lang
    at = when(journal, at_text)
    ref = normalise_id(entry_id or "")
    if ref is None:
        raise UsageProblem(say("not_an_id", lang, option="ID", typed=entry_id))
    text = clean_text(reason, "--reason")
    if not text:
        raise problem(UsageProblem, "void_reason_blank")
    found = find_entry(journal, ref)  # one check rejects fails here, path:line
    if found is None:
        raise problem(JournalProblem, "void_no_entry", id=ref)
    target = found.entry
    if target.get("type") == "void":
        raise problem(JournalProblem, "void_of_void", id=ref)
    earlier = voids_of(journal).of(ref)
    if earlier is None and target.get("type") == "update":
        # an update goes with the entry it changes: voided with it already
        earlier = voids_of(journal).of(target.get("ref"))
    if earlier is not None:
        raise problem(JournalProblem, "entry_voided", id=earlier.ref, void=earlier.id,
                      at=earlier.at, reason=earlier.reason)
    try:
        target_at = datetime.datetime.fromisoformat(str(target.get("at")))
    except ValueError:
        target_at = None  # a hand-edited time that does not parse is check's to report
    if target_at is not None and target_at.tzinfo is not None and at < target_at:
        raise UsageProblem(say("void_before", lang, at=at.isoformat(), id=ref,
                               ref_at=target_at.isoformat()))

    def not_voided_meanwhile(day):
        # a void of the same entry recorded into this day while we looked
        for entry in day.entries:
            if entry.get("type") == "void" and entry.get("ref") == ref:
                raise problem(JournalProblem, "entry_voided", id=ref, void=entry.get("id"),
                              at=entry.get("at"), reason=entry.get("reason"))
        return ()

    fields = {"ref": ref, "reason": text, "note": clean_text(note, "--note") if note else None}
    recorded = record(journal, "void", fields, at=at, by=by, precheck=not_voided_meanwhile,
                      counted=counted_view(journal))
    announce(journal, recorded, say("void_of", lang, id=ref))
