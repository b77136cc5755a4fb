"""Replies read naturally in English and Korean, carry the golden numbers and are valid HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pytest
from html_check import assert_telegram_html, utf16_length

from bot.comparison import Comparison, answer_equivalence, compare
from bot.factors import EquivalentId, Factors
from bot.parsing import parse
from bot.parsing.models import Language, NotUsageReason
from bot.rendering import (
    MAX_MESSAGE_LENGTH,
    Translator,
    render_comparison,
    render_details,
    render_equivalence,
    render_not_understood,
    render_refusal,
)
from bot.usage import DAYS_PER_MONTH, DAYS_PER_YEAR, Kind, RefusalReason, build_usage


def _compare(
    factors: Factors, items: list[Mapping[str, object]], horizon_days: float | None = None
) -> Comparison:
    return compare(build_usage(items, horizon_days), factors)


@pytest.fixture(scope="module")
def golden(factors: Factors) -> Comparison:
    """100 text queries a day for a year: the figures people quote."""
    return _compare(factors, [{"count": 100}])


GOLDEN_EN = """\
<b>⚡ ≈ 7.3 kWh a year</b> (3.7–18 kWh)
📝 Read as: 100 text queries a day
🚗 ≈ 12 km by petrol car (4.6–40 km)
🚿🚿🚿🚿🚿 ≈ 5 five-minute hot showers (1–26)
🛁🛁 ≈ 2 hot baths (0.7–8)
⏱️ 24 showers a minute shorter a year cancel it out.
🌍 ≈ 3.5 kg CO₂ (world average grid) · 💧 ≈ 11 L of cooling water"""

GOLDEN_KO = """\
<b>⚡ 1년에 약 7.3kWh</b> (3.7–18kWh)
📝 이렇게 이해했어요: 하루에 질문 100번
🚗 휘발유 차로 약 12km 주행 (4.6–40km)
🚿🚿🚿🚿🚿 5분 온수 샤워 약 5번 (1–26)
🛁🛁 욕조 목욕 약 2번 (0.7–8)
⏱️ 1년에 샤워를 24번만 1분씩 줄여도 상쇄돼요.
🌍 CO₂ 약 3.5kg (세계 평균 전력 기준) · 💧 냉각수 약 11L"""


def test_the_golden_reply_in_english(golden: Comparison, factors: Factors, en: Translator) -> None:
    assert render_comparison(golden, factors, en) == GOLDEN_EN


def test_the_golden_reply_in_korean(golden: Comparison, factors: Factors, ko: Translator) -> None:
    assert render_comparison(golden, factors, ko) == GOLDEN_KO


def test_the_short_reply_fits_a_glance(
    golden: Comparison, factors: Factors, tr: Translator
) -> None:
    assert len(render_comparison(golden, factors, tr).splitlines()) <= 10


@pytest.mark.parametrize(
    ("items", "horizon_days", "language", "expected"),
    [
        (
            [{"count": 100}, {"kind": "image", "count": 5}],
            None,
            Language.EN,
            ["Read as: 100 text queries and 5 images a day", "a year</b>"],
        ),
        (
            [{"count": 100}, {"kind": "image", "count": 5}],
            None,
            Language.KO,
            ["이렇게 이해했어요: 하루에 질문 100번, 이미지 5장", "1년에 약"],
        ),
        (
            [{"count": 30, "period_days": 7}, {"kind": "video", "count": 2, "period_days": None}],
            3 * DAYS_PER_YEAR,
            Language.EN,
            ["30 text queries a week · 2 videos in total", "over 3 years</b>"],
        ),
        (
            [{"count": 30, "period_days": 7}, {"kind": "video", "count": 2, "period_days": None}],
            3 * DAYS_PER_YEAR,
            Language.KO,
            ["일주일에 질문 30번 · 총 영상 2개", "3년 동안 약"],
        ),
        (
            [{"kind": "reasoning", "count": 20, "count_low": 20, "count_high": 30}],
            6 * DAYS_PER_MONTH,
            Language.EN,
            ["20–30 reasoning queries a day", "over 6 months</b>"],
        ),
        (
            [{"kind": "reasoning", "count": 20, "count_low": 20, "count_high": 30}],
            6 * DAYS_PER_MONTH,
            Language.KO,
            ["하루에 추론 모델 질문 20–30번", "6개월 동안 약"],
        ),
        ([{"count": 1}], 1, Language.EN, ["≈ 0.2 Wh a day</b> (0.1–0.5 Wh)", "1 text query"]),
        ([{"count": 1}], 1, Language.KO, ["하루에 약 0.2Wh</b>", "질문 1번"]),
        (
            [{"count": 10, "period_days": 3}],
            45,
            Language.EN,
            ["10 text queries every 3 days", "over 45 days</b>"],
        ),
        ([{"count": 10, "period_days": 3}], 45, Language.KO, ["3일마다 질문 10번", "45일 동안"]),
        ([{"count": 2}], 14, Language.EN, ["over 2 weeks</b>", "2 text queries a day"]),
    ],
)
def test_the_short_reply_restates_what_was_read_and_the_horizon(
    factors: Factors,
    catalogs_translator: dict[Language, Translator],
    items: list[Mapping[str, object]],
    horizon_days: float | None,
    language: Language,
    expected: list[str],
) -> None:
    reply = render_comparison(
        _compare(factors, items, horizon_days), factors, catalogs_translator[language]
    )

    for part in expected:
        assert part in reply


@pytest.fixture(scope="module")
def catalogs_translator(en: Translator, ko: Translator) -> dict[Language, Translator]:
    return {Language.EN: en, Language.KO: ko}


@pytest.mark.parametrize(
    ("count", "per", "expected_en", "expected_ko"),
    [
        # Ten showers or fewer are pictured one by one.
        (100, 1, "🚿🚿🚿🚿🚿 ≈ 5 five-minute", "🚿🚿🚿🚿🚿 5분"),
        (205, 1, "🚿🚿🚿🚿🚿🚿🚿🚿🚿🚿 ≈ 10 five-minute", "🚿🚿🚿🚿🚿🚿🚿🚿🚿🚿 5분"),
        # More would be noise: each icon then stands for a power of ten.
        (1000, 1, "🚿🚿🚿🚿🚿 ×10 ≈ 49 five-minute", "🚿🚿🚿🚿🚿 ×10 5분 온수 샤워 약 49번"),
        (1e6, 1, "🚿🚿🚿🚿🚿 ×10,000 ≈ 49,000", "🚿🚿🚿🚿🚿 ×1만 5분 온수 샤워 약 4.9만번"),
        # Less than one is shown as the fraction it is.
        (5, 1, "🚿 ≈ 0.2 five-minute hot showers", "🚿 5분 온수 샤워 약 0.2번"),
        (1, 1, "🛁 ≈ 0.02 hot baths", "🛁 욕조 목욕 약 0.02번"),
        # Tiny amounts are never 0, and a range that rounds alike is not repeated.
        (1, 365, "🛁 &lt;0.01 hot baths\n", "🛁 욕조 목욕 &lt;0.01번\n"),
    ],
)
def test_whole_equivalents_are_pictured_honestly(
    factors: Factors,
    en: Translator,
    ko: Translator,
    count: float,
    per: float,
    expected_en: str,
    expected_ko: str,
) -> None:
    comparison = _compare(factors, [{"count": count, "period_days": per}])

    assert expected_en in render_comparison(comparison, factors, en)
    assert expected_ko in render_comparison(comparison, factors, ko)


@pytest.mark.parametrize(
    ("items", "horizon_days", "expected_en", "expected_ko"),
    [
        (
            [{"count": 100}],
            None,
            "24 showers a minute shorter a year cancel it out.",
            "1년에 샤워를 24번만 1분씩 줄여도 상쇄돼요.",
        ),
        (
            [{"count": 100}],
            3 * DAYS_PER_YEAR,
            "73 showers a minute shorter over 3 years cancel it out.",
            "3년 동안 샤워를 73번만 1분씩 줄여도 상쇄돼요.",
        ),
        (
            [{"count": 1000}],
            DAYS_PER_YEAR,
            "240 showers a minute shorter a year cancel it out.",
            "1년에 샤워를 240번만 1분씩 줄여도 상쇄돼요.",
        ),
        (
            [{"count": 1500}],
            1,
            "1 shower a minute shorter a day cancels it out.",
            "하루에 샤워를 1번만 1분씩 줄여도 상쇄돼요.",
        ),
        (
            [{"count": 10}],
            None,
            "Even one shower a minute shorter a month more than cancels it out.",
            "",
        ),
        (
            [{"count": 100_000}],
            None,
            "It would take 24,000 showers a minute shorter a year to cancel it out: "
            "more than one a day.",
            "상쇄하려면 1년에 샤워를 2.4만번 1분씩 줄여야 해요.",
        ),
    ],
)
def test_the_offset_line_is_phrased_per_horizon(
    factors: Factors,
    en: Translator,
    ko: Translator,
    items: list[Mapping[str, object]],
    horizon_days: float | None,
    expected_en: str,
    expected_ko: str,
) -> None:
    if expected_en.startswith("Even"):
        horizon_days = DAYS_PER_MONTH
    comparison = _compare(factors, items, horizon_days)

    assert expected_en in render_comparison(comparison, factors, en)
    assert expected_ko in render_comparison(comparison, factors, ko)


def test_the_short_reply_shows_the_icons_of_the_factors_it_is_given(
    golden: Comparison, factors: Factors, en: Translator
) -> None:
    """Replies with other factors, between and after, show those factors' own icons."""
    equivalents = dict(factors.equivalents)
    equivalents[EquivalentId.SHOWER] = equivalents[EquivalentId.SHOWER].model_copy(
        update={"emoji": "🛀"}
    )
    other = factors.model_copy(update={"equivalents": equivalents})

    replies = [render_comparison(golden, given, en) for given in (factors, other, factors, other)]

    assert "🚿🚿🚿🚿🚿 ≈ 5" in replies[0] and "🚿🚿🚿🚿🚿 ≈ 5" in replies[2]
    assert "🛀🛀🛀🛀🛀 ≈ 5" in replies[1] and "🛀🛀🛀🛀🛀 ≈ 5" in replies[3]
    assert "🚿" not in replies[1] + replies[3]


