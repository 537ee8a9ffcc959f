"""The written schema of the journal: entry types, their fields, and the labels
each enumerated field takes, with Chinese and English names.

Validation, shell completion, ``check``, reports and the README all read this
one module.  Storage keeps the language-neutral English key; the Chinese and
English labels are for people.  A journal's ``lobbyctl.yaml`` may add keys to a
vocabulary (see ``Vocabulary.extended``).
"""

from lobbyctl.errors import UsageProblem

# key -> (Chinese label, English label)
LABELS = {
    "type": {
        "open": ("营业前检查", "Opening checklist"),
        "greet": ("迎送分流", "Greeting"),
        "refer": ("产品推荐", "Referral"),
        "complain": ("投诉与抱怨", "Complaint"),
        "note": ("大堂记事", "Note"),
        "update": ("跟进", "Update"),
        "close": ("营业后检查", "Closing checklist"),
        "void": ("作废更正", "Void"),
        "rate": ("柜台评价", "Counter rating"),
        "ticket": ("排队票号", "Queue ticket"),
        "outreach": ("场外营销", "Outreach"),
    },
    "segment": {
        "regular": ("普通客户", "Regular"),
        "mid": ("中端客户", "Mid-tier"),
        "high": ("高端客户", "High-end"),
        "private": ("私人银行客户", "Private banking"),
    },
    "group": {
        "elderly": ("老年", "Elderly"),
        "disabled": ("残障", "Disabled"),
        "foreign": ("外籍", "Foreign"),
    },
    "purpose": {
        "deposit": ("存款", "Deposit"),
        "withdrawal": ("取款", "Withdrawal"),
        "transfer": ("转账汇款", "Transfer"),
        "account": ("开户销户", "Account opening/closing"),
        "card": ("银行卡", "Card"),
        "loan": ("贷款", "Loan"),
        "wealth": ("理财", "Wealth management"),
        "payment": ("缴费", "Bill payment"),
        "fx": ("外汇", "Foreign exchange"),
        "loss-report": ("挂失", "Loss report"),
        "inquiry": ("咨询", "Inquiry"),
        "other": ("其他", "Other"),
    },
    "route": {
        "counter": ("柜台", "Counter"),
        "open-counter": ("开放式柜台", "Open counter"),
        "self-service": ("自助设备", "Self-service machine"),
        "e-banking": ("电子银行", "E-banking"),
        "wealth-manager": ("理财经理", "Wealth manager"),
        "customer-manager": ("客户经理", "Customer manager"),
        "other-branch": ("其他网点", "Other branch"),
        "none": ("无需分流", "Not routed"),
    },
    "assist": {
        "form": ("指导填表", "Form filling"),
        "device": ("辅导使用设备", "Device coaching"),
        "care": ("关怀问候", "Care"),
    },
    "target": {
        "wealth-manager": ("理财经理", "Wealth manager"),
        "customer-manager": ("客户经理", "Customer manager"),
        "teller": ("柜员", "Teller"),
        "self": ("大堂经理本人", "Lobby manager"),
    },
    "outcome": {
        "pending": ("待定", "Pending"),
        "accepted": ("成功", "Accepted"),
        "declined": ("未成功", "Declined"),
    },
    "via": {
        "phone": ("电话", "Phone"),
        "sms": ("短信", "SMS"),
        "visit": ("面访", "Visit"),
    },
    # where an outreach (场外营销) took place
    "scene": {
        "community": ("社区", "Community"),
        "enterprise": ("企业", "Enterprise"),
        "market": ("商圈市场", "Market"),
        "school": ("学校", "School"),
        "village": ("乡村", "Village"),
        "event": ("活动", "Event"),
        "other": ("其他", "Other"),
    },
    # the satisfaction check after a sale (the nine links' fourth)
    "satisfaction": {
        "very-satisfied": ("非常满意", "Very satisfied"),
        "satisfied": ("满意", "Satisfied"),
        "basic": ("基本满意", "Basically satisfied"),
        "dissatisfied": ("不满意", "Dissatisfied"),
    },
    "level": {
        "grumble": ("抱怨", "Grumble"),
        "complaint": ("投诉", "Complaint"),
    },
    # The cause axis of JR/T 0169-2018, plus fees and waiting, which lobbies meet daily.
    "category": {
        "attitude": ("服务态度及服务质量", "Attitude and service quality"),
        "facilities": ("服务设施设备业务系统", "Facilities and systems"),
        "process": ("管理制度业务规则与流程", "Rules and process"),
        "marketing": ("营销方式和手段", "Marketing"),
        "disclosure": ("信息披露", "Disclosure"),
        "returns": ("产品收益", "Product returns"),
        "choice": ("自主选择权", "Freedom of choice"),
        "contract": ("合同条款", "Contract terms"),
        "funds": ("资金安全", "Funds safety"),
        "data": ("信息安全", "Data safety"),
        "fees": ("收费定价", "Fees"),
        "waiting": ("排队等候", "Waiting"),
        "other": ("其他", "Other"),
    },
    "channel": {
        "on-site": ("营业现场", "On-site"),
        "self-service": ("自助机具", "Self-service machine"),
        "electronic": ("电子渠道", "Electronic channel"),
        "third-party": ("第三方渠道", "Third party"),
        "other": ("其他", "Other"),
    },
    # The six handling steps, in the order the domain prescribes.
    "step": {
        "calm": ("平复情绪", "Calm the customer"),
        "apologise": ("真诚道歉", "Apologise"),
        "explore": ("探寻解决之道", "Explore a solution"),
        "resolve": ("当场解答", "Answer on the spot"),
        "slow-down": ("升级缓处理", "Slow down when escalating"),
        "follow-up": ("核查跟进", "Verify and follow up"),
    },
    "complexity": {
        "ordinary": ("普通", "Ordinary"),
        "complex": ("复杂", "Complex"),
        "very-complex": ("特别复杂", "Especially complex"),
    },
    "status": {
        "open": ("处理中", "Open"),
        "resolved": ("已解决", "Resolved"),
        "escalated": ("已升级", "Escalated"),
    },
    "kind": {
        "fault": ("设备故障", "Equipment fault"),
        "hygiene": ("卫生", "Hygiene"),
        "hazard": ("安全隐患", "Safety hazard"),
        "fraud": ("疑似电信诈骗", "Suspected telecom fraud"),
        "teller": ("柜员提示", "Teller reminder"),
        "opinion": ("客户意见", "Customer opinion"),
        "materials": ("资料补充整理", "Materials"),
        "care": ("客户关怀", "Customer care"),
        "staff": ("指导大堂人员", "Directing lobby staff"),
        "other": ("其他", "Other"),
    },
    # What a counter evaluator (评价器) offers the customer after service.
    "rating": {
        "very-satisfied": ("非常满意", "Very satisfied"),
        "satisfied": ("满意", "Satisfied"),
        "basic": ("基本满意", "Basic"),
        "dissatisfied": ("不满意", "Dissatisfied"),
    },
    # How a queue ticket ended (排队叫号系统).
    "ticket-status": {
        "served": ("已办结", "Served"),
        "no-show": ("过号", "No-show"),
        "cancelled": ("取消", "Cancelled"),
        "transferred": ("转移", "Transferred"),
    },
    "open-item": {
        "appearance": ("服饰仪容仪表", "Dress and appearance"),
        "facilities": ("对外服务设施", "Customer-facing facilities"),
        "materials": ("宣传资料", "Brochures and forms"),
        "notices": ("海报通告", "Posters and notices"),
    },
    "close-item": {
        "cleaning": ("营业场所清洁", "Premises cleaned"),
        "equipment": ("设备检查并断电", "Equipment checked, power off"),
        "log": ("大堂日志已复核", "Lobby log reviewed"),
    },
}

