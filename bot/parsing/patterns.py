"""Regex helpers: fast scanners, clues that let a message skip them, and value tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

_SPECIAL = set("\\.^$*+?{}[]|()")


def one_of(fragments: Iterable[str]) -> str:
    """An alternation of regex fragments, grouped by their first character where it is a literal.

    The engine tries an alternation's branches one by one wherever it gets to it; 150 words made
    a scanner cost 0.2 µs at every word start. Grouped (`v(?:ideos?|ids?)|c(?:lips?)`), it
    tries only the branches that begin with the character at hand. Branches keep their order
    among those that begin alike, and branches that begin with different literals never match
    at the same place, so the alternation matches exactly what the flat one did. A fragment that
    does not begin with a literal (`(?:on\\s+)?weekdays`) could match where others do: then the
    alternation stays flat.
    """
    fragments = list(fragments)
    if not all(_opens_with_literal(fragment) for fragment in fragments):
        return "(?:" + "|".join(fragments) + ")"
    groups: dict[str, list[str]] = {}
    for fragment in fragments:
        groups.setdefault(fragment[0], []).append(fragment[1:])
    return "(?:" + "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items()) + ")"


def literal_starts(fragments: Iterable[str], length: int = 2) -> list[str]:
    """The plain characters each fragment's matches begin with, at most `length` of them.

    For a Scanner's prefilter: `videos?` begins with "vi", `딥\\s?리서치` with "딥". A start
    another one begins with is left out ("ab" where there is "a"). A fragment that does not
    begin with a plain character is an error: give its start by hand.
    """
    starts = set()
    for fragment in fragments:
        start = ""
        for index, character in enumerate(fragment[:length]):
            if character in _SPECIAL or fragment[index + 1 : index + 2] in _QUANTIFIERS:
                break
            start += character
        if not start:
            raise ValueError(f"{fragment!r} does not begin with a plain character")
        starts.add(start)
    return sorted(s for s in starts if not any(s != t and s.startswith(t) for t in starts))


_QUANTIFIERS = ("?", "*", "+", "{")


def _opens_with_literal(fragment: str) -> bool:
    """True when the fragment starts with a plain character that no quantifier follows, and
    holds no alternation of its own outside parentheses."""
    if not fragment or fragment[0] in _SPECIAL or fragment[1:2] in _QUANTIFIERS:
        return False
    depth = 0
    escaped = in_class = False
    for character in fragment:
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif in_class:
            in_class = character != "]"
        elif character == "[":
            in_class = True
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif character == "|" and depth == 0:
            return False
    return True


@dataclass(frozen=True)
class Scanner:
    """A pattern the regex engine tries only where a match can start.

    CPython's engine skips ahead in C only when a pattern opens with a literal or a character
    class; ours open with look-behinds and long alternations, which cost about 0.3 µs at every
    position of a 4096-character message. So the fast form opens with the class of possible
    first characters and checks the real pattern in a one-character look-behind:
    `[first](?<=(?=(?P<span>pattern)).)`. A test checks both forms find the same matches.

    `not_after`, a character class, keeps matches from starting right after one of its
    characters, and `hangul_word_start` (`latin_word_start`) keeps a match that starts with
    Hangul (a to z) from starting inside a Hangul (Latin) word; checked before the pattern,
    they make a candidate inside a word cheap to drop. Both forms carry them, so they are part
    of what the pattern means.

    `prefilter`, a pattern every match starts with (a few letters, say), lets the fast form drop
    a candidate before trying the whole pattern there; it only saves time, and the same test
    shows it leaves no match out.
    """

    pattern: str
    first: str
    not_after: str = ""
    hangul_word_start: bool = False
    latin_word_start: bool = False
    # A pattern some part of every match matches: without it in the text the scan is skipped.
    # Cheap to search for when every alternative opens with a literal, it saves whole passes
    # on text like "a a a …".
    hint: str = ""
    prefilter: str = ""
    # Compile the fast form when it is first needed rather than at start-up: for a scanner
    # whose hint few messages have.
    lazy: bool = False
    hinted: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hinted", re.compile(self.hint) if self.hint else None)
        if not self.lazy:
            self.fast  # noqa: B018 (compiled now, at start-up, not in the first message)

    @cached_property
    def fast(self) -> re.Pattern[str]:
        """The fast form: `[first]`, the guards, then the pattern checked from there."""
        # Each guard looks back over the first character, which may be a newline: `(?s:.)`.
        after = f"(?<![{self.not_after}](?s:.))" if self.not_after else ""
        if self.hangul_word_start:
            after += "(?<![가-힣][가-힣])"
        if self.latin_word_start:
            after += "(?<![a-z][a-z])"
        if self.prefilter:
            after += f"(?<=(?={self.prefilter})(?s:.))"
        # The guards are checked above, where they are cheap, and not again in the body.
        return re.compile(f"[{self.first}]{after}(?<=(?=(?P<span>(?:{self.pattern})))(?s:.))")

    @property
    def body(self) -> str:
        """The pattern with its guards, as the plain form matches it."""
        guard = f"(?<![{self.not_after}])" if self.not_after else ""
        if self.hangul_word_start:
            guard += "(?!(?<=[가-힣])[가-힣])"
        if self.latin_word_start:
            guard += "(?!(?<=[a-z])[a-z])"
        return f"{guard}(?:{self.pattern})"

    @cached_property
    def plain(self) -> re.Pattern[str]:
        """The pattern as written, compiled on first use: the scans only need `fast`."""
        return re.compile(self.body)

    def matches(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Non-overlapping matches, left to right, as `plain.finditer(text, pos, endpos)` would
        find them.

        Read a match's extent with `.start("span")` and `.end("span")`.

        Each match is searched for from the end of the one before. A search's look-behinds
        still see the text before where it starts, so it finds what `fast.finditer` would find
        there; but `finditer` costs more to set up than most scans spend searching, and it
        would try every candidate inside a match again. No pattern matches the empty string
        (a test checks), so each search starts further on.
        """
        if self.hinted is not None and self.hinted.search(text) is None:
            return
        search = self.fast.search
        at, end = pos, len(text) if endpos is None else endpos
        while (match := search(text, at, end)) is not None:
            at = match.end("span")
            yield match

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The first match, as `plain.search` finds it (read its extent from the "span" group)."""
        if self.hinted is not None and self.hinted.search(text) is None:
            return None
        return self.fast.search(text, pos, len(text) if endpos is None else endpos)

    def end_at(self, text: str, start: int, end: int | None = None) -> int | None:
        """Where a match starting at `start` ends (as `plain.match(text, start, end)`), or None."""
        match = self.fast.match(text, start, len(text) if end is None else end)
        return None if match is None else match.end("span")


LATIN_WORD_RE = re.compile("[a-z]+")


def clues_in(text: str, finder: re.Pattern[str]) -> set[str]:
    """The words of a text and its signs, as a clue_finder finds them, for looking up Clues."""
    return set(finder.findall(text))


class Clues(frozenset[str]):
    """What every match of a scan holds, so that a message without any skips the scan at once.

    A match holds one of the words whole (a run of a to z: "for" is a word of "for 3 days", not
    of "before"), or one of the signs: characters other than Latin letters, digits and the
    space that blanks out what other passes claimed (a comma, a syllable of each Korean word).
    Looking them up in the message's set costs next to nothing, where a scan costs a search
    over the whole text, and a regex of many words that search again: the text may match when
    `not clues.isdisjoint(clues_in(text, finder))`.
    """

    signs: str

    def __new__(cls, words: Iterable[str], signs: str = "") -> Clues:
        clues = super().__new__(cls, [*words, *signs])
        clues.signs = signs
        return clues


def clue_finder(clues: Iterable[Clues]) -> re.Pattern[str]:
    """A regex that finds a text's words and each sign of these clues in one pass, for clues_in.

    A word is a run of a to z, but "ish" after a number ("3ishy") is a word of its own, as
    lexicon.APPROX reads it; a sign is one character. The pattern opens with the class of
    every letter and sign, so a search skips other characters at once, and only a letter
    goes on into a word (a sign is never a letter).
    """
    signs = re.escape("".join(sorted({s for c in clues for s in c.signs})))
    return re.compile(rf"[a-z{signs}](?:(?<=\di)sh|(?<=[a-z])[a-z]*+)?")


class Lazy:
    """A regex compiled the first time it is used, for patterns few messages need.

    The amount after an equivalence question's target holds a NUMBER, 5 ms to compile; only a
    message asking how much of a thing a usage equals needs it.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        return re.compile(self.pattern)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As re.Pattern.search."""
        return self.compiled.search(text, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """As re.Pattern.match."""
        return self.compiled.match(text, pos, len(text) if endpos is None else endpos)


class Table:
    """Words (regex fragments) with a value each, matched as one group: no group per word.

    A named group per alternative makes a big alternation about three times slower, so a
    match is looked up here afterwards, in its context (fragments may have look-arounds).
    """

    def __init__(self, entries: Mapping[str, float]) -> None:
        self.pattern = one_of(entries)
        self._fragments = list(entries)
        self._values = list(entries.values())

    def value(self, text: str, start: int, end: int) -> float | None:
        """The value of the first word that matches at `start` and ends at `end`, if any.

        One regex finds the first word that matches at `start` at all; only when it ends
        elsewhere are the words after it tried one by one.
        """
        match = self._lookup.match(text, start)
        if match is None:
            return None
        first = int((match.lastgroup or "_0")[1:])
        if match.end() == end:
            return self._values[first]
        for fragment, value in zip(
            self._compiled[first + 1 :], self._values[first + 1 :], strict=True
        ):
            word = fragment.match(text, start)
            if word is not None and word.end() == end:
                return value
        return None

    @cached_property
    def _lookup(self) -> re.Pattern[str]:
        # Compiled on first use: some tables are only ever looked up in Korean messages.
        return re.compile("|".join(f"(?P<_{i}>{f})" for i, f in enumerate(self._fragments)))

    @cached_property
    def _compiled(self) -> list[re.Pattern[str]]:
        return [re.compile(fragment) for fragment in self._fragments]
