"""Drawing a ``Report`` as text (terminal tables), Markdown, CSV or JSON.

Columns are measured in display cells (wcwidth), so Chinese labels align.
Every value from a journal or a config is neutralised (``schema.text.safe``)
as it becomes a cell, a line or a heading: terminal controls and bidi
characters shown escaped, a table row kept one line; CSV text cells that a
spreadsheet would run as a formula start with ``'``; JSON keeps the values."""

import csv
import io
import json

from lobbyctl.reports.model import Facts, Lines, Table
from lobbyctl.schema.text.safe import json_safe, neutralise, spreadsheet_safe
from lobbyctl.schema.text import words
from lobbyctl.schema.text.values import show_value  # noqa: F401  (renderers and callers use it)

FORMATS = ("text", "markdown", "csv", "json")
BAR_WIDTH = 30
_BLOCKS = " ▏▎▍▌▋▊▉█"
_NOTHING = {lang: words.pick(words.RENDER["nothing"], lang) for lang in ("zh", "en")}
_TOTAL = {lang: words.pick(words.RENDER["total"], lang) for lang in ("zh", "en")}


def md_escape(text):
    """Free text safe inside Markdown: a masked number such as 138****5678 must
    not open or close emphasis with the next asterisks on the line."""
    return text.replace("*", "\\*")


