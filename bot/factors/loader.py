"""Read factors.yaml into validated Factors, or fail with one line naming file, entry, problem."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from bot.factors.models import Factors

_MAX_SHOWN_INPUT = 60


class FactorsFileError(Exception):
    """factors.yaml is unusable; str() is one line naming the file, the entry and the problem."""

    def __init__(self, path: Path, problem: str, entry: str | None = None) -> None:
        self.path = path
        # Pydantic and YAML messages can span lines; start-up output must stay one line.
        self.problem = " ".join(problem.split())
        self.entry = entry
        where = f"{entry}: " if entry else ""
        super().__init__(f"factors file {path}: {where}{self.problem}")


def default_factors_path() -> Path:
    """The factors.yaml at the root of the repository."""
    return Path(__file__).resolve().parents[2] / "factors.yaml"


def load_factors(path: Path) -> Factors:
    """Read and validate the factors file at `path`; raise FactorsFileError on any problem."""
    text = _read_text(path)
    data = _parse_yaml(path, text)
    if not isinstance(data, dict):
        got = "an empty file" if data is None else f"a {_yaml_type(data)}"
        raise FactorsFileError(path, f"top level must be a mapping of factor groups, got {got}")
    try:
        return Factors.model_validate(data)
    except ValidationError as error:
        raise _describe(path, error) from None


def load_factors_or_exit(path: Path) -> Factors:
    """Load the factors for start-up; on a problem print one line to stderr and exit with 2."""
    try:
        return load_factors(path)
    except FactorsFileError as error:
        _exit(str(error))


def _exit(line: str) -> NoReturn:
    print(line, file=sys.stderr)
    raise SystemExit(2)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FactorsFileError(path, "file not found") from None
    except IsADirectoryError:
        raise FactorsFileError(path, "is a directory, not a file") from None
    except PermissionError:
        raise FactorsFileError(path, "cannot read: permission denied") from None
    except UnicodeDecodeError as error:
        problem = f"not UTF-8 text (bad byte at offset {error.start})"
        raise FactorsFileError(path, problem) from None
    except OSError as error:
        raise FactorsFileError(path, f"cannot read: {error.strerror or error}") from None


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys, which plain YAML silently lets the last one win."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.MarkedYAMLError(
                problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _parse_yaml(path: Path, text: str) -> object:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # Safe: a SafeLoader subclass.
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = error.problem or error.context or "cannot parse"
        raise FactorsFileError(path, f"{where}invalid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise FactorsFileError(path, f"invalid YAML: {error}") from None


def _yaml_type(data: object) -> str:
    if isinstance(data, list):
        return "list"
    if isinstance(data, str):
        return "string"
    return type(data).__name__


def _describe(path: Path, error: ValidationError) -> FactorsFileError:
    # The first error is the one to fix first; the count says whether more follow.
    details = error.errors(include_url=False)
    first = details[0]
    entry, problem = _entry_and_problem(first)
    if len(details) > 1:
        problem += f" (and {len(details) - 1} more problem{'s' if len(details) > 2 else ''})"
    return FactorsFileError(path, problem, entry or None)


def _entry_and_problem(detail: ErrorDetails) -> tuple[str, str]:
    loc = [str(part) for part in detail["loc"]]
    kind = detail["type"]
    got = _shown(detail["input"])
    expected = str(detail.get("ctx", {}).get("expected", ""))
    is_key = bool(loc) and loc[-1] == "[key]"
    if is_key:
        loc = loc[:-1]
    entry = ".".join(loc)
    field = loc[-1] if loc else ""

    if is_key:
        what = {
            "energy_per_use": "kind",
            "equivalents": "equivalent id",
            "grid_intensity": "region code",
        }.get(loc[0] if loc else "", "key")
        allowed = expected or "'world' or a two-letter code such as KR"
        return entry, f"unknown {what} {got}, expected {allowed}"
    if kind == "missing":
        return entry, "missing field"
    if kind == "extra_forbidden":
        return entry, "unknown key"
    if kind == "literal_error":
        return entry, f"must be {expected}, got {got}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return entry, f"must be a mapping, got {got}"
    if kind in {"float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"}:
        return entry, f"must be a number, got {got}"
    if kind == "string_pattern_mismatch" and field == "url":
        return entry, f"must be an http(s) URL, got {got}"
    if kind == "value_error":
        # Our own validators' messages already say what is wrong; pydantic prefixes them.
        message = detail["msg"].removeprefix("Value error, ")
        if field in {"value", "low", "high"}:
            message += f", got {got}"
        return entry, message
    return entry, f"{detail['msg'][:1].lower()}{detail['msg'][1:]}, got {got}"


def _shown(value: object) -> str:
    text = repr(value)
    if len(text) > _MAX_SHOWN_INPUT:
        text = text[: _MAX_SHOWN_INPUT - 1] + "…"
    return text
