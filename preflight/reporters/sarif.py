"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One result per finding; the rules (id, summary, documentation as help) come from the registry through
RunReport.rules. A PDF has no lines: a result's location names the file, its region's startLine is the page
(GitHub's ingestion requires a region with startLine; 1 for a finding about the whole file), and a logical
location of kind "page" names the page, which is also in the result's properties and starts its message.
partialFingerprints hold a hash of rule, message id, page and snippet (see ``fingerprint``).
Crashed checks are tool execution notifications, not results.
"""

from __future__ import annotations

import json
import os
import string
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from preflight.i18n import LANGUAGES, t
from preflight.messages import SHARED, fields_of, render_template, typeset_french
from preflight.model import Finding, Level, RuleInfo, RunReport, Status
from preflight.reporters import RenderOptions, finding_data

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LANGUAGE_TAGS = {"en": "en-US", "fr": "fr-FR"}
SARIF_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note", Level.OFF: "none"}


def artifact_uri(path: str, root: Path | None) -> str:
    """A path as code scanning wants it: relative to the repository's root (``root``: the git work tree the
    run is in, see ``repository_root``), whichever folder the run started from; a path outside any repository
    stays relative to the current folder, or becomes a file: URI when it is absolute."""
    absolute = Path(os.path.abspath(path))
    if root is not None and absolute.is_relative_to(root):
        return quote(absolute.relative_to(root).as_posix(), safe="/")
    pure = PurePath(path)
    if pure.is_absolute():
        return absolute.as_uri()
    return quote(pure.as_posix(), safe="/")


def repository_root(start: Path | None = None) -> Path | None:
    """The work tree holding ``start`` (the current folder): the nearest folder with a ``.git`` (a folder, or
    the file of a linked work tree or submodule)."""
    folder = Path(os.path.abspath(start or Path.cwd()))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def render(report: RunReport, options: RenderOptions) -> str:
    return json.dumps(sarif_log(report, options), ensure_ascii=False, indent=2) + "\n"


def _used_ids(report: RunReport) -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for file_report in report.files:
        for outcome in file_report.outcomes:
            for item in outcome.findings:
                if item.finding.message_id:
                    used.setdefault(outcome.rule, set()).add(item.finding.message_id)
    return used


def _catalogue(info: RuleInfo, used: set[str]) -> dict[str, Mapping[str, str]]:
    """The rule's message templates, and the shared ones its results used."""
    entries: dict[str, Mapping[str, str]] = dict(info.messages)
    for message_id in sorted(used):
        if message_id not in entries and message_id in SHARED:
            entries[message_id] = SHARED[message_id]
    return entries


_ANY_PLURAL = "plural"
"""A count's plural forms are words of each language ("once|# times", "une fois|# fois"): one argument for both."""


def _positional(template: str, order: list[tuple[str, str]]) -> str:
    """A named template as SARIF's positional one: each distinct field becomes {0}, {1}..."""
    out = []
    for literal, name, spec, _ in string.Formatter().parse(template):
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if name is not None:
            key = (name, _ANY_PLURAL if (spec or "").startswith("plural:") else spec or "")
            if key not in order:
                order.append(key)
            out.append("{" + str(order.index(key)) + "}")
    return "".join(out)


def _field_orders(catalogue: Mapping[str, Mapping[str, str]]) -> dict[str, list[tuple[str, str]]]:
    orders: dict[str, list[tuple[str, str]]] = {}
    for message_id, entry in catalogue.items():
        order: list[tuple[str, str]] = []
        for language in ("en", *sorted(entry)):
            if language in entry:
                _positional(entry[language], order)
        orders[message_id] = order
    return orders


def _message_strings(
    catalogue: Mapping[str, Mapping[str, str]], orders: dict[str, list[tuple[str, str]]], language: str
) -> dict[str, Any]:
    strings = {}
    for message_id, entry in catalogue.items():
        template = entry.get(language) or entry.get("en")
        if template is None:
            continue
        if language == "fr":
            template = typeset_french(template)
        strings[message_id] = {"text": _positional(template, list(orders[message_id]))}
    return strings


