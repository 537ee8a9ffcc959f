"""The shape every document format shares: a title, the header facts, then
sections of tables, facts and lines, an empty one saying so.

A format is a ``Style`` (render/text.py, render/markdown.py) that draws the
pieces — headings, a facts list, a list of lines, a table's grid — and this
module puts them in order, so the monthly form's template (render/template.py)
and the plain document are drawn alike."""

from lobbyctl.render.grid import grid_of, one_line
from lobbyctl.reports.model import Facts, Lines, Table
from lobbyctl.schema.text import words
from lobbyctl.schema.text.values import show_value

NOTHING = {lang: words.pick(words.RENDER["nothing"], lang) for lang in ("zh", "en")}


class Style:
    """How one document format draws each piece; a format overrides every method."""

    def title(self, title):
        raise NotImplementedError

    def section_heading(self, title):
        raise NotImplementedError

    def block_heading(self, title):
        raise NotImplementedError

    def facts(self, rows, lang):
        """``rows`` are (label, value) display strings."""
        raise NotImplementedError

    def meta(self, rows, lang):
        """The header facts, (label, value) display strings."""
        raise NotImplementedError

    def lines(self, lines):
        raise NotImplementedError

    def table(self, grid, lang):
        raise NotImplementedError

    def fit(self, text):
        """A form's own text (a template's lines) as this format lays it out."""
        return text


def draw_block(block, lang, style):
    """One block; an empty one says so instead of vanishing."""
    title = one_line(block.title)
    if isinstance(block, Table):
        body = style.table(grid_of(block), lang) if block.rows else NOTHING[lang]
    elif isinstance(block, Facts):
        rows = [(one_line(label), one_line(show_value(value, kind, lang)))
                for _key, label, value, kind in block.items]
        body = style.facts(rows, lang) if rows else NOTHING[lang]
    elif isinstance(block, Lines):
        body = style.lines([one_line(line) for line in block.lines]) if block.lines \
            else NOTHING[lang]
    else:
        raise TypeError(f"not a report block: {block!r}")
    if not title:
        return body
    return f"{style.block_heading(title)}\n\n{body}"


def draw_section(section, lang, style):
    """A section under its heading (none when it has no title: a report of
    one table, such as ``show``'s)."""
    blocks = [draw_block(block, lang, style) for block in section.blocks]
    if not blocks:
        blocks = [one_line(section.empty) or NOTHING[lang]]
    title = one_line(section.title)
    body = "\n\n".join(blocks)
    return f"{style.section_heading(title)}\n\n{body}" if title else body


def draw_meta(report, style):
    """The header facts (branch, period, ...)."""
    rows = [(one_line(label), one_line(show_value(value, "text", report.lang)))
            for label, value in report.meta.values()]
    return style.meta(rows, report.lang) if rows else ""


def draw_document(report, style):
    head = style.title(one_line(report.title))
    meta = draw_meta(report, style)
    parts = [head, meta] if meta else [head]
    parts.extend(draw_section(section, report.lang, style) for section in report.sections)
    return "\n\n".join(part.rstrip("\n") for part in parts) + "\n"


def display_width(text):
    """Terminal cells ``text`` takes (a Chinese character two), at least 1."""
    from wcwidth import wcswidth

    return max(wcswidth(text), 1)
