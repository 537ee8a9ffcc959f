"""The lobby figures both the daily log and the monthly form are made of.

Everything here is plain Python over entry dicts: a ``Flow`` tallies
greetings (each counts its ``count`` customers) in one pass; the helpers
below turn folded states (``lobbyctl.domain.fold``) into referral, complaint and
fault figures.  Definitions, so a branch head can check any figure by hand:

* customers greeted = the sum of greeting ``count``s;
* diversion rate (分流率) = customers routed to ``vocab.DIVERTED_ROUTES``
  ÷ customers greeted (greetings with no route count in the denominator);
* waits are per customer (a greeting of 3 who waited 12 minutes is three
  waits of 12); the median is the usual one (the mean of the two middle
  values for an even number), the 90th percentile is the nearest rank
  (the ⌈0.9·n⌉-th smallest), the service level is the share within
  ``WAIT_TARGET`` minutes;
* referral conversion = accepted ÷ decided (accepted + declined), pending
  ones left out;
* checklist compliance = business days both opened and closed with every
  item fine ÷ business days (a day with no opening or no closing is not);
* a formal complaint is overdue when its ``due`` date (15/30/60 calendar days
  after receipt) is before the end of the period and it is not resolved by then.
"""

import datetime
from collections import Counter
from itertools import repeat
from operator import is_, itemgetter

from lobbyctl.check.entry import steady_offset_text
from lobbyctl.schema import vocab
from lobbyctl.schema.text import words
from lobbyctl.domain.when import local_time, time_order

# Queue systems' usual service-level target (minutes).
WAIT_TARGET = 10
# Headings, labels and short phrases of the two reports: lobbyctl.schema.text.words.
WORDS = words.REPORT

_WEEKDAY_PAIRS = list(words.WEEKDAYS.values())


def word(key, lang, **values):
    return words.pick(WORDS[key], lang, **values)


def month_name(month, lang):
    return words.pick(words.MONTHS[month], lang)


def weekday(day, lang):
    return words.pick(_WEEKDAY_PAIRS[day.weekday()], lang)


# A weekday column keeps the English abbreviation as its raw value (stable in
# JSON and CSV) and shows the Chinese name in a Chinese report.
WEEKDAY_LABELS = {en: (zh, en) for zh, en in _WEEKDAY_PAIRS}


def masker(mask):
    """The function free text goes through on its way into a report."""
    if not mask:
        return _as_text
    from lobbyctl.schema.text.privacy import mask as mask_text

    return lambda value: mask_text(_as_text(value)) if value is not None else None


def _as_text(value):
    return None if value is None else str(value)


# --- reading fields defensively: a hand-edited day file may hold anything ---

def count_of(entry):
    """Customers a greeting stands for: its ``count``, else one."""
    value = entry.get("count", 1)
    return value if type(value) is int and value > 0 else 1


def whole(value):
    """An int field's value, or None for a missing or malformed one."""
    return value if type(value) is int else None


def keys_of(value):
    """A labels field (a list of keys) as a list of strings."""
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def key_of(value):
    """A label field's key as text (None when missing)."""
    return None if value is None else str(value)


def hour_of(entry, tz):
    """The hour of an entry's ``at`` on the wall clock of the journal's zone
    ``tz`` (``when.local_time``: the one rule every reader uses)."""
    local = local_time(entry.get("at"), tz)
    return None if local is None else local.hour


def clock_of(entry, tz):
    """``HH:MM`` of an entry's ``at`` in the journal's zone ``tz``."""
    local = local_time(entry.get("at"), tz)
    return None if local is None else local.strftime("%H:%M")


def by_time(entries, tz):
    """Entries in the order of their wall clock in ``tz``, ties by instant,
    then as they stand in the file (the order they were recorded); those
    whose time cannot be read come last."""
    return sorted(entries, key=lambda entry: time_order(entry.get("at"), tz))


