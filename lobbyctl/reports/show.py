"""``show``'s day as a report: one table of the day's entries, each row its
time, type, who, id and details (reports/describe.py), drawn as any report
(text fitted to the terminal, Markdown, CSV, JSON)."""

from lobbyctl.schema import vocab
from lobbyctl.reports.model import Column, Report, Section, Table

COLUMNS = ("time", "type", "by", "id", "details")
_TITLE = ("{day} 的记录", "Entries of {day}")
_DATE = ("日期", "Date")


def build_show_report(rows, day, lang):
    """The rows a ``Describer`` made (already in time order, masked and
    escaped as asked) as a ``Report``; the type keeps its English key, which
    people see by its label."""
    from lobbyctl.schema.text.messages import say

    type_labels = dict(vocab.LABELS["type"])
    columns = [Column(key, say(f"column_{key}", lang), "text",
                      labels=type_labels if key == "type" else None) for key in COLUMNS]
    table_rows = []
    for row in rows:
        entry_type = row.entry.get("type")
        table_rows.append({
            "time": row.time,
            # the key when it is one; a hand-edited oddity as the describer showed it
            "type": entry_type if isinstance(entry_type, str) and entry_type in type_labels
            else row.type,
            "by": row.by, "id": row.id, "details": row.details,
        })
    pick = 0 if lang == "zh" else 1
    table = Table("entries", "", columns, table_rows, row_key="id")
    meta = {"date": (_DATE[pick], day.isoformat())}
    return Report("show", _TITLE[pick].format(day=day.isoformat()), lang, meta,
                  [Section("entries", "", [table])])
