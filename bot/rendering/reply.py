"""The bot's replies as Telegram HTML: the short comparison, its details and the other answers."""

from __future__ import annotations

import math
from functools import cache, lru_cache
from operator import itemgetter

from bot.comparison.models import Comparison, EquivalenceAnswer, Range
from bot.factors.models import EquivalentId, Factors, Source
from bot.parsing.models import NotUsageReason
from bot.rendering.i18n import Translator
from bot.rendering.markup import MAX_MESSAGE_LENGTH, escape, link, split_message
from bot.rendering.numbers import ENERGY_WH, MASS_G, VOLUME_ML, round_significant, round_whole
from bot.rendering.phrases import (
    EQUIVALENT_ROUNDING,
    WHOLE_EQUIVALENTS,
    ItemAsRead,
    approx,
    as_read,
    equivalent_amount,
    equivalent_phrase,
    equivalent_range,
    grid_phrase,
    horizon_phrase,
    item_uses,
    kind_name,
    usage_phrase,
    uses_phrase,
)
from bot.usage import (
    DAYS_PER_YEAR,
    MAX_EQUIVALENT_AMOUNT,
    MAX_HORIZON_DAYS,
    MAX_ITEMS,
    MAX_USES_PER_DAY,
    Kind,
    RefusalReason,
)

# The three comparisons of the short reply: the ones people already quote to each other.
SEED_EQUIVALENTS = (EquivalentId.CAR_KM, EquivalentId.SHOWER, EquivalentId.BATH)
# Named once here: on 3.11 each `EquivalentId.CAR_KM` in a reply costs ≈ 900 instructions.
_CAR, _SHOWER, _BATH = SEED_EQUIVALENTS
_SEED_ROUNDING = tuple(EQUIVALENT_ROUNDING[equivalent_id] for equivalent_id in SEED_EQUIVALENTS)
"""How the short reply rounds each seed's value, low and high, as `EQUIVALENT_ROUNDING` says."""
PICTURE_CAP = 10
"""Up to this many icons picture a count (🚿🚿🚿🚿🚿); more would be noise, not a picture."""

_ALL_EQUIVALENTS = tuple(EquivalentId)
"""Every equivalent in the order the details list them (iterating the enum itself is slower)."""

_ENERGY = "⚡"
_UNDERSTOOD = "📝"
_OFFSET = "⏱️"
_CO2 = "🌍"
_WATER = "💧"
_DAYS = "⏳"
_SEPARATOR = " · "


_SHORT_REPLY_FIELDS = itemgetter(
    "usage", "energy_wh", "equivalents", "shorter_showers", "co2_g", "water_ml", "region"
)
"""The Comparison fields the short reply shows, from the model's __dict__."""


def render_comparison(comparison: Comparison, factors: Factors, tr: Translator) -> str:
    """The short reply: energy over the horizon, what was read, three equivalents, offset, CO₂."""
    # Each field is read once, all from the model's __dict__ in one call: on 3.11 each pydantic
    # field read as an attribute costs ≈ 400 instructions more than a plain one (BaseModel's
    # __getattr__ keeps the interpreter from specialising it).
    usage, energy_wh, amounts, shorter_showers, co2_g, water_ml, region = _SHORT_REPLY_FIELDS(
        comparison.__dict__
    )
    horizon_days = usage.horizon_days
    energy, energy_low, energy_high = energy_wh
    car, car_low, car_high = amounts[_CAR]
    shower, shower_low, shower_high = amounts[_SHOWER]
    bath, bath_low, bath_high = amounts[_BATH]
    round_car, round_shower, round_bath = _SEED_ROUNDING
    showers = shorter_showers.value
    headline, figure_lines = _figure_lines_of(
        round_significant(energy),
        round_significant(energy_low),
        round_significant(energy_high),
        round_car(car),
        round_car(car_low),
        round_car(car_high),
        round_shower(shower),
        round_shower(shower_low),
        round_shower(shower_high),
        round_bath(bath),
        round_bath(bath_low),
        round_bath(bath_high),
        _seed_icons(factors),
        round_whole(showers),
        showers > horizon_days,
        round_significant(co2_g.value),
        round_significant(water_ml.value),
        region,
        horizon_days,
        tr,
    )
    return f"{headline}\n{_understood_of(as_read(usage), tr)}\n{figure_lines}"


