"""Escaping, and splitting long replies: between lines when possible, never inside a tag."""

from __future__ import annotations

import html

import pytest
from html_check import assert_telegram_html, telegram_html_problems
from hypothesis import given
from hypothesis import strategies as st

from bot.rendering.markup import escape, link, message_length, split_message

# Text made mostly of the characters escaping is about, so most draws contain some.
_markup_text = st.text(alphabet=st.sampled_from("&<>;a b1≈–🚿\"'"), max_size=30) | st.text()


@given(_markup_text)
def test_escape_matches_the_standard_librarys_html_escape(text: str) -> None:
    assert escape(text) == html.escape(text, quote=False)


@given(_markup_text, _markup_text)
def test_escaping_two_texts_apart_is_escaping_them_joined(first: str, second: str) -> None:
    """Replies escape a cached part and its range apart and join them; that must not differ."""
    assert escape(first) + " (" + escape(second) + ")" == escape(f"{first} ({second})")


@pytest.mark.parametrize(
    ("lines", "limit", "expected"),
    [
        (["one", "two", "three"], 100, ["one\ntwo\nthree"]),
        (["one", "two", "three"], 7, ["one\ntwo", "three"]),
        (["aaaa", "bbbb", "cccc"], 4, ["aaaa", "bbbb", "cccc"]),
        # A blank line at a split would show as empty space; it is dropped there.
        (["<b>A</b>", "", "<b>B</b>"], 9, ["<b>A</b>", "<b>B</b>"]),
    ],
)
def test_lines_are_packed_into_as_few_messages_as_fit(
    lines: list[str], limit: int, expected: list[str]
) -> None:
    assert split_message(lines, limit) == expected


def test_an_over_long_line_is_cut_at_a_space_and_its_tags_reopened() -> None:
    line = "<b>" + " ".join(f"word{i}" for i in range(40)) + "</b>"

    messages = split_message([line], 60)

    assert len(messages) > 1
    for message in messages:
        assert message_length(message) <= 60
        assert_telegram_html(message, limit=60)
    text = " ".join(m.removeprefix("<b>").removesuffix("</b>") for m in messages)
    assert text == " ".join(f"word{i}" for i in range(40))


def test_a_cut_never_falls_inside_an_entity_or_a_link() -> None:
    line = " ".join([escape("a&b<c>") * 3, link("https://example.org/x", "the source")] * 6)

    messages = split_message([line], 50)

    for message in messages:
        assert telegram_html_problems(message, limit=50) == []


def test_emoji_count_as_two_units_like_telegram_counts_them() -> None:
    assert message_length("🚿") == 2
    assert split_message(["🚿" * 3, "🚿" * 3], 10) == ["🚿🚿🚿", "🚿🚿🚿"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<b>open", "unclosed"),
        ("<b><i>x</b></i>", "out of order"),
        ("<div>x</div>", "not allowed"),
        ("<a href='javascript:alert(1)'>x</a>", "not an http"),
        ("<a href='https://x.org' onclick='y'>x</a>", "not allowed"),
        ("1 < 2", "unescaped '<'"),
        ("R&D", "unescaped '&'"),
        ("&nbsp;", "unescaped '&'"),
        ("x" * 4097, "over 4096"),
        ("", "empty"),
    ],
)
def test_the_html_checker_catches_what_telegram_rejects(text: str, problem: str) -> None:
    assert any(problem in found for found in telegram_html_problems(text))


def test_the_html_checker_accepts_telegrams_subset() -> None:
    assert_telegram_html(
        "<b>b</b> <i>i</i> <u>u</u> <s>s</s> <code>c</code> <pre>p</pre> "
        '<a href="https://x.org/?a=1&amp;b=2">a</a> <blockquote>q</blockquote> '
        "<tg-spoiler>t</tg-spoiler> &lt; &gt; &amp; &quot; &#8776;"
    )
