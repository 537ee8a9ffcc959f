"""`lobbyctl show`: one day as a table, in the journal's language, updates
against what they change, free text masked, Chinese aligned."""

import datetime
import re

import pytest
import wcwidth
import yaml

from conftest import day_file
from lobbyctl.store.lines import dump_entry

DAY = "2026-11-20"


def append(root, day, *entries, text=None):
    path = day_file(root, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(text if text is not None else "".join(dump_entry(e) for e in entries))
    return path


def entry(entry_type, id, at, **fields):
    return {"id": id, "type": entry_type, "at": at, "by": "王芳", **fields}


def rows(stdout):
    """The table's body rows as lists of stripped cells."""
    lines = stdout.rstrip("\n").split("\n")
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def show(run, *args):
    # a terminal wide enough that no details wrap: what they say is tested
    # here, how they wrap in test_show_format.py
    result = run("show", *args, env={"COLUMNS": "1000"})
    assert "Traceback" not in result.stderr
    return result


def test_recorded_greetings_are_shown_in_time_order(run, journal):
    late = run("greet", "--at", f"{DAY}T10:30", "--segment", "high", "--purpose", "wealth",
               "--route", "wealth-manager", "--wait", "7", "--potential").stdout.strip()
    early = run("greet", "--at", f"{DAY}T09:05", "--count", "3", "--group", "elderly",
                "--route", "柜台", "--by", "李强").stdout.strip()
    result = show(run, DAY)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.sub(r"\s+", " ", lines[0]) == "| 时间 | 类型 | 记录人 | 编号 | 详情 |"
    assert rows(result.stdout) == [
        ["09:05", "迎送分流", "李强", early, "3位，老年，→ 柜台"],
        ["10:30", "迎送分流", "王芳", late, "1位，高端客户，中高端潜力，理财 → 理财经理，等候 7 分钟"],
    ]
    assert result.stderr.strip() == "2026-11-20：2 条记录"


def test_english_labels_with_lang_and_from_the_journal_config(run, journal):
    entry_id = run("greet", "--at", f"{DAY}T10:30", "--segment", "mid", "--purpose", "fx",
                   "--route", "counter", "--wait", "12", "--new").stdout.strip()
    expected = [["10:30", "Greeting", "王芳", entry_id,
                 "1×, Mid-tier, new customer, Foreign exchange → Counter, waited 12 min"]]
    assert rows(show(run, DAY, "--lang", "en").stdout) == expected
    config = journal / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace('lang: "zh"', 'lang: "en"'),
                      encoding="utf-8")
    assert rows(show(run, DAY).stdout) == expected


def test_each_type_has_its_main_fields(run, journal):
    append(journal, DAY,
           entry("open", "261120-0pen00", f"{DAY}T08:30:00+08:00", staff=["李娜", "保安老周"],
                 ok=["appearance", "materials", "notices"],
                 problems={"facilities": "叫号机卡纸"}),
           entry("refer", "261120-ref000", f"{DAY}T10:00:00+08:00", product="养老理财",
                 to="wealth-manager", to_name="孙丽", customer="张先生", outcome="pending",
                 follow_up="2026-11-25", via="phone"),
           entry("complain", "261120-c0m000", f"{DAY}T11:00:00+08:00", level="complaint",
                 category="waiting", channel="on-site", summary="排队一小时",
                 steps=["calm", "apologise"], complexity="ordinary", due="2026-12-05",
                 status="open"),
           entry("note", "261120-n0te00", f"{DAY}T12:00:00+08:00", kind="fault",
                 text="3号ATM吞卡", device="ATM-3", fixed=False),
           entry("close", "261120-c10se0", f"{DAY}T17:30:00+08:00",
                 ok=["cleaning", "equipment", "log"], remarks="今日客流平稳"))
    details = {row[3]: row[4] for row in rows(show(run, DAY).stdout)}
    assert details == {
        "261120-0pen00": "在岗人员：李娜、保安老周，正常项目：服饰仪容仪表、宣传资料、海报通告，"
                         "问题项目：对外服务设施（叫号机卡纸）",
        "261120-ref000": "养老理财 → 理财经理 孙丽，客户：张先生，结果：待定，跟进日期 2026-11-25 电话",
        "261120-c0m000": "投诉/排队等候，营业现场，事由：排队一小时，已做处理步骤：平复情绪、真诚道歉，普通，"
                         "办结期限：2026-12-05，状态：处理中",
        "261120-n0te00": "设备故障，内容：3号ATM吞卡，设备：ATM-3，未修复",
        "261120-c10se0": "全部正常，大堂经理备注：今日客流平稳",
    }


