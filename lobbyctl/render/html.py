"""A report as one printable page: a self-contained HTML file (inline CSS,
charts as inline SVG, no script, nothing fetched) laid out as the paper
form for A4 portrait — a header block, numbered sections kept whole on a
page where they fit, table headers repeated on each page, and the
signature lines at the end.

Every value is drawn from the typed grid (render/grid.py) as the other
formats draw it (``Cell.shown``), then HTML-escaped: a journal's text may
hold ``<script>``.  The same report gives the same bytes."""

import re
from html import escape

from lobbyctl.render.document import NOTHING
from lobbyctl.render.grid import figure_column, grid_of, one_line
from lobbyctl.render.svg import bar_chart
from lobbyctl.reports.model import Facts, Lines, Table
from lobbyctl.schema.text.values import show_value

# a section longer than this many rows is let break across pages (its
# tables' headers repeat); a shorter one starts on a new page rather than split
_KEEP_WHOLE = 34
_CHINESE_NUMBERS = "一二三四五六七八九十"
# a run this long with no place to break a line (a URL, a pasted reference;
# Chinese breaks between any two characters) would run off the page: such a
# cell may break anywhere.  Only such a cell: a table sizes its columns by
# what cannot break, so short ids and times keep their columns
_UNBROKEN = re.compile(r"[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]{30,}")

CSS = """
@page { size: A4 portrait; margin: 16mm 15mm 18mm 15mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body { margin: 0 auto; max-width: 180mm; font-size: 10pt; line-height: 1.45;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif", "Songti SC",
    SimSun, "Noto Serif", "Times New Roman", serif; }
h1, h2, h3, table, .chart, .signatures {
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans", "PingFang SC",
    "Microsoft YaHei", "Noto Sans", Arial, sans-serif; }
h1 { font-size: 17pt; text-align: center; letter-spacing: 0.05em; margin: 0 0 3mm; }
h2 { font-size: 11.5pt; margin: 5mm 0 2mm; padding-bottom: 0.5mm; border-bottom: 1.2pt solid #000;
  break-after: avoid; }
h3 { font-size: 9.5pt; margin: 3mm 0 1mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
th, td { border: 0.5pt solid #444; padding: 0.6mm 1.6mm; vertical-align: top; text-align: left; }
td.long { overflow-wrap: anywhere; }
th { background: #eee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 1.2pt solid #000; }
table.head { margin-bottom: 3mm; font-size: 9.5pt; }
table.head th { width: 22%; }
table.facts { width: auto; min-width: 55%; }
table.facts th { background: #f6f6f6; font-weight: normal; }
p.intro { font-size: 8.5pt; border: 0.5pt solid #444; padding: 1.5mm 2.5mm; margin: 0 0 2mm;
  overflow-wrap: anywhere; }
ul.lines { margin: 0; padding-left: 5mm; font-size: 9pt; overflow-wrap: anywhere; }
ul.lines li { break-inside: avoid; }
p.nothing { color: #444; margin: 1mm 0; }
section.keep, .block.keep, .signatures { break-inside: avoid; }
.chart { display: block; margin: 1.5mm 0 0; }
.chart rect { fill: #555; }
.chart .axis { stroke: #000; stroke-width: 0.6; }
.chart text { text-anchor: middle; fill: #000; }
.signatures { margin-top: 9mm; font-size: 10pt; }
.signatures .line { display: flex; gap: 8mm; margin: 0 0 7mm; }
.signatures .field { display: flex; flex: 1; align-items: flex-end; }
.signatures .field.date { flex: 0 0 52mm; }
.signatures .blank { flex: 1; border-bottom: 0.6pt solid #000; margin-left: 1mm; height: 5mm; }
@media screen { body { padding: 10mm 6mm; } }
.signatures .comments { border: 0.5pt solid #444; height: 24mm; margin: 1mm 0 7mm; }
""".strip()


def render(report):
    lang = report.lang
    parts = [f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">',
             "<head>", '<meta charset="utf-8">',
             f"<title>{_text(report.title)}</title>", f"<style>\n{CSS}\n</style>", "</head>",
             "<body>", f"<h1>{_text(report.title)}</h1>", _head(report)]
    intro, signatures = _wording(report)
    parts.extend(f'<p class="intro">{_text(line)}</p>' for line in intro)
    for number, section in enumerate(report.sections, 1):
        parts.append(_section(section, _numbered(number, section.title, lang), lang))
    if signatures:
        parts.append(_signatures(signatures))
    parts.extend(["</body>", "</html>"])
    return "\n".join(parts) + "\n"


def _text(value):
    """A value as it may stand in the page: one line, neutralised, escaped."""
    return escape(one_line(value if isinstance(value, str) else str(value)), quote=True)


def _head(report):
    """The header block: branch, period, managers, generated, as a ruled table."""
    shown = ((label, show_value(value, "text", report.lang))
             for label, value in report.meta.values())
    rows = "".join(f"<tr><th>{_text(label)}</th>"
                   f"<td{_long_class(text)}>"
                   f"{_text(text)}</td></tr>" for label, text in shown)
    return f'<table class="head"><tbody>{rows}</tbody></table>' if rows else ""


