"""Numbers and quantities as each language writes them: two significant figures, fitting units."""

from __future__ import annotations

import math
from functools import cache
from math import floor, log10
from typing import Literal, NamedTuple, TypeVar

from babel import Locale
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
)
from babel.units import format_unit

from bot.parsing.models import Language

SIGNIFICANT_DIGITS = 2
SMALLEST_SHOWN = 0.01
"""Non-zero amounts below this (in the smallest unit) show as "<0.01", never as 0."""
RANGE_DASH = "–"
USER_DECIMALS = 2
"""A user's own counts are restated as given, to this many decimals."""

# Where long numbers read better compact, and in which style: Korean counts in 만 and 억
# ("2.4만", "1.2억") from ten thousand; English spells out millions ("1.2 million").
_COMPACT: dict[Language, tuple[float, Literal["short", "long"]]] = {
    Language.EN: (1e6, "long"),
    Language.KO: (1e4, "short"),
}

# Babel's CLDR unit ids for the unit symbols we show.
_CLDR_UNITS = {
    "kWh": "energy-kilowatt-hour",
    "km": "length-kilometer",
    "m": "length-meter",
    "g": "mass-gram",
    "kg": "mass-kilogram",
    "t": "mass-tonne",
    "mL": "volume-milliliter",
    "L": "volume-liter",
}
# CLDR has no watt-hour (nor MWh …): these borrow the kilowatt-hour pattern with their symbol.
_LIKE_KWH = frozenset({"Wh", "MWh", "GWh", "TWh"})

_HALF_UP = 0.5 + 1e-9
_MAX_DECIMALS = 300
_POWERS = [10.0**k for k in range(309)]  # every power a finite float can need
_INFINITY = math.inf

Ladder = tuple[tuple[str, float], ...]
"""Units of one quantity, smallest first, each with its size in the base unit."""

ENERGY_WH: Ladder = (("Wh", 1.0), ("kWh", 1e3), ("MWh", 1e6), ("GWh", 1e9), ("TWh", 1e12))
DISTANCE_KM: Ladder = (("m", 1e-3), ("km", 1.0))
MASS_G: Ladder = (("g", 1.0), ("kg", 1e3), ("t", 1e6))
VOLUME_ML: Ladder = (("mL", 1.0), ("L", 1e3))


class Shown(NamedTuple):
    """A number as shown, with the count that picks its plural form."""

    text: str
    n: int


def round_significant(x: float, digits: int = SIGNIFICANT_DIGITS) -> float:
    """`x` to `digits` significant figures (7,312 → 7,300; 0.01234 → 0.012)."""
    # Called a dozen times a reply: no test before the usual case, and a table of powers.
    try:
        decimals = digits - 1 - floor(log10(x))
    except (ValueError, OverflowError):
        # Only a positive, finite x has a logarithm floor() can take. Zero, NaN and the
        # infinities stay as they are; a negative rounds as its size does.
        return -round_significant(-x, digits) if -_INFINITY < x < 0.0 else x
    # Halves round up, as people do (3.65 → 3.7); round() would go to even on exact halves.
    # The nudge absorbs float error such as 0.285 * 100 = 28.499999999999996.
    if decimals >= 0:
        if decimals > _MAX_DECIMALS:
            # Subnormal dust: 10.0**decimals would overflow, and it shows as "<0.01" anyway.
            return x
        power = _POWERS[decimals]
        return floor(x * power + _HALF_UP) / power
    power = _POWERS[-decimals]
    return floor(x / power + _HALF_UP) * power


def round_whole(x: float) -> float:
    """A count of whole things: 4.9 showers → 5, 1,234 → 1,200, below one 0.34 → 0.3.

    Below ten, whole numbers read better than 4.9 and the ranges (often 3–10) make a
    second figure false precision anyway.
    """
    if x >= 1:
        return float(math.floor(x + 0.5)) if x < 10 else round_significant(x)
    return round_significant(x, 1)


def plural_n(rounded: float) -> int:
    """The n for ngettext: the shown number, fractions taking the plural ("0.5 hot baths")."""
    if float(rounded).is_integer():
        return int(rounded)
    # English and Korean use the "other" form for every fraction; a language with
    # fraction-specific rules would need more than gettext's integer n.
    return 2


