"""The check registry: built-in checks, plus any that installed packages add.

A check is a module (or any object) with ``ID``, ``SUMMARY``, a frozen dataclass ``Options`` and
``check(dossier, options)`` yielding findings; its docstring reads *What it checks / Why / How to fix /
Options*. Third-party packages register theirs under the entry-point group ``dossier_preflight.checks``.

A check's words are data: ``MESSAGES`` maps each message id to its English and French templates, and
its findings name an id and arguments (preflight.messages renders them in the run's language).

A check that reads the file's path or name (``dossier.name``, ``dossier.path``) says so with
``READS_PATH = True``, so that the cache keys its outcome on the path too (a renamed copy of a file is then
checked again); a plugin is assumed to read it unless it says ``READS_PATH = False``.

Nothing here imports a check: ``load_registry`` does, and a cache hit never calls it.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

ENTRY_POINT_GROUP = "dossier_preflight.checks"

BUILTIN_MODULES = (
    "pdf_readable",
    "file_size",
    "fonts_embedded",
    "encryption",
    "active_content",
    "hidden_characters",
    "filename",
    "project_page_count",
    "host_unit",
    "css_section",
    "orcid",
    "project_language",
    "cv_date_gaps",
    "required_sections",
    "publication_list",
    "project_host_fit",
)

_ID_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True)
class CheckSpec:
    id: str
    summary: str
    options_type: type
    run: Callable[..., Iterator[Any]]
    doc: str
    origin: str
    needs_readable_pdf: bool = True
    reads_path: bool = False
    """The outcome depends on the file's path (its name), not only on its bytes and the options."""
    summaries: Mapping[str, str] = field(default_factory=dict)
    """Translations of the summary by language ('fr': SUMMARY_FR); English is ``summary``."""
    docs: Mapping[str, str] = field(default_factory=dict)
    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """The check's ``MESSAGES``: message id -> language -> template (preflight.messages)."""

    def summary_in(self, language: str) -> str:
        """The summary in ``language``; French with its typography (U+202F before ; : ! ? and inside « »)."""
        return _typeset(self.summaries.get(language, self.summary), language in self.summaries and language == "fr")

    def doc_in(self, language: str) -> str:
        return _typeset(self.docs.get(language, self.doc), language in self.docs and language == "fr")


def _typeset(text: str, french: bool) -> str:
    if not french:
        return text
    from preflight.messages import typeset_french

    return typeset_french(text)


class PluginError(Exception):
    pass


def spec_from_module(module: Any, origin: str) -> CheckSpec:
    """Validate that an object has the shape of a check and describe it."""
    import inspect  # only here: the cache-hit path never builds a spec

    missing = [name for name in ("ID", "SUMMARY", "Options", "check") if not hasattr(module, name)]
    if missing:
        raise PluginError(f"{origin} is not a check: it lacks {', '.join(missing)}")
    check_id = module.ID
    if not isinstance(check_id, str) or not _ID_PATTERN.match(check_id):
        raise PluginError(f"{origin}: ID {check_id!r} is not a kebab-case identifier")
    options_type = module.Options
    params = getattr(options_type, "__dataclass_params__", None)
    if (
        not isinstance(options_type, type)
        or not dataclasses.is_dataclass(options_type)
        or not getattr(params, "frozen", False)
    ):
        raise PluginError(f"{origin}: Options must be a frozen dataclass")
    return CheckSpec(
        id=check_id,
        summary=str(module.SUMMARY),
        options_type=options_type,
        run=module.check,
        doc=inspect.cleandoc(module.__doc__ or ""),
        origin=origin,
        needs_readable_pdf=bool(getattr(module, "NEEDS_READABLE_PDF", True)),
        # A plugin we know nothing about may read the name: key its outcomes on it unless it says otherwise.
        reads_path=bool(getattr(module, "READS_PATH", not origin.startswith("preflight."))),
        summaries=_translations(module, "SUMMARY", str),
        docs=_translations(module, "DOC", inspect.cleandoc),
        messages=_messages(module, origin),
    )


def _messages(module: Any, origin: str) -> dict[str, dict[str, str]]:
    raw = getattr(module, "MESSAGES", None) or {}
    if not isinstance(raw, dict) or not all(
        isinstance(key, str) and isinstance(entry, dict) and all(isinstance(v, str) for v in entry.values())
        for key, entry in raw.items()
    ):
        raise PluginError(f"{origin}: MESSAGES must map message ids to {{language: template}} dicts")
    return {key: dict(entry) for key, entry in raw.items()}


def _translations(module: Any, prefix: str, clean: Callable[..., str]) -> dict[str, str]:
    """A check's optional SUMMARY_FR / DOC_FR (one attribute per language of preflight.i18n)."""
    from preflight.i18n import LANGUAGES

    found = {}
    for language in LANGUAGES:
        value = getattr(module, f"{prefix}_{language.upper()}", None)
        if isinstance(value, str) and value.strip():
            found[language] = clean(value)
    return found


@dataclass(frozen=True)
class Registry:
    checks: dict[str, CheckSpec]
    load_errors: tuple[str, ...]

    def get(self, check_id: str) -> CheckSpec | None:
        return self.checks.get(check_id)


def _plugin_entry_points() -> list[Any]:
    """The installed packages' entry points in our group (importlib.metadata), looked for cheaply first.

    Importing importlib.metadata and reading every package's metadata costs more than loading some checks;
    when no installed package's entry_points.txt names the group, there is no plugin and that is skipped.
    A path entry that is not a folder (a zip) is read by importlib.metadata as usual."""
    import os
    import sys

    needed = False
    for folder in sys.path:
        try:
            entries = os.scandir(folder or ".")
        except NotADirectoryError:
            needed = True  # a zip or egg file on the path: let importlib.metadata read it
            break
        except OSError:
            continue
        with entries:
            for entry in entries:
                if not entry.name.endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8", errors="replace") as f:
                        if ENTRY_POINT_GROUP in f.read():
                            needed = True
                            break
                except OSError:
                    continue
        if needed:
            break
    if not needed:
        return []
    from importlib.metadata import entry_points

    return list(entry_points(group=ENTRY_POINT_GROUP))


@functools.cache
def load_registry() -> Registry:
    checks: dict[str, CheckSpec] = {}
    errors: list[str] = []
    for module_name in BUILTIN_MODULES:
        module = importlib.import_module(f"preflight.checks.{module_name}")
        spec = spec_from_module(module, f"preflight.checks.{module_name}")
        checks[spec.id] = spec
    for entry in _plugin_entry_points():
        origin = f"plugin '{entry.name}' ({entry.value})"
        try:
            spec = spec_from_module(entry.load(), origin)
        except Exception as exc:
            errors.append(f"{origin} could not be loaded: {exc}")
            continue
        if spec.id in checks:
            errors.append(f"{origin} declares id '{spec.id}', which {checks[spec.id].origin} already uses")
            continue
        checks[spec.id] = spec
    return Registry(checks, tuple(errors))
