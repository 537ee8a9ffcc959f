"""A small fixed journal for the report tests, recorded through the CLI.

Late September leaves things open into October (a formal complaint that falls
overdue, a referral whose follow-up date passes, a fault fixed on 2 October);
October has two busy days, follow-ups on later days, and a greeting at 23:30
on the 31st; November has one greeting just after midnight.  Every figure the
report tests assert is worked out by hand in ``EXPECTED``.

Entry ids are random, so ``normalise`` replaces each with its day and the
name it was recorded under (same width: tables keep their alignment)."""

import re

from conftest import Run

MANAGERS = ("王芳", "李强")

# name -> arguments; names are six characters so a normalised id keeps 13
STEPS = [
    # --- September: still open when October begins
    ("compl0", ["complain", "--at", "2026-09-20T10:00", "--level", "complaint",
                "--category", "waiting", "--summary", "排队一小时无人引导", "--customer", "赵女士",
                "--step", "calm"]),
    ("refer0", ["refer", "--at", "2026-09-25T11:00", "--product", "大额存单", "--to", "self",
                "--customer", "钱先生", "--follow-up", "2026-10-08", "--via", "phone"]),
    ("fault0", ["note", "--at", "2026-09-28T09:00", "fault", "存折补登机不出纸",
                "--device", "补登机"]),
    ("upd-f0", ["update", "FAULT0", "--at", "2026-10-02T09:30", "--fixed",
                "--resolution", "更换打印模块"]),
    # --- 2026-10-15, Thursday
    ("open15", ["open", "--at", "2026-10-15T08:40", "--ok", "--staff", "李娜", "--staff", "保安老周",
                "--problem", "materials", "理财宣传册缺货"]),
    ("greet1", ["greet", "--at", "2026-10-15T09:10", "--count", "3", "--segment", "regular",
                "--purpose", "deposit", "--route", "self-service", "--wait", "4",
                "--assist", "device"]),
    ("greet2", ["greet", "--at", "2026-10-15T09:40", "--segment", "high", "--potential", "--new",
                "--purpose", "wealth", "--route", "wealth-manager", "--customer", "张先生",
                "--note", "想了解养老理财"]),
    ("greet3", ["greet", "--at", "2026-10-15T10:05", "--count", "2", "--segment", "regular",
                "--group", "elderly", "--purpose", "withdrawal", "--route", "counter",
                "--wait", "12"]),
    ("greet4", ["greet", "--at", "2026-10-15T10:20", "--segment", "mid", "--purpose", "transfer",
                "--route", "e-banking", "--wait", "20"]),
    ("refer1", ["refer", "--at", "2026-10-15T09:45", "--product", "养老理财",
                "--to", "wealth-manager", "--to-name", "陈静", "--customer", "张先生",
                "--follow-up", "2026-10-17", "--via", "phone"]),
    ("refer2", ["refer", "--at", "2026-10-15T10:30", "--product", "信用卡",
                "--to", "customer-manager", "--customer", "孙女士", "--follow-up", "2026-10-20",
                "--via", "sms"]),
    ("compl1", ["complain", "--at", "2026-10-15T10:40", "--category", "attitude",
                "--summary", "柜员语气生硬", "--step", "calm", "--step", "apologise",
                "--step", "resolve", "--resolved", "当场致歉，客户接受"]),
    ("compl2", ["complain", "--at", "2026-10-15T11:00", "--level", "complaint",
                "--category", "facilities", "--summary", "自助机吞卡", "--customer", "周先生",
                "--step", "calm", "--step", "explore"]),
    ("upd-c0", ["update", "COMPL0", "--at", "2026-10-15T11:30", "--via", "phone",
                "--note", "告知正在核查"]),
    ("fault1", ["note", "--at", "2026-10-15T11:10", "fault", "取号机卡纸", "--device", "2号取号机"]),
    ("hygien", ["note", "--at", "2026-10-15T12:00", "hygiene", "休息区地面有水渍，已清理"]),
    ("teller", ["note", "--at", "2026-10-15T14:00", "teller", "提醒3号窗口柜员使用规范用语"]),
    ("opinio", ["note", "--at", "2026-10-15T15:00", "opinion", "希望增加周末理财咨询",
                "--praise"]),
    ("clos15", ["close", "--at", "2026-10-15T17:30", "--ok", "--remarks", "上午客流集中，理财咨询较多"]),
    # --- 2026-10-16, Friday (李强 on duty; opened but never closed)
    ("open16", ["open", "--at", "2026-10-16T08:35", "--ok", "--by", "李强"]),
    ("greet5", ["greet", "--at", "2026-10-16T09:15", "--count", "4", "--segment", "regular",
                "--purpose", "payment", "--route", "self-service", "--wait", "2", "--by", "李强"]),
    ("greet6", ["greet", "--at", "2026-10-16T14:00", "--purpose", "inquiry", "--by", "李强"]),
    ("upd-r1", ["update", "REFER1", "--at", "2026-10-16T10:00", "--via", "phone",
                "--outcome", "accepted", "--by", "李强"]),
    ("refer3", ["refer", "--at", "2026-10-16T10:30", "--product", "养老理财",
                "--to", "wealth-manager", "--outcome", "accepted", "--by", "李强"]),
    ("refer4", ["refer", "--at", "2026-10-16T11:00", "--product", "基金定投",
                "--to", "wealth-manager", "--follow-up", "2026-10-25", "--by", "李强"]),
    ("compl3", ["complain", "--at", "2026-10-16T11:30", "--level", "complaint",
                "--category", "process", "--summary", "开户材料要求反复变化",
                "--escalate-to", "网点主任", "--by", "李强"]),
    ("fault2", ["note", "--at", "2026-10-16T13:00", "fault", "叫号屏不亮", "--device", "叫号屏",
                "--fixed", "--by", "李强"]),
    ("hazard", ["note", "--at", "2026-10-16T15:00", "hazard", "门口台阶破损", "--by", "李强"]),
    ("fraudx", ["note", "--at", "2026-10-16T15:30", "fraud", "劝阻老人向安全账户转账",
                "--by", "李强"]),
    # --- later days of October: follow-ups only, and the month's last half hour
    ("upd-r2", ["update", "REFER2", "--at", "2026-10-20T10:00", "--via", "phone",
                "--outcome", "declined"]),
    ("upd-c2", ["update", "COMPL2", "--at", "2026-10-20T15:00", "--status", "resolved",
                "--step", "follow-up", "--resolution", "已退卡并致歉"]),
    ("greet7", ["greet", "--at", "2026-10-31T23:30", "--route", "counter"]),
    # --- November: not October's
    ("greet8", ["greet", "--at", "2026-11-01T00:10", "--count", "5", "--route", "self-service"]),
]

