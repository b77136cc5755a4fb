"""Each fast scanner finds exactly what its plain pattern finds, on real and random text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from parsing_corpus import CORPUS

from bot.parsing import lexicon
from bot.parsing.patterns import Scanner, Table
from bot.parsing.text import normalize

_SCANNERS = {
    name: value for name, value in vars(lexicon).items() if isinstance(value, Scanner)
} | {f"KINDS[{kind}]": scanner for kind, scanner in lexicon.KINDS.items()}
_CORPUS_TEXTS = [normalize(entry.text) for entry in CORPUS]
# Characters from every first-character class, plus neighbours that guards look at.
_ALPHABET = st.sampled_from(
    sorted(
        set("".join(s.first for s in _SCANNERS.values()).replace("\\d", "0123456789"))
        | set(" -~/.,$#%:가힣이미지번회ㄱabcxyz")
    )
)


def _fast_spans(scanner: Scanner, text: str) -> list[tuple[int, int]]:
    return [(m.start("span"), m.end("span")) for m in scanner.matches(text)]


def _plain_spans(scanner: Scanner, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in scanner.plain.finditer(text)]


@pytest.mark.parametrize("name", sorted(_SCANNERS))
def test_each_scanner_finds_what_its_plain_pattern_finds_in_the_corpus(name: str) -> None:
    scanner = _SCANNERS[name]

    for text in _CORPUS_TEXTS:
        assert _fast_spans(scanner, text) == _plain_spans(scanner, text), text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=60).map("".join), st.sampled_from(sorted(_SCANNERS)))
def test_each_scanner_finds_what_its_plain_pattern_finds_in_random_text(
    text: str, name: str
) -> None:
    scanner = _SCANNERS[name]

    assert _fast_spans(scanner, text) == _plain_spans(scanner, text)
    if scanner.hinted is not None:
        assert all(scanner.hinted.search(m.group()) for m in scanner.plain.finditer(text))


_HINTED = sorted(name for name, scanner in _SCANNERS.items() if scanner.hint)


@pytest.mark.parametrize("name", _HINTED)
def test_each_hint_is_in_every_match_in_the_corpus(name: str) -> None:
    scanner = _SCANNERS[name]
    assert scanner.hinted is not None

    for text in _CORPUS_TEXTS:
        for match in scanner.plain.finditer(text):
            assert scanner.hinted.search(match.group()), match.group()


def test_a_table_looks_words_up_in_their_context() -> None:
    table = Table({"days?": 1.0, "weeks?": 7.0, "(?<![가-힣])주(?=에)": 7.0})

    assert table.value("per weeks", 4, 9) == 7.0
    assert table.value("주에", 0, 1) == 7.0
    assert table.value("자주", 1, 2) is None
