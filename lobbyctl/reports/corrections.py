"""The corrections a form lists: what a ``void`` took out, and why.

Every reader already leaves a voided entry out (``check.voids``); a form
says that it happened, so a reader of the figures sees they were
corrected.  The monthly form lists the voids of entries dated in its month
(whenever the void was recorded: a form made again after a later void
changes, and says why); the daily log lists the voids recorded that day."""

from lobbyctl.reports.figures import word
from lobbyctl.reports.model import Column, Facts, Section, Table


def corrections(voids, lang, hide, tz, *, first=None, last=None, recorded_on=None):
    """The ``corrections`` section: of the entries dated ``first``..``last``
    (the monthly form), or of the voids recorded on ``recorded_on`` (the
    daily log).  ``voids`` is a ``check.voids.Voids`` (None: none known)."""
    if voids is None:
        chosen = []
    elif recorded_on is not None:
        chosen = voids.recorded_on(recorded_on)
    else:
        chosen = voids.in_period(first, last)
    section = Section("corrections", word("corrections_section", lang))
    if not chosen:
        return section
    section.blocks.append(Facts("summary", "", [
        ("voided", word("voided_count", lang), len(chosen), "int")]))
    rows = [{"date": void.target_day.isoformat(), "what": void.target_type,
             "ref": void.ref, "reason": hide(void.reason),
             "voided_at": _local(void.at, tz), "by": hide(void.by), "void": void.id}
            for void in chosen]
    section.blocks.append(Table("voided", word("voided_list", lang), [
        Column("date", word("date", lang), "date"),
        Column("what", word("voided_type", lang), "label:type"),
        Column("ref", word("voided_entry", lang)),
        Column("reason", word("reason", lang)),
        Column("voided_at", word("voided_at", lang)),
        Column("by", word("voided_by", lang)),
        Column("void", word("void_id", lang)),
    ], rows, row_key="void"))
    return section


def _local(at, tz):
    """``YYYY-MM-DD HH:MM`` of a void's time in the journal's zone."""
    from lobbyctl.domain.when import local_time

    when = local_time(at, tz)
    return when.strftime("%Y-%m-%d %H:%M") if when is not None else str(at)
