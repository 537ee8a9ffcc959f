"""A deterministic generator of realistic lobby journals.

``generate(root, start, end, seed=..., busyness=...)`` creates a journal at
``root`` with ``lobbyctl.domain.setup.create_journal`` and writes one day file for
every business day from ``start`` to ``end`` (inclusive), then, up to
``followups_until``, only the follow-up ``update`` entries that fall due after
``end``.  Each entry is built exactly as the recording commands build it (keys
in ``vocab.FIELDS`` order after id/type/at/by, no empty values, booleans only
when true except ``new``, free text through ``mask_text``) and written as one
canonical ``dump_entry`` line, in time order.

Everything comes from one ``random.Random(seed)``: the same arguments give the
same bytes on every run and machine (no clock, no ``secrets``).  Ids have the
``ids.py`` form, ``YYMMDD-`` plus six characters of its alphabet drawn from
the seeded generator, unique within their day (so across the journal).

``busyness`` is the number of greet entries on an ordinary weekday
(Tuesday to Thursday); Mondays and the days around month end are busier,
weekends quieter, and ``special`` may set a day's factor (0 closes the
branch: no file that day, follow-ups move to the next open day).

Used by ``make_sample.py`` (the committed ``journal/``),
``make_bench_journals.py`` (the ``make bench`` journals) and the tests.
"""

import datetime
import math
import os
import random
from collections import Counter

from lobbyctl.schema import vocab
from lobbyctl.schema.ids import ALPHABET
from lobbyctl.store.lines import dump_entry
from lobbyctl.schema.text.privacy import mask_text
from lobbyctl.domain.setup import create_journal

BRANCH_CODE = "0101"
BRANCH_NAME = "城东支行"
MANAGERS = ("王芳", "李强")
TIMEZONE = "Asia/Shanghai"
UTC_OFFSET = "+08:00"  # Asia/Shanghai has kept +08:00 since 1991
PRODUCTS = ("养老理财", "大额存单", "信用卡", "手机银行", "基金定投", "个人消费贷",
            "储蓄国债", "个人养老金账户")

# The branch's people (the lobby manager's colleagues and helpers).
HEAD = "赵建国"
TELLERS = ("陈静", "刘洋", "周婷", "吴磊", "黄丽娟")
WEALTH_MANAGER = "孙丽"
CUSTOMER_MANAGER = "马超"
OPEN_COUNTER_MANAGER = "林晓燕"
GREETER = "郑小雨"
GUARDS = ("何勇", "罗海")

_BOOL_KEEP_FALSE = {"new"}
_FIELD_KINDS = vocab.FIELDS
_FIELD_ORDER = {etype: tuple(fields) for etype, fields in vocab.FIELDS.items()}
_TEXT_FIELDS = {etype: {name for name, kind in fields.items() if kind == "text"}
                for etype, fields in vocab.FIELDS.items()}

# Half-hour slots from 09:00 to 16:30 and their share of the day's arrivals:
# the mid-morning (10-11) and early-afternoon (14-15) peaks, a lunch dip.
SLOT_WEIGHTS = (0.75, 1.0, 1.5, 1.6, 1.2, 0.9, 0.6, 0.55,
                0.8, 1.0, 1.45, 1.4, 1.1, 0.9, 0.7, 0.5)
OPEN_SECONDS = 9 * 3600
SLOT_SECONDS = 1800

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"

PURPOSES = ("deposit", "withdrawal", "transfer", "account", "card", "loan", "wealth",
            "payment", "fx", "loss-report", "inquiry", "other")
PURPOSE_WEIGHTS = (12, 12, 14, 6, 10, 4, 10, 8, 1, 3, 15, 5)
ELDERLY_PURPOSE_WEIGHTS = (20, 18, 6, 2, 5, 1, 14, 12, 0.3, 4, 14, 4)
ROUTES = {
    "deposit": (("counter", 45), ("self-service", 45), ("open-counter", 5), ("e-banking", 5)),
    "withdrawal": (("self-service", 55), ("counter", 40), ("e-banking", 5)),
    "transfer": (("e-banking", 35), ("self-service", 35), ("counter", 25), ("open-counter", 5)),
    "account": (("open-counter", 55), ("counter", 40), ("other-branch", 5)),
    "card": (("open-counter", 45), ("self-service", 30), ("counter", 25)),
    "loan": (("customer-manager", 85), ("other-branch", 15)),
    "wealth": (("wealth-manager", 70), ("e-banking", 15), ("counter", 15)),
    "payment": (("self-service", 45), ("e-banking", 40), ("counter", 15)),
    "fx": (("counter", 60), ("other-branch", 40)),
    "loss-report": (("counter", 50), ("open-counter", 30), ("e-banking", 20)),
    "inquiry": (("none", 55), ("e-banking", 15), ("wealth-manager", 10),
                ("customer-manager", 10), ("counter", 10)),
    "other": (("none", 40), ("counter", 40), ("open-counter", 20)),
}
_ROUTE_TABLE = {purpose: ([r for r, _ in pairs], [w for _, w in pairs])
                for purpose, pairs in ROUTES.items()}

GREET_NOTES = {
    "elderly-counter": ("老人坚持柜台办理，已安排爱心窗口优先叫号", "老人视力不好，协助填写凭条",
                        "老人的子女陪同办理，已提醒注意保管存折", "老人等候时安排在休息区就座"),
    "elderly-machine": ("老人不会使用手机银行，现场协助下载并完成注册", "老人来领养老金，已引导至自助设备并陪同操作",
                        "老人担心自助设备出错，引领员全程陪同操作"),
    "elderly": ("老人询问存款利率，已耐心讲解", "老人来问养老金到账时间，已告知"),
    "disabled": ("客户坐轮椅，已开启无障碍通道并优先叫号", "听障客户，使用手写板沟通，已协助办理"),
    "foreign": ("外籍客户兑换外币，本网点暂不办理该币种，已指引至分行营业部",
                "外籍客户开户，已协助核对护照及居留许可"),
    "wealth": ("客户有一笔定期下月到期，对养老理财感兴趣", "客户询问大额存单利率，已介绍当期产品",
               "客户想了解基金定投，已引荐理财经理", "客户留电话{phone}，希望新一期理财产品发售时通知"),
    "loan": ("客户咨询个人消费贷额度和利率，已引荐客户经理", "客户咨询装修贷款所需材料"),
    "card": ("客户信用卡额度调整，已引导至手机银行办理", "客户换领社保卡，已告知所需材料"),
    "account": ("客户忘带身份证，已告知所需材料，客户改日再来", "代他人开户需本人到场，已向客户解释"),
    "inquiry": ("客户询问网点周末营业时间", "客户询问个人养老金账户政策", "客户咨询手机银行转账限额"),
    "transfer": ("客户对收款人身份存疑，已提醒防范电信诈骗", "客户跨行转账，已引导使用手机银行免手续费"),
    "deposit": ("客户存入大额现金，已提醒提前预约", "客户想存定期，已介绍大额存单"),
    "withdrawal": ("客户大额取现未预约，已协助登记次日取款", "引导客户在自助设备小额取现"),
    "payment": ("客户缴纳水电燃气费，已引导使用手机银行自动缴费", "客户缴纳社保费，已引导至自助缴费机"),
    "fx": ("客户购汇用于留学，已告知所需材料", "本网点暂不办理该币种兑换，已指引至分行营业部"),
    "loss-report": ("客户银行卡丢失，已协助先通过手机银行临时挂失", "客户存折遗失，已告知需本人持身份证办理正式挂失"),
    "other": ("客户找零钱兑换，已安排柜台办理", "客户来取遗失的银行卡，已转柜台核实身份"),
}