def test_an_update_is_shown_against_what_it_changes(run, journal):
    append(journal, "2026-11-18",
           entry("refer", "261118-ref000", "2026-11-18T15:00:00+08:00", product="基金定投",
                 to="wealth-manager", outcome="pending"))
    append(journal, DAY,
           entry("note", "261120-n0te00", f"{DAY}T09:00:00+08:00", kind="fault",
                 text="叫号机故障"),
           entry("update", "261120-vpd001", f"{DAY}T10:00:00+08:00", ref="261118-ref000",
                 via="phone", outcome="accepted"),
           entry("update", "261120-vpd002", f"{DAY}T16:00:00+08:00", ref="261120-n0te00",
                 fixed=True, resolution="已更换打印头"))
    details = {row[3]: row[4] for row in rows(show(run, DAY).stdout)}
    assert details["261120-vpd001"] == ("→ 产品推荐 261118-ref000（基金定投 → 理财经理，结果：待定），"
                                        "方式：电话，结果：成功")
    assert details["261120-vpd002"] == ("→ 大堂记事 261120-n0te00（设备故障，内容：叫号机故障），"
                                        "处理结果：已更换打印头，已修复")
    english = {row[3]: row[4] for row in rows(show(run, DAY, "--lang", "en").stdout)}
    assert english["261120-vpd001"] == ("→ Referral 261118-ref000 (基金定投 → Wealth manager, "
                                        "outcome: Pending), via: Phone, outcome: Accepted")


def test_an_update_that_leads_nowhere_is_refused_as_check_refuses_it(run, journal):
    """(test_ref_truth.py has every reader and every way a ref goes wrong.)"""
    path = append(journal, DAY,
                  entry("update", "261120-vpd003", f"{DAY}T16:30:00+08:00",
                        ref="261101-gh0st0", status="resolved"))
    result = show(run, DAY)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：{path}:1: ref：日志中没有记录 261101-gh0st0\n"), \
        result.stderr
    skipping = show(run, DAY, "--skip-bad")
    assert skipping.exit_code == 0
    assert "261101-gh0st0" in skipping.stderr and "261120-vpd003" not in skipping.stdout


def test_updates_that_point_at_each_other_are_refused_not_looped_over(run, journal):
    path = append(journal, DAY,
                  entry("update", "261120-aaaaaa", f"{DAY}T10:00:00+08:00",
                        ref="261120-bbbbbb"),
                  entry("update", "261120-bbbbbb", f"{DAY}T10:01:00+08:00",
                        ref="261120-aaaaaa"))
    checked = run("check").stdout.splitlines()
    assert checked == [
        "2026/11/2026-11-20.yaml:1: at：2026-11-20T10:00:00+08:00 早于 261120-bbbbbb 的记录时间"
        "（2026-11-20T10:01:00+08:00）；跟进应在被跟进的记录之后",
        "2026/11/2026-11-20.yaml:2: ref：261120-aaaaaa 是 'update' 记录，不能跟进"
        "（只能跟进 refer, complain, fault）"]
    result = show(run, DAY)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"错误：{path}:{checked[0].split(':', 1)[1]}\n"), \
        result.stderr
    skipping = show(run, DAY, "--skip-bad")
    assert skipping.exit_code == 0
    for problem in checked:
        assert f"{path}:{problem.split(':', 1)[1]}" in skipping.stderr, skipping.stderr


