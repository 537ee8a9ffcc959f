"""Personal data (hardening issue, item 8): every form a person types a number
in — full-width and Chinese digits, groups apart by any space, tab, dot,
underscore or dash — is masked where text enters (every free-text field,
``--by``, ``init``'s branch name and managers) and where it leaves (every
command, format and message: errors, click's usage errors, ``check`` lines,
``--skip-bad`` notices, report headers echoing ``--where`` or the config)."""

import json
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Run, day_file
from robustness import scale
from lobbyctl.schema.text.privacy import mask_text


@pytest.fixture
def journal(english_journal):
    """The lines pinned here are English (tests/test_check_language.py shows
    a Chinese journal's)."""
    return english_journal

# (name, as typed, as stored/shown)
FORMS = [
    ("id-full-width", "１１０１０５１９４９１２３１００２１", "１１０***********００２１"),
    ("id-full-width-x", "１１０１０５１９４９１２３１００２Ｘ", "１１０***********００２Ｘ"),
    ("id-in-fours", "1101 0519 4912 3100 2X", "110***********002X"),
    ("id-in-fours-dashed", "1101-0519-4912-3100-21", "110***********0021"),
    ("card-6-13", "622202 1234567890128", "***************0128"),
    ("card-4-6-6", "4111 111111 111111", "************1111"),
    ("mobile-nbsp", "138\u00a01234\u00a05678", "138****5678"),
    ("mobile-thin-space", "138\u20091234\u20095678", "138****5678"),
    ("mobile-ideographic-space", "138\u30001234\u30005678", "138****5678"),
    ("mobile-tab", "138\t1234\t5678", "138****5678"),
    ("mobile-two-spaces", "138  1234  5678", "138****5678"),
    ("mobile-dots", "138.1234.5678", "138****5678"),
    ("mobile-underscores", "138_1234_5678", "138****5678"),
    ("mobile-em-dash", "138—1234—5678", "138****5678"),
    ("mobile-en-dash", "138–1234–5678", "138****5678"),
    ("mobile-full-width-dash", "138－1234－5678", "138****5678"),
    ("mobile-chinese", "一三八一二三四五六七八", "一三八****五六七八"),
    ("mobile-chinese-ling", "一三八零二三四五六七八", "一三八****五六七八"),
    ("mobile-chinese-circle", "一三八〇二三四五六七八", "一三八****五六七八"),
    ("mobile-after-name", "赵13400005555", "赵134****5555"),
]
FORM_IDS = [name for name, _typed, _shown in FORMS]

LOOK_ALIKES = [
    "2026-11-20", "2026.11.20", "2026_11_20", "2026—11—20", "2026-11-20 10:30",
    "2026.11.20 2026.11.21", "1,000.00", "12,345,678.00", "261120-7kq3xm", "10:30:00",
    "第一二三四五六七八九〇号", "一二三四五六七八九十", "三百六十五", "100.5", "0.125",
    "v1.2.3", "192.168.100.123", "3.1415926535", "count\t3\t12\t5", "共 138 人  1234 笔",
    "2026-11-20T10:30:00+08:00", "13:45", "95588", "400-820-8888", "A023号",
    "6222 021234 567891",  # a 4-6-6 group failing the Luhn check
    "/tmp/pytest-of-root/pytest-12/journal/2026/11/2026-11-20.yaml:3:",
]


@pytest.mark.parametrize("typed,shown", [form[1:] for form in FORMS], ids=FORM_IDS)
def test_each_form_is_masked_and_only_the_number_changes(typed, shown):
    assert mask_text(typed) == (shown, 1)
    around = f"客户「{typed}」，2026-11-20 10:30 来电"
    assert mask_text(around) == (f"客户「{shown}」，2026-11-20 10:30 来电", 1)
    assert mask_text(shown) == (shown, 0)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_left_alone(text):
    assert mask_text(text) == (text, 0)


# --- a grep for numbers in every output ---------------------------------------

_DIGITS = str.maketrans({**{chr(0xFF10 + n): str(n) for n in range(10)},
                         **dict(zip("〇零一二三四五六七八九", "00123456789")), "Ｘ": "X"})
# what may stand between the groups of a number, written or escaped by repr
_BETWEEN = re.compile(r"(?:[\s._\-\u2010-\u2015\u2212\uff0d]|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}|\\t|"
                      r"\\\\)+")


def _bare(text):
    return _BETWEEN.sub("", text.translate(_DIGITS))


SECRETS = {name: _bare(typed) for name, typed, _shown in FORMS}