def _arguments(
    finding: Finding,
    catalogue: Mapping[str, Mapping[str, str]],
    order: list[tuple[str, str]],
    language: str,
    snippets: bool,
) -> list[str]:
    """Each field rendered on its own, in the run's language, in the positional order."""
    entry = catalogue.get(finding.message_id, {})
    own = entry.get(language) or entry.get("en") or ""
    plurals = {name: spec for name, spec in fields_of(own) if spec.startswith("plural:")}
    values = []
    for name, spec in order:
        if spec == _ANY_PLURAL:  # this language's forms; a field only the other language names: its own
            spec = plurals.get(name) or next(
                (s for n, s in fields_of(" ".join(entry.values())) if n == name and s.startswith("plural:")), ""
            )
        template = "{" + name + (":" + spec if spec else "") + "}"
        values.append(
            render_template({"_": {language: template}}, "_", finding.args, language, not snippets)
            if spec != "msg"
            else render_template(catalogue, str(finding.args.get(name, "")), finding.args, language, not snippets)
        )
    return values


def sarif_log(report: RunReport, options: RenderOptions) -> dict[str, Any]:
    rule_index = {info.id: index for index, info in enumerate(report.rules)}
    root = repository_root()
    used = _used_ids(report)
    catalogues = {info.id: _catalogue(info, used.get(info.id, set())) for info in report.rules}
    orders = {rule: _field_orders(catalogue) for rule, catalogue in catalogues.items()}
    other_languages = [language for language in LANGUAGES if language != report.language]
    rules = [
        {
            "id": info.id,
            "shortDescription": {"text": info.summary},
            "fullDescription": {"text": info.summary},
            "help": {"text": info.doc or info.summary},
            "messageStrings": _message_strings(catalogues[info.id], orders[info.id], report.language),
            "defaultConfiguration": {"level": SARIF_LEVEL[info.level]},
            "properties": {"check": info.check, **({"source": info.source} if info.source else {})},
        }
        for info in report.rules
    ]
    artifacts = []
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for artifact_index, file_report in enumerate(report.files):
        uri = artifact_uri(file_report.path, root)
        artifact: dict[str, Any] = {"location": {"uri": uri}, "mimeType": "application/pdf"}
        if file_report.bytes is not None:
            artifact["length"] = file_report.bytes
        if file_report.pages is not None:
            artifact["properties"] = {"pages": file_report.pages}
        artifacts.append(artifact)
        file_location = {"artifactLocation": {"uri": uri, "index": artifact_index}}
        for outcome in file_report.outcomes:
            if outcome.status is Status.ERROR:
                notifications.append(
                    {
                        "level": "error",
                        "message": {"text": outcome.message},
                        "locations": [{"physicalLocation": file_location}],
                        "associatedRule": {
                            "id": outcome.rule,
                            **({"index": rule_index[outcome.rule]} if outcome.rule in rule_index else {}),
                        },
                    }
                )
                continue
            for item in outcome.findings:
                finding = item.finding
                level = Level.ERROR if report.strict and item.level is Level.WARNING else item.level
                # GitHub's ingestion wants a region with startLine on every result: a PDF has no lines, so the
                # page stands for the line (1 for a finding about the whole file).
                location: dict[str, Any] = {
                    "physicalLocation": {**file_location, "region": {"startLine": finding.page or 1}}
                }
                properties: dict[str, Any] = {"status": outcome.status.value}
                text = finding.shown(options.snippets)
                if finding.page is not None:
                    location["logicalLocations"] = [{"name": f"page {finding.page}", "kind": "page"}]
                    properties["page"] = finding.page
                    text = f"{t('text.page', page=finding.page)}{_colon(report.language)} {text}"
                if finding.rect is not None:
                    properties["rect"] = list(finding.rect)
                locations = [location]
                if finding.source_line:
                    # The source first: code scanning annotates the first location, and a .tex has lines.
                    properties["sourceLine"] = finding.source_line
                    locations.insert(0, _source_location(finding.source_line, root))
                if finding.snippet is not None and options.snippets:
                    properties["snippet"] = finding.snippet
                if finding.fix:
                    properties["fix"] = finding.fix
                    text += " " + t("github.fix", fix=finding.fix)
                if finding.data:
                    data = finding_data(finding, options.snippets)
                    properties["data"] = _jsonable(data)
                message: dict[str, Any] = {"text": text}
                catalogue = catalogues.get(outcome.rule, {})
                if finding.message_id in catalogue:
                    order = orders[outcome.rule][finding.message_id]
                    message["id"] = finding.message_id
                    message["arguments"] = _arguments(finding, catalogue, order, report.language, options.snippets)
                results.append(
                    {
                        "ruleId": outcome.rule,
                        **_index(rule_index, outcome.rule),
                        "level": SARIF_LEVEL[level],
                        "message": message,
                        "locations": locations,
                        "partialFingerprints": _fingerprints(outcome.rule, finding, file_report.path, seen),
                        "properties": properties,
                    }
                )
    invocation: dict[str, Any] = {"executionSuccessful": not any(f.crashed for f in report.files)}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dossier-preflight",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "language": LANGUAGE_TAGS[report.language],
                "rules": rules,
            }
        },
        # The same messages in the other language, so that a viewer can show either (SARIF §3.19.3 translations).
        "translations": [
            {
                "name": "dossier-preflight",
                "language": LANGUAGE_TAGS[language],
                "translationMetadata": {"name": f"dossier-preflight ({LANGUAGE_TAGS[language]})"},
                "rules": [
                    {"id": info.id, "messageStrings": _message_strings(catalogues[info.id], orders[info.id], language)}
                    for info in report.rules
                ],
            }
            for language in other_languages
        ],
        "invocations": [invocation],
        "artifacts": artifacts,
        "results": results,
        "properties": {"profile": report.profile, "strict": report.strict},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