def date_of(value):
    """An ISO date string as a date, or None."""
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def in_vocab_order(name, keys):
    """Keys in their vocabulary's order, unknown keys after them sorted, a
    missing value (None) last: every table lists its rows the same way."""
    known = list(vocab.LABELS.get(name, {}))
    position = {key: index for index, key in enumerate(known)}
    return sorted(keys, key=lambda key: (key is None, key not in position,
                                         position.get(key, 0), "" if key is None else str(key)))


# --- greetings --------------------------------------------------------------

DIVERTED = vocab.DIVERTED_ROUTES


class Flow:
    """Tallies of greetings, customers weighted by ``count``; fed one entry
    at a time so a report reads each entry once."""

    def __init__(self, tz):
        self.tz = tz  # the journal's zone: the hour of an entry is its wall clock there
        self._days = {}  # day -> (its ISO date, its steady UTC offset as an ``at`` ends, or None)
        self.total = 0
        self.greetings = 0
        self.diverted = 0
        self.new = 0
        self.prospects = 0
        self.by_hour = Counter()
        self.by_slot = Counter()  # half-hours: hour * 2 + (minute >= 30)
        self.by_day = Counter()
        self.by_segment = Counter()
        self.by_purpose = Counter()
        self.by_route = Counter()
        self.by_group = Counter()
        self.by_assist = Counter()
        self.waits = Counter()  # minutes -> customers
        self.waits_by_day = {}  # day -> {minutes: customers}
        self.max_wait = None

    def add(self, day, entry):
        # key_of, keys_of and whole written out: this runs for each of a
        # month's ten thousand greetings, a year's hundred thousand
        get = entry.get
        count = count_of(entry)
        self.total += count
        self.greetings += 1
        self.by_day[day] += count
        at = get("at")
        facts = self._days.get(day)
        if facts is None:
            facts = self._days[day] = (day.isoformat(), steady_offset_text(self.tz, day))
        if at.__class__ is str and len(at) == 25 and facts[1] is not None \
                and at.endswith(facts[1]) and at.startswith(facts[0]) \
                and at[13] == ":" and at[16] == ":":
            # the common time: of the file's day, at its offset all that day,
            # so the wall clock in the journal's zone is the one written
            hour, half = int(at[11:13]), at[14] >= "3"
        else:
            local = local_time(at, self.tz)
            hour, half = (None, None) if local is None else (local.hour, local.minute >= 30)
        if hour is not None:
            self.by_hour[hour] += count
            self.by_slot[hour * 2 + half] += count
        route, segment, purpose = get("route"), get("segment"), get("purpose")
        if route is not None and type(route) is not str:
            route = str(route)
        self.by_segment[segment if segment is None or type(segment) is str
                        else str(segment)] += count
        self.by_purpose[purpose if purpose is None or type(purpose) is str
                        else str(purpose)] += count
        self.by_route[route] += count
        if route in DIVERTED:
            self.diverted += count
        if get("new") is True:
            self.new += count
        if get("potential") is True:
            self.prospects += count
        groups = get("groups")
        if groups is not None and isinstance(groups, list):
            by_group = self.by_group
            for group in groups:
                by_group[str(group)] += count
        assists = get("assist")
        if assists is not None and isinstance(assists, list):
            by_assist = self.by_assist
            for assist in assists:
                by_assist[str(assist)] += count
        wait = get("wait")
        if type(wait) is int and wait >= 0:
            self.waits[wait] += count
            by_day = self.waits_by_day.get(day)
            if by_day is None:
                by_day = self.waits_by_day[day] = {}
            by_day[wait] = by_day.get(wait, 0) + count
            if self.max_wait is None or wait > self.max_wait:
                self.max_wait = wait

    def add_day(self, day, greets):
        """``add`` each of ``greets``, the greetings of the file of ``day``
        in its order, a field at a time: a day's four hundred greetings hold
        a few values of each field, so each field's values are tallied with
        the greetings' weights at C speed (keyed by their type too, so 1 and
        True stay apart, as ``add`` keeps them) and added once each.  A day
        whose times are not all the common time, or with a list where a
        value belongs, is added a greeting at a time."""
        if not greets:
            return
        tallies = self._tallies(day, greets)
        if tallies is None:
            for entry in greets:
                self.add(day, entry)
            return
        weights, slots, fields, news, prospects, waits = tallies
        total = sum(weights)
        self.total += total
        self.greetings += len(greets)
        self.by_day[day] += total
        for (hour, half, weight), times in slots.items():
            hour = int(hour)
            self.by_hour[hour] += weight * times
            self.by_slot[hour * 2 + half] += weight * times
        for counter, tally in zip((self.by_segment, self.by_purpose, self.by_route), fields):
            for (kind, value, weight), times in tally.items():
                key = value if value is None or kind is str else str(value)
                counter[key] += weight * times
                if counter is self.by_route and key in DIVERTED:
                    self.diverted += weight * times
        self.new += sum(weight * times for (true, weight), times in news.items() if true)
        self.prospects += sum(weight * times for (true, weight), times in prospects.items()
                              if true)
        for name, counter in (("groups", self.by_group), ("assist", self.by_assist)):
            for values, weight in zip(map(dict.get, greets, repeat(name)), weights):
                if values is not None and isinstance(values, list):
                    for value in values:
                        counter[str(value)] += weight
        for (kind, wait, weight), times in waits.items():
            if kind is int and wait >= 0:
                self.waits[wait] += weight * times
                by_day = self.waits_by_day.get(day)
                if by_day is None:
                    by_day = self.waits_by_day[day] = {}
                by_day[wait] = by_day.get(wait, 0) + weight * times
                if self.max_wait is None or wait > self.max_wait:
                    self.max_wait = wait

    def _tallies(self, day, greets):
        """What ``add_day`` adds, tallied: the weights, then ``{(value's
        type, value, weight): greetings}`` of each field; None when the day
        must be added a greeting at a time."""
        facts = self._days.get(day)
        if facts is None:
            facts = self._days[day] = (day.isoformat(), steady_offset_text(self.tz, day))
        date, offset = facts
        if offset is None:
            return None
        weights = [count_of(entry) for entry in greets]
        try:
            times = list(map(dict.get, greets, repeat("at")))
            if not (all(map(str.startswith, times, repeat(date)))
                    and all(map(str.endswith, times, repeat(offset)))
                    and set(map(len, times)) == {25}
                    and set(map(itemgetter(13), times)) == {":"}
                    and set(map(itemgetter(16), times)) == {":"}):
                return None
            slots = Counter(zip(map(itemgetter(slice(11, 13)), times),
                                map(str.__ge__, map(itemgetter(14), times), repeat("3")),
                                weights))

            def tally(name):
                values = list(map(dict.get, greets, repeat(name)))
                return Counter(zip(map(type, values), values, weights))

            fields = [tally("segment"), tally("purpose"), tally("route")]
            news = Counter(zip(map(is_, map(dict.get, greets, repeat("new")), repeat(True)),
                               weights))
            prospects = Counter(zip(map(is_, map(dict.get, greets, repeat("potential")),
                                        repeat(True)), weights))
            waits = tally("wait")
        except TypeError:  # a time that is no text, a list or a mapping as a value
            return None
        return weights, slots, fields, news, prospects, waits

    def diversion_rate(self):
        return self.diverted / self.total if self.total else None

    def high_end(self):
        """Customers of the high-end and private-banking segments."""
        return self.by_segment.get("high", 0) + self.by_segment.get("private", 0)

    def wait_figures(self):
        """``(customers with a wait, median, p90, share within target, max)``."""
        return wait_figures(self.waits)