# Each line below depends only on a few plain values: its numbers as rounded for display (the
# user's own counts for "Read as"), short labels and the translator. Two significant figures
# leave few distinct numbers, so lines repeat across replies: each is composed (translated,
# formatted, escaped) once by its `_of` function and then looked up. Past this many lines
# per function the least recently used go.
# The short reply's lines after "Read as" follow from its energy and uses (the equivalents,
# the offset and the CO₂ are its energy divided or multiplied by a factor; the water counts
# the same uses), so their rounded numbers recur together with the headline's: one lookup
# by all of them finds the headline and those five lines, instead of a lookup per line.
_LINES_KEPT = 4096
# A new message mostly misses those (half its lines, on a first pass over the corpus), but
# its single numbers recur far more often: a missing line is put together from parts cached
# by one number each (the headline or an equivalent without its range, the CO₂, the water).
# Escaping works character by character, so a part escaped on its own joins its escaped
# range as if the whole line had been escaped at once.
_PARTS_KEPT = 4096


@lru_cache(maxsize=_LINES_KEPT)
def _figure_lines_of(
    energy: float,
    energy_low: float,
    energy_high: float,
    car: float,
    car_low: float,
    car_high: float,
    shower: float,
    shower_low: float,
    shower_high: float,
    bath: float,
    bath_low: float,
    bath_high: float,
    icons: tuple[str, str, str],
    showers: float,
    more_than_daily: bool,
    co2_g: float,
    water_ml: float,
    region: str,
    horizon_days: float,
    tr: Translator,
) -> tuple[str, str]:
    """The headline, and the lines after "Read as" joined, from their rounded numbers."""
    # Missed, the lines come from their own caches, or from parts; the headline always misses
    # with them, so it is composed from its part here, not cached on its own as well.
    car_icon, shower_icon, bath_icon = icons
    lines = [
        _equivalent_line_of(_CAR, car, car_low, car_high, car_icon, True, tr),
        _equivalent_line_of(_SHOWER, shower, shower_low, shower_high, shower_icon, True, tr),
        _equivalent_line_of(_BATH, bath, bath_low, bath_high, bath_icon, True, tr),
        _offset_line_of(showers, more_than_daily, horizon_days, tr),
        f"{_co2_part(co2_g, region, tr)}{_SEPARATOR}{_water_part(water_ml, tr)}",
    ]
    return _headline_line(energy, energy_low, energy_high, horizon_days, tr), "\n".join(lines)


_icons_read: tuple[Factors | None, tuple[str, str, str]] = (None, ("", "", ""))
"""The last Factors rendered with and its seeds' icons: the bot has one, made at start-up."""


def _seed_icons(factors: Factors) -> tuple[str, str, str]:
    """The seed equivalents' emoji, read once per Factors rather than in every reply."""
    # Each icon is two pydantic field reads (equivalents, emoji), dearer than a local's.
    global _icons_read
    read_from, icons = _icons_read
    if read_from is not factors:
        car, shower, bath = (factors.equivalents[id_].emoji for id_ in SEED_EQUIVALENTS)
        icons = (car, shower, bath)
        _icons_read = (factors, icons)
    return icons


def _headline(energy: Range, horizon_days: float, tr: Translator) -> str:
    value, low, high = energy
    return _headline_line(
        round_significant(value), round_significant(low), round_significant(high), horizon_days, tr
    )


def _headline_line(
    value: float, low: float, high: float, horizon_days: float, tr: Translator
) -> str:
    """The headline from its numbers rounded by `round_significant`."""
    headline, energy = _energy_headline_part(value, horizon_days, tr)
    spread = tr.numbers.rounded_quantity_range(low, high, ENERGY_WH)
    if spread == energy:
        return headline
    return f"{headline} ({escape(spread)})"