def test_the_details_list_every_equivalent_with_its_source(
    golden: Comparison, factors: Factors, tr: Translator
) -> None:
    details = "\n".join(render_details(golden, factors, tr))

    for equivalent in factors.equivalents.values():
        assert f'<a href="{equivalent.source.url}">' in details
    assert f'<a href="{factors.energy_per_use[Kind.TEXT].source.url}">' in details
    assert f'<a href="{factors.grid_intensity["world"].source.url}">' in details
    assert f'<a href="{factors.water_per_text_query.source.url}">' in details


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            Language.EN,
            [
                "🔎 ≈ 24,000 Google searches as of 2009 (9,100–91,000)",
                "🔌 ≈ 37 km by electric car (15–120 km)",
                "📱 ≈ 490 full phone charges (170–1,500)",
                "💡 ≈ 730 hours of an LED bulb (280–2,300)",
                "🫖 ≈ 66 litres of water boiled in a kettle (30–200)",
                "Text query: ≈ 0.2 Wh each (0.1–0.5 Wh)",
                "world average grid, 473 g CO₂e per kWh",
                "Not counted: training the models",
                "energy in the petrol",
                "heat in the water",
                "Google's own from 2009",
            ],
        ),
        (
            Language.KO,
            [
                "🔎 2009년 기준 구글 검색 약 2.4만번 (9,100–9.1만)",
                "🔌 전기차로 약 37km 주행 (15–120km)",
                "텍스트 질문: 1회당 약 0.2Wh (0.1–0.5Wh)",
                "세계 평균 전력 기준, kWh당 473g CO₂e",
                "빠진 것: 모델 학습",
                "휘발유의 에너지",
                "열에너지",
                "2009년",
            ],
        ),
    ],
)
def test_the_details_say_what_is_and_is_not_counted(
    golden: Comparison,
    factors: Factors,
    catalogs_translator: dict[Language, Translator],
    language: Language,
    expected: list[str],
) -> None:
    details = "\n".join(render_details(golden, factors, catalogs_translator[language]))

    for part in expected:
        assert part in details


