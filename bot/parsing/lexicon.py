"""The words the parser knows: kinds, counters, periods, horizons, targets, and noise to skip."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum

from bot.factors.models import EquivalentId
from bot.parsing.numbers import (
    DIGITS,
    KO_NATIVE,
    KO_NATIVE_AT,
    KO_NUMBER_PREFILTER,
    KO_SINO,
    KO_SINO_AS_WRITTEN,
    KO_SINO_AT,
    NUMBER,
    NUMBER_FIRST,
    NUMBER_PREFILTER,
    NUMBER_WORD_AT,
    alternation,
)
from bot.parsing.patterns import (
    Clues,
    Lazy,
    Scanner,
    Table,
    clue_finder,
    literal_starts,
    one_of,
)
from bot.usage import DAYS_PER_MONTH, DAYS_PER_WEEK, DAYS_PER_YEAR, Kind

# All patterns run on normalised text (NFKC, lower case, no thousands commas). Python's \b
# does not separate "o3" from "를" (Hangul is a word character), so English words are fenced
# with Latin-only look-arounds instead; that also reads "5images" and "o3를" the way people
# mean them.


def en(words: Iterable[str]) -> str:
    """English words (regex fragments) fenced by non-letters on both sides."""
    return rf"(?<![a-z]){one_of(words)}(?![a-z])"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


DAY = 1.0
WEEKDAY = DAYS_PER_WEEK / 5  # "every weekday": five times a week
HOUR = 1 / 24

# ---------------------------------------------------------------------------------------------
# Kinds. Priority when one phrase names several: video > image > reasoning > text.

KIND_PRIORITY: Mapping[Kind, int] = {Kind.VIDEO: 3, Kind.IMAGE: 2, Kind.REASONING: 1, Kind.TEXT: 0}

_KIND_WORDS: Mapping[Kind, list[str]] = {
    Kind.VIDEO: [
        *[r"videos?", r"vids?", r"clips?", "sora", "veo", "runway", "kling", r"animations?"],
    ],
    Kind.IMAGE: [
        r"images?",
        r"imgs?",
        r"imags?",
        r"imgaes",
        r"pics?",
        r"pictures?",
        r"photos?",
        r"drawings?",
        r"illustrations?",
        r"dall[\s·-]?e",
        "dalle",
        "midjourney",
        "mj",
        r"stable\s+diffusion",
        "sdxl",
        "imagen",
        "flux",
        r"avatars?",
        r"logos?",
        r"memes?",
        r"artworks?",
        r"renders?",
        r"wallpapers?",
        r"portraits?",
        r"stickers?",
    ],
    Kind.REASONING: [
        "reasoning",
        r"thinking\s+(?:model|mode)s?",
        r"extended\s+thinking",
        r"deep\s*research",
        r"deep\s*think",
        "deepseek[\\s-]?r1",
    ],
    Kind.TEXT: [
        r"quer(?:y|ies|ys|ie)",
        "quries",
        "qurey",
        "qureies",
        "queires",
        "querries",
        r"questions?",
        r"questons?",
        r"qustions?",
        r"quesitons?",
        r"questoins?",
        r"quetions?",
        "qs",
        r"prompts?",
        r"promts?",
        r"promps?",
        r"messages?",
        r"msgs?",
        r"chats?",
        r"requests?",
        r"conversations?",
        r"convos?",
        "searches",
        "asks",
        "answers",
        "replies",
        "responses",
        r"texts?",
        r"lookups?",
        r"tasks?",
    ],
}
_KIND_KOREAN: Mapping[Kind, list[str]] = {
    Kind.VIDEO: ["동영상", "영상", "비디오", "쇼츠", "소라", "릴스", "클립"],
    Kind.IMAGE: ["이미지", "그림", "사진", "일러스트", "짤", "달리", "미드저니", "로고", "스티커"],
    Kind.REASONING: [
        *["추론", r"딥\s?리서치", r"딥\s?씽크", "씽킹", r"생각하는\s?모델", r"사고\s?모델"],
        *[r"심층\s?리서치", "리즈닝"],
    ],
    Kind.TEXT: [
        *["질문", "채팅", "메시지", "메세지", "프롬프트", "대화", "검색", "요청", "물어", "문의"],
        "톡",
    ],
}
# o1, o3, o4-mini, r1; never the o of 4o (a digit before it) or a word like "so3".
_REASONING_MODELS = (
    r"(?<![a-z\d.])[o][1-9](?:[\s-](?:mini|pro|preview|high))?(?![a-z\d])"
    r"|(?<![a-z\d])r1(?![a-z\d])"
)
_KIND_FIRST: Mapping[Kind, str] = {
    Kind.VIDEO: "vcsrka동영비쇼소릴클",
    Kind.IMAGE: "ipdmsfalrw이그사일짤달미로스",
    Kind.REASONING: "rtedo추딥씽생사심리",
    Kind.TEXT: "qpmcrsatl질채메프대검요물문톡",
}
KINDS: Mapping[Kind, Scanner] = {
    kind: Scanner(
        en(words)
        + (f"|{_REASONING_MODELS}" if kind is Kind.REASONING else "")
        + f"|{'|'.join(_KIND_KOREAN[kind])}",
        first=_KIND_FIRST[kind],
        not_after="a-z",
        lazy=True,  # scans use MARKS; only questions these
    )
    for kind, words in _KIND_WORDS.items()
}
# Naming the tool is no kind of its own, but it shows a bare number is about chatbot use.
_TOOL_WORDS = [
    *["chatgpt", "chat gpt", "gpt", "claude", "gemini", "copilot", "perplexity", "ai"],
    *["chatbot", "chat bot", "llm", "bot", "grok", "deepseek", "mistral", "llama"],
]
_TOOL_OTHER = [
    *[r"챗\s?gpt", r"챗\s?지피티", "지피티", "쥐피티", "클로드", "제미나이", "제미니", "챗봇"],
    *["인공지능", "에이아이", "ai"],
]
_TOOL = Scanner(
    en(_TOOL_WORDS) + f"|{'|'.join(_TOOL_OTHER)}",
    first="cgpalbdm챗지쥐클제인에",
    not_after="a-z",
    lazy=True,  # a part of MARKS
)
# One pass for every kind word and tool name, a group per kind: the first kind that matches
# is the one MARKS matched (the tests check it against each kind's own pattern). Most words
# start with a letter of `first`; the prefilter keeps those that start like one of ours.
MARKS = Scanner(
    # Each kind behind a look-ahead for its first characters: a word skips at once the kinds
    # it cannot begin, rather than trying their words and look-behinds one by one.
    "|".join(
        f"(?P<{kind.value}>(?=[{scanner.first}])(?:{scanner.pattern}))"
        for kind, scanner in KINDS.items()
    )
    + f"|(?=[{_TOOL.first}])(?:{_TOOL.pattern})",
    first="".join(sorted({c for scanner in [*KINDS.values(), _TOOL] for c in scanner.first})),
    not_after="a-z",
    prefilter=one_of(
        [
            *literal_starts(
                [w for kind in Kind for w in [*_KIND_WORDS[kind], *_KIND_KOREAN[kind]]]
                + [*_TOOL_WORDS, *_TOOL_OTHER, "r1"],
                # Three letters: with two, every "day" would pass as the start of "dall-e".
                length=3,
            ),
            "o[1-9]",  # _REASONING_MODELS
        ]
    ),
)


# At most one kind's group takes part in a match, so any order finds it: the commonest first.
_BY_FREQUENCY = (Kind.TEXT, Kind.IMAGE, Kind.VIDEO, Kind.REASONING)
_KIND_GROUPS = tuple((kind.value, kind) for kind in _BY_FREQUENCY)


def mark_kind(match: re.Match[str]) -> Kind | None:
    """The kind a MARKS match names (None for a tool name)."""
    for group, kind in _KIND_GROUPS:
        if match[group] is not None:
            return kind
    return None


# ---------------------------------------------------------------------------------------------
# Counters. Korean numbers only count in front of one, so 이미지 and 일주일 never read as 2 or 1.
# 번째 is an ordinal, 회사 a company, 회차 an episode, 개월 months, 장소/장면 places and scenes.

KO_COUNTER = r"(?:번(?!째)|회(?![사차의])|개(?!월)|건|장(?![소면르])|편(?![집하의])|차례|컷|통)"
COUNTER_KINDS: Mapping[str, Kind] = {"장": Kind.IMAGE, "컷": Kind.IMAGE, "편": Kind.VIDEO}
EN_COUNTER = r"(?:\s?+times?(?![a-z])|\s?+x(?![a-z\d])|\s?+×)"

_RANGE_SEP = r"\s*+(?:-|~|" + en(["to", "or"]) + r"|에서|내지)\s*+"

# ---------------------------------------------------------------------------------------------
# Periods: how often a count happens. "Soft" ones ("in a year", "1년") become the horizon when
# a firmer period is also given ("하루 백 번씩 1년").

_EN_UNITS: Mapping[str, float] = {
    r"days?": DAY,
    r"nights?": DAY,
    r"mornings?": DAY,
    r"evenings?": DAY,
    r"afternoons?": DAY,
    r"weekdays?": WEEKDAY,
    r"work\s?days?": WEEKDAY,
    r"working\s+days?": WEEKDAY,
    r"business\s+days?": WEEKDAY,
    r"weekends?": DAYS_PER_WEEK,
    r"weeks?": DAYS_PER_WEEK,
    r"wks?": DAYS_PER_WEEK,
    r"fortnights?": 2 * DAYS_PER_WEEK,
    r"months?": DAYS_PER_MONTH,
    r"mos?": DAYS_PER_MONTH,
    r"mths?": DAYS_PER_MONTH,
    r"mnths?": DAYS_PER_MONTH,
    r"years?": DAYS_PER_YEAR,
    r"yrs?": DAYS_PER_YEAR,
    r"hours?": HOUR,
    r"hrs?": HOUR,
}
_EN_SLASH_UNITS: Mapping[str, float] = {
    "d": DAY,
    "w": DAYS_PER_WEEK,
    "m": DAYS_PER_MONTH,
    "y": DAYS_PER_YEAR,
    "h": HOUR,
}
_EN_ADVERBS: Mapping[str, float] = {
    "daily": DAY,
    "nightly": DAY,
    "everyday": DAY,
    "every\\s?day": DAY,
    "evrey\\s?day": DAY,
    "evry\\s?day": DAY,
    "weekly": DAYS_PER_WEEK,
    "biweekly": 2 * DAYS_PER_WEEK,
    "fortnightly": 2 * DAYS_PER_WEEK,
    "monthly": DAYS_PER_MONTH,
    "yearly": DAYS_PER_YEAR,
    "annually": DAYS_PER_YEAR,
    "per\\s+annum": DAYS_PER_YEAR,
    "hourly": HOUR,
    "(?:on\\s+)?weekdays": WEEKDAY,
    "(?:on\\s+)?weekends": DAYS_PER_WEEK,
    "today": DAY,
    "tonight": DAY,
    "yesterday": DAY,
    "(?:this|last)\\s+morning": DAY,
    "at\\s+night": DAY,
    "most\\s+days": DAY,
    "most\\s+weeks": DAYS_PER_WEEK,
    "most\\s+months": DAYS_PER_MONTH,
    "in\\s+the\\s+(?:morning|evening|afternoon)s?": DAY,
    "(?:this|last)\\s+week": DAYS_PER_WEEK,
    "(?:this|last)\\s+month": DAYS_PER_MONTH,
    "(?:this|last)\\s+year": DAYS_PER_YEAR,
}
EN_OTHER_COUNTS: Mapping[str, float] = {"other": 2, "couple of": 2, "few": 3}
EN_UNITS = Table(_EN_UNITS)
EN_SLASH_UNITS = Table({**_EN_UNITS, **_EN_SLASH_UNITS})
EN_ADVERBS = Table(_EN_ADVERBS)
_EN_PERIOD_UNIT = (
    # "in a typical month", "an average day"
    r"(?:(?:typical|normal|average|usual|regular|given|single|busy|good)\s++)?"
    rf"(?P<unit>{EN_UNITS.pattern})(?![a-z])"
    rf"|{en([f'(?P<adverb>{EN_ADVERBS.pattern})'])}"
)
# "per 2 weeks", "every other day", "in 3 days" (soft), "daily". Written with NUMBER twice, as
# in EN_PERIOD_AS_WRITTEN, the pattern took 20 ms to compile; in EN_PERIOD "in" shares the one
# number with "per", "every" …, which are then tried again with "other", "few" or nothing, so
# every phrase is tried in the same order. The tests check both find the same periods.
EN_PERIOD_AS_WRITTEN = (
    r"(?<![a-z])(?:(?P<soft>in\s++(?:an?|one)\s++)"
    r"|(?:per|an?|each|every|evry|evrey)\s++"
    rf"(?:(?P<n>{NUMBER}|other|couple\s+of|few)\s++)?"
    rf"|(?P<in_n>in\s++)(?P<soft_n>{NUMBER})\s++){_EN_PERIOD_UNIT}"
)
EN_PERIOD = Scanner(
    r"(?<![a-z])(?:(?P<soft>in\s++(?:an?|one)\s++)"
    rf"|(?:per|an?|each|every|evry|evrey|(?P<in_n>in))\s++(?P<n>{NUMBER})\s++"
    r"|(?:per|an?|each|every|evry|evrey)\s++(?:(?P<other>other|couple\s+of|few)\s++)?)"
    + _EN_PERIOD_UNIT,
    first="paeidnwbfmyhotl",
    not_after="a-z",
    # Three letters: "th" and "a" alone start too many words ("the", "and"); "a", "an", "in"
    # and "on" count only before a space.
    prefilter=one_of(
        [
            *literal_starts(
                ["per", "each", "every", "evry", "evrey", "this", "last", "week"]
                + [adverb for adverb in _EN_ADVERBS if not adverb.startswith("(")],
                length=3,
            ),
            *[r"a\s", r"an\s", r"in\s", r"on\s"],
        ]
    ),
)
# A period holds its unit or adverb as a word of its own: after a space, no letter after it.
EN_PERIOD_CLUES = Clues(
    [
        *["day", "days", "night", "nights", "morning", "mornings", "evening", "evenings"],
        *["afternoon", "afternoons", "weekday", "weekdays", "workday", "workdays", "weekend"],
        *["weekends", "week", "weeks", "wk", "wks", "fortnight", "fortnights", "month"],
        *["months", "mo", "mos", "mth", "mths", "mnth", "mnths", "year", "years", "yr", "yrs"],
        *["hour", "hours", "hr", "hrs", "daily", "nightly", "everyday", "evreyday", "evryday"],
        *["weekly", "biweekly", "fortnightly", "monthly", "yearly", "annually", "annum"],
        *["hourly", "today", "tonight", "yesterday"],
    ]
)
SLASH_PERIOD = Scanner(rf"/\s*+(?P<slash>{EN_SLASH_UNITS.pattern})(?![a-z])", first="/")
SLASH_PERIOD_CLUES = Clues([], signs="/")

KO_DAY_WORDS: Mapping[str, float] = {
    "하루": 1,
    "이틀": 2,
    "사흘": 3,
    "나흘": 4,
    "닷새": 5,
    "엿새": 6,
    "이레": 7,
    "열흘": 10,
    "보름": 15,
}
KO_UNITS: Mapping[str, float] = {
    "주일": DAYS_PER_WEEK,
    "개월": DAYS_PER_MONTH,
    "일": DAY,
    "주": DAYS_PER_WEEK,
    "달": DAYS_PER_MONTH,
    "년": DAYS_PER_YEAR,
    "해": DAYS_PER_YEAR,
}
# A single Sino digit is a number here (일 년, 삼 일), unlike in front of a counter.
# Sino-Korean once here too, tried where KO_SPAN_NUMBER_AS_WRITTEN tries it (see NUMBER).
KO_SPAN_NUMBER = (
    rf"(?:(?=\d){DIGITS}|{KO_SINO}|{KO_NATIVE}|(?<![가-힣])[일이삼사오육칠팔구](?= ?[일주달년개]))"
)
KO_SPAN_NUMBER_AS_WRITTEN = (
    rf"(?:(?=\d)(?:{DIGITS}|{KO_SINO_AS_WRITTEN})|(?=[가-힣])(?:{KO_SINO_AS_WRITTEN}|{KO_NATIVE}"
    r"|(?<![가-힣])[일이삼사오육칠팔구](?= ?[일주달년개])))"
)
_KO_SPAN = (
    rf"(?:(?P<kn>{KO_SPAN_NUMBER})\s?+(?P<kunit>{alternation(KO_UNITS)})"
    rf"|(?<![가-힣])(?P<kday>{alternation(KO_DAY_WORDS)}))"
)
# Digits and Hangul only: NUMBER_FIRST's letters start English numbers, which spans never hold.
_KO_SPAN_FIRST = "\\d" + "".join(c for c in NUMBER_FIRST if "가" <= c <= "힣") + "하이사나닷엿열보"
_KO_WORDS: Mapping[str, float] = {
    "매일매일": DAY,
    "매일같이": DAY,
    "매일": DAY,
    "날마다": DAY,
    "(?:아침|저녁|밤|점심)마다": DAY,
    "데일리": DAY,
    "하루하루": DAY,
    "오늘": DAY,
    "어제": DAY,
    "평일(?:에|마다)?": WEEKDAY,
    "매\\s?주말": DAYS_PER_WEEK,
    "주말(?:마다|에는|에|엔)": DAYS_PER_WEEK,
    "매주": DAYS_PER_WEEK,
    "주마다": DAYS_PER_WEEK,
    "주당": DAYS_PER_WEEK,
    "(?:이번|저번|지난)\\s?주": DAYS_PER_WEEK,
    "격주": 2 * DAYS_PER_WEEK,
    "격일": 2 * DAY,
    "매달": DAYS_PER_MONTH,
    "매월": DAYS_PER_MONTH,
    "달마다": DAYS_PER_MONTH,
    "월마다": DAYS_PER_MONTH,
    "다달이": DAYS_PER_MONTH,
    "월간": DAYS_PER_MONTH,
    "(?:이번|저번|지난)\\s?달": DAYS_PER_MONTH,
    "이달": DAYS_PER_MONTH,
    "매년": DAYS_PER_YEAR,
    "해마다": DAYS_PER_YEAR,
    "연간": DAYS_PER_YEAR,
    "올해": DAYS_PER_YEAR,
    "작년": DAYS_PER_YEAR,
    # Single-syllable 주/월/일/연 need a marker or a number after them: 자주 (often) and
    # 주로 (mainly) are not weeks, 월요일 is not a month.
    rf"(?<![가-힣\d])주(?=\s?+(?:에|마다|당)|\s?+\d|\s?+(?:{KO_NATIVE_AT}|{KO_SINO_AT}))": (
        DAYS_PER_WEEK
    ),
    rf"(?<![가-힣\d])월(?=\s?+(?:에|마다|당)|\s?+\d|\s?+{KO_SINO_AT})": DAYS_PER_MONTH,
    "(?<![가-힣\\d])일(?=\\s?+\\d)": DAY,
    "(?<![가-힣\\d])연(?=\\s?+(?:에|마다|\\d))": DAYS_PER_YEAR,
}
KO_WORDS = Table(_KO_WORDS)
_KO_MARK = r"(?P<mark>\s?+(?:에는|에만|에|엔|마다|당))?"
# Period words may follow another word without a space (거의매일): no word-start guard.
KO_WORD_PERIOD = Scanner(
    rf"(?P<word>{KO_WORDS.pattern}){_KO_MARK}",
    first="매날아저밤점데하해오어평주격달월다이올작일연지",
    prefilter=r"(?<![가-힣\d])[주월일연]|"
    + one_of(
        [
            *literal_starts([word for word in _KO_WORDS if not word.startswith("(")]),
            *["아침", "저녁", "밤마", "점심", "이번", "저번", "지난"],
        ]
    ),
    lazy=True,  # like every Korean-only pass: compiled for the first Korean message
)

# ---------------------------------------------------------------------------------------------
# Horizons: how long the use goes on ("for 6 months", "2년 동안"); the default is a year.

_EN_HORIZON_UNITS: Mapping[str, float] = {
    r"days?": DAY,
    r"weeks?": DAYS_PER_WEEK,
    r"months?": DAYS_PER_MONTH,
    r"years?": DAYS_PER_YEAR,
    r"decades?": 10 * DAYS_PER_YEAR,
    r"centur(?:y|ies)": 100 * DAYS_PER_YEAR,
}
EN_HORIZON_UNITS = Table(_EN_HORIZON_UNITS)
# The words EN_HORIZON's matches begin with (and "*" of "x 365 days").
_HORIZON_STARTS = [
    *["for", "over", "during", "across", "within", "throughout", "the", "next", "coming"],
    *["all", "x", "×"],
]
EN_HORIZON = Scanner(
    r"(?<![a-z])(?:(?:for|over|during|across|within|throughout)\s++(?:the\s++)?"
    r"(?:(?:next|coming|following|past|last)\s++)?|(?:the\s++)?(?:next|coming)\s++)"
    rf"(?:(?P<n>{NUMBER}|an?|one)\s++(?:(?:whole|full|entire|straight)\s++)?"
    r"|(?:whole|entire|full)\s++)"
    rf"(?P<unit>{EN_HORIZON_UNITS.pattern})(?![a-z])"
    r"|(?P<all_year>(?<![a-z])all\s+year(?:\s+(?:long|round))?(?![a-z]))"
    # "2 chats per day x 365 days"
    rf"|[x×*]\s*+(?P<times>\d++)\s*+(?P<times_unit>{EN_HORIZON_UNITS.pattern})(?![a-z])",
    first="fodawtncx×*",
    not_after="a-z",
    hint="day|week|month|year|decade|centur",
    prefilter=one_of(literal_starts(_HORIZON_STARTS)) + r"|\*",
)
# The first word of each horizon ("the" comes only before "next" or "coming"), or its sign.
EN_HORIZON_CLUES = Clues(
    ["for", "over", "during", "across", "within", "throughout", "next", "coming", "all", "x"],
    signs="×*",
)
# A Korean span of time is the horizon with 동안/간/내내 after it or 앞으로 before it
# ("2년 동안", "앞으로 3년"), and otherwise a period ("3일에", "1년").
KO_SPAN = Scanner(
    rf"(?P<ahead>앞으로\s?+)?{_KO_SPAN}(?:(?P<during>\s?+(?:동안|간|내내))|{_KO_MARK})",
    first=_KO_SPAN_FIRST + "앞",
    not_after="a-z",
    hangul_word_start=True,
    # Digits are a span only before a unit (3일, 2 달) or as Sino-Korean (2만 …).
    prefilter=r"\d++(?>(?:\.\d++)?)(?:\s?+[주개일달년해]|[십백천만억])"
    r"|[일이삼사오육칠팔구] ?[일주달년개]"
    rf"|앞으로|{alternation(KO_DAY_WORDS)}|{KO_NUMBER_PREFILTER}",
    lazy=True,
)

# ---------------------------------------------------------------------------------------------
# Numbers that are not counts of use: model names, money, durations, dates, sizes, people.

# A model version is one digit and decimals ("3.5"): "gpt 20 times" keeps its 20, and
# "claude 3 times a day" its 3.
# How a model name begins (MODEL's prefilter): most words start with a letter of its `first`.
_MODEL_STARTS = [
    *["chat", "gpt", "claude", "sonnet", "opus", "haiku", "gemini", "llama", "qwen", "mistral"],
    *["mixtral", "gemma", "phi", "grok", "deepseek", "kimi", "glm", "dall", "midjourney", "mj"],
    *["sora", "veo", "imagen", "kling", "flux", "runway", "gen", "sd", "stable", "iphone"],
    *["galaxy", "pixel", "windows", "ios", "android", "python", "rtx", "gtx", "macos", "ps"],
    *["m[1-4]", "o[1-9]", "r[1-9]", "v[1-9]", "지피티", "쥐피티", "챗지피티", "제미나이"],
    *["제미니", "클로드", "소네트", "그록"],
]
_VERSION = r"\d(?>(?:\.\d+)*)(?!\d|\s*+(?:times?|x)(?![a-z])|\s?+(?:번|회|개|장|편))"
_MODEL_FAMILIES = ["llama", "qwen", "mistral", "mixtral", "gemma", "phi", "grok", "deepseek"]
_MODEL_FAMILIES += ["kimi", "glm"]
MODEL = Scanner(
    en(
        [
            rf"(?:chat\s?)?gpt[\s-]?+{_VERSION}[a-z]*+(?>(?:[\s-](?:mini|nano|turbo|pro|preview|o))*)",
            rf"(?:claude|sonnet|opus|haiku)(?>(?:[\s-]++(?:sonnet|opus|haiku|instant|{_VERSION}))+)",
            rf"gemini(?>(?:[\s-]++(?:pro|flash|ultra|nano|lite|{_VERSION}))+)",
            rf"(?:{'|'.join(_MODEL_FAMILIES)})[\s-]?+[vr]?{_VERSION}(?:[\s-]?+\d+(?:x\d+)?b)?",
            rf"dall[\s·-]?e[\s-]?+{_VERSION}",
            rf"(?:midjourney|mj)[\s-]?+v?{_VERSION}",
            rf"(?:sora|veo|imagen|kling|flux|runway(?:\s+gen)?|gen|sd|sdxl)[\s-]?+{_VERSION}",
            rf"stable\s+diffusion[\s-]?+{_VERSION}",
            r"(?:iphone|galaxy|pixel|windows|ios|android|python|rtx|gtx|macos|ps)[\s-]?+\d++",
            r"m[1-4](?:\s+(?:pro|max|ultra))?",
        ]
    )
    + r"|(?<![a-z\d.])\d(?:\.\d)?o(?:[\s-]?mini)?(?![a-z\d])"
    + r"|(?<![a-z\d])o[1-9](?:[\s-](?:mini|pro|preview|high))?(?![a-z\d])"
    + r"|(?<![a-z\d])[rv][1-9](?![a-z\d])"
    + r"|(?<![\d.])\d++(?>(?:\.\d++)?)b\s+(?:model|param)|(?<!\d)\d++x\d++b"
    + rf"|(?:지피티|쥐피티|챗지피티|제미나이|제미니|클로드|소네트|그록)\s?+{_VERSION}"
    + r"(?:\s?+(?:o|오|mini|미니|프로|pro))?",
    first="\\dcgsohlqmpdkvifrwa지쥐챗제클소그",
    not_after=r"a-z\d",
    # Digits start a model only before o, b or x (4o, 3.5o, 70b, 8x7b).
    prefilter=r"\d++(?>(?:\.\d++)?)[obx]|" + one_of(_MODEL_STARTS),
)
# Every model name begins with a word of its own ("gpt" of "gpt-4o"), but for a few run into
# their version ("llamav2", "mjv6", "dalle3", "4omini") and the letters after digits ("4o",
# "o3", "m2", "r1", "v6", "70b model", "8x7b"). The Korean ones hold 피, 제, 클, 소 or 록.
MODEL_CLUES = Clues(
    [
        *["chatgpt", "gpt", "claude", "sonnet", "opus", "haiku", "gemini", "dall", "dalle"],
        *["midjourney", "midjourneyv", "mj", "mjv", "sora", "veo", "imagen", "kling", "flux"],
        *["runway", "gen", "sd", "sdxl", "stable", "iphone", "galaxy", "pixel", "windows"],
        *["ios", "android", "python", "rtx", "gtx", "macos", "ps", "o", "omini", "m", "r"],
        *["v", "b", "x"],
        *[name + version for name in _MODEL_FAMILIES for version in ("", "v", "r")],
    ],
    signs="피제클소록",
)
_N = NUMBER
_EN_NOISE_UNITS = [
    r"hours?",
    r"hrs?",
    r"minutes?",
    r"mins?",
    r"seconds?",
    r"secs?",
    "h",
    "s",
    r"dollars?",
    "bucks",
    "usd",
    "eur",
    r"euros?",
    "won",
    "krw",
    r"cents?",
    r"pounds?",
    "percent",
    "kwh",
    "wh",
    "mwh",
    "kw",
    r"watts?",
    r"joules?",
    "kj",
    r"km",
    "kms",
    r"kilomet(?:er|re)s?",
    r"miles?",
    "mi",
    r"meters?",
    r"metres?",
    "kg",
    r"liters?",
    r"litres?",
    "ml",
    r"gallons?",
    r"tokens?",
    r"words?",
    r"characters?",
    r"chars?",
    r"lines?",
    r"pages?",
    "gb",
    "mb",
    "kb",
    "tb",
    r"bytes?",
    "people",
    r"persons?",
    r"users?",
    r"employees?",
    r"members?",
    r"kids?",
    "children",
    r"students?",
    r"friends?",
    r"colleagues?",
    r"cats?",
    r"dogs?",
    r"years?\s+old",
    "yo",
    "y/o",
    "am",
    "pm",
    r"a\.m\.?",
    r"p\.m\.?",
    r"o'?clock",
    "st",
    "nd",
    "rd",
    "th",
    "p",
    r"fps",
    r"tabs?",
    r"apps?",
    r"accounts?",
    r"subscriptions?",
    r"seats?",
]
_KO_NOISE_UNITS = (
    r"시간|분(?![석야량])|초(?![보안])|원|달러|유로|명|사람|번째|회차|km|킬로|키로|마일|와트|퍼센트"
    r"|토큰|글자|단어|페이지|쪽|인분"
)
# Short words that are units only right after digits (30살, 3층, 9시); after 세 or 한 they are
# too often something else.
_KO_DIGIT_NOISE_UNITS = (
    r"살|세(?!\s?+[번개])|학년|층|호(?!출)|등|위(?!에)|기(?![능계본])|째|차(?!례)|시(?!간)"
    r"|%|프로(?!젝|그|필|모)|자(?![주료기])|줄|불|엔|년생|년도"
)
# Before periods and horizons: years, dates and clock times (2024년에 is not every 2024 years),
# money ("$20 a month" is no count), image sizes, versions.
_EARLY_NOISE = (
    r"(?:19|20)\d\d\s?+(?:년도?|-\d++|/\d++)"
    r"|(?:in|since|from|until|by|of|year|circa)\s++(?:19|20)\d\d(?!\d)"
    r"|(?<!\.)\d++\s?+월(?:\s?+\d++\s?+일)?|(?<!\.)\d++\s?+시(?!간)"
    r"|\d++:\d++|(?<!\.)\d++(?:/\d++){1,2}(?![a-z])"
    r"|{money}|(?<!\.)\d++\s*+[x×*]\s*+\d++"
    r"|[48]k(?=\s+(?:video|영상|res|footage|tv|monitor))"
    r"|v\d++(?>(?:\.\d++)*)|(?<!\.)\d++\.\d++\.\d++|#\d++|no\.\s*+\d++"
)
# Money is a currency sign and a NUMBER; scan.noise_spans reads the number with NUMBERS (a
# NUMBER here cost 5 ms to compile). The tests hold it to EARLY_NOISE_AS_WRITTEN.
EARLY_NOISE_AS_WRITTEN = _EARLY_NOISE.replace("{money}", rf"[$€£₩¥]\s*+{NUMBER}")
EARLY_NOISE = Scanner(
    _EARLY_NOISE.replace("{money}", r"(?P<money>[$€£₩¥]\s*+)"),
    first="\\disfuboycv$€£₩¥#n48",
    not_after=r"a-z\d",
    # How each alternative begins: most numbers are followed by none of these.
    prefilter=r"\d++(?:\s?+[월시]|:|/|\s*+[x×*]|\.\d++\.)|19|20|[48]k|[$€£₩¥]|v\d|#\d|no\."
    r"|(?:in|since|from|until|by|of|year|circa)\s++(?:19|20)",
    # What every match holds somewhere (a year, 월 or 시, a sign, "x 3", ".5", "4k", "v2"): few
    # messages have any, and the others skip the pass. Each alternative opens with a literal,
    # so the engine jumps from one of their first characters to the next (a class or a group
    # in front would have it try the whole hint at every position).
    hint=r"월|시|:|/|\$|€|£|₩|¥|#|×|\*|\.\s*+\d|19\d\d|20\d\d|x\s*+\d|4k|8k|v\d",
)
# The words before a year, "x" of "3 x 4", "k" of "4k", "v" of "v2", "no" of "no. 5", or a sign.
EARLY_NOISE_CLUES = Clues(
    ["in", "since", "from", "until", "by", "of", "year", "circa", "x", "k", "v", "no"],
    signs="년-/월시:$€£₩¥×*.#",
)
# What follows a number that makes it no count of use: "3 hours", "2-3 hours", "30살", and,
# after periods have read 3일에 (every three days), dates like 5일 and 3일차.
_NOT_A_COUNT_AFTER = (
    rf"\s*+(?:{en(_EN_NOISE_UNITS)}|%)|\s?+(?:{_KO_NOISE_UNITS}|(?:일|주)\s?차)"
    rf"|(?:(?<=\d)|(?<=\d\s))(?:{_KO_DIGIT_NOISE_UNITS}|일(?:날|에|부터|까지)?)"
)
# Every number, and where it ends: the second number of a range ("3-4 times") is read with it.
# Compiled for the first range ("3-4 times") or sum of money ("$20") read.
NUMBERS = Scanner(
    NUMBER, first=NUMBER_FIRST, hangul_word_start=True, prefilter=NUMBER_PREFILTER, lazy=True
)
_COUNT_TAIL = (
    rf"(?P<noise>{_NOT_A_COUNT_AFTER})"
    rf"|(?P<counter>\s?+{KO_COUNTER}|{EN_COUNTER})?(?P<each>\s?+씩)?"
)
# A minus may stand a space away from its number ("- 5"), but not at the start of a line:
# there "- 30 prompts daily" is a list's bullet.
_SIGN_SPACE = r"(?>(?:\s(?<!^-\s)(?<!\n-\s))?)"
# A count, or (group "noise") a number that is something else: "-5", "2-3 times", "30살". What
# follows the number can always match (if only the empty string), so the regex never goes back
# into it. COUNT_PATTERN says it in one pattern, and the tests hold scan.py to it; but NUMBER
# twice in one regex costs 15 ms to compile, so COUNT stops at a range's separator (group
# "sep"), and scan.py reads the number after it with NUMBERS (if there is none, the tail comes
# right after the first) and the rest of the count with COUNT_TAIL_RE.
COUNT_PATTERN = (
    rf"(?P<neg>(?<![\w.~-])-{_SIGN_SPACE})?(?P<a>{NUMBER})(?:{_RANGE_SEP}(?P<b>{NUMBER}))?"
    rf"(?:{_COUNT_TAIL})"
)
COUNT = Scanner(
    rf"(?P<neg>(?<![\w.~-])-{_SIGN_SPACE})?(?P<a>{NUMBER})"
    rf"(?:(?P<sep>{_RANGE_SEP})|{_COUNT_TAIL})",
    first=NUMBER_FIRST + "-",
    not_after=r"a-z\d",
    hangul_word_start=True,
    prefilter=f"-|{NUMBER_PREFILTER}",
)
# For ranges only, and compiled for the first: COUNT holds the same tail for every other count.
COUNT_TAIL_RE = Lazy(_COUNT_TAIL)
BETWEEN = Scanner(
    rf"{en(['between', 'from'])}\s++(?P<a>{NUMBER})\s++(?:and|to)\s++(?P<b>{NUMBER})"
    rf"(?!{_NOT_A_COUNT_AFTER})",
    first="bf",
    not_after=r"a-z\d",
    # Few messages say "between 2 and 3" or "from 2 to 3", and the pattern, with NUMBER twice,
    # takes 12 ms to compile: it is compiled for the first one that does.
    hint=rf"(?:between|from)\s++(?:{NUMBER_PREFILTER})",
    lazy=True,
)
BETWEEN_CLUES = Clues(["between", "from"])
# 이번 (this time), 저번 (last time): the 번 is not a counter, the 이 not a 2.
KO_NOT_COUNT = Scanner(
    r"(?<![가-힣])(?:이번|저번|지난번|요번)|몇\s?+(?:십|백|천|만)|여러|수십|수백|수천",
    first="이저지요몇여수",
    # The words without their fences: in few messages, and the others skip the pass.
    hint="이번|저번|지난번|요번|몇|여러|수십|수백|수천",
    lazy=True,
)

# ---------------------------------------------------------------------------------------------
# Approximation markers, and what splits one message into separate uses.

_APPROX_WORDS = [
    *["about", "around", "approx(?:imately)?", "abt", "prolly", "probs", "apprx", "roughly"],
    *["circa", "nearly", "almost", "maybe", "probably", "perhaps", "estimated", "give or take"],
    *["or so", "ish", "some(?=\\s+\\d)", rf"like(?=\s++(?:\d|a\s|an\s|{NUMBER_WORD_AT}))"],
]
_APPROX_KOREAN = ["정도", "쯤", "가량", "내외", "얼추", "거의", "대략", "대충", "즈음"]
APPROX = Scanner(
    en(_APPROX_WORDS)
    # A tilde before a number is "about"; between two numbers it is a range.
    + r"|(?<=\d)ish|~(?<!\d~)(?<!\d\s~)(?=\s?+\d)|(?<![가-힣])약(?=\s?+\d|\s)"
    + f"|{'|'.join(_APPROX_KOREAN)}"
    + r"|(?<![가-힣])한\s?+(?=\d)",
    first="abcgnmoprseli~약정쯤가내얼거대즈한",
    not_after="a-z",
    prefilter=one_of(literal_starts([*_APPROX_WORDS, *_APPROX_KOREAN, "~", "약", "한"])),
)
# The words as words ("give" of "give or take", "ish" of "3ish"), then ~, 약, 한 and a syllable
# of each Korean word (정도, 가량, 내외 …).
APPROX_CLUES = Clues(
    [
        *["about", "around", "approx", "approximately", "abt", "prolly", "probs", "apprx"],
        *["roughly", "circa", "nearly", "almost", "maybe", "probably", "perhaps", "estimated"],
        *["give", "or", "ish", "some", "like"],
    ],
    signs="~약정쯤량외얼거략충즈한",
)
_SEPARATOR_WORDS = ["and", "plus", "also", "but", "then", "while"]
SEPARATOR = Scanner(
    r"[,;\n!?]|\.(?!\d)|&|\+|"
    + en(_SEPARATOR_WORDS)
    + r"|그리고|하고(?=\s)|이랑(?=\s)|(?<=\s)랑(?=\s)|및|근데|그런데|그 외|외에"
    # Verb endings join clauses: 고 like "and" ("영상은 안 만들고 질문만 하루 40번"),
    # 는데/지만 like "but" ("전에는 100번 썼는데 요즘은 20번").
    + r"|(?<=[가-힣])(?:고|는데|은데|던데|지만)(?=\s)",
    first=",;\n!?.&+apbtw그하이랑및근외고는은던지",
)
# The Korean words by a syllable each holds (그리고 and 하고 고, 는데 and 근데 데, 지만 만).
# SEPARATOR runs after the counts, one of which may end inside a word: km, among the Korean
# units, has no fence, and "5kmand" leaves "and" (a test checks no other pass cuts a word).
SEPARATOR_CLUES = Clues(
    [*_SEPARATOR_WORDS, *["km" + word for word in _SEPARATOR_WORDS]],
    signs=",;\n!?.&+고랑및데외만",
)

# A correction: "I used to ask 100 a day but now it's more like 20", "전에는 … 요즘은 20번".
_PAST_WORDS = ["used to", "previously", "formerly", "in the past", "at first"]
_PAST_KOREAN = [
    *["전에는", "예전에는", "예전엔", "원래는", "처음엔", "처음에는", "작년엔", "작년에는"],
]
PAST = Scanner(
    en(_PAST_WORDS) + f"|{'|'.join(_PAST_KOREAN)}",
    first="upfia전예원처작",
    not_after="a-z",
    prefilter=one_of(literal_starts([*_PAST_WORDS, *_PAST_KOREAN])),
)
# A word of each phrase ("past" of "in the past"); a syllable of each Korean one (전에는 전).
PAST_CLUES = Clues(["used", "previously", "formerly", "past", "first"], signs="전래처작")
# A message's words and every sign of the clues above, for scan to find at once.
CLUE_FINDER = clue_finder(
    [
        *[EN_PERIOD_CLUES, SLASH_PERIOD_CLUES, EN_HORIZON_CLUES, MODEL_CLUES, EARLY_NOISE_CLUES],
        *[BETWEEN_CLUES, APPROX_CLUES, SEPARATOR_CLUES, PAST_CLUES],
    ]
)
_NOW_WORDS = ["now", "nowadays", "these days", "currently", "lately", "recently"]
_NOW_KOREAN = ["요즘", "요새", "지금은", "이제는", "최근엔", "최근에는"]
NOW = Scanner(
    en(_NOW_WORDS) + f"|{'|'.join(_NOW_KOREAN)}",
    first="ntclr요지이최",
    not_after="a-z",
    prefilter=one_of(literal_starts([*_NOW_WORDS, *_NOW_KOREAN])),
)

# ---------------------------------------------------------------------------------------------
# Equivalence questions: "how many queries is one bath?", "목욕 한 번은 몇 번의 질문이야?".

EN_QUESTION_RE = _compile(r"(?<![a-z])how\s++many(?![a-z])")
KO_QUESTION_RE = _compile(r"몇\s?+(?P<counter>번|개|회|건|장|편|차례|컷)")
# "how many baths is 100 queries?" asks the other way round: an ordinary usage.
EN_FORWARD_RE = _compile(
    r"\s++(?:(?:kms?|kilomet(?:er|re)s?|miles|baths|bathtubs|showers|kettles|"
    r"(?:phone\s+)?charges|(?:google\s+)?searches|hours|minutes|bulbs|led|light\s?bulbs"
    # Asking for a quantity of something ("how many tokens is 100 queries?") asks forward too.
    r"|tokens|kwh|wh|watt[\s-]?hours|watts|joules|grams|kilograms|kg|pounds|lbs|liters|litres"
    r"|ml|gallons|trees|dollars|cents|calories)(?![a-z])"
    r"|times\s+(?:can|could|would|will)\s)"
)
COMPARISON_CUE_RE = _compile(
    en(
        [
            "equals?",
            "equivalent",
            "is",
            "are",
            "same",
            "worth",
            "for",
            "to",
            "as",
            "make",
            "compared?",
            "match",
            "in",
        ]
    )
    + r"|=|같|이면|해당|맞먹|만큼|되려면"
)


class Measure(StrEnum):
    """What a target's amount is counted in."""

    COUNT = "count"
    KM = "km"
    HOUR = "hour"
    MINUTE = "minute"