def leaks(text):
    """The forms whose digits appear in ``text`` in full, however grouped."""
    bare = _bare(text)
    return sorted(name for name, digits in SECRETS.items() if digits in bare)


def journal_files(root):
    return {path: path.read_bytes().decode("utf-8", "replace")
            for path in root.rglob("*") if path.is_file()}


# --- record every form into every free-text field and --by ------------------

DAY = "2026-11-20"


def _steps(typed):
    text = f"客户{typed}"
    return [
        ["open", "--at", f"{DAY}T08:30", "--ok", "--staff", text, "--problem", "facilities", text,
         "--note", text],
        ["greet", "--at", f"{DAY}T09:00", "--ticket", text, "--customer", text, "--note", text],
        ["refer", "--at", f"{DAY}T09:10", "--product", text, "--to", "wealth-manager",
         "--to-name", text, "--customer", text, "--note", text, "--follow-up", DAY,
         "--via", "phone"],
        ["complain", "--at", f"{DAY}T09:20", "--level", "complaint", "--category", "waiting",
         "--summary", text, "--remedy", text, "--customer", text, "--note", text,
         "--escalate-to", text],
        ["complain", "--at", f"{DAY}T09:30", "--category", "fees", "--summary", "年费",
         "--resolved", text],
        ["note", "--at", f"{DAY}T09:40", "fault", text, "--device", text, "--note", text],
        ["update", "FAULT", "--at", f"{DAY}T10:00", "--resolution", text, "--note", text],
        ["close", "--at", f"{DAY}T17:30", "--ok", "--problem", "equipment", text,
         "--remarks", text, "--note", text],
    ]


PERIOD = ["--from", "2026-11-01", "--to", "2026-11-30"]
FORMATS = ["text", "markdown", "csv", "json"]
READERS = [["show", DAY], ["due", "--on", "2026-11-21"], ["check"]]
READERS += [["report", "day", DAY, "-f", fmt] for fmt in FORMATS]
READERS += [["report", "month", DAY[:7], "-f", fmt] for fmt in FORMATS]
READERS += [["report", "table", "--type", kind, "--by", by, *PERIOD, "-f", fmt]
            for kind, by in [("greet", "by"), ("greet", "customer"), ("refer", "to_name"),
                             ("open", "staff")] for fmt in ("text", "json")]
READERS += [["export", "-f", fmt, *PERIOD, *raw] for fmt in ("jsonl", "csv")
            for raw in ([], ["--raw"])]
WRITERS = [["report", "day", DAY, "-f", "csv", "-o", "{out}/day.csv"],
           ["report", "month", DAY[:7], "-f", "json", "-o", "{out}/month.json"],
           ["export", "-f", "jsonl", *PERIOD, "-o", "{out}/export.jsonl"]]


def _journal(tmp_path, typed, stored_in_full):
    """A journal whose branch name and managers hold ``typed``, every field
    and ``--by`` too; kept in full if ``stored_in_full``, else as recorded."""
    run = Run(tmp_path / "journal")
    result = run("init", "--branch-code", "0101", "--branch-name", f"城东支行{typed}",
                 "--manager", f"王芳{typed}", "--manager", "李强")
    assert result.exit_code == 0, result.stderr
    assert not leaks(result.stdout + result.stderr)
    config = run.root / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    if stored_in_full:
        name, manager = json.dumps(f"城东支行{typed}", ensure_ascii=False), \
            json.dumps(f"王芳{typed}", ensure_ascii=False)
        text = re.sub(r'(?m)^  name: .*$', f"  name: {name}", text)
        text = re.sub(r'(?m)^  - .*王芳.*$', f"  - {manager}", text)
        text = text.replace("store_personal_data: false", "store_personal_data: true")
        config.write_text(text, encoding="utf-8")
        assert leaks(config.read_text(encoding="utf-8"))
    else:
        assert not leaks(text), "init keeps a number in lobbyctl.yaml"
    fault = None
    for argv in _steps(typed):
        argv = [fault if word == "FAULT" else word for word in argv]
        # the first manager records by default (its name holds the number too)
        by = [] if argv[0] == "greet" else ["--by", f"赵{typed}"]
        result = run(*argv, *by)
        assert result.exit_code == 0, (argv, result.stderr)
        assert not leaks(result.stdout + result.stderr), argv
        if argv[0] == "note":
            fault = result.stdout.strip()
    return run


