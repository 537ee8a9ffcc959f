"""The printable page in a real browser: headless Chromium prints the
sample journal's forms to PDF; poppler's pdfinfo, pdftotext and pdftoppm
read it back.  The month form of the sample is a known number of A4
portrait pages whose text holds the figures of ``--format json``, the
signature lines last; the first page is kept as a PNG under
``build/test-artifacts/``.

These tools are needed, never optional: a machine without them fails here
with a message to run .ci/run (which installs chromium, poppler-utils and
fonts-noto-cjk), it does not skip."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from test_html import SAMPLE, page, sample  # noqa: F401  (the fixture)

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "build" / "test-artifacts"
TIMEOUT = 120
# what the sample month prints to: fixed by the sample journal and the page's CSS
MONTH_PAGES = {"zh": 14, "en": 14}


def tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: the printed-form tests need it "
                    f"(run .ci/run, which installs chromium, poppler-utils and fonts-noto-cjk)")
    return path


def call(args, **kwargs):
    result = subprocess.run(args, capture_output=True, timeout=TIMEOUT, **kwargs)
    assert result.returncode == 0, (args[0], result.stderr[-2000:])
    return result


def browser(tmp_path, html_path, *args):
    """Headless Chromium on a local file, cut off from the network's helpers."""
    return call([tool("chromium"), "--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path / 'profile'}", *args, html_path.as_uri()])


def printed(tmp_path, html, name):
    """``html`` printed to PDF by the browser: the PDF's path."""
    source = tmp_path / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    browser(tmp_path, source, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.stat().st_size > 0
    return pdf


def pdf_info(pdf):
    text = call([tool("pdfinfo"), str(pdf)], text=True).stdout
    return dict(line.split(":", 1) for line in text.splitlines() if ":" in line)


def pdf_text(pdf):
    return call([tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), "-"],
                text=True).stdout


def first_page_png(pdf, target):
    target.parent.mkdir(parents=True, exist_ok=True)
    stem = target.with_suffix("")
    call([tool("pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
          str(pdf), str(stem)])
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return target


def squeeze(text):
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sample_month_prints_on_a4_with_its_figures(tmp_path, sample, lang):  # noqa: F811
    pdf = printed(tmp_path, page(sample, "month", "2026-10", "--lang", lang), f"month-{lang}")
    info = pdf_info(pdf)
    assert int(info["Pages"]) == MONTH_PAGES[lang]
    assert info["Page size"].split()[:3] == ["594.96", "x", "841.92"]  # A4 portrait, 595x842
    text = pdf_text(pdf)
    flat = squeeze(text)
    data = json.loads(sample("report", "month", "2026-10", "--format", "json",
                             "--lang", lang).stdout)
    sections = data["sections"]
    figures = [sections["flow"]["summary"]["customers"],
               f"{sections['routing']['summary']['diversion_rate'] * 100:.1f}%",
               f"{sections['referrals']['summary']['conversion'] * 100:.1f}%",
               sections["referrals"]["summary"]["made"],
               sections["complaints"]["summary"]["total"],
               sections["facilities"]["summary"]["faults_reported"]]
    figures += [row["customers"] for row in sections["flow"]["by_hour"]["rows"]]
    for figure in figures:
        assert str(figure) in text, figure
    # real text, Chinese included (a missing CJK font prints boxes with no text)
    assert squeeze(data["title"]) in flat
    for section in sections.values():
        assert squeeze(section["title"]) in flat, section["title"]
    signature = "网点负责人（签字）" if lang == "zh" else "Branchhead(signature)"
    assert flat.rstrip("0123456789/").endswith(signature + "：日期：" if lang == "zh"
                                               else signature + ":Date:")
    # the page numbers of the print rules, "n / N" at each foot
    assert f"1/{MONTH_PAGES[lang]}" in flat
    png = first_page_png(pdf, ARTIFACTS / f"month-2026-10.{lang}.page1.png")
    assert png.stat().st_size > 10_000


def test_the_sample_day_prints_with_its_figures(tmp_path, sample):  # noqa: F811
    pdf = printed(tmp_path, page(sample, "day", "2026-10-15"), "day")
    info = pdf_info(pdf)
    assert info["Page size"].split()[:3] == ["594.96", "x", "841.92"]
    data = json.loads(sample("report", "day", "2026-10-15", "--format", "json").stdout)
    text = pdf_text(pdf)
    flat = squeeze(text)
    assert squeeze(data["title"]) in flat
    for row in data["sections"]["customers"]["by_hour"]["rows"]:
        assert str(row["customers"]) in text
    for section in data["sections"].values():
        assert squeeze(section["title"]) in flat
    assert "大堂经理（签字）" in flat
    first_page_png(pdf, ARTIFACTS / "day-2026-10-15.zh.page1.png")


def test_a_screenshot_of_the_page_shows_the_form(tmp_path, sample):  # noqa: F811
    source = tmp_path / "month.html"
    source.write_text(page(sample, "month", "2026-10"), encoding="utf-8")
    shot = tmp_path / "month.png"
    browser(tmp_path, source, f"--screenshot={shot}", "--window-size=800,1100",
            "--hide-scrollbars")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (800, 1100)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / "month-2026-10.zh.screen.png")


def test_hostile_markup_prints_as_text(tmp_path, run):
    """What a journal's text says is printed, not obeyed."""
    assert run("init", "--branch-code", "0101", "--branch-name", "<b>城东</b>",
               "--manager", "王芳").exit_code == 0
    assert run("close", "--ok", "--remarks", "<script>document.write('PWNED')</script>",
               "--at", "2026-10-15T17:00").exit_code == 0
    pdf = printed(tmp_path, page(run, "day", "2026-10-15"), "hostile")
    flat = squeeze(pdf_text(pdf))
    assert "<script>document.write('PWNED')</script>" in flat
    assert "<b>城东</b>" in flat
