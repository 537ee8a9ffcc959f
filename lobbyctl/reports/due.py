"""``due``: what the lobby manager should phone, message or chase on a day.

What falls due, and how urgent it is, is defined once in
``lobbyctl.domain.tracked`` (the daily log's "falling due" uses the same):
referrals pending and grumbles not resolved whose follow-up date has come,
every formal complaint not resolved (falling due at the earlier of its
follow-up date and its deadline, the deadline shown beside it), and every
equipment fault not fixed.  Sorted by urgency, then the date it falls due (a
fault: the day it was reported), then id.  ``overdue_only`` keeps the overdue
ones.

Open items are found wherever they were recorded (no look-back window):
``lobbyctl.reports.open_items``; ``since``, when given, narrows the scan."""


from lobbyctl.schema import vocab
from lobbyctl.schema.text import words
from lobbyctl.domain.tracked import due_items
from lobbyctl.schema.text.privacy import mask
from lobbyctl.reports.model import Column, Report, Section, Table
from lobbyctl.reports.labelled import with_journal_labels

URGENCY = words.URGENCY
ITEMS = words.DUE_ITEMS


def _word(key, lang, **values):
    return words.pick(words.DUE[key], lang, **values)


def _detail(item, lang, masked, config=None):
    """What the item is about, in a few words."""
    entry = item.state
    colon = "：" if lang == "zh" else ": "
    if item.kind == "referral":
        parts = [entry.get("product") or ""]
        if entry.get("to"):
            parts.append("→ " + vocab.label("target", entry["to"], lang, config))
        if entry.get("to_name"):
            parts.append(entry["to_name"])
        text = " ".join(part for part in parts if part)
    elif item.kind in ("complaint", "grumble"):
        text = entry.get("summary") or ""
        if entry.get("category"):
            text = vocab.label("category", entry["category"], lang, config) + colon + text
        if entry.get("status") == "escalated":
            whom = f" {entry['escalated_to']}" if entry.get("escalated_to") else ""
            text += f" [{vocab.label('status', 'escalated', lang, config)}{whom}]"
    else:
        text = entry.get("text") or ""
        if entry.get("device"):
            text = entry["device"] + colon + text
    return mask(text) if masked else text


def build_due(journal, states, *, on, since=None, overdue_only=False, lang="zh", masked=True):
    """The due list as a ``Report`` (one table, or a friendly word when
    empty), from ``states``, the tracked items as of ``on``."""
    items = due_items(states, on, overdue_only=overdue_only)
    columns = [
        Column("urgency", _word("urgency", lang), "text", labels=URGENCY),
        Column("item", _word("item", lang), "text", labels=ITEMS),
        Column("id", _word("id", lang)),
        Column("days_open", _word("days_open", lang), "days"),
        Column("due", _word("due", lang), "date"),
        Column("days_left", _word("days_left", lang), "days"),
        Column("deadline", _word("deadline", lang), "date"),
        Column("via", _word("via", lang), "label:via"),
        Column("customer", _word("customer", lang)),
        Column("detail", _word("detail", lang)),
    ]
    rows = []
    for item in items:
        customer = item.state.get("customer")
        rows.append({
            "urgency": item.urgency,
            "item": item.kind,
            "id": item.state.get("id"),
            "recorded": item.recorded.isoformat(),
            "days_open": (on - item.recorded).days,
            "due": item.due.isoformat() if item.due else None,
            "days_left": (item.due - on).days if item.due else None,
            "deadline": item.deadline.isoformat() if item.deadline else None,
            "via": item.state.get("via") if item.kind == "referral" else None,
            "customer": (mask(customer) if masked else customer) if customer else None,
            "detail": _detail(item, lang, masked, journal.config),
        })
    config = journal.config
    meta = {
        "branch": (_word("branch", lang), (mask if masked else str)(
            f"{config.branch_code} {config.branch_name}".strip())),
        "on": (_word("on", lang), on.isoformat()),
    }
    if since is not None:
        meta["since"] = (_word("since", lang), since.isoformat())
    from lobbyctl.schema.text.messages import say

    empty = say("nothing_overdue" if overdue_only else "nothing_due", lang, day=on.isoformat())
    title = _word("overdue_section" if overdue_only else "section", lang)
    blocks = [Table("items", "", columns, rows)] if rows else []
    section = Section("due", title, blocks, empty=empty)
    return with_journal_labels(Report("due", _word("title", lang, day=on.isoformat()), lang, meta,
                                      [section]), config)