TARGETS: tuple[tuple[EquivalentId, str, Measure], ...] = (
    (
        EquivalentId.EV_KM,
        en([r"evs?", r"electric\s+(?:car|vehicle)s?", "tesla"])
        + r"|전기\s?차|전기\s?자동차|테슬라",
        Measure.KM,
    ),
    (
        EquivalentId.CAR_KM,
        en([r"driv(?:e|es|ing|en)", r"cars?", "kms?", r"kilomet(?:er|re)s?", r"miles?"])
        + r"|(?<![a-z])km|운전|자동차|차로|승용차|주행|드라이브|킬로|키로",
        Measure.KM,
    ),
    (
        EquivalentId.BATH,
        en([r"baths?", r"bathtubs?", r"tubs?"]) + r"|목욕|욕조|반신욕",
        Measure.COUNT,
    ),
    (EquivalentId.SHOWER, en([r"showers?"]) + r"|샤워", Measure.COUNT),
    (
        EquivalentId.KETTLE,
        en([r"kettles?", r"boil(?:ing)?\s+(?:a\s+|the\s+)?(?:water|pot)", r"cups?\s+of\s+tea"])
        + r"|주전자|전기\s?포트|커피\s?포트|물\s?(?:을\s?)?끓이(?:기|는\s?(?:거|것|걸))?",
        Measure.COUNT,
    ),
    (
        EquivalentId.PHONE_CHARGE,
        en(
            [
                r"(?:phone|smartphone|iphone|mobile)\s+(?:charg(?:e|es|ing)|batter(?:y|ies))",
                r"charg(?:e|ing)\s+(?:(?:my|a|an|the|your)\s+)?(?:phone|smartphone|iphone|mobile)s?",
            ]
        )
        + r"|(?:폰|휴대폰|핸드폰|스마트폰|아이폰|휴대전화)\s?(?:을|를)?\s?충전|충전",
        Measure.COUNT,
    ),
    (
        EquivalentId.LED_HOUR,
        en([r"leds?", r"light\s?bulbs?", r"bulbs?", r"lamps?", r"lights?"]) + r"|전구|조명|형광등",
        Measure.HOUR,
    ),
    (
        EquivalentId.LAPTOP_HOUR,
        en([r"laptops?", "notebook", "macbook"]) + r"|노트북|랩탑|맥북",
        Measure.HOUR,
    ),
    (
        EquivalentId.MICROWAVE_MINUTE,
        en([r"microwav(?:e|es|ing)"]) + r"|전자\s?레인지|전자\s?렌지",
        Measure.MINUTE,
    ),
    (
        EquivalentId.STREAMING_HOUR,
        en(
            [
                "netflix",
                "youtube",
                "streaming",
                r"stream(?:s|ed)?",
                r"watching\s+(?:tv|videos?)",
                "tv",
                "hulu",
                "disney",
            ]
        )
        + r"|넷플릭스|유튜브|스트리밍|동영상\s?시청|영상\s?시청|티비",
        Measure.HOUR,
    ),
    (
        EquivalentId.GOOGLE_SEARCH,
        en([r"google\s+search(?:es)?", r"googl(?:e|ing)", r"web\s+search(?:es)?"])
        + r"|구글\s?검색|구글링|구글|검색",
        Measure.COUNT,
    ),
)
# How the target words begin, in TARGETS' order (its prefilter: most words start with a letter
# of `first`; the tests would find a start left out).
_TARGET_STARTS = [
    *["ev", "el", "te", "전기", "테슬", "dr", "ca", "km", "ki", "mi", "운전", "자동", "차로"],
    *["승용", "주행", "드라", "킬로", "키로", "ba", "tu", "목욕", "욕조", "반신", "sh", "샤워"],
    *["ke", "bo", "cu", "주전", "커피", "물", "ph", "sm", "ip", "mo", "ch", "폰", "휴대", "핸드"],
    *["스마", "아이", "충전", "le", "li", "bu", "la", "전구", "조명", "형광", "no", "ma", "노트"],
    *["랩탑", "맥북", "전자", "ne", "yo", "st", "wa", "tv", "hu", "di", "넷플", "유튜", "스트"],
    *["동영", "영상", "티비", "go", "we", "구글", "검색"],
]
# One pass finds every target word, a group each (t0, t1 …, in TARGETS' order): the first
# target that matches is the one TARGET matched (the tests check it against each one's own
# pattern). Every English word is fenced, so no match starts inside a Latin word.
TARGET = Scanner(
    "|".join(f"(?P<t{i}>{pattern})" for i, (_, pattern, _) in enumerate(TARGETS)),
    first="abcdegiklmnpstwy전테운자차승주드킬키목욕반샤커물폰휴핸스아충조형노랩맥넷유동영티구검",
    latin_word_start=True,
    prefilter=one_of(_TARGET_STARTS),
    lazy=True,  # compiled for the first question
)


