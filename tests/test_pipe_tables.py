"""Markdown's pipe tables (``render/pipe.py``) are tabulate's own: for any
cells, headings and alignments, the text tabulate's ``pipe`` format draws
with wide characters counted two cells, or tabulate draws it itself."""

import tabulate
from hypothesis import HealthCheck, given, settings, strategies as st

from lobbyctl.render.pipe import pipe_table
from robustness import scale

cells = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["柜台", "自助设备", " a ", "", "12", "1.5", "-3", "True", "None", "12%", "—",
                     "１２", "é", "e\u0301", "a  b", "0x10", "1e5", "nan", "inf", "  ", "\u3000x",
                     "x\u2028", "\x85", "a\tb", "a\nb", "\x1b[1mX", "138****5678", "a\\|b"]))


def tables():
    return st.integers(1, 5).flatmap(lambda n: st.tuples(
        st.lists(cells, min_size=n, max_size=n),
        st.lists(st.lists(cells, min_size=n, max_size=n), min_size=1, max_size=5),
        st.lists(st.sampled_from(["left", "right"]), min_size=n, max_size=n),
        st.sampled_from([0, 1, 2, 3])))


@settings(max_examples=scale(500, 20000), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_pipe_table_is_the_one_tabulate_draws(table):
    headers, rows, aligns, padding = table
    ours = pipe_table(headers, rows, aligns, padding)
    if ours is None:
        return  # tabulate's to draw (the forms' cells never hold a control character)
    saved, tabulate.MIN_PADDING = tabulate.MIN_PADDING, padding
    wide, tabulate.WIDE_CHARS_MODE = tabulate.WIDE_CHARS_MODE, True
    try:
        theirs = tabulate.tabulate(rows, headers=headers, tablefmt="pipe", colalign=aligns,
                                   disable_numparse=True)
    finally:
        tabulate.MIN_PADDING, tabulate.WIDE_CHARS_MODE = saved, wide
    assert ours == theirs


def test_what_tabulate_must_draw_is_left_to_it():
    for odd in ("a\nb", "a\tb", "\x1b[1mX\x1b[0m", "\x07"):
        assert pipe_table(["h"], [[odd]], ["left"]) is None
    assert pipe_table(["h"], [], ["left"]) is None
    assert pipe_table(["去向", "人数"], [["柜台", "12"], ["self-service", "3"]],
                      ["left", "right"]) == (
        "| 去向         |   人数 |\n"
        "|:-------------|-------:|\n"
        "| 柜台         |     12 |\n"
        "| self-service |      3 |")
