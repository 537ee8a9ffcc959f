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
from lobbyctl.privacy import mask_text

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
    cache = journal / ".lobbyctl-cache"
    assert _mode(cache) == 0o700
    assert all(_mode(path) == 0o600 for path in cache.iterdir())


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
    cache = journal / ".lobbyctl-cache"
    assert _mode(cache) == 0o755
    assert all(_mode(path) == 0o644 for path in cache.iterdir())


def test_a_strict_umask_still_wins_over_shared(run, journal):
    _share(journal)
    old = os.umask(0o077)
    try:
        assert run("greet", "--at", "2026-11-20T10:00").exit_code == 0
    finally:
        os.umask(old)
    assert _mode(day_file(journal, "2026-11-20")) == 0o600


@settings(max_examples=scale(200, 3000), deadline=None)
@given(st.lists(st.one_of(st.sampled_from([typed for typed, _ in MASKED] + NOT_MASKED),
                          st.text(alphabet="0123456789１３８ -+()Xx*", max_size=24),
                          st.text(max_size=8)), max_size=5).map("".join))
def test_masking_is_stable_and_never_grows_a_number(text):
    masked, count = mask_text(text)
    assert mask_text(masked) == (masked, 0)  # what is stored is masked for good
    assert (count == 0) == (masked == text)
