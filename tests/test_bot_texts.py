"""The bot's own texts: examples the parser understands, Telegram's limits, Korean throughout."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.callback_codec import LanguageChoice
from bot.factors import Factors
from bot.parsing import UsageMessage, parse
from bot.parsing.models import Language
from bot.rendering import (
    GROUP_MENU,
    PRIVATE_MENU,
    Catalogs,
    Translator,
    bot_description,
    bot_short_description,
    button_labels,
    command_descriptions,
    command_menu,
    default_locales_path,
    examples,
    inline_texts,
    language_choice_label,
    render_button_expired,
    render_error,
    render_forgotten,
    render_group_hint,
    render_help,
    render_language_prompt,
    render_language_set,
    render_method,
    render_privacy,
    render_sources,
    render_unknown_command,
    render_welcome,
)


def _has_hangul(text: str) -> bool:
    return any("\uac00" <= character <= "\ud7a3" for character in text)


@pytest.fixture(scope="module", params=list(Language), ids=lambda language: language.value)
def tr(request: pytest.FixtureRequest) -> Translator:
    return Catalogs.load(default_locales_path()).translator(request.param)


def test_every_example_is_understood_as_a_usage_in_its_own_language(tr: Translator) -> None:
    for example in examples(tr):
        result = parse(example)

        assert isinstance(result, UsageMessage), example
        assert result.language is tr.language


_TEXTS: list[tuple[str, Callable[[Translator], str]]] = [
    ("welcome", render_welcome),
    ("help", lambda tr: render_help(tr, bot_username="kilowhat_bot")),
    ("group help", lambda tr: render_help(tr, bot_username="kilowhat_bot", group=True)),
    ("method", render_method),
    ("privacy", render_privacy),
    ("forgotten", render_forgotten),
    ("expired", render_button_expired),
    ("error", render_error),
    ("unknown command", render_unknown_command),
    ("group hint", render_group_hint),
    ("language prompt", lambda tr: render_language_prompt(LanguageChoice.AUTO, tr)),
    ("description", bot_description),
    ("short description", bot_short_description),
    ("help result", lambda tr: inline_texts("", tr, bot_username="kilowhat_bot").help_message),
    ("share", lambda tr: button_labels(tr).share),
    *(
        (f"language set {choice}", lambda tr, choice=choice: render_language_set(choice, tr))
        for choice in LanguageChoice
    ),
]


@pytest.mark.parametrize(("name", "render"), _TEXTS, ids=[name for name, _ in _TEXTS])
def test_every_text_is_written_in_the_translators_language(
    tr: Translator, name: str, render: Callable[[Translator], str]
) -> None:
    text = render(tr)

    assert text.strip()
    assert _has_hangul(text) is (tr.language is Language.KO), name
    assert len(text) <= 4096


def test_descriptions_and_toasts_fit_telegrams_limits(tr: Translator) -> None:
    assert len(bot_description(tr)) <= 512
    assert len(bot_short_description(tr)) <= 120
    assert len(render_button_expired(tr)) <= 200
    assert all(0 < len(text) <= 256 for text in command_descriptions(tr).values())


def test_menus_list_valid_command_names(tr: Translator) -> None:
    for menu in (PRIVATE_MENU, GROUP_MENU):
        for command, description in command_menu(menu, tr):
            assert command.islower() and command.isascii() and 1 <= len(command) <= 32
            assert description


def test_sources_cover_every_factor_with_a_link_in_messages_that_fit(
    tr: Translator, factors: Factors
) -> None:
    messages = render_sources(factors, tr)
    text = "\n".join(messages)
    factor_count = (
        len(factors.energy_per_use)
        + len(factors.equivalents)
        + 1  # the shorter shower
        + len(factors.grid_intensity)
        + 1  # water
    )

    assert all(len(message) <= 4096 for message in messages)
    assert text.count("<a href=") == factor_count
    assert all(str(equivalent.source.year) in text for equivalent in factors.equivalents.values())


@pytest.mark.parametrize("choice", list(LanguageChoice))
def test_language_buttons_name_each_language_in_itself(
    tr: Translator, choice: LanguageChoice
) -> None:
    label = language_choice_label(choice, tr)

    assert label
    if choice is LanguageChoice.KO:
        assert _has_hangul(label)