def daily_average(total, days):
    """Customers a business day, to one place; None for no business day."""
    return round(total / days, 1) if days else None


def wait_figures(waits):
    """Figures of a ``{minutes: customers}`` tally (see the module notes)."""
    ordered = sorted(waits.items())
    n = sum(customers for _minutes, customers in ordered)
    if not n:
        return 0, None, None, None, None

    def at_rank(rank):  # the rank-th smallest wait, from 1
        seen = 0
        for minutes, customers in ordered:
            seen += customers
            if seen >= rank:
                return minutes
        return ordered[-1][0]

    if n % 2:
        median = at_rank(n // 2 + 1)
    else:
        median = (at_rank(n // 2) + at_rank(n // 2 + 1)) / 2
    p90 = at_rank(-(-9 * n // 10))  # ⌈0.9·n⌉ in integers, no float rounding
    within = sum(customers for minutes, customers in ordered if minutes <= WAIT_TARGET) / n
    return n, median, p90, within, ordered[-1][0]


def hour_rows(by_hour, total, days=None):
    """Rows of an hourly profile from the first to the last busy hour, quiet
    hours in between kept (a gap in the bars is information)."""
    if not by_hour:
        return []
    rows = []
    for hour in range(min(by_hour), max(by_hour) + 1):
        customers = by_hour.get(hour, 0)
        row = {"hour": f"{hour:02d}:00–{hour + 1:02d}:00", "customers": customers,
               "share": customers / total if total else None}
        if days:
            row["per_day"] = round(customers / days, 1)
        rows.append(row)
    return rows


def slot_text(slot):
    hour, half = divmod(slot, 2)
    start = f"{hour:02d}:{30 * half:02d}"
    end_hour, end_half = divmod(slot + 1, 2)
    return f"{start}–{end_hour:02d}:{30 * end_half:02d}"


def busiest(counter):
    """The key with the largest count; ties go to the smallest key, so the
    answer never depends on the order entries were read in."""
    if not counter:
        return None
    return min(counter, key=lambda key: (-counter[key], key))


def share_rows(counter, name, total, *, key="key"):
    """``[{key, customers, share}]`` in vocabulary order."""
    return [{key: item, "customers": counter[item],
             "share": counter[item] / total if total else None}
            for item in in_vocab_order(name, counter)]


def median(values):
    values = sorted(values)
    if not values:
        return None
    middle = len(values) // 2
    if len(values) % 2:
        return values[middle]
    return (values[middle - 1] + values[middle]) / 2


def subject(state, hide):
    """What a tracked entry is about, in a few words for a list."""
    kind = state.get("type")
    if kind == "refer":
        parts = [hide(state.get("product")), hide(state.get("customer"))]
    elif kind == "complain":
        parts = [hide(state.get("summary")), hide(state.get("customer"))]
    else:
        parts = [hide(state.get("device")), hide(state.get("text"))]
    return " · ".join(part for part in parts if part) or None


# --- checklists -------------------------------------------------------------

def checklist_rows(entry, vocabulary):
    """``(item, fine, problem)`` for every item of the journal's checklist and
    any other the entry mentions; ``fine`` is None for an item it leaves out."""
    ok = set(keys_of(entry.get("ok")))
    problems = entry.get("problems") if isinstance(entry.get("problems"), dict) else {}
    items = list(vocabulary.keys())
    items += sorted(key for key in set(ok) | set(map(str, problems)) if key not in items)
    rows = []
    for item in items:
        if item in problems:
            rows.append((item, False, problems[item]))
        elif item in ok:
            rows.append((item, True, None))
        else:
            rows.append((item, None, None))
    return rows


def checklist_fine(entry, vocabulary):
    """Every item of the checklist marked fine, no problem found."""
    return all(fine for _item, fine, _problem in checklist_rows(entry, vocabulary))


def checklist_compliance(days, opens, closes, open_items, close_items):
    """Checklist compliance: the business days both opened and closed with
    every item fine, ÷ the business days; None for no business day.
    ``opens`` and ``closes`` map a day to the checklist entry that counts."""
    if not days:
        return None
    return checklist_fine_days(days, opens, closes, open_items, close_items) / len(days)


def checklist_fine_days(days, opens, closes, open_items, close_items):
    """The business days both opened and closed with every item fine
    (compliance's numerator, which a region pools)."""
    return sum(1 for day in days
               if day in opens and checklist_fine(opens[day], open_items)
               and day in closes and checklist_fine(closes[day], close_items))


def managers_seen(names, config):
    """The managers who recorded entries, the journal's own managers first in
    their listed order, anyone else after them by name."""
    seen = set(names)
    listed = [name for name in config.managers if name in seen]
    return listed + sorted(seen - set(listed))
