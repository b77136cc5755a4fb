"""The schema of factors.yaml: sourced values with ranges, validated once at start-up."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.usage import Kind


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EquivalentId(StrEnum):
    """The everyday things a chatbot's energy is compared with."""

    CAR_KM = "car_km"
    EV_KM = "ev_km"
    SHOWER = "shower"
    BATH = "bath"
    PHONE_CHARGE = "phone_charge"
    LED_HOUR = "led_hour"
    KETTLE = "kettle"
    MICROWAVE_MINUTE = "microwave_minute"
    STREAMING_HOUR = "streaming_hour"
    LAPTOP_HOUR = "laptop_hour"
    GOOGLE_SEARCH = "google_search"


class Source(_Frozen):
    """Where a figure comes from: enough for anyone to check it."""

    title: Annotated[str, Field(min_length=1)]
    publisher: Annotated[str, Field(min_length=1)]
    year: Annotated[int, Field(ge=1900, le=2100)]
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]


class Factor(_Frozen):
    """A sourced figure with its plausible range: low ≤ value ≤ high, all positive and finite."""

    value: float
    low: float
    high: float
    unit: str
    source: Source
    note: Annotated[str, Field(min_length=1)]

    @field_validator("value", "low", "high")
    @classmethod
    def _positive_and_finite(cls, number: float) -> float:
        if not math.isfinite(number) or number <= 0:
            raise ValueError("must be a positive, finite number")
        return number

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if not self.low <= self.value <= self.high:
            raise ValueError(
                f"needs low ≤ value ≤ high, got low={self.low:g}, value={self.value:g}, "
                f"high={self.high:g}"
            )
        return self


class EnergyFactor(Factor):
    """Energy per use or per unit of an everyday thing, in Wh or kWh."""

    unit: Literal["Wh", "kWh"]

    @property
    def wh(self) -> tuple[float, float, float]:
        """(value, low, high) in watt-hours."""
        scale = 1000.0 if self.unit == "kWh" else 1.0
        return self.value * scale, self.low * scale, self.high * scale


class Equivalent(EnergyFactor):
    """An everyday thing to compare with, shown with its emoji."""

    emoji: Annotated[str, Field(min_length=1, max_length=16)]
    historical: bool = False


class GridFactor(Factor):
    """Carbon intensity of a region's electricity."""

    unit: Literal["g CO2e/kWh"]


class WaterFactor(Factor):
    """Water per typical text query, with what it counts (on-site cooling, life cycle …)."""

    unit: Literal["mL"]
    scope: Annotated[str, Field(min_length=1)]


RegionCode = Annotated[str, Field(pattern=r"^(world|[A-Z]{2})$")]


class Offsets(_Frozen):
    """Small everyday savings that can cancel out a year of chatbot use."""

    shower_minute: EnergyFactor


class Factors(_Frozen):
    """Everything in factors.yaml: energy per use, equivalents, offsets, grid carbon, water."""

    energy_per_use: dict[Kind, EnergyFactor]
    equivalents: dict[EquivalentId, Equivalent]
    offsets: Offsets
    grid_intensity: dict[RegionCode, GridFactor]
    default_region: RegionCode = "world"
    water_per_text_query: WaterFactor

    # Completeness is checked per field so an error names the entry (energy_per_use, …).
    @field_validator("energy_per_use")
    @classmethod
    def _every_kind(cls, table: dict[Kind, EnergyFactor]) -> dict[Kind, EnergyFactor]:
        missing = [k.value for k in Kind if k not in table]
        if missing:
            raise ValueError(f"missing kind {', '.join(missing)}")
        return table

    @field_validator("equivalents")
    @classmethod
    def _every_equivalent(
        cls, table: dict[EquivalentId, Equivalent]
    ) -> dict[EquivalentId, Equivalent]:
        missing = [e.value for e in EquivalentId if e not in table]
        if missing:
            raise ValueError(f"missing equivalent {', '.join(missing)}")
        return table

    @model_validator(mode="after")
    def _default_region_known(self) -> Self:
        if self.default_region not in self.grid_intensity:
            raise ValueError(
                f"default_region: grid_intensity has no entry for {self.default_region!r}"
            )
        return self