@lru_cache(maxsize=_PARTS_KEPT)
def _energy_headline_part(value: float, horizon_days: float, tr: Translator) -> tuple[str, str]:
    """The headline without its range, as HTML, and the energy text it shows."""
    _ = tr.gettext
    energy = tr.numbers.rounded_quantity(value, ENERGY_WH)
    # TRANSLATORS: "≈ 7.3 kWh a year": {energy} is "≈ 7.3 kWh", {horizon} is "a year".
    headline = _("{energy} {horizon}").format(
        energy=approx(energy, tr), horizon=horizon_phrase(horizon_days, tr)
    )
    return f"<b>{_ENERGY} {escape(headline)}</b>", energy


# Here the numbers are the user's own, as given: they repeat too ("100 a day").
@lru_cache(maxsize=_LINES_KEPT)
def _understood_of(items: tuple[ItemAsRead, ...], tr: Translator) -> str:
    _ = tr.gettext
    # TRANSLATORS: what the bot read in the message: "Read as: 100 text queries a day".
    text = _("Read as: {usage}").format(usage=usage_phrase(items, tr))
    return f"{_UNDERSTOOD} {escape(text)}"


def _picture(emoji: str, equivalent_id: EquivalentId, count: float, tr: Translator) -> str:
    """🚿🚿🚿🚿🚿 for about five, 🚿🚿🚿🚿 ×100 for about 400, one icon for measures.

    `count` is rounded whole, as `EQUIVALENT_ROUNDING` rounds whole things.
    """
    if equivalent_id not in WHOLE_EQUIVALENTS:
        return emoji
    if count < 1:
        return emoji
    if count <= PICTURE_CAP:
        return emoji * int(count)
    # Each icon stands for a power of ten, so a large count stays a picture of its size.
    scale = 10 ** math.ceil(math.log10(count / PICTURE_CAP))
    icons = max(1, min(PICTURE_CAP, round(count / scale)))
    multiplier = tr.numbers.number(scale, whole=True).text
    return f"{emoji * icons} ×{multiplier}"


@lru_cache(maxsize=_LINES_KEPT)
def _equivalent_line_of(
    equivalent_id: EquivalentId,
    value: float,
    low: float,
    high: float,
    emoji: str,
    picture: bool,
    tr: Translator,
) -> str:
    line, shown = _equivalent_amount_part(equivalent_id, value, emoji, picture, tr)
    spread = equivalent_range(equivalent_id, low, high, tr)
    # A range that rounds to the shown amount itself ("<0.01") would only repeat it.
    return line if spread == shown else f"{line} ({escape(spread)})"


@lru_cache(maxsize=_PARTS_KEPT)
def _equivalent_amount_part(
    equivalent_id: EquivalentId, value: float, emoji: str, picture: bool, tr: Translator
) -> tuple[str, str]:
    """An equivalent's line without its range, as HTML, and the amount text it shows."""
    icon = _picture(emoji, equivalent_id, value, tr) if picture else emoji
    shown = equivalent_amount(equivalent_id, value, tr.numbers)
    phrase = equivalent_phrase(equivalent_id, approx(shown.text, tr), shown.n, tr)
    return f"{escape(icon)} {escape(phrase)}", shown.text


def _offset_line(shorter_showers: Range, horizon_days: float, tr: Translator) -> str:
    showers = shorter_showers.value
    return _offset_line_of(round_whole(showers), showers > horizon_days, horizon_days, tr)


@lru_cache(maxsize=_LINES_KEPT)
def _offset_line_of(
    showers: float, more_than_daily: bool, horizon_days: float, tr: Translator
) -> str:
    return f"{_OFFSET} {escape(_offset_text(showers, more_than_daily, horizon_days, tr))}"


def _offset_text(
    showers: float, more_than_daily: bool, horizon_days: float, tr: Translator
) -> str:
    """How many showers a minute shorter cancel the energy out, `showers` rounded whole."""
    _ = tr.gettext
    ngettext = tr.ngettext
    horizon = horizon_phrase(horizon_days, tr)
    if showers < 1:
        # TRANSLATORS: one shower one minute shorter saves more energy than the whole use.
        return _("Even one shower a minute shorter {horizon} more than cancels it out.").format(
            horizon=horizon
        )
    shown = tr.numbers.rounded_number(showers)
    if more_than_daily:
        return ngettext(
            "It would take {count} shower a minute shorter {horizon} to cancel it out: "
            "more than one a day.",
            "It would take {count} showers a minute shorter {horizon} to cancel it out: "
            "more than one a day.",
            shown.n,
        ).format(count=shown.text, horizon=horizon)
    return ngettext(
        "{count} shower a minute shorter {horizon} cancels it out.",
        "{count} showers a minute shorter {horizon} cancel it out.",
        shown.n,
    ).format(count=shown.text, horizon=horizon)


