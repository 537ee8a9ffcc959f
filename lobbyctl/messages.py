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
    "skipped_file": ("已跳过无法读取的日志文件：{problem}", "Skipped a day file that does not parse: {problem}"),
}


def say(key, lang="zh", **values):
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**values)
