"""Dates and times as people type them: ``10:30``, ``yesterday 15:00``,
``2026-11-28``, ``last monday``, ``3 days ago``, ``昨天 15:00``, ISO 8601.

The common forms are parsed here and in ``lobbyctl.domain.phrases`` (the
Chinese ones, clocks like 下午3点半); anything else goes to python-dateutil
(imported only then).  A recording command's usual ``--at`` -- none, or an
ISO time -- costs neither the phrases nor their regular expressions.  Naive
times are in the journal's timezone."""

import datetime

from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import problem

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SHORT_WEEKDAYS = {name[:3]: index for index, name in enumerate(WEEKDAYS)}
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "今天": 0, "今日": 0,
                  "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "后天": 2}
_AGO = r"^(\d{1,4})\s*(day|days|week|weeks)\s+ago$|^(\d{1,4})\s*(天|周|星期|个星期)前$"
_IN = r"^(?:in\s+)?\+?(\d{1,4})\s*(d|day|days|w|week|weeks)$|^(\d{1,4})\s*(天|周|星期|个星期)后$"
_SHIFT = r"^(last|this|next)\s+([a-z]+)$"
MAX_PHRASE = 64  # the longest date or time a person types; longer goes to dateutil, which refuses it
FIRST_YEAR, LAST_YEAR = 2000, 2099  # ids carry a two-digit year


def parse_date(text, today, option=None, ahead=False):
    """A calendar date from what a user typed, relative to ``today``.

    A bare day of the month (``30``, ``30日``) is the most recent such day,
    today included, or with ``ahead`` (a follow-up, a day to plan) the next."""
    from lobbyctl.domain.phrases import normalise

    typed = (text or "").strip()
    phrase = normalise(typed)
    day = _date_phrase(phrase, today, ahead) if len(phrase) <= MAX_PHRASE else None
    if day is None:
        day = _iso_date(phrase, today)
    if day is None:
        parsed = _dateutil(typed, datetime.datetime.combine(today, datetime.time()), option)
        day = parsed.date()
    _check_year(day, typed, option)
    return day


# how far ahead of the clock a recording may be without --future: a clock a
# few minutes fast, a greeting typed as the customer walks in
FUTURE_SLACK = datetime.timedelta(minutes=15)


def parse_when(text, now, tz, option="--at", lang="en", future=False):
    """An aware datetime (whole seconds) in ``tz`` for ``--at``; ``now`` is aware.

    A time more than ``FUTURE_SLACK`` after ``now`` is refused unless
    ``future`` (then up to a day ahead): ``--at 10:30`` typed at 02:00 meant
    yesterday, most of the time, and says so.

    A local time without an offset that the zone skips (the spring-forward
    hour) is refused; one the zone repeats (the fall-back hour) is its first
    occurrence, as most tools read it; an explicit offset
    (``2026-10-25T02:30+01:00``) picks the second."""
    typed = (text or "").strip()
    if not typed or typed.lower() == "now" or typed == "现在":
        return now
    when = _iso_with_time(typed)
    if when is not None:
        phrase = typed  # no phrase reads a date and a time joined by T
    else:
        from lobbyctl.domain.phrases import normalise

        phrase = normalise(typed)
        # no phrase is long; a long text would only make the regular expressions slow
        when = _phrase_with_time(phrase, now) if len(phrase) <= MAX_PHRASE else None
    if when is None:
        try:
            when = datetime.datetime.fromisoformat(typed)
        except ValueError:
            when = _dateutil(typed, now.replace(hour=0, minute=0, second=0, tzinfo=None), option)
    _check_year(when.date(), typed, option)
    when = _in_zone(when.replace(microsecond=0), tz, typed, option, lang)
    _check_year(when.date(), typed, option)
    if when - now > datetime.timedelta(days=1):
        from lobbyctl.schema.text.messages import say

        raise UsageProblem(say("future_too_far", lang, option=option, typed=typed,
                               when=when.strftime("%Y-%m-%d %H:%M")))
    if when - now > FUTURE_SLACK and not future:
        _refuse_future(typed, phrase, when, now, option, lang)
    return when


