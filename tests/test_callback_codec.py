"""Button payloads round-trip, fit Telegram's 64 bytes, and refuse stale or forged data."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bot.callback_codec import (
    MAX_DATA_BYTES,
    Horizon,
    LanguageChoice,
    UsageState,
    decode_language_choice,
    decode_usage,
    encode_language_choice,
    encode_usage,
    fits,
    is_language_data,
    is_usage_data,
    language_choice_from_word,
    usage_buttons,
)
from bot.parsing.models import Language
from bot.usage import DAYS_PER_MONTH, DAYS_PER_YEAR, Kind, Usage, build_usage


def _state(
    items: list[dict[str, object]],
    horizon_days: float | None = None,
    language: Language = Language.EN,
    detailed: bool = False,
) -> UsageState:
    return UsageState(build_usage(items, horizon_days), language, detailed)


@pytest.mark.parametrize(
    ("state", "data"),
    [
        (_state([{"count": 100}]), "u1|e|s|y|t100/d"),
        (_state([{"count": 100}, {"kind": "image", "count": 5}]), "u1|e|s|y|t100/d,i5/d"),
        (_state([{"count": 3, "period_days": 7}], 1, Language.KO), "u1|k|s|d|t3/w"),
        (_state([{"kind": "video", "count": 2, "period_days": None}]), "u1|e|s|y|v2"),
        (_state([{"kind": "reasoning", "count": 0.5}], detailed=True), "u1|e|d|y|r0.5/d"),
        (
            _state(
                [{"count": 20, "count_low": 10, "count_high": 30, "period_days": DAYS_PER_MONTH}]
            ),
            "u1|e|s|y|t20~10:30/m",
        ),
        (_state([{"count": 1e-05, "period_days": 3}], 730), "u1|e|s|730|t1e-05/3"),
    ],
)
def test_a_state_encodes_to_its_compact_payload_and_back(state: UsageState, data: str) -> None:
    assert encode_usage(state) == data
    assert decode_usage(data) == state


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "u1",
        "u2|e|s|y|t100/d",  # a future (or past) format
        "u1|x|s|y|t100/d",  # unknown language
        "u1|e|q|y|t100/d",  # unknown variant
        "u1|e|s|z|t100/d",  # unknown horizon
        "u1|e|s|y|x100/d",  # unknown kind
        "u1|e|s|y|t100/q",  # unknown period
        "u1|e|s|y|tnan/d",
        "u1|e|s|y|tinf/d",
        "u1|e|s|y|t1_000/d",  # float() accepts underscores; the codec must not
        "u1|e|s|y|t-5/d",
        "u1|e|s|y|t 5/d",
        "u1|e|s|y|t1e300/d",  # absurd: refused by build_usage
        "u1|e|s|0|t100/d",  # a zero horizon
        "u1|e|s|1e9|t100/d",  # a horizon of millions of years
        "u1|e|s|y|t100/0",  # a zero period
        "u1|e|s|y|t5~9:1/d",  # low above high
        "u1|e|s|y|t5~1/d",  # half a range
        "u1|e|s|y|",  # no items
        "u1|e|s|y|t100/d,",  # an empty item
        "u1|e|s|y|t100/d|extra",
        "u1|e|s|y|" + ",".join(["t1/d"] * 21),  # too many items (and too long)
        "u1|e|s|y|t100/d" + "0" * 60,  # longer than Telegram allows
        "l1|ko",  # a language button is not a usage
    ],
)
def test_stale_or_forged_usage_payloads_decode_to_nothing(data: str | None) -> None:
    assert decode_usage(data) is None


@given(st.text(max_size=80))
def test_decoding_any_text_never_raises(data: str) -> None:
    decode_usage(data)
    decode_language_choice(data)


# Mostly the round numbers people type, sometimes any float, so that many payloads fit.
_counts = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(float),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
)
_periods = st.one_of(
    st.none(),
    st.sampled_from([1.0, 7.0, DAYS_PER_MONTH, DAYS_PER_YEAR]),
    st.integers(min_value=1, max_value=3650).map(float),
    st.floats(min_value=0.01, max_value=3650),
)


@st.composite
def _items(draw: st.DrawFn) -> dict[str, object]:
    count = draw(_counts)
    item: dict[str, object] = {
        "kind": draw(st.sampled_from(list(Kind))),
        "count": count,
        "period_days": draw(_periods),
    }
    if draw(st.booleans()):
        item |= {"count_low": count / 2, "count_high": count * 2}
    return item


_states = st.builds(
    UsageState,
    usage=st.builds(
        build_usage,
        st.lists(_items(), min_size=1, max_size=3),
        st.one_of(
            st.none(),
            st.integers(min_value=1, max_value=3650).map(float),
            st.floats(min_value=0.5, max_value=3650),
        ),
    ),
    language=st.sampled_from(list(Language)),
    detailed=st.booleans(),
)


@given(_states)
def test_every_state_that_fits_a_button_round_trips_through_its_payload(
    state: UsageState,
) -> None:
    data = encode_usage(state)
    assume(fits(data))

    assert decode_usage(data) == state


@given(_states)
def test_buttons_are_offered_only_when_every_payload_fits(state: UsageState) -> None:
    buttons = usage_buttons(state)
    candidates = [
        encode_usage(UsageState(state.usage, state.language, not state.detailed)),
        *(
            encode_usage(
                UsageState(
                    state.usage.model_copy(update={"horizon_days": days}),
                    state.language,
                    state.detailed,
                )
            )
            for days in (1.0, DAYS_PER_MONTH, DAYS_PER_YEAR)
        ),
    ]

    if buttons is None:
        assert not all(fits(data) for data in candidates)
    else:
        payloads = [buttons.toggle, *(button.data for button in buttons.horizons)]
        assert sorted(payloads) == sorted(candidates)
        assert all(len(data.encode()) <= MAX_DATA_BYTES for data in payloads)


def test_horizon_buttons_switch_the_horizon_and_mark_the_current_one() -> None:
    buttons = usage_buttons(_state([{"count": 100}], DAYS_PER_MONTH, Language.KO))

    assert buttons is not None
    decoded = {button.horizon: decode_usage(button.data) for button in buttons.horizons}
    assert {h: s.usage.horizon_days for h, s in decoded.items() if s} == {
        Horizon.DAY: 1.0,
        Horizon.MONTH: DAYS_PER_MONTH,
        Horizon.YEAR: DAYS_PER_YEAR,
    }
    assert [button.current for button in buttons.horizons] == [False, True, False]
    assert all(s is not None and s.language is Language.KO for s in decoded.values())


@pytest.mark.parametrize("detailed", [False, True])
def test_the_toggle_flips_between_short_and_detailed(detailed: bool) -> None:
    state = _state([{"count": 100}], detailed=detailed)
    buttons = usage_buttons(state)

    assert buttons is not None
    assert buttons.detailed is detailed
    assert decode_usage(buttons.toggle) == UsageState(state.usage, state.language, not detailed)


def test_a_usage_too_long_for_a_button_gets_no_buttons() -> None:
    items: list[dict[str, object]] = [{"count": 123.456, "period_days": 3.21}] * 6
    state = UsageState(Usage.model_validate({"items": items}), Language.EN)

    assert not fits(encode_usage(state))
    assert usage_buttons(state) is None


@pytest.mark.parametrize(
    ("word", "choice"),
    [
        ("ko", LanguageChoice.KO),
        ("KO", LanguageChoice.KO),
        ("한국어", LanguageChoice.KO),
        ("en", LanguageChoice.EN),
        ("English", LanguageChoice.EN),
        ("auto", LanguageChoice.AUTO),
        ("자동", LanguageChoice.AUTO),
        ("fr", None),
        ("", None),
    ],
)
def test_language_words_name_a_setting(word: str, choice: LanguageChoice | None) -> None:
    assert language_choice_from_word(word) is choice


@pytest.mark.parametrize("choice", list(LanguageChoice))
def test_language_buttons_round_trip(choice: LanguageChoice) -> None:
    data = encode_language_choice(choice)

    assert is_language_data(data)
    assert not is_usage_data(data)
    assert decode_language_choice(data) is choice
    assert LanguageChoice.of(choice.language) is choice


@pytest.mark.parametrize("data", ["l1|fr", "l1|", "l2|ko", "u1|e|s|y|t1/d", ""])
def test_forged_language_payloads_decode_to_nothing(data: str) -> None:
    assert decode_language_choice(data) is None