def _wording(report):
    """The form's note and signature lines: the monthly form's templates
    word both; the daily log is signed on the same lines."""
    from lobbyctl.render.template import form_wording

    intro, signatures = form_wording("month", report.lang)
    if report.key == "month":
        return intro, signatures
    return [], signatures if report.key == "day" else []


def _numbered(number, title, lang):
    if not title:
        return ""
    if lang == "zh" and number < 100:
        return f"{_chinese_number(number)}、{title}"
    return f"{number}. {title}"


def _chinese_number(number):
    """1 一, 10 十, 12 十二, 20 二十, 21 二十一 (as a form numbers its parts)."""
    tens, ones = divmod(number, 10)
    head = "" if not tens else "十" if tens == 1 else _CHINESE_NUMBERS[tens - 1] + "十"
    return head + (_CHINESE_NUMBERS[ones - 1] if ones else "")


def _section(section, title, lang):
    blocks = [_block(block, lang) for block in section.blocks] or \
        [f'<p class="nothing">{_text(section.empty or NOTHING[lang])}</p>']
    keep = " keep" if _rows(section) <= _KEEP_WHOLE else ""
    heading = f"<h2>{_text(title)}</h2>" if title else ""
    return f'<section class="section{keep}">{heading}{"".join(blocks)}</section>'


def _rows(section):
    """How long a section is, in rows, to tell whether it fits on a page."""
    count = 0
    for block in section.blocks:
        if isinstance(block, Table):
            count += len(block.rows) + 2 + (6 if block.chart else 0)
        elif isinstance(block, Facts):
            count += len(block.items) + 1
        else:
            count += len(block.lines) + 1
    return count


def _block(block, lang):
    heading = f"<h3>{_text(block.title)}</h3>" if one_line(block.title) else ""
    if isinstance(block, Table):
        body = _table(block, lang) if block.rows else _nothing(lang)
        size = len(block.rows)
    elif isinstance(block, Facts):
        body = _facts(block, lang) if block.items else _nothing(lang)
        size = len(block.items)
    elif isinstance(block, Lines):
        body = ('<ul class="lines">' + "".join(f"<li>{_text(line)}</li>" for line in block.lines)
                + "</ul>") if block.lines else _nothing(lang)
        size = len(block.lines)
    else:
        raise TypeError(f"not a report block: {block!r}")
    keep = " keep" if size <= _KEEP_WHOLE else ""
    return f'<div class="block{keep}">{heading}{body}</div>'


def _nothing(lang):
    return f'<p class="nothing">{_text(NOTHING[lang])}</p>'


def _facts(block, lang):
    shown = ((label, show_value(value, kind, lang), kind)
             for _key, label, value, kind in block.items)
    rows = "".join(f'<tr><th>{_text(label)}</th>'
                   f'<td class="{_class(kind, text)}">{_text(text)}</td></tr>'
                   for label, text, kind in shown)
    return f'<table class="facts"><tbody>{rows}</tbody></table>'


def _long_class(text):
    return ' class="long"' if _UNBROKEN.search(text) else ""


def _class(kind, text=""):
    if figure_column(kind):
        return "num"
    return "text long" if _UNBROKEN.search(text) else "text"


def _table(block, lang):
    grid = grid_of(block)
    heads = "".join(f'<th class="{_class(heading.kind)}">{_text(heading.label)}</th>'
                    for heading in grid.headings)
    shown = grid.shown_rows(lang)
    rows = []
    for row, cells in zip(grid.rows, shown):
        drawn = "".join(f'<td class="{_class(cell.kind, text)}">{escape(text, quote=True)}</td>'
                        for cell, text in zip(row.cells, cells))
        rows.append(f'<tr class="total">{drawn}</tr>' if row.total else f"<tr>{drawn}</tr>")
    table = (f"<table><thead><tr>{heads}</tr></thead>"
             f"<tbody>{''.join(rows)}</tbody></table>")
    if grid.chart:
        body = [(cells[0], row.values().get(grid.chart) or 0)
                for row, cells in zip(grid.rows, shown) if not row.total]
        table += bar_chart([name for name, _ in body], [value for _, value in body],
                           one_line(block.title))
    return table


def _signatures(lines):
    """The signature lines as on the paper form: each ``label：____`` a
    label over a ruled blank, a line with no blank a box to write in."""
    drawn = []
    for line in lines:
        fields = [field for field in re.split(r"\u3000+|\s{2,}", line) if field]
        if not any("_" in field for field in fields):
            drawn.append(f"<div>{_text(line)}</div><div class=\"comments\"></div>")
            continue
        cells = []
        for field in fields:
            label = field.rstrip("_").rstrip()
            wide = "" if cells else " sign"
            cells.append(f'<div class="field{wide or " date"}">{_text(label)}'
                         f'<span class="blank"></span></div>')
        drawn.append(f'<div class="line">{"".join(cells)}</div>')
    return f'<div class="signatures">{"".join(drawn)}</div>'
