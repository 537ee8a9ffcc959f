"""``report day|month --format html``: one self-contained printable page.

Nothing in it acts or is fetched (no script, no external source, no
@import), every journal value is escaped, it is in the journal's language,
carries the same figures as ``--format json``, and the same report gives
the same bytes.  tests/test_print.py prints it in a real browser."""

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import Run

SAMPLE = Path(__file__).resolve().parent.parent / "journal"
NOW = "2026-11-01T07:00"
HOSTILE = '<script>alert("x")</script><img src="http://evil.example/x.png" onerror=alert(1)>'


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A copy of the committed sample journal (its cache is the copy's own)."""
    root = tmp_path_factory.mktemp("sample") / "journal"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".lobbyctl-cache"))
    return Run(root, env={"LOBBYCTL_NOW": NOW})


def page(run, *args):
    result = run("report", *args, "--format", "html")
    assert result.exit_code == 0, result.stderr
    return result.stdout


class Tags(HTMLParser):
    """Every tag of a page with its attributes, and the text of its styles."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.styles, self._in_style = [], [], False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "table",
             "thead", "tbody", "tr", "th", "td", "p", "ul", "li", "section", "div", "span",
             "svg", "rect", "line", "text"}


def assert_self_contained(html):
    """No script, nothing a browser fetches or runs: only the page's own
    tags, no src/href/event attribute, a style with no @import or url()."""
    assert "<script" not in html.lower()
    parsed = Tags(html)
    assert {tag for tag, _ in parsed.tags} <= PAGE_TAGS
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert name not in {"src", "href", "xlink:href", "action", "srcset", "style"}, tag
            assert not name.startswith("on"), (tag, name)
            assert "//" not in (value or "") or name == "xmlns", (tag, name, value)
    style = "".join(parsed.styles).lower()
    assert "@import" not in style and "url(" not in style and "//" not in style


@pytest.fixture
def hostile(run):
    """A journal whose branch, entries and remarks hold markup."""
    assert run("init", "--branch-code", "0101", "--branch-name", HOSTILE,
               "--manager", "王芳").exit_code == 0
    at = "2026-10-15T10:00"
    for args in (("greet", "--route", "counter", "--customer", HOSTILE),
                 ("note", "fault", HOSTILE, "--device", "</td></table><h1>x"),
                 ("complain", "--level", "grumble", "--category", "waiting",
                  "--summary", HOSTILE, "--remedy", "&amp; \"'<>"),
                 ("close", "--ok", "--remarks", HOSTILE)):
        result = run(*args, "--at", at)
        assert result.exit_code == 0, result.stderr
    return run


def test_journal_markup_is_shown_escaped_never_obeyed(hostile):
    for args in (("day", "2026-10-15"), ("month", "2026-10")):
        html = page(hostile, *args)
        assert_self_contained(html)
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert "&lt;/td&gt;&lt;/table&gt;&lt;h1&gt;x" in html


@pytest.mark.parametrize("args", [("day", "2026-10-15"), ("month", "2026-10")])
def test_sample_pages_are_self_contained_and_in_the_journal_language(sample, args):
    html = page(sample, *args)
    assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert_self_contained(html)
    assert "@page { size: A4 portrait" in html
    assert "thead { display: table-header-group; }" in html
    assert "大堂经理（签字）" in html and "网点负责人（签字）" in html
    english = page(sample, *args, "--lang", "en")
    assert english.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Lobby manager (signature)" in english and "Branch head (signature)" in english


def test_the_same_report_gives_the_same_bytes(sample):
    first = page(sample, "month", "2026-10")
    assert page(sample, "month", "2026-10") == first
    assert page(sample, "day", "2026-10-15") == page(sample, "day", "2026-10-15")


def test_the_month_page_holds_the_figures_of_the_json_form(sample):
    html = page(sample, "month", "2026-10")
    data = json.loads(sample("report", "month", "2026-10", "--format", "json").stdout)
    flow = data["sections"]["flow"]
    routing = data["sections"]["routing"]["summary"]
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    assert str(flow["summary"]["customers"]) in cells
    assert f"{routing['diversion_rate'] * 100:.1f}%" in cells
    assert str(data["sections"]["referrals"]["summary"]["made"]) in cells
    assert str(data["sections"]["complaints"]["summary"]["total"]) in cells
    # both flow charts drawn, a bar and a figure for each hour and each day
    charts = re.findall(r'<svg class="chart".*?</svg>', html)
    assert len(charts) == 2
    assert charts[0].count("<rect") == len(flow["by_hour"]["rows"])
    assert charts[1].count("<rect") == len(flow["daily_totals"]["rows"])
    for row in flow["daily_totals"]["rows"]:
        assert f">{row['customers']}</text>" in charts[1]
    assert "<h2>一、主要指标</h2>" in html and "<h2>二、客户流量</h2>" in html
    # numbered in the order of the form's sections, whatever sections it has
    assert re.search(r"<h2>[一二三四五六七八九十]+、大堂经理备注</h2>", html)


def test_the_header_block_names_branch_month_managers_and_generation(sample):
    html = page(sample, "month", "2026-10")
    head = re.search(r'<table class="head">.*?</table>', html).group()
    for text in ("网点", "0101 城东支行", "2026-10", "王芳、李强", "2026-11-01T07:00+08:00"):
        assert f">{text}<" in head, text


def test_an_empty_day_still_prints_its_form(sample):
    html = page(sample, "day", "2026-09-01")
    assert_self_contained(html)
    data = json.loads(sample("report", "day", "2026-09-01", "--format", "json").stdout)
    # every section drawn, an empty one saying so rather than vanishing
    assert html.count("<section") == len(data["sections"])
    assert html.count('<p class="nothing">') >= sum(s["empty"] for s in data["sections"].values())
    assert "大堂经理（签字）" in html


@pytest.mark.parametrize("command", [("table", "--type", "greet", "--by", "route"),
                                     ("due",)])
def test_other_readers_refuse_html_as_a_usage_error(sample, command):
    args = ("report", *command) if command[0] == "table" else command
    result = sample(*args, "--format", "html")
    assert result.exit_code == 2
    assert "html" in result.stderr


def test_help_names_the_html_format(sample):
    for name in ("day", "month"):
        result = sample("report", name, "--help")
        assert "html" in result.stdout
