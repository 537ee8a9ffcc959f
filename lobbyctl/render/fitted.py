"""Text fitted to a width in display cells (wcwidth: a Chinese character
takes two and is never split): ``wrap`` (Chinese anywhere, English at
spaces, no line starting with a comma), ``fit_columns`` (the text form's
tables: text cells and headers wrapped, then bands of columns, no figure
cut), and ``fitted_table``, ``show``'s bordered table (GitHub Markdown, so
it also pastes into a document) in which only the details wrap.  The width
is the terminal's: ``COLUMNS``, else 80."""

import os
import re

from lobbyctl.render.grid import one_line

DEFAULT_WIDTH = 80
_BREAK_AFTER = frozenset(" ，、,;；。")
_NO_LINE_START = frozenset("，、,;；。：:）)」”！？!?》·%％")
_NO_LINE_END = frozenset("（(「“《")


def terminal_width(environ=None):
    """``COLUMNS`` when it is a positive whole number, else 80 (a pipe, cron)."""
    text = (environ if environ is not None else os.environ).get("COLUMNS", "")
    try:
        width = int(text.strip())
    except ValueError:
        return DEFAULT_WIDTH
    return width if 0 < width <= 10_000 else DEFAULT_WIDTH


def _width(text):
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def wrap(text, width, at_spaces=False):
    """``text`` as lines of at most ``width`` display cells (at least 2, so
    a wide character always fits), each broken at the last place a line may
    break: at a space, after a punctuation mark, beside a Chinese character
    (Chinese wraps anywhere, English at spaces) — never before a comma or a
    closing bracket, after an opening one, nor before a combining mark.  A
    word longer than the width is cut where it must be.  Only the spaces a
    line broke at are lost.  ``at_spaces``: only at spaces and hyphens (a
    label: 推荐跟进 is one word)."""
    width = max(width, 2)
    lines = []
    rest = text
    while line_width(rest) > width:
        cut = _break_point(rest, width, at_spaces)
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip(" ")
    lines.append(rest.strip())
    return [line for line in lines if line] or [""]


def _cells(char):
    from wcwidth import wcwidth

    return max(wcwidth(char), 0) if char.isprintable() else 1


def _may_break(before, after, earlier="", at_spaces=False):
    """Whether a line may end after ``before`` and the next start with
    ``after`` (``earlier``: the character before ``before``)."""
    if not after.isprintable() or _cells(after) == 0 or after in _NO_LINE_START:
        return False
    if before in _NO_LINE_END:
        return False
    if before == "-":  # Follow-|up, high-|end; not 261015-|x2rpbb nor -|5
        return after.isalpha() and after.isascii() and earlier.isalpha()
    if at_spaces:
        return before == " " or after == " "
    return before == " " or after == " " or before in _BREAK_AFTER or \
        _cells(before) == 2 or _cells(after) == 2


def _break_point(text, width, at_spaces=False):
    """Where the first line of ``text`` ends (it is wider than ``width``):
    the last break that fits, else the last character boundary that does
    (a word wider than the line)."""
    used, last_break, last_fit = 0, None, 1
    for index, char in enumerate(text):
        cells = _cells(char)
        if index and _may_break(text[index - 1], char, text[index - 2:index - 1], at_spaces):
            last_break = index
        if index and cells:
            last_fit = index
        if used + cells > width:
            return last_break or last_fit
        used += cells
    return len(text)


def line_width(text):
    """Display cells of one line, as the wrapping counts them."""
    return sum(_cells(char) for char in text)


def word_width(text, at_spaces=False):
    """The widest piece ``text`` cannot be broken inside (a word, an id)."""
    widest, used = 0, 0
    for index, char in enumerate(text):
        if index and _may_break(text[index - 1], char, text[index - 2:index - 1], at_spaces):
            used = 0
        used += 0 if char == " " else _cells(char)
        widest = max(widest, used)
    return widest


def _figure_width(text):
    """The widest word of ``text`` that holds a digit (0 if none)."""
    return max((word_width(word) for word in re.split(r"[\s，、；。]+", text)
                if any(char.isdigit() for char in word)), default=0)


def wrap_hanging(first, text, width, indent):
    """``first`` (a label, a bullet) then ``text`` wrapped to ``width``, the
    lines after the first indented by ``indent`` cells."""
    room = max(width - indent, 2)
    pieces = wrap(text, room)
    return "\n".join([first + pieces[0]] + [" " * indent + piece for piece in pieces[1:]])


def fitted_table(grid, lang, width, wrap_key):
    """The grid as bordered lines no wider than ``width`` where the other
    columns leave the ``wrap_key`` column room for its header."""
    import tabulate as tabulate_module

    tabulate_module.WIDE_CHARS_MODE = True
    headers = [one_line(heading.label) for heading in grid.headings]
    body = grid.shown_rows(lang)
    where = [heading.key for heading in grid.headings].index(wrap_key)
    # tabulate's GitHub format: "| cell |" a column, a header padded by 2
    # cells — dropped when that is what keeps the details their header's room
    for padding in (2, 0):
        widths = [max([_width(headers[index]) + padding] + [_width(row[index]) for row in body])
                  for index in range(len(headers))]
        room = width - 1 - sum(cells + 3 for index, cells in enumerate(widths)
                               if index != where) - 3
        if room >= _width(headers[where]) + padding:
            break
    room = max(room, _width(headers[where]) + padding)
    lines = []
    for row in body:
        pieces = wrap(row[where], room)
        lines.append(row[:where] + [pieces[0]] + row[where + 1:])
        lines.extend([""] * where + [piece] + [""] * (len(row) - where - 1)
                     for piece in pieces[1:])
    saved, tabulate_module.MIN_PADDING = tabulate_module.MIN_PADDING, padding
    try:
        return tabulate_module.tabulate(lines, headers=headers, tablefmt="github",
                                        disable_numparse=True)
    finally:
        tabulate_module.MIN_PADDING = saved


