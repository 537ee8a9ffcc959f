"""Every sentence lobbyctl says to a person, in Chinese and English.

``say(key, lang, **values)`` picks the language; a test checks that every key
has both."""

MESSAGES = {
    "recorded": ("已记录{label} {id}（{day} {time}）{summary}",
                 "Recorded {label} {id} ({day} {time}) {summary}"),
    "masked": ("已遮蔽 {count} 处个人号码（手机号、身份证号或银行卡号）",
               "Masked {count} personal number(s) (phone, ID-card or bank-card)"),
    "warning": ("注意：{text}", "Warning: {text}"),
    "initialised": ("已创建日志目录 {root}", "Created a journal at {root}"),
    "back_filled": ("{day} 已做营业后检查：这是一条补记", "{day} was already closed: this is a back-filled entry"),
    "torn_kept": ("第 {line} 行是未写完的残行（写入时中断），已移除；原内容保存在 {path}",
                  "line {line} was an unfinished line (a write cut short) and was removed; "
                  "its bytes are kept in {path}"),
    "day_file_full": ("写入后日志文件将超过 {limit} MiB 的上限；本次未记录",
                      "this entry would make the day file larger than its {limit} MiB limit; "
                      "nothing was recorded"),
    "day_file_linked": ("这个日志文件有 {links} 个硬链接，写入它也会改动其他路径上的同一个文件"
                        "（可能是另一天的日志或日志目录外的文件）；本次未记录",
                        "this day file has {links} hard links: writing it would change the same "
                        "file at its other names too (another day's file, or one outside the "
                        "journal); nothing was recorded"),
    "day_file_replaced": ("{path} 在等待加锁期间被替换了 {times} 次（git、编辑器或其他程序）；本次未记录",
                          "{path} was replaced {times} times while waiting for its lock (by git, "
                          "an editor or another program); nothing was recorded"),
    "cache_unsafe": ("未使用缓存 {path}：它是链接或不是文件夹（可能来自提交或复制）；本次不用缓存，结果不受影响",
                     "Not using the cache {path}: it is a link or not a folder (from a commit or "
                     "a copy?); going on without a cache, figures are unaffected"),
    "skipped_file": ("已跳过无法读取的日志文件：{problem}", "Skipped a day file that does not parse: {problem}"),
    "skipped_entry": ("已跳过未通过检查的记录：{problem}", "Skipped an entry check rejects: {problem}"),
    # recording commands: open/close, refer, complain, note, update
    "list_separator": ("、", ", "),
    "checklist_missing": ("清单项目未填写：{items}。用 --problem 项目 说明 记录问题，或用 --ok 把其余项目记为正常",
                          "checklist items not given: {items}. Record what is wrong with "
                          "--problem ITEM TEXT, or mark the rest fine with --ok"),
    "checklist_problem_empty": ("--problem {item}：请写明问题是什么",
                                "--problem {item}: say what was wrong"),
    "checklist_problem_twice": ("--problem {item} 给了两次；请写成一条说明",
                                "--problem {item} was given twice; put it in one text"),
    "checklist_ask_ok": ("{item} 正常吗", "{item}: fine?"),
    "checklist_ask_problem": ("{item} 有什么问题", "{item}: what is wrong"),
    "checklist_counts": ("{ok} 项正常，{problems} 项有问题", "{ok} fine, {problems} with a problem"),
    "already_opened": ("{day} 已有营业前检查 {id}；本次未记录", "{day} was already opened ({id}); nothing was recorded"),
    "already_opened_hint": ("确需再记一次（例如更正），请加 --force",
                            "to record a second opening anyway (a correction, say), add --force"),
    "never_opened": ("{day} 没有营业前检查记录", "{day} was never opened (no opening checklist)"),
    "already_closed": ("{day} 已有营业后检查 {id}；这是第二次", "{day} was already closed ({id}); this is a second closing"),
    "day_summary": ("{day} 小结：{counts}；接待客户 {customers} 位",
                    "{day} summary: {counts}; {customers} customer(s) greeted"),
    "complaint_due": ("，{due} 前须答复", "decision due {due}"),
    "resolved_and_escalated": ("--resolved 与 --escalate-to 只能给一个：已解决的投诉不再升级",
                               "--resolved and --escalate-to exclude each other: give one"),
    "complexity_on_grumble": ("--complexity 只用于正式投诉（--level complaint）；抱怨没有答复期限",
                              "--complexity is for a formal complaint (--level complaint); "
                              "a grumble has no deadline"),
    "complexity_no_deadline": ("--complexity {complexity}：没有规定的答复期限（可用：{known}）",
                               "--complexity {complexity}: no deadline is known for it (known: {known})"),
    "follow_up_before": ("--follow-up {date} 早于记录当天 {day}", "--follow-up {date} is before the entry's day {day}"),
    "via_without_follow_up": ("--via 是跟进方式，请同时给出 --follow-up 日期",
                              "--via is how to follow up; give --follow-up DATE too"),
    "not_an_id": ("{option}：{typed!r} 不是记录编号（形如 261120-7kq3xm）",
                  "{option}: {typed!r} is not an entry id (like 261120-7kq3xm)"),
    "no_such_entry": ("{option}：没有编号为 {id} 的记录", "{option}: there is no entry {id}"),
    "wrong_entry_type": ("{option}：{id} 是{actual}，不是{expected}", "{option}: {id} is a {actual}, not a {expected}"),
    "note_option_kind": ("{option} 只用于“{kind}”记事", "{option} only goes with a '{kind}' note"),
    "update_not_updatable": ("{id} 是{actual}，不能跟进；可跟进的是产品推荐、投诉与抱怨和设备故障",
                             "{id} is a {actual}; only a referral, a complaint or an equipment "
                             "fault can be updated"),
    "update_option_type": ("{option} 不适用于{actual} {id}（只用于{types}）",
                           "{option} does not apply to {actual} {id} (only to {types})"),
    "update_nothing": ("没有要记录的变化：请至少给出 {options} 之一",
                       "nothing to record: give at least one of {options}"),
    "update_before": ("--at {at} 早于被跟进的记录 {id}（{ref_at}）",
                      "--at {at} is before the entry it updates, {id} ({ref_at})"),
    "update_of": ("→ {id}", "on {id}"),
    "empty_text": ("{name}：内容不能为空", "{name}: must not be empty"),
    # --at in a zone with daylight saving; --output that would replace a journal's own file
    "time_skipped": ("{option}：{typed!r} 在 {zone} 不存在：{day} 这天时钟拨快，跳过了 {clock}"
                     "（顺延即 {after}）；请写当时钟面上的时间",
                     "{option}: {typed!r} does not exist in {zone}: the clocks jump forward "
                     "past {clock} on {day} (it would be {after}); give the time the clock showed"),
    "output_protected": ("{option} {path}：这是日志自己的文件（{what}），不能被报表覆盖；"
                         "请写到别处，例如 reports/",
                         "{option} {path}: that is the journal's own {what}, which a report must "
                         "not replace; write elsewhere, reports/ for instance"),
    "output_special": ("{option} {path}：这是{what}，不是普通文件；不会用报表替换它（写到标准输出请用 -o -）",
                       "{option} {path}: that is a {what}, not a regular file; it is not replaced "
                       "with a report (for standard output, use -o -)"),
    "kind_symlink": ("符号链接", "symbolic link"),
    "kind_folder": ("目录", "folder"),
    "kind_device": ("设备文件", "device"),
    "kind_fifo": ("命名管道（FIFO）", "FIFO (named pipe)"),
    "kind_socket": ("套接字", "socket"),
    "kind_special": ("特殊文件", "special file"),
    "output_key": ("{option} {path}：这是本机签名日志缓存的密钥所在的文件夹（{what}），不能被报表覆盖；"
                   "请写到别处", "{option} {path}: that is in the folder of this machine's key "
                   "that signs the day caches ({what}), which a report must not replace; write "
                   "elsewhere"),
    "output_linked": ("{option} {path}：这个文件有多个硬链接（{links} 个），替换它会与其他路径分开；"
                      "不会替换", "{option} {path}: that file has {links} hard links; replacing "
                      "it would split it from its other names, so it is not replaced"),
    # show and check
    "show_nothing": ("{day} 没有记录", "no entries for {day}"),
    "show_nothing_of_type": ("{day} 没有{types}记录", "no {types} entries for {day}"),
    "show_count": ("{day}：{count} 条记录", "{day}: {count} entries"),
    "column_time": ("时间", "Time"),
    "column_type": ("类型", "Type"),
    "column_by": ("记录人", "By"),
    "column_id": ("编号", "ID"),
    "column_details": ("详情", "Details"),
    "check_ok": ("ok：{files} 个日文件，共 {entries} 条记录", "ok: {entries} entries in {files} day files"),
    "check_problems": ("{problems} 个问题，涉及 {files} 个文件", "{problems} problems in {files} files"),
    "check_range": ("--from {start} 晚于 --to {end}", "--from {start} is after --to {end}"),
    # export and due
    "exported": ("已导出 {count} 行到 {path}", "Exported {count} rows to {path}"),
    "nothing_due": ("{day} 没有要跟进的推荐、投诉或故障。", "Nothing due on {day}: no referral, complaint or fault to chase."),
    "nothing_overdue": ("{day} 没有逾期的事项。", "Nothing overdue on {day}."),
    # the future: recordings ahead of the clock, reports of days to come
    "future_refused": ("{option} {typed}：{when} 晚于现在（{now}）超过 15 分钟，不记录",
                       "{option} {typed}: {when} is more than 15 minutes after now ({now}); "
                       "not recorded"),
    "future_hint": ("确实要记录将来的时间，请加上 --future（最多提前一天）",
                    "to record a time ahead of now on purpose, add --future (at most a day ahead)"),
    "future_hint_yesterday": ("只写时刻指的是今天；昨天的请写 {option} \"{yesterday} {typed}\"，"
                              "确实是今天稍后的请加上 --future",
                              "a time alone means today; for yesterday's write {option} "
                              "\"{yesterday} {typed}\", or add --future if you mean later today"),
    "yesterday_word": ("昨天", "yesterday"),
    "future_day": ("注意：{day} 还没有到，这是一份将来日期的报告", "note: {day} is in the future; "
                   "this report is of a day still to come"),
    "future_month": ("注意：{month} 还没有开始，这是一份将来月份的报告",
                     "note: {month} has not begun; this report is of a month still to come"),
    "future_label": ("将来日期", "Future"),
    "future_too_far": ("{option} {typed}：{when} 比现在晚一天以上，即使加 --future 也不记录",
                       "{option} {typed}: {when} is more than a day in the future; not "
                       "recorded, even with --future"),
}


def say(key, lang="zh", **values):
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**values)
