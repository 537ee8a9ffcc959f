"""Dates and times as people type them: ``10:30``, ``yesterday 15:00``,
``2026-11-28``, ``last monday``, ``3 days ago``, ``昨天 15:00``, ISO 8601.

The common forms are parsed here without imports; anything else goes to
python-dateutil (imported only then).  Naive times are in the journal's
timezone."""

import datetime
import re

from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import problem

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SHORT_WEEKDAYS = {name[:3]: index for index, name in enumerate(WEEKDAYS)}
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "今天": 0, "今日": 0,
                  "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "后天": 2}
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$")
_AGO = re.compile(r"^(\d{1,4})\s*(day|days|week|weeks)\s+ago$|^(\d{1,4})\s*天前$")
_IN = re.compile(r"^(?:in\s+)?\+?(\d{1,4})\s*(d|day|days|w|week|weeks)$|^(\d{1,4})\s*天后$")
_SHIFT = re.compile(r"^(last|this|next)\s+([a-z]+)$")
FIRST_YEAR, LAST_YEAR = 2000, 2099  # ids carry a two-digit year


def parse_date(text, today, option=None):
    """A calendar date from what a user typed, relative to ``today``."""
    typed = (text or "").strip()
    phrase = typed.lower()
    day = _date_phrase(phrase, today)
    if day is None:
        day = _iso_date(phrase, today)
    if day is None:
        parsed = _dateutil(typed, datetime.datetime.combine(today, datetime.time()), option)
        day = parsed.date()
    _check_year(day, typed, option)
    return day


def parse_when(text, now, tz, option="--at", lang="en"):
    """An aware datetime (whole seconds) in ``tz`` for ``--at``; ``now`` is aware.

    A local time without an offset that the zone skips (the spring-forward
    hour) is refused; one the zone repeats (the fall-back hour) is its first
    occurrence, as most tools read it; an explicit offset
    (``2026-10-25T02:30+01:00``) picks the second."""
    typed = (text or "").strip()
    if not typed or typed.lower() == "now" or typed == "现在":
        return now
    when = _phrase_with_time(typed.lower(), now)
    if when is None:
        try:
            when = datetime.datetime.fromisoformat(typed)
        except ValueError:
            when = _dateutil(typed, now.replace(hour=0, minute=0, second=0, tzinfo=None), option)
    _check_year(when.date(), typed, option)
    when = _in_zone(when.replace(microsecond=0), tz, typed, option, lang)
    _check_year(when.date(), typed, option)
    if when - now > datetime.timedelta(days=1):
        raise problem(UsageProblem, "in_the_future", option=option, typed=typed,
                      when=when.isoformat())
    return when


def _in_zone(when, tz, typed, option, lang):
    if when.tzinfo is not None:
        return when.astimezone(tz)
    local = when.replace(tzinfo=tz, fold=0)
    # a wall-clock time the zone skips does not survive the trip through UTC
    back = local.astimezone(datetime.timezone.utc).astimezone(tz)
    if back.replace(tzinfo=None) != when:
        from lobbyctl.schema.text.messages import say

        raise UsageProblem(say("time_skipped", lang, option=option, typed=typed,
                               clock=when.strftime("%H:%M"), day=when.date().isoformat(),
                               zone=str(tz), after=back.strftime("%H:%M")))
    return local


def local_time(at, tz):
    """An entry's ``at`` as an aware time in the journal's zone ``tz``, or None
    when it is not an ISO time with an offset.

    Every reader takes an entry's hour, its clock and its place in a day's
    order from this: the wall clock in the journal's zone (an ``at`` written
    with another offset, by hand, say, is converted), ties by the instant."""
    if not isinstance(at, str) or len(at) > 64:
        return None
    try:
        when = datetime.datetime.fromisoformat(at)
    except ValueError:
        return None
    if when.utcoffset() is None:
        return None
    if tz is None:
        return when
    try:
        return when.astimezone(tz)
    except (OverflowError, ValueError):
        return None