# the narrowest a column of text is made before its words are cut, and
# before the table is cut into bands of columns instead
_HARD_MIN = 6
_READABLE = 8
_HEADER_LINE = 4  # cells: two Chinese characters a header line, at least
_GAP = 2  # tabulate's "simple" format: two spaces between columns, a header padded by 2


def fit_columns(headers, body, wrappable, width):  # noqa: C901 (one algorithm, in steps)
    """A table made to fit ``width`` cells as drawn by tabulate's "simple"
    format, without cutting a figure: text cells (``wrappable`` columns:
    "text" wraps as prose, "words" — a label — only at spaces, and only
    when bands of columns do not make room) and every header
    wrapped onto more lines ("\\n" in a cell), the widest first;
    a column's words are cut only when whole words cannot fit.  A table that
    still cannot fit — too many columns of figures — is cut into bands of
    columns, each repeating the first (the row's name).

    Returns ``(padding, bands)``: the header padding to draw with (tabulate's
    ``MIN_PADDING``: its 2 cells are given up first, the columns are two
    apart without them) and ``[(columns, headers, rows)]``, one a band: the
    indices of its columns, its headers and rows, cells wrapped."""
    columns = range(len(headers))
    for padding in (_GAP, 0):
        natural = [max([line_width(headers[index]) + padding] +
                       [line_width(row[index]) for row in body]) for index in columns]
        if sum(natural) + _GAP * (len(natural) - 1) <= width:
            return padding, [(list(columns), headers, body)]

    def floor(index, stage):
        # "words": whole words; "headers": a header's words may be cut too;
        # "cut": a cell's as well (a band of two columns that still will not fit)
        # a header that breaks anywhere (Chinese) keeps a few characters a
        # line while bands can make room: not a column of single letters
        head = (max(word_width(headers[index]),
                    min(_HEADER_LINE, line_width(headers[index])))
                if stage == "words" else 2) + padding
        cells = [row[index] for row in body]
        if not wrappable[index] or (wrappable[index] == "words" and stage != "cut"):
            # a label is a name: whole, unless a band of two columns cannot hold it
            least = max((line_width(cell) for cell in cells), default=0)
        elif stage == "cut":
            # words are cut now, but never one holding a digit: an id, a figure in the text
            least = max([min(_HARD_MIN, max((line_width(cell) for cell in cells), default=0))]
                        + [_figure_width(cell) for cell in cells])
        else:
            # narrower than this, a column of text reads as a column of letters:
            # bands of columns are kinder
            spaces = wrappable[index] == "words"
            least = max([_READABLE] + [word_width(cell, spaces) for cell in cells])
        return min(natural[index], max(head, least, 2))

    def total(widths, chosen):
        return sum(widths[index] for index in chosen) + _GAP * (len(chosen) - 1)

    def shrink(chosen, stages):
        widths = {index: natural[index] for index in chosen}
        for stage in stages:
            floors = {index: floor(index, stage) for index in chosen}
            while total(widths, chosen) > width:
                room = [index for index in chosen if widths[index] > floors[index]]
                if not room:
                    break
                # the widest column gives a cell first, so the columns even out
                widest = max(room, key=lambda index: (widths[index], index))
                widths[widest] -= 1
            if total(widths, chosen) <= width:
                break
        return widths

    # a header's words are cut only when bands of columns cannot make room:
    # "Custome/r info" reads worse than a second band
    whole = ("words",)
    bands = [list(columns)]
    widths = shrink(bands[0], whole)
    if total(widths, bands[0]) > width and len(headers) > 2:
        # too many columns: bands of them, each as many as fit with whole words
        floors = {index: floor(index, "words") for index in columns}
        bands, band = [], [0]
        for index in columns[1:]:
            if len(band) > 1 and total(floors, band + [index]) > width:
                bands.append(band)
                band = [0]
            band.append(index)
        bands.append(band)
        fitted = [shrink(band, whole + ("headers", "cut")) for band in bands]
        widths = {index: cells for band in fitted for index, cells in band.items()}
        widths[0] = min(band[0] for band in fitted)
    elif total(widths, bands[0]) > width:
        widths = shrink(bands[0], whole + ("headers", "cut"))

    def cell(text, index, room, at_spaces=False):
        if line_width(text) <= room:
            return text
        return "\n".join(wrap(text, room, at_spaces))

    return padding, [(band, [cell(headers[index], index, widths[index] - padding)
                             for index in band],
             [[cell(row[index], index, widths[index], wrappable[index] == "words")
               if wrappable[index] else row[index]
               for index in band] for row in body])
            for band in bands]
