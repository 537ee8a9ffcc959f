"""Every sentence lobbyctl says to a person, in Chinese and English.

``say(key, lang, **values)`` picks the language; tests/test_catalogue.py
checks that every key has both, with the same placeholders.  An error raised
where no language is known is made with ``problem(cls, key, **values)``: its
``.message`` is English, and ``said(exc, lang)`` says it in the journal's
language where the CLI prints it."""

MESSAGES = {
    "recorded": ("已记录{label} {id}（{day} {time}）{summary}",
                 "Recorded {label} {id} ({day} {time}) {summary}"),
    "masked": ("已遮蔽 {count} 处个人号码（手机号、身份证号或银行卡号）",
               "Masked {count} personal number(s) (phone, ID-card or bank-card)"),
    "warning": ("注意：{text}", "Warning: {text}"),
    "error": ("错误：{message}", "Error: {message}"),
    # usage problems met daily: labels, dates, ranges, fields (raised where no
    # language is known: problem(UsageProblem, key, ...), said at the CLI)
    "unknown_label": ("{where}未知的 {name} {typed!r}；可用：{valid}",
                      "{where}unknown {name} {typed!r}; valid: {valid}"),
    "in_the_future": ("{option}：{typed!r} 晚于现在一天以上（{when}）",
                      "{option}: {typed!r} is more than a day in the future ({when})"),
    "not_a_time": ("--at：{phrase!r} 不是一天中的时刻", "--at: {phrase!r} is not a time of day"),
    "not_a_time_of_part": ("--at：{phrase!r} 不是一天中的时刻（{part} {first}–{last}点）",
                           "--at: {phrase!r} is not a time of day ({part} {first}–{last}点)"),
    "not_a_day_of_month": ("{typed!r} 不是一个月中的日子（1–31）",
                           "{typed!r} is not a day of the month (1–31)"),
    "not_a_date": ("{typed!r} 不是日期", "{typed!r} is not a date"),
    "unreadable_when": ("{where}{typed!r} 不是能读懂的日期或时间"
                        "（可写 10:30、yesterday 15:00、2026-11-28 或 2026-11-28T10:30）",
                        "{where}{typed!r} is not a date or time I can read "
                        "(try 10:30, yesterday 15:00, 2026-11-28 or 2026-11-28T10:30)"),
    "outside_years": ("{where}{typed!r} 超出日志记录的年份（{first}–{last}）",
                      "{where}{typed!r} is outside the years a journal keeps ({first}–{last})"),
    "now_not_iso": ("--now（$LOBBYCTL_NOW）：{typed!r} 不是 ISO 时间（例如 2026-12-01T02:00）",
                    "--now ($LOBBYCTL_NOW): {typed!r} is not an ISO time (e.g. 2026-12-01T02:00)"),
    "not_a_month": ("{typed!r} 不是月份（请写 YYYY-MM、this 或 last）",
                    "{typed!r} is not a month (use YYYY-MM, this or last)"),
    "from_after_to": ("--from {start} 晚于 --to {end}", "--from {start} is after --to {end}"),
    "since_after_on": ("--since {since} 晚于 --on {on}", "--since {since} is after --on {on}"),
    "option_required": ("{type}记录须给出 {option}", "{option} is required for {type}"),
    "unknown_entry_type": ("--type：未知的记录类型 {typed!r}；可用：{valid}",
                           "--type: unknown entry type {typed!r}; valid: {valid}"),
    "no_such_field": ("{option}：{type}记录没有字段 {typed!r}；可用：{valid}",
                      "{option}: {type} entries have no field {typed!r}; valid: {valid}"),
    "not_field_value": ("--where：{typed!r} 不是 字段=值 的形式（例如 route=counter）",
                        "--where: {typed!r} is not FIELD=VALUE (e.g. route=counter)"),
    "not_one_of": ("{option}：{typed!r} 不是以下之一：{valid}", "{option}: {typed!r} is not one of {valid}"),
    "where_not_bool": ("{option}：{typed!r} 不是 true 或 false", "{option}: {typed!r} is not true or false"),
    "where_not_number": ("{option}：{typed!r} 不是整数", "{option}: {typed!r} is not a whole number"),
    "where_not_hour": ("{option}：{typed!r} 不是时段（0–23）", "{option}: {typed!r} is not an hour (0–23)"),
    "where_not_weekday": ("{option}：{typed!r} 不是星期几；可用：{valid}",
                          "{option}: {typed!r} is not a weekday; valid: {valid}"),
    "where_not_week": ("{option}：{typed!r} 不是 ISO 周（例如 2026-W47）",
                       "{option}: {typed!r} is not an ISO week (e.g. 2026-W47)"),
    "period_rows_alone": ("--period-rows 须与 --period day、week 或 month 同用",
                          "--period-rows needs --period day, week or month"),
    "no_journal": ("{root} 没有日志（没有 {config}）", "no journal at {root} (no {config})"),
    "no_journal_hint": ("新建日志：lobbyctl -J {root} init", "create one with: lobbyctl -J {root} init"),
    "text_control": ("{option}：第 {position} 个字符是控制字符 U+{code}；文字里可以换行和用制表符，不能有控制码",
                     "{option}: control character U+{code} at character {position}; free text may "
                     "hold line breaks and tabs, not control codes"),
    "text_not_utf8": ("{option}：文字不是有效的 UTF-8（请检查终端的编码）",
                      "{option}: the text is not valid UTF-8 (check the terminal's encoding)"),
    "text_too_long": ("{option}：{length} 个字符；一个字段最多 {limit} 个",
                      "{option}: {length} characters; a field holds at most {limit}"),
    "branch_code_personal": ("--branch-code：这个代码会被当作个人号码（手机号、身份证号或银行卡号）遮蔽，"
                             "写入后就不是原来的代码了；未创建日志。请给出支行的机构代码（如 0101）",
                             "--branch-code: this code reads as a personal number (a phone, "
                             "ID-card or bank-card number) and would be stored masked, no longer "
                             "the code typed; no journal was created. Give the branch's own code "
                             "(such as 0101)"),
    "by_blank": ("--by：名字是空的", "--by: the name is blank"),
    "by_unknown": ("--by：谁在记录？请给出 --by 姓名、设置 LOBBYCTL_BY，或在 lobbyctl.yaml 列出大堂经理",
                   "--by: who is recording? Give --by NAME, set LOBBYCTL_BY, "
                   "or list managers in lobbyctl.yaml"),
    "hint": ("提示：{hint}", "Hint: {hint}"),
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
    # void: a correction (cli/commands/void.py, check/voids.py)
    "void_of": ("作废 {id}", "voiding {id}"),
    "void_no_entry": ("没有编号为 {id} 的记录，无法作废", "there is no entry {id} to void"),
    "void_of_void": ("{id} 本身是一条作废更正，不能再作废；要恢复被作废的记录，请重新记录它",
                     "{id} is itself a void, which cannot be voided; to bring back what it "
                     "voided, record that entry again"),
    "entry_voided": ("{id} 已于 {at} 被 {void} 作废（原因：{reason}）",
                     "{id} was voided by {void} at {at} (reason: {reason})"),
    "void_before": ("--at {at} 早于要作废的记录 {id}（{ref_at}）",
                    "--at {at} is before the entry it voids, {id} ({ref_at})"),
    "void_reason_blank": ("--reason：请写明作废原因", "--reason: say why the entry is voided"),
    # links between entries: leads from an outreach, the nine links' chain
    "link_before": ("--at {at} 早于 {option} 指向的记录 {id}（{ref_at}）",
                    "--at {at} is before the entry {option} names, {id} ({ref_at})"),
    "sold_without_icebreaker": ("--sold 是破冰产品的销量，请同时给出 --icebreaker",
                                "--sold is how many of an ice-breaker product were sold; "
                                "give --icebreaker too"),
    "icebreaker_sold_pairs": ("--icebreaker 与 --sold 应按顺序成对给出：{products} 个产品，{counts} 个销量",
                              "--icebreaker and --sold go in pairs, in order: {products} "
                              "product(s), {counts} count(s)"),
    "icebreaker_twice": ("--icebreaker {product} 给了两次；请只给一次，销量合计",
                         "--icebreaker {product} was given twice; give it once, with its total"),
    "satisfaction_not_accepted": ("--satisfaction 是成交后的满意度回访：{id} 的结果是“{outcome}”，不是“成功”",
                                  "--satisfaction is the check after a sale: {id}'s outcome is "
                                  "{outcome}, not accepted"),
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
    "output_region_file": ("{option} {path}：这是片区自己的文件（{what}），不能被报表覆盖或写入；"
                           "请写到别处，例如 reports/",
                           "{option} {path}: that is the region's own {what}, which a report "
                           "must not replace or write into; write elsewhere, reports/ for "
                           "instance"),
    "output_key": ("{option} {path}：这是本机签名日志缓存的密钥所在的文件夹（{what}），不能被报表覆盖；"
                   "请写到别处", "{option} {path}: that is in the folder of this machine's key "
                   "that signs the day caches ({what}), which a report must not replace; write "
                   "elsewhere"),
    "output_linked": ("{option} {path}：这个文件有多个硬链接（{links} 个），替换它会与其他路径分开；"
                      "不会替换", "{option} {path}: that file has {links} hard links; replacing "
                      "it would split it from its other names, so it is not replaced"),
    # --format xlsx: a workbook is bytes, not text (render/xlsx.py)
    "binary_to_terminal": ("--format {fmt} 写出的是 Excel 工作簿（二进制），终端无法显示；请用 "
                           "--output FILE.{fmt} 写到文件，或把标准输出重定向到文件或管道",
                           "--format {fmt} writes an Excel workbook (binary), which a terminal "
                           "cannot show; use --output FILE.{fmt}, or redirect standard output "
                           "to a file or a pipe"),
    "xlsx_too_many_rows": ("一张工作表最多 {limit} 行；请用 --from/--to 缩短期间，或用 "
                           "--format csv 或 jsonl",
                           "a worksheet holds at most {limit} rows; shorten the period with "
                           "--from/--to, or use --format csv or jsonl"),
    "xlsx_too_many_columns": ("这张表有 {count} 列，一张工作表最多 {limit} 列；请加 --period-rows "
                              "把期间排成行，或用更长的 --period、更短的期间",
                              "this table has {count} columns and a worksheet holds at most "
                              "{limit}; add --period-rows to put the periods in rows, or use a "
                              "longer --period or a shorter range"),
    # the paper form's last lines (templates/month.*.md), in the workbook
    "xlsx_sign_manager": ("大堂经理（签字）：", "Lobby manager (signature):"),
    "xlsx_sign_date": ("日期：", "Date:"),
    "xlsx_head_comments": ("网点负责人意见：", "Branch head's comments:"),
    "xlsx_sign_head": ("网点负责人（签字）：", "Branch head (signature):"),
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
    # a region (store/region.py) and its dataset (engine/)
    "region_missing": ("{root} 没有片区（没有 {name}）", "no region at {root} (no {name})"),
    "region_missing_hint": ("新建片区：lobbyctl region init {root}",
                            "create one with: lobbyctl region init {root}"),
    "region_not_mapping": ("region.yaml 应是设置的映射（region、lang、branches）",
                           "region.yaml must be a mapping of settings (region, lang, branches)"),
    "region_bad_field": ("{field}：写法不对，应为 {what}", "{field}: not as expected; write {what}"),
    "region_not_regular": ("不是普通文件（FIFO、设备或套接字？）；region.yaml 须是普通文件",
                           "not a regular file (a FIFO, device or socket?); region.yaml must be "
                           "a plain file"),
    "region_too_big": ("文件超过 {limit} KiB；region.yaml 最多 {limit} KiB",
                       "the file is over {limit} KiB; a region.yaml is at most {limit} KiB"),
    "region_too_many": ("支行超过 {limit} 个；请检查 branches 的通配符",
                        "more than {limit} branches; check the globs of branches"),
    "region_glob_empty": ("{pattern!r} 没有匹配到任何文件夹", "{pattern!r} matches no folder"),
    "region_code_clash": ("支行代码 {code} 重复：{first} 和 {second}",
                          "branch code {code} is used twice: {first} and {second}"),
    "region_code_empty": ("branch: code 是空的；片区按支行代码区分各支行，请写上支行的机构代码（如 0101）",
                          "branch: code is empty; a region tells its branches apart by their "
                          "codes: write the branch's own code (such as 0101)"),
    "region_code_not_text": ("branch: code 没有加引号，YAML 把它读成了 {read}（开头的 0 等会丢失）；"
                             "请写成带引号的文字，如 code: \"0101\"",
                             "branch: code is not quoted, and YAML reads it as {read} (leading "
                             "zeros and the like are lost); write it as quoted text, such as "
                             "code: \"0101\""),
    "region_code_personal": ("branch: code 会被当作个人号码（手机号、身份证号或银行卡号），片区的报表和数据集"
                             "会把它完整显示出来；请写上支行的机构代码（如 0101）",
                             "branch: code reads as a personal number (a phone, ID-card or "
                             "bank-card number), which the region's tables and dataset would "
                             "show in full; write the branch's own code (such as 0101)"),
    "region_root_not_folder": ("{root} 是{kind}，不是片区文件夹（-R、$LOBBYCTL_REGION）",
                               "{root} is {kind}, not a region folder (-R, $LOBBYCTL_REGION)"),
    "region_not_folder": ("{root} 是{kind}，不是文件夹；未创建片区", "{root} is {kind}, not a folder; no region was created"),
    "region_bad_branch_option": ("--branch：{typed!r} 不是路径或通配符（例如 branches/*）",
                                 "--branch: {typed!r} is not a path or glob (e.g. branches/*)"),
    "region_exists": ("{file} 已存在；不会替换", "{file} already exists; it is not replaced"),
    "region_initialised": ("已创建片区 {path}", "Created a region at {path}"),
    "region_branch_bad": ("支行 {branch}：{reason}", "branch {branch}: {reason}"),
    "region_branch_bad_hint": ("加 --skip-bad 用其余支行出表，并列出缺少的支行",
                               "add --skip-bad to draw it from the other branches, naming "
                               "those missing"),
    "region_branches_missing": ("注意：缺少 {count} 个支行：{branches}",
                                "note: {count} branch(es) missing: {branches}"),
    "region_unknown_group": ("{option}：片区里没有分组 {typed!r}；已有的分组：{valid}",
                             "{option}: the region has no group {typed!r}; its groups: {valid}"),
    "region_group_not_groups_hint": ("客户的特殊群体是 groups 字段，如 --where groups=elderly",
                                     "a customer's special groups are the field groups, as in "
                                     "--where groups=elderly"),
    "region_no_branches": ("片区 {root} 没有可读的支行", "the region {root} has no readable branch"),
    "region_label": ("片区", "Region"),
    "branches_label": ("支行数", "Branches"),
    "missing_label": ("缺少的支行", "Branches missing"),
    "dataset_bad_code": ("支行代码 {code!r} 不能作为数据集的分区名（只能用字母、数字、- 和 _）",
                         "branch code {code!r} cannot name a dataset partition (letters, "
                         "digits, - and _ only)"),
    "engine_missing": ("{option} 需要引擎组件（pyarrow、DuckDB）：pip install 'lobbyctl[engine]'",
                       "{option} needs the engine extra (pyarrow, DuckDB): "
                       "pip install 'lobbyctl[engine]'"),
    "parquet_needs_output": ("--format parquet 须给出 --output 文件夹（写成分区数据集）",
                             "--format parquet needs --output DIR (it writes a partitioned "
                             "dataset)"),
    "parquet_whole": ("--format parquet 导出整个日志（按月增量）；--from、--to、--type、--raw 和 "
                      "--skip-bad 不适用", "--format parquet exports the whole journal (month by "
                      "month, incrementally); --from, --to, --type, --raw and --skip-bad do not "
                      "apply"),
    "dataset_not_folder": ("{option} {path}：{what}，不是文件夹", "{option} {path}: {what}, not a folder"),
    "dataset_other_region": ("数据集 {folder} 属于片区 {owner}：片区 {region} 写入会删去它的支行；"
                             "请导出到空的或新的文件夹",
                             "the dataset {folder} belongs to the region {owner}: the region "
                             "{region} would prune its branches; export into an empty or new "
                             "folder"),
    "dataset_in_journal": ("{option} {path}：在日志 {journal} 里面；数据集须写在日志之外",
                           "{option} {path}: inside the journal {journal}; a dataset is written "
                           "outside every journal"),
    "dataset_written": ("数据集 {path}：重写 {written} 个月，{kept} 个月未变，删除 {removed} 个月",
                        "dataset {path}: {written} month(s) rewritten, {kept} unchanged, "
                        "{removed} removed"),
    "dataset_busy": ("{path}：另一个导出正在写这个数据集", "{path}: another export is writing this dataset"),
    "dataset_bad_value": ("{where}：{column} 列的值 {value!r} 不是 {kind}",
                          "{where}: the {column} value {value!r} is not {kind}"),
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
    # check's judgement of an entry (check/entry.py, schema/fields.py): said
    # where no language is known (``sentence``), in the journal's where printed
    "field_problem": ("{field}：{problem}", "{field}: {problem}"),
    "must_be_text": ("应为文字，实为 {value}", "must be text, found {value}"),
    "not_unicode": ("{value} 不是有效的 Unicode 文字", "{value} is not valid Unicode text"),
    "label_meant": ("未知的 {vocab} {value}（是指 {meant} 吗？）",
                    "unknown {vocab} {value} (did you mean {meant}?)"),
    "label_unknown": ("未知的 {vocab} {value}（可用：{known}）", "unknown {vocab} {value} (known: {known})"),
    "not_iso_time": ("{value} 不是带 UTC 偏移的 ISO 8601 时间",
                     "{value} is not an ISO 8601 time with a UTC offset"),
    "int_range": ("应为 {least} 到 {most} 之间的整数，实为 {value}",
                  "must be a whole number from {least} to {most}, found {value}"),
    "int_least": ("应为不小于 {least} 的整数，实为 {value}",
                  "must be a whole number, {least} or more, found {value}"),
    "not_bool": ("应为 true 或 false，实为 {value}", "must be true or false, found {value}"),
    "not_date_field": ("{value} 不是日期（YYYY-MM-DD）", "{value} is not a date (YYYY-MM-DD)"),
    "not_id_field": ("{value} 不是记录编号（YYMMDD-xxxxxx）", "{value} is not an entry id (YYMMDD-xxxxxx)"),
    "not_sales": ("应为破冰产品销量的列表（每项只含 product 与 sold），实为 {value}",
                  "must be a list of ice-breaker sales (each with product and sold only), "
                  "found {value}"),
    "empty_product": ("不能为空", "must not be empty"),
    "not_names": ("应为姓名列表，实为 {value}", "must be a list of names, found {value}"),
    "not_label_list": ("应为 {vocab} 代码的列表，实为 {value}", "must be a list of {vocab} keys, found {value}"),
    "not_checklist": ("应为 {vocab} 代码到问题说明的映射，实为 {value}",
                      "must map {vocab} keys to what was wrong, found {value}"),
    "entry_not_mapping": ("一条记录应是字段的映射", "an entry must be a mapping of fields"),
    "unknown_type": ("type：未知的记录类型 {value}（可用：{known}）",
                     "type: unknown entry type {value} (known: {known})"),
    "missing_field": ("缺少必填字段：{fields}", "missing required field: {fields}"),
    "missing_fields": ("缺少必填字段：{fields}", "missing required fields: {fields}"),
    "field_name_not_text": ("字段名应为文字，实为 {value}", "a field name must be text, found {value}"),
    "unknown_field": ("{type}记录没有字段 {value}", "unknown field {value} for {type}"),
    "unknown_field_meant": ("{type}记录没有字段 {value}（是指 {meant} 吗？）",
                            "unknown field {value} for {type} (did you mean {meant}?)"),
    "id_not_id": ("id：{value} 不是记录编号（YYMMDD-xxxxxx）",
                  "id: {value} is not an entry id (YYMMDD-xxxxxx)"),
    "id_other_day": ("id：{id} 指的是 {named}，但这是 {day} 的日志文件",
                     "id: {id} names the day {named}, but the file is {day}"),
    "duplicate_id": ("编号 {id} 重复：{place} 也有", "duplicate id {id}: also at {place}"),
    "date_before_day": ("{value} 早于记录当天（{day}）", "{value} is before the day it was recorded ({day})"),
    "ref_later_day": ("ref：{ref} 指的是 {named}，晚于这条跟进的日期 {day}；跟进应在被跟进的记录之后",
                      "ref: {ref} names the day {named}, after this update's day {day}; an update "
                      "comes after what it changes"),
    "at_not_iso": ("at：{value} 不是带 UTC 偏移的 ISO 8601 时间（例如 2026-11-20T10:30:00+08:00）",
                   "at: {value} is not an ISO 8601 time with a UTC offset "
                   "(like 2026-11-20T10:30:00+08:00)"),
    "at_out_of_range": ("at：{value} 超出范围", "at: {value} is out of range"),
    "at_other_day": ("at：{at} 在 {timezone} 是 {local}，但这是 {day} 的日志文件",
                     "at: {at} is on {local} in {timezone}, but the file is {day}"),
    # a day file that does not load (store/dayfile.py, safeyaml.py, dayopen.py)
    "cannot_read": ("无法读取：{reason}", "cannot read: {reason}"),
    "cannot_write": ("无法写入 {target}：{reason}", "cannot write {target}: {reason}"),
    "cannot_write_unrecorded": ("无法写入 {target}：{reason}；本次未记录",
                                "cannot write {target}: {reason}; nothing was recorded"),
    "day_file_linked_reason": ("它是符号链接，日志不跟随链接", "it is a symbolic link, which a journal does not follow"),
    "day_folder_linked_reason": ("它所在的目录 {folder} 是符号链接，日志不跟随链接",
                                 "its folder {folder} is a symbolic link, which a journal does not follow"),
    "day_folder_not_folder_reason": ("{folder} 是{kind}，而那里应是目录",
                                     "{folder} is {kind}, where a folder belongs"),
    "torn_not_kept": ("无法把 {day} 未写完的最后一行保存到 {folder}：{reason}；本次未记录",
                      "cannot keep the unfinished last line of {day} in {folder}: {reason}; "
                      "nothing was recorded"),
    "cannot_list_folder": ("无法列出 {folder}：{reason}", "cannot list {folder}: {reason}"),
    "not_a_journal_folder": ("{root} 是{kind}，不是日志目录", "{root} is {kind}, not a journal folder"),
    # a journal's lobbyctl.yaml (store/config.py)
    "config_branch": ("branch：应是含 code 和 name 的映射", "branch: must be a mapping with code and name"),
    "config_lang": ("lang：{typed} 不是 zh 或 en", "lang: {typed} is not zh or en"),
    "config_extra_mappings": ("checklist 和 vocabulary 应是映射", "checklist and vocabulary must be mappings"),
    "config_extra_labels": ("{name} 的补充标签应写成 键: 中文标签", "extra {name} labels must map key: 中文标签"),
    "config_format": ("这个版本的 lobbyctl 不支持 format {typed}（它读取 format {format}）",
                      "format {typed} is not supported by this lobbyctl (it reads format {format})"),
    "config_timezone": ("{where}：未知的时区 {typed}（例如 Asia/Shanghai）",
                        "{where}: unknown timezone {typed} (e.g. Asia/Shanghai)"),
    "config_not_list": ("{name}：应是列表", "{name}: must be a list"),
    "config_not_regular": ("不是普通文件（FIFO、设备或套接字？）；日志设置须是普通文件",
                           "not a regular file (a FIFO, device or socket?); the journal config "
                           "must be a plain file"),
    "config_too_big": ("文件超过 {limit} 字节；设置文件最多 {limit} 字节",
                       "file is over {limit} bytes; a config file is at most {limit} bytes"),
    "config_not_mapping": ("设置文件应是设置的映射", "the config must be a mapping of settings"),
    "config_key_not_text": ("设置的名字应是文字，不能是列表或映射",
                            "a setting name must be text, not a list or mapping"),
    # the system's reasons for the errors people meet (``os_reason``); the
    # English is the C library's own strerror text, word for word
    "os_EACCES": ("权限不够", "Permission denied"),
    "os_EPERM": ("不允许的操作", "Operation not permitted"),
    "os_ENOENT": ("没有那个文件或目录", "No such file or directory"),
    "os_EISDIR": ("是一个目录", "Is a directory"),
    "os_ENOTDIR": ("不是目录", "Not a directory"),
    "os_ENOSPC": ("设备上没有空间", "No space left on device"),
    "os_EDQUOT": ("超出磁盘配额", "Disk quota exceeded"),
    "os_EROFS": ("只读文件系统", "Read-only file system"),
    "os_ELOOP": ("符号链接的层数过多", "Too many levels of symbolic links"),
    "os_ENAMETOOLONG": ("文件名过长", "File name too long"),
    "os_EMFILE": ("打开的文件过多", "Too many open files"),
    "os_ENFILE": ("系统中打开的文件过多", "Too many open files in system"),
    "os_EFBIG": ("文件过大", "File too large"),
    "os_EEXIST": ("文件已存在", "File exists"),
    "os_EIO": ("输入/输出错误", "Input/output error"),
    "day_file_too_big": ("文件有 {size} MiB；日志文件最多 {limit} MiB",
                         "file is {size} MiB; a day file is at most {limit} MiB"),
    "not_utf8": ("不是有效的 UTF-8 文字", "not valid UTF-8 text"),
    "not_a_list": ("日志文件应是记录的列表（每行以“- ”开头）",
                   "a day file must be a list of entries (each line starting with '- ')"),
    "yaml_error": ("YAML 错误：{problem}", "YAML error: {problem}"),
    "yaml_long_number": ("YAML 错误：数字太长，无法读取", "YAML error: a number too long to read"),
    "yaml_too_many": ("超过 {limit} 个值：作为 YAML 读取的文件不能这么多",
                      "more than {limit} values: too many for a file lobbyctl reads as YAML"),
    "yaml_alias": ("不允许 YAML 别名（*{anchor}）", "YAML aliases (*{anchor}) are not allowed"),
    "yaml_anchor": ("不允许 YAML 锚点（&{anchor}）", "YAML anchors (&{anchor}) are not allowed"),
    "yaml_tag": ("不允许 YAML 标签（{tag}）", "YAML tags ({tag}) are not allowed"),
    "too_deep": ("嵌套太深", "nested too deeply"),
    "not_a_plain_file": ("这是{kind}，不是普通文件；日志文件必须是普通文件",
                         "{kind}, not a regular file; a day file must be a plain file"),
    "a_file": ("文件", "a file"),
    "a_folder": ("目录", "a folder"),
    "a_symlink": ("符号链接", "a symbolic link"),
    "a_fifo": ("命名管道（FIFO）", "a FIFO (named pipe)"),
    "a_socket": ("套接字", "a socket"),
    "a_character_device": ("字符设备", "a character device"),
    "a_block_device": ("块设备", "a block device"),
    "not_regular_file": ("非普通文件", "not a regular file"),
    "not_a_folder_word": ("非目录", "not a folder"),
    "year_word": ("年份", "year"),
    "month_word": ("月份", "month"),
    "not_a_folder": ("{what}位于{which}目录应在的位置；lobbyctl 不会读取其下的日志文件",
                     "{what} where a {which} folder belongs; lobbyctl reads no day file under it"),
    # check's walk of the folders (check/validate.py)
    "outside_folder": ("日志文件不在它的目录里；日志文件应在 YYYY/MM/YYYY-MM-DD.yaml",
                       "a day file outside its folder; day files live at YYYY/MM/YYYY-MM-DD.yaml"),
    "not_in_month": ("不在月份目录里；日志文件应在 {year}/MM/YYYY-MM-DD.yaml",
                     "not in a month folder; day files live at {year}/MM/YYYY-MM-DD.yaml"),
    "folder_like_day": ("这个目录的名字像日志文件；日志文件必须是普通文件",
                        "a folder named like a day file; a day file must be a plain file"),
    "misnamed": ("文件名不是 YYYY-MM-DD.yaml 的形式，lobbyctl 不会读取它",
                 "not named YYYY-MM-DD.yaml, so lobbyctl never reads it"),
    "not_calendar_date": ("{name} 不是日历上的日期", "{name} is not a calendar date"),
    "wrong_folder": ("放错了目录：{name} 应在 {folder}/", "in the wrong folder: {name} belongs in {folder}/"),
    "stray_yaml": ("不在日志文件所在的位置（YYYY/MM/YYYY-MM-DD.yaml），lobbyctl 不会读取它",
                   "not where day files live (YYYY/MM/YYYY-MM-DD.yaml), so lobbyctl never reads it"),
    "cannot_list": ("无法列出这个目录：{reason}", "cannot list this folder: {reason}"),
    "symlink_in_journal": ("这是符号链接；日志目录只放真实的文件和目录（lobbyctl 不跟随链接）",
                           "a symbolic link; a journal holds real files and folders only "
                           "(lobbyctl does not follow links)"),
    "torn_line": ("最后一行没有写完（写入时中断）；下次向这一天记录时会移除它，并把副本保存在 .lobbyctl-torn/",
                  "an unfinished last line (a write cut short by a crash); the next recording "
                  "into this day removes it, keeping a copy in .lobbyctl-torn/"),
    # where an update's ref leads (check/refs.py)
    "ref_unreadable": ("ref：{ref} 所在的日文件无法读取", "ref: {ref} is in a day file that does not load"),
    "ref_nowhere": ("ref：日志中没有记录 {ref}", "ref: no entry {ref} in the journal"),
    "ref_before_original": ("at：{at} 早于 {ref} 的记录时间（{original_at}）；跟进应在被跟进的记录之后",
                            "at: {at} is before {ref} was recorded ({original_at}); an update "
                            "comes after what it changes"),
    # where another link leads (check/refs.py): an outreach's lead, a second
    # cross-sell's first, a returning customer's referral
    "link_later_day": ("{field}：{ref} 指的是 {named}，晚于这条记录的日期 {day}；应指向之前的记录",
                       "{field}: {ref} names the day {named}, after this entry's day {day}; "
                       "it must lead to an earlier entry"),
    "link_unreadable": ("{field}：{ref} 所在的日文件无法读取",
                        "{field}: {ref} is in a day file that does not load"),
    "link_itself": ("{field}：{ref} 是这条记录自己", "{field}: {ref} is this entry itself"),
    "link_nowhere": ("{field}：日志中没有记录 {ref}", "{field}: no entry {ref} in the journal"),
    "link_before_original": ("at：{at} 早于 {field} 指向的 {ref} 的记录时间（{original_at}）",
                             "at: {at} is before {ref}, which {field} leads to, was recorded "
                             "({original_at})"),
    "satisfaction_off_a_sale": ("satisfaction：{ref} 此时的结果是 {outcome}，满意度回访只用于成功的推荐，不计入任何报表",
                                "satisfaction: {ref} is {outcome} by then; a satisfaction check "
                                "is made on a sale (an accepted referral) only, and no report "
                                "counts this one"),
    "link_same_time_below": ("{field}：{ref} 与本条同一时刻（{at}），却写在本条之后：链接只能指向之前的记录",
                             "{field}: {ref} has this entry's very time ({at}) but comes after it "
                             "in the file: a link leads only to an entry before it"),
    "time_too_late": ("{later}：{later_at} 比 at（{at}）晚 {hours} 小时以上",
                      "{later}: {later_at} is more than {hours} hours after at ({at})"),
    "time_out_of_order": ("{later}：{later_at} 早于 {earlier}（{earlier_at}）",
                          "{later}: {later_at} is before {earlier} ({earlier_at})"),
    "link_wrong_target": ("{field}：{ref} 是 {target} 记录，应为 {wanted}",
                          "{field}: {ref} is a {target} entry, not {wanted}"),
    "ref_not_updatable": ("ref：{ref} 是 {target} 记录，不能跟进（只能跟进 {updatable}）",
                          "ref: {ref} is a {target} entry, which cannot be updated "
                          "(only {updatable})"),
    # where a void's ref leads (check/refs.py, check/validate.py)
    "void_ref_later_day": ("ref：{ref} 指的是 {named}，晚于这条作废更正的日期 {day}；作废应在被作废的记录之后",
                           "ref: {ref} names the day {named}, after this void's day {day}; a "
                           "void comes after what it voids"),
    "void_ref_before": ("at：{at} 早于 {ref} 的记录时间（{original_at}）；作废应在被作废的记录之后",
                        "at: {at} is before {ref} was recorded ({original_at}); a void comes "
                        "after what it voids"),
    "void_ref_void": ("ref：{ref} 本身是一条作废更正，不能再作废",
                      "ref: {ref} is itself a void, which cannot be voided"),
    "void_twice": ("ref：{ref} 已由 {place} 作废过", "ref: {ref} was voided already, at {place}"),
    # the queue: map of lobbyctl.yaml (check, import queue)
    "queue_not_mapping": ("queue：须为映射（columns、time_formats、values）",
                          "queue: must be a mapping (columns, time_formats, values)"),
    "queue_unknown_setting": ("queue：未知的设置 {setting}；可用：{known}",
                              "queue: unknown setting {setting}; known: {known}"),
    "queue_columns_not_mapping": ("queue.columns：须为 字段: 列名 的映射",
                                  "queue.columns: must map field: column name"),
    "queue_unknown_field": ("queue.columns：{field} 不是票号记录的字段；可用：{known}",
                            "queue.columns: {field} is not a field of a ticket; fields: {known}"),
    "queue_column_not_text": ("queue.columns.{field}：列名须为文字",
                              "queue.columns.{field}: the column name must be text"),
    "queue_column_required": ("queue.columns：缺少必需的 {field}（必需：{required}）",
                              "queue.columns: {field} is required (required: {required})"),
    "queue_column_twice": ("queue.columns：列 {header} 同时给了 {first} 和 {field}",
                           "queue.columns: column {header} is given to both {first} and {field}"),
    "queue_time_formats": ("queue.time_formats：须为 strptime 格式的列表，例如 \"%Y-%m-%d %H:%M:%S\"",
                           "queue.time_formats: must be a list of strptime formats, e.g. "
                           "\"%Y-%m-%d %H:%M:%S\""),
    "queue_time_format_bad": ("queue.time_formats：{value} 读不出日期和时刻（用 %Y %m %d %H %M）",
                              "queue.time_formats: {value} does not give a date and a time of "
                              "day (use %Y %m %d %H %M)"),
    "queue_values_not_mapping": ("queue.values：须为映射（{fields}：厂商用词: 键）",
                                 "queue.values: must be mappings ({fields}: vendor word: key)"),
    "queue_values_field": ("queue.values：{field} 没有取值映射；只有 {fields} 有",
                           "queue.values: {field} has no value map; only {fields} do"),
    "queue_value_unknown": ("queue.values.{field}：{word} 映射到的 {value} 不是 {vocab} 的键；可用：{known}",
                            "queue.values.{field}: {word} maps to {value}, not a {vocab} key; "
                            "known: {known}"),
    "queue_encoding_bad": ("queue.encoding：{value} 不是可用的编码；可用：{known}",
                           "queue.encoding: {value} is not an encoding I read; known: {known}"),
    "service_level_bad": ("service_level_minutes：{value} 不是 {least}–{most} 的整数分钟",
                          "service_level_minutes: {value} is not a whole number of minutes "
                          "from {least} to {most}"),
    # import queue: a row of the export, said at its line
    "import_csv_error": ("不是能读的 CSV：{reason}", "not CSV I can read: {reason}"),
    "import_no_header": ("没有表头行（文件是空的？）", "no header row (is the file empty?)"),
    "import_no_column": ("表头没有 {field} 所需的列 {column!r}（见 lobbyctl.yaml 的 queue.columns）；表头：{header}",
                         "the header has no column {column!r} for {field} (queue.columns in "
                         "lobbyctl.yaml); it has: {header}"),
    "import_empty_cell": ("列 {column} 是空的", "column {column} is empty"),
    "import_bad_time": ("列 {column}：{value!r} 不是 queue.time_formats 里的时间（{formats}）",
                        "column {column}: {value!r} is not a time in queue.time_formats ({formats})"),
    "import_time_skipped": ("列 {column}：{value!r} 在时区 {zone} 中不存在（拨快时钟跳过的时刻）",
                            "column {column}: {value!r} does not exist in {zone} (the clocks "
                            "skipped it)"),
    "import_too_many_rows": ("超过 {limit} 行，不像排队机的导出；其余未读", "over {limit} rows: not a "
                             "queue export; the rest was not read"),
    "import_future": ("列 {column}：{value} 晚于现在一天以上", "column {column}: {value} is more "
                      "than a day in the future"),
    "import_before_taken": ("列 {column}：{value} 早于取号时间 {taken}",
                            "column {column}: {value} is before the time taken, {taken}"),
    "import_long_after": ("列 {column}：{value} 比取号时间 {taken} 晚 {hours} 小时以上",
                          "column {column}: {value} is more than {hours} hours after the time "
                          "taken, {taken}"),
    "import_end_before_start": ("办结时间 {end} 早于开始办理 {start}",
                                "service end {end} is before its start {start}"),
    "import_unknown_value": ("列 {column}：{value!r} 不在 queue.values.{field} 里，也不是可用的键（{known}）",
                             "column {column}: {value!r} is not in queue.values.{field} nor a "
                             "key ({known})"),
    "import_bad_text": ("列 {column}：含控制字符、无效字符或过长", "column {column}: holds control "
                        "or invalid characters, or is too long"),
    "import_not_encoding": ("不能按 {encoding} 读取", "cannot be read as {encoding}"),
    "import_undecodable": ("既不是 UTF-8 也不是 GB18030（可用 --encoding 指定）",
                           "neither UTF-8 nor GB18030 (give --encoding)"),
    "import_cannot_read": ("不能读取 {file}：{reason}", "cannot read {file}: {reason}"),
    "import_not_regular": ("{file} 不是普通文件", "{file} is not a regular file"),
    "import_too_big": ("{file} 超过 {limit} MB，不像一天的导出", "{file} is over {limit} MB: not a "
                       "day's export"),
    "import_bad_rows": ("{path} 有 {count} 行读不了：整个文件都未导入（--skip-bad 导入其余各行）",
                        "{count} row(s) of {path} do not parse: nothing of it was imported "
                        "(--skip-bad imports the others)"),
    "import_done": ("已从 {path} 导入 {added} 张票号，写入 {days} 个日文件",
                    "Imported {added} ticket(s) from {path} into {days} day file(s)"),
    "import_already": ("{count} 张票号已在日志中，已跳过", "{count} ticket(s) already in the "
                       "journal: skipped"),
    "import_nothing": ("{path} 没有新内容：{count} 张票号都已在日志中",
                       "Nothing new in {path}: all {count} ticket(s) are already in the journal"),
    "import_day_full": ("导入后 {day} 的日志文件将超过 {limit} MiB 的上限：整个文件都未导入",
                        "the tickets of {day} would make its day file larger than its {limit} "
                        "MiB limit: nothing of the export was imported"),
    "import_all_bad": ("{path} 的 {count} 行都读不了：没有导入任何内容",
                       "none of the {count} row(s) of {path} can be read: nothing was imported"),
    "import_no_rows": ("{path} 只有表头，没有票号", "{path} has a header and no tickets"),
    "import_left_out": ("{count} 行未导入（--skip-bad）：", "{count} row(s) left out (--skip-bad):"),
    # targets: in lobbyctl.yaml (schema/targets.py), said by check
    "targets_not_mapping": ("targets：须是“目标名: 数值”的映射（例如 diversion_rate: 0.70）",
                            "targets: must map a target name to a number "
                            "(e.g. diversion_rate: 0.70)"),
    "target_unknown": ("targets：未知的目标 {name!r}；可用：{valid}",
                       "targets: unknown target {name!r}; valid: {valid}"),
    "target_not_number": ("targets：{name} 的值 {value} 不是数字", "targets: {name}: {value} is not a number"),
    "target_too_large": ("targets：{name} 的值 {value} 太大，任何指标都无法与之比较",
                         "targets: {name}: {value} is too large to compare any figure with"),
    "target_not_rate": ("targets：{name} 是比率，须在 0 到 1 之间（70% 写作 0.70），不是 {value}",
                        "targets: {name} is a rate, from 0 to 1 (70% is 0.70), not {value}"),
    "target_negative": ("targets：{name} 不能是负数（{value}）", "targets: {name} cannot be negative ({value})"),
    "items_invalid": ("--items 应为正整数或 all（列出全部），而不是 {value!r}",
                      "--items takes a positive whole number or all (every row), not {value!r}"),
    "targets_left_out": ("lobbyctl.yaml 的 targets 有 {count} 处问题，这些目标未列入报表（lobbyctl check 会逐条说明）",
                         "lobbyctl.yaml: {count} problem(s) in targets, left out of the form "
                         "(lobbyctl check names each)"),
    "target_twice": ("targets：{name} 与 {other} 是同一项指标的目标，只能留一个",
                     "targets: {name} and {other} set a target on the same figure; keep one"),
}