# Calendar days from receipt to a decision (银行业保险业消费投诉处理管理办法, 2020).
COMPLAINT_DAYS = {"ordinary": 15, "complex": 30, "very-complex": 60}

# The ratings that count as satisfied: satisfaction = these ÷ all ratings.
SATISFIED_RATINGS = ("very-satisfied", "satisfied")

# Routes that take a customer away from the (closed) teller counters.
DIVERTED_ROUTES = ("open-counter", "self-service", "e-banking", "wealth-manager", "customer-manager")

# Field kinds: text, label:<vocab>, labels:<vocab>, int, bool, date, id, names,
# checklist:<vocab>.  Each type's fields in storage order, after the common
# ones (id, type, at, by).
COMMON_FIELDS = {"id": "id", "type": "label:type", "at": "timestamp", "by": "text"}
FIELDS = {
    "open": {"staff": "names", "ok": "labels:open-item", "problems": "checklist:open-item",
             "forced": "bool", "note": "text"},
    "close": {"ok": "labels:close-item", "problems": "checklist:close-item",
              "remarks": "text", "note": "text"},
    "greet": {"count": "int", "segment": "label:segment", "potential": "bool", "new": "bool",
              "groups": "labels:group", "purpose": "label:purpose", "route": "label:route",
              "wait": "int", "ticket": "text", "assist": "labels:assist", "customer": "text",
              "remind_rating": "bool", "lead": "id", "returning": "id", "note": "text"},
    "refer": {"product": "text", "to": "label:target", "to_name": "text", "customer": "text",
              "outcome": "label:outcome", "follow_up": "date", "via": "label:via",
              "greet": "id", "lead": "id", "after": "id", "note": "text"},
    "complain": {"level": "label:level", "category": "label:category",
                 "channel": "label:channel", "summary": "text", "remedy": "text",
                 "customer": "text", "steps": "labels:step", "complexity": "label:complexity",
                 "due": "date", "status": "label:status", "resolution": "text",
                 "escalated_to": "text", "follow_up": "date", "note": "text"},
    "note": {"kind": "label:kind", "text": "text", "device": "text", "praise": "bool",
             "fixed": "bool", "note": "text"},
    # ratings read off a counter evaluator: one customer's, or a batch of
    # ``count`` from its daily tally
    "rate": {"result": "label:rating", "count": "int", "window": "text", "teller": "text",
             "reason": "text", "note": "text"},
    # one ticket of a queue machine's export; ``at`` is the time it was taken
    "ticket": {"ticket": "text", "business": "label:purpose", "called": "timestamp",
               "start": "timestamp", "end": "timestamp", "window": "text", "staff": "text",
               "status": "label:ticket-status", "rating": "label:rating", "note": "text"},
    "update": {"ref": "id", "via": "label:via", "outcome": "label:outcome",
               "status": "label:status", "resolution": "text", "fixed": "bool",
               "follow_up": "date", "steps": "labels:step",
               "satisfaction": "label:satisfaction", "note": "text"},
    # a correction: the entry ``ref`` names is left out by every reader (its
    # bytes stay where they are: recording only ever appends)
    "void": {"ref": "id", "reason": "text", "note": "text"},
    # a marketing event outside the branch: customer information collected
    # is a count (the numbers themselves stay out of the journal); each
    # ice-breaker product sold is {"product": text, "sold": int}
    "outreach": {"scene": "label:scene", "venue": "text", "staff": "names", "gifts": "int",
                 "contacts_collected": "int", "icebreakers": "sales", "leads": "int",
                 "note": "text"},
}
# A checklist on which every item had a problem has no ``ok``: the checklist
# commands see to it that each item is either fine or has a problem.
REQUIRED = {
    "open": (),
    "close": (),
    "greet": ("count",),
    "refer": ("product", "outcome"),
    "complain": ("level", "category", "summary", "status"),
    "note": ("kind", "text"),
    "rate": ("result",),
    "ticket": ("ticket", "status"),
    "update": ("ref",),
    "void": ("ref", "reason"),
    "outreach": ("scene", "venue"),
}
# type -> (later, earlier) pairs of its time fields: the later is never
# before the earlier (a ticket is called, served and finished after it was
# taken; finished after its service began), as ``import queue`` and
# ``check`` judge it
TIME_ORDER = {"ticket": (("called", "at"), ("start", "at"), ("end", "at"), ("end", "start"))}
# type -> the most hours its later times may lie after ``at``: a ticket is
# served the day it is taken (a wrong year in one cell would otherwise
# make the month's mean wait run to years)
TIME_SPAN_HOURS = {"ticket": 24}
# The types whose entries readers keep a folded state for.
UPDATABLE = ("refer", "complain", "note")
# What an update may point at: a referral, a complaint, or a note of kind
# fault; other notes have no state that changes.
UPDATE_TARGETS = ("refer", "complain", "fault")