def _co2_text(co2_g: float, region: str, tr: Translator) -> str:
    """The CO₂ and the grid it assumes, `co2_g` rounded by `round_significant`."""
    _ = tr.gettext
    # TRANSLATORS: "≈ 3.5 kg CO₂ (world average grid)"; {co2} is "≈ 3.5 kg".
    return _("{co2} CO₂ ({grid})").format(
        co2=approx(tr.numbers.rounded_quantity(co2_g, MASS_G), tr), grid=grid_phrase(region, tr)
    )


def _water_text(water_ml: float, tr: Translator) -> str:
    """The cooling water, `water_ml` rounded by `round_significant`."""
    _ = tr.gettext
    # TRANSLATORS: on-site data-centre cooling water; {water} is "≈ 11 L".
    return _("{water} of cooling water").format(
        water=approx(tr.numbers.rounded_quantity(water_ml, VOLUME_ML), tr)
    )


@lru_cache(maxsize=_PARTS_KEPT)
def _co2_part(co2_g: float, region: str, tr: Translator) -> str:
    """The CO₂ half of the line, as HTML."""
    return f"{_CO2} {escape(_co2_text(co2_g, region, tr))}"


@lru_cache(maxsize=_PARTS_KEPT)
def _water_part(water_ml: float, tr: Translator) -> str:
    """The water half of the line, as HTML."""
    return f"{_WATER} {escape(_water_text(water_ml, tr))}"


def _source_link(source: Source, tr: Translator) -> str:
    # A details reply links a dozen sources, the same ones every time.
    return _source_link_of(source.url, source.publisher, source.year, tr)


@lru_cache(maxsize=_LINES_KEPT)
def _source_link_of(url: str, publisher: str, year: int, tr: Translator) -> str:
    _ = tr.gettext
    # TRANSLATORS: a source's link text: "Google, 2025".
    return link(
        url,
        _("{publisher}, {year}").format(publisher=publisher, year=year),
    )


def _heading(text: str) -> str:
    # Headings are built here, not in f-strings: Babel's extractor can't see _() inside them.
    return f"<b>{escape(text)}</b>"


def render_details(comparison: Comparison, factors: Factors, tr: Translator) -> list[str]:
    """The detailed reply: every equivalent, the factors with sources, what is and isn't counted.

    One or more messages, each within Telegram's limit, split between lines.
    """
    _ = tr.gettext
    usage = comparison.usage
    lines = [
        _heading(_("Details")),
        _headline(comparison.energy_wh, usage.horizon_days, tr),
        _understood_of(as_read(usage), tr),
        *_items_section(comparison, tr),
        *_equivalents_section(comparison, factors, tr),
        *_climate_section(comparison, factors, tr),
        *_factors_section(comparison, factors, tr),
        *_counted_section(factors, tr),
    ]
    return split_message(lines, MAX_MESSAGE_LENGTH)


def _items_section(comparison: Comparison, tr: Translator) -> list[str]:
    """Each item's share, when there is more than one."""
    if len(comparison.items) < 2:
        return []
    _ = tr.gettext
    fmt = tr.numbers
    lines = ["", _heading(_("Each use"))]
    for share in comparison.items:
        energy = share.energy_wh
        # TRANSLATORS: one item's energy: "100 text queries: ≈ 7.3 kWh (3.7–18 kWh)".
        text = _("{uses}: {energy} ({range})").format(
            uses=item_uses(share.item, tr),
            energy=approx(fmt.quantity(energy.value, ENERGY_WH), tr),
            range=fmt.quantity_range(energy.low, energy.high, ENERGY_WH),
        )
        lines.append(f"• {escape(text)}")
    return lines


