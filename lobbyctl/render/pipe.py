"""A Markdown pipe table drawn as tabulate's ``pipe`` format draws it
(``tabulate(..., tablefmt="pipe", colalign=..., disable_numparse=True)``,
wide characters two cells), without tabulate's work for each cell (the
type it would infer, then not use): a monthly form has 25 tables and 1,500
cells, 10 ms of a 190 ms form.  Any cell tabulate treats otherwise (a line
break, a tab, an escape sequence, a character of no width) is left to
tabulate: ``None``.  ``tests/test_pipe_tables.py`` holds the two to the same
text."""

from wcwidth import wcswidth

# what tabulate reads as a line break or a terminal's code: its to draw
_TABULATE_ONLY = ("\n", "\r", "\t", "\x1b", "\x0b", "\x0c")


def _cells(text):
    """``wcswidth(text)``: printable ASCII (a figure, a date: most cells)
    is one cell a character without asking wcwidth."""
    return len(text) if text.isascii() and text.isprintable() else wcswidth(text)


def pipe_table(headers, rows, aligns, padding=2):
    """``rows`` under ``headers`` (each column ``left`` or ``right`` in
    ``aligns``, at least ``padding`` cells wider than its heading), or None
    where tabulate must draw it."""
    if not rows:
        return None
    heads = ["" if head is None else str(head) for head in headers]
    raw = [["" if cell is None else str(cell) for cell in row] for row in rows]
    for text in heads + [cell for row in raw for cell in row]:
        if any(mark in text for mark in _TABULATE_ONLY):
            return None
    body = [[cell.strip() for cell in row] for row in raw]  # as tabulate strips them
    head_cells = [_cells(head) for head in heads]
    body_cells = [[_cells(text) for text in row] for row in body]
    widths = []
    for index, width in enumerate(head_cells):
        cells = [row[index] for row in body_cells]
        if width < 0 or min(cells) < 0:
            return None  # a control character: tabulate's own reckoning
        widths.append(max([width + padding, *cells]))

    def padded(text, cells, width, align):
        gap = " " * (width - cells)
        return gap + text if align == "right" else text + gap

    def line(texts, cells):
        return "| " + " | ".join(padded(text, used, width, align) for text, used, width, align
                                 in zip(texts, cells, widths, aligns)) + " |"

    rule = "|" + "|".join(":" + "-" * (width + 1) if align == "left" else "-" * (width + 1) + ":"
                          for width, align in zip(widths, aligns)) + "|"
    return "\n".join([line(heads, head_cells), rule, *map(line, body, body_cells)])
