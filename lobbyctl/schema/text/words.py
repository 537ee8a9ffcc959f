"""The words of the reports, in Chinese and English: headings, column titles
and short phrases of the day and month forms, ``report table``, ``show``,
``due`` and the renderers, and the names of weekdays and months.

Each catalogue maps a key to ``(zh, en)``; a word that names a field is that
field's label in ``field_labels`` (the same object, never a copy), so a form
and a pivot cannot call a field two things.  ``CATALOGUES`` lists them all for
the test that every key has both languages and the same placeholders."""

from lobbyctl.schema.text.field_labels import FIELD_LABELS as _FIELD


def pick(pair, lang, **values):
    """One of a ``(zh, en)`` pair, its placeholders filled."""
    text = pair[0] if lang == "zh" else pair[1]
    return text.format(**values) if values else text


# The day and month forms (大堂日志, 月反馈报告表).
REPORT = {
    # header
    "branch": ("网点", "Branch"),
    "date": ("日期", "Date"),
    "month": ("月份", "Month"),
    "managers": ("大堂经理", "Lobby managers"),
    "on_duty": ("值班大堂经理", "Lobby managers on duty"),
    "staff": _FIELD["staff"],
    "business_days": ("营业天数", "Business days"),
    "generated": ("生成时间", "Generated"),
    "day_title": ("大堂日志 · {date}（{weekday}）", "Daily lobby log · {date} ({weekday})"),
    "month_title": ("月反馈报告表 · {year}年{month_name}", "Monthly feedback report · {month_name} {year}"),
    # checklists
    "opening": ("营业前检查", "Opening checklist"),
    "closing": ("营业后检查", "Closing checklist"),
    "no_opening": ("当天未记录营业前检查。", "No opening checklist was recorded this day."),
    "no_closing": ("当天未记录营业后检查。", "No closing checklist was recorded this day."),
    "checked_at": ("检查时间", "Checked at"),
    "checked_by": ("检查人", "Checked by"),
    "forced": _FIELD["forced"],
    "item": ("项目", "Item"),
    "fine": ("正常", "Fine"),
    "problem": ("发现问题", "Problem found"),
    "checklist_items": ("检查项目", "Items"),
    "remarks": _FIELD["remarks"],
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
    "segment": _FIELD["segment"],
    "purpose": _FIELD["purpose"],
    "route": _FIELD["route"],
    "group": ("群体", "Group"),
    "share": ("占比", "Share"),
    "count": _FIELD["count"],
    "time": _FIELD["at"],
    "customer": _FIELD["customer"],
    "note": _FIELD["note"],
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
    "product": _FIELD["product"],
    "target": _FIELD["to"],
    "to_name": _FIELD["to_name"],
    "outcome": _FIELD["outcome"],
    "follow_up": _FIELD["follow_up"],
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
    "category": _FIELD["category"],
    "channel": _FIELD["channel"],
    "level": _FIELD["level"],
    "total": ("合计", "Total"),
    "overdue": ("逾期未办结的正式投诉", "Formal complaints past their due date"),
    "received": ("受理日期", "Received"),
    "due": _FIELD["due"],
    "days_overdue": ("逾期天数", "Days overdue"),
    "status": _FIELD["status"],
    "steps": _FIELD["steps"],
    "summary_text": _FIELD["summary"],
    "resolution": _FIELD["resolution"],
    "id": _FIELD["id"],
    # notes
    "notes_section": ("大堂记事", "Lobby notes"),
    "faults": ("设备故障", "Equipment faults"),
    "device": _FIELD["device"],
    "description": ("情况", "Description"),
    "fixed": _FIELD["fixed"],
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
    "via": _FIELD["via"],
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
    "compliance": ("检查合规率（营业前后检查均无问题的天数÷营业天数）",
                   "Checklist compliance (days opened and closed fine ÷ business days)"),
    # the headline figures and their comparisons (reports/headline.py)
    "headline_section": ("主要指标", "Headline figures"),
    "headline_table": ("本月、上月与去年同月", "This month, the month before and a year before"),
    "figure": ("指标", "Figure"),
    "this_month": ("本月", "This month"),
    "previous": ("上月", "Previous month"),
    "change": ("环比", "Change"),
    "year_ago": ("去年同月", "A year before"),
    "year_change": ("同比", "Change on a year"),
    "target_value": ("目标", "Target"),
    "met": ("达标", "Met"),
    # the day's hourly flow beside the four same weekdays before it
    "same_weekdays": ("前四个同星期日均", "Average of 4 previous same weekdays"),
    "same_weekdays_change": ("较同星期日均", "Change on that average"),
    "same_weekdays_found": ("前四个同星期日中有记录的天数", "Of the 4 previous same weekdays, days recorded"),
    "same_weekdays_dates": ("对比的日期", "Days compared"),
}