# (type, field) -> what an id field must lead to: an entry recorded before it,
# of one of these targets (``ref_target``).  One table for ``check``, every
# reader and the recording commands.
LINKS = {
    ("update", "ref"): UPDATE_TARGETS,
    ("greet", "lead"): ("outreach",),
    ("greet", "returning"): ("refer",),
    ("refer", "greet"): ("greet",),
    ("refer", "lead"): ("outreach",),
    ("refer", "after"): ("refer",),
}
# type -> its linking fields, in storage order
LINK_FIELDS = {entry_type: tuple(name for (owner, name) in LINKS if owner == entry_type)
               for entry_type in dict.fromkeys(owner for owner, _name in LINKS)}
# every id field that must lead back in time: the links, and a void's ref
# (whose target may be of any type but a void: check/refs.py judges it)
BACK_FIELDS = {**LINK_FIELDS, "void": ("ref",)}
# every target a link may lead to
LINK_TARGETS = frozenset(target for targets in LINKS.values() for target in targets)


def ref_target(entry):
    """What a link may call ``entry``: ``fault`` for a note of kind fault,
    else its type (None for anything else a link can never lead to)."""
    kind = entry.get("type")
    if kind == "note":
        return "fault" if entry.get("kind") == "fault" else "note"
    return kind if isinstance(kind, str) else None