def _equivalents_section(comparison: Comparison, factors: Factors, tr: Translator) -> list[str]:
    """Every everyday equivalent, each with its source."""
    _ = tr.gettext
    lines = ["", _heading(_("The same energy as"))]
    amounts = comparison.equivalents
    for equivalent_id in _ALL_EQUIVALENTS:
        equivalent = factors.equivalents[equivalent_id]
        round_ = EQUIVALENT_ROUNDING[equivalent_id]
        value, low, high = amounts[equivalent_id]
        line = _equivalent_line_of(
            equivalent_id, round_(value), round_(low), round_(high), equivalent.emoji, False, tr
        )
        lines.append(f"{line}{_SEPARATOR}{_source_link(equivalent.source, tr)}")
    return lines


def _climate_section(comparison: Comparison, factors: Factors, tr: Translator) -> list[str]:
    """CO₂ with the grid it assumes, water with what it counts, the shower offset."""
    _ = tr.gettext
    fmt = tr.numbers
    co2 = comparison.co2_g
    # TRANSLATORS: "≈ 3.5 kg CO₂ (1.6–8.6 kg)".
    co2_text = _("{co2} CO₂ ({range})").format(
        co2=approx(fmt.quantity(co2.value, MASS_G), tr),
        range=fmt.quantity_range(co2.low, co2.high, MASS_G),
    )
    co2_line = f"{_CO2} {escape(co2_text)}{_SEPARATOR}"
    grid = factors.grid_intensity.get(comparison.region)
    if grid is None:
        co2_line += escape(grid_phrase(comparison.region, tr))
    else:
        # TRANSLATORS: which electricity the CO₂ assumes: "world average grid, 473 g CO₂e per kWh".
        grid_text = _("{grid}, {grams} g CO₂e per kWh").format(
            grid=grid_phrase(comparison.region, tr), grams=fmt.exact(grid.value).text
        )
        co2_line += f"{escape(grid_text)}{_SEPARATOR}{_source_link(grid.source, tr)}"
    water = comparison.water_ml
    water_text = _water_text(round_significant(water.value), tr)
    water_spread = fmt.quantity_range(water.low, water.high, VOLUME_ML)
    return [
        "",
        _heading(_("Climate and water")),
        co2_line,
        f"{_WATER} {escape(water_text)} ({escape(water_spread)}){_SEPARATOR}"
        f"{_source_link(factors.water_per_text_query.source, tr)}",
        f"{_offset_line(comparison.shorter_showers, comparison.usage.horizon_days, tr)}"
        f"{_SEPARATOR}"
        f"{_source_link(factors.offsets.shower_minute.source, tr)}",
    ]


def _factors_section(comparison: Comparison, factors: Factors, tr: Translator) -> list[str]:
    """The energy per use of each kind in the usage, with its source."""
    _ = tr.gettext
    fmt = tr.numbers
    lines = ["", _heading(_("Energy per use"))]
    for kind in dict.fromkeys(item.kind for item in comparison.usage.items):
        factor = factors.energy_per_use[kind]
        value, low, high = factor.wh
        # TRANSLATORS: energy of one use: "Text query: ≈ 0.2 Wh each (0.1–0.5 Wh)".
        text = _("{kind}: {energy} each ({range})").format(
            kind=kind_name(kind, tr),
            energy=approx(fmt.quantity(value, ENERGY_WH), tr),
            range=fmt.quantity_range(low, high, ENERGY_WH),
        )
        lines.append(f"• {escape(text)}{_SEPARATOR}{_source_link(factor.source, tr)}")
    return lines


def _counted_section(factors: Factors, tr: Translator) -> tuple[str, ...]:
    """What the figures include and leave out, and how each comparison is meant."""
    equivalents = factors.equivalents
    return _counted_lines(
        equivalents[EquivalentId.CAR_KM].emoji,
        equivalents[EquivalentId.SHOWER].emoji,
        equivalents[EquivalentId.GOOGLE_SEARCH].emoji,
        tr,
    )


