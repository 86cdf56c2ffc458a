"""Turn quantities into figures: what is measured, about whom, when, and how it compares."""
from .build import build_figures

__all__ = ["build_figures"]
