"""Branches merged in parallel each add entries to the same catalogues and
tables: a key written twice in one dict literal silently keeps the last one
(a rating's 'satisfaction' once took the nine links' label this way)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "lobbyctl"


def test_no_dict_literal_repeats_a_key():
    repeated = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                seen = {}
                for key in node.keys:
                    if isinstance(key, ast.Constant):
                        if key.value in seen:
                            repeated.append(f"{path.relative_to(PACKAGE.parent)}:{key.lineno}: "
                                            f"{key.value!r} (first at line {seen[key.value]})")
                        seen.setdefault(key.value, key.lineno)
    assert not repeated, "\n".join(repeated)
