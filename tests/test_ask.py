"""`python -m bot ask`: the reply on the command line, as text or one JSON object per message."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.ask import main

REPO = Path(__file__).resolve().parents[1]


def ask(*argv: str, stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), stdin=io.StringIO(stdin), stdout=out)
    return status, out.getvalue()


def ask_json(*argv: str) -> dict[str, object]:
    status, out = ask("--json", *argv)
    assert status == 0
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def test_a_usage_gives_energy_equivalents_co2_and_water() -> None:
    data = ask_json("100 queries a day")

    assert data["type"] == "usage"
    assert data["language"] == "en"
    assert data["horizon_days"] == pytest.approx(365)
    assert data["usages"] == [
        {
            "kind": "text",
            "count": 100.0,
            "period_days": 1.0,
            "per_day": 100.0,
            "energy_wh": data["usages"][0]["energy_wh"],  # type: ignore[index]
        }
    ]
    energy = data["energy_wh"]
    assert isinstance(energy, dict)
    assert energy["value"] == pytest.approx(7300)
    assert energy["low"] <= energy["value"] <= energy["high"]
    equivalents = data["equivalents"]
    assert isinstance(equivalents, dict)
    assert {"car_km", "shower", "bath", "ev_km", "google_search"} <= set(equivalents)
    assert round(equivalents["car_km"]["value"]) == 12
    assert {"value", "low", "high"} == set(data["co2_g"]) == set(data["water_ml"])  # type: ignore[arg-type]
    assert "kWh" in str(data["text"])


def test_korean_usage_is_answered_in_korean() -> None:
    data = ask_json("하루에 100번")

    assert data["type"] == "usage"
    assert data["language"] == "ko"
    assert any("\uac00" <= ch <= "\ud7a3" for ch in str(data["text"]))


def test_lang_forces_the_reply_language() -> None:
    data = ask_json("--lang", "ko", "100 queries a day")

    assert data["language"] == "ko"


def test_an_equivalence_question_names_the_target_and_answers_with_a_range() -> None:
    data = ask_json("how many queries is one bath?")

    assert data["type"] == "equivalence"
    assert data["target"] == "bath"
    answer = data["answer"]
    assert isinstance(answer, dict)
    assert answer["kind"] == "text"
    assert answer["count"]["value"] == pytest.approx(20000)


def test_chatter_is_not_a_usage_and_still_gets_a_helpful_reply() -> None:
    data = ask_json("hello there")

    assert data["type"] == "not_usage"
    assert str(data["text"]).strip()


def test_a_one_off_total_spreads_over_the_horizon() -> None:
    data = ask_json("how much is 365 queries?")

    usage = data["usages"][0]  # type: ignore[index]
    assert usage["period_days"] is None
    assert usage["per_day"] * data["horizon_days"] == pytest.approx(365)


def test_dash_reads_one_message_per_line_and_answers_each_in_order() -> None:
    lines = ["100 queries a day", "하루에 이미지 5장", "hi", "how many prompts is one shower?"] * 5

    status, out = ask("--json", "-", stdin="\n".join(lines) + "\n")

    replies = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [r["type"] for r in replies] == ["usage", "usage", "not_usage", "equivalence"] * 5
    assert [r["language"] for r in replies] == ["en", "ko", "en", "en"] * 5


@pytest.mark.parametrize("argv", [["--lang", "fr", "hi"], ["--bogus", "hi"], []])
def test_bad_flags_exit_2_with_a_usage_line(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert result.stderr.startswith("usage:")


def test_the_command_line_prints_the_rendered_reply() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "100 queries a day"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0
    assert "kWh" in result.stdout
