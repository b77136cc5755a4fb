"""The catalogs: complete, never fuzzy, placeholders intact, and in sync with the code."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "locales" / "messages.pot"
KOREAN = REPO / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
# The keywords `make i18n` adds to Babel's defaults (-k ngettext:1,2 -k _).
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "ngettext": (1, 2)}


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _messages(catalog: Catalog) -> list[Message]:
    # The msgid "" entry is the header, which `make i18n` omits; Babel adds a default one.
    return [message for message in catalog if message.id]


def _strings(value: str | tuple[str, ...] | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


@pytest.fixture(scope="module")
def template() -> Catalog:
    return _read(TEMPLATE)


@pytest.fixture(scope="module")
def korean() -> Catalog:
    return _read(KOREAN, locale="ko")


def test_every_template_msgid_is_translated_in_korean(template: Catalog, korean: Catalog) -> None:
    untranslated = [
        _key(message)
        for message in _messages(template)
        if (found := korean.get(message.id)) is None or not all(_strings(found.string))
    ]

    assert untranslated == []


def test_no_korean_translation_is_fuzzy(korean: Catalog) -> None:
    assert [_key(message) for message in _messages(korean) if message.fuzzy] == []


def test_the_korean_catalog_holds_exactly_the_templates_msgids(
    template: Catalog, korean: Catalog
) -> None:
    """`make i18n` merged the template: nothing missing, nothing stale."""
    assert {_key(m) for m in _messages(korean)} == {_key(m) for m in _messages(template)}


def test_korean_has_a_single_plural_form(korean: Catalog) -> None:
    assert korean.num_plurals == 1
    assert korean.plural_expr == "0"


def test_babels_catalog_check_finds_no_problem(korean: Catalog) -> None:
    problems = [
        (_key(message), [str(error) for error in errors]) for message, errors in korean.check()
    ]

    assert problems == []


def test_placeholders_are_the_same_in_msgid_plural_and_every_translation(
    korean: Catalog,
) -> None:
    mismatched = []
    for message in _messages(korean):
        expected = _placeholders(_key(message))
        for text in [*_strings(message.id), *_strings(message.string)]:
            if _placeholders(text) != expected:
                mismatched.append((_key(message), text))

    assert mismatched == []


def test_placeholders_are_named_never_positional(template: Catalog) -> None:
    positional = [
        _key(message)
        for message in _messages(template)
        for text in _strings(message.id)
        if any(name == "" or name.isdigit() for name in _placeholders(text))
    ]

    assert positional == []


def test_the_template_is_in_sync_with_the_code(template: Catalog) -> None:
    """Re-extracting bot/ as `make i18n` does gives the committed template's msgids."""
    with (REPO / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    extracted = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            str(REPO / "bot"), method_map, options_map, keywords=KEYWORDS
        )
    }

    assert extracted == {_key(message) for message in _messages(template)}


def test_the_template_has_no_header_or_locations_to_churn() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")

    assert "POT-Creation-Date" not in text
    assert "\n#: " not in text
