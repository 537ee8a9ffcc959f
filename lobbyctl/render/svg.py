"""A bar chart as inline SVG for the printable page (render/html.py): one
bar a row of a table's ``chart`` column, its figure above it and the row's
name below, drawn with plain shapes and text — no script, nothing fetched,
the same bytes for the same figures."""

from html import escape

WIDTH = 640  # the printable width of A4 portrait at 96 px/in, less the margins
HEIGHT = 150
_TOP, _BOTTOM, _SIDE = 14, 18, 4


def bar_chart(names, values, title):
    """``names`` (shown text, one a bar) and ``values`` (numbers) as an SVG
    element that scales with the page; ``title`` names it for a reader."""
    count = len(values)
    largest = max((value for value in values if value), default=0)
    slot = (WIDTH - 2 * _SIDE) / max(count, 1)
    bar = slot * 0.7
    room = HEIGHT - _TOP - _BOTTOM
    # a label a bar is narrower than its text: the name is shortened to what fits
    size = 9 if slot >= 40 else 8
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
             f'aria-label="{escape(title, quote=True)}">',
             f'<line x1="{_SIDE}" y1="{HEIGHT - _BOTTOM}" x2="{WIDTH - _SIDE}" '
             f'y2="{HEIGHT - _BOTTOM}" class="axis"/>']
    for index, (name, value) in enumerate(zip(names, values)):
        height = room * value / largest if largest and value else 0
        left = _SIDE + index * slot + (slot - bar) / 2
        middle = _SIDE + index * slot + slot / 2
        top = HEIGHT - _BOTTOM - height
        parts.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{bar:.1f}" '
                     f'height="{height:.1f}"/>')
        parts.append(f'<text x="{middle:.1f}" y="{top - 3:.1f}" font-size="{size}" '
                     f'class="figure">{escape(_figure(value))}</text>')
        parts.append(f'<text x="{middle:.1f}" y="{HEIGHT - _BOTTOM + 11:.1f}" '
                     f'font-size="{size}">{escape(_short(name, slot, size), quote=True)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _figure(value):
    return f"{value:g}" if isinstance(value, float) else str(value or 0)


def _short(name, slot, size):
    """A bar's name as it fits under the bar: a date as its day of the month,
    an hour range as its first hour, else as it is."""
    if len(name) == 10 and name[4:5] == "-" and name[7:8] == "-":
        return str(int(name[8:])) if name[8:].isdigit() else name
    if len(name) * size * 0.55 > slot and "–" in name:
        return name.split("–")[0]
    return name
