"""Complaint deadlines: China's 2020 rule for bank and insurance consumer
complaints (银行业保险业消费投诉处理管理办法) counts calendar days from
receipt — 15 for an ordinary complaint, 30 for a complex one, 60 at most for an
especially complex one.  A grumble (抱怨) is handled in the lobby and has none."""

import datetime

from lobbyctl.schema import vocab
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import say


def due_date(received, complexity, lang):
    """The date a decision is due for a complaint received on ``received``.
    Calendar days, not working days: the rule counts them that way."""
    days = vocab.COMPLAINT_DAYS.get(complexity)
    if days is None:
        # a journal may add labels to the complexity vocabulary, but not a deadline
        known = say("list_separator", lang).join(vocab.COMPLAINT_DAYS)
        raise UsageProblem(say("complexity_no_deadline", lang, complexity=complexity,
                               known=known))
    return received + datetime.timedelta(days=days)
