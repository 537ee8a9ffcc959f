"""``due``: what the lobby manager should phone, message or chase on a day.

Three kinds of open item, each in its folded state as of that day (updates
up to and including it applied):

* a **referral follow-up**: a referral still pending whose ``follow_up``
  date is on or before the day (an update with a new follow-up date moves
  it; an accepted or declined outcome removes it);
* a **grumble follow-up**: a grumble not resolved whose ``follow_up`` date
  is on or before the day;
* a **complaint deadline**: every formal complaint (level ``complaint``) not
  resolved, with the date its decision is due — its ``due`` field, else
  15/30/60 calendar days from receipt by its complexity — and the days left
  (negative: overdue).  Its follow-up dates do not add a second line: the
  deadline is what binds;
* an **equipment fault** (a note of kind ``fault``) not fixed, with the days
  it has been open.

Urgency: *overdue* (a follow-up date or a deadline passed), *today* (falls
due today), *open* (a deadline still ahead, a fault without one).  Sorted by
urgency, then the date it falls due (a fault: the day it was reported),
then id.  ``overdue_only`` keeps the overdue ones (faults have no deadline,
so none of them).

Open items are found by scanning back ``SCAN_DAYS`` days (or from
``since``), day file by day file, keeping only the entries that can be due
and their updates: an item recorded before the scan starts is not seen."""

import datetime

from lobbyctl.schema import vocab
from lobbyctl.domain.fold import fold
from lobbyctl.domain.privacy import mask
from lobbyctl.reports.model import Column, Report, Section, Table

SCAN_DAYS = 120
URGENCY = {
    "overdue": ("已逾期", "Overdue"),
    "today": ("今天到期", "Due today"),
    "open": ("待办", "Open"),
}
ITEMS = {
    "referral": ("推荐跟进", "Referral follow-up"),
    "grumble": ("抱怨回访", "Grumble follow-up"),
    "complaint": ("投诉时限", "Complaint deadline"),
    "fault": ("设备故障", "Equipment fault"),
}
_WORDS = {
    "title": ("待办跟进 {day}", "Due on {day}"),
    "section": ("要跟进、联系或催办的事项", "To phone, message or chase"),
    "overdue_section": ("逾期事项", "Overdue"),
    "branch": ("网点", "Branch"),
    "on": ("日期", "Date"),
    "since": ("扫描起始", "Scanned from"),
    "urgency": ("紧急程度", "Urgency"),
    "item": ("事项", "Item"),
    "id": ("编号", "ID"),
    "recorded": ("记录日期", "Recorded"),
    "days_open": ("已过天数", "Days open"),
    "due": ("到期日", "Due"),
    "days_left": ("剩余天数", "Days left"),
    "customer": ("客户", "Customer"),
    "detail": ("详情", "Details"),
    "via": ("方式", "Via"),
}


def _word(key, lang, **values):
    zh, en = _WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


class Item:
    """One thing to chase; ``due`` is None for a fault (no deadline)."""

    __slots__ = ("kind", "entry", "recorded", "due", "urgency")

    def __init__(self, kind, entry, recorded, due, on):
        self.kind = kind
        self.entry = entry
        self.recorded = recorded
        self.due = due
        if due is None or due > on:
            self.urgency = "open"
        elif due == on:
            self.urgency = "today"
        else:
            self.urgency = "overdue"

    def sort_key(self):
        rank = ("overdue", "today", "open").index(self.urgency)
        return (rank, self.due or self.recorded, self.recorded, self.entry.get("id") or "")


def _date(text):
    try:
        return datetime.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def complaint_due(entry, received):
    """The date a formal complaint's decision is due."""
    due = _date(entry.get("due")) if entry.get("due") else None
    if due is not None:
        return due
    days = vocab.COMPLAINT_DAYS.get(entry.get("complexity") or "ordinary",
                                    vocab.COMPLAINT_DAYS["ordinary"])
    return received + datetime.timedelta(days=days)


