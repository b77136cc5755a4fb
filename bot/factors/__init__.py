"""Every number about the world the bot uses, loaded from factors.yaml into frozen models."""

from bot.factors.models import (
    EnergyFactor,
    Equivalent,
    EquivalentId,
    Factor,
    Factors,
    GridFactor,
    Source,
    WaterFactor,
)

__all__ = [
    "EnergyFactor",
    "Equivalent",
    "EquivalentId",
    "Factor",
    "Factors",
    "GridFactor",
    "Source",
    "WaterFactor",
]
