"""The result model every check produces and every reporter reads."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Level(enum.IntEnum):
    """How serious a rule is. Ordered, so a rule's level can cap a finding's."""

    OFF = 0
    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Level:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown level {name!r} (expected error, warning, info or off)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Status(enum.StrEnum):
    """One rule's outcome on one file: pass (no finding), fail (an error), warn (warnings or info only),
    skip (does not apply; the message says why) or error (the check crashed: the file does not pass)."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a check found: which message (``message_id`` in the check's ``MESSAGES``) with what ``args``.

    The engine renders ``message`` and ``fix`` in the run's language (preflight.messages); ``redacted`` is the
    message with the dossier's own text hidden (None when it quotes none), and ``private`` names the
    arguments that hold that text. A plugin may give plain text instead: an id no catalogue knows is the
    message, and its ``fix`` is kept as given.

    ``level`` lets a check grade its own findings (a file near the size limit is only info);
    ``None`` means the rule's level. The rule's level always caps it.
    """

    message_id: str = ""
    args: Mapping[str, object] = field(default_factory=dict)
    page: int | None = None
    rect: tuple[float, float, float, float] | None = None
    snippet: str | None = None
    fix: str | None = None
    level: Level | None = None
    data: Mapping[str, object] = field(default_factory=dict)
    fix_id: str | None = None
    message: str = ""
    redacted: str | None = None
    private: tuple[str, ...] = ()
    source_line: str | None = None
    """``file:line[:column]`` of the source the finding comes from, when found (preflight.source_map)."""

    def shown(self, snippets: bool = True) -> str:
        """The message as a report shows it: with the dossier's text, or without it (--no-snippets)."""
        if not snippets and self.redacted is not None:
            return self.redacted
        return self.message or self.message_id

    def public_args(self, snippets: bool = True) -> dict[str, object]:
        return {key: (None if not snippets and key in self.private else value) for key, value in self.args.items()}


class Skip(Exception):
    """Raised by a check that does not apply to this dossier: ``Skip(message_id, **args)`` says why.

    The message is rendered like a finding's (the check's ``MESSAGES``, then the shared ones).
    """

    def __init__(self, message_id: str, /, **args: object) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.message_args = args


class OptionError(ValueError):
    """An option value a check's ``Options`` cannot use: ``OptionError(OPTION_MESSAGES, message_id, **values)``.

    ``OPTION_MESSAGES`` is the check module's catalogue of such messages (English and French); ``str()`` is the
    English, and a configuration error says it in the run's language.
    """

    def __init__(self, catalogue: Mapping[str, Mapping[str, str]], message_id: str, /, **values: object) -> None:
        from preflight.messages import render_template

        self.catalogue = catalogue
        self.message_id = message_id
        # numbers as written in preflight.toml (min_year 3000, not "3 000")
        self.values = {
            k: repr(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for k, v in values.items()
        }
        super().__init__(render_template(catalogue, message_id, self.values, "en"))


@dataclass(frozen=True, slots=True)
class GradedFinding:
    """A finding with the level it was given in this run (its own, capped by its rule's)."""

    finding: Finding
    level: Level


@dataclass(frozen=True, slots=True)
class Outcome:
    """One rule applied to one file."""

    rule: str
    summary: str
    level: Level
    status: Status
    message: str
    findings: tuple[GradedFinding, ...] = ()


@dataclass(frozen=True, slots=True)
class FileReport:
    """Every rule's outcome on one file; ``passed`` unless a rule failed or crashed."""

    path: str
    pages: int | None
    bytes: int | None
    outcomes: tuple[Outcome, ...]
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not any(o.status in (Status.FAIL, Status.ERROR) for o in self.outcomes)

    @property
    def crashed(self) -> bool:
        return any(o.status is Status.ERROR for o in self.outcomes)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """What reporters need to describe a rule (SARIF's rule metadata, the summary per rule)."""

    id: str
    check: str
    level: Level
    summary: str
    doc: str = ""
    source: str | None = None
    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """The check's message templates by id and language (SARIF's messageStrings)."""


@dataclass(frozen=True, slots=True)
class RunReport:
    """A run: the rule set used, the rules it ran (``rules``) and one report per file; ``passed`` if all did."""

    profile: str
    files: tuple[FileReport, ...]
    tool_version: str
    rules: tuple[RuleInfo, ...] = ()
    strict: bool = False
    language: str = "en"
    """The language the messages were rendered in."""

    @property
    def passed(self) -> bool:
        return all(f.passed for f in self.files)


def make_visible(text: str) -> str:
    """Show invisible and unusual characters as ⟦U+00AD SOFT HYPHEN⟧ so a user can see them."""
    import unicodedata

    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in "\t\n":
            out.append(" ")
        elif (
            code < 0x20
            or 0x7F <= code <= 0x9F
            or unicodedata.category(char) in ("Cf", "Co", "Cs", "Zl", "Zp", "Mn")
            or char == "\ufffd"
        ):
            name = unicodedata.name(char, "")
            out.append(f"⟦U+{code:04X}{' ' + name if name else ''}⟧")
        else:
            out.append(char)
    return "".join(out)


def format_pages(pages: set[int] | list[int], dash: str = "-") -> str:
    """'1-3, 7' for pages {1, 2, 3, 7}; reads better than a long list. ``dash`` joins a range's ends."""
    ordered = sorted(set(pages))
    parts: list[str] = []
    index = 0
    while index < len(ordered):
        end = index
        while end + 1 < len(ordered) and ordered[end + 1] == ordered[end] + 1:
            end += 1
        first, last = ordered[index], ordered[end]
        parts.append(str(first) if first == last else f"{first}{dash}{last}")
        index = end + 1
    return ", ".join(parts)