class NumberFormat:
    """One language's way of writing numbers and quantities, built once, with its own caches.

    Rounded numbers repeat a lot (two significant figures leave few of them), so each text
    is worked out once; the caches are keyed by plain floats, which hash fast.
    """

    __slots__ = (
        "_compact_from",
        "_compact_type",
        "_exact",
        "_locale",
        "_python_grouping",
        "_rounded",
        "_symbols",
        "_units",
        "code",
        "language",
    )

    def __init__(self, language: Language) -> None:
        self.language = language
        self.code = language.value
        # Parsed once: Babel would parse a locale code again on every call given one.
        locale = Locale.parse(self.code)
        self._locale = locale
        self._symbols = str.maketrans(
            {",": get_group_symbol(locale), ".": get_decimal_symbol(locale)}
        )
        # Python's "," groups in threes; a locale that groups otherwise goes through Babel.
        self._python_grouping = tuple(locale.decimal_formats[None].grouping) == (3, 3)
        self._compact_from, self._compact_type = _COMPACT[language]
        self._units: dict[str, str] = {}
        # Every unit's pattern is built now, at start-up: Babel's first unit lookup loads its
        # unit data (milliseconds), which would otherwise land on the first replies.
        for symbol in (*_CLDR_UNITS, *_LIKE_KWH):
            self.unit_pattern(symbol)
        self._rounded: dict[float, Shown] = {}
        self._exact: dict[float, Shown] = {}

    def number(self, x: float, *, whole: bool = False) -> Shown:
        """`x` rounded (two significant figures, or whole things) in the language's style."""
        return self.rounded_number(round_whole(x) if whole else round_significant(x))

    def rounded_number(self, rounded: float) -> Shown:
        """A number already rounded by `round_significant` or `round_whole`, as `number` shows it.

        Replies round once to look up their cached lines, and show those same numbers.
        """
        shown = self._rounded.get(rounded)
        if shown is None:
            shown = Shown(self._build_rounded(rounded), plural_n(rounded))
            shown = _remember(self._rounded, rounded, shown)
        return shown

    def number_range(self, low: float, high: float, *, whole: bool = False) -> str:
        """A range such as "3–10", both ends rounded like `number`; one number if alike."""
        round_ = round_whole if whole else round_significant
        return self.rounded_range(round_(low), round_(high))

    def rounded_range(self, low: float, high: float) -> str:
        """A range of numbers already rounded, as `number_range` shows it."""
        low_text = self._format_rounded(low)
        high_text = self._format_rounded(high)
        return low_text if low_text == high_text else f"{low_text}{RANGE_DASH}{high_text}"

    def exact(self, x: float) -> Shown:
        """A user's own count as given: 100, 1,234, 2.5 (Korean 2만 only when it is exact)."""
        shown = self._exact.get(x)
        if shown is None:
            rounded = round(x, USER_DECIMALS)
            if rounded >= self._compact_from and round_significant(rounded) == rounded:
                # 20,000 → "2만" and 1,000,000 → "1 million" lose nothing; 12,345 stays.
                text = self._format_rounded(rounded)
            else:
                text = self._format_fixed(rounded, USER_DECIMALS)
            shown = _remember(self._exact, x, Shown(text, plural_n(rounded)))
        return shown

    def quantity(self, value: float, ladder: Ladder) -> str:
        """An amount in the unit that fits it: 7,300 Wh → "7.3 kWh", 0.32 km → "320 m"."""
        return self.rounded_quantity(round_significant(value), ladder)

    def rounded_quantity(self, rounded: float, ladder: Ladder) -> str:
        """An amount already rounded by `round_significant`, as `quantity` shows it."""
        symbol, number_text = self._in_unit_text(rounded, ladder)
        return self.unit_pattern(symbol).replace("{0}", number_text)

    def quantity_range(self, low: float, high: float, ladder: Ladder) -> str:
        """A range such as "3.7–18 kWh"; "370 Wh–1.8 kWh" when the ends need other units."""
        return self.rounded_quantity_range(round_significant(low), round_significant(high), ladder)

    def rounded_quantity_range(self, low: float, high: float, ladder: Ladder) -> str:
        """A range of amounts already rounded by `round_significant`, as `quantity_range` does."""
        low_symbol, low_text = self._in_unit_text(low, ladder)
        high_symbol, high_text = self._in_unit_text(high, ladder)
        if low_symbol != high_symbol:
            low_part = self.unit_pattern(low_symbol).replace("{0}", low_text)
            high_part = self.unit_pattern(high_symbol).replace("{0}", high_text)
            return f"{low_part}{RANGE_DASH}{high_part}"
        numbers = low_text if low_text == high_text else f"{low_text}{RANGE_DASH}{high_text}"
        return self.unit_pattern(low_symbol).replace("{0}", numbers)

    def _in_unit_text(self, rounded: float, ladder: Ladder) -> tuple[str, str]:
        """The unit that fits a rounded amount and the number shown in it: (symbol, text)."""
        symbol, shown = _in_unit(rounded, ladder)
        return symbol, self._format_rounded(shown)

    def unit_pattern(self, symbol: str) -> str:
        """The pattern for a unit symbol, "{0} kWh" in English and "{0}kWh" in Korean."""
        pattern = self._units.get(symbol)
        if pattern is None:
            pattern = self._units[symbol] = self._build_unit_pattern(symbol)
        return pattern

    def _build_unit_pattern(self, symbol: str) -> str:
        if symbol in _LIKE_KWH:
            return self.unit_pattern("kWh").replace("kWh", symbol)
        # A sample value picks the plural pattern most amounts use; its digit becomes {0}.
        sample = format_unit(7, _CLDR_UNITS[symbol], length="short", locale=self._locale)
        if sample.count("7") != 1:
            raise ValueError(f"unexpected unit pattern for {symbol} in {self.code}: {sample!r}")
        return sample.replace("7", "{0}")

    def _format_rounded(self, rounded: float) -> str:
        """An already rounded number (at most a few significant figures)."""
        return self.rounded_number(rounded).text

    def _build_rounded(self, rounded: float) -> str:
        if rounded == 0:
            return self._format_fixed(0, 0)
        if abs(rounded) < SMALLEST_SHOWN:
            return "<" + self._format_rounded(SMALLEST_SHOWN)
        if abs(rounded) >= SCIENTIFIC_FROM:
            return self._format_scientific(rounded)
        if rounded >= self._compact_from:
            return str(
                format_compact_decimal(
                    rounded,
                    format_type=self._compact_type,
                    fraction_digits=SIGNIFICANT_DIGITS,
                    locale=self._locale,
                )
            )
        # Enough decimals for every digit the rounding kept, no more.
        decimals = max(0, SIGNIFICANT_DIGITS - floor(log10(abs(rounded))))
        return self._format_fixed(rounded, decimals)

    def _format_scientific(self, x: float) -> str:
        """1.2×10³⁸: past a quadrillion words and 만/억 run out, and Babel's decimals overflow."""
        exponent = floor(log10(abs(x)))
        mantissa = round(x / 10**exponent, SIGNIFICANT_DIGITS - 1)
        if abs(mantissa) >= 10:
            mantissa, exponent = mantissa / 10, exponent + 1
        power = str(exponent).translate(_SUPERSCRIPT)
        return f"{self._format_fixed(mantissa, SIGNIFICANT_DIGITS - 1)}×10{power}"

    def _format_fixed(self, x: float, max_decimals: int) -> str:
        if not self._python_grouping:
            pattern = "#,##0." + "#" * max_decimals if max_decimals else "#,##0"
            return str(format_decimal(x, format=pattern, locale=self._locale))
        text = f"{x:,.{max_decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.translate(self._symbols)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