def test_the_details_show_each_kinds_factor_and_each_items_share(
    factors: Factors, en: Translator
) -> None:
    comparison = _compare(factors, [{"count": 100}, {"kind": "video", "count": 1}])

    details = "\n".join(render_details(comparison, factors, en))

    assert "• 100 text queries: ≈ 7.3 kWh (3.7–18 kWh)" in details
    assert "• 1 video: ≈ 37 kWh (1.8–370 kWh)" in details
    assert "Generated video: ≈ 100 Wh each (5 Wh–1 kWh)" in details
    assert "Reasoning query" not in details


HUGE_ITEMS: list[Mapping[str, object]] = [
    {
        "kind": kind,
        "count": 123_456_789.12 + index,
        "count_low": 100_000.5 + index,
        "count_high": 987_654_321.98,
        "period_days": period,
    }
    for index, (kind, period) in enumerate(
        (kind, period)
        for kind in ("text", "reasoning", "image", "video")
        for period in (1, 3.5, 7, DAYS_PER_MONTH, None)
    )
]


def test_huge_details_split_into_messages_within_telegrams_limit(
    factors: Factors, tr: Translator
) -> None:
    comparison = _compare(factors, HUGE_ITEMS, 36_500)

    messages = render_details(comparison, factors, tr)

    assert len(messages) >= 2
    for message in messages:
        assert utf16_length(message) <= MAX_MESSAGE_LENGTH
        assert_telegram_html(message)
    # Nothing is lost at the split: every item's share is there once.
    assert "\n".join(messages).count("• ") == len(HUGE_ITEMS) + 4