def _iso_with_time(typed):
    """``2026-11-28T10:30`` (any ISO 8601 date and time joined by ``T``, with or
    without an offset) as ``fromisoformat`` reads it, else None: what every
    other path would make of it too (no phrase starts with a date and a T),
    for the cost of one C call."""
    if len(typed) < 16 or typed[10] not in "Tt" or not typed[:4].isdigit() or typed[4] != "-":
        return None
    try:
        return datetime.datetime.fromisoformat(typed)
    except ValueError:
        return None


def _refuse_future(typed, phrase, when, now, option, lang):
    from lobbyctl.domain.phrases import is_clock_only
    from lobbyctl.schema.text.messages import say

    message = say("future_refused", lang, option=option, typed=typed,
                  when=when.strftime("%Y-%m-%d %H:%M"), now=now.strftime("%Y-%m-%d %H:%M"))
    if is_clock_only(phrase):
        # a clock time alone is today's; the user most likely meant the last one
        hint = say("future_hint_yesterday", lang, option=option, typed=typed,
                   yesterday=say("yesterday_word", lang))
    else:
        hint = say("future_hint", lang)
    raise UsageProblem(message, hint=hint)


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
    """``10:30``, ``yesterday``, ``yesterday 15:00``, ``last friday 9:00``,
    ``昨天15:00``, ``11月30日 10:30``, ``下午3点半``."""
    from lobbyctl.domain.phrases import clock_of, is_clock_only, split_clock

    today = now.date()
    date_part, clock_text = phrase, None
    if is_clock_only(phrase):
        date_part, clock_text = "today", phrase
    else:
        date_part, clock_text = split_clock(phrase)
    day = _date_phrase(date_part, today)
    if day is None and clock_text is not None:
        day = _iso_date(date_part, today)
    if day is None:
        return None
    if clock_text is None:
        clock = datetime.time() if day != today else now.time()
    else:
        clock = clock_of(clock_text, phrase)
        if clock is None:
            return None
    return datetime.datetime.combine(day, clock)


def _date_phrase(phrase, today, ahead=False):
    import re

    from lobbyctl.domain.phrases import chinese_date

    if phrase in _RELATIVE_DAYS:
        return today + datetime.timedelta(days=_RELATIVE_DAYS[phrase])
    match = re.match(_AGO, phrase)
    if match:
        number = int(match.group(1) or match.group(3))
        unit = match.group(2) or match.group(4)
        return today - datetime.timedelta(days=number * (1 if unit in ("day", "days", "天") else 7))
    match = re.match(_IN, phrase)
    if match:
        number = int(match.group(1) or match.group(3))
        unit = match.group(2) or match.group(4)
        return today + datetime.timedelta(days=number * (1 if unit in ("d", "day", "days", "天") else 7))
    day = chinese_date(phrase, today, ahead)
    if day is not None:
        return day
    match = re.match(_SHIFT, phrase)
    if match and match.group(2)[:3] in _SHORT_WEEKDAYS:
        shift, weekday = match.group(1), _SHORT_WEEKDAYS[match.group(2)[:3]]
        this_week = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=weekday)
        if shift == "last":
            back = (today.weekday() - weekday) % 7 or 7
            return today - datetime.timedelta(days=back)
        if shift == "next":
            forward = (weekday - today.weekday()) % 7 or 7
            return today + datetime.timedelta(days=forward)
        return this_week
    return None


def _iso_date(phrase, today):
    import re

    from lobbyctl.domain.phrases import valid_date

    match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", phrase)
    if match:
        return valid_date(*map(int, match.groups()), phrase)
    match = re.match(r"^(\d{1,2})-(\d{1,2})$", phrase)
    if match:
        return valid_date(today.year, *map(int, match.groups()), phrase)
    return None


def _dateutil(typed, default, option):
    where = f"{option}: " if option else ""
    if len(typed) > 64 or not typed:
        raise problem(UsageProblem, "unreadable_when", where=where, typed=typed[:64])
    from dateutil import parser

    try:
        parsed = parser.parse(typed, default=default)
        # dateutil takes any offset (+25:00) and makes a time no datetime
        # arithmetic accepts: ask for it here, where it can still be refused
        parsed.utcoffset()
        return parsed
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
    import re

    match = re.match(r"^(\d{4})-?(\d{1,2})$", typed)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR:
            return year, month
    raise problem(UsageProblem, "not_a_month", typed=text)
