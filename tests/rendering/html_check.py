"""A checker for Telegram's HTML subset: allowed tags and attributes, balance, escaping, length."""

from __future__ import annotations

import re
from html.parser import HTMLParser

TELEGRAM_LIMIT = 4096

# Telegram's parse_mode=HTML: these tags, with only these attributes.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "b": frozenset(),
    "strong": frozenset(),
    "i": frozenset(),
    "em": frozenset(),
    "u": frozenset(),
    "ins": frozenset(),
    "s": frozenset(),
    "strike": frozenset(),
    "del": frozenset(),
    "code": frozenset({"class"}),
    "pre": frozenset(),
    "a": frozenset({"href"}),
    "blockquote": frozenset({"expandable"}),
    "tg-spoiler": frozenset(),
    "span": frozenset({"class"}),
    "tg-emoji": frozenset({"emoji-id"}),
}
# Telegram knows only these named entities (plus numeric ones).
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_TAG_START = re.compile(r"</?[a-z][a-z-]*[\s>/]")
_HREF = re.compile(r"^(?:https?|tg)://\S+$")


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.problems: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = ALLOWED_TAGS.get(tag)
        if allowed is None:
            self.problems.append(f"tag <{tag}> is not allowed")
            return
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name!r} is not allowed on <{tag}>")
            if tag == "a" and name == "href" and not _HREF.match(value or ""):
                self.problems.append(f"link {value!r} is not an http(s) or tg URL")
        if tag == "a" and "a" in self.open:
            self.problems.append("links cannot nest")
        if tag == "span" and dict(attrs).get("class") != "tg-spoiler":
            self.problems.append("<span> needs class tg-spoiler")
        self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing <{tag}/> is not allowed")

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            expected = f"</{self.open[-1]}>" if self.open else "no closing tag"
            self.problems.append(f"</{tag}> closes out of order (expected {expected})")
            return
        self.open.pop()

    def handle_comment(self, data: str) -> None:
        self.problems.append("comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declarations are not allowed")


def telegram_html_problems(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Everything Telegram would reject (or misrender) in `text`; empty when it is fine."""
    problems: list[str] = []
    if not text.strip():
        problems.append("message is empty")
    if utf16_length(text) > limit:
        problems.append(f"message is {utf16_length(text)} UTF-16 units, over {limit}")
    for index, char in enumerate(text):
        if char == "<" and not _TAG_START.match(text, index):
            problems.append(f"unescaped '<' at {index}: {text[index : index + 20]!r}")
        if char == "&" and not _ENTITY.match(text, index):
            problems.append(f"unescaped '&' at {index}: {text[index : index + 20]!r}")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    problems += checker.problems
    if checker.open:
        problems.append(f"unclosed tags: {checker.open}")
    return problems


def assert_telegram_html(text: str, limit: int = TELEGRAM_LIMIT) -> None:
    """Fail with every problem listed when `text` is not a valid Telegram HTML message."""
    problems = telegram_html_problems(text, limit)
    assert not problems, "\n".join([*problems, "in:", text])
