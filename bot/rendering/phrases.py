"""Translated building blocks of replies: horizons, periods, uses, everyday equivalents."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from operator import itemgetter

from bot.factors.models import EquivalentId
from bot.rendering.i18n import Translator
from bot.rendering.numbers import (
    DISTANCE_KM,
    RANGE_DASH,
    NumberFormat,
    Shown,
    round_significant,
    round_whole,
)
from bot.usage import DAYS_PER_MONTH, DAYS_PER_WEEK, DAYS_PER_YEAR, Kind, Usage, UsageItem

# Counted one by one, so shown whole ("≈ 5 showers", not 4.9); the rest are measures.
WHOLE_EQUIVALENTS = frozenset(
    {
        EquivalentId.SHOWER,
        EquivalentId.BATH,
        EquivalentId.PHONE_CHARGE,
        EquivalentId.GOOGLE_SEARCH,
    }
)
DISTANCE_EQUIVALENTS = frozenset({EquivalentId.CAR_KM, EquivalentId.EV_KM})

# Spans within this relative distance of a whole number of days, weeks … read as that number.
_WHOLE_TOLERANCE = 1e-6


def approx(text: str, tr: Translator) -> str:
    """An estimate: "≈ 7.3 kWh" / "약 7.3kWh"; "<0.01" already is one and gets no marker."""
    if text.startswith("<"):
        return text
    _ = tr.gettext
    # TRANSLATORS: an estimate, e.g. "≈ 7.3 kWh"; {amount} is a number with its unit.
    return _("≈ {amount}").format(amount=text)


def _whole(x: float) -> int | None:
    nearest = round(x)
    if nearest >= 1 and abs(x - nearest) <= _WHOLE_TOLERANCE * max(1.0, x):
        return int(nearest)
    return None


_UNITS = (
    ("year", DAYS_PER_YEAR),
    ("month", DAYS_PER_MONTH),
    ("week", DAYS_PER_WEEK),
    ("day", 1.0),
)


def _span(days: float) -> tuple[str, float]:
    """The largest unit that fits a span a whole number of times, and how many; else days."""
    for unit, length in _UNITS:
        count = _whole(days / length)
        if count is not None:
            return unit, count
    return "day", days


def _one(unit: str, tr: Translator) -> str:
    """A single unit, shared by horizons and periods: "a day" / "하루에"."""
    _ = tr.gettext
    match unit:
        case "year":
            return _("a year")
        case "month":
            return _("a month")
        case "week":
            return _("a week")
    return _("a day")


# Horizons and periods repeat (a year, a day …): each phrase is worked out once per translator.
@lru_cache(maxsize=4096)
def horizon_phrase(days: float, tr: Translator) -> str:
    """The span a total covers: "a year", "over 6 months" / "1년에", "6개월 동안"."""
    ngettext = tr.ngettext
    unit, count = _span(days)
    if count == 1:
        return _one(unit, tr)
    shown = tr.numbers.exact(count)
    match unit:
        case "year":
            phrase = ngettext("over {count} year", "over {count} years", shown.n)
        case "month":
            phrase = ngettext("over {count} month", "over {count} months", shown.n)
        case "week":
            phrase = ngettext("over {count} week", "over {count} weeks", shown.n)
        case _:
            phrase = ngettext("over {count} day", "over {count} days", shown.n)
    return phrase.format(count=shown.text)


@lru_cache(maxsize=4096)
def period_phrase(days: float, tr: Translator) -> str:
    """How often a count repeats: "a day", "every 3 days" / "하루에", "3일마다"."""
    ngettext = tr.ngettext
    unit, count = _span(days)
    if count == 1:
        return _one(unit, tr)
    shown = tr.numbers.exact(count)
    match unit:
        case "year":
            phrase = ngettext("every {count} year", "every {count} years", shown.n)
        case "month":
            phrase = ngettext("every {count} month", "every {count} months", shown.n)
        case "week":
            phrase = ngettext("every {count} week", "every {count} weeks", shown.n)
        case _:
            phrase = ngettext("every {count} day", "every {count} days", shown.n)
    return phrase.format(count=shown.text)


def uses_phrase(kind: Kind, count: str, n: int, tr: Translator) -> str:
    """A number of uses of one kind: "100 text queries" / "질문 100번"."""
    ngettext = tr.ngettext
    match kind:
        case Kind.TEXT:
            template = ngettext("{count} text query", "{count} text queries", n)
        case Kind.REASONING:
            template = ngettext("{count} reasoning query", "{count} reasoning queries", n)
        case Kind.IMAGE:
            template = ngettext("{count} image", "{count} images", n)
        case Kind.VIDEO:
            template = ngettext("{count} video", "{count} videos", n)
    return template.format(count=count)


def kind_name(kind: Kind, tr: Translator) -> str:
    """The name of a kind of use, for the table of energy per use."""
    _ = tr.gettext
    match kind:
        case Kind.TEXT:
            return _("Text query")
        case Kind.REASONING:
            return _("Reasoning query")
        case Kind.IMAGE:
            return _("Generated image")
        case Kind.VIDEO:
            return _("Generated video")


ItemAsRead = tuple[Kind, float, float | None, float | None, float | None]
"""An item as the user gave it: kind, count, the range's low and high when one was given
(else None), period in days (None: in total)."""


_item_as_read = itemgetter("kind", "count", "count_low", "count_high", "period_days")
"""An item's fields as stored, in `ItemAsRead`'s order, from the model's __dict__."""


