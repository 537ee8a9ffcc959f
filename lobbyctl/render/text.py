"""A report drawn for the terminal: underlined headings, aligned facts and
tables measured in display cells (wcwidth), so Chinese labels align."""

from lobbyctl.render.document import Style, display_width, draw_document
from lobbyctl.render.grid import NUMERIC as _NUMERIC, one_line

BAR_WIDTH = 30
_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value, largest, width=BAR_WIDTH):
    """A horizontal bar of Unicode blocks, eighths for the fraction."""
    if not largest or not value:
        return ""
    eighths = round(value / largest * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def tabulated(grid, lang, tablefmt, escape=None):
    """A grid through tabulate: numbers right-aligned, wide characters two
    cells, the chart column (if any) as bars; ``escape`` rewrites body cells."""
    import tabulate as tabulate_module

    # wide (CJK) characters counted as two cells, as terminals draw them
    tabulate_module.WIDE_CHARS_MODE = True
    headers = [one_line(heading.label) for heading in grid.headings]
    body = grid.shown_rows(lang)
    if escape is not None:
        body = [[escape(cell) for cell in row] for row in body]
    # a column of figures of mixed kinds ("row") is figures all the same
    aligns = ["right" if heading.kind in _NUMERIC or heading.kind.split(":")[0] == "row"
              else "left" for heading in grid.headings]
    if grid.chart:
        values = [row.values().get(grid.chart) or 0 for row in grid.rows]
        largest = max((value for value, row in zip(values, grid.rows) if not row.total),
                      default=0)
        headers.append("")
        aligns.append("left")
        for cells, value, row in zip(body, values, grid.rows):
            cells.append("" if row.total else bar(value, largest))
    return tabulate_module.tabulate(body, headers=headers, tablefmt=tablefmt, colalign=aligns,
                                    disable_numparse=True)


class TextStyle(Style):
    def title(self, title):
        return f"{title}\n{'#' * display_width(title)}\n"

    def section_heading(self, title):
        return f"{title}\n{'=' * display_width(title)}"

    def block_heading(self, title):
        return title

    def facts(self, rows, lang):
        from wcwidth import wcswidth

        width = max((wcswidth(label) for label, _ in rows), default=0)
        return "\n".join(f"{label}{' ' * (width - wcswidth(label))}  {value}"
                         for label, value in rows)

    def meta(self, rows, lang):
        return "\n".join(f"{label}: {value}" for label, value in rows)

    def lines(self, lines):
        return "\n".join(f"  · {line}" for line in lines)

    def table(self, grid, lang):
        return tabulated(grid, lang, "simple")


STYLE = TextStyle()


def render(report):
    return draw_document(report, STYLE)