def test_a_huge_usage_still_gives_a_short_reply_within_the_limit(
    factors: Factors, tr: Translator
) -> None:
    reply = render_comparison(_compare(factors, HUGE_ITEMS, 36_500), factors, tr)

    assert_telegram_html(reply)


@pytest.mark.parametrize(
    ("target", "amount", "kind", "with_rate", "language", "expected"),
    [
        (
            EquivalentId.BATH,
            1,
            Kind.TEXT,
            True,
            Language.EN,
            "🛁 <b>1 hot bath ≈ 20,000 text queries</b> (4,600–56,000)\n"
            "⏳ At your 100 a day, that's ≈ 200 days (46–560).",
        ),
        (
            EquivalentId.BATH,
            1,
            Kind.TEXT,
            True,
            Language.KO,
            "🛁 <b>욕조 목욕 1번 ≈ 질문 2만번</b> (4,600–5.6만)\n"
            "⏳ 지금처럼 하루 100번씩 쓰면 약 200일 걸려요 (46–560).",
        ),
        (
            EquivalentId.CAR_KM,
            10,
            Kind.TEXT,
            False,
            Language.EN,
            "🚗 <b>10 km by petrol car ≈ 31,000 text queries</b> (9,200–80,000)",
        ),
        (
            EquivalentId.CAR_KM,
            10,
            Kind.TEXT,
            False,
            Language.KO,
            "🚗 <b>휘발유 차로 10km 주행 ≈ 질문 3.1만번</b> (9,200–8만)",
        ),
        (
            EquivalentId.SHOWER,
            2,
            Kind.IMAGE,
            False,
            Language.EN,
            "🚿 <b>2 five-minute hot showers ≈ 3,000 images</b> (470–19,000)",
        ),
        (
            EquivalentId.PHONE_CHARGE,
            1,
            Kind.VIDEO,
            False,
            Language.KO,
            "📱 <b>휴대폰 완충 1번 ≈ 영상 0.15개</b> (0.012–4.4)",
        ),
    ],
)
def test_equivalence_answers_read_naturally(
    factors: Factors,
    catalogs_translator: dict[Language, Translator],
    target: EquivalentId,
    amount: float,
    kind: Kind,
    with_rate: bool,
    language: Language,
    expected: str,
) -> None:
    usage = build_usage([{"count": 100}]) if with_rate else None
    answer = answer_equivalence(target, factors, amount=amount, kind=kind, usage=usage)

    assert render_equivalence(answer, factors, catalogs_translator[language]) == expected


