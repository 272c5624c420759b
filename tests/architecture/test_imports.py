"""The package's import graph follows the data flow: no stage imports a later one, no circles."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline" / "nianbao"

# The order of the data flow; a module may import its own stage and earlier ones only.
STAGES = (
    ("text", "errors", "data", "defaults", "patterns", "resources", "ontology"),
    ("ingest",),
    ("layout",),
    ("tables",),
    ("claims",),
    ("model",),
    ("entities",),
    ("link",),
    ("reconcile",),
    ("export",),
    ("run",),
    ("corpus",),
    ("scoring", "synth"),
    ("training",),
    ("cli", "__init__", "__main__"),
)
RANK = {name: i for i, names in enumerate(STAGES) for name in names}


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every nianbao module the file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("nianbao")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("nianbao"):
            found.add(node.module)
    return found


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_stage_has_a_rank() -> None:
    assert {_stage(m) for m in _graph()} <= set(RANK)


def test_no_stage_imports_a_later_one() -> None:
    backwards = [
        f"{module} → {target}"
        for module, targets in _graph().items()
        for target in targets
        if target != "nianbao" and RANK[_stage(target)] > RANK[_stage(module)]
    ]
    assert backwards == []


def test_no_import_circles_between_modules() -> None:
    graph = _graph()
    modules = set(graph)

    def resolve(target: str) -> str | None:
        return target if target in modules else None

    edges = {m: {t for t in map(resolve, ts) if t and t != m} for m, ts in graph.items()}
    state: dict[str, int] = {}
    circles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                circles.append(" → ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_inference_does_not_import_training_synth_or_scoring() -> None:
    inference = {m: ts for m, ts in _graph().items() if _stage(m) == "model"}
    assert inference
    for module, targets in inference.items():
        assert not {_stage(t) for t in targets} & {"training", "synth", "scoring"}, module
