"""The text form fits the page: no line of ``report month`` or ``report day
--format text`` wider than ``COLUMNS`` display cells (else 80), in both
languages — prose and facts wrapped (Chinese anywhere, English at spaces),
tables' text cells and headers wrapped, a table of too many columns drawn in
bands — and no figure lost on the way."""

import collections
import json
import re

import pytest
import wcwidth

from test_html import sample  # noqa: F401  (the fixture)

# a figure as the forms show it: counts, 63.9%, 7.5, 10:00–11:00, dates, ids
FIGURE = re.compile(r"\d[\d.:%–\-*]*[\dA-Za-z%]*")
FORMS = [("month", "2026-10"), ("day", "2026-10-15")]


def text_form(run, form, lang, columns):
    result = run("report", *form, "--format", "text", "--lang", lang,
                 env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def widest(text):
    return max(wcwidth.wcswidth(line) for line in text.splitlines())


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns,width", [("", 80), ("80", 80), ("60", 60)])
def test_no_line_is_wider_than_the_page(sample, form, lang, columns, width):  # noqa: F811
    text = text_form(sample, form, lang, columns)
    assert widest(text) <= width, [line for line in text.splitlines()
                                   if wcwidth.wcswidth(line) > width]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_figure_is_lost_in_the_fitting(sample, form, lang):  # noqa: F811
    wide = text_form(sample, form, lang, "10000")
    assert widest(wide) > 80  # the sample does need fitting
    figures = collections.Counter(FIGURE.findall(wide))
    for columns in ("80", "60"):
        fitted = collections.Counter(FIGURE.findall(text_form(sample, form, lang, columns)))
        # each figure as often (a band of columns repeats the row's name), none made up
        assert set(fitted) == set(figures), columns
        assert not figures - fitted, columns
    data = json.loads(sample("report", *form, "--format", "json", "--lang", lang).stdout)
    fitted = text_form(sample, form, lang, "60")
    if form[0] == "month":
        sections = data["sections"]
        assert str(sections["flow"]["summary"]["customers"]) in FIGURE.findall(fitted)
        rate = f"{sections['routing']['summary']['diversion_rate'] * 100:.1f}%"
        assert rate in FIGURE.findall(fitted)
        for row in sections["referrals"]["pending_late"]["rows"]:
            assert row["id"] in fitted  # an id is never cut
    else:
        for row in data["sections"]["referrals"]["list"]["rows"] \
                if "list" in data["sections"]["referrals"] else []:
            assert row["id"] in fitted


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_forms_prose_wraps_at_spaces_in_english_anywhere_in_chinese(sample, lang):  # noqa: F811
    text = text_form(sample, FORMS[0], lang, "60")
    wide = text_form(sample, FORMS[0], lang, "10000")
    intro = next(line for line in wide.splitlines() if wcwidth.wcswidth(line) > 200)
    start = text.index(intro[:10])
    lines = text[start:].split("\n\n")[0].splitlines()
    assert len(lines) > 3 and all(wcwidth.wcswidth(line) <= 60 for line in lines)
    if lang == "en":  # broken between words (or after a hyphen), words kept whole
        assert " ".join(lines).replace("- ", "-") == intro
    else:  # broken anywhere; a space where a line breaks is dropped, as on paper
        assert "".join(lines).replace(" ", "") == intro.replace(" ", "")
    # the signature lines are still there, last, a field that does not fit on its own line
    last = wide.rstrip().splitlines()[-1]
    fields = re.split(r"(?:\u3000|\s){2,}", last) if wcwidth.wcswidth(last) > 60 else [last]
    assert text.rstrip().splitlines()[-len(fields):] == fields


def test_long_hostile_text_wraps_and_is_kept_whole(run, journal):
    word = "x" * 150
    remark = ("今日客流高峰在10点，自助设备分流效果好，" * 8 + " and then some English words "
              + word + " 😀 e\u0301 done")
    assert run("close", "--ok", "--remarks", remark, "--at", "2026-10-15T17:00").exit_code == 0
    assert run("complain", "--level", "grumble", "--category", "waiting", "--summary",
               remark, "--at", "2026-10-15T11:00").exit_code == 0
    for columns in ("40", "60", "80"):
        text = text_form(run, ("day", "2026-10-15"), "zh", columns)
        assert widest(text) <= int(columns)
        flat = "".join(text.split())
        assert "".join(remark.split()) in flat  # the remark's lines, in order
        assert flat.count("x" * 20) >= 7  # the long word cut, not lost


@pytest.mark.parametrize("value", ["abc", "0", "-3", "99999999"])
def test_columns_not_a_sensible_width_means_80(sample, value):  # noqa: F811
    assert text_form(sample, FORMS[0], "zh", value) == text_form(sample, FORMS[0], "zh", "80")


def test_markdown_is_not_wrapped(sample):  # noqa: F811
    """Markdown reflows where it is shown: its lines stay whole."""
    result = sample("report", "month", "2026-10", env={"COLUMNS": "40"})
    assert widest(result.stdout) > 200


@pytest.mark.parametrize("columns", ["1", "5", "19"])
def test_a_page_too_narrow_is_drawn_at_20_cells_with_every_figure(sample, columns):  # noqa: F811
    # the template's placeholders are never wrapped apart (that was a traceback)
    for form in FORMS:
        text = text_form(sample, form, "en", columns)
        assert text == text_form(sample, form, "en", "20")
        assert set(FIGURE.findall(text)) == set(FIGURE.findall(
            text_form(sample, form, "en", "10000")))