@pytest.mark.parametrize(
    ("rate", "expected_en", "expected_ko"),
    [
        (1, "≈ 55 years (13–150)", "약 55년 걸려요 (13–150)"),
        (100_000, "≈ 4.8 hours (1.1–13)", "약 4.8시간 걸려요 (1.1–13)"),
    ],
)
def test_long_and_short_waits_are_told_in_years_and_hours(
    factors: Factors,
    en: Translator,
    ko: Translator,
    rate: float,
    expected_en: str,
    expected_ko: str,
) -> None:
    answer = answer_equivalence(EquivalentId.BATH, factors, usage=build_usage([{"count": rate}]))

    assert expected_en in render_equivalence(answer, factors, en)
    assert expected_ko in render_equivalence(answer, factors, ko)


@pytest.mark.parametrize("reason", list(NotUsageReason))
def test_not_understood_replies_give_three_examples(
    reason: NotUsageReason, tr: Translator
) -> None:
    reply = render_not_understood(reason, tr)

    assert reply.count("<code>") == 3
    assert_telegram_html(reply)


def _examples(reply: str) -> list[str]:
    return re.findall(r"<code>(.*?)</code>", reply)


@pytest.mark.parametrize("language", list(Language))
def test_the_examples_parse_as_usages_in_their_own_language(
    catalogs_translator: dict[Language, Translator], language: Language
) -> None:
    reply = render_not_understood(NotUsageReason.NO_AMOUNT, catalogs_translator[language])

    for example in _examples(reply):
        result = parse(example)
        assert result.type == "usage", example
        assert result.language is language, example


EXAMPLE_READINGS = {
    "100 queries a day": (Kind.TEXT, 100, 1.0, DAYS_PER_YEAR),
    "5 images a week": (Kind.IMAGE, 5, 7.0, DAYS_PER_YEAR),
    "20 reasoning queries a day for 6 months": (Kind.REASONING, 20, 1.0, 6 * DAYS_PER_MONTH),
    "하루에 100번": (Kind.TEXT, 100, 1.0, DAYS_PER_YEAR),
    "일주일에 이미지 5장": (Kind.IMAGE, 5, 7.0, DAYS_PER_YEAR),
    "6개월 동안 매일 추론 모델 20번": (Kind.REASONING, 20, 1.0, 6 * DAYS_PER_MONTH),
}


@pytest.mark.parametrize("language", list(Language))
def test_the_examples_are_read_as_meant(
    catalogs_translator: dict[Language, Translator], language: Language
) -> None:
    reply = render_not_understood(NotUsageReason.EMPTY, catalogs_translator[language])

    for example in _examples(reply):
        result = parse(example)
        assert result.type == "usage"
        (item,) = result.usage.items
        reading = (item.kind, item.count, item.period_days, result.usage.horizon_days)
        assert reading == pytest.approx(EXAMPLE_READINGS[example]), example


def test_each_refusal_has_its_own_friendly_explanation(tr: Translator) -> None:
    replies = [render_refusal(reason, tr) for reason in RefusalReason]

    assert len(set(replies)) == len(replies)
    for reply in replies:
        assert_telegram_html(reply)


@pytest.mark.parametrize(
    ("reason", "expected_en", "expected_ko"),
    [
        (RefusalReason.TOO_MANY, "more than 1 billion uses a day", "하루 10억번이 넘어요"),
        (RefusalReason.HORIZON_TOO_LONG, "up to 100 years", "최대 100년까지만"),
        (RefusalReason.TOO_MANY_ITEMS, "more than 20 kinds", "20가지가 넘게"),
        (RefusalReason.NEGATIVE, "can't be negative", "음수일 수 없어요"),
    ],
)
def test_refusals_name_the_limit_that_was_crossed(
    en: Translator, ko: Translator, reason: RefusalReason, expected_en: str, expected_ko: str
) -> None:
    assert expected_en in render_refusal(reason, en)
    assert expected_ko in render_refusal(reason, ko)