def bar(value, largest, width=BAR_WIDTH):
    """A horizontal bar of Unicode blocks, eighths for the fraction."""
    if not largest or not value:
        return ""
    eighths = round(value / largest * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def render(report, fmt):
    if fmt == "json":
        return render_json(report)
    if fmt == "csv":
        return render_csv(report)
    return render_document(report, markdown=(fmt == "markdown"))


def _table_cells(table, lang):
    """Header and body rows of a table as strings, with its bar chart column."""
    headers = [_one_line(column.label) for column in table.columns]
    rows = list(table.rows)
    if table.total:
        rows.append(table.total)
    body = [[_cell(row.get(column.key), column, lang) for column in table.columns]
            for row in rows]
    if table.total:
        body[-1][0] = _TOTAL[lang] if not body[-1][0] or body[-1][0] == "—" else body[-1][0]
    if table.chart:
        largest = max((row.get(table.chart) or 0 for row in table.rows), default=0)
        headers.append("")
        for cells, row in zip(body, rows):
            cells.append("" if row is table.total else bar(row.get(table.chart) or 0, largest))
    return headers, body


def _cell(value, column, lang):
    names = column.labels.get(value) if column.labels and isinstance(value, str) else None
    if names:
        return _one_line(names[0] if lang == "zh" else names[1])
    return _one_line(show_value(value, column.kind, lang, column.labels))


def _one_line(text):
    """A value as shown in a cell, a line or a heading: escaped, one line."""
    return neutralise(text, one_line=True)


def _aligns(table):
    numeric = {"int", "number", "pct", "minutes", "days"}
    aligns = ["right" if column.kind in numeric else "left" for column in table.columns]
    if table.chart:
        aligns.append("left")
    return aligns


def draw_table(table, lang, markdown=False):
    """A table as text lines (tabulate, display-cell widths)."""
    import tabulate as tabulate_module

    # wide (CJK) characters counted as two cells, as terminals draw them
    tabulate_module.WIDE_CHARS_MODE = True
    headers, body = _table_cells(table, lang)
    if markdown:
        body = [[md_escape(cell).replace("|", "\\|") for cell in row] for row in body]
    return tabulate_module.tabulate(body, headers=headers, tablefmt="pipe" if markdown else "simple",
                                    colalign=_aligns(table), disable_numparse=True)


def draw_facts(facts, lang, markdown=False):
    width = 0
    rows = []
    for _key, label, value, kind in facts.items:
        rows.append((_one_line(label), _one_line(show_value(value, kind, lang))))
    if markdown:
        return "\n".join(f"- **{label}**：{md_escape(value)}" if lang == "zh" else
                         f"- **{label}**: {md_escape(value)}" for label, value in rows)
    from wcwidth import wcswidth

    width = max((wcswidth(label) for label, _ in rows), default=0)
    return "\n".join(f"{label}{' ' * (width - wcswidth(label))}  {value}" for label, value in rows)


def draw_block(block, lang, markdown=False):
    """One block as text; an empty one says so instead of vanishing."""
    title = _one_line(block.title)
    if isinstance(block, Table):
        body = draw_table(block, lang, markdown) if block.rows else _NOTHING[lang]
    elif isinstance(block, Facts):
        body = draw_facts(block, lang, markdown) if block.items else _NOTHING[lang]
    elif isinstance(block, Lines):
        if not block.lines:
            body = _NOTHING[lang]
        elif markdown:
            body = "\n".join(f"- {md_escape(_one_line(line))}" for line in block.lines)
        else:
            body = "\n".join(f"  · {_one_line(line)}" for line in block.lines)
    else:
        raise TypeError(f"not a report block: {block!r}")
    if not title:
        return body
    heading = f"**{title}**" if markdown else f"{title}"
    return f"{heading}\n\n{body}"


def draw_section(section, lang, markdown=False):
    title = _one_line(section.title)
    heading = f"## {title}" if markdown else f"{title}\n{'=' * _cells(title)}"
    blocks = [draw_block(block, lang, markdown) for block in section.blocks]
    if not blocks:
        blocks = [_one_line(section.empty) or _NOTHING[lang]]
    return heading + "\n\n" + "\n\n".join(blocks)


def _cells(text):
    from wcwidth import wcswidth

    return max(wcswidth(text), 1)


def draw_meta(report, markdown=False):
    """The header facts (branch, period, ...) as a list or ``label: value`` lines."""
    lang = report.lang
    lines = []
    for label, value in report.meta.values():
        label, shown = _one_line(label), _one_line(show_value(value, "text", lang))
        if markdown:
            shown = md_escape(shown)
            lines.append(f"- **{label}**：{shown}" if lang == "zh" else f"- **{label}**: {shown}")
        else:
            lines.append(f"{label}: {shown}")
    return "\n".join(lines)


def render_document(report, markdown=False):
    lang = report.lang
    title = _one_line(report.title)
    if markdown:
        head = f"# {title}\n"
    else:
        head = f"{title}\n{'#' * _cells(title)}\n"
    meta = draw_meta(report, markdown)
    parts = [head, meta] if meta else [head]
    parts.extend(draw_section(section, lang, markdown) for section in report.sections)
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def report_data(report):
    """The report as plain JSON-able data with stable English keys."""

    def block_data(block):
        if isinstance(block, Table):
            data = {"title": block.title, "rows": block.rows}
            if block.total:
                data["total"] = block.total
            return data
        if isinstance(block, Facts):
            return {"title": block.title, **{key: value for key, _l, value, _k in block.items}}
        return {"title": block.title, "lines": block.lines}

    return {
        "report": report.key,
        "title": report.title,
        "lang": report.lang,
        **{key: value for key, (_label, value) in report.meta.items()},
        "sections": {section.key: {"title": section.title, "empty": not section.blocks,
                                   **{block.key: block_data(block) for block in section.blocks}}
                     for section in report.sections},
    }


def render_json(report):
    # the values as they are; only their acting characters written as \uXXXX
    return json_safe(json.dumps(report_data(report), ensure_ascii=False, indent=2,
                                sort_keys=False)) + "\n"


def render_csv(report):
    """Long ("tidy") form, one figure a row: section, table, row, column, value —
    what pandas or DuckDB pivot as they like."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "table", "row", "column", "value"])
    for key, (_label, value) in report.meta.items():
        writer.writerow(["meta", "", "", _csv_value(key), _csv_value(value)])
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                first = block.columns[0].key
                rows = list(block.rows) + ([block.total] if block.total else [])
                for row in rows:
                    label = "total" if row is block.total else _csv_value(row.get(first))
                    for column in block.columns[1:]:
                        writer.writerow([section.key, block.key, label, _csv_value(column.key),
                                         _csv_value(row.get(column.key))])
            elif isinstance(block, Facts):
                for item_key, _label, value, _kind in block.items:
                    writer.writerow([section.key, block.key, "", _csv_value(item_key),
                                     _csv_value(value)])
            else:
                for number, line in enumerate(block.lines, 1):
                    writer.writerow([section.key, block.key, number, "text", _csv_value(line)])
    return out.getvalue()


def _csv_value(value):
    """One CSV cell: numbers as numbers (a negative one is no formula), text
    and lists made spreadsheet-safe."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return spreadsheet_safe(";".join(map(str, value)))
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value