FINGERPRINT_KEY = "dossierPreflight/v1"


def _source_location(place: str, root: Path | None) -> dict[str, Any]:
    """``file:line[:column]`` (preflight.source_map) as a physical location with its region."""
    parts = place.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        path, line, column = parts[0], int(parts[1]), int(parts[2])
    else:
        path, _, line_text = place.rpartition(":")
        line, column = (int(line_text) if line_text.isdigit() else 1), None
    region: dict[str, int] = {"startLine": max(1, line)}
    if column is not None:
        region["startColumn"] = max(1, column)
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path, root)}, "region": region}}


def fingerprint(rule: str, finding: Finding) -> str:
    """Stable across runs and languages: the rule, the message id, the page and a hash of the snippet.

    The snippet is hashed, never written, so the fingerprint is the same with --no-snippets and says nothing
    of the dossier's text; the message's wording (and its language) does not enter it."""
    import hashlib

    snippet = hashlib.sha256((finding.snippet or "").encode("utf-8")).hexdigest()[:16]
    key = "\0".join([rule, finding.message_id, str(finding.page or 0), snippet])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _fingerprints(rule: str, finding: Finding, path: str, seen: dict[str, int]) -> dict[str, str]:
    """Our fingerprint, and GitHub's primaryLocationLineHash set from it (hash:occurrence), so that the uploader
    does not compute one from a PDF's bytes as if it were lines of source."""
    value = fingerprint(rule, finding)
    occurrence = seen[path + value] = seen.get(path + value, 0) + 1
    return {FINGERPRINT_KEY: f"{value}:{occurrence}", "primaryLocationLineHash": f"{value[:16]}:{occurrence}"}


def _colon(language: str) -> str:
    return "\u202f:" if language == "fr" else ":"


def _index(rule_index: dict[str, int], rule: str) -> dict[str, int]:
    return {"ruleIndex": rule_index[rule]} if rule in rule_index else {}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
