"""A report drawn as Markdown: headings, bold labels, pipe tables; free text
escaped so a masked number (138****5678) opens no emphasis."""

from lobbyctl.render.document import Style, draw_document
from lobbyctl.render.text import tabulated


def md_escape(text):
    """Free text safe inside Markdown: a masked number such as 138****5678 must
    not open or close emphasis with the next asterisks on the line."""
    return text.replace("*", "\\*")


def _fact(label, value, lang):
    return f"- **{label}**：{md_escape(value)}" if lang == "zh" else \
        f"- **{label}**: {md_escape(value)}"


class MarkdownStyle(Style):
    def title(self, title):
        return f"# {title}\n"

    def section_heading(self, title):
        return f"## {title}"

    def block_heading(self, title):
        return f"**{title}**"

    def facts(self, rows, lang):
        return "\n".join(_fact(label, value, lang) for label, value in rows)

    meta = facts

    def lines(self, lines):
        return "\n".join(f"- {md_escape(line)}" for line in lines)

    def table(self, grid, lang):
        return tabulated(grid, lang, "pipe",
                         escape=lambda cell: md_escape(cell).replace("|", "\\|"))


STYLE = MarkdownStyle()


def render(report):
    return draw_document(report, STYLE)
