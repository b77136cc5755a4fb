"""Button payloads: a parsed usage packed into ≤ 64 bytes, and unpacked only if still sane."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.parsing.models import Language
from bot.usage import (
    DAYS_PER_MONTH,
    DAYS_PER_WEEK,
    DAYS_PER_YEAR,
    Kind,
    Usage,
    UsageItem,
    UsageRefused,
    build_usage,
)

# Telegram drops a keyboard whose callback_data is longer than this (InlineKeyboardButtonLimit).
MAX_DATA_BYTES = 64

# A version tag lets a future format refuse old buttons politely instead of misreading them.
USAGE_PREFIX = "u1"
LANGUAGE_PREFIX = "l1"
_SEPARATOR = "|"

_KIND_CODES = {Kind.TEXT: "t", Kind.REASONING: "r", Kind.IMAGE: "i", Kind.VIDEO: "v"}
_KINDS_BY_CODE = {code: kind for kind, code in _KIND_CODES.items()}
_LANGUAGE_CODES = {Language.EN: "e", Language.KO: "k"}
_LANGUAGES_BY_CODE = {code: language for language, code in _LANGUAGE_CODES.items()}
_VARIANT_CODES = {False: "s", True: "d"}
_VARIANTS_BY_CODE = {code: detailed for detailed, code in _VARIANT_CODES.items()}


class Horizon(StrEnum):
    """The horizons a button can switch to; the value is also the horizon's code in the data."""

    DAY = "d"
    MONTH = "m"
    YEAR = "y"


HORIZON_DAYS = {Horizon.DAY: 1.0, Horizon.MONTH: DAYS_PER_MONTH, Horizon.YEAR: DAYS_PER_YEAR}
# Periods have one more common value than horizons: "a week".
_DAY_CODES = {"d": 1.0, "w": DAYS_PER_WEEK, "m": DAYS_PER_MONTH, "y": DAYS_PER_YEAR}
_CODES_BY_DAYS = {days: code for code, days in _DAY_CODES.items()}

# What repr() prints for a finite float, and nothing else: no "nan", "inf", "1_000" or spaces,
# all of which float() would happily accept from forged data.
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[+-]?\d+)?")
_ITEM = re.compile(
    r"(?P<kind>[a-z])(?P<count>[^~/]+)(?:~(?P<low>[^:/]+):(?P<high>[^/]+))?(?:/(?P<period>.+))?"
)


@dataclass(frozen=True)
class UsageState:
    """What a usage reply shows: the usage (with its horizon), its language and its variant."""

    usage: Usage
    language: Language
    detailed: bool = False


@dataclass(frozen=True)
class HorizonButton:
    """A button that switches the reply to another horizon."""

    horizon: Horizon
    data: str
    current: bool


@dataclass(frozen=True)
class UsageButtons:
    """The payloads of the buttons under a usage reply (Share needs none)."""

    horizons: tuple[HorizonButton, ...]
    toggle: str
    """Switches between the short and the detailed variant."""
    detailed: bool
    """Whether the reply is detailed now, so the toggle offers "Less"."""


def _number(value: float) -> str:
    text = repr(value)
    # "100.0" → "100": every byte counts, and float("100") is the same float.
    return text.removesuffix(".0")


def _days(days: float) -> str:
    return _CODES_BY_DAYS.get(days) or _number(days)


def _item(item: UsageItem) -> str:
    text = _KIND_CODES[item.kind] + _number(item.count)
    if item.count_low is not None or item.count_high is not None:
        text += f"~{_number(item.low)}:{_number(item.high)}"
    if item.period_days is not None:
        text += "/" + _days(item.period_days)
    return text


def encode_usage(state: UsageState) -> str:
    """The compact payload of a state; it may be longer than MAX_DATA_BYTES (see fits)."""
    return _encode(state, state.usage.horizon_days, state.detailed, _items(state))


def _items(state: UsageState) -> str:
    return ",".join(_item(item) for item in state.usage.items)


def _encode(state: UsageState, horizon_days: float, detailed: bool, items: str) -> str:
    return _SEPARATOR.join(
        (
            USAGE_PREFIX,
            _LANGUAGE_CODES[state.language],
            _VARIANT_CODES[detailed],
            _days(horizon_days),
            items,
        )
    )


def fits(data: str) -> bool:
    """Whether Telegram accepts this payload as callback_data."""
    return len(data.encode()) <= MAX_DATA_BYTES


def _parse_number(text: str | None) -> float | None:
    if text is None or not _NUMBER.fullmatch(text):
        return None
    return float(text)


def _parse_days(text: str) -> float | None:
    return _DAY_CODES.get(text) or _parse_number(text)


