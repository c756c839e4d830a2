"""The apps import only downward: lib ← spetsomraden ← registry ← api ← the project.

Read from the source (every ``import`` statement, those inside functions too), so an
upward import fails here before it can make a cycle at start-up.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each layer and the first-party packages it may import, besides itself.
LAYERS = {
    "innovation_portal.lib": set(),
    "spetsomraden": {"innovation_portal.lib"},
    "registry": {"innovation_portal.lib", "spetsomraden"},
    "api": {"innovation_portal.lib", "spetsomraden", "registry"},
}
FIRST_PARTY = ("innovation_portal", "spetsomraden", "registry", "api", "bench", "tests")


def _layer_of(module: str) -> str | None:
    for layer in sorted(LAYERS, key=len, reverse=True):
        if module == layer or module.startswith(layer + "."):
            return layer
    if module.split(".")[0] in FIRST_PARTY:
        return module
    return None


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _sources(layer: str):
    folder = ROOT.joinpath(*layer.split("."))
    return sorted(path for path in folder.rglob("*.py") if "migrations" not in path.parts)


@pytest.mark.parametrize("layer", list(LAYERS))
def test_an_app_imports_nothing_from_the_layers_above_it(layer):
    upward = []
    for path in _sources(layer):
        for module in _imports(path):
            target = _layer_of(module)
            if target is None or target == layer or target.split(".")[0] not in FIRST_PARTY:
                continue
            if target not in LAYERS[layer]:
                upward.append(f"{path.relative_to(ROOT)} imports {module}")
    assert upward == []


def test_the_layers_are_found_where_the_readme_says():
    for layer in LAYERS:
        assert _sources(layer), f"no modules found for {layer}"
