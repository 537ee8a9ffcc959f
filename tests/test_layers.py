"""The folders show the layers, and lower layers never import higher ones.

From the top: the CLI, renderers, report builders, checking, the domain,
storage, the schema (with its text catalogue).  ``lobbyctl.errors`` and the
package itself sit below everything.  An import inside a function counts as
much as one at the top: laziness is about start-up time, not about layers."""

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "lobbyctl"
LAYERS = ["cli", "render", "engine", "reports", "check", "domain", "store", "schema"]
BASE = {"lobbyctl", "lobbyctl.errors"}


def layer_of(module):
    parts = module.split(".")
    if module in BASE or len(parts) < 2:
        return len(LAYERS)
    if parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts)
        if name.endswith(".__init__"):
            name = name[: -len(".__init__")]
        yield name, path


def imports_of(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "lobbyctl":
                for alias in node.names:
                    yield node.lineno, f"lobbyctl.{alias.name}"
            elif node.module.startswith("lobbyctl."):
                yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("lobbyctl."):
                    yield node.lineno, alias.name


def test_every_module_is_in_a_layer():
    stray = [name for name, _ in modules()
             if name not in BASE and layer_of(name) is None and name != "lobbyctl.__main__"]
    assert stray == []


@pytest.mark.parametrize("name,path", list(modules()), ids=lambda value: str(value))
def test_no_module_imports_a_higher_layer(name, path):
    own = layer_of(name)
    if own is None:  # lobbyctl.__main__ runs the CLI: it is above everything
        own = -1
    upward = [f"{path.name}:{line}: {target}" for line, target in imports_of(path)
              if layer_of(target) is not None and layer_of(target) < own]
    assert upward == []
