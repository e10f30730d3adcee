"""Run a rule set on files: open each dossier once, run every rule on it, grade the findings."""

from __future__ import annotations

import dataclasses
import functools
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from preflight import __version__
from preflight.checks import Registry
from preflight.dossier import Dossier
from preflight.i18n import get_language, set_language, t
from preflight.messages import Catalogue
from preflight.model import FileReport, Finding, GradedFinding, Level, Outcome, RuleInfo, RunReport, Skip, Status
from preflight.pdf.budget import Budget
from preflight.rulesets import Rule, RuleSet

if TYPE_CHECKING:
    from preflight.paths import Stamp
    from preflight.pdf.structure import FontInfo
    from preflight.pdf.text import PageText
    from preflight.workers import TextAhead

READABLE_RULE = "pdf-readable"


def grade(findings: Iterable[Finding], rule_level: Level) -> tuple[GradedFinding, ...]:
    """Give each finding its level (its own, or the rule's) capped at the rule's level; sort by page."""
    graded = [
        GradedFinding(finding, min(finding.level if finding.level is not None else rule_level, rule_level))
        for finding in findings
    ]
    graded = [item for item in graded if item.level is not Level.OFF]
    return tuple(sorted(graded, key=lambda item: item.finding.page or 0))


def status_of(findings: tuple[GradedFinding, ...], strict: bool = False) -> Status:
    """Fail on an error; with ``strict``, on a warning too."""
    worst = max((item.level for item in findings), default=Level.OFF)
    if worst is Level.ERROR or (strict and worst is Level.WARNING):
        return Status.FAIL
    return Status.WARN if findings else Status.PASS


def headline(findings: tuple[GradedFinding, ...]) -> str:
    if not findings:
        return ""
    first = findings[0].finding.message
    if len(findings) == 1:
        return first
    counts = {level: sum(1 for item in findings if item.level is level) for level in Level}
    parts = [
        t(f"level.count-{level.label}", count=count) for level, count in sorted(counts.items(), reverse=True) if count
    ]
    return t("engine.findings", count=len(findings), parts=", ".join(parts))


def render_finding(finding: Finding, catalogue: Catalogue, language: str) -> Finding:
    """The finding with its message and fix written in ``language`` (and its message without the dossier's text)."""
    from preflight.messages import private_args, render_template, template_for

    if template_for(catalogue, finding.message_id, language) is None:
        # A plugin's plain text, or a finding already rendered (from the cache or another process).
        return finding if finding.message else dataclasses.replace(finding, message=finding.message_id)
    message = render_template(catalogue, finding.message_id, finding.args, language)
    private = private_args(catalogue, finding.message_id, finding.args)
    redacted = (
        render_template(catalogue, finding.message_id, finding.args, language, hide_text=True) if private else None
    )
    fix_id = finding.fix_id or f"{finding.message_id}.fix"
    fix = finding.fix
    if template_for(catalogue, fix_id, language) is not None:
        fix = render_template(catalogue, fix_id, finding.args, language)
    return dataclasses.replace(finding, message=message, fix=fix, redacted=redacted, private=private)


def run_rule(rule: Rule, registry: Registry, dossier: Dossier, summary: str, strict: bool = False) -> Outcome:
    from preflight.messages import render_template

    spec = registry.checks[rule.check]
    language = get_language()
    try:
        findings = grade(
            (
                render_finding(f, spec.messages, language)
                for f in spec.run(dossier, rule.options)
                if f.message_id not in rule.muted
            ),
            rule.level,
        )
    except Skip as skipped:
        message_id = getattr(skipped, "message_id", str(skipped))
        text = render_template(spec.messages, message_id, getattr(skipped, "message_args", {}), language)
        return Outcome(rule.id, summary, rule.level, Status.SKIP, text)
    except MemoryError:
        raise  # over the worker's memory limit: the whole file is over budget (preflight.workers), not one rule
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return Outcome(
            rule.id,
            summary,
            rule.level,
            Status.ERROR,
            t(
                "engine.crashed",
                error=f"{type(exc).__name__}: {exc}",
                where=f"{Path(where.filename).name}:{where.lineno}",
            ),
        )
    return Outcome(rule.id, summary, rule.level, status_of(findings, strict), headline(findings), findings)