SCIENTIFIC_FROM = 1e15
"""From here numbers are shown as 1.2×10¹⁵."""

_T = TypeVar("_T")
_CACHE_LIMIT = 16_384
"""Past this many texts a cache starts over: the repeating numbers soon come back."""


def _remember(cache: dict[float, _T], key: float, value: _T) -> _T:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


@cache
def number_format(language: Language) -> NumberFormat:
    """The language's NumberFormat, built on first use and shared."""
    return NumberFormat(language)


def number(x: float, language: Language, *, whole: bool = False) -> Shown:
    """`x` rounded (two significant figures, or whole things) in the language's style."""
    return number_format(language).number(x, whole=whole)


def number_range(low: float, high: float, language: Language, *, whole: bool = False) -> str:
    """A range such as "3–10", both ends rounded like `number`; one number if they round alike."""
    return number_format(language).number_range(low, high, whole=whole)


def exact(x: float, language: Language) -> Shown:
    """A user's own count as given: 100, 1,234, 2.5 (Korean 2만 only when it is exact)."""
    return number_format(language).exact(x)


def quantity(value: float, ladder: Ladder, language: Language) -> str:
    """An amount in the unit that fits it: 7,300 Wh → "7.3 kWh", 0.32 km → "320 m"."""
    return number_format(language).quantity(value, ladder)


def quantity_range(low: float, high: float, ladder: Ladder, language: Language) -> str:
    """A range such as "3.7–18 kWh"; "370 Wh–1.8 kWh" when the ends need different units."""
    return number_format(language).quantity_range(low, high, ladder)


def unit_pattern(symbol: str, language: Language) -> str:
    """The language's pattern for a unit symbol, "{0} kWh" in English and "{0}kWh" in Korean."""
    return number_format(language).unit_pattern(symbol)


def _in_unit(rounded: float, ladder: Ladder) -> tuple[str, float]:
    symbol, scale = ladder[0]
    for candidate, candidate_scale in ladder[1:]:
        if rounded >= candidate_scale:
            symbol, scale = candidate, candidate_scale
    if scale >= 1:
        # A rounded amount divided by a power of ten is already the nearest float.
        return symbol, rounded / scale
    # Dividing by a fraction leaves float dust (0.32 / 0.001 = 320.00000000000006).
    return symbol, round_significant(rounded / scale, SIGNIFICANT_DIGITS + 1)
