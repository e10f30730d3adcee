"""'preflight fix': turn a refused dossier into an uploadable one, and prove that nothing was lost.

The rule set runs first; only the steps that failing rules need run, in this order:

1. ``encryption``: remove owner-password restrictions (a file that needs a password to open is refused).
2. ``active-content``: remove JavaScript and launch actions, flatten form fields; attachments only with
   ``drop_attachments``.
3. ``fonts-embedded``: Ghostscript embeds metric-compatible substitutes (Liberation fonts); their programs
   are grafted into the original file when its pages then render the same, else the Ghostscript output is
   used whole.
4. ``file-size``: when the file is over the point where file-size notes "near the limit" (its
   ``notice_ratio`` of ``max_bytes``), recompress losslessly, then re-encode images, largest first, until
   the file is under that point with a margin (``SizeTarget``): scans and photos become JPEG at
   ``jpeg_quality``, images drawn above ``max_dpi`` are downsampled (preflight.pdf.images states which
   images are left alone, and why). Only when that leaves the file over the limit itself do lower
   resolutions and qualities follow.
5. ``hidden-characters`` in metadata: clean title, author, subject and keywords.

Images are resized with pikepdf and Pillow rather than Ghostscript's downsampling: only the images
above the target resolution are touched, charts and line art stay lossless, and text, fonts, links and
bookmarks are left exactly as they were (a Ghostscript pass redraws every page).

Then the output is checked again and compared with the input: page count, page sizes, every page's
text (whitespace ignored), outline and links. Text lost or changed on any page is fatal.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from preflight.checks import Registry
from preflight.dossier import Dossier
from preflight.engine import check_file
from preflight.i18n import t
from preflight.model import FileReport, Status, make_visible
from preflight.pdf import ghostscript, images, rewrite
from preflight.rulesets import Rule, RuleSet

STEP_ORDER = ("encryption", "active-content", "fonts-embedded", "file-size", "hidden-characters")
STEP_TITLES = {  # message ids (preflight.i18n): t(STEP_TITLES[step]) is the title in the run's language
    "pdf-readable": "fix.step.pdf-readable",
    "encryption": "fix.step.encryption",
    "active-content": "fix.step.active-content",
    "fonts-embedded": "fix.step.fonts-embedded",
    "file-size": "fix.step.file-size",
    "hidden-characters": "fix.step.hidden-characters",
}
TARGET_MARGIN = 0.95
"""Aim 5 % below the point where file-size notes "near the limit", so one more page does not bring the note back."""
MIN_DPI = 150
"""Below this, figures lose legibility on paper; the size step stops there and explains instead."""
FALLBACK_ROUNDS = ((225, 80), (MIN_DPI, 75))
"""(dpi, JPEG quality) tried, in turn, only when the chosen ones leave the file over the limit itself."""
PASSES = 3
"""Image passes per setting: a pass counts its savings ahead of the save, which can end a little above the goal."""


@dataclass(frozen=True)
class FixOptions:
    drop_attachments: bool = False
    max_dpi: int = 300
    jpeg_quality: int = 85
    force: bool = False

    def __post_init__(self) -> None:
        if not 72 <= self.max_dpi <= 2400:
            raise ValueError(f"max_dpi must be between 72 and 2400, not {self.max_dpi}")
        if not 10 <= self.jpeg_quality <= 100:
            raise ValueError(f"jpeg_quality must be between 10 and 100, not {self.jpeg_quality}")


@dataclass(frozen=True)
class PlannedStep:
    step: str  # one of STEP_ORDER
    rule: str  # the rule that asked for it
    plan: tuple[str, ...]  # what it would do, in words


@dataclass
class StepReport:
    step: str
    rule: str
    actions: list[str]
    notes: list[str]
    bytes_before: int
    bytes_after: int
    failed: bool = False


@dataclass(frozen=True)
class Difference:
    what: str  # pages, page-size, text, outline, links
    message: str
    page: int | None = None
    fatal: bool = False
    added_text: str | None = None
    """For text that appeared in the output: what appeared (quoted), to say where it may come from."""


@dataclass(frozen=True)
class FontCount:
    embedded: int
    not_embedded: int


@dataclass(frozen=True)
class SizeTarget:
    """The sizes the file-size step works with, read from the run's file-size rule."""

    limit: int
    """max_bytes: over it, file-size fails."""
    near: int
    """notice_ratio of the limit: over it, file-size notes "near the limit"."""
    goal: int
    """What the step aims at: TARGET_MARGIN below ``near``."""
    rule: str = "file-size"

    @classmethod
    def of(cls, max_bytes: int, notice_ratio: float, rule: str = "file-size") -> SizeTarget:
        near = int(max_bytes * notice_ratio)
        return cls(int(max_bytes), near, int(near * TARGET_MARGIN), rule)


