"""Follow-up dates: when a referral, a complaint or a fault is to be chased
next (the phone/SMS follow-up link of the service-marketing process)."""

from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import say
from lobbyctl.domain.when import parse_date


def follow_up_date(text, today, day, lang):
    """``--follow-up`` as an ISO date, read relative to the journal's
    ``today``; a date before the entry's own ``day`` is a typo, not a plan."""
    if not text:
        return None
    # a bare day number (--follow-up 5) is the next 5th: a follow-up is a plan
    follow_up = parse_date(text, today, "--follow-up", ahead=True)
    if follow_up < day:
        raise UsageProblem(say("follow_up_before", lang, date=follow_up.isoformat(),
                               day=day.isoformat()))
    return follow_up.isoformat()
