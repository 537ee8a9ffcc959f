"""A table drawn to fit the terminal: bordered (GitHub Markdown, so it also
pastes into a document), one column — the details — wrapped onto
continuation lines so no line is wider than the terminal; the other columns
never wrap.  Widths are display cells (wcwidth): a Chinese character takes
two and is never split."""

import os

from lobbyctl.render.grid import one_line

DEFAULT_WIDTH = 80
_BREAK_AFTER = frozenset(" ，、,;；。")
_NO_LINE_START = frozenset("，、,;；。：:）)」”")


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


def wrap(text, width):
    """``text`` as pieces of at most ``width`` display cells, broken after a
    space or a punctuation mark where one falls in the piece's second half,
    else between two characters (never inside one, nor before a combining
    mark, nor before a comma: the character before it goes along);
    ``width`` at least 2 so a wide character always fits."""
    from wcwidth import wcwidth

    width = max(width, 2)
    pieces, piece, used, soft = [], [], 0, None
    for char in text:
        cells = max(wcwidth(char), 0) if char.isprintable() else 1
        if used + cells > width and piece and cells:
            if char in _NO_LINE_START and len(piece) > 1 and soft != len(piece):
                # a comma does not start a line: the character before it goes along
                soft = len(piece) - 1
            if soft is not None and soft >= len(piece) // 2:
                pieces.append("".join(piece[:soft]))
                piece = piece[soft:]
            else:
                pieces.append("".join(piece))
                piece = []
            used = sum(max(wcwidth(c), 0) for c in piece)
            soft = None
        piece.append(char)
        used += cells
        if char in _BREAK_AFTER:
            soft = len(piece)
    if piece or not pieces:
        pieces.append("".join(piece))
    return [piece.strip() for piece in pieces] or [""]


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
