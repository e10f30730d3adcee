"""PDF transformation matrices (a, b, c, d, e, f), shared by the text and image readers."""

from __future__ import annotations

Matrix = tuple[float, float, float, float, float, float]


def multiply(m: tuple[float, ...], n: tuple[float, ...]) -> Matrix:
    """m then n, in PDF's row-vector convention."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )
