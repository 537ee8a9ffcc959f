"""What an ``update`` may change on which entry.

An update is a later event on a referral (a follow-up call, the customer's
decision, the satisfaction check after a sale — only on one accepted), a complaint (a step taken, a status, a resolution) or an equipment
fault (fixed).  Other entries have no state that changes, so an update
pointing at them is refused when recorded rather than ignored when folded."""

from lobbyctl.schema import vocab
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import say

# field -> the targets it applies to; a target is an entry type, or "fault"
# for a note of kind fault
APPLIES = {
    "via": ("refer", "complain", "fault"),
    "outcome": ("refer",),
    "status": ("complain",),
    "resolution": ("complain", "fault"),
    "fixed": ("fault",),
    "follow_up": ("refer", "complain", "fault"),
    "steps": ("complain",),
    "satisfaction": ("refer",),
}
OPTIONS = {"via": "--via", "outcome": "--outcome", "status": "--status",
           "resolution": "--resolution", "fixed": "--fixed", "follow_up": "--follow-up",
           "steps": "--step", "satisfaction": "--satisfaction"}


target = vocab.update_target


def _target_label(name, lang):
    if name == "fault":
        return vocab.label("kind", "fault", lang)
    return vocab.label("type", name, lang)


def check_changes(entry, changes, lang):
    """Refuse an update that changes nothing, points at an entry with no
    state, or sets a field that entry does not have (an outcome on a
    complaint).  ``changes`` maps field -> value, None or empty for not given."""
    entry_id = entry.get("id")
    name = target(entry)
    actual = (vocab.label("kind", entry.get("kind"), lang) if entry.get("type") == "note"
              else vocab.label("type", entry.get("type"), lang))
    if name is None:
        raise UsageProblem(say("update_not_updatable", lang, id=entry_id, actual=actual))
    given = [field for field in APPLIES if changes.get(field) not in (None, "", [], False)]
    if not given:
        options = say("list_separator", lang).join(OPTIONS.values())
        raise UsageProblem(say("update_nothing", lang, options=options))
    separator = say("list_separator", lang)
    for field in given:
        if name not in APPLIES[field]:
            types = separator.join(_target_label(kind, lang) for kind in APPLIES[field])
            raise UsageProblem(say("update_option_type", lang, option=OPTIONS[field],
                                   actual=actual, id=entry_id, types=types))
    if "satisfaction" in given and not _accepted(entry, changes):
        outcome = entry.get("outcome") or "pending"
        raise UsageProblem(say("satisfaction_not_accepted", lang, id=entry_id,
                               outcome=vocab.label("outcome", outcome, lang)))
    return given


def _accepted(entry, changes):
    """The referral is a sale: accepted by this very update, or by then
    (``entry`` is the referral folded as of the update: its latest outcome)."""
    return (changes.get("outcome") or entry.get("outcome")) == "accepted"