# Worked out by hand from STEPS (October 2026, as of the 31st).
EXPECTED = {
    # 3 + 1 + 2 + 1 on the 15th, 4 + 1 on the 16th, 1 at 23:30 on the 31st
    "customers": 13,
    # self-service 3 + 4, wealth manager 1, e-banking 1
    "diverted": 9,
    # waits per customer: 2 ×4, 4 ×3, 12 ×2, 20 ×1 -> n 10, median (4+4)/2, p90 the 9th = 12
    "wait_recorded": 10, "wait_median": 4, "wait_p90": 12, "wait_within": 0.7, "wait_max": 20,
    # refer1 accepted on the 16th, refer2 declined on the 20th, refer3 accepted, refer4 pending
    "made": 4, "accepted": 2, "declined": 1, "pending": 1,
    "follow_ups_done": 2,  # the updates of refer1 and refer2
    # refer0 (due 10-08) and refer4 (due 10-25) still pending on the 31st
    "pending_late": 2,
    # compl1 grumble resolved on the spot; compl2 resolved 5 days later; compl3 escalated, open
    "complaints": 3, "grumbles": 1, "formal": 2, "on_the_spot": 1, "escalated": 1,
    "still_open": 1, "median_close": 2.5,
    # compl0: received 09-20, due 10-05, open on 10-31 -> 26 days; compl3 due 10-31 is not past
    "overdue": 1, "overdue_days": 26,
    # fault0 carried over and fixed 10-02, fault1 open 16 days, fault2 fixed on the spot
    "faults_reported": 2, "carried_over": 1, "faults_fixed": 2, "faults_open": 1,
    # days with any entry: 10-02, 10-15, 10-16, 10-20, 10-31
    "business_days": 5, "opened_fine": 1, "closed_fine": 1, "missing_open": 3,
    "missing_close": 4,
}


def build(root):
    """Record ``STEPS`` into a new journal at ``root``; returns {name: id}."""
    run = Run(root)
    result = run("init", "--branch-code", "0101", "--branch-name", "城东支行",
                 "--manager", MANAGERS[0], "--manager", MANAGERS[1])
    assert result.exit_code == 0, result.stderr
    ids = {}
    for name, args in STEPS:
        # an update names its original by the id it was given
        args = [ids.get(arg.lower(), arg) if arg.isupper() else arg for arg in args]
        result = run(*args)
        assert result.exit_code == 0, (name, result.stderr)
        ids[name] = result.stdout.strip()
    return ids


def normalise(text, ids):
    """Report text with each random id replaced by its day and step name."""
    names = {entry_id: name for name, entry_id in ids.items()}

    def replace(match):
        name = names.get(match.group(0))
        return match.group(0)[:7] + name if name else match.group(0)

    return re.sub(r"\b\d{6}-[0-9a-z]{6}\b", replace, text)