def test_type_filters_by_key_or_label(run, journal):
    run("greet", "--at", f"{DAY}T09:00")
    append(journal, DAY,
           entry("note", "261120-n0te00", f"{DAY}T09:30:00+08:00", kind="hygiene",
                 text="地面湿滑"),
           entry("refer", "261120-ref000", f"{DAY}T10:00:00+08:00", product="信用卡",
                 outcome="accepted"))
    only_notes = rows(show(run, DAY, "--type", "note").stdout)
    assert [row[3] for row in only_notes] == ["261120-n0te00"]
    both = rows(show(run, DAY, "--type", "大堂记事", "--type", "Referral").stdout)
    assert [row[3] for row in both] == ["261120-n0te00", "261120-ref000"]
    none = show(run, DAY, "--type", "complain")
    assert (none.exit_code, none.stdout) == (0, "")
    assert none.stderr.strip() == "2026-11-20 没有投诉与抱怨记录"
    bad = show(run, DAY, "--type", "lunch")
    assert bad.exit_code == 2 and "未知的 type 'lunch'" in bad.stderr


def test_free_text_is_masked_on_display_unless_no_mask(run, journal):
    # written by hand, as a journal with store_personal_data: true would hold it
    append(journal, DAY, entry("note", "261120-n0te00", f"{DAY}T10:00:00+08:00",
                               kind="opinion", text="客户 13812345678 建议增加座椅",
                               note="身份证 110101199001011234"))
    masked = show(run, DAY).stdout
    assert "138****5678" in masked and "13812345678" not in masked
    assert "110***********1234" in masked and "110101199001011234" not in masked
    plain = show(run, DAY, "--no-mask").stdout
    assert "13812345678" in plain and "110101199001011234" in plain


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chinese_columns_align(run, journal, lang):
    run("greet", "--at", f"{DAY}T09:00", "--segment", "private", "--customer", "欧阳先生",
        "--by", "王")
    run("greet", "--at", f"{DAY}T09:01", "--by", "Li Qiang")
    append(journal, DAY,
           entry("complain", "261120-c0m000", f"{DAY}T11:00:00+08:00", by="司马晓燕",
                 level="grumble", category="attitude", summary="柜员态度😠不好 (ok)",
                 status="resolved"),
           entry("note", "261120-n0te00", f"{DAY}T12:00:00+08:00", kind="care",
                 text="为老人倒水"))
    result = show(run, DAY, "--lang", lang)
    lines = result.stdout.rstrip("\n").split("\n")
    assert len(lines) == 6
    widths = {wcwidth.wcswidth(line) for line in lines}
    assert len(widths) == 1, [(wcwidth.wcswidth(line), line) for line in lines]
    # every column border at the same display offset on every line
    borders = {tuple(wcwidth.wcswidth(line[:index]) for index, char in enumerate(line)
                     if char == "|") for line in lines}
    assert len(borders) == 1


def test_yesterday_and_other_phrases(run, journal):
    recorded = run("greet", "--at", "yesterday 10:00")
    assert recorded.exit_code == 0, recorded.stderr
    entry_id = recorded.stdout.strip()
    assert [row[3] for row in rows(show(run, "yesterday").stdout)] == [entry_id]
    assert [row[3] for row in rows(show(run, "昨天").stdout)] == [entry_id]
    assert [row[3] for row in rows(show(run, "1 day ago").stdout)] == [entry_id]


def test_last_monday(run, journal):
    # "last monday" is always within the past week, so recording there works
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    monday = today - datetime.timedelta(days=(today.weekday() or 7))
    entry_id = run("greet", "--at", f"{monday.isoformat()}T10:00").stdout.strip()
    assert [row[3] for row in rows(show(run, "last monday").stdout)] == [entry_id]


def test_today_is_the_default(run, journal):
    entry_id = run("greet").stdout.strip()
    assert [row[3] for row in rows(show(run).stdout)] == [entry_id]


def test_a_day_without_entries_is_friendly(run, journal):
    result = show(run, "2026-11-21")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.strip() == "2026-11-21 没有记录"
    english = show(run, "2026-11-21", "--lang", "en")
    assert english.stderr.strip() == "no entries for 2026-11-21"


def test_a_day_file_that_does_not_parse_is_exit_1_with_its_line(run, journal):
    path = append(journal, DAY, text="- id: 261120-aaaaaa\n  type: [greet\n")
    result = show(run, DAY)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"错误：{path}:3: YAML 错误：")


