"""Dates and times as people type them: ``10:30``, ``yesterday 15:00``,
``2026-11-28``, ``last monday``, ``3 days ago``, ``昨天 15:00``, ISO 8601.

The common forms are parsed here without imports; anything else goes to
python-dateutil (imported only then).  Naive times are in the journal's
timezone."""

import datetime
import re

from lobbyctl.errors import UsageProblem

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SHORT_WEEKDAYS = {name[:3]: index for index, name in enumerate(WEEKDAYS)}
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "今天": 0, "今日": 0,
                  "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "后天": 2}
_TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$")
# 下午3点, 下午3点半, 上午10点15分, 晚上8点, 15点: a day part and an hour up to 12,
# or a bare hour up to 23
_CLOCK_ZH = re.compile(r"^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(\d{1,2})\s*[点時时]"
                       r"\s*(?:(半)|(\d{1,2})\s*分?)?$")
# a phrase ending in a clock time, the date part before it (昨天15:00, 前天 9:30)
_DATE_THEN_TIME = re.compile(r"^(.*?)\s*((?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*\d{1,2}"
                             r"(?:[:：]\d{2}(?:[:：]\d{2})?|\s*[点時时]\s*(?:半|\d{1,2}\s*分?)?))$")
_AGO = re.compile(r"^(\d{1,4})\s*(day|days|week|weeks)\s+ago$|^(\d{1,4})\s*(天|周|星期|个星期)前$")
_IN = re.compile(r"^(?:in\s+)?\+?(\d{1,4})\s*(d|day|days|w|week|weeks)$|^(\d{1,4})\s*(天|周|星期|个星期)后$")
# 11月30日, 11月30号, 2026年11月30日
_MONTH_DAY_ZH = re.compile(r"^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
# 上周一, 本周五, 这周五, 下周三, 周日, 星期天, 礼拜二
_WEEK_ZH = re.compile(r"^(上|本|这|下)?\s*(?:个)?(?:周|星期|礼拜)([一二三四五六日天])$")
_WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEK_SHIFT_ZH = {"上": -1, "本": 0, "这": 0, None: 0, "下": 1}
# a bare day of the month: 30, 30日, 30号
_DAY_NUMBER = re.compile(r"^(\d{1,2})\s*[日号]?$")
# full-width digits, colon, hyphen and space, as a Chinese input method types them
_FULL_WIDTH = str.maketrans("０１２３４５６７８９：－　／", "0123456789:- /")
_SHIFT = re.compile(r"^(last|this|next)\s+([a-z]+)$")
MAX_PHRASE = 64  # the longest date or time a person types; longer goes to dateutil, which refuses it
FIRST_YEAR, LAST_YEAR = 2000, 2099  # ids carry a two-digit year


def parse_date(text, today, option=None, ahead=False):
    """A calendar date from what a user typed, relative to ``today``.

    A bare day of the month (``30``, ``30日``) is the most recent such day,
    today included, or with ``ahead`` (a follow-up, a day to plan) the next."""
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


def normalise(typed):
    """What a user typed, lower case, full-width digits and colon made ASCII."""
    return typed.translate(_FULL_WIDTH).strip().lower()


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
        raise UsageProblem(f"{option}: {typed!r} is more than a day in the future "
                           f"({when.isoformat()})")
    if when - now > FUTURE_SLACK and not future:
        _refuse_future(typed, phrase, when, now, option, lang)
    return when


def _refuse_future(typed, phrase, when, now, option, lang):
    from lobbyctl.schema.text.messages import say

    message = say("future_refused", lang, option=option, typed=typed,
                  when=when.strftime("%Y-%m-%d %H:%M"), now=now.strftime("%Y-%m-%d %H:%M"))
    if _is_clock_only(phrase):
        # a clock time alone is today's; the user most likely meant the last one
        hint = say("future_hint_yesterday", lang, option=option, typed=typed,
                   yesterday=say("yesterday_word", lang))
    else:
        hint = say("future_hint", lang)
    raise UsageProblem(message, hint=hint)


def _is_clock_only(phrase):
    return bool(_TIME.match(phrase) or _CLOCK_ZH.match(phrase))


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
    today = now.date()
    date_part, clock_text = phrase, None
    if _is_clock_only(phrase):
        date_part, clock_text = "today", phrase
    else:
        match = _DATE_THEN_TIME.match(phrase)
        if match and match.group(1).strip():
            date_part, clock_text = match.group(1).strip(), match.group(2).strip()
    day = _date_phrase(date_part, today)
    if day is None and clock_text is not None:
        day = _iso_date(date_part, today)
    if day is None:
        return None
    if clock_text is None:
        clock = datetime.time() if day != today else now.time()
    else:
        clock = _clock(clock_text, phrase)
        if clock is None:
            return None
    return datetime.datetime.combine(day, clock)


# the hours each Chinese day part may say, and which of them are after noon
_DAY_PARTS = {"凌晨": (range(0, 7), ()), "早上": (range(0, 13), ()), "早晨": (range(0, 13), ()),
              "上午": (range(0, 13), ()), "中午": ((11, 12, 1, 2), (1, 2)),
              "下午": (range(1, 13), range(1, 12)), "傍晚": (range(4, 9), range(4, 9)),
              "晚上": (range(1, 12), range(1, 12))}


def _clock(text, phrase):
    """A time of day from ``10:30`` or ``下午3点半``; None when it is neither;
    a time past the clock's end (25:00, 下午13点) is a usage problem."""
    match = _TIME.match(text)
    if match:
        hour, minute, second = (int(group or 0) for group in match.groups())
    else:
        match = _CLOCK_ZH.match(text)
        if not match:
            return None
        part, hour_text, half, minute_text = match.groups()
        hour, second = int(hour_text), 0
        minute = 30 if half else int(minute_text or 0)
        if part is not None:
            hours, afternoon = _DAY_PARTS[part]
            if hour not in hours:
                raise UsageProblem(f"--at: {phrase!r} is not a time of day "
                                   f"({part} {min(hours)}–{max(hours)}点)")
            if hour in afternoon:
                hour += 12
    if hour > 23 or minute > 59 or second > 59:
        raise UsageProblem(f"--at: {phrase!r} is not a time of day")
    return datetime.time(hour, minute, second)


def _date_phrase(phrase, today, ahead=False):
    if phrase in _RELATIVE_DAYS:
        return today + datetime.timedelta(days=_RELATIVE_DAYS[phrase])
    match = _AGO.match(phrase)
    if match:
        number = int(match.group(1) or match.group(3))
        unit = match.group(2) or match.group(4)
        return today - datetime.timedelta(days=number * (1 if unit in ("day", "days", "天") else 7))
    match = _IN.match(phrase)
    if match:
        number = int(match.group(1) or match.group(3))
        unit = match.group(2) or match.group(4)
        return today + datetime.timedelta(days=number * (1 if unit in ("d", "day", "days", "天") else 7))
    match = _WEEK_ZH.match(phrase)
    if match:
        # 上周一 is the Monday of last week (not the last Monday), 本周五 this week's
        monday = today - datetime.timedelta(days=today.weekday())
        weeks = _WEEK_SHIFT_ZH[match.group(1)]
        return monday + datetime.timedelta(days=7 * weeks + _WEEKDAY_ZH[match.group(2)])
    match = _MONTH_DAY_ZH.match(phrase)
    if match:
        year = int(match.group(1)) if match.group(1) else today.year
        return _valid_date(year, int(match.group(2)), int(match.group(3)), phrase)
    match = _DAY_NUMBER.match(phrase)
    if match:
        return _day_numbered(int(match.group(1)), today, phrase, ahead)
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


def _day_numbered(number, today, typed, ahead):
    """A bare day of the month (``30``, ``30日``): the most recent such day,
    today included (a 30th typed on the 1st is last month's, as a user means),
    or with ``ahead`` the next one."""
    if not 1 <= number <= 31:
        raise UsageProblem(f"{typed!r} is not a day of the month (1–31)")
    year, month = today.year, today.month
    step = 1 if ahead else -1
    for _ in range(3):  # a 31st is at most two months away
        if number <= _days_in(year, month):
            day = datetime.date(year, month, number)
            if (day >= today) if ahead else (day <= today):
                return day
        month += step
        year, month = (year + 1, 1) if month > 12 else (year - 1, 12) if month < 1 else (year, month)
    raise UsageProblem(f"{typed!r} is not a day of the month (1–31)")


def _days_in(year, month):
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


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
        raise UsageProblem(f"{typed!r} is not a date") from None


def _dateutil(typed, default, option):
    where = f"{option}: " if option else ""
    if len(typed) > 64 or not typed:
        raise UsageProblem(f"{where}{typed[:64]!r} is not a date or time I can read "
                           "(try 10:30, yesterday 15:00, 2026-11-28 or 2026-11-28T10:30)")
    from dateutil import parser

    try:
        return parser.parse(typed, default=default)
    except (ValueError, OverflowError, TypeError, parser.ParserError):
        raise UsageProblem(f"{where}{typed!r} is not a date or time I can read "
                           "(try 10:30, yesterday 15:00, 2026-11-28 or 2026-11-28T10:30)") from None


def _check_year(day, typed, option):
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        where = f"{option}: " if option else ""
        raise UsageProblem(f"{where}{typed!r} is outside the years a journal keeps "
                           f"({FIRST_YEAR}–{LAST_YEAR})")


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
    raise UsageProblem(f"{text!r} is not a month (use YYYY-MM, this or last)")
