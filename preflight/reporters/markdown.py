"""Markdown, for a CI job summary (``$GITHUB_STEP_SUMMARY``) or a merge-request comment.

Per file: a heading with the verdict, the checklist (one task-list line per rule), the failing rules with
their findings and fixes, then the sizes (pages, bytes, pages per section); and, when the run compared the
files with a previous version (``--baseline``), what changed. The dossier's own text appears only with
snippets on (``finding.shown(options.snippets)``); CI runs leave it out by default.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from preflight.i18n import by_id, get_language
from preflight.messages import render_template
from preflight.model import FileReport, GradedFinding, Level, Outcome, RunReport, Status
from preflight.reporters import RenderOptions, outcome_message

MAX_FINDINGS_SHOWN = 25

MARK = {
    Status.PASS: ("x", "✅"),
    Status.WARN: ("x", "⚠️"),
    Status.SKIP: ("x", "➖"),
    Status.FAIL: (" ", "❌"),
    Status.ERROR: (" ", "💥"),
}

MESSAGES: dict[str, dict[str, str]] = {
    "md.title": {
        "en": "dossier-preflight {version}: {count:plural:# file|# files} checked with rule set {profile:quote}, "
        "{passed} passed, {failed} failed",
        "fr": "dossier-preflight {version} : {count:plural:# fichier vérifié|# fichiers vérifiés} avec le jeu de "
        "règles {profile:quote}, {passed:plural:# réussi|# réussis}, {failed} en échec",
    },
    "md.strict": {"en": "Strict: warnings fail.", "fr": "Mode strict : les avertissements font échouer."},
    "md.file": {"en": "{mark} `{path}`: {verdict:msg}", "fr": "{mark} `{path}` : {verdict:msg}"},
    "md.passed": {"en": "passed", "fr": "réussi"},
    "md.failed": {"en": "failed", "fr": "en échec"},
    "md.checklist": {"en": "Checklist", "fr": "Liste des vérifications"},
    "md.failing": {"en": "Failing rules", "fr": "Règles en échec"},
    "md.findings": {"en": "Findings", "fr": "Constats"},
    "md.sizes": {"en": "Sizes", "fr": "Tailles"},
    "md.rule-line": {"en": "**`{rule}`**: {message}", "fr": "**`{rule}`** : {message}"},
    "md.checklist-line": {"en": "- [{box}] {icon} `{rule}`: {text}", "fr": "- [{box}] {icon} `{rule}` : {text}"},
    "md.fix": {"en": "Fix: {fix}", "fr": "Correction : {fix}"},
    "md.page": {"en": "page {page}", "fr": "page {page}"},
    "md.whole-file": {"en": "file", "fr": "fichier"},
    "md.more": {
        "en": "… and {count} more (`--verbose` shows all)",
        "fr": "… et {count:plural:# autre|# autres} (`--verbose` les montre tous)",
    },
    "md.col-file": {"en": "File", "fr": "Fichier"},
    "md.col-pages": {"en": "Pages", "fr": "Pages"},
    "md.col-size": {"en": "Size", "fr": "Taille"},
    "md.col-sections": {"en": "Pages per section", "fr": "Pages par section"},
    "md.section-pages": {"en": "{name:section} {count}", "fr": "{name:section} {count}"},
    "md.unknown": {"en": "unknown", "fr": "inconnu"},
    "md.changes": {"en": "Changes since {ref}", "fr": "Changements depuis {ref}"},
}


def say(message_id: str, language: str | None = None, /, **args: object) -> str:
    return render_template({**by_id(), **MESSAGES}, message_id, args, language or get_language())


_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def escape(text: str) -> str:
    """Text that Markdown shows as it is: no emphasis, links, HTML or table cells made by accident."""
    return _SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def render(report: RunReport, options: RenderOptions) -> str:
    language = report.language
    passed = sum(1 for file_report in report.files if file_report.passed)
    out = [
        "## "
        + escape(
            say(
                "md.title",
                language,
                version=report.tool_version,
                count=len(report.files),
                profile=report.profile,
                passed=passed,
                failed=len(report.files) - passed,
            )
        ),
        "",
    ]
    if report.strict:
        out += [say("md.strict", language), ""]
    for file_report in report.files:
        if options.quiet and file_report.passed:
            continue
        out += _file(file_report, report, options, language)
    out += _sizes(report, language)
    return "\n".join(out).rstrip("\n") + "\n"


def _file(file_report: FileReport, report: RunReport, options: RenderOptions, language: str) -> list[str]:
    verdict = "md.passed" if file_report.passed else "md.failed"
    mark = "✅" if file_report.passed else "❌"
    out = [f"### {say('md.file', language, mark=mark, path=file_report.path.replace('`', ''), verdict=verdict)}", ""]
    out += [f"**{say('md.checklist', language)}**", ""]
    for outcome in file_report.outcomes:
        if options.quiet and outcome.status not in (Status.FAIL, Status.ERROR):
            continue
        box, icon = MARK[outcome.status]
        text = outcome.summary if outcome.status is Status.PASS else outcome_message(outcome, options.snippets)
        out.append(say("md.checklist-line", language, box=box, icon=icon, rule=outcome.rule, text=escape(text)))
    out.append("")
    problems = [o for o in file_report.outcomes if o.findings and o.status is not Status.PASS]
    failing = [o for o in file_report.outcomes if o.status in (Status.FAIL, Status.ERROR)]
    if failing:
        out += [f"**{say('md.failing', language)}**", ""]
        for outcome in failing:
            message = escape(outcome_message(outcome, options.snippets))
            out.append("- " + say("md.rule-line", language, rule=outcome.rule, message=message))
        out.append("")
    if problems:
        out += [f"**{say('md.findings', language)}**", ""]
        for outcome in problems:
            out += _findings(outcome, report, options, language)
        out.append("")
    baseline = file_report.extra.get("baseline")
    if isinstance(baseline, Mapping):
        from preflight.diff import render_markdown

        out += [f"**{say('md.changes', language, ref=escape(str(baseline.get('ref', ''))))}**", ""]
        out += render_markdown(baseline, language, options.snippets)
        out.append("")
    return out


def _findings(outcome: Outcome, report: RunReport, options: RenderOptions, language: str) -> list[str]:
    out = [f"- `{outcome.rule}`"]
    shown = outcome.findings if options.verbose else outcome.findings[:MAX_FINDINGS_SHOWN]
    for item in shown:
        out += _finding(item, report, options, language)
    hidden = len(outcome.findings) - len(shown)
    if hidden:
        out.append("  - " + escape(say("md.more", language, count=hidden)))
    return out


def _finding(item: GradedFinding, report: RunReport, options: RenderOptions, language: str) -> list[str]:
    from preflight.i18n import t

    finding = item.finding
    level = Level.ERROR if report.strict and item.level is Level.WARNING else item.level
    where = say("md.page", language, page=finding.page) if finding.page is not None else say("md.whole-file", language)
    colon = "\u202f:" if language == "fr" else ":"
    label = t("level." + level.label, language=language)
    out = [f"  - **{label}**, {where}{colon} {escape(finding.shown(options.snippets))}"]
    if finding.snippet and options.snippets:
        from preflight.messages import quote

        out.append(f"    > {escape(quote(finding.snippet, language))}")
    if finding.source_line:
        from preflight.source_map import say as say_source

        out.append(f"    {escape(say_source('source.at', language, place='')).rstrip()} `{finding.source_line}`")
    if finding.fix:
        out.append(f"    *{escape(say('md.fix', language, fix=finding.fix))}*")
    return out


def _sizes(report: RunReport, language: str) -> list[str]:
    out = [f"### {say('md.sizes', language)}", ""]
    header = [say(key, language) for key in ("md.col-file", "md.col-pages", "md.col-size", "md.col-sections")]
    out.append("| " + " | ".join(header) + " |")
    out.append("|---|---:|---:|---|")
    for file_report in report.files:
        pages = str(file_report.pages) if file_report.pages is not None else say("md.unknown", language)
        size = (
            render_template({"_": {language: "{b:size}"}}, "_", {"b": file_report.bytes}, language)
            if file_report.bytes is not None
            else say("md.unknown", language)
        )
        sections = file_report.extra.get("sections")
        listed = ", ".join(
            say("md.section-pages", language, name=section["name"], count=section["pages"])
            for section in _section_list(sections)
        )
        out.append(f"| `{file_report.path.replace('`', '')}` | {pages} | {size} | {escape(listed) or '–'} |")
    return [*out, ""]


def _section_list(sections: Any) -> list[dict[str, Any]]:
    if not isinstance(sections, list):
        return []
    return [s for s in sections if isinstance(s, dict) and "name" in s and "pages" in s]
