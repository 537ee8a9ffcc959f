"""The fields a pivot (``report table``) counts by: each entry type's own
(``vocab.FIELDS``) and the derived ones (hour, weekday, date, week, month,
by), their titles in Chinese and English, and what values a field has in
one entry (``extractor``: a list field has one per member)."""

from lobbyctl.schema import vocab
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.privacy import mask
from lobbyctl.reports.figures import hour_of


DERIVED = {"hour": "hour", "weekday": "weekday", "date": "date", "week": "week",
           "month": "month", "by": "text"}
PERIODS = ("day", "week", "month")
# Booleans recorded as a flag: absent means "no", not "not recorded" (``new``
# is recorded as --new/--existing, so an absent one stays unknown).
FLAGS = ("potential", "praise", "fixed", "forced")
NONE_KEY = "(none)"  # column key for entries without a value (never a vocabulary key)

WEEKDAYS = {
    "monday": ("周一", "Mon"), "tuesday": ("周二", "Tue"), "wednesday": ("周三", "Wed"),
    "thursday": ("周四", "Thu"), "friday": ("周五", "Fri"), "saturday": ("周六", "Sat"),
    "sunday": ("周日", "Sun"),
}
WEEKDAY_KEYS = list(WEEKDAYS)

# Column titles for fields, (zh, en); a field added to the schema later shows its key.
FIELD_TITLES = {
    "count": ("人数", "Customers"), "segment": ("客户类型", "Segment"),
    "potential": ("中高端潜力", "Prospect"), "new": ("新客户", "New"),
    "groups": ("特殊群体", "Group"), "purpose": ("来访目的", "Purpose"),
    "route": ("分流去向", "Route"), "wait": ("等候", "Wait"), "ticket": ("排队号", "Ticket"),
    "assist": ("协助", "Assistance"), "customer": ("客户", "Customer"), "note": ("备注", "Note"),
    "product": ("产品", "Product"), "to": ("推荐给", "Referred to"),
    "to_name": ("推荐对象", "Referred to (name)"), "outcome": ("结果", "Outcome"),
    "follow_up": ("跟进日期", "Follow-up"), "via": ("方式", "Via"),
    "greet": ("迎送记录", "Greeting"), "level": ("级别", "Level"),
    "category": ("原因类别", "Category"), "channel": ("渠道", "Channel"),
    "summary": ("摘要", "Summary"), "remedy": ("客户诉求", "Remedy sought"),
    "steps": ("处理步骤", "Steps"), "complexity": ("复杂程度", "Complexity"),
    "due": ("处理时限", "Due"), "status": ("状态", "Status"),
    "resolution": ("处理结果", "Resolution"), "escalated_to": ("升级至", "Escalated to"),
    "kind": ("类别", "Kind"), "text": ("内容", "Text"), "device": ("设备", "Device"),
    "praise": ("表扬", "Praise"), "fixed": ("已修复", "Fixed"), "staff": ("当班人员", "Staff"),
    "ok": ("正常项目", "Items fine"), "problems": ("问题项目", "Items with problems"),
    "forced": ("强制", "Forced"), "remarks": ("总结", "Remarks"), "ref": ("原记录", "Entry"),
    "hour": ("时段", "Hour"), "weekday": ("星期", "Weekday"), "date": ("日期", "Date"),
    "week": ("周", "Week"), "month": ("月份", "Month"), "by": ("记录人", "By"),
    "type": ("类型", "Type"), "total": ("合计", "Total"),
}
_WORDS = {
    "title": ("{type}统计表", "{type} table"),
    "branch": ("网点", "Branch"),
    "period": ("期间", "Period"),
    "counting": ("计数", "Counting"),
    "customers": ("客户人数（迎送记录人数之和）", "customers (sum of greeting counts)"),
    "entries": ("记录笔数", "entries"),
    "entries_column": ("笔数", "Entries"),
    "where": ("筛选", "Filter"),
    "as_of": ("状态截至", "State as of"),
    "by": ("按{fields}", "by {fields}"),
    "all": ("全部", "all"),
    "per": ("{by}，每{period}", "{by}, per {period}"),
    "day": ("日", "day"), "week": ("周", "week"), "month": ("月", "month"),
    "joiner": ("、", ", "),
}


def word(key, lang, **values):
    zh, en = _WORDS[key]
    return (zh if lang == "zh" else en).format(**values)


def field_title(field, lang):
    zh, en = FIELD_TITLES.get(field, (field, field))
    return zh if lang == "zh" else en


def fields_of(entry_type):
    """``{field: kind}`` a table of ``entry_type`` may use: the schema's and the derived."""
    fields = dict(vocab.FIELDS[entry_type])
    for name, kind in DERIVED.items():
        fields.setdefault(name, kind)
    return fields


def check_field(name, entry_type, option):
    """The field ``name`` means: its key, the singular or plural of it
    (``group`` for ``groups``, ``steps`` for ``step``), or its column title
    in Chinese or English (``分流去向``, ``Route``), case-insensitively."""
    fields = fields_of(entry_type)
    key = _field_key(name, fields)
    if key is None:
        raise UsageProblem(f"{option}: {entry_type} entries have no field {name.strip()!r}; "
                           f"valid: {', '.join(fields)}")
    return key


def _field_key(name, fields):
    typed = name.strip().casefold()
    key = typed.replace("-", "_").replace(" ", "_")
    for candidate in (key, key + "s", key[:-1] if key.endswith("s") else None):
        if candidate in fields:
            return candidate
    for field in fields:
        if typed in (title.casefold() for title in FIELD_TITLES.get(field, ())):
            return field
    return None


def vocab_name(kind):
    for prefix in ("label:", "labels:", "checklist:"):
        if kind.startswith(prefix):
            return kind[len(prefix):]
    return None


def extractor(field, kind, masked, tz):
    """A function ``(entry, day_facts) -> list of values`` for one field.

    ``day_facts`` is ``(date, weekday, week, month)`` of the day file, which
    is the authority for an entry's date."""
    if field == "hour":
        # the wall clock in the journal's zone, as every other reader takes it
        return lambda entry, _facts: [hour_of(entry, tz)]
    if field in ("date", "weekday", "week", "month"):
        position = ("date", "weekday", "week", "month").index(field)
        return lambda _entry, facts: [facts[position]]
    if kind.startswith("labels:") or kind == "names":
        # a name has no number to mask, but a phone typed as one is masked
        # here as in show, report day and export
        shown = mask if masked and kind == "names" else str

        def members(entry, _facts):
            value = entry.get(field)
            if not isinstance(value, list) or not value:
                return [None]
            return [shown(str(item)) for item in dict.fromkeys(value) if item is not None] \
                or [None]
        return members
    if kind.startswith("checklist:"):
        def items(entry, _facts):
            value = entry.get(field)
            return list(value) if isinstance(value, dict) and value else [None]
        return items
    if kind == "bool":
        if field in FLAGS:
            return lambda entry, _facts: [entry.get(field) is True]
        return lambda entry, _facts: [entry.get(field) if isinstance(entry.get(field), bool)
                                      else None]
    if kind == "int":
        def number(entry, _facts):
            value = entry.get(field)
            return [value if isinstance(value, int) and not isinstance(value, bool) else None]
        return number
    if kind == "text" and masked:
        def text(entry, _facts):
            value = entry.get(field)
            return [mask(str(value)) if value not in (None, "") else None]
        return text

    def plain(entry, _facts):
        value = entry.get(field)
        if value in (None, "") or isinstance(value, (list, dict)):
            return [None]
        return [value if isinstance(value, (int, str)) else str(value)]
    return plain