class Said(str):
    """A sentence of the catalogue, knowing its language: an error raised
    with one is framed in that language ("错误：" or "Error: ")."""

    lang = "en"


def say(key, lang="zh", **values):
    zh, en = MESSAGES[key]
    # a value that is a sentence itself (``kind_of``'s "a FIFO") in ``lang`` too:
    # never English words inside a Chinese sentence
    values = {name: in_language(value, lang) if isinstance(value, Sentence) else value
              for name, value in values.items()}
    said_text = Said((zh if lang == "zh" else en).format(**values))
    said_text.lang = "zh" if lang == "zh" else "en"
    return said_text


class Sentence(Said):
    """A sentence of the catalogue said where no language is known (a
    problem ``check`` finds in an entry, a reader's ``path:line: message``):
    English text, with its ``key`` and ``values`` kept so ``in_language``
    can say it again in the journal's language.  A value may be a
    ``Sentence`` itself (``{field}: {problem}``)."""

    key = None
    values = {}


def sentence(key, **values):
    """``key`` said in English, keeping the key and values (``Sentence``)."""
    text = Sentence(MESSAGES[key][1].format(**values))
    text.key = key
    text.values = values
    return text


def sentence_data(text):
    """A ``Sentence`` as plain JSON data (``{"key", "values"}``, each value
    text or a sentence), to be kept in a cache; None for any other text."""
    if getattr(text, "key", None) is None:
        return None
    return {"key": text.key, "values": {name: sentence_data(value) or str(value)
                                        if isinstance(value, Sentence) else str(value)
                                        for name, value in text.values.items()}}


