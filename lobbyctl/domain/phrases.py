"""The phrases a person types for a date or a clock time that are not ISO
8601 nor English: ``下午3点半``, ``昨天15:00``, ``11月30日``, ``上周一``, a bare
day of the month (``30``, ``30日``), full-width digits (``１０：３０``).

Parsed with regular expressions only (a recording command imports no
dateutil); ``lobbyctl.domain.when`` puts them together."""

import datetime
import re

from lobbyctl.errors import UsageProblem
from lobbyctl.schema.text.messages import problem

TIME = re.compile(r"^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$")
# 下午3点, 下午3点半, 上午10点15分, 晚上8点, 15点: a day part and an hour up to 12,
# or a bare hour up to 23
_CLOCK_ZH = re.compile(r"^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(\d{1,2})\s*[点時时]"
                       r"\s*(?:(半)|(\d{1,2})\s*分?)?$")
# a phrase ending in a clock time, the date part before it (昨天15:00, 前天 9:30)
_DATE_THEN_TIME = re.compile(r"^(.*?)\s*((?:凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*\d{1,2}"
                             r"(?:[:：]\d{2}(?:[:：]\d{2})?|\s*[点時时]\s*(?:半|\d{1,2}\s*分?)?))$")
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


def normalise(typed):
    """What a user typed, lower case, full-width digits and colon made ASCII."""
    return typed.translate(_FULL_WIDTH).strip().lower()


def is_clock_only(phrase):
    """``10:30`` or ``下午3点``: a time of day without a date (today's)."""
    return bool(TIME.match(phrase) or _CLOCK_ZH.match(phrase))


def split_clock(phrase):
    """``(date part, clock text)`` of a phrase ending in a clock time
    (``昨天15:00``, ``前天 9:30``, ``11月30日 下午3点``), else ``(phrase, None)``."""
    match = _DATE_THEN_TIME.match(phrase)
    if match and match.group(1).strip():
        return match.group(1).strip(), match.group(2).strip()
    return phrase, None


# the hours each Chinese day part may say, and which of them are after noon
_DAY_PARTS = {"凌晨": (range(0, 7), ()), "早上": (range(0, 13), ()), "早晨": (range(0, 13), ()),
              "上午": (range(0, 13), ()), "中午": ((11, 12, 1, 2), (1, 2)),
              "下午": (range(1, 13), range(1, 12)), "傍晚": (range(4, 9), range(4, 9)),
              "晚上": (range(1, 12), range(1, 12))}


def clock_of(text, phrase):
    """A time of day from ``10:30`` or ``下午3点半``; None when it is neither;
    a time past the clock's end (25:00, 下午13点) is a usage problem."""
    match = TIME.match(text)
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
                raise problem(UsageProblem, "not_a_time_of_part", phrase=phrase, part=part,
                              first=min(hours), last=max(hours))
            if hour in afternoon:
                hour += 12
    if hour > 23 or minute > 59 or second > 59:
        raise problem(UsageProblem, "not_a_time", phrase=phrase)
    return datetime.time(hour, minute, second)


def chinese_date(phrase, today, ahead=False):
    """A date from ``上周一``, ``本周五``, ``11月30日``, ``2026年11月30日`` or a
    bare day number; None when the phrase is none of these."""
    match = _WEEK_ZH.match(phrase)
    if match:
        # 上周一 is the Monday of last week (not the last Monday), 本周五 this week's
        monday = today - datetime.timedelta(days=today.weekday())
        weeks = _WEEK_SHIFT_ZH[match.group(1)]
        return monday + datetime.timedelta(days=7 * weeks + _WEEKDAY_ZH[match.group(2)])
    match = _MONTH_DAY_ZH.match(phrase)
    if match:
        year = int(match.group(1)) if match.group(1) else today.year
        return valid_date(year, int(match.group(2)), int(match.group(3)), phrase)
    match = _DAY_NUMBER.match(phrase)
    if match:
        return day_numbered(int(match.group(1)), today, phrase, ahead)
    return None


def day_numbered(number, today, typed, ahead):
    """A bare day of the month (``30``, ``30日``): the most recent such day,
    today included (a 30th typed on the 1st is last month's, as a user means),
    or with ``ahead`` the next one."""
    if not 1 <= number <= 31:
        raise problem(UsageProblem, "not_a_day_of_month", typed=typed)
    year, month = today.year, today.month
    step = 1 if ahead else -1
    for _ in range(3):  # a 31st is at most two months away
        if number <= days_in(year, month):
            day = datetime.date(year, month, number)
            if (day >= today) if ahead else (day <= today):
                return day
        month += step
        year, month = (year + 1, 1) if month > 12 else (year - 1, 12) if month < 1 else (year, month)
    raise problem(UsageProblem, "not_a_day_of_month", typed=typed)


def days_in(year, month):
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return (following - datetime.timedelta(days=1)).day


def valid_date(year, month, day, typed):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise problem(UsageProblem, "not_a_date", typed=typed) from None
