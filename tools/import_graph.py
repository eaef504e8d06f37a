"""Print which harm packages import which (module level and inside functions), their cycles and function imports."""
from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

HARM = Path(__file__).resolve().parent.parent / "harm"
# Modules of harm/ that wire features together: they sit above every feature, with the factory.
APP_MODULES = {"harm.features", "harm.cli", "harm.seed", "harm.current_account"}


def unit(module: str) -> str:
    """The package a module belongs to: a feature folder, "core" for harm/*.py, "app" for the factory."""
    parts = module.split(".")
    if parts == ["harm"] or ".".join(parts[:2]) in APP_MODULES:
        return "app"
    if (HARM / parts[1]).is_dir():
        return parts[1]
    return "core"


def module_name(path: Path) -> str:
    rel = path.relative_to(HARM.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(node: ast.Import | ast.ImportFrom, here: str, is_package: bool) -> list[str]:
    """Absolute harm modules named by one import statement."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "harm"]
    base = node.module or ""
    if node.level:
        anchor = here.split(".")
        anchor = anchor if is_package else anchor[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join(anchor + ([base] if base else []))
    if base.split(".")[0] != "harm":
        return []
    return [f"{base}.{alias.name}" if (HARM.parent / (base + "." + alias.name).replace(".", "/")).exists()
            or (HARM.parent / ((base + "." + alias.name).replace(".", "/") + ".py")).exists() else base
            for alias in node.names]


def function_imports(tree: ast.Module):
    """Import statements nested inside a function body (at any depth)."""
    seen: set[int] = set()
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in seen:
                    seen.add(id(node))
                    yield func, node


def graph() -> tuple[dict[str, set[str]], dict[str, set[str]], list[tuple[str, int, str]]]:
    top: dict[str, set[str]] = defaultdict(set)
    inner: dict[str, set[str]] = defaultdict(set)
    inside: list[tuple[str, int, str]] = []
    for path in sorted(HARM.rglob("*.py")):
        here = module_name(path)
        tree = ast.parse(path.read_text(), str(path))
        nested = {id(node) for _, node in function_imports(tree)}
        for _func, node in function_imports(tree):
            names = imported(node, here, path.name == "__init__.py")
            inside.append((str(path.relative_to(HARM.parent)), node.lineno, ast.unparse(node)))
            for name in names:
                if unit(name) != unit(here):
                    inner[unit(here)].add(unit(name))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in nested:
                for name in imported(node, here, path.name == "__init__.py"):
                    if unit(name) != unit(here):
                        top[unit(here)].add(unit(name))
    return top, inner, inside


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            visit(v)
    return found


def main() -> None:
    top, inner, inside = graph()
    both: dict[str, set[str]] = defaultdict(set)
    for edges in (top, inner):
        for k, vs in edges.items():
            both[k] |= vs
    print("# package -> packages it imports (module level; [inside functions only])")
    for package in sorted(both):
        extra = sorted(inner[package] - top[package])
        print(f"{package} -> {', '.join(sorted(top[package]))}" + (f"  [{', '.join(extra)}]" if extra else ""))
    print("\n# cycles, module level:", cycles(top) or "none")
    print("# cycles, counting imports inside functions:", cycles(both) or "none")
    print(f"\n# {len(inside)} imports inside functions")
    if "-v" in sys.argv:
        for where, line, text in inside:
            print(f"{where}:{line}: {text}")


if __name__ == "__main__":
    main()