def sentence_from(data, english):
    """The ``Sentence`` ``sentence_data`` kept, or ``english`` as it is when
    the data does not say it again (a cache of another version)."""
    try:
        values = {name: sentence_from(value, None) if isinstance(value, dict) else value
                  for name, value in data["values"].items()}
        text = sentence(data["key"], **values)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return english
    return english if english is not None and text != english else text


def in_language(text, lang):
    """``text`` in ``lang`` when it is a ``Sentence`` of the catalogue (its
    values said in ``lang`` too), else ``text`` as it is (English)."""
    key = getattr(text, "key", None)
    if key is None or key not in MESSAGES:
        return text
    return say(key, lang, **{name: in_language(value, lang) if isinstance(value, Sentence)
                             else value for name, value in text.values.items()})


def os_reason(exc):
    """Why an ``OSError`` happened, as a person reads it: a ``Sentence`` of
    the catalogue for the errnos people meet (said in the journal's
    language with the message around it), else the system's own words."""
    import errno

    key = f"os_{errno.errorcode.get(getattr(exc, 'errno', None), '')}"
    if key in MESSAGES:
        return sentence(key)
    return getattr(exc, "strerror", None) or str(exc)


def problem(cls, key, *, hint=None, hint_key=None, path=None, line=None, **values):
    """A ``LobbyError`` of class ``cls`` saying ``key``: English in
    ``.message``, the key and values kept for ``said``.  ``hint_key`` names a
    hint sentence taking the same values; ``path``/``line`` make a
    ``FileProblem``'s place (its ``.detail`` a ``Sentence``)."""
    english = sentence(key, **values)
    if hint_key is not None:
        hint = say(hint_key, "en", **values)
    # the hint's key goes along, so ``said`` gives it in the journal's language
    # as it does the message (else a Chinese error came with an English hint)
    if path is not None:
        return cls(path, line, english, hint=hint, key=key, values=values, hint_key=hint_key)
    return cls(english, hint=hint, key=key, values=values, hint_key=hint_key)


def said(exc, lang):
    """``(message, hint)`` of a ``LobbyError`` in ``lang``: its catalogue
    sentence when it was raised with a key, else its English text."""
    if getattr(exc, "key", None) is None or exc.key not in MESSAGES:
        return exc.message, exc.hint
    text = in_language(sentence(exc.key, **exc.values), lang)
    location = getattr(exc, "location", None)
    message = f"{location}: {text}" if location else text
    hint = say(exc.hint_key, lang, **exc.values) if exc.hint_key in MESSAGES else exc.hint
    return message, hint
