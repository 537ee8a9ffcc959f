"""A report drawn for the terminal and the printer: underlined headings,
aligned facts and tables measured in display cells (wcwidth), so Chinese
labels align, every line fitted to the page's width (COLUMNS, else 80)."""

import re

from lobbyctl.render.document import Style, display_width, draw_document
from lobbyctl.render.grid import figure_column, one_line

BAR_WIDTH = 30
MIN_WIDTH = 20
_BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(value, largest, width=BAR_WIDTH):
    """A horizontal bar of Unicode blocks, eighths for the fraction."""
    if not largest or not value:
        return ""
    eighths = round(value / largest * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[part] if part else "")


def tabulated(grid, lang, tablefmt, escape=None, width=None):
    """A grid through tabulate: numbers right-aligned, wide characters two
    cells, the chart column (if any) as bars; ``escape`` rewrites body cells.
    With ``width`` (the text form) the table fits that many cells: text
    cells and headers wrap, bars shorten or go, a table of too many figures
    is drawn in bands of columns (render/fitted.py) — no figure is cut.
    A pipe table (Markdown) is drawn as tabulate draws it by
    ``render/pipe.py``, where it can be."""
    headers = [one_line(heading.label) for heading in grid.headings]
    body = grid.shown_rows(lang)
    if escape is not None:
        body = [[escape(cell) for cell in row] for row in body]
    # a column of figures of mixed kinds ("row") is figures all the same
    figures = [figure_column(heading.kind) for heading in grid.headings]
    aligns = ["right" if figure else "left" for figure in figures]

    def draw(headers, rows, aligns, padding=2):
        if tablefmt == "pipe":
            from lobbyctl.render.pipe import pipe_table

            drawn = pipe_table(headers, rows, aligns, padding)
            if drawn is not None:
                return drawn
        import tabulate as tabulate_module

        # wide (CJK) characters counted as two cells, as terminals draw them
        tabulate_module.WIDE_CHARS_MODE = True
        saved, tabulate_module.MIN_PADDING = tabulate_module.MIN_PADDING, padding
        try:
            return tabulate_module.tabulate(rows, headers=headers, tablefmt=tablefmt,
                                            colalign=aligns, disable_numparse=True)
        finally:
            tabulate_module.MIN_PADDING = saved

    if width is None:
        return draw(*_with_bars(grid, headers, body, aligns, BAR_WIDTH))
    from lobbyctl.render.fitted import fit_columns, line_width

    # figures and dates never wrap, a label only at its spaces, text anywhere
    named = [heading.kind.startswith("label:") or any(row.cells[index].labels for row in
                                                      grid.rows[:1])
             for index, heading in enumerate(grid.headings)]
    wrappable = [None if figure or heading.kind == "date" else "words" if label else "text"
                 for figure, heading, label in zip(figures, grid.headings, named)]
    padding, bands = fit_columns(headers, body, wrappable, width)
    if len(bands) > 1:
        return "\n\n".join(draw(band_headers, rows, [aligns[index] for index in columns],
                                padding) for columns, band_headers, rows in bands)
    [(_columns, headers, body)] = bands
    table = draw(headers, body, aligns, padding)
    if grid.chart:
        room = width - max(line_width(line) for line in table.splitlines()) - 2
        if room >= 8:
            table = draw(*_with_bars(grid, headers, body, aligns, min(BAR_WIDTH, room)),
                         padding)
    return table


def _with_bars(grid, headers, body, aligns, width):
    """The chart's bars as one more column (none for the totals row)."""
    if not grid.chart:
        return headers, body, aligns
    values = [row.values().get(grid.chart) or 0 for row in grid.rows]
    largest = max((value for value, row in zip(values, grid.rows) if not row.total), default=0)
    body = [cells + ["" if row.total else bar(value, largest, width)]
            for cells, value, row in zip(body, values, grid.rows)]
    return headers + [""], body, aligns + ["left"]


class TextStyle(Style):
    """The text form, fitted to ``width`` display cells (None: the
    terminal's, ``COLUMNS``, else 80 — see render/fitted.py; never fewer
    than ``MIN_WIDTH``)."""

    def __init__(self, width=None):
        self._width = width

    @property
    def width(self):
        from lobbyctl.render.fitted import terminal_width

        # a page narrower than a signature field is no page: 20 cells at least
        return max(self._width if self._width is not None else terminal_width(), MIN_WIDTH)

    def _underlined(self, title, mark):
        from lobbyctl.render.fitted import line_width, wrap

        lines = wrap(title, self.width) if line_width(title) > self.width else [title]
        return "\n".join(lines) + "\n" + mark * max(display_width(line) for line in lines)

    def title(self, title):
        return self._underlined(title, "#") + "\n"

    def section_heading(self, title):
        return self._underlined(title, "=")

    def block_heading(self, title):
        from lobbyctl.render.fitted import wrap

        return "\n".join(wrap(title, self.width))

    def facts(self, rows, lang):
        from lobbyctl.render.fitted import line_width, wrap_hanging

        width = max((line_width(label) for label, _ in rows), default=0)
        # a value wraps under itself, or under a short indent when the labels leave it no room
        longest = max((line_width(value) for _, value in rows), default=0)
        aligned = self.width - width - 2 >= min(20, longest)
        indent = width + 2 if aligned else 4
        return "\n".join(wrap_hanging(label + " " * ((width - line_width(label)) if aligned
                                                     else 0) + "  ", value, self.width, indent)
                         for label, value in rows)

    def meta(self, rows, lang):
        from lobbyctl.render.fitted import line_width, wrap_hanging

        lines = []
        for label, value in rows:
            head = f"{label}: "
            indent = line_width(head) if self.width - line_width(head) >= 20 else 4
            lines.append(wrap_hanging(head, value, self.width, indent))
        return "\n".join(lines)

    def lines(self, lines):
        from lobbyctl.render.fitted import wrap_hanging

        return "\n".join(wrap_hanging("  · ", line, self.width, 4) for line in lines)

    def table(self, grid, lang):
        return tabulated(grid, lang, "simple", width=self.width)

    def fit(self, text):
        """The form's own prose (a template's lines) wrapped to the width,
        fields apart by a wide gap (``签字：____　　日期：____``) each on
        its own line first; a rule of one repeated mark cut to it."""
        from lobbyctl.render.fitted import line_width, wrap

        width, fitted = self.width, []
        for line in text.split("\n"):
            if line_width(line) <= width:
                fitted.append(line)
            elif len(set(line.strip())) == 1:
                fitted.append(line[:width])
            else:
                indent = len(line) - len(line.lstrip(" "))
                # fields set apart by a wide gap (a signature and its date) part there first
                for field in re.split(r"(?:\u3000|\s){2,}", line.strip()):
                    fitted.extend(" " * indent + piece for piece in wrap(field, width - indent))
        return "\n".join(fitted)


STYLE = TextStyle()


def render(report):
    return draw_document(report, STYLE)