def time_order(at, tz):
    """A sort key putting entries in the order of their local wall clock
    (see ``local_time``), ties by instant; unreadable times last."""
    local = local_time(at, tz)
    if local is None:
        return (True, _NO_TIME, 0.0)
    try:
        instant = local.timestamp()
    except (OverflowError, ValueError):
        instant = 0.0
    return (False, local.replace(tzinfo=None), instant)


_NO_TIME = datetime.datetime.min


def _phrase_with_time(phrase, now):
    """``10:30``, ``yesterday``, ``yesterday 15:00``, ``last friday 9:00``."""
    today = now.date()
    date_part, time_part = phrase, None
    match = _TIME.match(phrase)
    if match:
        date_part, time_part = "today", match
    else:
        head, _, tail = phrase.rpartition(" ")
        match = _TIME.match(tail)
        if head and match:
            date_part, time_part = head.strip(), match
    day = _date_phrase(date_part, today)
    if day is None and time_part is not None:
        day = _iso_date(date_part, today)
    if day is None:
        return None
    if time_part is None:
        clock = datetime.time() if day != today else now.time()
    else:
        hour, minute, second = (int(group or 0) for group in time_part.groups())
        if hour > 23 or minute > 59 or second > 59:
            raise problem(UsageProblem, "not_a_time", phrase=phrase)
        clock = datetime.time(hour, minute, second)
    return datetime.datetime.combine(day, clock)


def _date_phrase(phrase, today):
    if phrase in _RELATIVE_DAYS:
        return today + datetime.timedelta(days=_RELATIVE_DAYS[phrase])
    match = _AGO.match(phrase)
    if match:
        number = int(match.group(1) or match.group(3))
        unit = match.group(2) or "day"
        return today - datetime.timedelta(days=number * (7 if unit.startswith("week") else 1))
    match = _IN.match(phrase)
    if match:
        number = int(match.group(1) or match.group(3))
        unit = match.group(2) or "d"
        return today + datetime.timedelta(days=number * (7 if unit.startswith("w") else 1))
    match = _SHIFT.match(phrase)
    if match and match.group(2)[:3] in _SHORT_WEEKDAYS:
        shift, weekday = match.group(1), _SHORT_WEEKDAYS[match.group(2)[:3]]
        this_week = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=weekday)
        if shift == "last":
            back = (today.weekday() - weekday) % 7 or 7
            return today - datetime.timedelta(days=back)
        if shift == "next":
            ahead = (weekday - today.weekday()) % 7 or 7
            return today + datetime.timedelta(days=ahead)
        return this_week
    return None


def _iso_date(phrase, today):
    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", phrase)
    if match:
        return _valid_date(*map(int, match.groups()), phrase)
    match = re.match(r"^(\d{1,2})-(\d{1,2})$", phrase)
    if match:
        return _valid_date(today.year, *map(int, match.groups()), phrase)
    return None


def _valid_date(year, month, day, typed):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise problem(UsageProblem, "not_a_date", typed=typed) from None


def _dateutil(typed, default, option):
    where = f"{option}: " if option else ""
    if len(typed) > 64 or not typed:
        raise problem(UsageProblem, "unreadable_when", where=where, typed=typed[:64])
    from dateutil import parser

    try:
        return parser.parse(typed, default=default)
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        raise problem(UsageProblem, "unreadable_when", where=where, typed=typed) from None


def _check_year(day, typed, option):
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        where = f"{option}: " if option else ""
        raise problem(UsageProblem, "outside_years", where=where, typed=typed, first=FIRST_YEAR,
                      last=LAST_YEAR)


def parse_month(text, today):
    """``YYYY-MM``, ``this`` or ``last`` (also 本月, 上月) → (year, month)."""
    typed = (text or "this").strip().lower()
    if typed in ("this", "本月", "current"):
        return today.year, today.month
    if typed in ("last", "上月", "previous"):
        first = today.replace(day=1) - datetime.timedelta(days=1)
        return first.year, first.month
    match = re.match(r"^(\d{4})-?(\d{1,2})$", typed)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR:
            return year, month
    raise problem(UsageProblem, "not_a_month", typed=text)