@pytest.mark.parametrize("date,message", [
    ("2026-02-30", "不是日期"),
    ("someday", "不是能读懂的日期或时间"),
    ("1999-01-01", "超出日志记录的年份"),
])
def test_a_bad_date_is_a_usage_error(run, journal, date, message):
    result = show(run, date)
    assert result.exit_code == 2
    assert message in result.stderr


def test_hostile_entries_show_without_a_traceback_or_escape_codes(run, journal):
    append(journal, DAY, text=(
        "- id: 261120-aaaaaa\n"
        "  type: greet\n"
        "  at: '2026-11-20T10:00:00+08:00'\n"
        "  by: \"\\e[31m红\\e[0m\"\n"
        "  count: 2\n"
        "  note: \"第一行\\n第二行\\t\\u202e反转\"\n"
        "- id: 261120-bbbbbb\n"
        "  type: greet\n"
        "  at: '2026-11-20T10:00:00+08:00'\n"
        "  by: x\n"
        "  count: " + "9" * 80 + "\n"
        "  segment: [nested, [deeper]]\n"
        "  1: one\n"
        "- id: 261120-cccccc\n"
        "  type: lunch\n"
        "  at: not a time\n"
        "  by: x\n"
        "  menu: {rice: 1}\n"
        "- [not, a, mapping-entry]\n"
    ))
    broken = show(run, DAY)
    assert broken.exit_code == 1 and "一条记录应是字段的映射" in broken.stderr
    path = day_file(journal, DAY)
    path.write_text(path.read_text(encoding="utf-8").replace("- [not, a, mapping-entry]\n", ""),
                    encoding="utf-8")
    # what check rejects, show refuses: at its place, with check's message
    refused = show(run, DAY)
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"错误：{path}:7: count：应为 1 到 500 之间的整数，"
                                     f"实为 a 80-digit number\n"), refused.stderr
    result = show(run, DAY, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert f"{path}:7: count：" in result.stderr
    assert f"{path}:14: type：未知的记录类型 'lunch'" in result.stderr
    assert "\x1b" not in result.stdout + result.stderr and "\u202e" not in result.stdout
    body = rows(result.stdout)
    assert len(body) == 1
    assert body[0][:2] == ["10:00", "迎送分流"]
    assert body[0][2] == "\\x1b[31m红\\x1b[0m"
    assert "第一行 第二行 \\u202e反转" in body[0][4]
    lines = result.stdout.rstrip("\n").split("\n")
    assert len({wcwidth.wcswidth(line) for line in lines}) == 1


def test_a_lone_surrogate_is_refused_and_named_escaped(run, journal):
    # a canonical line may carry one through a JSON escape; check rejects it,
    # so show does too, and what it prints stays UTF-8
    append(journal, DAY, entry("note", "261120-n0te00", f"{DAY}T10:00:00+08:00", kind="other",
                               text="a\ud800b"))
    result = show(run, DAY)
    assert result.exit_code == 1
    assert ":1: text：'a\\ud800b' 不是有效的 Unicode 文字" in result.stderr
    skipped = show(run, DAY, "--skip-bad")
    assert skipped.exit_code == 0
    assert ":1: text：'a\\ud800b' 不是有效的 Unicode 文字" in skipped.stderr
    (skipped.stdout + skipped.stderr).encode("utf-8")


def test_what_show_prints_is_what_was_recorded(run, journal):
    entry_id = run("greet", "--at", f"{DAY}T14:15", "--ticket", "A023", "--assist", "form",
                   "--note", "客户想了解“养老”理财: yes/no").stdout.strip()
    [stored] = yaml.safe_load(day_file(journal, DAY).read_text(encoding="utf-8"))
    [row] = rows(show(run, DAY).stdout)
    assert row[:4] == ["14:15", "迎送分流", stored["by"], stored["id"]] and stored["id"] == entry_id
    assert "排队号：A023" in row[4] and "指导填表" in row[4]
    assert "备注：" + stored["note"] in row[4]


def test_show_help_has_an_example(run):
    result = run("show", "--help")
    assert result.exit_code == 0
    assert "  Example:\n    lobbyctl show\n" in result.stdout
