"""Regular expressions compiled when first used, not when the checks are loaded.

The checks and their readers (dates, the CV's chronology, sections, publications) define about a hundred
patterns. Compiling them all was about 40 % of loading the checks, on every run, and a run uses a third to
two thirds of them, depending on what the dossier holds.
"""

from __future__ import annotations

import re
from typing import Any, cast

_ATTRIBUTES = (
    *("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner"),
    *("flags", "groups", "groupindex"),
)
"""What a compiled pattern offers besides ``pattern``."""


class _Compiled:
    """A pattern once compiled: the compiled pattern's methods and attributes are its own, so that a call
    costs what the compiled pattern's own call costs (a class with ``__getattr__`` makes every attribute
    lookup slower, by nearly as much as a short search takes)."""

    pattern: str


class _LazyPattern(_Compiled):
    """Compiles on the first attribute asked for, takes the compiled pattern's attributes, and becomes a
    ``_Compiled``."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute the instance does not hold: before the first compilation.
        if name not in _ATTRIBUTES:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        self.__class__ = _Compiled  # type: ignore[assignment]
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_pattern({self.pattern!r}, {self._flags})"


def lazy_pattern(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done on first use. It is used through a Pattern's methods and
    attributes, not passed to the functions of ``re`` (which want a compiled pattern or a string)."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))
