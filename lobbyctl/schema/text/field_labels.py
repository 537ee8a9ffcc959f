"""The one table of field names as people read them, in Chinese and English.

``show``, the day and month forms, ``report table`` and ``due`` all name a
field from here, so a field is called the same everywhere.  Where the outputs
used to disagree, the forms' wording (大堂日志, 月反馈报告表) won: it is what the
branch files and reads.  English labels are column titles ("Segment"); a
reader that puts a label inside a sentence lower-cases it (``inline``)."""

# field -> (zh, en): every field of vocab.COMMON_FIELDS and vocab.FIELDS
FIELD_LABELS = {
    "id": ("编号", "ID"),
    "type": ("类型", "Type"),
    "at": ("时间", "Time"),
    "by": ("记录人", "By"),
    # open / close
    "staff": ("在岗人员", "Staff on duty"),
    "ok": ("正常项目", "Items fine"),
    "problems": ("问题项目", "Items with problems"),
    "forced": ("重复登记", "Recorded again"),
    "remarks": ("大堂经理备注", "Manager's remarks"),
    "note": ("备注", "Note"),
    # greet
    "count": ("人数", "Customers"),
    "segment": ("客户分层", "Segment"),
    "potential": ("中高端潜力", "Prospect"),
    "new": ("新客户", "New customer"),
    "groups": ("特殊群体", "Groups"),
    "purpose": ("业务", "Purpose"),
    "route": ("去向", "Route"),
    "wait": ("等候", "Waited"),
    "ticket": ("排队号", "Ticket"),
    "assist": ("协助", "Assistance"),
    "customer": ("客户", "Customer"),
    "remind_rating": ("提示评价", "Asked to rate"),
    # rate
    "result": ("评价结果", "Rating"),
    "window": ("窗口", "Window"),
    "teller": ("柜员", "Teller"),
    "reason": ("原因", "Reason"),  # a void's too (why the entry it names was voided)
    # ticket (its staff is the teller who served it, its status how it ended)
    "business": ("业务类型", "Business"),
    "called": ("叫号时间", "Called"),
    "start": ("开始办理", "Service start"),
    "end": ("办结时间", "Service end"),
    "rating": ("评价", "Rating"),
    # refer
    "product": ("产品", "Product"),
    "to": ("转介对象", "Referred to"),
    "to_name": ("对接人", "Name"),
    "outcome": ("结果", "Outcome"),
    "follow_up": ("跟进日期", "Follow-up"),
    "via": ("方式", "Via"),
    "greet": ("迎送记录", "Greeting"),
    # links: an outreach's lead, a second cross-sell's first, a return visit
    "lead": ("营销来源", "Outreach lead"),
    "after": ("首次交叉销售", "After referral"),
    "returning": ("二次进店", "Return visit for"),
    # complain
    "level": ("级别", "Level"),
    "category": ("原因", "Cause"),
    "channel": ("渠道", "Channel"),
    "summary": ("事由", "Summary"),
    "remedy": ("客户诉求", "Remedy sought"),
    "steps": ("已做处理步骤", "Handling steps done"),
    "complexity": ("复杂程度", "Complexity"),
    "due": ("办结期限", "Due"),
    "status": ("状态", "Status"),
    "resolution": ("处理结果", "Resolution"),
    "escalated_to": ("升级至", "Escalated to"),
    # note
    "kind": ("类别", "Kind"),
    "text": ("内容", "Text"),
    "device": ("设备", "Device"),
    "praise": ("表扬", "Praise"),
    "fixed": ("已修复", "Fixed"),
    # update
    "ref": ("跟进对象", "Updated entry"),
    "satisfaction": ("满意度回访", "Satisfaction"),
    # outreach
    "scene": ("场景", "Scene"),
    "venue": ("地点", "Venue"),
    "gifts": ("礼品派发", "Gifts"),
    "contacts_collected": ("客户信息采集", "Customer info collected"),
    "icebreakers": ("破冰产品", "Ice-breaker sales"),
    "leads": ("意向客户", "Leads"),
}

# Values derived from an entry that a pivot may count by, and the totals.
DERIVED_LABELS = {
    "hour": ("时段", "Hour"),
    "branch": ("支行", "Branch"),
    "group": ("分组", "Group"),  # a region's branch group (region.yaml)
    "weekday": ("星期", "Weekday"),
    "date": ("日期", "Date"),
    "week": ("周", "Week"),
    "month": ("月份", "Month"),
    "total": ("合计", "Total"),
}


def field_label(name, lang):
    """A field's label; a field the schema adds later shows its key."""
    pair = FIELD_LABELS.get(name) or DERIVED_LABELS.get(name) or (name, name)
    return pair[0] if lang == "zh" else pair[1]


def inline(label, lang):
    """A label as a word inside an English sentence ("waited 5 min")."""
    if lang == "zh" or not label or label.isupper():
        return label
    return label[0].lower() + label[1:]