CUSTOMER_TITLES = ("先生", "女士")
ELDER_TITLES = ("大爷", "阿姨", "先生", "女士")

REFER_NOTES = {
    "养老理财": ("客户定期存款即将到期，对稳健型养老理财感兴趣", "客户关注养老理财的封闭期和风险等级"),
    "大额存单": ("客户有闲置资金，偏好保本产品", "客户比较了几家银行的大额存单利率"),
    "信用卡": ("客户近期有装修支出，可办理分期", "客户首次办卡，已介绍新户礼活动"),
    "手机银行": ("客户每月来网点缴费，建议改用手机银行", "客户担心手机银行安全，已演示安全设置"),
    "基金定投": ("客户希望每月小额投资，已介绍定投计划", "客户风险测评为稳健型，推荐指数定投"),
    "个人消费贷": ("客户有购车计划，咨询消费贷额度", "客户为公积金缴存客户，可享优惠利率"),
    "储蓄国债": ("客户询问本期储蓄国债发行时间", "老年客户偏好国债，已登记预约"),
    "个人养老金账户": ("客户了解个人养老金税收优惠政策", "客户单位尚未统一开户，客户自行开立"),
}
PRODUCT_TARGETS = {
    "养老理财": ("wealth-manager",), "大额存单": ("wealth-manager", "teller"),
    "信用卡": ("customer-manager", "self"), "手机银行": ("self", "teller"),
    "基金定投": ("wealth-manager",), "个人消费贷": ("customer-manager",),
    "储蓄国债": ("teller", "wealth-manager"), "个人养老金账户": ("wealth-manager", "self"),
}
PRODUCTS_BY_PURPOSE = {
    "wealth": ("养老理财", "大额存单", "基金定投", "储蓄国债", "个人养老金账户"),
    "deposit": ("大额存单", "养老理财", "储蓄国债", "手机银行"),
    "loan": ("个人消费贷", "信用卡"), "card": ("信用卡", "手机银行"),
    "transfer": ("手机银行",), "payment": ("手机银行",), "inquiry": PRODUCTS,
}

REFER_FOLLOW_NOTES = {
    ("phone", "accepted"): ("电话回访，客户已来网点办理", "电话回访，客户已通过手机银行自行购买"),
    ("phone", "declined"): ("电话回访，客户表示暂不考虑", "电话回访，客户已在他行办理类似产品",
                            "电话回访，客户认为收益不及预期，暂不办理"),
    ("phone", "pending"): ("电话未接通，改日再联系", "电话联系，客户表示需和家人商量，下周再联系",
                           "电话联系，客户资金下周到账后再考虑"),
    ("sms", "accepted"): ("已发送产品说明短信，客户回复后来网点办理",),
    ("sms", "declined"): ("短信发送后客户回复暂不需要", "短信发送后客户未回复，电话联系表示不需要"),
    ("sms", "pending"): ("已发送产品说明短信，待客户回复", "短信未获回复，改日电话联系"),
    ("visit", "accepted"): ("客户经理上门拜访，客户已签约", "客户如约来网点，已完成办理"),
    ("visit", "declined"): ("上门拜访，客户表示暂不考虑",),
    ("visit", "pending"): ("客户临时有事，约定改日面谈", "面谈后客户需要考虑几天"),
}

GRUMBLES = (
    ("waiting", "客户排队等候时间较长，情绪不满", ("安排客户到开放式柜台优先办理", "增开一个窗口，客户表示理解",
                                          "引导客户使用自助设备办理，节省等候时间")),
    ("waiting", "客户抱怨叫号顺序不合理，VIP客户插队", ("解释VIP窗口与普通窗口分开叫号，客户表示理解",)),
    ("fees", "客户对跨行转账手续费有疑问", ("引导客户开通手机银行，线上转账免手续费",
                                   "已解释收费依据，客户表示理解")),
    ("fees", "客户对小额账户管理费不满", ("已解释收费标准，并协助客户办理免收申请",)),
    ("process", "客户认为办理挂失手续繁琐", ("耐心解释挂失规定并协助填单，客户表示理解",)),
    ("process", "代办业务需提供委托书，客户不满", ("解释代办规定是为了保护存款人资金安全，客户表示理解",)),
    ("facilities", "自助存取款机排队人多，部分设备暂停服务", ("引导客户至另一台设备办理",
                                               "协助客户在智能柜员机办理")),
    ("facilities", "休息区座位不够，客户站着等候", ("为客户调来备用座椅并送上温水",)),
    ("attitude", "客户认为柜员解释不耐心", ("当场向客户致歉，并由大堂经理重新解释业务规定",)),
    ("marketing", "客户反感办理存款时被推荐其他产品", ("向客户致歉，已提醒相关人员注意营销方式",)),
    ("other", "停车位紧张，客户抱怨停车不便", ("告知附近公共停车场位置，客户表示理解",)),
)
COMPLAINTS = (
    ("attitude", "on-site", "客户反映{window}号窗口柜员态度生硬，解释业务不耐心", "要求柜员当面道歉"),
    ("attitude", "on-site", "客户称理财经理讲解产品时敷衍了事", "要求更换理财经理"),
    ("facilities", "self-service", "客户在自助存款机存款后账户未入账", "要求尽快核实并入账"),
    ("facilities", "electronic", "手机银行转账显示失败但资金已扣除", "要求说明原因并退还资金"),
    ("process", "on-site", "客户为老人代办业务被拒，认为规定不合理", "要求简化代办手续"),
    ("process", "on-site", "客户办理销户等待超过一小时", "要求说明原因并改进"),
    ("marketing", "on-site", "客户称办理存款时被误导购买保险产品", "要求全额退保"),
    ("disclosure", "on-site", "客户认为购买理财产品时风险揭示不充分", "要求赔偿损失"),
    ("returns", "electronic", "客户购买的理财产品实际收益低于业绩比较基准", "要求解释收益计算方式"),
    ("choice", "on-site", "客户反映办理信用卡时被要求捆绑开通其他业务", "要求取消捆绑业务"),
    ("contract", "on-site", "客户对贷款合同中提前还款违约金条款有异议", "要求免除违约金"),
    ("funds", "electronic", "客户账户出现一笔不明扣款", "要求说明扣款原因并退款"),
    ("data", "third-party", "客户称在本行办理业务后频繁接到推销电话，怀疑信息泄露", "要求调查信息泄露原因"),
    ("fees", "on-site", "客户对账户短信通知服务费有异议", "要求退还已收费用"),
    ("waiting", "third-party", "客户通过12378热线投诉网点排队时间过长", "要求增开窗口"),
    ("other", "other", "客户投诉网点门前施工影响出入", "要求设置安全通道"),
)
COMPLAINT_RESOLUTIONS = {
    "attitude": ("网点主任约谈当事柜员，已向客户当面致歉，客户表示接受", "已更换服务人员并向客户致歉，客户满意"),
    "facilities": ("经核查为设备故障导致，款项已于次日入账，客户认可", "经核实为系统延迟，资金已退回原账户"),
    "process": ("已向客户解释相关规定，并开通预约服务，客户表示理解", "网点优化流程，安排专人协助，客户接受处理结果"),
    "marketing": ("经核实后为客户办理犹豫期内退保，客户满意", "已对相关人员进行批评教育，客户接受道歉"),
    "disclosure": ("调阅双录资料并向客户说明，客户接受处理结果", "已补充风险揭示说明，客户表示理解"),
    "returns": ("理财经理上门解释收益计算方式，客户表示理解",),
    "choice": ("已为客户取消捆绑开通的业务，客户满意",),
    "contract": ("经分行审批减免部分违约金，客户接受",),
    "funds": ("经核查为客户本人签约的自动扣费，已协助解约，客户认可", "经核查为商户重复扣款，已协调退款"),
    "data": ("经排查未发现本行信息泄露，已向客户说明并协助登记拒接营销电话", ),
    "fees": ("已按规定为客户退还相关费用，客户满意", "已解释收费依据并为客户取消该服务"),
    "waiting": ("网点高峰时段增开弹性窗口，已回复客户", ),
    "other": ("已协调施工方设置安全通道，客户满意",),
}
ESCALATE_TO = ("网点主任赵建国", "支行个人金融部", "分行消费者权益保护部")

