"""Every number about the world the bot uses, loaded from factors.yaml into frozen models."""

from bot.factors.loader import (
    FactorsFileError,
    default_factors_path,
    load_factors,
    load_factors_or_exit,
)
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
    "FactorsFileError",
    "GridFactor",
    "Source",
    "WaterFactor",
    "default_factors_path",
    "load_factors",
    "load_factors_or_exit",
]