@lru_cache(maxsize=_LINES_KEPT)
def _counted_lines(car: str, shower: str, google_search: str, tr: Translator) -> tuple[str, ...]:
    """The same for every reply in a language: composed once, given the icons it shows."""
    _ = tr.gettext
    caveats = [
        (
            "✅",
            _(
                "Counted: the data centre's electricity to answer you, including cooling and "
                "other overhead."
            ),
        ),
        (
            "❌",
            _(
                "Not counted: training the models, your own phone or computer, and the "
                "networks in between."
            ),
        ),
        (
            car,
            _(
                "The car figure is the energy in the petrol it burns; setting it beside "
                "electricity is the usual convention, not a like-for-like comparison."
            ),
        ),
        (
            shower,
            _(
                "Showers and baths count the heat in the water, often from gas, so their CO₂ "
                "differs from the grid's."
            ),
        ),
        (
            _WATER,
            _(
                "Water is the data centre's on-site cooling only, not the water used to make "
                "the electricity."
            ),
        ),
        (
            google_search,
            _(
                "The Google search figure is Google's own from 2009; a search uses less "
                "energy now."
            ),
        ),
        (
            "↔️",
            _(
                "Ranges run from the lowest to the highest plausible figure; the first number "
                "is the best estimate."
            ),
        ),
    ]
    return (
        "",
        _heading(_("What is counted")),
        *[f"{escape(icon)} {escape(text)}" for icon, text in caveats],
    )


def _duration_text(
    unit: str, value: float, low: float, high: float, tr: Translator
) -> tuple[str, str]:
    """A duration ("≈ 200 days") and its range ("46–560") in `unit`, from rounded numbers."""
    ngettext = tr.ngettext
    fmt = tr.numbers
    shown = fmt.rounded_number(value)
    match unit:
        case "year":
            template = ngettext("{count} year", "{count} years", shown.n)
        case "hour":
            template = ngettext("{count} hour", "{count} hours", shown.n)
        case _:
            template = ngettext("{count} day", "{count} days", shown.n)
    spread = fmt.rounded_range(low, high)
    return template.format(count=approx(shown.text, tr)), spread


def render_equivalence(answer: EquivalenceAnswer, factors: Factors, tr: Translator) -> str:
    """How many uses make an everyday thing ("🛁 1 hot bath ≈ 20,000 text queries"), in days."""
    # Like the short reply's, each line is composed once per rounded numbers and looked up.
    target = answer.target
    uses, low, high = answer.count
    lines = [
        _equivalence_headline_of(
            target,
            answer.amount,
            answer.kind,
            round_significant(uses),
            round_significant(low),
            round_significant(high),
            factors.equivalents[target].emoji,
            tr,
        )
    ]
    days, rate_per_day = answer.days_at_rate, answer.rate_per_day
    if days is not None and rate_per_day is not None:
        lines.append(_days_line(days, rate_per_day, tr))
    return "\n".join(lines)


@lru_cache(maxsize=_LINES_KEPT)
def _equivalence_headline_of(
    target: EquivalentId,
    amount: float,
    kind: Kind,
    uses: float,
    low: float,
    high: float,
    emoji: str,
    tr: Translator,
) -> str:
    """The amount of the target and the uses it makes, those rounded by `round_significant`."""
    _ = tr.gettext
    fmt = tr.numbers
    shown_target = equivalent_amount(target, amount, fmt, given=True)
    target_text = equivalent_phrase(target, shown_target.text, shown_target.n, tr)
    shown_uses = fmt.rounded_number(uses)
    uses_text = uses_phrase(kind, shown_uses.text, shown_uses.n, tr)
    spread = fmt.rounded_range(low, high)
    # TRANSLATORS: "1 hot bath ≈ 20,000 text queries".
    headline = _("{target} ≈ {uses}").format(target=target_text, uses=uses_text)
    return f"{escape(emoji)} <b>{escape(headline)}</b> ({escape(spread)})"


def _days_line(days: Range, rate_per_day: float, tr: Translator) -> str:
    # Years beyond two, hours below a day, else days.
    if days.value >= 2 * DAYS_PER_YEAR:
        unit, scaled = "year", days.scaled(1 / DAYS_PER_YEAR)
    elif days.value < 1:
        unit, scaled = "hour", days.scaled(24)
    else:
        unit, scaled = "day", days
    value, low, high = scaled
    return _days_line_of(
        unit,
        round_significant(value),
        round_significant(low),
        round_significant(high),
        rate_per_day,
        tr,
    )


