"""The messages the benchmarks send: the parser's test corpus, else a built-in sample."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
# The parser's labelled corpus (a YAML list of entries with a `text`); only the texts are used.
CORPUS_PATH = REPO / "tests" / "parsing" / "corpus.yaml"

# Used if the corpus is missing or tiny: usages, questions, ranges,
# several items, refusals and chatter, in both languages, as people type them.
FALLBACK: tuple[str, ...] = (
    "100 queries a day",
    "I ask ChatGPT about 30 questions a day",
    "5 images a week",
    "20 reasoning queries a day for 6 months",
    "20-30 queries a day",
    "around 50 prompts per day and 3 images a week",
    "2 videos a month",
    "300 images in total",
    "100/day",
    "a thousand questions a month",
    "how many queries is one bath?",
    "how many questions equal 10 km of driving?",
    "I ask 50 a day, how many days is a hot bath?",
    "hello",
    "what is this bot?",
    "thanks!",
    "-5 queries a day",
    "1000000000000 queries a day",
    "10 queries a day for 200 years",
    "하루에 100번",
    "하루에 질문 50번, 이미지 3장",
    "일주일에 이미지 5장",
    "한 달에 영상 2개",
    "하루에 추론 질문 20번 6개월 동안",
    "하루에 스무 번 정도 물어봐요",
    "하루 30~40번",
    "욕조 목욕 한 번이면 질문 몇 번이야?",
    "10km 운전하는 거랑 같으려면 몇 번 질문해야 돼?",
    "안녕하세요",
    "고마워요",
    "하루에 -3번",
    "매일 천 번",
)


def load_messages() -> tuple[list[str], str]:
    """The benchmark's messages and where they came from (the corpus, or the fallback)."""
    texts: list[str] = []
    if CORPUS_PATH.is_file():
        entries = yaml.safe_load(CORPUS_PATH.read_text(encoding="utf-8")) or []
        texts = [
            e["text"] for e in entries if isinstance(e, dict) and isinstance(e.get("text"), str)
        ]
    # Telegram delivers neither empty texts nor commands to the free-text handler.
    messages = [t for t in dict.fromkeys(texts) if t.strip() and not t.startswith("/")]
    if len(messages) < len(FALLBACK):
        return list(FALLBACK), "built-in sample (bench/corpus.py)"
    return messages, str(CORPUS_PATH.relative_to(REPO))