def _run_everything(run, tmp_path):
    """Every reader in every format, and the writers' files: what leaked where."""
    out = tmp_path / "out"
    found = {}
    for argv in READERS + WRITERS:
        argv = [word.format(out=out) for word in argv]
        result = run(*argv)
        assert result.exit_code in (0, 1), (argv, result.stderr)
        for stream, text in (("stdout", result.stdout), ("stderr", result.stderr)):
            if leaks(text):
                found[f"{' '.join(argv[:3])} {stream}"] = leaks(text)
    for path in out.iterdir():
        if leaks(path.read_text(encoding="utf-8")):
            found[path.name] = leaks(path.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("typed", [form[1] for form in FORMS], ids=FORM_IDS)
def test_a_number_in_any_form_is_masked_when_recorded(tmp_path, typed):
    run = _journal(tmp_path, typed, stored_in_full=False)
    found = _run_everything(run, tmp_path)
    assert not found, found
    files = {path.name: leaks(text) for path, text in journal_files(run.root).items()
             if leaks(text)}
    assert not files, files  # day files, lobbyctl.yaml, the cache
    [by_entry] = [entry for entry in yaml.safe_load(day_file(run.root, DAY).read_text(
        encoding="utf-8")) if entry["type"] == "open"]
    assert by_entry["by"] == f"赵{mask_text(typed)[0]}"


@pytest.mark.parametrize("typed", [form[1] for form in FORMS], ids=FORM_IDS)
def test_a_number_stored_in_full_is_masked_in_every_output(tmp_path, typed):
    run = _journal(tmp_path, typed, stored_in_full=True)
    assert leaks(day_file(run.root, DAY).read_text(encoding="utf-8"))
    found = _run_everything(run, tmp_path)
    assert not found, found


def test_no_mask_shows_the_by_field_branch_and_managers_in_full(tmp_path):
    typed = "138 1234 5678"
    run = _journal(tmp_path, typed, stored_in_full=True)
    day = run("report", "day", DAY, "-f", "json", "--no-mask")
    meta = json.loads(day.stdout)
    assert meta["branch"] == f"0101 城东支行{typed}"
    assert f"赵{typed}" in meta["on_duty"] and f"王芳{typed}" in meta["on_duty"]
    export = run("export", "-f", "jsonl", *PERIOD, "--no-mask")
    rows = [json.loads(line) for line in export.stdout.splitlines()]
    assert {row["by"] for row in rows} == {f"赵{typed}", f"王芳{typed}"}
    assert {row["branch_name"] for row in rows} == {f"城东支行{typed}"}
    masked = json.loads(run("report", "day", DAY, "-f", "json").stdout)
    assert masked["branch"] == "0101 城东支行138****5678"
    assert "赵138****5678" in masked["on_duty"]


# --- messages -----------------------------------------------------------------

MESSAGE_CASES = [
    ("route", ["greet", "--route", "{n}"]),
    ("at", ["greet", "--at", "{n}"]),
    ("update", ["update", "{n}", "--note", "回电"]),
    ("follow-up", ["refer", "--product", "card", "--follow-up", "{n}"]),
    ("table-by", ["report", "table", "--type", "greet", "--by", "{n}"]),
    ("command", ["{n}"]),
    ("option", ["greet", "--x{n}"]),
    ("root-option", ["--x{n}"]),
    ("show-date", ["show", "{n}"]),
    ("report-day-date", ["report", "day", "{n}"]),
    ("format", ["report", "day", "-f", "{n}"]),
    ("report-month", ["report", "month", "{n}"]),
    ("export-type", ["export", "--type", "{n}"]),
    ("export-from", ["export", "--from", "{n}"]),
    ("due-on", ["due", "--on", "{n}"]),
    ("check-from", ["check", "--from", "{n}"]),
    ("show-type", ["show", "--type", "{n}"]),
    ("count", ["greet", "--count", "{n}"]),
    ("wait", ["greet", "--wait", "{n}"]),
    ("segment", ["greet", "--segment", "{n}"]),
    ("note-kind", ["note", "{n}", "text"]),
    ("where-field", ["report", "table", "--type", "greet", "--where", "{n}=1"]),
    ("where-label", ["report", "table", "--type", "greet", "--where", "route={n}"]),
]
NUMBERS = ["13812345678"] + [typed for name, typed, _ in FORMS
                             if name in ("mobile-nbsp", "mobile-tab", "id-in-fours",
                                         "mobile-chinese", "id-full-width-x")]


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("argv", [case[1] for case in MESSAGE_CASES],
                         ids=[case[0] for case in MESSAGE_CASES])
def test_an_error_never_echoes_a_number_in_full(journal, run, argv, number):
    result = run(*[word.format(n=number) for word in argv])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip()
    assert not leaks(result.stdout + result.stderr), result.stderr


def test_a_journal_path_is_echoed_masked(tmp_path):
    result = Run(tmp_path / "客户13812345678")("show")
    assert result.exit_code == 1
    assert "138****5678" in result.stderr and not leaks(result.stderr)


def test_an_error_masks_even_with_no_mask(journal, run):
    result = run("report", "day", "13812345678", "--no-mask")
    assert result.exit_code == 2
    assert "138****5678" in result.stderr and "13812345678" not in result.stderr


def _bad_count(journal, number):
    assert 0 == Run(journal)("greet", "--at", f"{DAY}T10:00").exit_code
    path = day_file(journal, DAY)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("- " + json.dumps({"id": "261120-zzzzzz", "type": "greet",
                                 "at": f"{DAY}T10:30:00+08:00", "by": "王芳",
                                 "count": number}, ensure_ascii=False) + "\n")
    return path


@pytest.mark.parametrize("number", NUMBERS)
def test_check_report_errors_and_skip_bad_notices_mask_what_the_file_holds(journal, run,
                                                                          number):
    _bad_count(journal, number)
    check = run("check")
    assert check.exit_code == 1
    assert "count" in check.stdout and "found '" in check.stdout
    assert not leaks(check.stdout + check.stderr), check.stdout
    for argv in (["report", "day", DAY], ["report", "month", DAY[:7]], ["show", DAY],
                 ["export", *PERIOD], ["due", "--on", DAY]):
        result = run(*argv)
        assert not leaks(result.stdout + result.stderr), (argv, result.stderr)
        skipped = run(*argv, "--skip-bad") if argv[0] != "show" else result
        assert not leaks(skipped.stdout + skipped.stderr), (argv, skipped.stderr)
    notice = run("report", "day", DAY, "--skip-bad")
    assert notice.exit_code == 0 and "count" in notice.stderr


def test_a_file_that_does_not_parse_is_named_with_the_number_masked(journal, run):
    assert run("greet", "--at", f"{DAY}T10:00").exit_code == 0
    with open(day_file(journal, DAY), "a", encoding="utf-8") as handle:
        handle.write('- {"id": "13812345678", "note": 13812345678 13812345678]\n')
    for argv in (["check"], ["report", "day", DAY], ["report", "day", DAY, "--skip-bad"]):
        result = run(*argv)
        assert result.exit_code in (0, 1), result.stderr
        assert not leaks(result.stdout + result.stderr), (argv, result.stdout, result.stderr)


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_where_is_echoed_masked_in_the_report_header(journal, run, number, fmt):
    assert run("greet", "--at", f"{DAY}T10:00", "--customer", "王女士").exit_code == 0
    result = run("report", "table", "--type", "greet", "--where", f"customer={number}",
                 *PERIOD, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert not leaks(result.stdout + result.stderr), result.stdout
    if fmt == "csv":
        return  # a pivot's CSV is the table alone (it reads back): no header to echo in
    assert "customer=" in result.stdout
    full = run("report", "table", "--type", "greet", "--where", f"customer={number}",
               *PERIOD, "-f", fmt, "--no-mask")
    assert leaks(full.stdout)


def test_a_recording_command_with_no_digits_compiles_no_pattern(tmp_path):
    import subprocess
    import sys

    Run(tmp_path / "j")("init", "--manager", "王芳")
    code = ("import sys; from lobbyctl.cli.main import cli; from lobbyctl.schema.text import privacy\n"
            "try:\n    cli(['-J', sys.argv[1], 'greet', '--note', '取号顺利，2026-11-20'])\n"
            "except SystemExit:\n    pass\n"
            "print(len(privacy._COMPILED), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "j")],
                            capture_output=True, text=True, timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "0", result.stderr


@pytest.mark.stress
@settings(max_examples=scale(300, 5000), deadline=None)
@given(st.text(alphabet="0123456789１３８一三八〇零 \u00a0\u2009\t._-—－+()Xx*\\xa", max_size=40))
def test_masking_any_form_is_stable_and_never_adds_a_digit(text):
    masked, count = mask_text(text)
    assert mask_text(masked) == (masked, 0)
    assert (count == 0) == (masked == text)
    assert sum(map(str.isdigit, masked)) <= sum(map(str.isdigit, text))
