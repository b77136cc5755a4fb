"""Telegram HTML: escaping, links, the message length limit and splitting at safe points."""

from __future__ import annotations

import html
import re

MAX_MESSAGE_LENGTH = 4096
"""Telegram's limit for one message's text (telegram.constants is off-limits in rendering)."""

_TAG = re.compile(r"<(/?)([a-z-]+)[^>]*>")


def escape(text: str) -> str:
    """Text safe inside Telegram HTML: &, < and > escaped (quotes only matter in attributes)."""
    # Most reply text has nothing to escape, and looking is cheaper than three replaces.
    if "&" in text or "<" in text or ">" in text:
        # html.escape(text, quote=False) does the same three replaces behind one more call.
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def link(url: str, text: str) -> str:
    """<a href="url">text</a> with both escaped."""
    return f'<a href="{html.escape(url, quote=True)}">{escape(text)}</a>'


def message_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji can count two)."""
    return len(text.encode("utf-16-le")) // 2


def split_message(lines: list[str], limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Pack lines into as few messages as fit `limit`, breaking only between lines.

    Each line must be balanced HTML. A line longer than the limit on its own is cut at a
    space outside any tag or entity, closing and reopening the elements open at the cut.
    """
    if message_length("\n".join(lines)) <= limit:
        # The usual case: everything fits in one message, and no line needs measuring.
        messages = [_joined(lines)]
    else:
        messages = _packed(lines, limit)
    return [message for message in messages if message.strip()] or [""]


def _packed(lines: list[str], limit: int) -> list[str]:
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        pieces = [line] if message_length(line) <= limit else _cut_line(line, limit)
        for piece in pieces:
            length = message_length(piece)
            added = length + (1 if current else 0)
            if current and size + added > limit:
                messages.append(_joined(current))
                current, size = [], 0
                added = length
            current.append(piece)
            size += added
    if current:
        messages.append(_joined(current))
    return messages


def _joined(lines: list[str]) -> str:
    # Blank lines at a message's edge would show as empty space after a split.
    return "\n".join(lines).strip("\n")


def _cut_line(line: str, limit: int) -> list[str]:
    """Cut one over-long line of balanced HTML into pieces within `limit`."""
    pieces: list[str] = []
    while message_length(line) > limit:
        cut, open_tags = _safe_cut(line, limit)
        closing = "".join(f"</{_tag_name(tag)}>" for tag in reversed(open_tags))
        pieces.append(line[:cut] + closing)
        line = "".join(open_tags) + line[cut:].lstrip(" ")
    pieces.append(line)
    return pieces


def _tag_name(tag: str) -> str:
    match = _TAG.match(tag)
    return match.group(2) if match else ""


def _safe_cut(line: str, limit: int) -> tuple[int, list[str]]:
    """The last safe cut within `limit` (leaving room to close open tags), and the open tags."""
    open_tags: list[str] = []
    best_space: tuple[int, list[str]] | None = None
    best_any: tuple[int, list[str]] | None = None
    used = 0
    index = 0
    while index < len(line):
        closing_room = sum(len(_tag_name(tag)) + 3 for tag in open_tags)
        char = line[index]
        if char == "<":
            end = line.index(">", index) + 1
            token = line[index:end]
        elif char == "&":
            end = line.index(";", index) + 1
            token = line[index:end]
        else:
            end = index + 1
            token = char
        token_length = message_length(token)
        if used + token_length + closing_room > limit:
            break
        if char not in "<&":
            best_any = (index, list(open_tags))
            if char == " ":
                best_space = (index, list(open_tags))
        used += token_length
        if char == "<":
            match = _TAG.match(token)
            if match and match.group(1):
                open_tags.pop()
            elif match:
                open_tags.append(token)
        index = end
    chosen = best_space if best_space and best_space[0] > 0 else best_any
    if chosen is None or chosen[0] == 0:
        raise ValueError("a single tag or entity is longer than the message limit")
    cut, tags = chosen
    # Reopening tags costs room in the next piece too; the caller loops until it fits.
    return cut, tags
