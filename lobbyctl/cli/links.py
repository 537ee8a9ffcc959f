"""Options that link a new entry to an earlier one (``greet --lead``,
``--returning``; ``refer --lead``, ``--after``): the entry named must exist,
be one ``check`` accepts, be of the kind the link leads to
(``vocab.LINKS``) and be recorded before the new entry — what
``check/refs.py`` refuses in a file, refused before it is written.

Imported inside the commands' functions: nothing here at start-up."""

import datetime

from lobbyctl.errors import UsageProblem


def linked_id(journal, typed, option, lang, entry_type, at):
    """The id of the ``entry_type`` entry ``typed`` names, for a new entry
    timed ``at``; a usage problem (exit 2) if there is none, it is of
    another type, or it was recorded after ``at``."""
    from lobbyctl.check.reading import require_entry

    found = require_entry(journal, typed, option, lang, entry_type).entry
    refuse_before(found, at, option, lang)
    return found["id"]


def refuse_before(original, at, option, lang, key="link_before"):
    """Refuse a new entry timed ``at`` that would come before ``original``."""
    from lobbyctl.schema.text.messages import say

    try:
        ref_at = datetime.datetime.fromisoformat(str(original.get("at")))
    except ValueError:
        return  # a hand-edited time that does not parse is check's to report
    if ref_at.tzinfo is not None and at < ref_at:
        raise UsageProblem(say(key, lang, at=at.isoformat(), id=original["id"],
                               ref_at=ref_at.isoformat(), option=option))
