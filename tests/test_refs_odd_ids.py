"""A link judged at the same instant as its target, in a file that also
holds an entry whose id is no text (a list, a mapping: rejected by
``check``), is judged without a traceback (found by
``test_hostile_journals``)."""

import pytest

from conftest import Run, day_file

LINES = [
    '- {"id": "261120-dddddd", "type": "complain", "at": "2026-11-20T11:00:00+08:00", '
    '"by": "王芳", "level": "grumble", "category": "waiting", "summary": "排队太久", '
    '"status": "open"}\n',
    '- {"id": ODD, "type": "open", "at": "2026-11-20T08:30:00+08:00", "by": "王芳", '
    '"ok": ["appearance"]}\n',
    '- {"id": "261120-ffffff", "type": "update", "at": "2026-11-20T11:00:00+08:00", '
    '"by": "王芳", "ref": "261120-dddddd", "via": "phone"}\n',
]


@pytest.mark.parametrize("order", [(0, 1, 2), (0, 2, 1)])
@pytest.mark.parametrize("odd", ['[1, [2]]', '{"a": 1}'])
@pytest.mark.parametrize("reader", [("show", "2026-11-20", "--skip-bad"),
                                    ("report", "day", "2026-11-20", "--skip-bad"),
                                    ("check",)])
def test_an_id_that_is_no_text_beside_a_same_instant_link(journal, odd, reader, order):
    path = day_file(journal, "2026-11-20")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(LINES[n] for n in order).replace("ODD", odd), encoding="utf-8")
    odd_line, update_line = order.index(1) + 1, order.index(2) + 1
    result = Run(journal, {"LOBBYCTL_NOW": "2026-11-21T09:00"})(*reader)
    assert result.exit_code == (1 if reader == ("check",) else 0), result.stderr
    assert f"2026-11-20.yaml:{odd_line}:" in (result.stdout + result.stderr)
    if reader[0] != "check":
        assert f"2026-11-20.yaml:{update_line}:" not in result.stderr  # the update is fine
