"""The layers hold: the library never imports the CLI or the renderers; nothing uses Rich; only cli.app and
cli.options use Typer."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "almanac"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, resolved to dotted names (relative imports made absolute)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("almanac", *path.relative_to(SRC).parent.parts))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join(p for p in (*parts, base) if p)
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}
    return out


@functools.lru_cache(maxsize=1)
def _graph() -> tuple:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        out.append((".".join(("almanac", *rel.with_suffix("").parts)), frozenset(_imports(path))))
    return tuple(out)


def _modules():
    return iter(_graph())


def _uses(imports: set[str], name: str) -> bool:
    return any(i == name or i.startswith(name + ".") for i in imports)


LIBRARY_MAY_USE_RENDER = {"almanac.__main__"}


def test_the_library_never_imports_render_cli_typer_or_rich():
    for module, imports in _modules():
        if module.startswith(("almanac.render", "almanac.cli")) or module in LIBRARY_MAY_USE_RENDER:
            continue
        for forbidden in ("almanac.render", "almanac.cli", "typer", "rich"):
            assert not _uses(imports, forbidden), f"{module} imports {forbidden}"


def test_no_module_imports_rich_and_only_cli_imports_typer():
    """Cards draw their own boxes (half a colour run was importing Rich); Typer may use Rich for --help."""
    for module, imports in _modules():
        assert not _uses(imports, "rich"), f"{module} imports rich"
        if module not in ("almanac.cli.app", "almanac.cli.options"):  # cli.commands answers without Typer
            assert not _uses(imports, "typer"), f"{module} imports typer"
            if module == "almanac.cli.commands":
                assert not _uses(imports, "almanac.cli.app") and not _uses(imports, "almanac.cli.options")


def test_the_import_graph_is_read():
    """The checks above see real imports (a parser that saw none would pass them vacuously)."""
    graph = dict(_modules())
    assert _uses(graph["almanac.render.cards"], "almanac.cells")
    assert _uses(graph["almanac.cli.app"], "typer")
    assert "almanac.text" in graph["almanac.render.view"] or "almanac.text.clean" in graph["almanac.render.view"]


def test_shared_options_are_declared_once():
    """--format, --country, --from/--to, --no-pager and --force are spelled only in cli/options.py."""
    app = (SRC / "cli" / "app.py").read_text(encoding="utf-8")
    options = (SRC / "cli" / "options.py").read_text(encoding="utf-8")
    for flag in ('"--format"', '"--country"', '"--from"', '"--to"', '"--no-pager"', '"--force"'):
        assert flag not in app, flag
        assert flag in options, flag


def test_commands_reach_output_through_render():
    """The commands hand views to renderers: they never import a renderer's module or JSON themselves."""
    imports = dict(_modules())["almanac.cli.app"]
    assert not any(i.startswith("almanac.render.") for i in imports), sorted(imports)
    assert "json" not in imports


def test_the_readme_names_every_module():
    """'How it works' in the README lists every module of the package."""
    readme = (SRC.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it works", 1)[1].split("\n## ", 1)[0]
    for module, _ in _modules():
        name = module.removeprefix("almanac.").replace(".", "/")
        if name == "almanac":
            name = "__init__"
        short = name.removesuffix("/__init__")
        assert f"`{name}`" in section or f"`{short}`" in section or f"`{short}/`" in section, name
