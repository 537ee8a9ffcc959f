"""Personal data (issue 4, part 7): phone, ID-card and bank-card numbers typed
into free text are stored masked (and the user is told), look-alikes that are
not personal (dates, times, tickets, amounts, ids, hotlines) are left alone,
and a journal's folders and files are private unless its config says shared."""

import os
import re
import stat

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import day_file
from robustness import scale
from lobbyctl.schema.text.privacy import mask_text

MASKED = [
    # mainland mobiles: bare, spaced, dashed, with +86 / 0086 / 86, full-width
    ("13812345678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("138-1234-5678", "138****5678"),
    ("+86 138 1234 5678", "+86 138****5678"),
    ("+86-138-1234-5678", "+86-138****5678"),
    ("+8613812345678", "+86138****5678"),
    ("0086 13812345678", "0086 138****5678"),
    ("电话13812345678谢谢", "电话138****5678谢谢"),
    ("手机：１３８１２３４５６７８", "手机：１３８****５６７８"),
    ("先打13812345678再打13987654321", "先打138****5678再打139****4321"),
    # landlines: area code and last four kept
    ("010-12345678", "010-****5678"),
    ("0755-87654321", "0755-****4321"),
    ("021 6123 4567", "021 ****4567"),
    ("(010)12345678", "(010)****5678"),
    ("(0755) 8765 4321", "(0755) ****4321"),
    ("（010）12345678", "（010）****5678"),
    ("+86 10 12345678", "+86 10 ****5678"),
    # 18-character ID-card numbers, also typed in groups
    ("110101199003071234", "110***********1234"),
    ("11010119900307123X", "110***********123X"),
    ("11010119900307123x", "110***********123x"),
    ("身份证号110101199003071234，", "身份证号110***********1234，"),
    ("11010119900307123X4111111111111111", "110***********123X************1111"),
    ("110101 19900307 123X", "110***********123X"),
    ("110101-19900307-1234", "110***********1234"),
    ("110101 1990 0307 123X", "110***********123X"),
    # bank cards (Luhn-valid, 16-19 digits): only the last four kept
    ("4111111111111111", "************1111"),
    ("4111 1111 1111 1111", "************1111"),
    ("6222-0212-3456-7890-128", "***************0128"),
    ("卡号6222021234567890128。", "卡号***************0128。"),
]

NOT_MASKED = [
    "2026-11-28", "2026-11-28 10:30", "2026-11-28T10:30:00+08:00", "20261128", "2026年11月28日",
    "09:35", "13:45:00", "A023", "B107号", "第3号窗口", "0101", "1000000", "1,000,000.00",
    "存款50000元", "等了25分钟", "100.5", "261128-7kq3xm", "261128-1234ab", "95588", "110",
    "400-820-8888", "1234567812345678",  # a 16-digit number that fails the Luhn check
    "12345678", "1381234567",  # 8 digits; 10 digits: too short for a mobile
    "138****5678", "110***********1234", "************1111",  # already masked
    "2026-04-28 2026-05-01", "2026-06-30 2026-07-03",  # date ranges (16 digits, Luhn-valid)
]


@pytest.mark.parametrize("typed,stored", MASKED, ids=[typed for typed, _ in MASKED])
def test_personal_numbers_are_masked(typed, stored):
    masked, count = mask_text(typed)
    assert masked == stored
    assert count == len(re.findall(r"\*+", stored))


@pytest.mark.parametrize("typed", NOT_MASKED)
def test_look_alikes_are_not_masked(typed):
    assert mask_text(typed) == (typed, 0)


def test_masking_counts_each_number_once():
    text = "手机13812345678，身份证110101199003071234，卡4111111111111111，座机010-12345678"
    masked, count = mask_text(text)
    assert count == 4
    assert masked == "手机138****5678，身份证110***********1234，卡************1111，座机010-****5678"


@pytest.mark.parametrize("option", ["--note", "--customer", "--ticket"])
def test_greet_stores_numbers_masked_and_says_so(run, journal, option):
    typed = "王女士 +86 138-1234-5678 身份证110101199003071234 卡号4111 1111 1111 1111"
    result = run("greet", "--at", "2026-11-20T10:00", option, typed)
    assert result.exit_code == 0, result.stderr
    assert "遮蔽 3 处" in result.stderr
    raw = day_file(journal, "2026-11-20").read_text(encoding="utf-8")
    for secret in ("1234-5678", "12345678", "19900307", "1111 1111", "111111111111"):
        assert secret not in raw
    [entry] = yaml.safe_load(raw)
    assert entry[option[2:]] == "王女士 +86 138****5678 身份证110***********1234 卡号************1111"


def test_greet_says_nothing_about_masking_when_nothing_was_masked(run, journal):
    result = run("greet", "--at", "2026-11-20T10:00", "--note", "2026-11-28 取号A023，存款1000000元")
    assert result.exit_code == 0
    assert "遮蔽" not in result.stderr
    [entry] = yaml.safe_load(day_file(journal, "2026-11-20").read_text(encoding="utf-8"))
    assert entry["note"] == "2026-11-28 取号A023，存款1000000元"


def test_a_journal_that_allows_personal_data_keeps_it(run, journal):
    config = journal / "lobbyctl.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "store_personal_data: false", "store_personal_data: true"), encoding="utf-8")
    result = run("greet", "--at", "2026-11-20T10:00", "--note", "回电13812345678")
    assert result.exit_code == 0
    assert "遮蔽" not in result.stderr
    assert "13812345678" in day_file(journal, "2026-11-20").read_text(encoding="utf-8")


def _mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def umask():
    """The test sets a permissive umask, so the modes seen are lobbyctl's own."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_new_journal_is_private(run, journal, umask):
    assert run("greet", "--at", "2026-11-20T10:00").exit_code == 0
    assert _mode(journal) == 0o700
    for name in ("lobbyctl.yaml", ".gitattributes", ".gitignore"):
        assert _mode(journal / name) == 0o600, name
    assert _mode(journal / "2026") == 0o700
    assert _mode(journal / "2026" / "11") == 0o700
    assert _mode(day_file(journal, "2026-11-20")) == 0o600
    assert run("export").exit_code == 0  # readers make the cache
    cache = journal / ".lobbyctl-cache"
    assert _mode(cache) == _mode(cache / "days") == 0o700
    assert all(_mode(path) == 0o600 for path in (cache / "days").iterdir())


def _share(journal):
    config = journal / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    assert 'permissions: "private"' in text
    config.write_text(text.replace('permissions: "private"', 'permissions: "shared"'),
                      encoding="utf-8")


def test_a_shared_journal_creates_group_readable_folders_and_files(run, journal, umask):
    _share(journal)
    assert run("greet", "--at", "2026-11-20T10:00").exit_code == 0
    assert _mode(journal / "2026") == 0o755
    assert _mode(journal / "2026" / "11") == 0o755
    assert _mode(day_file(journal, "2026-11-20")) == 0o644


def test_a_shared_journal_creates_a_group_readable_cache(run, journal, umask):
    _share(journal)
    assert run("greet", "--at", "2026-11-20T10:00").exit_code == 0
    assert run("export").exit_code == 0  # readers make the cache
    cache = journal / ".lobbyctl-cache"
    assert _mode(cache) == _mode(cache / "days") == 0o755
    assert all(_mode(path) == 0o644 for path in (cache / "days").iterdir())


def test_a_strict_umask_still_wins_over_shared(run, journal):
    _share(journal)
    old = os.umask(0o077)
    try:
        assert run("greet", "--at", "2026-11-20T10:00").exit_code == 0
    finally:
        os.umask(old)
    assert _mode(day_file(journal, "2026-11-20")) == 0o600


@pytest.mark.stress
@settings(max_examples=scale(200, 3000), deadline=None)
@given(st.lists(st.one_of(st.sampled_from([typed for typed, _ in MASKED] + NOT_MASKED),
                          st.text(alphabet="0123456789１３８ -+()Xx*", max_size=24),
                          st.text(max_size=8)), max_size=5).map("".join))
def test_masking_is_stable_and_never_grows_a_number(text):
    masked, count = mask_text(text)
    assert mask_text(masked) == (masked, 0)  # what is stored is masked for good
    assert (count == 0) == (masked == text)


# --- every output masks (issue 4, part 7) -----------------------------------
#
# A journal that stores personal data in full (store_personal_data: true):
# each free-text field holds its own number, in one of the forms people type
# (bare, +86 and spaced, dashed, landline, ID card), so a number in an output
# says which field it came from.

OUT_DAY = "2026-11-20"
# (typed, masked) for a number ending in ``last``
NUMBER_FORMS = [
    lambda last: (f"1391234{last}", f"139****{last}"),
    lambda last: (f"+86 138 2345 {last}", f"+86 138****{last}"),
    lambda last: (f"136-3456-{last}", f"136****{last}"),
    lambda last: (f"010-8765{last}", f"010-****{last}"),
    lambda last: (f"11010119900307{last}", f"110***********{last}"),
]
FIELD_NUMBERS = {}


def _personal(field):
    """Free text for ``field`` (``type.field``) holding its own number."""
    n = len(FIELD_NUMBERS)
    FIELD_NUMBERS[field] = NUMBER_FORMS[n % len(NUMBER_FORMS)](f"{7000 + n}")
    return f"客户电话{FIELD_NUMBERS[field][0]}"


D = OUT_DAY
PERSONAL_STEPS = [
    ("open", ["open", "--at", f"{D}T08:30", "--ok", "--staff", _personal("open.staff"),
              "--problem", "facilities", _personal("open.problems"),
              "--note", _personal("open.note")]),
    ("greet", ["greet", "--at", f"{D}T09:00", "--ticket", _personal("greet.ticket"),
               "--customer", _personal("greet.customer"), "--note", _personal("greet.note")]),
    ("refer", ["refer", "--at", f"{D}T09:10", "--product", _personal("refer.product"),
               "--to", "wealth-manager", "--to-name", _personal("refer.to_name"),
               "--customer", _personal("refer.customer"), "--note", _personal("refer.note"),
               "--follow-up", D, "--via", "phone"]),
    ("complain", ["complain", "--at", f"{D}T09:20", "--level", "complaint",
                  "--category", "waiting", "--summary", _personal("complain.summary"),
                  "--remedy", _personal("complain.remedy"),
                  "--customer", _personal("complain.customer"),
                  "--note", _personal("complain.note"),
                  "--escalate-to", _personal("complain.escalated_to")]),
    ("grumble", ["complain", "--at", f"{D}T09:30", "--category", "fees", "--summary", "年费",
                 "--resolved", _personal("complain.resolution")]),
    ("fault", ["note", "--at", f"{D}T09:40", "fault", _personal("note.text"),
               "--device", _personal("note.device"), "--note", _personal("note.note")]),
    ("close", ["close", "--at", f"{D}T17:30", "--ok", "--problem", "equipment",
               _personal("close.problems"), "--remarks", _personal("close.remarks"),
               "--note", _personal("close.note")]),
    ("update", ["update", "FAULT", "--at", f"{D}T10:00",
                "--resolution", _personal("update.resolution"),
                "--note", _personal("update.note")]),
]
del D
ALL_FIELDS = set(FIELD_NUMBERS)


@pytest.fixture(scope="module")
def personal(tmp_path_factory):
    """The journal, recorded once through the CLI, numbers stored in full."""
    from conftest import Run

    run = Run(tmp_path_factory.mktemp("personal") / "journal")
    assert run("init", "--manager", "王芳").exit_code == 0
    config = run.root / "lobbyctl.yaml"
    text = config.read_text(encoding="utf-8")
    assert "store_personal_data: false" in text
    config.write_text(text.replace("store_personal_data: false", "store_personal_data: true"),
                      encoding="utf-8")
    ids = {}
    for name, argv in PERSONAL_STEPS:
        result = run(*[ids.get("fault", word) if word == "FAULT" else word for word in argv])
        assert result.exit_code == 0, (name, result.stderr)
        ids[name] = result.stdout.strip()
    stored = day_file(run.root, OUT_DAY).read_text(encoding="utf-8")
    assert all(typed in stored for typed, _ in FIELD_NUMBERS.values())
    return run


PERIOD = ["--from", "2026-11-01", "--to", "2026-11-30"]
FORMATS = ["text", "markdown", "csv", "json"]
# (output, argv, the fields it must show)
# (show's text wraps its details to the terminal, COLUMNS, so a number may
# straddle two lines there: the text case is run wide, and every format too)
OUTPUTS = [(f"show-{fmt}", ["show", OUT_DAY, "-f", fmt], ALL_FIELDS) for fmt in FORMATS]
OUTPUTS += [(f"report-day-{fmt}", ["report", "day", OUT_DAY, "-f", fmt],
             {"open.staff", "open.problems", "refer.product", "refer.to_name", "refer.customer",
              "complain.summary", "complain.resolution", "note.text", "note.device",
              "update.resolution", "close.problems", "close.remarks", "close.note"})
            for fmt in FORMATS]
OUTPUTS += [(f"report-month-{fmt}", ["report", "month", OUT_DAY[:7], "-f", fmt],
             {"refer.product", "note.text", "note.device", "close.problems", "close.remarks"})
            for fmt in FORMATS]
OUTPUTS += [(f"report-table-{kind}-by-{by}-{fmt}",
             ["report", "table", "--type", kind, "--by", by, *PERIOD, "-f", fmt],
             {f"{kind}.{by.replace('-', '_')}"})
            for kind, by in [("refer", "product"), ("refer", "to_name"), ("greet", "customer"),
                             ("greet", "ticket"), ("note", "device"), ("complain", "summary"),
                             ("open", "staff")]
            for fmt in FORMATS]
OUTPUTS += [(f"export-{fmt}{'-raw' if raw else ''}",
             ["export", "-f", fmt, *PERIOD, *raw], ALL_FIELDS - ({"update.note"} if not raw else set()))
            for fmt in ("jsonl", "csv") for raw in ([], ["--raw"])]
OUTPUTS += [(f"due-{fmt}", ["due", "--on", "2026-11-21", "-f", fmt],
             {"refer.product", "refer.customer", "refer.to_name", "complain.summary",
              "complain.customer", "note.text", "note.device"})
            for fmt in FORMATS]


@pytest.mark.parametrize("argv,must_show", [case[1:] for case in OUTPUTS],
                         ids=[case[0] for case in OUTPUTS])
def test_every_output_masks_personal_numbers_unless_no_mask(personal, argv, must_show,
                                                            monkeypatch):
    monkeypatch.setenv("COLUMNS", "10000")
    full = personal(*argv, "--no-mask")
    assert full.exit_code == 0, full.stderr
    shown = {field for field, (typed, _) in FIELD_NUMBERS.items() if typed in full.stdout}
    assert must_show <= shown, sorted(must_show - shown)
    result = personal(*argv)
    assert result.exit_code == 0, result.stderr
    # Markdown writes a literal * as \*: what a reader of the rendered page sees
    seen = result.stdout.replace("\\*", "*") if "markdown" in argv else result.stdout
    leaked = [field for field, (typed, _) in FIELD_NUMBERS.items() if typed in result.stdout]
    assert not leaked, leaked
    missing = [field for field in shown if FIELD_NUMBERS[field][1] not in seen]
    assert not missing, missing
    assert not any(typed in result.stderr for typed, _ in FIELD_NUMBERS.values())


@pytest.mark.parametrize("argv,field", [
    (["open", "--ok", "--staff", "保安老周 13812345678"], "staff"),
    (["open", "--ok", "--problem", "facilities", "客户留电话13812345678"], "problems"),
    (["close", "--ok", "--remarks", "回电13812345678"], "remarks"),
])
def test_checklists_store_numbers_masked_too(run, journal, argv, field):
    result = run(*argv, "--at", "2026-11-20T08:30")
    assert result.exit_code == 0, result.stderr
    raw = day_file(journal, "2026-11-20").read_text(encoding="utf-8")
    assert "13812345678" not in raw
    assert "138****5678" in str(yaml.safe_load(raw)[0][field])


def test_masking_reaches_a_fixed_point():
    # found by hypothesis: the first pass left digits that, with their
    # neighbours, read as another landline; stored text must be masked for good
    text = "2026-04-28 2026-05-010000 00000000000"
    masked, count = mask_text(text)
    assert count >= 1 and mask_text(masked) == (masked, 0)