@dataclass
class FixResult:
    source: str
    output: str
    before: FileReport
    planned: list[PlannedStep] = field(default_factory=list)
    unfixable: list[str] = field(default_factory=list)  # failing rules no step can fix
    refused: str | None = None
    steps: list[StepReport] = field(default_factory=list)
    after: FileReport | None = None
    differences: list[Difference] = field(default_factory=list)
    fonts_before: FontCount | None = None
    fonts_after: FontCount | None = None
    written: bool = False
    withheld: str | None = None
    """Why the output was not written although nothing was lost: it is not a valid PDF, or nothing changed."""
    size_target: SizeTarget | None = None
    """The file-size rule's sizes, when the size step was planned."""

    @property
    def content_lost(self) -> bool:
        return any(difference.fatal for difference in self.differences)


class StepContext:
    """What a step may read: the options, the original dossier, a scratch folder, the size target."""

    def __init__(self, options: FixOptions, original: Dossier, workdir: Path, size_target: SizeTarget | None) -> None:
        self.options = options
        self.original = original
        self.workdir = workdir
        self.size_target = size_target


StepFunction = Callable[[Path, Path, StepContext], rewrite.Changes]


class SamePathError(ValueError):
    pass


class OutputError(ValueError):
    """The output cannot be written where asked: no such folder, or no permission. Exit 2."""


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file: same resolved path, or the same inode through a link."""
    if first.resolve() == second.resolve():
        return True
    try:
        return second.exists() and os.path.samefile(first, second)
    except OSError:
        return False


# ------------------------------------------------------------------------------------ the steps
def _step_encryption(source: Path, target: Path, context: StepContext) -> rewrite.Changes:
    return rewrite.remove_encryption(source, target)


def _step_active_content(source: Path, target: Path, context: StepContext) -> rewrite.Changes:
    return rewrite.remove_active_content(source, target, context.options.drop_attachments)


def _step_fonts(source: Path, target: Path, context: StepContext) -> rewrite.Changes:
    changes = rewrite.Changes()
    gs = ghostscript.find_ghostscript()
    if gs is None:
        changes.notes.append(t("fix.install-ghostscript"))
        shutil.copyfile(source, target)
        return changes
    # Fonts a page declares but never draws with need no program: drop them rather than embed them.
    cleaned = context.workdir / "unused-removed.pdf"
    rewrite.remove_unused_resources(source, cleaned)
    with Dossier(cleaned) as reread:
        missing = list(dict.fromkeys(font.display_name for font in reread.fonts if not font.embedded))
        in_annotations = any(
            "annotation" in place for font in reread.fonts if not font.embedded for place in font.places
        )
    unused = sorted({font.display_name for font in context.original.fonts if not font.embedded} - set(missing))
    if unused:
        changes.actions.append(t("fix.removed-unused-fonts", fonts=", ".join(unused)))
    if not missing:
        shutil.copyfile(cleaned, target)
        return changes
    source = cleaned
    plan = ghostscript.plan_fonts(missing)
    donor = context.workdir / "ghostscript.pdf"
    result = ghostscript.rewrite(gs, source, donor, plan, context.workdir)
    # Graft the fonts Ghostscript embedded into the original file, so that nothing else changes; a
    # full Ghostscript rewrite redraws every page and can lose text mappings (ToUnicode) on the way.
    grafted_path = context.workdir / "grafted.pdf"
    _grafted, not_found = rewrite.graft_embedded_fonts(source, donor, grafted_path, set(missing))
    looks_different = (
        ghostscript.pages_that_look_different(gs, source, grafted_path, context.workdir, plan)
        if not not_found
        else None
    )
    grafted_well = not not_found and looks_different == []
    if grafted_well:
        shutil.copyfile(grafted_path, target)
        changes.actions.append(t("fix.grafted"))
    else:
        if in_annotations:
            flat = context.workdir / "annotations-flattened.pdf"
            count = rewrite.flatten_all_annotations(source, flat)
            if count:
                changes.actions.append(t("fix.flattened-comments", count=count))
                result = ghostscript.rewrite(gs, flat, donor, plan, context.workdir)
        shutil.copyfile(donor, target)
        why = (
            t("fix.why-not-found", fonts=", ".join(not_found))
            if not_found
            else (
                t("fix.why-pages-look", pages=looks_different, count=len(looks_different))
                if looks_different
                else t("fix.why-render")
            )
        )
        changes.actions.append(t("fix.rewrote", why=why))
        changes.notes.extend(t("fix.ghostscript-message", message=message) for message in result.messages[:3])
    _describe_fonts(changes, missing, plan, result)
    return changes


def _describe_fonts(
    changes: rewrite.Changes, missing: list[str], plan: ghostscript.FontPlan, result: ghostscript.RewriteResult
) -> None:
    for name in dict.fromkeys(missing):
        if name in plan.mapped:
            family, _path = plan.mapped[name]
            changes.actions.append(t("fix.embedded-as", name=name, family=family))
        else:
            origin = result.loaded.get(name)
            used = Path(origin).name if origin else t("fix.default-substitute")
            changes.actions.append(t("fix.embedded-using", name=name, used=used))
        if name in plan.mapped and "installed here" in plan.mapped[name][0]:
            changes.actions[-1] = t("fix.embedded-from", name=name, file=Path(plan.mapped[name][1]).name)
    for name in plan.unmapped:
        if name in ("Symbol", "ZapfDingbats"):
            continue
        hint = t("fix.carlito-hint") if ghostscript.substitute_family(name) else ""
        changes.notes.append(t("fix.no-metric-font", name=name, hint=hint))


def _step_file_size(source: Path, target: Path, context: StepContext) -> rewrite.Changes:
    size_target = context.size_target or SizeTarget.of(10_000_000, 0.8)
    options = context.options
    lossless = context.workdir / "lossless.pdf"
    changes = rewrite.compress_lossless(source, lossless)
    best, size = lossless, lossless.stat().st_size
    chosen = images.ImagePolicy(options.max_dpi, options.jpeg_quality)
    last: images.Reduction | None = None
    if size > size_target.goal:
        best, size, last = _reduce_toward(best, size, size_target.goal, chosen, context.workdir, changes)
    policy = chosen
    if size > size_target.limit:
        # the chosen resolution and quality cannot even bring the file under the limit: lower them, just enough
        for dpi, quality in FALLBACK_ROUNDS:
            lower = images.ImagePolicy(min(dpi, options.max_dpi), min(quality, options.jpeg_quality))
            if lower == policy:
                continue
            before = size
            best, size, last = _reduce_toward(
                best, size, int(size_target.limit * TARGET_MARGIN), lower, context.workdir, changes
            )
            if size < before:
                policy = lower
            if size <= size_target.limit:
                break
        if policy != chosen:
            changes.notes.append(
                t("fix.dpi-not-enough", asked=options.max_dpi, dpi=float(policy.max_dpi), quality=policy.jpeg_quality)
            )
    shutil.copyfile(best, target)
    if size > size_target.limit:
        changes.notes.append(_why_still_large(best, size, size_target.limit))
    elif size > size_target.goal:
        changes.notes.append(_why_goal_missed(best, size, size_target, policy, last))
    else:
        changes.actions.append(
            t(
                "fix.goal-reached",
                size=size,
                goal=size_target.goal,
                near=size_target.near,
                limit=size_target.limit,
                rule=size_target.rule,
            )
        )
    return changes


def _reduce_toward(
    path: Path, size: int, goal: int, policy: images.ImagePolicy, workdir: Path, changes: rewrite.Changes
) -> tuple[Path, int, images.Reduction]:
    """Re-encode images, largest first, until the file is at ``goal``; the smallest file, its size, the last pass."""
    reduction = images.Reduction()
    rewritten: set[tuple[int, int]] = set()
    for _ in range(PASSES):
        attempt = workdir / f"images-{policy.max_dpi:.0f}-{policy.jpeg_quality}-{len(list(workdir.iterdir()))}.pdf"
        reduction = images.reduce_images(path, attempt, policy, size, goal, frozenset(rewritten))
        attempt_size = attempt.stat().st_size
        if not reduction.changed or attempt_size >= size:
            break
        changes.actions.extend(reduction.actions)
        changes.notes.extend(reduction.notes)
        rewritten |= reduction.rewritten
        path, size = attempt, attempt_size
        if size <= goal:
            break
    reduction.rewritten = rewritten
    return path, size, reduction


def _space_taken(path: Path, size: int) -> tuple[int, int, int]:
    """Bytes of the file's images, of its font programs, and of everything else."""
    with Dossier(path) as dossier:
        image_bytes = sum(image.stored_bytes for image in dossier.images)
        font_bytes = sum(font.program_bytes for font in dossier.fonts)
    return image_bytes, font_bytes, max(0, size - image_bytes - font_bytes)


