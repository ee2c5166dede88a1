"""The code's imports follow the data flow (docs/architecture.md): facts are entered and stored
(perkin, budget), loaded and computed (reports.engine), checked (reports.checks), laid out
(reports.pp39) and exported (reports.exporters); pages sit on top. The test reads every
module's imports (AST, including imports inside functions and under TYPE_CHECKING) and fails
on a cycle or on an arrow against the flow."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("perkin", "budget", "reports")

# Layers from the bottom; a module may import its own layer or lower ones only. The longest
# matching prefix decides a module's layer.
LAYERS: list[tuple[str, ...]] = [
    ("perkin.celery",),  # the job queue's app: configuration only, imports nothing of ours
    # words, numbers and spreadsheet cells, no database
    ("perkin.calendar", "perkin.formatting", "perkin.converters", "perkin.spreadsheet"),
    ("perkin.locks", "perkin.rules", "perkin.models", "perkin.signals", "perkin.history"),
    (
        "perkin.access",
        "perkin.selectors",
        "perkin.services",
        "perkin.admin",
        "perkin.admin_base",
        "perkin.apps",
        "perkin.templatetags",
    ),
    ("budget",),  # the budget's facts, on top of the agreement's
    ("perkin.entry",),  # entering facts: pages, workbooks, setup (both apps' services)
    ("reports.calculations",),  # pure functions
    ("reports.models", "reports.engine", "reports.admin"),  # load and compute
    ("reports.checks",),
    ("reports.pp39", "reports.templatetags"),
    ("reports.exporters",),
    ("reports.finals",),  # final versions: rendered once by the exporters, stored, signed
    ("reports.jobs",),  # the job queue's work: files, summaries, regeneration
    # pages on top; the app config wires the signals of every layer
    ("reports.dashboard", "reports.urls", "reports.management", "reports.apps"),
    # the project: settings, root URLs, middleware, demo data and benchmarks
    (
        "perkin.settings",
        "perkin.urls",
        "perkin.wsgi",
        "perkin.middleware",
        "perkin.errors",
        "perkin.accounts",
        "perkin.passwords",
        "perkin.error_pages",
        "perkin.health",
        "perkin.backup",
        "perkin.demo",
        "perkin.management",
    ),
]
# Pure calculations import nothing of the project but themselves and the shared words.
PURE = ("reports.calculations",)
PURE_MAY_IMPORT = ("reports.calculations", "perkin.calendar", "perkin.formatting")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            out[module_name(path)] = path
    return out


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """Project modules the module imports (a package import counts as its __init__)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def layer_of(name: str) -> int:
    best, rank = -1, -1
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), i
    return rank


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = project_modules()
    known = set(modules)
    return {name: imports_of(name, path, known) for name, path in modules.items()}


def test_every_module_has_a_layer(graph):
    assert [m for m in graph if layer_of(m) < 0 and m not in PACKAGES] == []


def test_imports_follow_the_data_flow(graph):
    against = [
        f"{a} -> {b}"
        for a, targets in graph.items()
        for b in targets
        if b not in PACKAGES and layer_of(b) > layer_of(a)
    ]
    assert against == []


def test_calculations_are_pure(graph):
    bad = [
        f"{a} -> {b}"
        for a, targets in graph.items()
        if a.startswith(PURE)
        for b in targets
        if not b.startswith(PURE_MAY_IMPORT)
    ]
    assert bad == []


def test_fact_apps_never_import_reports(graph):
    bad = [
        f"{a} -> {b}"
        for a, targets in graph.items()
        if a.startswith(("budget", "perkin")) and layer_of(a) < layer_of("perkin.settings")
        for b in targets
        if b.startswith("reports")
    ]
    assert bad == []


def test_there_is_no_import_cycle(graph):
    """Tarjan's strongly connected components; any component of two or more is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_checker_sees_an_arrow_against_the_flow(tmp_path):
    """The test itself can fail: a calculation importing a model is an arrow against the flow."""
    path = tmp_path / "x.py"
    path.write_text("from perkin.models import Indicator\n")
    found = imports_of("reports.calculations.x", path, {"perkin.models", "reports.calculations"})
    assert found == {"perkin.models"}
    assert layer_of("perkin.models") < layer_of("reports.calculations.x")
    assert not "perkin.models".startswith(PURE_MAY_IMPORT)
