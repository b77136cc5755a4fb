"""Tests that factors.yaml loads, is sourced, and that every mistake in it is named clearly."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.factors import (
    EquivalentId,
    Factor,
    Factors,
    FactorsFileError,
    default_factors_path,
    load_factors,
)
from bot.factors.loader import load_factors_or_exit
from bot.usage import Kind

REPO_ROOT = Path(__file__).resolve().parents[1]
Mutation = Callable[[dict[str, Any]], None]


def _all_factors(factors: Factors) -> list[tuple[str, Factor]]:
    named: list[tuple[str, Factor]] = []
    named += [(f"energy_per_use.{k}", f) for k, f in factors.energy_per_use.items()]
    named += [(f"equivalents.{k}", f) for k, f in factors.equivalents.items()]
    named += [("offsets.shower_minute", factors.offsets.shower_minute)]
    named += [(f"grid_intensity.{k}", f) for k, f in factors.grid_intensity.items()]
    named += [("water_per_text_query", factors.water_per_text_query)]
    return named


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(default_factors_path().read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _set(dotted: str, value: object) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[part]
        node[last] = value

    return mutate


def _delete(dotted: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = dotted.split(".")
        node = data
        for part in parents:
            node = node[part]
        del node[last]

    return mutate


def _copy_entry(source: str, target: str) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        group, name = source.split(".")
        data[group][target.split(".")[1]] = copy.deepcopy(data[group][name])

    return mutate


def test_the_repository_factors_file_loads(factors: Factors) -> None:
    assert factors.default_region == "world"
    assert set(factors.energy_per_use) == set(Kind)
    assert set(factors.equivalents) == set(EquivalentId)


def test_the_default_path_is_the_factors_yaml_at_the_repository_root() -> None:
    assert default_factors_path() == REPO_ROOT / "factors.yaml"


def test_every_factor_has_a_source_url_year_and_note(factors: Factors) -> None:
    for name, factor in _all_factors(factors):
        assert factor.source.url.startswith(("https://", "http://")), name
        assert 2000 <= factor.source.year <= 2026, name
        assert factor.note.strip(), name


def test_the_text_query_starts_at_the_products_estimate_of_0_2_wh(factors: Factors) -> None:
    assert factors.energy_per_use[Kind.TEXT].wh == (0.2, 0.1, 0.5)


def test_only_the_google_search_is_marked_historical(factors: Factors) -> None:
    historical = {e for e, eq in factors.equivalents.items() if eq.historical}
    assert historical == {EquivalentId.GOOGLE_SEARCH}
    assert "2009" in factors.equivalents[EquivalentId.GOOGLE_SEARCH].note


@pytest.mark.parametrize(
    ("equivalent", "expected_count"),
    [
        (EquivalentId.CAR_KM, 11.7),
        (EquivalentId.SHOWER, 4.9),
        (EquivalentId.BATH, 1.8),
    ],
)
def test_a_year_of_100_text_queries_a_day_matches_the_golden_check(
    factors: Factors, equivalent: EquivalentId, expected_count: float
) -> None:
    year_wh = 100 * 365 * factors.energy_per_use[Kind.TEXT].wh[0]
    assert year_wh == pytest.approx(7300)
    assert round(year_wh / factors.equivalents[equivalent].wh[0], 1) == expected_count


def test_a_minute_of_shower_is_a_fifth_of_a_five_minute_shower(factors: Factors) -> None:
    shower = factors.equivalents[EquivalentId.SHOWER].wh
    minute = factors.offsets.shower_minute.wh
    assert minute[0] == pytest.approx(shower[0] / 5)


@pytest.mark.parametrize(
    ("mutate", "entry", "problem"),
    [
        (_delete("equivalents.bath.low"), "equivalents.bath.low", "missing field"),
        (_delete("energy_per_use.text.source.url"), "energy_per_use.text.source.url", "missing"),
        (_delete("offsets"), "offsets", "missing field"),
        (_set("equivalents.bath.colour", "blue"), "equivalents.bath.colour", "unknown key"),
        (_set("surprise", 1), "surprise", "unknown key"),
        (_set("equivalents.bath.value", 0), "equivalents.bath.value", "positive, finite"),
        (_set("equivalents.kettle.low", -1), "equivalents.kettle.low", "got -1"),
        (_set("grid_intensity.KR.high", float("nan")), "grid_intensity.KR.high", "finite"),
        (_set("equivalents.bath.value", "lots"), "equivalents.bath.value", "must be a number"),
        (
            _set("equivalents.bath.low", 5),
            "equivalents.bath",
            "needs low ≤ value ≤ high, got low=5, value=4, high=5.6",
        ),
        (_set("energy_per_use.text.high", 0.15), "energy_per_use.text", "needs low ≤ value"),
        (_set("equivalents.bath.unit", "J"), "equivalents.bath.unit", "'Wh' or 'kWh', got 'J'"),
        (_set("grid_intensity.world.unit", "g/kWh"), "grid_intensity.world.unit", "g CO2e/kWh"),
        (_set("water_per_text_query.unit", "L"), "water_per_text_query.unit", "'mL'"),
        (_copy_entry("equivalents.bath", "equivalents.boat"), "equivalents.boat", "unknown"),
        (_copy_entry("energy_per_use.text", "energy_per_use.chat"), "energy_per_use.chat", "kind"),
        (_copy_entry("grid_intensity.KR", "grid_intensity.korea"), "grid_intensity.korea", "KR"),
        (_delete("energy_per_use.video"), "energy_per_use", "missing kind video"),
        (_delete("equivalents.kettle"), "equivalents", "missing equivalent kettle"),
        (_set("default_region", "JP"), "default_region", "no entry for 'JP'"),
        (_set("equivalents.bath.source.url", "see the paper"), "source.url", "http(s) URL"),
        (_set("equivalents.bath.source", "a study"), "equivalents.bath.source", "mapping"),
    ],
)
def test_each_kind_of_mistake_names_the_file_the_entry_and_the_problem(
    tmp_path: Path, mutate: Mutation, entry: str, problem: str
) -> None:
    data = _raw()
    mutate(data)
    path = tmp_path / "factors.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with pytest.raises(FactorsFileError) as caught:
        load_factors(path)

    message = str(caught.value)
    assert message.startswith(f"factors file {path}: ")
    assert entry in message
    assert problem in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "file not found"),
        (b"energy_per_use:\n  text: [1, 2\n", "line 3, column 1: invalid YAML"),
        (b"default_region: world\ndefault_region: KR\n", "line 2, column 1: invalid YAML"),
        (b"- text\n- image\n", "top level must be a mapping of factor groups, got a list"),
        (b"", "got an empty file"),
        (b"\xff\xfe not utf-8", "not UTF-8 text"),
    ],
)
def test_a_file_that_cannot_be_read_as_yaml_mapping_says_why(
    tmp_path: Path, content: bytes | None, problem: str
) -> None:
    path = tmp_path / "factors.yaml"
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(FactorsFileError) as caught:
        load_factors(path)

    assert str(caught.value).startswith(f"factors file {path}: ")
    assert problem in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_duplicate_key_is_refused_rather_than_silently_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "factors.yaml"
    path.write_text("default_region: world\ndefault_region: KR\n", encoding="utf-8")

    with pytest.raises(FactorsFileError, match="duplicate key 'default_region'"):
        load_factors(path)


def test_a_directory_is_not_a_factors_file(tmp_path: Path) -> None:
    with pytest.raises(FactorsFileError, match="is a directory"):
        load_factors(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_says_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "factors.yaml"
    path.write_text("default_region: world\n", encoding="utf-8")
    path.chmod(0)
    try:
        with pytest.raises(FactorsFileError, match="permission denied"):
            load_factors(path)
    finally:
        path.chmod(0o600)


def test_loading_or_exiting_returns_the_factors_when_the_file_is_good() -> None:
    assert load_factors_or_exit(default_factors_path()).default_region == "world"


def test_start_up_on_a_broken_file_exits_2_with_one_stderr_line_and_no_traceback(
    tmp_path: Path,
) -> None:
    data = _raw()
    data["equivalents"]["bath"]["low"] = 5
    broken = tmp_path / "factors.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    script = (
        "import sys; from pathlib import Path; "
        "from bot.factors import load_factors_or_exit; "
        "load_factors_or_exit(Path(sys.argv[1]))"
    )

    result = subprocess.run(
        [sys.executable, "-c", script, str(broken)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "Traceback" not in result.stderr
    assert lines[0].startswith(f"factors file {broken}: equivalents.bath: needs low ≤ value")
