"""The pure comparison core: energy, equivalents, CO₂, water and offsets (no telegram here)."""

from bot.comparison.compute import answer_equivalence, compare
from bot.comparison.models import Comparison, EquivalenceAnswer, ItemEnergy, Range

__all__ = [
    "Comparison",
    "EquivalenceAnswer",
    "ItemEnergy",
    "Range",
    "answer_equivalence",
    "compare",
]