# The headline figures of a month by their stable key (schema/targets.py).
HEADLINE = {
    "customers": ("接待客户（人）", "Customers received"),
    "daily_average": ("日均客流（人）", "Daily average"),
    "diversion_rate": ("分流率", "Diversion rate"),
    "wait_median": ("等候时间中位数", "Median wait"),
    "wait_p90": ("等候时间90分位", "90th percentile wait"),
    "within_10_minutes": ("10分钟内办理占比", "Share served within 10 min"),
    "highend": ("高端及私人银行客户（人）", "High-end and private-banking customers"),
    "referrals": ("推荐次数", "Referrals made"),
    "referral_conversion": ("推荐成功率", "Referral conversion"),
    "grumbles": ("抱怨", "Grumbles"),
    "formal_complaints": ("正式投诉", "Formal complaints"),
    "overdue_complaints": ("逾期未办结的正式投诉", "Formal complaints past their due date"),
    "faults_reported": ("报修故障", "Faults reported"),
    "faults_open": ("期末未修复故障", "Faults still open at month end"),
    "checklist_compliance": ("检查合规率", "Checklist compliance"),
}

# ``report table``.
TABLE = {
    "title": ("{type}统计表", "{type} table"),
    "branch": ("网点", "Branch"),
    "period": ("期间", "Period"),
    "counting": ("计数", "Counting"),
    "customers": ("客户人数（迎送记录人数之和）", "customers (sum of greeting counts)"),
    "entries": ("记录笔数", "entries"),
    "entries_column": ("笔数", "Entries"),
    "where": ("筛选", "Filter"),
    "as_of": ("状态截至", "State as of"),
    "by": ("按{fields}", "by {fields}"),
    "all": ("全部", "all"),
    "per": ("{by}，每{period}", "{by}, per {period}"),
    "day": ("日", "day"), "week": ("周", "week"), "month": ("月", "month"),
    "joiner": ("、", ", "),
}

# ``show``: words inside one entry's line of details.
SHOW = {
    "all_fine": ("全部正常", "all fine"),
    "minutes": ("{n} 分钟", "{n} min"),
    "people": ("{n}位", "{n}×"),
    "missing": ("（未找到）", " (not found)"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}

# ``due``.
DUE = {
    "title": ("待办跟进 {day}", "Due on {day}"),
    "section": ("要跟进、联系或催办的事项", "To phone, message or chase"),
    "overdue_section": ("逾期事项", "Overdue"),
    "branch": ("网点", "Branch"),
    "on": ("日期", "Date"),
    "since": ("扫描起始", "Scanned from"),
    "urgency": ("紧急程度", "Urgency"),
    "item": ("事项", "Item"),
    "id": _FIELD["id"],
    "recorded": ("记录日期", "Recorded"),
    "days_open": ("已过天数", "Days open"),
    "due": ("到期日", "Due"),
    "days_left": ("剩余天数", "Days left"),
    "deadline": _FIELD["due"],
    "customer": _FIELD["customer"],
    "detail": ("详情", "Details"),
    "via": _FIELD["via"],
}
URGENCY = {
    "overdue": ("已逾期", "Overdue"),
    "today": ("今天到期", "Due today"),
    "open": ("待办", "Open"),
}
DUE_ITEMS = {
    "referral": ("推荐跟进", "Referral follow-up"),
    "grumble": ("抱怨回访", "Grumble follow-up"),
    "complaint": ("投诉时限", "Complaint deadline"),
    "fault": ("设备故障", "Equipment fault"),
}

# What every renderer says for an empty block, and a totals row.
RENDER = {
    "nothing": ("（本期无记录）", "(nothing to report)"),
    "total": ("合计", "Total"),
}

# Weekdays by their stored key, Monday first; the English is the short name
# a weekday column keeps as its raw value.
WEEKDAYS = {
    "monday": ("周一", "Mon"), "tuesday": ("周二", "Tue"), "wednesday": ("周三", "Wed"),
    "thursday": ("周四", "Thu"), "friday": ("周五", "Fri"), "saturday": ("周六", "Sat"),
    "sunday": ("周日", "Sun"),
}
# Months by number (a Chinese date writes the number: 2026年10月).
MONTHS = {number: (f"{number}月", name) for number, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), 1)}

CATALOGUES = {"report": REPORT, "headline": HEADLINE, "table": TABLE, "show": SHOW, "due": DUE,
              "urgency": URGENCY, "due_items": DUE_ITEMS, "render": RENDER, "weekdays": WEEKDAYS, "months": MONTHS}