def _why_goal_missed(
    path: Path, size: int, size_target: SizeTarget, policy: images.ImagePolicy, last: images.Reduction | None
) -> str:
    """Under the limit, over the goal: what takes the space, largest first, and why the images stay."""
    image_bytes, font_bytes, other_bytes = _space_taken(path, size)
    left = last.left if last is not None else {}
    reasons = [f"fix.left-{reason}" for reason in images.LEFT_REASONS if left.get(reason)]
    image_part = (
        t(
            "fix.space-images-left",
            size=image_bytes,
            rewritten=len(last.rewritten) if last is not None else 0,
            count=sum(left.values()),
            reasons=reasons,
        )
        if reasons
        else t("fix.space-images-only", size=image_bytes)
    )
    parts = sorted(
        [
            (font_bytes, t("fix.space-fonts-take", size=font_bytes)),
            (image_bytes, image_part),
            (other_bytes, t("fix.space-other", size=other_bytes)),
        ],
        key=lambda part: -part[0],
    )
    return t(
        "fix.goal-missed" if size > size_target.near else "fix.goal-margin-missed",
        rule=size_target.rule,
        size=size,
        goal=size_target.goal,
        near=size_target.near,
        dpi=float(policy.max_dpi),
        quality=policy.jpeg_quality,
        parts=[text for amount, text in parts if amount],
    )