def check_file(
    path: str | Path,
    rule_set: RuleSet,
    registry: Registry,
    display_name: str | None = None,
    strict: bool = False,
    text_ahead: Callable[[Stamp | None], list[PageText] | None] | None = None,
    fonts_ahead: Callable[[Stamp | None], list[FontInfo] | None] | None = None,
) -> FileReport:
    outcomes: list[Outcome] = []
    with Dossier(path, display_name) as dossier:
        dossier.section_config = rule_set.sections
        dossier.text_ahead = text_ahead
        dossier.fonts_ahead = fonts_ahead
        rules = list(rule_set.rules)
        if not dossier.readable and not any(rule.check == READABLE_RULE for rule in rules):
            # Never fail open: an unreadable file fails even when the rule set leaves this rule out.
            rules.insert(
                0, Rule(READABLE_RULE, READABLE_RULE, Level.ERROR, registry.checks[READABLE_RULE].options_type())
            )
        for rule in rules:
            spec = registry.checks[rule.check]
            summary = spec.summary_in(get_language())
            if not dossier.readable and spec.needs_readable_pdf:
                outcomes.append(Outcome(rule.id, summary, rule.level, Status.SKIP, t("engine.not-readable")))
                continue
            outcomes.append(run_rule(rule, registry, dossier, summary, strict))
        return FileReport(
            path=dossier.name,
            pages=dossier.page_count if dossier.readable else None,
            bytes=dossier.size,
            outcomes=tuple(outcomes),
            # Sections are shown only when a rule needed them, so reports do not pay for them otherwise.
            extra={
                **dossier.report_data,
                **({"sections": dossier.sections.to_dicts()} if "sections" in vars(dossier) else {}),
            },
        )


def unsearched_report(path: str, message: str, registry: Registry) -> FileReport:
    """A failing report for a path that could not be searched (unreadable folder, dangling link, link loop)."""
    spec = registry.checks[READABLE_RULE]
    finding = Finding(message, message=message, fix=t("engine.unsearched-fix"))
    outcome = Outcome(
        READABLE_RULE,
        spec.summary_in(get_language()),
        Level.ERROR,
        Status.FAIL,
        message,
        (GradedFinding(finding, Level.ERROR),),
    )
    return FileReport(path=path, pages=None, bytes=None, outcomes=(outcome,))


def over_budget_report(path: str, message_id: str, args: Mapping[str, object], registry: Registry) -> FileReport:
    """A failing pdf-readable report for a file whose check went past its time or memory budget
    (``message_id``: over-budget-time or over-budget-memory, pdf-readable's messages)."""
    spec = registry.checks[READABLE_RULE]
    limit = message_id.removeprefix("over-budget-")
    finding = render_finding(
        Finding(message_id, args, fix_id="over-budget.fix", data={"kind": "over-budget", "limit": limit}),
        spec.messages,
        get_language(),
    )
    outcome = Outcome(
        READABLE_RULE,
        spec.summary_in(get_language()),
        Level.ERROR,
        Status.FAIL,
        finding.message,
        (GradedFinding(finding, Level.ERROR),),
    )
    try:
        size: int | None = Path(path).stat().st_size
    except OSError:
        size = None
    return FileReport(path=path, pages=None, bytes=size, outcomes=(outcome,))


def rule_infos(rule_set: RuleSet, registry: Registry) -> tuple[RuleInfo, ...]:
    language = get_language()
    infos = []
    for rule in rule_set.rules:
        spec = registry.checks[rule.check]
        infos.append(
            RuleInfo(
                rule.id,
                rule.check,
                rule.level,
                spec.summary_in(language),
                spec.doc_in(language),
                rule.source_in(language),
                spec.messages,
            )
        )
    return tuple(infos)


@dataclass(frozen=True)
class RunSettings:
    """Everything a worker process needs to check a file as the parent would."""

    rule_set: RuleSet
    strict: bool = False
    language: str = "en"
    cache_dir: str | None = None
    cache_key: str | None = None
    """The cache's configuration key (preflight.cache.request_key); None: computed from the rule set."""


_worker_settings: RunSettings | None = None


def _init_worker(settings: RunSettings) -> None:
    global _worker_settings
    set_language(settings.language)
    _worker_settings = settings


def _check_in_worker(path: str) -> FileReport:
    from preflight.checks import load_registry

    assert _worker_settings is not None, "worker not initialised"
    return check_one(path, _worker_settings, load_registry())


def reads_path(rule_set: RuleSet, registry: Registry) -> bool:
    """A rule of the set reads the file's path: its cache entries are keyed on the path too."""
    return any(registry.checks[rule.check].reads_path for rule in rule_set.rules)


def check_one(
    path: str,
    settings: RunSettings,
    registry: Registry,
    text_ahead: Callable[[Stamp | None], list[PageText] | None] | None = None,
    fonts_ahead: Callable[[Stamp | None], list[FontInfo] | None] | None = None,
) -> FileReport:
    """Check one file, from the cache when an entry for this content and configuration exists."""
    cache = None
    content_hash = None
    name = None
    if settings.cache_dir is not None:
        from preflight.cache import ReportCache, file_sha256, settings_key

        cache = ReportCache(Path(settings.cache_dir), settings.cache_key or settings_key(settings))
        name = path if reads_path(settings.rule_set, registry) else None
        content_hash = file_sha256(path)
        if content_hash is not None:
            cached = cache.get(content_hash, path, name)
            if cached is not None:
                return cached
    report = check_file(path, settings.rule_set, registry, path, settings.strict, text_ahead, fonts_ahead)
    # The checks read the file after it was hashed: store the report only if the file still has the bytes
    # hashed, so a file rewritten during the check never leaves its new outcome under the old content's hash.
    if cache is not None and content_hash is not None and not report.crashed and file_sha256(path) == content_hash:
        cache.put(content_hash, report, name)
    return report