# Units, symbols and names that Korean text keeps in Latin letters.
_ALLOWED_LATIN = re.compile(r"(?<![A-Za-z])(?:[kMGT]?Wh|km|m|g|kg|t|mL|L|CO₂e?|LED)(?![A-Za-z])")
_LINK = re.compile(r"<a href=\"[^\"]*\">.*?</a>")
_TAG = re.compile(r"</?[a-z-]+[^>]*>")


def _latin_words(html_text: str) -> list[str]:
    text = html.unescape(_TAG.sub(" ", _LINK.sub(" ", html_text)))
    return re.findall(r"[A-Za-z]+", _ALLOWED_LATIN.sub(" ", text))


def _all_korean_replies(factors: Factors, ko: Translator) -> list[str]:
    comparisons = [
        _compare(factors, [{"count": 100}]),
        _compare(factors, HUGE_ITEMS, 36_500),
        _compare(factors, [{"count": 1}], 1),
        _compare(factors, [{"count": 10, "period_days": 3}, {"kind": "image", "count": 4}], 45),
    ]
    replies = [render_comparison(c, factors, ko) for c in comparisons]
    replies += [m for c in comparisons for m in render_details(c, factors, ko)]
    replies += [
        render_equivalence(
            answer_equivalence(target, factors, amount=3, usage=build_usage([{"count": 50}])),
            factors,
            ko,
        )
        for target in EquivalentId
    ]
    replies += [render_not_understood(reason, ko) for reason in NotUsageReason]
    replies += [render_refusal(reason, ko) for reason in RefusalReason]
    return replies


def test_no_english_leaks_into_korean_replies(factors: Factors, ko: Translator) -> None:
    leaks = {word for reply in _all_korean_replies(factors, ko) for word in _latin_words(reply)}

    assert leaks == set()


def test_the_leak_check_would_catch_an_english_word() -> None:
    assert _latin_words('욕조 목욕 약 2 baths (1–3kWh) <a href="https://x.org">Ember</a>') == [
        "baths"
    ]


def test_text_from_outside_is_escaped(factors: Factors, en: Translator) -> None:
    """Region codes and source names come from data, not code: they are escaped like user text."""
    equivalents = dict(factors.equivalents)
    car = equivalents[EquivalentId.CAR_KM]
    hostile_source = car.source.model_copy(
        update={"publisher": "<b>Evil</b> & Co", "url": 'https://x.org/?a="1"&b=<2>'}
    )
    equivalents[EquivalentId.CAR_KM] = car.model_copy(update={"source": hostile_source})
    hostile_factors = factors.model_copy(update={"equivalents": equivalents})
    comparison = _compare(factors, [{"count": 100}]).model_copy(update={"region": "<i>XX"})

    short = render_comparison(comparison, hostile_factors, en)
    details = "\n".join(render_details(comparison, hostile_factors, en))

    assert "&lt;i&gt;XX grid" in short
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in details
    assert 'href="https://x.org/?a=&quot;1&quot;&amp;b=&lt;2&gt;"' in details
    assert_telegram_html(short)
    for message in render_details(comparison, hostile_factors, en):
        assert_telegram_html(message)


@pytest.mark.parametrize(
    ("region", "expected_en", "expected_ko"),
    [
        ("world", "(world average grid)", "(세계 평균 전력 기준)"),
        ("KR", "(South Korea's grid)", "(한국 전력 기준)"),
        ("US", "(US grid)", "(미국 전력 기준)"),
        ("EU", "(EU grid)", "(유럽연합 전력 기준)"),
        ("CH", "(Swiss grid)", "(스위스 전력 기준)"),
    ],
)
def test_the_co2_line_names_the_grid_it_assumes(
    factors: Factors,
    en: Translator,
    ko: Translator,
    region: str,
    expected_en: str,
    expected_ko: str,
) -> None:
    comparison = compare(build_usage([{"count": 100}]), factors, region=region)

    assert expected_en in render_comparison(comparison, factors, en)
    assert expected_ko in render_comparison(comparison, factors, ko)