def as_read(usage: Usage) -> tuple[ItemAsRead, ...]:
    """The usage's items as a reply restates them: plain values, cheap to compare and hash."""
    # The fields as stored: the low and high properties would cost a call each, every reply.
    # Read from __dict__ in one call: on 3.11 each pydantic field read as an attribute costs
    # ≈ 400 instructions more than a plain one (BaseModel's __getattr__ keeps the interpreter
    # from specialising it). A plain loop: a comprehension (a function of its own on 3.11) or
    # tuple() over a generator costs more than the one or two items there usually are.
    items: list[ItemAsRead] = []
    for item in usage.items:
        items.append(_item_as_read(item.__dict__))
    return tuple(items)


def item_uses(item: UsageItem, tr: Translator) -> str:
    """One item's count as the user gave it, a range when they gave one: "20–30 images"."""
    return counted_uses(item.kind, item.count, item.count_low, item.count_high, tr)


# Counts such as "100 text queries" recur in many different messages: each is worked out once.
@lru_cache(maxsize=4096)
def counted_uses(
    kind: Kind, count: float, count_low: float | None, count_high: float | None, tr: Translator
) -> str:
    """Uses of one kind, a range when its ends differ: "100 text queries", "20–30 images"."""
    # A missing end is the count itself, as UsageItem's low and high say.
    low = count if count_low is None else count_low
    high = count if count_high is None else count_high
    fmt = tr.numbers
    high_shown = fmt.exact(high)
    if low == high:
        return uses_phrase(kind, high_shown.text, high_shown.n, tr)
    low_shown = fmt.exact(low)
    return uses_phrase(kind, f"{low_shown.text}{RANGE_DASH}{high_shown.text}", high_shown.n, tr)


def join_items(parts: list[str], tr: Translator) -> str:
    """A list of uses: "a, b and c" / "a, b, c"."""
    if len(parts) == 1:
        return parts[0]
    _ = tr.gettext
    # TRANSLATORS: the end of a list: "100 text queries and 5 images".
    return _("{items} and {last}").format(items=", ".join(parts[:-1]), last=parts[-1])


def usage_phrase(items: tuple[ItemAsRead, ...], tr: Translator) -> str:
    """What was read: "100 text queries and 5 images a day" / "하루에 질문 100번, 이미지 5장"."""
    # Items with the same period read as one phrase, in the order the user gave them.
    groups: dict[float | None, list[str]] = {}
    for kind, count, count_low, count_high, period_days in items:
        uses = counted_uses(kind, count, count_low, count_high, tr)
        groups.setdefault(period_days, []).append(uses)
    return " · ".join(
        [uses_when(join_items(uses, tr), period_days, tr) for period_days, uses in groups.items()]
    )


# "100 text queries a day" recurs as part of many different messages.
@lru_cache(maxsize=4096)
def uses_when(uses: str, period_days: float | None, tr: Translator) -> str:
    """Uses and how often (period_days None: in total): "100 text queries a day"."""
    _ = tr.gettext
    if period_days is None:
        # TRANSLATORS: a one-off count, not repeated: "300 images in total".
        return _("{uses} in total").format(uses=uses)
    # TRANSLATORS: uses and how often: "100 text queries a day" / "a day" is {period}.
    return _("{uses} {period}").format(uses=uses, period=period_phrase(period_days, tr))