def _why_still_large(path: Path, size: int, limit: int) -> str:
    with Dossier(path) as dossier:
        image_bytes = sum(image.stored_bytes for image in dossier.images)
        fonts = sum(font.program_bytes for font in dossier.fonts)
        attachments = [item.description for item in dossier.active_content if item.kind == "attachment"]
    parts = [t("fix.space-images", size=image_bytes / 1e6, dpi=MIN_DPI)]
    parts.append(t("fix.space-fonts", size=fonts / 1e6))
    if attachments:
        parts.append(t("fix.space-attachments", count=len(attachments)))
    return t("fix.still-large", size=size / 1e6, limit=limit / 1e6, parts=", ".join(parts))


def _step_metadata(source: Path, target: Path, context: StepContext) -> rewrite.Changes:
    return rewrite.clean_metadata(source, target)


STEPS: dict[str, StepFunction] = {
    "encryption": _step_encryption,
    "active-content": _step_active_content,
    "fonts-embedded": _step_fonts,
    "file-size": _step_file_size,
    "hidden-characters": _step_metadata,
}


# ----------------------------------------------------------------------------------- planning
def _failing_checks(report: FileReport, rule_set: RuleSet) -> dict[str, Rule]:
    """Failing rules by the check they run (the first rule per check)."""
    by_id = {rule.id: rule for rule in rule_set.rules}
    failing: dict[str, Rule] = {}
    for outcome in report.outcomes:
        rule = by_id.get(outcome.rule)
        if rule is not None and outcome.status is Status.FAIL:
            failing.setdefault(rule.check, rule)
    return failing


def size_target_of(rule_set: RuleSet) -> SizeTarget | None:
    """The size target of the run's file-size rule (the strictest, if several); None without one.

    A rule that mutes its "near-limit" note has no such point: it aims below the limit itself.
    """
    found: list[SizeTarget] = []
    for rule in rule_set.rules:
        if rule.check == "file-size":
            muted = "near-limit" in rule.muted
            ratio = 1.0 if muted else float(rule.options.notice_ratio)
            found.append(SizeTarget.of(int(rule.options.max_bytes), ratio, rule.id))
    return min(found, key=lambda target: target.goal) if found else None


