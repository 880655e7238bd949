"""The module import graph, read from the source with `ast`: no cycles, and only the CLI sees click.

Every import counts, wherever it stands (a function-level import is still a dependency) and
whether or not it only serves type checking. `from package import name` is an edge to
`package.name` when that is a module, else to `package`; that Python runs a package's
`__init__` before its submodules is not an edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import subkit

PACKAGE = Path(subkit.__file__).parent


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same top-level package it imports, and `-> {"click"}` for click."""
    files = {module_name(root, path): path for path in root.rglob("*.py")}
    top = root.name
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - node.level + 1]
                    package = ".".join(base + ([node.module] if node.module else []))
                else:
                    package = node.module or ""
                found = [
                    f"{package}.{alias.name}" if f"{package}.{alias.name}" in files else package for alias in node.names
                ]
            else:
                continue
            for target in found:
                if target.split(".")[0] == "click":
                    targets.add("click")
                elif target.split(".")[0] == top:
                    while target not in files and "." in target:
                        target = target.rsplit(".", 1)[0]
                    if target != name:
                        targets.add(target)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def is_cli(module: str) -> bool:
    return module in ("subkit.cli", "subkit.__main__") or module.startswith("subkit.cli.")


def test_the_graph_builder_sees_a_cycle_and_click(tmp_path: Path) -> None:
    package = tmp_path / "demo"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from demo.sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("def f():\n    from ..a import x\n    import click\n")
    graph = import_graph(package)
    assert graph["demo.sub.b"] == {"demo.a", "click"}
    assert cycles(graph) == [["demo.a", "demo.sub.b"]]


def test_subkit_has_no_import_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 100
    assert cycles(graph) == []


def test_only_the_cli_imports_the_cli_and_click() -> None:
    graph = import_graph(PACKAGE)
    assert "click" in graph["subkit.cli.common"]
    offenders = {
        module: sorted(t for t in targets if t == "click" or is_cli(t))
        for module, targets in graph.items()
        if not is_cli(module)
    }
    assert {module: targets for module, targets in offenders.items() if targets} == {}
