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
* a formal complaint is overdue when its ``due`` date (15/30/60 calendar days
  after receipt) is before the end of the period and it is not resolved by then.
"""

import datetime
from collections import Counter

from lobbyctl.schema import vocab
from lobbyctl.domain.when import local_time, time_order

# Queue systems' usual service-level target (minutes).
WAIT_TARGET = 10
# Headings, labels and short phrases of the two reports: key -> (zh, en).
WORDS = {
    # header
    "branch": ("网点", "Branch"),
    "date": ("日期", "Date"),
    "month": ("月份", "Month"),
    "managers": ("大堂经理", "Lobby managers"),
    "on_duty": ("值班大堂经理", "Lobby managers on duty"),
    "staff": ("在岗人员", "Staff on duty"),
    "business_days": ("营业天数", "Business days"),
    "generated": ("生成时间", "Generated"),
    "day_title": ("大堂日志 · {date}（{weekday}）", "Daily lobby log · {date} ({weekday})"),
    "month_title": ("月反馈报告表 · {year}年{month}月", "Monthly feedback report · {month_name} {year}"),
    # checklists
    "opening": ("营业前检查", "Opening checklist"),
    "closing": ("营业后检查", "Closing checklist"),
    "no_opening": ("当天未记录营业前检查。", "No opening checklist was recorded this day."),
    "no_closing": ("当天未记录营业后检查。", "No closing checklist was recorded this day."),
    "checked_at": ("检查时间", "Checked at"),
    "checked_by": ("检查人", "Checked by"),
    "forced": ("重复登记", "Recorded again"),
    "item": ("项目", "Item"),
    "fine": ("正常", "Fine"),
    "problem": ("发现问题", "Problem found"),
    "checklist_items": ("检查项目", "Items"),
    "remarks": ("大堂经理备注", "Manager's remarks"),
    # customers
    "customers_section": ("客户接待与分流", "Customers received and routed"),
    "flow_section": ("客户流量", "Customer flow"),
    "summary": ("概况", "Summary"),
    "customers": ("接待客户（人）", "Customers received"),
    "greetings": ("登记次数", "Greetings recorded"),
    "new_customers": ("新客户", "New customers"),
    "prospects": ("发掘中高端潜在客户", "Mid/high-end prospects discovered"),
    "diverted": ("分流离柜客户", "Customers routed away from the counters"),
    "diversion_rate": ("分流率", "Diversion rate"),
    "diverted_note": ("离柜分流", "Away from the counters"),
    "wait_recorded": ("记录等候时间的客户", "Customers with a recorded wait"),
    "wait_median": ("等候时间中位数", "Median wait"),
    "wait_max": ("最长等候", "Longest wait"),
    "wait_p90": ("等候时间90分位", "90th percentile wait"),
    "wait_within": ("{target}分钟内办理占比", "Share served within {target} min"),
    "by_hour": ("分时段客流", "Customers by hour"),
    "by_segment": ("客户分层", "Customers by segment"),
    "by_purpose": ("办理业务", "Customers by purpose"),
    "by_route": ("分流去向", "Customers by route"),
    "by_group": ("特殊群体", "Special groups"),
    "hour": ("时段", "Hour"),
    "segment": ("客户分层", "Segment"),
    "purpose": ("业务", "Purpose"),
    "route": ("去向", "Route"),
    "group": ("群体", "Group"),
    "share": ("占比", "Share"),
    "count": ("人数", "Customers"),
    "time": ("时间", "Time"),
    "customer": ("客户", "Customer"),
    "note": ("备注", "Note"),
    "daily_average": ("日均客流（人）", "Daily average"),
    "per_day": ("日均", "Per day"),
    "peak_hour": ("最忙时段", "Busiest hour"),
    "peak_slot": ("高峰半小时", "Peak half-hour"),
    "busiest_days": ("客流最多的日子", "Busiest days"),
    "daily_totals": ("每日客流", "Customers each day"),
    "weekday": ("星期", "Weekday"),
    "device_coaching": ("辅导使用自助设备（人）", "Customers coached on machines"),
    "waits_section": ("等候时间", "Waiting times"),
    "no_waits": ("本期未记录等候时间。", "No waiting times were recorded."),
    "routing_section": ("引导分流", "Routing and diversion"),
    "highend_section": ("中高端客户发掘", "Mid/high-end customer discovery"),
    "high_end": ("高端及私人银行客户（人）", "High-end and private-banking customers"),
    # referrals
    "referrals_section": ("产品推荐与交叉营销", "Referrals and cross-selling"),
    "referrals_made": ("推荐次数", "Referrals made"),
    "accepted": ("成功", "Accepted"),
    "declined": ("未成功", "Declined"),
    "pending": ("待定", "Pending"),
    "conversion": ("成功率（成功÷已有结果）", "Conversion (accepted ÷ decided)"),
    "conversion_short": ("成功率", "Conversion"),
    "follow_ups_done": ("完成跟进", "Follow-ups done"),
    "pending_late": ("逾期未跟进", "Pending past their follow-up date"),
    "by_product": ("按产品", "By product"),
    "by_target": ("按转介对象", "By referred to"),
    "product": ("产品", "Product"),
    "target": ("转介对象", "Referred to"),
    "to_name": ("对接人", "Name"),
    "outcome": ("结果", "Outcome"),
    "follow_up": ("跟进日期", "Follow-up"),
    "referral_list": ("推荐明细", "Referrals"),
    "days_late": ("逾期天数", "Days late"),
    # complaints
    "complaints_section": ("投诉与抱怨处理", "Complaints and grumbles"),
    "complaints_total": ("投诉与抱怨（件）", "Complaints and grumbles"),
    "grumbles": ("抱怨", "Grumbles"),
    "formal": ("正式投诉", "Formal complaints"),
    "on_the_spot": ("当场（当日）解决", "Resolved on the spot (same day)"),
    "escalated": ("已升级", "Escalated"),
    "still_open": ("期末未解决", "Not resolved at period end"),
    "median_close": ("解决用时中位数", "Median days to close"),
    "complaints_from_before": ("上期遗留未解决", "Open from before the month"),
    "closed_from_before": ("其中本期解决", "Of which resolved this month"),
    "from_before_list": ("上期遗留的投诉与抱怨", "Complaints and grumbles open from before the month"),
    "closed_on": ("解决日期", "Resolved on"),
    "by_category": ("按原因分类（JR/T 0169-2018）", "By cause (JR/T 0169-2018)"),
    "by_channel": ("按渠道", "By channel"),
    "category": ("原因", "Cause"),
    "channel": ("渠道", "Channel"),
    "level": ("类别", "Level"),
    "total": ("合计", "Total"),
    "overdue": ("逾期未办结的正式投诉", "Formal complaints past their due date"),
    "received": ("受理日期", "Received"),
    "due": ("办结期限", "Due"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "status": ("状态", "Status"),
    "steps": ("已做处理步骤", "Handling steps done"),
    "summary_text": ("事由", "Summary"),
    "resolution": ("处理结果", "Resolution"),
    "id": ("编号", "Id"),
    # notes
    "notes_section": ("大堂记事", "Lobby notes"),
    "faults": ("设备故障", "Equipment faults"),
    "device": ("设备", "Device"),
    "description": ("情况", "Description"),
    "fixed": ("已修复", "Fixed"),
    "fixed_on": ("修复日期", "Fixed on"),
    "days_open": ("未修复天数", "Days open"),
    "reported": ("报修日期", "Reported"),
    "hygiene": ("卫生", "Hygiene"),
    "hazards": ("安全隐患与异常", "Hazards and anomalies"),
    "teller_reminders": ("柜员服务提示", "Teller reminders"),
    "opinions": ("客户意见与建议", "Customer opinions and suggestions"),
    "other_notes": ("其他记事", "Other notes"),
    "praise": ("表扬", "praise"),
    "facilities_section": ("服务设施", "Facilities"),
    "faults_reported": ("报修故障", "Faults reported"),
    "carried_over": ("此前报修仍未修复", "Still open from before the month"),
    "faults_fixed": ("本月修复", "Fixed this month"),
    "faults_open": ("期末未修复", "Still open at period end"),
    "fault_list": ("故障明细", "Faults"),
    "environment_section": ("卫生与安全", "Hygiene and safety"),
    "fraud_stopped": ("疑似电信诈骗", "Suspected telecom fraud"),
    "hazards_count": ("安全隐患与异常", "Hazards and anomalies"),
    "hygiene_count": ("卫生问题", "Hygiene issues"),
    "entries": ("明细", "Entries"),
    "tellers_section": ("柜员服务提示", "Teller-service reminders"),
    "opinions_section": ("客户意见与建议", "Customer opinions and suggestions"),
    # follow-ups
    "followups_section": ("跟进事项", "Follow-ups"),
    "done_today": ("当日完成的跟进", "Follow-ups done this day"),
    "falling_due": ("到期待跟进", "Falling due"),
    "what": ("事项", "What"),
    "subject": ("内容", "Subject"),
    "via": ("方式", "Via"),
    "due_on": ("到期日", "Due"),
    # checklist compliance
    "checklists_section": ("营业前后检查执行情况", "Checklist compliance"),
    "opened_fine": ("营业前检查全部正常的天数", "Days opened with every item fine"),
    "closed_fine": ("营业后检查全部正常的天数", "Days closed with every item fine"),
    "missing_open": ("未做营业前检查的天数", "Days with no opening checklist"),
    "missing_close": ("未做营业后检查的天数", "Days with no closing checklist"),
    "missing_days": ("缺检查的日期", "Days missing a checklist"),
    "open_problems": ("营业前检查发现的问题", "Problems found at opening"),
    "close_problems": ("营业后检查发现的问题", "Problems found at closing"),
    "remarks_section": ("大堂经理备注", "The managers' remarks"),
}

_WEEKDAYS = {"zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
             "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


def word(key, lang, **values):
    zh, en = WORDS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def weekday(day, lang):
    return _WEEKDAYS["zh" if lang == "zh" else "en"][day.weekday()]


# A weekday column keeps the English abbreviation as its raw value (stable in
# JSON and CSV) and shows the Chinese name in a Chinese report.
WEEKDAY_LABELS = dict(zip(_WEEKDAYS["en"], zip(_WEEKDAYS["zh"], _WEEKDAYS["en"])))


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

class Flow:
    """Tallies of greetings, customers weighted by ``count``; fed one entry
    at a time so a report reads each entry once."""

    def __init__(self, tz):
        self.tz = tz  # the journal's zone: the hour of an entry is its wall clock there
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
        self.max_wait = None

    def add(self, day, entry):
        count = count_of(entry)
        self.total += count
        self.greetings += 1
        self.by_day[day] += count
        local = local_time(entry.get("at"), self.tz)
        if local is not None:
            self.by_hour[local.hour] += count
            self.by_slot[local.hour * 2 + (local.minute >= 30)] += count
        route = key_of(entry.get("route"))
        self.by_segment[key_of(entry.get("segment"))] += count
        self.by_purpose[key_of(entry.get("purpose"))] += count
        self.by_route[route] += count
        if route in vocab.DIVERTED_ROUTES:
            self.diverted += count
        if entry.get("new") is True:
            self.new += count
        if entry.get("potential") is True:
            self.prospects += count
        for group in keys_of(entry.get("groups")):
            self.by_group[group] += count
        for assist in keys_of(entry.get("assist")):
            self.by_assist[assist] += count
        wait = whole(entry.get("wait"))
        if wait is not None and wait >= 0:
            self.waits[wait] += count
            if self.max_wait is None or wait > self.max_wait:
                self.max_wait = wait

    def diversion_rate(self):
        return self.diverted / self.total if self.total else None

    def wait_figures(self):
        """``(customers with a wait, median, p90, share within target, max)``."""
        return wait_figures(self.waits)


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


def managers_seen(names, config):
    """The managers who recorded entries, the journal's own managers first in
    their listed order, anyone else after them by name."""
    seen = set(names)
    listed = [name for name in config.managers if name in seen]
    return listed + sorted(seen - set(listed))