def update_target(entry):
    """``refer``, ``complain`` or ``fault`` for an entry an update may point at, else None."""
    kind = entry.get("type")
    if kind in ("refer", "complain"):
        return kind
    if kind == "note" and entry.get("kind") == "fault":
        return "fault"
    return None


class Vocabulary:
    """One enumerated field's keys and labels; resolves what a user typed."""

    def __init__(self, name, labels):
        self.name = name
        self.labels = dict(labels)

    def keys(self):
        return list(self.labels)

    def label(self, key, lang="zh"):
        pair = self.labels.get(key)
        if pair is None:
            return key
        return pair[0] if lang == "zh" else pair[1]

    def resolve(self, typed, option=None):
        """The key for what a user typed: the key itself or either label,
        case-insensitively; anything else is a usage problem listing the valid keys."""
        wanted = typed.strip().casefold()
        for key, (zh, en) in self.labels.items():
            if wanted in (key.casefold(), zh.casefold(), en.casefold()):
                return key
        from lobbyctl.schema.text.messages import problem

        valid = ", ".join(f"{key} ({zh})" for key, (zh, _en) in self.labels.items())
        where = f"{option}: " if option else ""
        raise problem(UsageProblem, "unknown_label", where=where, name=self.name, typed=typed,
                      valid=valid)

    def ordered(self, keys):
        """``keys`` in this vocabulary's order, each once (handling steps are
        stored in the order the domain prescribes, whatever order they were typed)."""
        wanted = set(keys)
        return [key for key in self.labels if key in wanted]

    def extended(self, extra):
        """A copy with a journal's extra keys: ``{key: "中文"}`` or ``{key: [zh, en]}``."""
        labels = dict(self.labels)
        for key, names in (extra or {}).items():
            if isinstance(names, (list, tuple)) and len(names) == 2:
                labels[str(key)] = (str(names[0]), str(names[1]))
            else:
                labels[str(key)] = (str(names), str(key))
        return Vocabulary(self.name, labels)


def vocabulary(name, config=None):
    """The vocabulary ``name``, with the journal config's additions if any."""
    base = Vocabulary(name, LABELS[name])
    if config is not None:
        extra = config.extra_vocabulary(name)
        if extra:
            return base.extended(extra)
    return base


def label(name, key, lang="zh", config=None):
    """The label of ``key`` in vocabulary ``name``, with a journal's own
    labels when its ``config`` is given (``purpose: {pension: 养老金}``); an
    unknown key shows as itself."""
    pair = LABELS.get(name, {}).get(key)
    if pair is None and config is not None and name in LABELS and isinstance(key, str):
        extra = config.extra_vocabulary(name)
        if extra and key in extra:
            pair = Vocabulary(name, {}).extended({key: extra[key]}).labels[key]
    if pair is None:
        return str(key)
    return pair[0] if lang == "zh" else pair[1]
