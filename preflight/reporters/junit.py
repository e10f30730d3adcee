"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure): one testcase per file and rule.

A failing rule is a <failure> listing its findings, a crashed check an <error>, a rule that does not
apply <skipped>; warnings on a passing rule go to the testcase's <system-out>.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from preflight.i18n import get_language, t
from preflight.messages import quote
from preflight.model import FileReport, Outcome, RunReport, Status
from preflight.reporters import RenderOptions, outcome_message

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """XML 1.0 cannot hold control characters: show them as ⟦U+0001⟧ instead."""
    return _NOT_XML.sub(lambda match: f"⟦U+{ord(match.group()):04X}⟧", text)


def findings_text(outcome: Outcome, options: RenderOptions) -> str:
    lines = []
    for item in outcome.findings:
        finding = item.finding
        where = t("text.page", page=finding.page) if finding.page is not None else t("text.whole-file")
        colon = "\u202f:" if get_language() == "fr" else ":"
        lines.append(f"{where}{colon} {t('level.' + item.level.label)}{colon} {finding.shown(options.snippets)}")
        if finding.snippet and options.snippets:
            lines.append(f"    {quote(finding.snippet)}")
        if finding.fix:
            lines.append(f"    {t('junit.fix', fix=finding.fix)}")
    return xml_text("\n".join(lines))


def _counts(outcomes: tuple[Outcome, ...]) -> dict[str, str]:
    return {
        "tests": str(len(outcomes)),
        "failures": str(sum(1 for o in outcomes if o.status is Status.FAIL)),
        "errors": str(sum(1 for o in outcomes if o.status is Status.ERROR)),
        "skipped": str(sum(1 for o in outcomes if o.status is Status.SKIP)),
    }


def _suite(file_report: FileReport, report: RunReport, options: RenderOptions) -> ET.Element:
    suite = ET.Element("testsuite", {"name": xml_text(file_report.path), **_counts(file_report.outcomes), "time": "0"})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", {"name": "profile", "value": report.profile})
    if file_report.pages is not None:
        ET.SubElement(properties, "property", {"name": "pages", "value": str(file_report.pages)})
    for outcome in file_report.outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": xml_text(file_report.path), "name": outcome.rule, "file": xml_text(file_report.path)},
        )
        message = xml_text(outcome_message(outcome, options.snippets))
        if outcome.status is Status.FAIL:
            failure = ET.SubElement(case, "failure", {"message": message, "type": outcome.rule})
            failure.text = findings_text(outcome, options)
        elif outcome.status is Status.ERROR:
            ET.SubElement(case, "error", {"message": message, "type": "crash"}).text = message
        elif outcome.status is Status.SKIP:
            ET.SubElement(case, "skipped", {"message": message})
        elif outcome.status is Status.WARN:
            ET.SubElement(case, "system-out").text = findings_text(outcome, options)
    return suite


def render(report: RunReport, options: RenderOptions) -> str:
    every = tuple(outcome for file_report in report.files for outcome in file_report.outcomes)
    root = ET.Element("testsuites", {"name": "dossier-preflight", **_counts(every), "time": "0"})
    for file_report in report.files:
        root.append(_suite(file_report, report, options))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