@lru_cache(maxsize=_LINES_KEPT)
def _days_line_of(
    unit: str, value: float, low: float, high: float, rate_per_day: float, tr: Translator
) -> str:
    _ = tr.gettext
    days, days_spread = _duration_text(unit, value, low, high, tr)
    # TRANSLATORS: {rate} is the user's uses a day ("100"); {days} is "≈ 200 days".
    text = _("At your {rate} a day, that's {days} ({range}).").format(
        rate=tr.numbers.exact(rate_per_day).text, days=days, range=days_spread
    )
    return f"{_DAYS} {escape(text)}"


def _examples(tr: Translator) -> list[str]:
    _ = tr.gettext
    # TRANSLATORS: example messages users can send; each must be something the bot understands
    # in your language (the tests parse them).
    examples = [
        _("100 queries a day"),
        _("5 images a week"),
        _("20 reasoning queries a day for 6 months"),
    ]
    return [f"• <code>{escape(example)}</code>" for example in examples]


# The nudges and refusals below are the same few texts for every message: each is composed
# once per language.
@cache
def render_not_understood(reason: NotUsageReason, tr: Translator) -> str:
    """A friendly nudge with three example messages in the user's language."""
    _ = tr.gettext
    match reason:
        case NotUsageReason.EMPTY:
            intro = _(
                "Tell me how much you use a chatbot and I'll put its energy in everyday "
                "terms. For example:"
            )
        case NotUsageReason.NO_AMOUNT:
            intro = _(
                "I couldn't find how much you use a chatbot in that. Send a number and how "
                "often, for example:"
            )
        case NotUsageReason.UNKNOWN_TARGET:
            intro = _(
                "I don't know that comparison yet: try a bath, a shower, a phone charge or "
                "km by car. Or tell me how much you use a chatbot, for example:"
            )
    return "\n".join([f"🤔 {escape(intro)}", *_examples(tr)])


@cache
def render_refusal(reason: RefusalReason, tr: Translator) -> str:
    """Why a usage can't be compared, kindly, with what would work instead."""
    _ = tr.gettext
    fmt = tr.numbers
    match reason:
        case RefusalReason.NEGATIVE:
            text = _("A count can't be negative. How many times do you use it, for example a day?")
        case RefusalReason.NOT_FINITE:
            text = _(
                "That number doesn't look like a count I can work with. Try a plain number, "
                "like “100 queries a day”."
            )
        case RefusalReason.TOO_MANY:
            text = _(
                "That's more than {limit} uses a day, more than any one person sends. Try a "
                "smaller number."
            ).format(limit=fmt.exact(MAX_USES_PER_DAY).text)
        case RefusalReason.HORIZON_TOO_LONG:
            text = _("I can look up to {years} years ahead. Try a shorter span.").format(
                years=fmt.exact(round(MAX_HORIZON_DAYS / DAYS_PER_YEAR)).text
            )
        case RefusalReason.HORIZON_TOO_SHORT:
            text = _("The time span needs to be longer than zero. Try a day, a month or a year.")
        case RefusalReason.PERIOD_INVALID:
            text = _("I couldn't use that period. Try “a day”, “a week”, “a month” or “a year”.")
        case RefusalReason.RANGE_INVALID:
            text = _(
                "That range runs backwards. Put the smaller number first, like “20–30 a day”."
            )
        case RefusalReason.AMOUNT_TOO_LARGE:
            text = _(
                "I can compare up to {limit} of one thing at a time. Try a smaller amount, "
                "like “how many queries is one bath?”."
            ).format(limit=fmt.exact(MAX_EQUIVALENT_AMOUNT).text)
        case RefusalReason.TOO_MANY_ITEMS:
            text = _(
                "That's more than {limit} kinds of use in one message. Try fewer at a time."
            ).format(limit=fmt.exact(MAX_ITEMS).text)
        case RefusalReason.EMPTY:
            text = _("I didn't find any use in that. Try something like “100 queries a day”.")
    return f"🙅 {escape(text)}"