FAULTS = (
    ("1号ATM", ("吞卡", "无法吐钞", "屏幕黑屏", "凭条打印机卡纸")),
    ("2号ATM", ("读卡器故障", "钞箱将空，无法取款", "密码键盘按键失灵")),
    ("3号ATM", ("吞卡", "屏幕无响应", "存款模块故障")),
    ("存取款一体机", ("点钞模块卡钞", "存款后凭条无法打印")),
    ("智能柜员机", ("身份证读卡器无法识别", "系统反复重启", "签字板无反应")),
    ("自助发卡机", ("卡片用完，无法发卡", "制卡失败")),
    ("叫号机", ("打印纸卡纸", "触摸屏失灵", "无法出号")),
    ("排队叫号显示屏", ("部分区域不显示", "叫号无声音")),
    ("填单台打印机", ("无法打印", "卡纸")),
    ("自助缴费机", ("缴费后无凭条", "网络中断")),
    ("{window}号窗口评价器", ("无法评价", "屏幕不亮")),
    ("自助银行门禁", ("刷卡无法开门", "门无法关闭")),
    ("大堂空调", ("不制冷", "漏水")),
)
FAULT_FIX_NOTES = ("厂家工程师已上门维修，恢复正常", "更换配件后恢复正常", "科技部远程处理后恢复",
                   "维修人员更换读卡器模块，测试正常", "重新装纸并校准后恢复正常")
NOTES = {
    "hygiene": ("休息区地面有水渍，已通知保洁处理", "自助区垃圾桶已满，已通知保洁清理", "填单台有废弃凭条，已整理",
                "卫生间纸巾用完，已补充", "大堂绿植叶片积灰，已安排擦拭", "午间巡视大堂卫生，整洁"),
    "hygiene-rain": ("雨天门口放置防滑垫和伞套机", "雨天地面湿滑，已安排保洁加强拖地频次"),
    "hazard": ("大堂地面湿滑，已放置小心地滑提示牌", "自助银行门禁故障，门无法关闭，已告知保安加强巡视",
               "门口台阶一块瓷砖松动，已设置警示并报物业维修", "发现有人在自助区长时间逗留，已提醒保安关注",
               "消防通道有纸箱堆放，已清理", "插线板超负荷使用，已拔除部分电器"),
    "fraud": ("老人被冒充公检法要求转账，已劝阻并报警", "客户称接到自称快递理赔客服的电话，要求开通屏幕共享，已劝阻并协助修改密码",
              "年轻客户称网上兼职刷单需垫付资金，已劝阻，告知为刷单诈骗",
              "老年客户称孙子出事急需用钱，经电话核实（家属电话{phone}）为诈骗，已劝阻",
              "客户欲向所谓安全账户转账，经劝阻后未办理，已联系其女儿（{phone}）",
              "客户称投资导师让其转账至陌生账户，已劝阻并报反诈中心"),
    "teller": ("提醒{window}号窗口柜员使用文明用语", "柜员离柜未放置暂停服务牌，已提示", "提醒柜员办理业务后提示客户对服务进行评价",
               "提醒{window}号窗口柜员桌面物品摆放整齐", "提醒柜员高峰时段加快业务办理速度", "{window}号窗口柜员未起身迎客，已提醒"),
    "opinion": ("客户建议休息区增加老花镜", "客户反映手机银行转账限额设置太低", "客户建议增加一台智能柜员机",
                "客户建议网点延长周末营业时间", "客户反映叫号广播声音太小", "客户建议在自助区张贴操作指南",
                "客户希望理财产品到期前短信提醒，留电话{phone}"),
    "praise": ("客户表扬{window}号窗口柜员{teller}业务熟练、态度热情", "客户表扬引领员{greeter}耐心协助老人办理业务",
               "客户送来感谢信，感谢网点帮助拦截诈骗", "客户表扬理财经理{wealth}讲解专业、细致"),
    "materials": ("补充存款凭条和取款凭条", "补充个人开户申请书", "更新理财产品宣传折页", "整理填单台的各类凭证",
                  "补充反诈宣传资料", "更新存款利率公告", "补充个人养老金宣传单页"),
    "care": ("为等候较久的老年客户送上温水", "为带小孩的客户提供儿童座椅", "雨天为客户提供雨伞套",
             "对等候超过20分钟的客户致歉并送上报刊", "协助行动不便的老人就座", "为排队客户发放号码提示"),
    "staff": ("安排引领员{greeter}在自助区辅导老年客户使用自助设备", "提醒保安{guard}午间加强门口巡视",
              "高峰时段安排引领员在叫号机旁协助取号", "提醒保安{guard}注意运钞时段警戒",
              "安排引领员{greeter}向等候客户宣传手机银行"),
    "other": ("网点主任{head}巡视大堂", "分行检查组来网点检查服务规范", "接到通知明日系统升级，提前告知客户"),
}
OPEN_PROBLEMS = {
    "appearance": ("引领员未佩戴工牌，已提醒", "保安制服不整洁，已提醒更换"),
    "facilities": ("叫号机打印纸用完，已更换", "2号填单台签字笔缺失，已补齐", "自助区1号存取款机屏幕无响应，已报修",
                   "评价器电量不足，已充电"),
    "materials": ("开户申请书余量不足，已补充", "理财宣传折页为上季度版本，已撤换"),
    "notices": ("利率公告牌未更新，已通知运营主管更新", "过期的信用卡活动海报已撤下"),
}
CLOSE_PROBLEMS = {
    "cleaning": ("休息区地毯有污渍，已通知保洁明早处理", "自助区玻璃门有手印，明早清洁"),
    "equipment": ("{device}故障尚未修复，已张贴暂停服务提示", "大堂电视机遥控器找不到，已断开电源"),
    "log": ("下午一起投诉的处理结果待补充", "部分推荐的跟进日期待与理财经理确认"),
}
REMARKS = ("今日客流高峰在{peak}点，自助设备分流效果好", "今日接待客户{customers}人次，高峰在{peak}点前后",
           "{peak}点前后柜台等候时间偏长，建议高峰时段增开窗口", "老年客户较多，引领员协助使用自助设备效果明显",
           "今日分流至自助和电子渠道的客户较多，柜台压力不大", "今日营销推荐{refers}次，需按时跟进",
           "今日客流平稳，服务秩序良好")


# Outreach (场外营销): venues by scene, ice-breaker products (破冰产品) and
# what a customer brought in is offered next.
OUTREACH_VENUES = {
    "community": ("阳光社区活动中心", "幸福里社区广场", "东湖花园小区门口"),
    "enterprise": ("城东工业园职工食堂", "华信科技公司会议室"),
    "market": ("城东农贸市场", "万达广场一楼中庭"),
    "school": ("城东第一中学家长会", "职业技术学院迎新点"),
    "village": ("李家村村委会", "王庄集市"),
    "event": ("重阳节敬老活动", "反诈宣传进社区活动"),
}
ICEBREAKERS = ("社保卡", "手机银行", "借记卡", "水电燃气代扣")
ICEBREAKER_FOLLOW_ONS = ("手机银行", "信用卡", "大额存单", "养老理财")
SECOND_PRODUCTS = ("信用卡", "手机银行", "基金定投", "大额存单", "储蓄国债", "个人养老金账户")
SATISFACTION_NOTES = ("电话回访，客户对办理过程满意", "客户表示产品说明清楚",
                      "客户希望到期前提醒", "客户对等候时间略有意见")
