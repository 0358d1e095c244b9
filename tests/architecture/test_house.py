"""The house as drawn (docs/architecture.md): layers, module size, and imports at the top.

These read the source tree, so they fail the moment a change breaks the plan, before any
reviewer has to notice.
"""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "exchange"
MAX_LINES = 500


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_the_layer_contracts_hold():
    """import-linter checks the contracts written in pyproject.toml."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is part of the test extras"
    run = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_too_long(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines; split it by use case"


def _comments_by_line(source: str) -> dict[int, str]:
    found = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            found[tok.start[0]] = tok.string
    return found


def _imports_inside_functions(path: Path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    comments = _comments_by_line(source)
    for func in ast.walk(tree):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                said = any("why" in comments.get(n, "") for n in (node.lineno - 1, node.lineno, node.end_lineno))
                if not said:
                    yield node.lineno


def test_imports_inside_functions_say_why():
    """An import inside a function hides a dependency; it stays only with a `# why:` comment."""
    unexplained = [f"{p.relative_to(ROOT)}:{line}" for p in _modules() for line in _imports_inside_functions(p)]
    assert not unexplained, "imports inside functions without a `# why:` comment:\n" + "\n".join(unexplained)


def test_no_test_hooks_in_production_javascript():
    hooks = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "static").rglob("*.js")
        if re.search(r"dropLive|_debug|[Tt]est hook|For tests", p.read_text(encoding="utf-8"))
    ]
    assert not hooks, f"test hooks ship in production JavaScript: {hooks}"