def plan_fixes(
    report: FileReport, rule_set: RuleSet, registry: Registry, dossier: Dossier, options: FixOptions
) -> tuple[list[PlannedStep], list[str]]:
    """The steps the failing rules need, with what each would do; and the failing rules nothing here fixes."""
    failing = _failing_checks(report, rule_set)
    planned: list[PlannedStep] = []
    if "encryption" in failing and dossier.encryption is not None:
        restricted = dossier.encryption["restricted"]
        what = t("fix.restricts", what=", ".join(restricted)) if restricted else ""
        planned.append(PlannedStep("encryption", failing["encryption"].id, (t("fix.plan-encryption", what=what),)))
    if "active-content" in failing:
        planned.append(_plan_active_content(dossier, failing["active-content"].id, options))
    if "fonts-embedded" in failing:
        missing = list(dict.fromkeys(font.display_name for font in dossier.fonts if not font.embedded))
        if missing:
            planned.append(_plan_fonts(missing, failing["fonts-embedded"].id))
    size_step = _plan_size(dossier, rule_set, options, failing.get("file-size"))
    if size_step is not None:
        planned.append(size_step)
    dirty = rewrite.dirty_metadata(dossier.metadata)
    hidden_rule = next((rule for rule in rule_set.rules if rule.check == "hidden-characters"), None)
    # Before the hidden-characters check exists, dirty metadata is reason enough; once it does, the
    # rule decides (a warning counts: cleaning metadata loses nothing).
    hidden_status = {outcome.rule: outcome.status for outcome in report.outcomes}.get(
        hidden_rule.id if hidden_rule else ""
    )
    hidden_applies = "hidden-characters" not in registry.checks or hidden_status in (Status.FAIL, Status.WARN)
    if dirty and hidden_applies:
        cleaning = tuple(
            t("fix.plan-clean", key=key, before=make_visible(before), after=after)
            for key, (before, after) in dirty.items()
        )
        planned.append(PlannedStep("hidden-characters", hidden_rule.id if hidden_rule else "metadata", cleaning))
    fixable = {step.step for step in planned}
    unfixable = [rule.id for check, rule in failing.items() if check not in fixable]
    return planned, unfixable


def _plan_size(dossier: Dossier, rule_set: RuleSet, options: FixOptions, failing: Rule | None) -> PlannedStep | None:
    """The size step, when the file is over the limit or over the point where file-size notes "near the limit"."""
    size_target = size_target_of(rule_set)
    if size_target is None:
        return None
    if failing is None and dossier.size <= size_target.near:
        return None
    above = [image for image in dossier.images if image.dpi and image.dpi > options.max_dpi * images.DPI_SLACK]
    lossless = [
        image
        for image in dossier.images
        if image.stored_bytes >= images.SMALL_IMAGE_BYTES
        and not any(name in image.filters for name in ("DCT", "JBIG2", "CCITT", "JPX"))
    ]
    lines = [
        t(
            "fix.plan-target",
            rule=size_target.rule,
            size=dossier.size,
            goal=size_target.goal,
            near=size_target.near,
            limit=size_target.limit,
        ),
        t("fix.plan-lossless-only"),
        t(
            "fix.plan-images",
            lossless=len(lossless),
            above=len(above),
            dpi=options.max_dpi,
            quality=options.jpeg_quality,
        ),
    ]
    return PlannedStep("file-size", failing.id if failing is not None else size_target.rule, tuple(lines))


def _plan_active_content(dossier: Dossier, rule_id: str, options: FixOptions) -> PlannedStep:
    counts: dict[str, int] = {}
    for item in dossier.active_content:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    lines: list[str] = []
    if counts.get("javascript"):
        lines.append(t("fix.plan-javascript", count=counts["javascript"]))
    if counts.get("launch"):
        lines.append(t("fix.plan-launch", count=counts["launch"]))
    if counts.get("form-field"):
        lines.append(t("fix.plan-flatten", count=counts["form-field"]))
    if counts.get("xfa"):
        lines.append(t("fix.plan-xfa"))
    attachments = [item.description for item in dossier.active_content if item.kind == "attachment"]
    if attachments and options.drop_attachments:
        lines.append(t("fix.plan-drop-attachments", count=len(attachments), items="; ".join(attachments)))
    elif attachments:
        lines.append(t("fix.plan-keep-attachments", count=len(attachments), items="; ".join(attachments)))
    return PlannedStep("active-content", rule_id, tuple(lines))


def _plan_fonts(missing: list[str], rule_id: str) -> PlannedStep:
    if ghostscript.find_ghostscript() is None:
        return PlannedStep("fonts-embedded", rule_id, (t("fix.install-ghostscript"),))
    plan = ghostscript.plan_fonts(missing)
    lines = [t("fix.plan-fonts")]
    for name in missing:
        if name in plan.mapped:
            lines.append(t("fix.plan-embed-as", name=name, family=plan.mapped[name][0]))
        elif name in ("Symbol", "ZapfDingbats"):
            lines.append(t("fix.plan-embed-urw", name=name))
        else:
            lines.append(t("fix.plan-embed-closest", name=name))
    return PlannedStep("fonts-embedded", rule_id, tuple(lines))


# ---------------------------------------------------------------------------------- the proof
SYMBOL_LETTERS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ",
        strict=True,
    )
)
"""Adobe Symbol encoding: a non-embedded Symbol font reads 'b' where it draws β; once embedded it reads β."""


def _squeeze(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split())