def _check_bounded(
    names: list[str],
    settings: RunSettings,
    registry: Registry,
    budget: Budget,
    jobs: int,
    reports: list[FileReport | None],
    on_done: Callable[[int], None] | None,
    text_ahead: TextAhead | None = None,
) -> None:
    """Each file in a worker of its own; a file over its time or memory budget fails pdf-readable.

    ``text_ahead``, for a single file, is its text already being read in another process."""
    import contextlib

    # Imported once here rather than once per forked worker: a batch of 50 files then pays for them once.
    # PDFium reads the text; a file whose text is read ahead needs it only if a check renders a page.
    import pikepdf  # noqa: F401

    from preflight import workers
    from preflight.pdf import structure  # noqa: F401

    if text_ahead is None:
        from preflight.pdf import pdfium_text

        pdfium_text.preload()
    from preflight.pdf.budget import MB

    ahead = text_ahead if len(names) == 1 else None
    work = functools.partial(
        check_one,
        settings=settings,
        registry=registry,
        text_ahead=ahead.pages if ahead is not None else None,
        fonts_ahead=ahead.fonts if ahead is not None else None,
    )
    results = workers.run_each(names, work, budget, jobs)
    with contextlib.closing(results):
        for index, result in results:
            if isinstance(result, workers.Done):
                reports[index] = result.value
            elif isinstance(result, workers.OverTime):
                args: dict[str, object] = {"seconds": result.seconds}
                reports[index] = over_budget_report(names[index], "over-budget-time", args, registry)
            elif isinstance(result, workers.OutOfMemory):
                args = {"megabytes": budget.memory_bytes // MB, "cause": result.detail or "MemoryError"}
                reports[index] = over_budget_report(names[index], "over-budget-memory", args, registry)
            else:
                continue  # e.g. findings that cannot cross processes: checked again by the caller, in this process
            if on_done:
                on_done(1)


def check_files(
    paths: Iterable[str | Path],
    rule_set: RuleSet,
    registry: Registry,
    *,
    jobs: int = 1,
    strict: bool = False,
    cache_dir: str | Path | None = None,
    cache_key: str | None = None,
    on_done: Callable[[int], None] | None = None,
    budget: Budget | None = None,
    text_ahead: TextAhead | None = None,
) -> RunReport:
    """Check every file, in parallel processes when ``jobs`` > 1; the report keeps the order given.

    With ``cache_dir``, outcomes are reused and stored under ``cache_key`` (the command line's
    preflight.cache.request_key), or under a key computed from the rule set. With ``budget``, each
    file is checked in a worker process of its own, within the budget's time and memory (preflight.workers);
    without, in this process (or a process pool), with the budget's stream caps only.
    """
    names = [str(path) for path in paths]
    settings = RunSettings(rule_set, strict, get_language(), str(cache_dir) if cache_dir is not None else None)
    if cache_dir is not None:
        from preflight.cache import settings_key

        settings = dataclasses.replace(settings, cache_key=cache_key or settings_key(settings))
    reports: list[FileReport | None] = [None] * len(names)
    from preflight import workers

    if budget is not None and workers.can_isolate():
        _check_bounded(names, settings, registry, budget, jobs, reports, on_done, text_ahead)
    elif jobs > 1 and len(names) > 1:
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        try:
            with ProcessPoolExecutor(
                max_workers=min(jobs, len(names)), initializer=_init_worker, initargs=(settings,)
            ) as pool:
                futures = {pool.submit(_check_in_worker, name): index for index, name in enumerate(names)}
                for future in as_completed(futures):
                    try:
                        reports[futures[future]] = future.result()
                    except BrokenProcessPool:
                        raise
                    except Exception:
                        continue  # e.g. findings that cannot cross processes: checked again below, in this process
                    if on_done:
                        on_done(1)
        except (BrokenProcessPool, OSError):
            pass  # a worker died or no process could start: what is left is checked below, in this process
    for index, name in enumerate(names):
        if reports[index] is None:
            reports[index] = check_one(name, settings, registry)
            if on_done:
                on_done(1)
    infos = rule_infos(rule_set, registry)
    if settings.cache_dir is not None and settings.cache_key is not None:
        # Written only now, after the rule set was resolved and validated: what lets a later run with the
        # same key be answered from the cache without loading the checks.
        from preflight.cache import ReportCache, RunEntry

        entry = RunEntry(rule_set.name, infos, reads_path(rule_set, registry), registry.load_errors)
        ReportCache(Path(settings.cache_dir), settings.cache_key).put_run(entry)
    return RunReport(
        profile=rule_set.name,
        files=tuple(report for report in reports if report is not None),
        tool_version=__version__,
        rules=infos,
        strict=strict,
        language=get_language(),
    )
