"""`make bench` keeps working: its table, JSON and every section on a tiny budget (no timings)."""

from __future__ import annotations

import importlib
import json
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def bench(name: str) -> ModuleType:
    """bench.<name>: bench/ is not installed, so the repository root goes on the path."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module(f"bench.{name}")


def test_a_target_is_met_at_its_bound_for_throughput_and_below_it_for_latency() -> None:
    report = bench("report")
    assert report.at_least(500).met_by(500)
    assert not report.at_least(500).met_by(499.9)
    assert report.below(5).met_by(4.99)
    assert not report.below(5).met_by(5)
    assert not report.below(5).met_by(math.nan)


def test_percentiles_are_values_that_were_measured() -> None:
    report = bench("report")
    samples = [float(n) for n in range(1, 101)]
    assert report.percentile(samples, 50) == 50
    assert report.percentile(samples, 99) == 99
    assert report.percentile([7.0], 99) == 7
    assert math.isnan(report.percentile([], 99))


def test_the_table_shows_each_measure_with_its_target_and_status() -> None:
    report = bench("report")
    measures = [
        report.Measure("Core", "Throughput", 25_000, "msg/s", report.at_least(20_000)),
        report.Measure("Core", "Median", 60.0, "µs", report.below(50)),
        report.Measure("Start-up", "RSS", 70.5, "MB"),
    ]
    lines = report.table(measures).splitlines()
    assert lines[0].startswith("| Measure | Result | Target |")
    assert "| Throughput | 25,000 msg/s | ≥ 20,000 msg/s | PASS |" in lines[3]
    assert "| Median | 60.0 µs | < 50 µs | MISS |" in lines[4]
    assert "| **Start-up** |" in lines[5]


def test_a_burst_too_small_to_measure_any_cpu_still_makes_a_table() -> None:
    process = bench("process")
    load = {"offered": 5, "replied": 5, "replies_per_s": 900.0, "p50_ms": 1.0, "p99_ms": 2.0}
    run = {"steady": dict(load), "burst": {**load, "bot_cpu_ms_per_reply": 0.0}}
    measures = process._load_measures("section", run, 50.0, "", limited=False)
    cpu = [m for m in measures if m.name == "Burst: bot CPU per reply"]
    assert [(m.value, m.note) for m in cpu] == [(0.0, "")]


def test_the_benchmark_reads_the_parser_corpus() -> None:
    messages, source = bench("corpus").load_messages()
    assert source == "tests/parsing/corpus.yaml"
    assert len(messages) >= len(bench("corpus").FALLBACK)
    assert not any(text.startswith("/") or not text.strip() for text in messages)


def test_a_quick_run_of_every_section_writes_the_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = bench("__main__")
    monkeypatch.setattr(main, "CORE_BUDGET", (None, bench("core").Budget(0.0, 1, parse_repeat=1)))
    monkeypatch.setattr(
        main, "INPROCESS", (None, {"count": 5, "limited_count": 3, "seconds": 10.0})
    )
    plan = bench("process").Plan(
        steady_rate=50,
        steady_count=3,
        burst_limited=3,
        burst_unlimited=5,
        cold_starts=1,
        slow_burst=2,
    )
    monkeypatch.setattr(main, "PROCESS", (None, plan))
    out = tmp_path / "latest.json"

    assert main.main(["--quick", "--out", str(out)]) == 0

    written = json.loads(out.read_text(encoding="utf-8"))
    names = {measure["name"] for measure in written["measures"]}
    assert {"Pipeline median", "p99, limiter off", "Burst of 5: replies/s"} <= names
    assert all(m["status"] in {"", "PASS", "MISS"} for m in written["measures"])
    process = written["details"]["process"]
    # Every offered update got its reply, and the bot exited cleanly each time.
    for run in ("configured", "limiter_off"):
        assert process[run]["burst"]["replied"] == process[run]["burst"]["offered"]
        assert process[run]["exit_status"] == 0
        assert process[run]["tracebacks"] == 0
    slow = process["configured"]["slow_burst"]
    assert slow["replied"] == slow["offered"] == 2
    assert written["machine"]["nproc"] >= 1


def test_the_golden_dump_is_the_same_twice_and_holds_every_reply(tmp_path: Path) -> None:
    golden = bench("golden")
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    for out in (first, second):
        assert golden.main([str(out), "--generated", "40", "--seed", "3"]) == 0
    assert first.read_bytes() == second.read_bytes()
    rows = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    corpus, _ = bench("corpus").load_messages()
    assert len(rows) == len(corpus) + len(bench("parse_bench").long_messages(corpus)) + 40
    assert {row["parse"]["type"] for row in rows} == {
        "usage",
        "equivalence",
        "not_usage",
        "refused",
    }
    usage = next(row for row in rows if row["text"] == "100 queries a day")
    assert "kWh" in usage["en"][0]
    assert usage["ko_details_numbers"]["energy_wh"]["value"] > 0
    assert len(usage["ko_horizon_30"]) == 1


def test_made_up_messages_depend_only_on_the_seed() -> None:
    golden = bench("golden")
    corpus = ["100 queries a day", "하루에 질문 50번"]
    assert list(golden.generated(corpus, 20, 5)) == list(golden.generated(corpus, 20, 5))
    assert list(golden.generated(corpus, 20, 5)) != list(golden.generated(corpus, 20, 6))


def test_bench_instructions_counts_each_message_and_each_reply_in_both_languages() -> None:
    instructions = bench("instructions")
    corpus, _ = bench("corpus").load_messages()
    assert instructions.run_rounds("pipeline", 1) == 2 * len(corpus)
    assert instructions.run_rounds("parse", 1) == 2 * len(corpus)
    usages = instructions.run_rounds("compare", 1)
    assert 0 < usages < len(corpus)
    assert instructions.run_rounds("render", 1) == 2 * usages


def test_bench_instructions_reads_the_count_callgrind_reports_and_refuses_output_without_one() -> (
    None
):
    instructions = bench("instructions")
    stderr = (
        "==123== Events    : Ir\n==123== Collected : 8812345\n==123==\n==123== I refs: 8,812,345\n"
    )
    assert instructions.collected(stderr) == 8_812_345
    with pytest.raises(ValueError, match="Collected"):
        instructions.collected("==123== ERROR SUMMARY: 0 errors\n")


def test_bench_instructions_says_it_needs_valgrind_when_there_is_none(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    instructions = bench("instructions")
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main(["parse"]) == 2
    assert "needs valgrind" in capsys.readouterr().err


def test_bench_instructions_refuses_a_part_it_does_not_know() -> None:
    with pytest.raises(SystemExit) as exit_:
        bench("instructions").main(["everything"])
    assert exit_.value.code == 2