CHAIN_CONTACT_NOTES = ("电话问候，了解客户近期资金安排", "短信告知新一期产品发售时间",
                       "客户有子女教育金需求，约下周来网点详谈")
RETURN_NOTES = ("老客户再次来网点，办理新的产品", "客户按约来网点详谈", "客户带家人来了解产品")


class Stats:
    """What ``generate`` wrote."""

    def __init__(self):
        self.entries = 0
        self.files = 0
        self.bytes = 0
        self.by_type = Counter()
        self.masked = 0

    def __repr__(self):
        return (f"Stats(entries={self.entries}, files={self.files}, bytes={self.bytes}, "
                f"by_type={dict(self.by_type)})")


def day_factor(day):
    """How busy ``day`` is compared with an ordinary weekday."""
    weekday = day.weekday()
    factor = (1.3, 1.0, 0.95, 1.0, 1.1, 0.5, 0.4)[weekday]
    next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    days_to_end = (next_month - day).days
    if days_to_end <= 2 or day.day <= 2:  # salaries, pensions, bills around month end
        factor *= 1.2
    return factor


class _Generator:
    def __init__(self, root, seed, busyness, special):
        self.root = root
        self.rng = random.Random(seed)
        self.busyness = busyness
        self.special = dict(special or {})
        self.stats = Stats()
        self.tasks = {}  # date -> [(kind, data)] of follow-ups due that day
        self.left_open = Counter()  # (year, month) -> complaints left open past due

    # -- small helpers -------------------------------------------------------
    def poisson(self, lam):
        if lam <= 0:
            return 0
        limit, k, p = math.exp(-lam), 0, self.rng.random()
        while p > limit:
            k += 1
            p *= self.rng.random()
        return k

    def phone(self):
        rng = self.rng
        style = rng.random()
        if style < 0.15:
            return f"010-{rng.choice('68')}{rng.randrange(1000000):07d}"
        prefix = "1" + rng.choice("3333555788889") + str(rng.randrange(10))
        middle, last = f"{rng.randrange(10000):04d}", f"{rng.randrange(10000):04d}"
        if style < 0.55:
            return prefix + middle + last
        if style < 0.85:
            return f"{prefix}-{middle}-{last}"
        return f"+86 {prefix} {middle} {last}"

    def customer(self, elderly=False, phone=0.0, rng=None):
        rng = rng or self.rng
        title = rng.choice(ELDER_TITLES if elderly else CUSTOMER_TITLES)
        label = rng.choice(SURNAMES) + title
        if rng.random() < phone:
            label += rng.choice(("，电话", " ", "（手机", "，联系电话")) + self.phone()
            if "（" in label:
                label += "）"
        return label

    def fill(self, template):
        if "{" not in template:
            return template
        rng = self.rng
        return template.format(phone=self.phone(), window=rng.randrange(1, 7),
                               teller=rng.choice(TELLERS), greeter=GREETER,
                               guard=rng.choice(GUARDS), wealth=WEALTH_MANAGER, head=HEAD)

    def schedule(self, day, kind, data):
        self.tasks.setdefault(day, []).append((kind, data))

    # -- one day -------------------------------------------------------------
    def new_day(self, day, by):
        self.day = day
        self.by = by
        self.prefix = day.strftime("%y%m%d") + "-"
        self.date_text = day.isoformat() + "T"
        self.taken = set()
        self.entries = []

    def make(self, etype, seconds, fields, rng=None):
        """One entry as the recording commands write it, at ``seconds`` after
        midnight; its id drawn from ``rng`` (default the journal's)."""
        rng = rng or self.rng
        while True:
            bits = rng.getrandbits(30)
            suffix = "".join(ALPHABET[(bits >> shift) & 31] for shift in (25, 20, 15, 10, 5, 0))
            entry_id = self.prefix + suffix
            if entry_id not in self.taken:
                self.taken.add(entry_id)
                break
        seconds = int(seconds)
        at = "%s%02d:%02d:%02d%s" % (self.date_text, seconds // 3600, seconds // 60 % 60,
                                     seconds % 60, UTC_OFFSET)
        entry = {"id": entry_id, "type": etype, "at": at, "by": self.by}
        kinds = _FIELD_KINDS[etype]
        texts = _TEXT_FIELDS[etype]
        unknown = set(fields) - set(kinds)
        if unknown:
            raise ValueError(f"fields not in the {etype} schema: {sorted(unknown)}")
        for name in _FIELD_ORDER[etype]:
            value = fields.get(name)
            if value is None or value == [] or value == {}:
                continue
            if value is False and name not in _BOOL_KEEP_FALSE:
                continue
            if name in texts:
                value, count = mask_text(value)
                self.stats.masked += count
            elif kinds[name].startswith("checklist:"):
                masked = {}
                for item, text in value.items():
                    masked[item], count = mask_text(text)
                    self.stats.masked += count
                value = masked
            entry[name] = value
        self.entries.append((seconds, len(self.entries), entry))
        return entry

    def write_day(self):
        if not self.entries:
            return
        self.entries.sort(key=lambda item: (item[0], item[1]))
        text = "".join(dump_entry(entry) for _, _, entry in self.entries)
        day = self.day
        folder = os.path.join(self.root, f"{day.year:04d}", f"{day.month:02d}")
        os.makedirs(folder, mode=0o700, exist_ok=True)
        data = text.encode("utf-8")
        with open(os.path.join(folder, f"{day.isoformat()}.yaml"), "wb") as handle:
            handle.write(data)
        self.stats.files += 1
        self.stats.bytes += len(data)
        self.stats.entries += len(self.entries)
        self.stats.by_type.update(entry["type"] for _, _, entry in self.entries)

    def business_day(self, day, factor):
        rng = self.rng
        weekend = day.weekday() >= 5
        by = MANAGERS[1] if weekend or rng.random() < 0.12 else MANAGERS[0]
        self.new_day(day, by)
        self.rainy = rng.random() < 0.2
        if self.rainy:
            factor *= 0.9
        greets = self.greets(factor)
        self.open_entry(weekend)
        self.refers(greets)
        self.complaints(len(greets), factor)
        self.notes(factor)
        self.updates(day, business=True)
        self.marketing_day(day)
        self.close_entry(greets)
        _counter_ratings(self, day, greets)
        self.write_day()

    def follow_up_day(self, day):
        self.new_day(day, MANAGERS[1] if day.weekday() >= 5 else MANAGERS[0])
        self.updates(day, business=False)
        self.write_day()

    def open_entry(self, weekend):
        rng = self.rng
        staff = [self.by, HEAD, *TELLERS, WEALTH_MANAGER, CUSTOMER_MANAGER,
                 OPEN_COUNTER_MANAGER, GREETER, *GUARDS]
        if weekend:
            staff = [self.by, TELLERS[day_index(self.day) % 5], TELLERS[(day_index(self.day) + 2) % 5],
                     WEALTH_MANAGER if rng.random() < 0.5 else OPEN_COUNTER_MANAGER, GREETER,
                     GUARDS[day_index(self.day) % 2]]
        else:
            for _ in range(self.poisson(0.7)):  # on leave or out at a meeting
                absent = rng.choice(staff[2:-3])
                if absent in staff:
                    staff.remove(absent)
        problems = {}
        if rng.random() < 0.12:
            item = rng.choice(tuple(OPEN_PROBLEMS))
            problems[item] = rng.choice(OPEN_PROBLEMS[item])
        ok = [item for item in vocab.LABELS["open-item"] if item not in problems]
        note = None
        if rng.random() < 0.05:
            note = rng.choice(("网点主任上午外出开会", "今日有新员工跟岗学习", "今日开展反诈宣传活动"))
        self.make("open", 8 * 3600 + 22 * 60 + rng.randrange(16 * 60),
                  {"staff": staff, "ok": ok, "problems": problems, "note": note})

    def greets(self, factor):
        """The day's greet entries, in time order; returns them with their seconds."""
        rng = self.rng
        n = max(1, round(self.busyness * factor * rng.uniform(0.9, 1.1)))
        weights = [w * rng.uniform(0.85, 1.15) for w in SLOT_WEIGHTS]
        total = sum(weights)
        slots = rng.choices(range(len(weights)), weights, k=n)
        times = sorted(OPEN_SECONDS + slot * SLOT_SECONDS + rng.randrange(SLOT_SECONDS)
                       for slot in slots)
        # a slot's load: arrivals in it compared with an even spread of a normal day
        per_slot = self.busyness / len(weights)
        counts = Counter((t - OPEN_SECONDS) // SLOT_SECONDS for t in times)
        tickets = {"A": 0, "B": 0, "V": 0}
        greets = []
        random_ = rng.random
        choice = rng.choice
        for seconds in times:
            slot = (seconds - OPEN_SECONDS) // SLOT_SECONDS
            load = counts[slot] / per_slot
            morning = seconds < 12 * 3600
            r = random_()
            count = 1 if r < 0.86 else 2 if r < 0.96 else 3 if r < 0.985 else 4
            r = random_()
            segment = ("regular" if r < 0.77 else "mid" if r < 0.92 else "high" if r < 0.975
                       else "private" if r < 0.99 else None)
            potential = segment in ("regular", "mid") and random_() < 0.03
            r = random_()
            is_new = True if r < 0.12 else False if r < 0.92 else None
            groups = []
            elderly = random_() < (0.28 if morning else 0.12)
            if elderly:
                groups.append("elderly")
            if random_() < 0.006:
                groups.append("disabled")
            foreign = random_() < 0.005
            if foreign:
                groups.append("foreign")
            purpose = rng.choices(PURPOSES, ELDERLY_PURPOSE_WEIGHTS if elderly else PURPOSE_WEIGHTS)[0]
            if foreign and random_() < 0.5:
                purpose = "fx"
            if segment in ("high", "private") and random_() < 0.5:
                purpose = "wealth"
            routes, route_weights = _ROUTE_TABLE[purpose]
            route = rng.choices(routes, route_weights)[0]
            if segment in ("high", "private") and purpose == "wealth":
                route = "wealth-manager"
            wait = ticket = None
            assist = []
            if route in ("counter", "open-counter"):
                prefix = "B" if route == "open-counter" else "V" if segment in ("high", "private") else "A"
                tickets[prefix] += count + (random_() < 0.3)
                if random_() < 0.65:
                    ticket = "%s%03d" % (prefix, tickets[prefix] % 1000)
                if random_() < 0.75:
                    mean = 3 + 11 * load * (0.35 if prefix == "V" else 0.7 if prefix == "B" else 1.0)
                    wait = max(0, round(rng.gauss(mean, mean * 0.35)))
                if random_() < (0.3 if elderly else 0.12):
                    assist.append("form")
            elif route in ("self-service", "e-banking"):
                if random_() < 0.3:
                    wait = rng.randrange(0, 6)
                if random_() < (0.7 if elderly else 0.35):
                    assist.append("device")
            elif route in ("wealth-manager", "customer-manager"):
                if random_() < 0.4:
                    wait = rng.randrange(0, 11)
            if (wait is not None and wait >= 15 and random_() < 0.3) or (elderly and random_() < 0.15):
                assist.append("care")
            customer = None
            if segment in ("high", "private") or potential:
                if random_() < 0.5:
                    customer = self.customer(elderly)
            note = None
            if random_() < 0.04:
                key = ("disabled" if "disabled" in groups else "foreign" if foreign
                       else purpose if not elderly or random_() < 0.4
                       else "elderly-counter" if route in ("counter", "open-counter")
                       else "elderly-machine" if route in ("self-service", "e-banking")
                       else "elderly")
                options = GREET_NOTES.get(key) or GREET_NOTES["other"]
                note = self.fill(choice(options))
            entry = self.make("greet", seconds, {
                "count": count, "segment": segment, "potential": potential, "new": is_new,
                "groups": groups, "purpose": purpose, "route": route, "wait": wait,
                "ticket": ticket, "assist": assist, "customer": customer, "note": note})
            greets.append((seconds, entry, elderly))
        return greets

    def refers(self, greets):
        rng = self.rng
        n = self.poisson(len(greets) * 0.035)
        likely = [g for g in greets if g[1].get("purpose") in PRODUCTS_BY_PURPOSE
                  and (g[1].get("segment") != "regular" or g[1].get("potential")
                       or g[1].get("purpose") in ("wealth", "loan", "card"))]
        for _ in range(n):
            link = rng.choice(likely) if likely and rng.random() < 0.7 else None
            if link is not None:
                seconds, greet, elderly = link
                product = rng.choice(PRODUCTS_BY_PURPOSE[greet["purpose"]])
                # after its greeting, even near closing (a link leads back in time)
                seconds = max(seconds + 1, min(seconds + rng.randrange(120, 900), 17 * 3600 - 60))
                customer = greet.get("customer") or self.customer(elderly, phone=0.12)
            else:
                seconds = OPEN_SECONDS + rng.randrange(8 * 3600)
                product = rng.choice(PRODUCTS)
                customer = self.customer(rng.random() < 0.2, phone=0.12)
            to = rng.choice(PRODUCT_TARGETS[product])
            to_name = {"wealth-manager": WEALTH_MANAGER, "customer-manager": CUSTOMER_MANAGER,
                       "teller": rng.choice(TELLERS), "self": None}[to]
            r = rng.random()
            outcome = "pending" if r < 0.65 else "accepted" if r < 0.77 else "declined"
            follow_up = via = None
            if outcome == "pending":
                follow_up = self.day + datetime.timedelta(days=rng.choice((1, 2, 2, 3, 3, 5, 7)))
                via = rng.choices(("phone", "sms", "visit"), (60, 25, 15))[0]
            note = rng.choice(REFER_NOTES[product]) if rng.random() < 0.5 else None
            entry = self.make("refer", seconds, {
                "product": product, "to": to, "to_name": to_name, "customer": customer,
                "outcome": outcome, "follow_up": follow_up and follow_up.isoformat(), "via": via,
                "greet": link[1]["id"] if link else None, "note": note})
            if follow_up and rng.random() < 0.9:  # the rest are forgotten: overdue follow-ups
                self.schedule(follow_up, "refer", {"id": entry["id"], "via": via, "round": 1})

    def complaints(self, greet_count, factor):
        rng = self.rng
        for _ in range(self.poisson(greet_count / 80)):
            category, summary, resolutions = rng.choice(GRUMBLES)
            steps = rng.choice((["calm", "apologise", "resolve"], ["calm", "explore", "resolve"],
                                ["calm", "apologise", "explore", "resolve"]))
            customer = self.customer(rng.random() < 0.2) if rng.random() < 0.4 else None
            self.make("complain", self.busy_moment(), {
                "level": "grumble", "category": category, "channel": "on-site",
                "summary": summary, "customer": customer, "steps": steps, "status": "resolved",
                "resolution": rng.choice(resolutions)})
        for _ in range(self.poisson(greet_count / 500)):
            self.formal_complaint()

    def formal_complaint(self):
        rng = self.rng
        day = self.day
        category, channel, summary, remedy = rng.choice(COMPLAINTS)
        r = rng.random()
        complexity = "ordinary" if r < 0.7 else "complex" if r < 0.95 else "very-complex"
        days = vocab.COMPLAINT_DAYS[complexity]
        due = day + datetime.timedelta(days=days)
        escalated = rng.random() < (0.15 if complexity == "ordinary" else 0.4)
        steps = ["calm", "apologise", "explore"] + (["slow-down"] if escalated else []) + ["follow-up"]
        follow_up = day + datetime.timedelta(days=rng.randrange(2, 6))
        entry = self.make("complain", self.busy_moment(), {
            "level": "complaint", "category": category, "channel": channel,
            "summary": self.fill(summary), "remedy": remedy,
            "customer": self.customer(rng.random() < 0.2, phone=0.3), "steps": steps,
            "complexity": complexity, "due": due.isoformat(),
            "status": "escalated" if escalated else "open",
            "escalated_to": rng.choice(ESCALATE_TO) if escalated else None,
            "follow_up": follow_up.isoformat()})
        month = (day.year, day.month)
        if (complexity == "ordinary" and day.day <= 14 and self.left_open[month] < 2
                and rng.random() < 0.75):
            self.left_open[month] += 1  # never resolved: overdue on the monthly form
            self.schedule(follow_up, "complaint-progress", {"id": entry["id"]})
            return
        if rng.random() < 0.5:
            self.schedule(follow_up, "complaint-progress",
                          {"id": entry["id"], "escalate": not escalated and rng.random() < 0.15})
        resolve_in = rng.randrange(max(3, (follow_up - day).days + 1), days - 1)
        self.schedule(day + datetime.timedelta(days=resolve_in), "complaint-resolve",
                      {"id": entry["id"], "category": category})

    def busy_moment(self):
        """A time of day weighted towards the peaks."""
        rng = self.rng
        slot = rng.choices(range(len(SLOT_WEIGHTS)), SLOT_WEIGHTS)[0]
        return OPEN_SECONDS + slot * SLOT_SECONDS + rng.randrange(SLOT_SECONDS)

    def notes(self, factor):
        rng = self.rng
        rates = (("fault", 0.5), ("hygiene", 0.8), ("hazard", 0.12), ("fraud", 0.15),
                 ("teller", 0.4), ("opinion", 0.5 + 0.3 * factor), ("materials", 0.9),
                 ("care", 0.5 + 0.3 * factor), ("staff", 0.6), ("other", 0.1))
        for kind, rate in rates:
            for _ in range(self.poisson(rate)):
                seconds = OPEN_SECONDS + rng.randrange(8 * 3600)
                fields = {"kind": kind}
                if kind == "fault":
                    device, symptoms = rng.choice(FAULTS)
                    device = self.fill(device)
                    fixed = rng.random() < 0.3
                    fields["device"] = device
                    fields["text"] = device + rng.choice(symptoms) + (
                        "，已现场处理恢复" if fixed else rng.choice(("，已报修", "，已联系厂家维修", "，已报科技部")))
                    fields["fixed"] = fixed
                elif kind == "hygiene":
                    pool = NOTES["hygiene-rain"] if self.rainy and rng.random() < 0.6 else NOTES["hygiene"]
                    fields["text"] = rng.choice(pool)
                    seconds = rng.choice((11 * 3600 + 1800, 15 * 3600)) + rng.randrange(1800)
                elif kind == "opinion" and rng.random() < 0.35:
                    fields["text"] = self.fill(rng.choice(NOTES["praise"]))
                    fields["praise"] = True
                else:
                    fields["text"] = self.fill(rng.choice(NOTES[kind]))
                    if kind == "materials":
                        seconds = rng.choice((12 * 3600, 15 * 3600 + 1800)) + rng.randrange(1800)
                entry = self.make("note", seconds, fields)
                if kind == "fault" and not fields["fixed"]:
                    self.open_faults[entry["id"]] = fields["device"]
                    if rng.random() < 0.75:  # the rest are never fixed
                        fix = self.day + datetime.timedelta(days=rng.choice((1, 1, 2, 3, 5)))
                        self.schedule(fix, "fault-fixed", {"id": entry["id"]})

    def updates(self, day, business):
        """The follow-ups due today (on a closed day they wait for the next open one)."""
        rng = self.rng
        for kind, data in self.tasks.pop(day, ()):
            if business:
                seconds = rng.choice((12 * 3600, 13 * 3600, 16 * 3600)) + rng.randrange(3600)
            else:
                seconds = OPEN_SECONDS + rng.randrange(8 * 3600)
            if kind == "refer":
                r = rng.random()
                outcome = "accepted" if r < 0.3 else "declined" if r < 0.65 else "pending"
                if data["round"] >= 3 and outcome == "pending":
                    outcome = "declined"
                follow_up = None
                if outcome == "pending":
                    follow_up = day + datetime.timedelta(days=rng.choice((3, 5, 7)))
                    self.schedule(follow_up, "refer", {**data, "round": data["round"] + 1})
                self.make("update", seconds, {
                    "ref": data["id"], "via": data["via"],
                    "outcome": None if outcome == "pending" else outcome,
                    "follow_up": follow_up and follow_up.isoformat(),
                    "note": rng.choice(REFER_FOLLOW_NOTES[data["via"], outcome])})
            elif kind == "complaint-progress" and data.get("escalate"):
                self.make("update", seconds, {
                    "ref": data["id"], "via": "phone", "status": "escalated",
                    "steps": ["slow-down", "follow-up"],
                    "note": "客户对初步处理意见不满意，已升级至" + rng.choice(ESCALATE_TO[1:])})
            elif kind == "complaint-progress":
                self.make("update", seconds, {
                    "ref": data["id"], "via": "phone", "steps": ["follow-up"],
                    "note": rng.choice(("已电话联系客户告知处理进度", "客户同意延期答复，已记录",
                                        "已向支行个金部报送核查材料，等待回复"))})
            elif kind == "complaint-resolve":
                self.make("update", seconds, {
                    "ref": data["id"], "via": rng.choice(("phone", "phone", "visit")),
                    "status": "resolved",
                    "resolution": rng.choice(COMPLAINT_RESOLUTIONS[data["category"]]),
                    "steps": ["follow-up"]})
            elif kind == "fault-fixed":
                self.open_faults.pop(data["id"], None)
                self.make("update", seconds, {
                    "ref": data["id"], "resolution": rng.choice(FAULT_FIX_NOTES), "fixed": True})

    # -- outreach (场外营销) and the nine links ------------------------------
    # Drawn from a generator of their own (``self.marketing``) and written as
    # entries of their own: the rest of the journal is the same bytes with or
    # without them.
    def marketing_day(self, day):
        rng = self.marketing
        for when in sorted(date for date in self.marketing_tasks if date <= day):
            for kind, data in self.marketing_tasks.pop(when):
                self.marketing_task(day, kind, data)
        for _seconds, _order, entry in list(self.entries):
            if entry["type"] == "refer" and entry["outcome"] == "accepted" \
                    and "after" not in entry and "lead" not in entry:
                self.start_chain(day, entry)
        self.leads_arriving(day)
        if day.weekday() == 3 or (day.weekday() == 5 and rng.random() < 0.5):
            self.outreach_event(day)

    def later(self, day, least, most):
        return day + datetime.timedelta(days=self.marketing.randint(least, most))

    def business_seconds(self):
        return OPEN_SECONDS + self.marketing.randrange(int(7.5 * 3600))

    def start_chain(self, day, first):
        """What may follow a first cross-sell accepted: the satisfaction
        check, a follow-up call, a second cross-sell, a return visit."""
        rng = self.marketing
        data = {"id": first["id"], "product": first["product"], "customer": first.get("customer")}
        if rng.random() < 0.7:
            self.marketing_tasks.setdefault(self.later(day, 1, 2), []).append(("satisfaction", data))
        if rng.random() < 0.55:
            self.marketing_tasks.setdefault(self.later(day, 3, 6), []).append(("contact", data))
        if rng.random() < 0.5:
            self.marketing_tasks.setdefault(self.later(day, 5, 12), []).append(("second", data))
        elif rng.random() < 0.3:
            self.marketing_tasks.setdefault(self.later(day, 4, 10), []).append(("return", data))

    def marketing_task(self, day, kind, data):
        rng = self.marketing
        seconds = self.business_seconds()
        if kind == "satisfaction":
            self.make("update", seconds, {
                "ref": data["id"], "via": "phone",
                "satisfaction": rng.choices(tuple(vocab.LABELS["satisfaction"]), (45, 40, 12, 3))[0],
                "note": rng.choice(SATISFACTION_NOTES)}, rng)
        elif kind == "contact":
            self.make("update", seconds, {
                "ref": data["id"], "via": rng.choice(("phone", "phone", "sms")),
                "note": rng.choice(CHAIN_CONTACT_NOTES)}, rng)
        elif kind == "second":
            product = rng.choice([name for name in SECOND_PRODUCTS if name != data["product"]])
            outcome = "accepted" if rng.random() < 0.55 else "declined"
            to = rng.choice(PRODUCT_TARGETS[product])
            entry = self.make("refer", seconds, {
                "product": product, "to": to,
                "to_name": {"wealth-manager": WEALTH_MANAGER, "customer-manager": CUSTOMER_MANAGER,
                            "teller": TELLERS[day_index(day) % 5], "self": None}[to],
                "customer": data["customer"], "outcome": outcome, "after": data["id"],
                "note": f"{data['product']}成交后的二次营销"}, rng)
            if outcome == "accepted" and rng.random() < 0.7:
                self.marketing_tasks.setdefault(self.later(day, 3, 9), []).append(
                    ("return", {**data, "id": entry["id"]}))
        elif kind == "return":
            self.make("greet", seconds, {
                "count": 1, "segment": "mid", "new": False, "purpose": "wealth",
                "route": "wealth-manager", "customer": data["customer"],
                "returning": data["id"], "note": rng.choice(RETURN_NOTES)}, rng)

    def outreach_event(self, day):
        rng = self.marketing
        scene = rng.choices(tuple(OUTREACH_VENUES), (30, 20, 20, 10, 10, 10))[0]
        gifts = rng.randint(20, 80)
        contacts = rng.randint(gifts // 3, gifts)
        products = rng.sample(ICEBREAKERS, rng.choice((1, 1, 2)))
        leads = rng.randint(2, max(3, contacts // 4))
        entry = self.make("outreach", 14 * 3600 + rng.randrange(90 * 60), {
            "scene": scene, "venue": rng.choice(OUTREACH_VENUES[scene]),
            "staff": [self.by, rng.choice((WEALTH_MANAGER, CUSTOMER_MANAGER, OPEN_COUNTER_MANAGER)),
                      GREETER][:rng.choice((2, 3))],
            "gifts": gifts, "contacts_collected": contacts,
            "icebreakers": [{"product": product, "sold": rng.randint(1, 15)} for product in products],
            "leads": leads}, rng)
        self.outreach_leads.append([entry["id"], day, leads])

    def leads_arriving(self, day):
        """Customers an earlier outreach brought in: greeted with its lead,
        some referred with it too."""
        rng = self.marketing
        for lead in self.outreach_leads:
            outreach_id, held_on, waiting = lead
            if waiting <= 0 or held_on >= day or (day - held_on).days > 21 or rng.random() < 0.6:
                continue
            lead[2] -= 1
            seconds = self.business_seconds()
            purpose = rng.choice(("wealth", "card", "account", "inquiry"))
            customer = self.customer(rng=rng)
            greet = self.make("greet", seconds, {
                "count": 1, "segment": "regular", "new": True, "purpose": purpose,
                "route": rng.choice(_ROUTE_TABLE[purpose][0]), "customer": customer,
                "lead": outreach_id}, rng)
            if rng.random() < 0.5:
                product = rng.choice(ICEBREAKER_FOLLOW_ONS)
                r = rng.random()
                self.make("refer", min(seconds + rng.randrange(120, 900), 17 * 3600 - 60), {
                    "product": product, "to": rng.choice(PRODUCT_TARGETS[product]),
                    "customer": customer,
                    "outcome": "accepted" if r < 0.45 else "declined" if r < 0.75 else "pending",
                    "greet": greet["id"], "lead": outreach_id}, rng)

    def close_entry(self, greets):
        rng = self.rng
        problems = {}
        if self.open_faults and rng.random() < 0.25:
            device = list(self.open_faults.values())[-1]
            problems["equipment"] = CLOSE_PROBLEMS["equipment"][0].format(device=device)
        elif rng.random() < 0.06:
            item = rng.choice(("cleaning", "log"))
            problems[item] = rng.choice(CLOSE_PROBLEMS[item])
        ok = [item for item in vocab.LABELS["close-item"] if item not in problems]
        remarks = None
        if rng.random() < 0.7:
            hours = Counter(seconds // 3600 for seconds, _, _ in greets)
            peak = max(sorted(hours), key=lambda hour: hours[hour])
            customers = sum(entry["count"] for _, entry, _ in greets)
            refers = sum(1 for _, _, entry in self.entries if entry["type"] == "refer")
            remarks = rng.choice(REMARKS).format(peak=peak, customers=customers, refers=refers)
        self.make("close", 17 * 3600 + 8 * 60 + rng.randrange(15 * 60),
                  {"ok": ok, "problems": problems, "remarks": remarks})


# --- counter ratings and the queue machine's tickets (issue 12) ---------------
# drawn from a stream of their own, so every other entry of the sample stays
# the same bytes whatever is added here

RATING_WEIGHTS = {"very-satisfied": 62, "satisfied": 28, "basic": 7, "dissatisfied": 3}
RATING_REASONS = ("等待时间长", "柜员解释不清", "手续繁琐", "叫号顺序有误")
QUEUE_DAY = datetime.date(2026, 10, 15)  # the day whose queue export the sample imports
QUEUE_COLUMNS = {"ticket": "票号", "business": "业务类型", "taken": "取号时间",
                 "called": "叫号时间", "start": "开始办理时间", "end": "办结时间",
                 "window": "窗口", "staff": "柜员", "status": "状态", "rating": "评价"}
QUEUE_BUSINESS = {"deposit": "个人存款", "withdrawal": "个人取款", "transfer": "转账汇款",
                  "account": "开户销户", "card": "银行卡业务", "loan": "贷款业务",
                  "wealth": "理财业务", "payment": "缴费业务", "fx": "外汇业务",
                  "loss-report": "挂失业务", "inquiry": "咨询", "other": "其他业务"}
QUEUE_STATUS = {"served": "已办结", "no-show": "过号", "cancelled": "取消", "transferred": "转移"}
QUEUE_RATING = {"very-satisfied": "非常满意", "satisfied": "满意", "basic": "一般",
                "dissatisfied": "不满意"}
QUEUE_WINDOWS = 6
LAST_RATING = 17 * 3600 + 7 * 60  # the evaluators' tally is read before the closing checklist


def _with_rng(method):
    """Run a generator step on the ratings' own random stream."""
    def run(self, *args):
        main = self.rng
        if not hasattr(self, "rating_rng"):
            self.rating_rng = random.Random(self.seed * 7 + 12)
        self.rng = self.rating_rng
        try:
            return method(self, *args)
        finally:
            self.rng = main
    return run


@_with_rng
def _counter_ratings(self, day, greets):
    """Mark some counter greetings as asked to rate, then the evaluators'
    tally at the day's end: one ``rate`` entry a window and result, and each
    dissatisfied one alone with its reason; on ``QUEUE_DAY`` the queue
    machine's tickets of the counter customers too."""
    rng = self.rng
    counter = [entry for _seconds, entry, _elderly in greets
               if entry.get("route") in ("counter", "open-counter")]
    for entry in counter:
        if rng.random() < 0.35:
            entry["remind_rating"] = True
            ordered = {name: entry[name] for name in ("id", "type", "at", "by")
                       + _FIELD_ORDER["greet"] if name in entry}
            entry.clear()
            entry.update(ordered)
    rated = [entry for entry in counter for _ in range(entry.get("count", 1))
             if rng.random() < 0.6]
    tally = Counter()
    for entry in rated:
        window = rng.randrange(1, QUEUE_WINDOWS + 1)
        result = rng.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()))[0]
        if result == "dissatisfied":
            seconds = min(int(entry["at"][11:13]) * 3600 + int(entry["at"][14:16]) * 60 + 600,
                          LAST_RATING)
            self.make("rate", seconds, {"result": result, "window": f"{window}号窗口",
                                        "teller": TELLERS[window % len(TELLERS)],
                                        "reason": rng.choice(RATING_REASONS)})
        else:
            tally[(window, result)] += 1
    for (window, result), count in sorted(tally.items()):
        self.make("rate", LAST_RATING - QUEUE_WINDOWS * 60 + window * 60,
                  {"result": result, "count": count, "window": f"{window}号窗口",
                   "teller": TELLERS[window % len(TELLERS)]})
    if day == QUEUE_DAY:
        self.queue_rows = _tickets(self, counter)


def _tickets(self, counter):
    """``ticket`` entries for the counter customers of the day, as importing
    the export (``queue_rows``, written beside the journal) adds them."""
    rng = self.rng
    rows = []
    numbers = Counter()
    for entry in counter:
        taken = int(entry["at"][11:13]) * 3600 + int(entry["at"][14:16]) * 60 + int(entry["at"][17:19])
        letter = "V" if entry.get("segment") in ("high", "private") else "A"
        numbers[letter] += 1
        number = f"{letter}{numbers[letter]:03d}"
        status = rng.choices(("served", "no-show", "cancelled", "transferred"), (90, 6, 2, 2))[0]
        window = rng.randrange(1, QUEUE_WINDOWS + 1)
        fields = {"ticket": number, "business": entry.get("purpose") or "other",
                  "status": status}
        times = {"taken": taken}
        if status != "cancelled":
            times["called"] = taken + 60 * (entry.get("wait") or rng.randrange(1, 20))
            fields["window"] = f"{window}号窗口"
        if status in ("served", "transferred"):
            times["start"] = times["called"] + rng.randrange(20, 90)
            times["end"] = times["start"] + rng.randrange(180, 1200)
            fields["staff"] = TELLERS[window % len(TELLERS)]
            if rng.random() < 0.5:
                fields["rating"] = rng.choices(list(RATING_WEIGHTS), list(RATING_WEIGHTS.values()))[0]
        for name in ("called", "start", "end"):
            if name in times:
                fields[name] = self.date_text + _clock(times[name]) + UTC_OFFSET
        self.make("ticket", taken, fields)
        rows.append({**fields, **{name: times[name] for name in times}})
    return rows


def _clock(seconds):
    return "%02d:%02d:%02d" % (seconds // 3600, seconds // 60 % 60, seconds % 60)


def queue_export(day, rows):
    """The bytes of the queue machine's CSV export of ``rows`` (UTF-8 with a
    BOM, as Excel saves it; the vendor's words of ``QUEUE_*``)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(QUEUE_COLUMNS.values())
    for row in rows:
        def when(name):
            return f"{day.isoformat()} {_clock(row[name])}" if name in row else ""
        writer.writerow([row["ticket"], QUEUE_BUSINESS[row["business"]], when("taken"),
                         when("called"), when("start"), when("end"), row.get("window", ""),
                         row.get("staff", ""), QUEUE_STATUS[row["status"]],
                         QUEUE_RATING.get(row.get("rating"), "")])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def queue_config_text():
    """The ``queue:`` map of the sample's ``lobbyctl.yaml`` (the README's Chinese example)."""
    import json

    def flow(mapping):
        return "{" + ", ".join(f"{json.dumps(key, ensure_ascii=False)}: "
                               f"{json.dumps(value, ensure_ascii=False)}"
                               for key, value in mapping.items()) + "}"
    return ("# The queue machine's export (lobbyctl import queue FILE.csv): its columns,\n"
            "# time formats and words; the field names on the left are lobbyctl's.\n"
            "queue:\n"
            f"  columns: {flow(QUEUE_COLUMNS)}\n"
            '  time_formats: ["%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M"]\n'
            "  values:\n"
            f"    business: {flow({v: k for k, v in QUEUE_BUSINESS.items()})}\n"
            f"    status: {flow({v: k for k, v in QUEUE_STATUS.items()})}\n"
            f"    rating: {flow({v: k for k, v in QUEUE_RATING.items()})}\n"
            "# Service level: the share of tickets called within this many minutes.\n"
            "service_level_minutes: 10\n")


def day_index(day):
    return day.toordinal()


def _dates(start, end):
    day = start
    while day <= end:
        yield day
        day += datetime.timedelta(days=1)


def add_products(root, products):
    """List ``products`` for completion in the ``lobbyctl.yaml`` that ``create_journal`` wrote."""
    import json

    path = os.path.join(root, "lobbyctl.yaml")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = "".join(f"  - {json.dumps(name, ensure_ascii=False)}\n" for name in products)
    if "\nproducts: []\n" not in text:
        raise RuntimeError(f"{path}: no 'products: []' line to fill in")
    text = text.replace("\nproducts: []\n", "\nproducts:\n" + lines, 1)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def generate(root, start, end, *, seed=20261001, busyness=240, followups_until=None,
             special=None):
    """Create a journal at ``root`` (which must not hold one) and fill it with
    the business days ``start``..``end`` and the follow-ups up to
    ``followups_until``.  ``special`` maps a date to its busyness factor
    (0: closed).  Returns ``Stats``."""
    create_journal(root, branch_code=BRANCH_CODE, branch_name=BRANCH_NAME,
                   managers=list(MANAGERS), timezone=TIMEZONE, lang="zh")
    add_products(root, PRODUCTS)
    gen = _Generator(root, seed, busyness, special)
    gen.seed = seed
    gen.queue_rows = None
    gen.open_faults = {}
    gen.marketing = random.Random(seed * 1200 + 21985)  # the nine links' own draws
    gen.marketing_tasks = {}  # date -> [(kind, data)] of a chain's next steps
    gen.outreach_leads = []  # [outreach id, its day, leads still to come in]
    last = max(end, followups_until or end)
    carry = []
    for day in _dates(start, last):
        if carry:  # follow-ups that fell on a closed day
            gen.tasks.setdefault(day, [])[:0] = carry
            carry = []
        if day > end:
            gen.follow_up_day(day)
            continue
        factor = gen.special.get(day, day_factor(day))
        if factor <= 0:
            carry = gen.tasks.pop(day, [])
            continue
        gen.business_day(day, factor)
    gen.stats.queue_rows = gen.queue_rows
    return gen.stats
