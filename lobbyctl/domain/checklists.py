"""The opening and closing checklists (营业前/营业后检查).

A checklist entry accounts for every item of its list: each is either in
``ok`` or has a line in ``problems``.  The items are the ``open-item`` or
``close-item`` vocabulary plus the journal's extra items, so a branch that adds
"queue machine" to its opening list is asked about it too."""

from lobbyctl.schema import vocab
from lobbyctl.errors import JournalProblem, UsageProblem
from lobbyctl.schema.text.messages import say

ITEM_VOCABULARY = {"open": "open-item", "close": "close-item"}


def items(entry_type, config):
    """The checklist vocabulary of ``open`` or ``close`` for this journal."""
    return vocab.vocabulary(ITEM_VOCABULARY[entry_type], config)


def given_problems(pairs, lang):
    """``--problem ITEM TEXT`` pairs (items already resolved to keys, texts
    cleaned) as ``{item: text}``.  An item twice is refused rather than one
    text silently winning."""
    problems = {}
    for item, text in pairs:
        if not text:
            raise UsageProblem(say("checklist_problem_empty", lang, item=item))
        if item in problems:
            raise UsageProblem(say("checklist_problem_twice", lang, item=item))
        problems[item] = text
    return problems


def missing(checklist, problems):
    """Items neither given as a problem nor yet known to be fine."""
    return [key for key in checklist.keys() if key not in problems]


def describe(checklist, keys, lang):
    """``facilities (对外服务设施)``-style names for a message."""
    return say("list_separator", lang).join(
        f"{key} ({checklist.label(key, lang)})" for key in keys)


def require_all(checklist, problems, lang):
    """Without a terminal to ask on, every item must be given."""
    left = missing(checklist, problems)
    if left:
        raise UsageProblem(say("checklist_missing", lang, items=describe(checklist, left, lang)))


def settle(checklist, problems, fine):
    """``(ok, problems)`` in checklist order: the stored form."""
    ok = [key for key in checklist.ordered(fine) if key not in problems]
    ordered = {key: problems[key] for key in checklist.ordered(problems)}
    return ok, ordered


def refuse_second_open(day, force, lang):
    """A precheck for ``record``: run under the day file's lock, so two
    terminals opening the same day at once cannot both succeed."""

    def precheck(existing):
        opened = [entry for entry in existing.entries if entry.get("type") == "open"]
        if opened and not force:
            raise JournalProblem(say("already_opened", lang, day=day.isoformat(),
                                     id=opened[0].get("id")),
                                 hint=say("already_opened_hint", lang))
        return ()

    return precheck


class CloseCheck:
    """A precheck for ``record`` of a closing: warns about a day never opened
    or already closed, and keeps the day as it was under the lock so the
    summary counts exactly what the file holds."""

    def __init__(self, day, lang):
        self.day = day
        self.lang = lang
        self.entries = []

    def __call__(self, existing):
        self.entries = list(existing.entries)
        warnings = []
        types = [entry.get("type") for entry in self.entries]
        if "open" not in types:
            warnings.append(say("never_opened", self.lang, day=self.day.isoformat()))
        closed = [entry for entry in self.entries if entry.get("type") == "close"]
        if closed:
            warnings.append(say("already_closed", self.lang, day=self.day.isoformat(),
                                id=closed[0].get("id")))
        return warnings


def day_counts(entries):
    """``([(type, entries)], customers greeted)``: entry types in the order of
    the working day, then any type the schema does not know (a hand edit)."""
    counts = {}
    customers = 0
    for entry in entries:
        kind = entry.get("type")
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "greet":
            count = entry.get("count", 1)
            # a hand-edited count that is not a number is check's to report
            customers += count if isinstance(count, int) and not isinstance(count, bool) else 0
    order = list(vocab.LABELS["type"])
    ranked = sorted(counts.items(),
                    key=lambda pair: (order.index(pair[0]) if pair[0] in order else len(order),
                                      str(pair[0])))
    return ranked, customers


def summary(day, entries, lang):
    """The short summary of a day that ``close`` prints."""
    ranked, customers = day_counts(entries)
    counts = say("list_separator", lang).join(
        f"{vocab.label('type', kind, lang)} {number}" for kind, number in ranked)
    return say("day_summary", lang, day=day.isoformat(), counts=counts, customers=customers)