def _parse_item(text: str) -> dict[str, object] | None:
    match = _ITEM.fullmatch(text)
    if match is None or match["kind"] not in _KINDS_BY_CODE:
        return None
    count = _parse_number(match["count"])
    if count is None:
        return None
    item: dict[str, object] = {"kind": _KINDS_BY_CODE[match["kind"]], "count": count}
    if match["low"] is not None:
        low, high = _parse_number(match["low"]), _parse_number(match["high"])
        if low is None or high is None:
            return None
        item |= {"count_low": low, "count_high": high}
    if match["period"] is None:
        item["period_days"] = None
    else:
        period = _parse_days(match["period"])
        if period is None:
            return None
        item["period_days"] = period
    return item


def decode_usage(data: str | None) -> UsageState | None:
    """The state a payload stands for, or None when it is stale, forged or absurd."""
    if data is None or not fits(data):
        return None
    parts = data.split(_SEPARATOR)
    if len(parts) != 5 or parts[0] != USAGE_PREFIX:
        return None
    _, language_code, variant_code, horizon_code, items_text = parts
    language = _LANGUAGES_BY_CODE.get(language_code)
    detailed = _VARIANTS_BY_CODE.get(variant_code)
    horizon = _parse_days(horizon_code)
    items = [_parse_item(text) for text in items_text.split(",")]
    if language is None or detailed is None or horizon is None:
        return None
    valid_items = [item for item in items if item is not None]
    if len(valid_items) != len(items):
        return None
    try:
        usage = build_usage(valid_items, horizon_days=horizon)
    except UsageRefused:
        return None
    return UsageState(usage=usage, language=language, detailed=detailed)


def is_usage_data(data: object) -> bool:
    """Whether a callback payload claims to be a usage button (it may still be forged)."""
    return isinstance(data, str) and data.startswith(USAGE_PREFIX + _SEPARATOR)


def usage_buttons(state: UsageState) -> UsageButtons | None:
    """Payloads for the horizon and More/Less buttons, or None if any would not fit.

    The items are encoded once and shared: only the horizon or the variant differs, and a
    horizon from a day to a year never makes a valid usage invalid (decoding checks anyway).
    """
    items = _items(state)
    horizons = tuple(
        HorizonButton(
            horizon=horizon,
            data=_encode(state, HORIZON_DAYS[horizon], state.detailed, items),
            current=state.usage.horizon_days == HORIZON_DAYS[horizon],
        )
        for horizon in Horizon
    )
    toggle = _encode(state, state.usage.horizon_days, not state.detailed, items)
    if not all(fits(data) for data in (toggle, *(button.data for button in horizons))):
        return None
    return UsageButtons(horizons=horizons, toggle=toggle, detailed=state.detailed)


class LanguageChoice(StrEnum):
    """A chat's language setting: a fixed language, or follow each message ("auto")."""

    KO = "ko"
    EN = "en"
    AUTO = "auto"

    @property
    def language(self) -> Language | None:
        """The language to store for the chat; None means "auto"."""
        return None if self is LanguageChoice.AUTO else Language(self.value)

    @classmethod
    def of(cls, language: Language | None) -> LanguageChoice:
        """The choice that a stored setting stands for."""
        return cls.AUTO if language is None else cls(language.value)


# The words accepted after /language, so "/language 한국어" works as well as "/language ko".
_CHOICE_WORDS = {
    "ko": LanguageChoice.KO,
    "kr": LanguageChoice.KO,
    "korean": LanguageChoice.KO,
    "한국어": LanguageChoice.KO,
    "한글": LanguageChoice.KO,
    "en": LanguageChoice.EN,
    "english": LanguageChoice.EN,
    "영어": LanguageChoice.EN,
    "auto": LanguageChoice.AUTO,
    "자동": LanguageChoice.AUTO,
}


_CHOICES_BY_VALUE = {choice.value: choice for choice in LanguageChoice}


def language_choice_from_word(word: str) -> LanguageChoice | None:
    """The setting a /language argument asks for, or None if it names none."""
    return _CHOICE_WORDS.get(word.strip().lower())


def encode_language_choice(choice: LanguageChoice) -> str:
    """The payload of a language button."""
    return _SEPARATOR.join((LANGUAGE_PREFIX, choice.value))


def is_language_data(data: object) -> bool:
    """Whether a callback payload claims to be a language button."""
    return isinstance(data, str) and data.startswith(LANGUAGE_PREFIX + _SEPARATOR)


def decode_language_choice(data: str | None) -> LanguageChoice | None:
    """The setting a language button stands for, or None when forged."""
    if data is None or not is_language_data(data):
        return None
    value = data.removeprefix(LANGUAGE_PREFIX + _SEPARATOR)
    return _CHOICES_BY_VALUE.get(value)
