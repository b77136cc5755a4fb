"""The core stays telegram-free, and handlers stay thin: no regex, no arithmetic, no copy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

_BOT = Path(__file__).resolve().parents[1] / "bot"
_HANDLER_MODULES = [*sorted((_BOT / "handlers").glob("*.py")), _BOT / "app.py"]
_CORE = [
    "bot.usage",
    "bot.parsing",
    "bot.comparison",
    "bot.factors",
    "bot.rendering",
    "bot.rendering.commands",
    "bot.callback_codec",
    "bot.pipeline",
]
# A handler may name things ("inline-help", "message is not modified"); a sentence is copy.
_MAX_WORDS = 4
_ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)


@pytest.mark.parametrize("module", _CORE)
def test_the_core_imports_without_telegram(module: str) -> None:
    """Importing a core module in a fresh interpreter leaves telegram out of sys.modules."""
    code = f"import sys, {module}; print('telegram' in sys.modules)"

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=_BOT.parent
    )

    assert result.stdout.strip() == "False"


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of docstring nodes, which are documentation, not copy."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _for_operators(tree: ast.Module) -> set[int]:
    """The ids of strings in logger.*() calls and raised errors: for operators, not users."""
    found = set()
    for node in ast.walk(tree):
        logged = (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "logger"
        )
        if logged or isinstance(node, ast.Raise):
            found |= {id(arg) for arg in ast.walk(node) if isinstance(arg, ast.Constant)}
    return found


def _is_hangul(text: str) -> bool:
    return any("\uac00" <= character <= "\ud7a3" for character in text)


@pytest.mark.parametrize("path", _HANDLER_MODULES, ids=lambda path: path.name)
def test_handlers_hold_no_user_facing_text_regex_or_arithmetic(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = _docstrings(tree) | _for_operators(tree)

    imports = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module)])
    }
    copy = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in allowed
        and (len(node.value.split()) > _MAX_WORDS or _is_hangul(node.value))
    ]
    translations = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name | ast.Attribute)
        and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
        in {"_", "gettext", "ngettext"}
    ]
    arithmetic = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, _ARITHMETIC)
    ]

    assert "re" not in imports
    assert copy == []
    assert translations == []
    assert arithmetic == []