def due_items(days, on, *, overdue_only=False):
    """The open items among ``days`` (``(date, Day)`` in date order, up to
    ``on``), sorted by urgency."""
    kept, recorded = [], {}
    for day, loaded in days:
        if day > on:
            break
        for entry in loaded.entries:
            kind = entry.get("type")
            if kind == "update" or (kind in ("refer", "complain") and entry.get("id")) or \
                    (kind == "note" and entry.get("kind") == "fault" and entry.get("id")):
                kept.append(entry)
                if kind != "update":
                    recorded[entry["id"]] = day
    states, _orphans = fold(kept, until=on)
    items = []
    for entry_id, state in states.items():
        day = recorded.get(entry_id)
        if day is None:
            continue
        item = _item(state, day, on)
        if item is not None and (not overdue_only or item.urgency == "overdue"):
            items.append(item)
    items.sort(key=Item.sort_key)
    return items


def _item(state, day, on):
    kind = state.get("type")
    if kind == "refer":
        follow_up = _date(state.get("follow_up")) if state.get("follow_up") else None
        if (state.get("outcome") or "pending") == "pending" and follow_up and follow_up <= on:
            return Item("referral", state, day, follow_up, on)
        return None
    if kind == "complain":
        if state.get("status") == "resolved":
            return None
        if state.get("level") == "complaint":
            return Item("complaint", state, day, complaint_due(state, day), on)
        follow_up = _date(state.get("follow_up")) if state.get("follow_up") else None
        if follow_up and follow_up <= on:
            return Item("grumble", state, day, follow_up, on)
        return None
    if kind == "note" and state.get("kind") == "fault" and not state.get("fixed"):
        return Item("fault", state, day, None, on)
    return None


def _detail(item, lang, masked):
    """What the item is about, in a few words."""
    entry = item.entry
    colon = "：" if lang == "zh" else ": "
    if item.kind == "referral":
        parts = [entry.get("product") or ""]
        if entry.get("to"):
            parts.append("→ " + vocab.label("target", entry["to"], lang))
        if entry.get("to_name"):
            parts.append(entry["to_name"])
        text = " ".join(part for part in parts if part)
    elif item.kind in ("complaint", "grumble"):
        text = entry.get("summary") or ""
        if entry.get("category"):
            text = vocab.label("category", entry["category"], lang) + colon + text
        if entry.get("status") == "escalated":
            whom = f" {entry['escalated_to']}" if entry.get("escalated_to") else ""
            text += f" [{vocab.label('status', 'escalated', lang)}{whom}]"
    else:
        text = entry.get("text") or ""
        if entry.get("device"):
            text = entry["device"] + colon + text
    return mask(text) if masked else text


def build_due(journal, days, *, on, since, overdue_only=False, lang="zh", masked=True):
    """The due list as a ``Report``: one table, or a friendly word when empty."""
    items = due_items(days, on, overdue_only=overdue_only)
    columns = [
        Column("urgency", _word("urgency", lang), "text", labels=URGENCY),
        Column("item", _word("item", lang), "text", labels=ITEMS),
        Column("id", _word("id", lang)),
        Column("days_open", _word("days_open", lang), "days"),
        Column("due", _word("due", lang), "date"),
        Column("days_left", _word("days_left", lang), "days"),
        Column("via", _word("via", lang), "label:via"),
        Column("customer", _word("customer", lang)),
        Column("detail", _word("detail", lang)),
    ]
    rows = []
    for item in items:
        customer = item.entry.get("customer")
        rows.append({
            "urgency": item.urgency,
            "item": item.kind,
            "id": item.entry.get("id"),
            "recorded": item.recorded.isoformat(),
            "days_open": (on - item.recorded).days,
            "due": item.due.isoformat() if item.due else None,
            "days_left": (item.due - on).days if item.due else None,
            "via": item.entry.get("via") if item.kind == "referral" else None,
            "customer": (mask(customer) if masked else customer) if customer else None,
            "detail": _detail(item, lang, masked),
        })
    config = journal.config
    meta = {
        "branch": (_word("branch", lang), (mask if masked else str)(
            f"{config.branch_code} {config.branch_name}".strip())),
        "on": (_word("on", lang), on.isoformat()),
        "since": (_word("since", lang), since.isoformat()),
    }
    from lobbyctl.schema.text.messages import say

    empty = say("nothing_overdue" if overdue_only else "nothing_due", lang, day=on.isoformat())
    title = _word("overdue_section" if overdue_only else "section", lang)
    blocks = [Table("items", "", columns, rows)] if rows else []
    section = Section("due", title, blocks, empty=empty)
    return Report("due", _word("title", lang, day=on.isoformat()), lang, meta, [section])