EQUIVALENT_ROUNDING: dict[EquivalentId, Callable[[float], float]] = {
    equivalent_id: round_whole if equivalent_id in WHOLE_EQUIVALENTS else round_significant
    for equivalent_id in EquivalentId
}
"""How each equivalent's value, low and high are rounded for display: whole things whole, the
rest to two figures. These are the numbers `equivalent_amount` and `equivalent_range` show."""


def equivalent_amount(
    equivalent_id: EquivalentId, value: float, fmt: NumberFormat, *, given: bool = False
) -> Shown:
    """An equivalent's amount: a distance ("12 km"), a whole count (5) or a measure (95).

    `value` is rounded as `EQUIVALENT_ROUNDING` rounds it; `given` amounts (a user's "10 km")
    are shown as written instead.
    """
    if equivalent_id in DISTANCE_EQUIVALENTS:
        if given:
            shown = fmt.exact(value)
            return Shown(fmt.unit_pattern("km").replace("{0}", shown.text), shown.n)
        return Shown(fmt.rounded_quantity(value, DISTANCE_KM), 2)
    if given:
        return fmt.exact(value)
    return fmt.rounded_number(value)


def equivalent_range(equivalent_id: EquivalentId, low: float, high: float, tr: Translator) -> str:
    """An equivalent's range, with its unit for distances: "9.1–16 km", "3–10".

    `low` and `high` are rounded as `EQUIVALENT_ROUNDING` rounds them.
    """
    fmt = tr.numbers
    if equivalent_id in DISTANCE_EQUIVALENTS:
        return fmt.rounded_quantity_range(low, high, DISTANCE_KM)
    return fmt.rounded_range(low, high)


def equivalent_phrase(equivalent_id: EquivalentId, amount: str, n: int, tr: Translator) -> str:
    """An everyday equivalent with its amount: "12 km by petrol car" / "휘발유 차로 12km"."""
    _ = tr.gettext
    ngettext = tr.ngettext
    match equivalent_id:
        case EquivalentId.CAR_KM:
            # TRANSLATORS: {distance} is a distance with its unit, e.g. "≈ 12 km".
            template = _("{distance} by petrol car")
        case EquivalentId.EV_KM:
            # TRANSLATORS: {distance} is a distance with its unit, e.g. "≈ 37 km".
            template = _("{distance} by electric car")
        case EquivalentId.SHOWER:
            template = ngettext(
                "{count} five-minute hot shower", "{count} five-minute hot showers", n
            )
        case EquivalentId.BATH:
            template = ngettext("{count} hot bath", "{count} hot baths", n)
        case EquivalentId.PHONE_CHARGE:
            template = ngettext("{count} full phone charge", "{count} full phone charges", n)
        case EquivalentId.LED_HOUR:
            template = ngettext("{count} hour of an LED bulb", "{count} hours of an LED bulb", n)
        case EquivalentId.KETTLE:
            template = ngettext(
                "{count} litre of water boiled in a kettle",
                "{count} litres of water boiled in a kettle",
                n,
            )
        case EquivalentId.MICROWAVE_MINUTE:
            template = ngettext(
                "{count} minute of a microwave oven", "{count} minutes of a microwave oven", n
            )
        case EquivalentId.STREAMING_HOUR:
            template = ngettext(
                "{count} hour of video streaming", "{count} hours of video streaming", n
            )
        case EquivalentId.LAPTOP_HOUR:
            template = ngettext("{count} hour of laptop use", "{count} hours of laptop use", n)
        case EquivalentId.GOOGLE_SEARCH:
            template = ngettext(
                "{count} Google search as of 2009", "{count} Google searches as of 2009", n
            )
    if equivalent_id in DISTANCE_EQUIVALENTS:
        return template.format(distance=amount)
    return template.format(count=amount)


def grid_phrase(region: str, tr: Translator) -> str:
    """Whose electricity the CO₂ figure assumes: "world average grid" / "세계 평균 전력 기준"."""
    _ = tr.gettext
    match region:
        case "world":
            return _("world average grid")
        case "KR":
            return _("South Korea's grid")
        case "US":
            return _("US grid")
        case "EU":
            return _("EU grid")
        case "CH":
            return _("Swiss grid")
        case _:
            # TRANSLATORS: {region} is a two-letter region code such as "JP".
            return _("{region} grid").format(region=region)
