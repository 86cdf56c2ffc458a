"""Decimal interval arithmetic and the verdict of a claim against a recomputation.

A written number stands for every value that rounds to it: "354.5" is [354.45, 354.55]. Every
recomputation carries that interval through (a sum of rounded parts drifts by the sum of their
half-units), so the tolerance of a check is never a guess: it is what the author's own precision
allows. Never float: a binary float cannot even hold 0.05.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import (ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP,
                     ROUND_UP, Decimal, localcontext)
from typing import Callable, Iterable, Literal, Optional

Status = Literal["consistent", "mismatch", "rounding", "doubtful", "unverifiable"]

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
_PREC = 34  # enough for 1e12 yuan with 20 decimals of ratio


def half_unit(decimals: int) -> Decimal:
    """0.5 in the last written place: 2 decimals -> 0.005."""
    return Decimal(5).scaleb(-(decimals + 1))


def decimals_of(d: Decimal) -> int:
    exp = d.as_tuple().exponent
    return max(0, -exp) if isinstance(exp, int) else 0


@dataclass(frozen=True)
class Iv:
    """A value with the closed interval it may really take: ``nom`` as computed from the written
    values, ``lo``/``hi`` from their rounding intervals."""

    nom: Decimal
    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, v: Decimal) -> "Iv":
        return cls(v, v, v)

    @classmethod
    def written(cls, v: Decimal, decimals: int, exact: bool = False) -> "Iv":
        if exact:
            return cls.exact(v)
        h = half_unit(decimals)
        return cls(v, v - h, v + h)

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi

    @property
    def radius(self) -> Decimal:
        return (self.hi - self.lo) / 2

    def scale(self, k: Decimal) -> "Iv":
        with localcontext() as ctx:
            ctx.prec = _PREC
            a, b = self.lo * k, self.hi * k
            return Iv(self.nom * k, min(a, b), max(a, b))

    def __neg__(self) -> "Iv":
        return Iv(-self.nom, -self.hi, -self.lo)

    def __add__(self, o: "Iv") -> "Iv":
        with localcontext() as ctx:
            ctx.prec = _PREC
            return Iv(self.nom + o.nom, self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: "Iv") -> "Iv":
        return self + (-o)

    def __mul__(self, o: "Iv") -> "Iv":
        with localcontext() as ctx:
            ctx.prec = _PREC
            c = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
            return Iv(self.nom * o.nom, min(c), max(c))

    def __truediv__(self, o: "Iv") -> "Iv":
        if o.lo <= 0 <= o.hi:
            raise ZeroDivisionError("denominator interval contains zero")
        with localcontext() as ctx:
            ctx.prec = _PREC
            c = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
            return Iv(self.nom / o.nom, min(c), max(c))


def total(parts: Iterable[Iv]) -> Iv:
    acc = Iv.exact(ZERO)
    for p in parts:
        acc = acc + p
    return acc


def mean(parts: list[Iv]) -> Iv:
    return total(parts) / Iv.exact(Decimal(len(parts)))


def percent(num: Iv, den: Iv) -> Iv:
    return (num / den).scale(HUNDRED)





def extremes(f: Callable[..., Decimal], args: list[Iv]) -> Iv:
    """Range of ``f`` when a written number appears in it more than once (Σv / Σ v/(1+g)): plain
    interval arithmetic would count its rounding twice. The direction in which each argument
    moves ``f`` is read at the nominal point; over intervals this narrow it does not change."""
    nom = [a.nom for a in args]
    base = f(*nom)
    up: list[bool] = []
    for i, a in enumerate(args):
        if a.is_point:
            up.append(True)
            continue
        hi = list(nom)
        hi[i] = a.hi
        lo = list(nom)
        lo[i] = a.lo
        up.append(f(*hi) >= f(*lo))
    top = f(*[(a.hi if u else a.lo) for a, u in zip(args, up)])
    bottom = f(*[(a.lo if u else a.hi) for a, u in zip(args, up)])
    return Iv(base, min(top, bottom, base), max(top, bottom, base))


def growth_of_total(vals: list[Iv], growths: list[Optional[Iv]]) -> Iv:
    """Σ values / Σ priors − 1, in percent; a part with no growth (破零, zero) has a prior of 0.
    Each written value appears twice (in the sum and in its prior): ranges come from extremes()."""
    idx = [i for i, g in enumerate(growths) if g is not None]
    args = vals + [growths[i] for i in idx]  # type: ignore[misc]
    n = len(vals)

    def f(*xs: Decimal) -> Decimal:
        vs, gs = xs[:n], xs[n:]
        prior = sum((vs[i] / (1 + g / 100) for i, g in zip(idx, gs)), Decimal(0))
        return (sum(vs, Decimal(0)) / prior - 1) * 100
    return extremes(f, args)


# Nearest conventions first: a tie rounded to even is a smaller departure than a truncation.
_MODES = {"round-half-even": ROUND_HALF_EVEN, "round-half-down": ROUND_HALF_DOWN, "truncation": ROUND_DOWN,
          "round-up": ROUND_UP, "ceiling": ROUND_CEILING, "floor": ROUND_FLOOR}


@dataclass(frozen=True)
class Verdict:
    status: Status
    tolerance: Decimal
    mode: Optional[str] = None  # the rounding convention that reproduces the claim, for "rounding"


def judge(claim: Decimal, decimals: int, computed: Iv, *, exact_claim: bool = False) -> Verdict:
    """Claim as written (with its precision) against a recomputed interval.

    consistent: the claim is what round-half-up of some admissible value gives;
    rounding: only another convention (truncation, half-even, ceiling...) gives it;
    mismatch: nothing admissible gives it.
    """
    h = ZERO if exact_claim else half_unit(decimals)
    tol = h + computed.radius
    q = Decimal(1).scaleb(-decimals)
    if computed.is_point:
        x = computed.nom
        if exact_claim:
            return Verdict("consistent" if x == claim else "mismatch", tol)
        if x.quantize(q, rounding=ROUND_HALF_UP) == claim:
            return Verdict("consistent", tol)
        for name, mode in _MODES.items():
            if x.quantize(q, rounding=mode) == claim:
                return Verdict("rounding", tol, name)
        return Verdict("mismatch", tol)
    lo, hi = claim - h, claim + h
    if computed.hi >= lo and computed.lo <= hi:
        return Verdict("consistent", tol)
    if not exact_claim and computed.hi > claim - 2 * h and computed.lo < claim + 2 * h:
        mode = "truncation" if (computed.lo >= claim) == (claim >= 0) else "round-up"
        return Verdict("rounding", tol, mode)
    return Verdict("mismatch", tol)


def other_rounding(x: Decimal, claim: Decimal, decimals: int) -> Optional[str]:
    """The convention other than round-half-up (truncation, half-even…) that writes ``x`` as ``claim``."""
    q = Decimal(1).scaleb(-decimals)
    return next((name for name, mode in _MODES.items() if x.quantize(q, rounding=mode) == claim), None)


def overlap(a: Iv, b: Iv) -> Verdict:
    """Two statements of one value, each rounded as written: they agree if their intervals meet."""
    ok = a.hi >= b.lo and a.lo <= b.hi
    return Verdict("consistent" if ok else "mismatch", a.radius + b.radius)


def fmt(d: Decimal) -> str:
    """A Decimal as plain digits: 1.2E+2 -> "120", 0.50 -> "0.5"."""
    return format(d.normalize(), "f")


def show(d: Decimal, decimals: int) -> Decimal:
    """A recomputed value for display: two more decimals than the claim, trailing zeros kept."""
    return d.quantize(Decimal(1).scaleb(-(decimals + 2)), rounding=ROUND_HALF_UP)
