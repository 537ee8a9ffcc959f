"""The fields a pivot (``report table``) counts by: each entry type's own
(``vocab.FIELDS``) and the derived ones (hour, weekday, date, week, month,
by), their titles in Chinese and English, and what values a field has in
one entry (``extractor``: a list field has one per member)."""

from lobbyctl.schema import vocab
from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import problem
from lobbyctl.schema.text import words
from lobbyctl.schema.text.field_labels import field_label
from lobbyctl.schema.text.privacy import mask
from lobbyctl.reports.figures import hour_of


# ``branch``: the branch code, which a region's pivot counts across
DERIVED = {"hour": "hour", "weekday": "weekday", "date": "date", "week": "week",
           "month": "month", "by": "text", "branch": "branch"}
PERIODS = ("day", "week", "month")
# Booleans recorded as a flag: absent means "no", not "not recorded" (``new``
# is recorded as --new/--existing, so an absent one stays unknown).
FLAGS = ("potential", "praise", "fixed", "forced")
NONE_KEY = "(none)"  # column key for entries without a value (never a vocabulary key)

WEEKDAYS = words.WEEKDAYS
WEEKDAY_KEYS = list(WEEKDAYS)


def word(key, lang, **values):
    return words.pick(words.TABLE[key], lang, **values)


def field_title(field, lang):
    return field_label(field, lang)


def fields_of(entry_type, extra=None):
    """``{field: kind}`` a table of ``entry_type`` may use: the schema's, the
    derived, and ``extra`` (a region's: a branch's ``group``)."""
    fields = dict(vocab.FIELDS[entry_type])
    for name, kind in {**DERIVED, **(extra or {})}.items():
        fields.setdefault(name, kind)
    return fields


def check_field(name, entry_type, option, extra=None):
    """The field ``name`` means: its key, the singular or plural of it
    (``group`` for ``groups``, ``steps`` for ``step``), or its column title
    in Chinese or English (``分流去向``, ``Route``), case-insensitively;
    ``extra`` as ``fields_of``'s (an exact key wins: ``group`` is a region's
    branch group before it is the plural ``groups``)."""
    fields = fields_of(entry_type, extra)
    key = _field_key(name, fields)
    if key is None:
        raise problem(UsageProblem, "no_such_field", option=option, type=entry_type,
                      typed=name.strip(), valid=", ".join(fields))
    return key


def _field_key(name, fields):
    typed = name.strip().casefold()
    key = typed.replace("-", "_").replace(" ", "_")
    for candidate in (key, key + "s", key[:-1] if key.endswith("s") else None):
        if candidate in fields:
            return candidate
    for field in fields:
        if typed in (field_label(field, lang).casefold() for lang in ("zh", "en")):
            return field
    return None


def vocab_name(kind):
    for prefix in ("label:", "labels:", "checklist:"):
        if kind.startswith(prefix):
            return kind[len(prefix):]
    return None


def extractor(field, kind, masked, tz):
    """A function ``(entry, day_facts) -> list of values`` for one field,
    whose ``reads`` names the entry's fields its values depend on (so a
    counter may take entries alike in them as one).

    ``day_facts`` is ``(date, weekday, week, month, period, branch)`` of the
    day file, which is the authority for an entry's date, and of its journal."""
    extract = _extractor(field, kind, masked, tz)
    extract.reads = ("at",) if field == "hour" else () if field in _FROM_FACTS else (field,)
    return extract


_FROM_FACTS = ("branch", "date", "weekday", "week", "month")


def _extractor(field, kind, masked, tz):
    if field == "hour":
        # the wall clock in the journal's zone, as every other reader takes it
        return lambda entry, _facts: [hour_of(entry, tz)]
    if field == "branch":
        return lambda _entry, facts: [facts[5]]
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
    if kind == "sales":
        # ice-breaker sales: one value a product sold (masked as free text is)
        shown = mask if masked else str

        def products(entry, _facts):
            value = entry.get(field)
            found = [shown(str(sale["product"])) for sale in value
                     if isinstance(sale, dict) and "product" in sale] \
                if isinstance(value, list) else []
            return list(dict.fromkeys(found)) or [None]
        return products
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
