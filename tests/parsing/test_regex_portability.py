"""The parser's patterns avoid a regex construct that early Python 3.11 releases get wrong.

Early 3.11 releases mis-run a possessive quantifier over more than one character (`(?:ab?c)*+`,
`(?:x|(y))?+`, CPython gh-101955 and gh-106052): the match may raise SystemError ("The span of
capturing group is wrong") or search for seconds. On Debian 12's Python 3.11.2 the corpus gave
12 SystemErrors (each read as "not understood") and 5 messages that took over 2 s, blocking
the bot; "twenty-five questions every day" was one. Later releases compile such a quantifier as
a greedy one inside an atomic group, so the parser writes it that way itself: `(?>(?:ab?c)*)`
means the same everywhere, and runs the same on 3.11.7. A possessive quantifier over one
character (`\\s++`, `\\d*+`) is a separate opcode without the bug, and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # private modules, the same throughout 3.11 and later
from re import _parser as sre_parse
from types import ModuleType
from typing import Any

import pytest

from bot.parsing import assemble, lexicon, numbers, parse, patterns, questions, scan, text

MODULES: tuple[ModuleType, ...] = (assemble, lexicon, numbers, patterns, questions, scan, text)

# Messages that reach every scanner, so patterns compiled on first use exist too.
WARM_UP = (
    "twenty-five questions every day for 6 months",
    "a hundred prompts per week on gpt-4o and claude 3.5 sonnet",
    "how many queries is one bath? I ask 20-30 a day, used to ask 5",
    "하루에 질문 백 번, 이미지는 일주일에 5장씩 1년 동안",
    "욕조 목욕 한 번이면 질문 몇 번이야? 요즘은 매일 2만 번",
)


def _reachable_patterns() -> Iterator[re.Pattern[str]]:
    """Every compiled pattern the parser's modules hold, however deep in their objects."""
    seen: set[int] = set()
    stack: list[object] = [vars(module) for module in MODULES]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, re.Pattern):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)
        elif type(item).__module__.startswith("bot.parsing"):
            stack.extend(getattr(item, "__dict__", {}).values())
            for slot in getattr(type(item), "__slots__", ()):
                stack.append(getattr(item, slot, None))


def _complex_possessive(parsed: Any) -> str | None:
    """The first possessive repeat of more than one character, as sre parsed it, or None."""
    for op, argument in parsed:
        if op is sre.POSSESSIVE_REPEAT:
            body = argument[2]
            single = len(body) == 1 and body[0][0] in (sre.LITERAL, sre.IN, sre.ANY, sre.CATEGORY)
            if not single:
                return str(body)[:120]
        for child in _children(op, argument):
            found = _complex_possessive(child)
            if found is not None:
                return found
    return None


def _children(op: object, argument: Any) -> list[Any]:
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [argument[2]]
    if op is sre.SUBPATTERN:
        return [argument[3]]
    if op is sre.BRANCH:
        return list(argument[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [argument[1]]
    if op is sre.ATOMIC_GROUP:
        return [argument]
    if op is sre.GROUPREF_EXISTS:
        return [branch for branch in argument[1:] if branch]
    return []


def test_the_walk_finds_the_parsers_patterns() -> None:
    for message in WARM_UP:
        parse(message)
    found = list(_reachable_patterns())
    assert len(found) > 40
    assert lexicon.COUNT.fast in found


@pytest.mark.parametrize(
    ("source", "complex_"),
    [
        (r"\s++x", False),
        (r"\d*+", False),
        (r"[ -]?+", False),
        (r"(?>(?:ab?c)*)", False),
        (r"(?:ab?c)*+", True),
        (r"(?:\s(?<!-\s))?+", True),
        (r"a(?:b|(c))++", True),
        (r"(?:xy){0,12}+", True),
    ],
)
def test_a_possessive_repeat_of_more_than_one_character_is_told_apart(
    source: str, complex_: bool
) -> None:
    assert (_complex_possessive(sre_parse.parse(source)) is not None) is complex_


def test_no_parser_pattern_repeats_a_group_possessively() -> None:
    for message in WARM_UP:
        parse(message)
    offenders = {
        pattern.pattern[:80]: body
        for pattern in _reachable_patterns()
        if (body := _complex_possessive(sre_parse.parse(pattern.pattern, pattern.flags)))
    }
    assert offenders == {}, "write X*+ over a group as (?>X*): see this module's docstring"