def target_of(match: re.Match[str]) -> int:
    """Which of TARGETS a TARGET match names (its index, which is also its priority)."""
    for index in range(len(TARGETS)):
        if match[f"t{index}"] is not None:
            return index
    raise AssertionError("every TARGET match is one of TARGETS")


MILE_KM = 1.609344
# Compiled on first use (lazy): only a reverse question with a target needs them. Searched for
# in a window around the target, where the plain patterns tried a NUMBER at every position.
KM_AMOUNT = Scanner(
    rf"(?P<n>{NUMBER}|an?)\s*+(?:(?P<km>kms?|kilomet(?:er|re)s?|킬로미터|킬로|키로)"
    r"|(?P<mile>miles?|mi|마일))(?![a-z])",
    first=NUMBER_FIRST,
    prefilter=f"{NUMBER_PREFILTER}|a",
    lazy=True,
)
TIME_AMOUNT = Scanner(
    r"(?P<half>half\s+an?\s+hour|반\s?시간|30\s?분)"
    rf"|(?P<n>{NUMBER}|an?|one)\s*+(?:(?P<hour>hours?|hrs?|시간)"
    r"|(?P<minute>minutes?|mins?|분))(?![a-z])",
    first=NUMBER_FIRST + "h반",
    # Unlike a NUMBER, "30분", "one" and "a" may start inside a word ("130분", "someone").
    prefilter=f"{NUMBER_PREFILTER}|half|반|30|one|a",
    lazy=True,
)
# The amount of a counted target sits right before it ("two baths") or right after it with a
# counter ("목욕 한 번", "charge my phone 3 times").
COUNT_BEFORE = Scanner(
    rf"(?P<n>{NUMBER})\s*+(?:{KO_COUNTER}\s*+)?(?:of\s+)?$",
    first=NUMBER_FIRST,
    prefilter=NUMBER_PREFILTER,
    lazy=True,
)
COUNT_AFTER_RE = Lazy(
    rf"\s*+(?:을|를|은|는|이|가)?\s*+(?P<n>{NUMBER})(?P<counter>\s*+{KO_COUNTER}|{EN_COUNTER})?"
)
