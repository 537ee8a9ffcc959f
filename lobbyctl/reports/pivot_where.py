"""The ``--where FIELD=VALUE`` query language of ``report table``: a
field of the type (or a derived one) and a value typed as a key, a label,
a number, a weekday, a date, an ISO week or a month; several on one field
mean any of them, on different fields all of them."""

from lobbyctl.schema import vocab
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import problem
from lobbyctl.reports.pivot_fields import WEEKDAYS, check_field, extractor, fields_of, vocab_name


class Where:
    """One ``--where FIELD=VALUE`` field with the values it accepts (several
    ``--where`` on one field: any of them; on different fields: all)."""

    def __init__(self, field, kind, extract):
        self.field = field
        self.kind = kind
        self.extract = extract
        self.wanted = set()
        self.shown = []

    def accepts(self, entry, facts):
        values = self.extract(entry, facts)
        if self.kind in ("text", "names", "id"):
            # free text and names match whole, whatever the case
            return any(isinstance(value, str) and value.casefold() in self.wanted
                       for value in values)
        return any(value in self.wanted for value in values)


def parse_where(texts, entry_type, config, today, tz=None, extra=None):
    """``--where`` texts as ``Where`` filters; an unknown field or label is a
    usage problem listing the valid ones (``extra``: as ``fields_of``'s)."""
    filters = {}
    fields = fields_of(entry_type, extra)
    for text in texts:
        name, sep, value = text.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise problem(UsageProblem, "not_field_value", typed=text)
        field = check_field(name, entry_type, "--where", extra)
        kind = fields[field]
        where = filters.get(field)
        if where is None:
            where = filters[field] = Where(field, kind, extractor(field, kind, masked=False, tz=tz))
        wanted = where_value(field, kind, value.strip(), config, today)
        where.wanted.add(wanted.casefold() if kind in ("text", "names", "id") else wanted)
        where.shown.append(f"{field}={value.strip()}")
    return list(filters.values())


_TRUE = {"true", "yes", "y", "1", "是", "有"}
_FALSE = {"false", "no", "n", "0", "否", "无"}


def where_value(field, kind, typed, config, today):
    option = f"--where {field}"
    name = vocab_name(kind)
    if name is not None:
        return vocab.vocabulary(name, config).resolve(typed, option)
    folded = typed.casefold()
    if kind == "bool":
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise problem(UsageProblem, "where_not_bool", option=option, typed=typed)
    if kind in ("int", "hour"):
        try:
            number = int(typed)
        except ValueError:
            raise problem(UsageProblem, "where_not_number", option=option, typed=typed) from None
        if kind == "hour" and not 0 <= number <= 23:
            raise problem(UsageProblem, "where_not_hour", option=option, typed=typed)
        return number
    if kind == "weekday":
        for position, (key, (zh, en)) in enumerate(WEEKDAYS.items(), 1):
            if folded in (key, key[:3], zh, en.casefold(), "星期" + zh[1:], str(position)):
                return key
        raise problem(UsageProblem, "where_not_weekday", option=option, typed=typed,
                      valid=", ".join(f"{key} ({zh})" for key, (zh, _en) in WEEKDAYS.items()))
    if kind == "date":
        from lobbyctl.domain.when import parse_date

        return parse_date(typed, today, option).isoformat()
    if kind == "week":
        import re

        match = re.match(r"^(\d{4})-?w(\d{1,2})$", folded)
        if not match or not 1 <= int(match.group(2)) <= 53:
            raise problem(UsageProblem, "where_not_week", option=option, typed=typed)
        return f"{match.group(1)}-W{int(match.group(2)):02d}"
    if kind == "month":
        from lobbyctl.domain.when import parse_month

        year, month = parse_month(typed, today)
        return f"{year:04d}-{month:02d}"
    return typed


def matches(entry, facts, filters):
    return all(where.accepts(entry, facts) for where in filters)
