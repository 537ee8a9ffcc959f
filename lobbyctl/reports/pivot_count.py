"""Counting a pivot: entries of one type by the values of the ``--by``
fields and by period, each entry once in every total however many members
its list fields have.  Referrals, complaints and notes are counted in their
folded state as of the end of the range."""

import datetime
from collections import Counter as _Tally
from itertools import compress, repeat
from operator import eq

from lobbyctl.schema import vocab
from lobbyctl.domain.fold import fold
from lobbyctl.reports.pivot_fields import WEEKDAY_KEYS
from lobbyctl.reports.pivot_where import matches


def period_key(day, period):
    if period == "day":
        return day.isoformat()
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year:04d}-{day.month:02d}"


def periods_between(start, end, period):
    """Every period key from ``start`` to ``end``, in order (empty ones too:
    a quiet week shows as 0, not as a missing column)."""
    keys = []
    day = start
    while day <= end:
        key = period_key(day, period)
        if not keys or keys[-1] != key:
            keys.append(key)
        day += datetime.timedelta(days=1)
    return keys


def period_label(key, period):
    return key[5:] if period == "day" else key


class Counter:
    """Counts by (values of the --by fields, period); each entry counted once
    in every total, however many members its list fields have."""

    def __init__(self):
        self.cells = {}  # (row values tuple, period) -> n
        self.rows = {}  # row values tuple -> n (each entry once per row)
        self.periods = {}  # period -> n (each entry once)
        self.total = 0
        # periods as rows: (all but the last --by value, period) and last value
        self.head_rows = {}
        self.last_values = {}

    def add(self, value_lists, period, weight):
        combos = [()]
        for values in value_lists:
            combos = [combo + (value,) for combo in combos for value in values]
        if len(combos) > 1:
            combos = list(dict.fromkeys(combos))
        cells, rows = self.cells, self.rows
        for combo in combos:
            cells[(combo, period)] = cells.get((combo, period), 0) + weight
            rows[combo] = rows.get(combo, 0) + weight
        self.periods[period] = self.periods.get(period, 0) + weight
        self.total += weight
        if value_lists:
            heads = dict.fromkeys(combo[:-1] for combo in combos)
            for head in heads:
                key = (head, period)
                self.head_rows[key] = self.head_rows.get(key, 0) + weight
            for value in dict.fromkeys(value_lists[-1]):
                self.last_values[value] = self.last_values.get(value, 0) + weight

    def absorb(self, other):
        """Add ``other``'s counts to these (a region's branches, counted apart)."""
        for mine, theirs in ((self.cells, other.cells), (self.rows, other.rows),
                             (self.periods, other.periods), (self.head_rows, other.head_rows),
                             (self.last_values, other.last_values)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        self.total += other.total


def count_entries(days, entry_type, extractors, filters, period, end, branch=None):
    """The ``Counter`` of ``entry_type``'s entries in ``days`` (``(date,
    loaded day)`` pairs, read once) of the branch coded ``branch``: each
    weighted by its ``count`` for a greeting, else 1; those ``filters``
    refuse left out; an updatable type counted in its state as of ``end``.

    A year holds a hundred thousand greetings but a few hundred distinct
    (values, period) pairs: each entry adds its weight to its pair, and the
    ``Counter`` takes each pair once, with the sum (its totals are sums of
    weights, and pairs come in the order entries first showed them)."""
    weighted = entry_type == "greet"
    tally = {}  # (values of each --by field as tuples, period) -> summed weight
    facts_of = {}

    def facts_for(day):
        facts = facts_of.get(day)
        if facts is None:
            facts = facts_of[day] = day_facts(day, period, branch)
        return facts

    def add(entry, facts, times=1):
        if filters and not matches(entry, facts, filters):
            return
        weight = times
        if weighted:
            count = entry.get("count", 1)
            if isinstance(count, int) and not isinstance(count, bool):
                weight *= count
        key = (tuple([tuple(extract(entry, facts)) for extract in extractors]), facts[4])
        tally[key] = tally.get(key, 0) + weight

    if entry_type in vocab.UPDATABLE:
        kept = []  # (day, entry) of the type, and the updates that may change them
        for day, loaded in days:
            for entry in loaded.entries:
                kind = entry.get("type")
                if kind == entry_type or kind == "update":
                    kept.append((day, entry))
        states, _orphans = fold((entry for _day, entry in kept), until=end)
        for day, entry in kept:
            if entry.get("type") == entry_type:
                add(states.get(entry.get("id"), entry), facts_for(day))
    elif filters:
        for day, loaded in days:
            facts = facts_for(day)
            for entry in loaded.entries:
                if entry.get("type") == entry_type:
                    add(entry, facts)
    else:
        # what the values depend on: a day's entries alike in it are counted as one
        reads = tuple(dict.fromkeys(name for extract in extractors for name in extract.reads))
        names = reads + ("count",) if weighted and "count" not in reads else reads
        for day, loaded in days:
            facts = facts_for(day)
            for entry, times in alike(loaded.entries, entry_type, names):
                add(entry, facts, times)
    counter = Counter()
    for (value_lists, period_of), weight in tally.items():
        counter.add([list(values) for values in value_lists], period_of, weight)
    return counter


_ALONE = object()  # the key of an entry counted on its own (no value's key holds it)


def alike(entries, entry_type, names):
    """The entries of ``entry_type`` among ``entries`` as ``(entry,
    times)``: those alike in every field of ``names`` once, as a stand-in
    holding just those fields (``None`` for one missing, as ``get`` reads
    it), with how many they are; an entry with a list or mapping there
    alone.  In the order the first of each came, so the counts' pairs come
    in the order entries first showed them."""
    try:
        # the common day, at C speed: the entries of the type picked, their
        # values zipped into keys and counted (a list or a mapping there, or
        # an entry that is no mapping: counted one by one below)
        chosen = list(compress(entries, map(eq, map(dict.get, entries, repeat("type")),
                                            repeat(entry_type))))
        groups = _Tally(zip(*[map(dict.get, chosen, repeat(name)) for name in names])) \
            if names else {(): len(chosen)} if chosen else {}
    except TypeError:
        pass
    else:
        for key, times in groups.items():
            yield dict(zip(names, key)), times
        return
    groups = {}
    for index, entry in enumerate(entries):
        if entry.get("type") == entry_type:
            key = tuple(map(entry.get, names))
            try:
                groups[key] = groups.get(key, 0) + 1
            except TypeError:  # a list or a mapping: no key of its own
                groups[(_ALONE, index)] = 1
    for key, times in groups.items():
        if key and key[0] is _ALONE:
            yield entries[key[1]], 1
        else:
            yield dict(zip(names, key)), times


def day_facts(day, period, branch):
    """What the pivot knows of a day file: ``(date, weekday, week, month,
    period, branch)``."""
    year, week, weekday = day.isocalendar()
    return (day.isoformat(), WEEKDAY_KEYS[weekday - 1], f"{year}-W{week:02d}",
            f"{day.year:04d}-{day.month:02d}", period_key(day, period) if period else None,
            branch)


def count_weighed(groups, extractors, filters, period, branch=None, counter=None):
    """Add ``groups`` (``(date, entry, weight)``: an entry, or the fields a
    group of alike entries share and their summed weight, as an engine
    aggregates them) to ``counter`` (a new one by default) and return it."""
    counter = Counter() if counter is None else counter
    facts_of = {}
    for day, entry, weight in groups:
        facts = facts_of.get(day)
        if facts is None:
            facts = facts_of[day] = day_facts(day, period, branch)
        if filters and not matches(entry, facts, filters):
            continue
        counter.add([extract(entry, facts) for extract in extractors], facts[4], weight)
    return counter