def _excerpt(text: str, limit: int = 60) -> str:
    shown = make_visible(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def compare(before: Dossier, after: Dossier) -> list[Difference]:
    """What differs between the input and the output; text lost or changed is fatal."""
    differences: list[Difference] = []
    if before.page_count != after.page_count:
        differences.append(
            Difference(
                "pages", t("fix.page-count-changed", before=before.page_count, after=after.page_count), fatal=True
            )
        )
    for number, (size_in, size_out) in enumerate(zip(before.page_sizes, after.page_sizes, strict=False), 1):
        if abs(size_in[0] - size_out[0]) > 0.5 or abs(size_in[1] - size_out[1]) > 0.5:
            differences.append(
                Difference(
                    "page-size",
                    t("fix.page-size-changed", w_in=size_in[0], h_in=size_in[1], w_out=size_out[0], h_out=size_out[1]),
                    number,
                )
            )
    for page_in, page_out in zip(before.pages, after.pages, strict=False):
        differences.extend(_compare_text(page_in.number, page_in.text, page_out.text))
    outline_in = [(entry.level, entry.title, entry.page) for entry in before.outline]
    outline_out = [(entry.level, entry.title, entry.page) for entry in after.outline]
    if outline_in != outline_out:
        lost = [entry for entry in outline_in if entry not in outline_out]
        added = [entry for entry in outline_out if entry not in outline_in]
        detail = "; ".join(
            [t("fix.bookmark-lost", title=title, page=page) for _level, title, page in lost[:5]]
            + [t("fix.bookmark-new", title=title, page=page) for _level, title, page in added[:5]]
        )
        differences.append(
            Difference(
                "outline",
                t(
                    "fix.bookmarks-changed",
                    before=len(outline_in),
                    after=len(outline_out),
                    detail=detail or t("fix.bookmarks-order"),
                ),
            )
        )
    links_in = sorted((link.page, link.kind, link.target) for link in before.links)
    links_out = sorted((link.page, link.kind, link.target) for link in after.links)
    if links_in != links_out:
        lost_links = [link for link in links_in if link not in links_out]
        added_links = [link for link in links_out if link not in links_in]
        for page, kind, target in lost_links[:10]:
            differences.append(Difference("links", t("fix.link-lost", kind=kind, target=target), page))
        for page, kind, target in added_links[:10]:
            differences.append(Difference("links", t("fix.link-new", kind=kind, target=target), page))
    return differences


def _prove(original: Dossier, fixed: Dossier, workdir: Path) -> list[Difference]:
    """Compare input and output; a damaged input is compared through its repaired reading."""
    try:
        original.pages  # noqa: B018 - extract now, to know whether the input's text can be read
    except Exception as exc:
        repaired = workdir / "input-repaired.pdf"
        try:
            rewrite.repair(original.path, repaired)
            with Dossier(repaired) as baseline:
                baseline.pages  # noqa: B018
                note = Difference(
                    "text",
                    t("fix.input-repaired", error=type(exc).__name__),
                )
                return [note, *compare(baseline, fixed)]
        except Exception:
            return [
                Difference(
                    "text",
                    t("fix.input-unreadable"),
                    fatal=True,
                )
            ]
    try:
        return compare(original, fixed)
    except Exception as exc:
        return [Difference("text", t("fix.output-unreadable", error=f"{type(exc).__name__}: {exc}"), fatal=True)]


def _compare_text(page: int, text_in: str, text_out: str) -> list[Difference]:
    squeezed_in, squeezed_out = _squeeze(text_in), _squeeze(text_out)
    if squeezed_in == squeezed_out:
        return []
    matcher = difflib.SequenceMatcher(None, squeezed_in, squeezed_out, autojunk=False)
    lost: list[str] = []
    added: list[str] = []
    mapped: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = squeezed_in[i1:i2], squeezed_out[j1:j2]
        if (
            tag == "replace"
            and len(old) == len(new)
            and all(SYMBOL_LETTERS.get(a) == b for a, b in zip(old, new, strict=True))
        ):
            mapped.append(t("fix.mapped", old=old, new=new))
        elif tag == "delete":
            lost.append(t("fix.text-missing", text=_excerpt(squeezed_in[i1:i2])))
        elif tag == "replace":
            lost.append(t("fix.text-became", old=_excerpt(squeezed_in[i1:i2]), new=_excerpt(squeezed_out[j1:j2])))
        elif tag == "insert":
            added.append(_excerpt(squeezed_out[j1:j2]))
    found: list[Difference] = []
    if lost:
        shown = "; ".join(lost[:3]) + (t("fix.and-more", count=len(lost) - 3) if len(lost) > 3 else "")
        found.append(Difference("text", t("fix.text-lost", shown=shown), page, fatal=True))
    if added:
        shown = ", ".join(t("fix.quoted", text=text) for text in added[:3])
        found.append(Difference("text", t("fix.text-added-plain", shown=shown), page, added_text=shown))
    if mapped:
        found.append(Difference("text", t("fix.greek", mapped=", ".join(mapped[:5])), page))
    return found


def count_fonts(dossier: Dossier) -> FontCount:
    embedded = sum(1 for font in dossier.fonts if font.embedded)
    return FontCount(embedded, len(dossier.fonts) - embedded)


# ----------------------------------------------------------------------------------- the run
def fix_file(
    source: Path,
    output: Path,
    rule_set: RuleSet,
    registry: Registry,
    options: FixOptions,
    dry_run: bool = False,
) -> FixResult:
    """Fix source into output (never the same file); with dry_run, only plan."""
    if same_file(source, output):
        raise SamePathError(t("fix.same-path", output=output))
    if not dry_run:
        check_output_folder(output)
    before = check_file(source, rule_set, registry, str(source))
    result = FixResult(str(source), str(output), before)
    with Dossier(source) as original:
        if not original.readable:
            problem = original.problem
            assert problem is not None
            if problem.kind == "password":
                result.refused = t("fix.password-refused")
            else:
                result.refused = f"{problem.message}. {problem.fix}"
            return result
        if original.undecodable_contents:
            pages = [page for page, _ in original.undecodable_contents]
            result.refused = t("fix.undecodable-refused", pages=pages, reason=original.undecodable_contents[0][1])
            return result
        result.planned, result.unfixable = plan_fixes(before, rule_set, registry, original, options)
        if any(step.step == "file-size" for step in result.planned):
            result.size_target = size_target_of(rule_set)
        result.fonts_before = count_fonts(original)
        if dry_run or not result.planned:
            return result
        with tempfile.TemporaryDirectory(prefix="preflight-fix-") as scratch:
            workdir = Path(scratch)
            final = _run_steps(source, workdir, result, rule_set, original, options)
            result.after = check_file(final, rule_set, registry, str(output))
            with Dossier(final) as fixed:
                result.differences = _prove(original, fixed, workdir)
                result.fonts_after = count_fonts(fixed)
            flattened = any("flatten" in action for step in result.steps for action in step.actions)
            result.differences = [_added_text_is_a_change(d, flattened) for d in result.differences]
            invalid = validate_output(final, original.page_count)
            if invalid is not None:
                # Never published, not even with --force: a file that fails qpdf's check is not a fix.
                result.differences.append(Difference("validity", invalid, fatal=True))
                result.withheld = invalid
            elif any(step.failed for step in result.steps) and not any(
                step.actions for step in result.steps if not step.failed
            ):  # a step that could not run (Ghostscript past its budget) and nothing else: no copy of the input
                result.withheld = t("fix.nothing-changed")
            elif not result.content_lost or options.force:
                _publish(final, output)
                result.written = True
    return result


def _run_steps(
    source: Path, workdir: Path, result: FixResult, rule_set: RuleSet, original: Dossier, options: FixOptions
) -> Path:
    current = workdir / "input.pdf"
    shutil.copyfile(source, current)
    repaired = workdir / "repaired.pdf"
    if original.repair_warnings and _try(lambda: rewrite.repair(source, repaired)):
        # every later step, Ghostscript above all, reads the repaired structure rather than the damage
        actions = [t("fix.rebuilt", count=len(original.repair_warnings))]
        report = StepReport("pdf-readable", "pdf-readable", actions, [], current.stat().st_size, 0)
        current = repaired
        report.bytes_after = current.stat().st_size
        result.steps.append(report)
    planned = {step.step: step for step in result.planned}
    size_target = size_target_of(rule_set)
    context = StepContext(options, original, workdir, size_target)
    for index, step in enumerate(STEP_ORDER):
        planned_step = planned.get(step)
        if (
            planned_step is None
            and step == "file-size"
            and size_target is not None
            and current.stat().st_size > size_target.near
        ):
            # an earlier step (Ghostscript) made the file grow past the near-limit point: bring it back under
            planned_step = PlannedStep("file-size", size_target.rule, (t("fix.grew"),))
            result.size_target = size_target
        if planned_step is None and step == "fonts-embedded" and _needs_fonts_now(current, rule_set):
            # flattening form fields draws their values with the form's fonts, often not embedded
            planned_step = PlannedStep("fonts-embedded", "fonts-embedded", (t("fix.fonts-appeared"),))
        if planned_step is None:
            continue
        step_dir = workdir / f"step-{index}"
        step_dir.mkdir()
        target = workdir / f"{index}-{step}.pdf"
        before = current.stat().st_size
        report = StepReport(step, planned_step.rule, [], [], before, before)
        context.workdir = step_dir
        try:
            changes = STEPS[step](current, target, context)
        except Exception as exc:  # a step that cannot run leaves the file as it was and says why
            message = str(exc) or type(exc).__name__
            report.failed = True
            report.notes.append(t("fix.step-failed", message=message))
        else:
            report.actions, report.notes = changes.actions, changes.notes
            if target.is_file():
                current = target
        report.bytes_after = current.stat().st_size
        result.steps.append(report)
    return current


def _needs_fonts_now(current: Path, rule_set: RuleSet) -> bool:
    if not any(rule.check == "fonts-embedded" for rule in rule_set.rules):
        return False
    with Dossier(current) as dossier:
        return dossier.readable and any(not font.embedded for font in dossier.fonts)


def _try(action: Callable[[], None]) -> bool:
    try:
        action()
    except Exception:
        return False
    return True


def _added_text_is_a_change(difference: Difference, flattened: bool) -> Difference:
    """Text that appears is expected only where a step flattened form fields or comments; elsewhere it is a
    change of the text like any other, and the output is not written without --force."""
    if difference.added_text is None:
        return difference
    if flattened:
        message = t("fix.text-added-flattened", shown=difference.added_text)
        return Difference("text", message, difference.page, added_text=difference.added_text)
    return Difference("text", difference.message, difference.page, fatal=True, added_text=difference.added_text)


def check_output_folder(output: Path) -> None:
    """The output's folder exists and may be written; it is never created (a typo must not make folders)."""
    folder = output.parent
    if not folder.is_dir():
        raise OutputError(t("fix.no-output-folder", folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(t("fix.output-folder-denied", folder=folder))


def validate_output(path: Path, page_count: int) -> str | None:
    """Why the output may not be published (qpdf's check fails, or it reopens with another page count), or None."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            errors = [line for line in pdf.check_pdf_syntax() if line.startswith("ERROR")]
            pages = len(pdf.pages)
    except Exception as exc:
        return t("fix.output-does-not-reopen", error=f"{type(exc).__name__}: {exc}")
    if errors:
        return t("fix.output-fails-qpdf", error=errors[0])
    if pages != page_count:
        return t("fix.output-page-count", pages=pages, expected=page_count)
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _publish(final: Path, output: Path) -> None:
    """Write the output atomically: a temporary file in its folder, then a rename, with the user's umask."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as exc:
        raise OutputError(t("fix.cannot-write", path=output.parent, error=exc.strerror or exc)) from None
    os.close(handle)
    try:
        shutil.copyfile(final, temporary)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets, not for a dossier
        os.replace(temporary, output)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(t("fix.cannot-write", path=output, error=exc.strerror or exc)) from None
        raise


def rule_statuses(report: FileReport | None) -> dict[str, str]:
    return {outcome.rule: str(outcome.status) for outcome in report.outcomes} if report else {}


def describe_size(count: int) -> str:
    return f"{count / 1_000_000:.2f} MB ({count:,} bytes)"


def as_dict(result: FixResult) -> dict[str, Any]:
    """A plain summary for JSON output."""
    return {
        "input": result.source,
        "output": result.output if result.written else None,
        "refused": result.refused,
        "withheld": result.withheld,
        "planned": [{"step": s.step, "rule": s.rule, "plan": list(s.plan)} for s in result.planned],
        "unfixable": result.unfixable,
        "steps": [
            {
                "step": s.step,
                "rule": s.rule,
                "actions": s.actions,
                "notes": s.notes,
                "bytes_before": s.bytes_before,
                "bytes_after": s.bytes_after,
                "failed": s.failed,
            }
            for s in result.steps
        ],
        "differences": [
            {"what": d.what, "page": d.page, "message": d.message, "fatal": d.fatal} for d in result.differences
        ],
        "size_target": (
            {"limit": result.size_target.limit, "near": result.size_target.near, "goal": result.size_target.goal}
            if result.size_target
            else None
        ),
        "before": {"bytes": result.before.bytes, "rules": rule_statuses(result.before)},
        "after": {"bytes": result.after.bytes, "rules": rule_statuses(result.after)} if result.after else None,
    }
