"""What changed between two versions of a dossier: `preflight diff OLD.pdf NEW.pdf` and `check --baseline REF`.

Compared: the page count and the pages of each section (project 14 -> 16 pages), the file's size, the fonts
(added, no longer used, no longer embedded, now embedded) and the findings, new and fixed. Two findings are
the same when their rule, message id and page are (their wording, language and quoted text do not count), or,
on different pages, when their rule, message id and arguments (numbers aside) are: a page added before a
finding moves it, and it is neither new nor fixed.

``--baseline REF`` reads the same path's PDF at a git revision with ``git show REF:./path`` (run in the file's
folder; nothing is checked out) into a temporary folder, under the same file name.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from preflight.model import FileReport, Status

MESSAGES: dict[str, dict[str, str]] = {
    "diff.title": {"en": "Changes from {old} to {new}", "fr": "Changements de {old} à {new}"},
    "diff.pages": {
        "en": "pages: {old} → {new}",
        "fr": "pages : {old} → {new}",
    },
    "diff.size": {
        "en": "size: {old:size} → {new:size}",
        "fr": "taille : {old:size} → {new:size}",
    },
    "diff.section": {
        "en": "{name:section}: {old:plural:# page|# pages} → {new:plural:# page|# pages}",
        "fr": "{name:section} : {old:plural:# page|# pages} → {new:plural:# page|# pages}",
    },
    "diff.section-new": {
        "en": "{name:section}: new, {new:plural:# page|# pages}",
        "fr": "{name:section} : nouvelle partie, {new:plural:# page|# pages}",
    },
    "diff.section-gone": {
        "en": "{name:section}: no longer found (it had {old:plural:# page|# pages})",
        "fr": "{name:section} : partie qui n’est plus repérée (elle comptait {old:plural:# page|# pages})",
    },
    "diff.fonts-added": {"en": "fonts added: {fonts:quoted-list}", "fr": "polices ajoutées : {fonts:quoted-list}"},
    "diff.fonts-removed": {
        "en": "fonts no longer used: {fonts:quoted-list}",
        "fr": "polices qui ne sont plus utilisées : {fonts:quoted-list}",
    },
    "diff.fonts-unembedded": {
        "en": "fonts no longer embedded: {fonts:quoted-list}",
        "fr": "polices qui ne sont plus incorporées : {fonts:quoted-list}",
    },
    "diff.fonts-embedded": {
        "en": "fonts now embedded: {fonts:quoted-list}",
        "fr": "polices désormais incorporées : {fonts:quoted-list}",
    },
    "diff.new-findings": {
        "en": "{count:plural:# new finding|# new findings}:",
        "fr": "{count:plural:# nouveau constat|# nouveaux constats} :",
    },
    "diff.fixed-findings": {
        "en": "{count:plural:# finding fixed|# findings fixed}:",
        "fr": "{count:plural:# constat corrigé|# constats corrigés} :",
    },
    "diff.finding-page": {"en": "{rule}, page {page}: {message}", "fr": "{rule}, page {page} : {message}"},
    "diff.finding-file": {"en": "{rule}: {message}", "fr": "{rule} : {message}"},
    "diff.no-change": {
        "en": "no change in pages, sections, size, fonts or findings",
        "fr": "aucun changement des pages, des sections, de la taille, des polices ni des constats",
    },
    "diff.no-previous": {
        "en": "{path}: no previous version at {ref} (a new file): nothing to compare",
        "fr": "{path} : aucune version précédente à {ref} (un nouveau fichier) : rien à comparer",
    },
    "diff.git-error": {
        "en": "cannot read {path} at {ref} with git: {error}",
        "fr": "impossible de lire {path} à {ref} avec git : {error}",
    },
    "diff.not-a-repository": {
        "en": (
            "{path} is not in a git repository: --baseline reads its previous version from git "
            "('preflight diff OLD.pdf NEW.pdf' compares two files)"
        ),
        "fr": (
            "{path} n’est pas dans un dépôt git : --baseline lit sa version précédente avec git "
            "(« preflight diff ANCIEN.pdf NOUVEAU.pdf » compare deux fichiers)"
        ),
    },
    "diff.unknown-revision": {
        "en": (
            "“{ref}” is no revision of the git repository of {path}: give a commit, tag or branch "
            "('git log' lists them; HEAD~1 needs two commits, and in CI a clone with fetch-depth 2 or more)"
        ),
        "fr": (
            "« {ref} » n’est pas une révision du dépôt git de {path} : donnez un commit, une étiquette ou une "
            "branche (« git log » les liste ; HEAD~1 demande deux commits et, en intégration continue, un clone "
            "avec fetch-depth 2 ou plus)"
        ),
    },
    "diff.unreadable": {
        "en": "{path} cannot be read as a PDF: {problem}",
        "fr": "{path} ne peut pas être lu comme un PDF : {problem}",
    },
}


def say(message_id: str, language: str | None = None, /, **args: object) -> str:
    from preflight.i18n import by_id, get_language
    from preflight.messages import render_template

    return render_template({**by_id(), **MESSAGES}, message_id, args, language or get_language())


class BaselineError(Exception):
    """The previous version cannot be read (not a git repository, an unknown revision)."""


# ------------------------------------------------------------------------------------------ facts
def facts(path: str | Path, report: FileReport, section_config: Mapping[str, Any], snippets: bool) -> dict[str, Any]:
    """What a comparison needs of one version: pages, size, pages per section, fonts, findings."""
    from preflight.dossier import Dossier

    sections: dict[str, int] = {}
    fonts: dict[str, bool] = {}
    with Dossier(path, report.path) as dossier:
        if dossier.readable:
            dossier.section_config = section_config
            for section in dossier.sections.all():
                sections[section.name] = sections.get(section.name, 0) + section.page_count
            for font in dossier.fonts:
                fonts[font.display_name] = fonts.get(font.display_name, True) and font.embedded
    findings = [
        {
            "rule": outcome.rule,
            "message_id": item.finding.message_id or item.finding.message,
            "page": item.finding.page,
            "message": item.finding.shown(snippets),
            "same": _arguments_key(item.finding.args),
        }
        for outcome in report.outcomes
        if outcome.status is not Status.ERROR
        for item in outcome.findings
    ]
    return {
        "path": report.path,
        "pages": report.pages,
        "bytes": report.bytes,
        "sections": sections,
        "fonts": fonts,
        "findings": findings,
    }


def compare(old: Mapping[str, Any], new: Mapping[str, Any], ref: str | None = None) -> dict[str, Any]:
    """The changes from ``old`` to ``new`` (each from ``facts``), JSON-ready."""
    old_sections: dict[str, int] = old["sections"]
    new_sections: dict[str, int] = new["sections"]
    names = [*new_sections, *(name for name in old_sections if name not in new_sections)]
    sections = [
        {"name": name, "old": old_sections.get(name), "new": new_sections.get(name)}
        for name in names
        if old_sections.get(name) != new_sections.get(name)
    ]
    old_fonts: dict[str, bool] = old["fonts"]
    new_fonts: dict[str, bool] = new["fonts"]

    def key(finding: Mapping[str, Any]) -> tuple[str, str, int]:
        return (finding["rule"], finding["message_id"], finding["page"] or 0)

    old_count = Counter(key(f) for f in old["findings"])
    new_count = Counter(key(f) for f in new["findings"])
    added = _beyond(new["findings"], old_count, key)
    fixed = _beyond(old["findings"], new_count, key)

    # Left over on both sides: the same finding on another page (pages added or removed before it).
    def moved(finding: Mapping[str, Any]) -> tuple[str, str, str] | None:
        same = finding.get("same")
        return None if same is None else (finding["rule"], finding["message_id"], same)

    left = Counter(moved(f) for f in fixed if moved(f) is not None)
    still = Counter(moved(f) for f in added if moved(f) is not None)
    pairs = left & still
    added = _unpaired(added, pairs, moved)
    fixed = _unpaired(fixed, pairs, moved)
    return {
        "ref": ref if ref is not None else old["path"],
        "old": {"path": old["path"], "pages": old["pages"], "bytes": old["bytes"]},
        "new": {"path": new["path"], "pages": new["pages"], "bytes": new["bytes"]},
        "sections": sections,
        "fonts_added": sorted(set(new_fonts) - set(old_fonts)),
        "fonts_removed": sorted(set(old_fonts) - set(new_fonts)),
        "fonts_no_longer_embedded": sorted(n for n in new_fonts if old_fonts.get(n) is True and not new_fonts[n]),
        "fonts_now_embedded": sorted(n for n in new_fonts if old_fonts.get(n) is False and new_fonts[n]),
        "findings_new": added,
        "findings_fixed": fixed,
    }


def _beyond(findings: list[dict[str, Any]], other: Counter[tuple[str, str, int]], key: Any) -> list[dict[str, Any]]:
    """The findings that the other version has fewer of (each kind counted, so a second copy is new)."""
    left = Counter(other)
    out = []
    for finding in findings:
        if left[key(finding)] > 0:
            left[key(finding)] -= 1
        else:
            out.append({name: finding.get(name) for name in ("rule", "message_id", "page", "message", "same")})
    return out


def _unpaired(findings: list[dict[str, Any]], pairs: Counter[Any], moved: Any) -> list[dict[str, Any]]:
    """``findings`` less those of the kinds ``pairs`` counts (as many of each), without the matching key."""
    left = Counter(pairs)
    out = []
    for finding in findings:
        kind = moved(finding)
        if kind is not None and left[kind] > 0:
            left[kind] -= 1
            continue
        out.append({name: finding[name] for name in ("rule", "message_id", "page", "message")})
    return out


def _arguments_key(args: Mapping[str, object]) -> str | None:
    """The finding's arguments as one comparable string, numbers left out: a page added before a finding moves
    it and changes the pages it names ("pages 5-13" becomes "pages 6-14"), and it is still the same finding.
    None when they cannot be written as JSON."""
    import json

    def words(value: object) -> object:
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, (int, float)):
            return "#"
        if isinstance(value, Mapping):
            return {str(key): words(item) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            kept = [words(item) for item in value]
            return [item for item in kept if item != "#"]
        return value

    try:
        return json.dumps(words(args), sort_keys=True, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------------------- rendering
def lines(change: Mapping[str, Any], language: str | None = None) -> list[tuple[int, str]]:
    """(indent level, line) pairs, shared by the text and Markdown renderings."""
    out: list[tuple[int, str]] = []
    if change.get("missing"):
        return [(0, say("diff.no-previous", language, path=change["new"]["path"], ref=change["ref"]))]
    old, new = change["old"], change["new"]
    if old["pages"] != new["pages"]:
        out.append((0, say("diff.pages", language, old=old["pages"], new=new["pages"])))
    for section in change["sections"]:
        if section["old"] is None:
            out.append((0, say("diff.section-new", language, name=section["name"], new=section["new"])))
        elif section["new"] is None:
            out.append((0, say("diff.section-gone", language, name=section["name"], old=section["old"])))
        else:
            out.append((0, say("diff.section", language, **section)))
    if old["bytes"] != new["bytes"] and old["bytes"] is not None and new["bytes"] is not None:
        out.append((0, say("diff.size", language, old=old["bytes"], new=new["bytes"])))
    for field, message_id in (
        ("fonts_added", "diff.fonts-added"),
        ("fonts_removed", "diff.fonts-removed"),
        ("fonts_no_longer_embedded", "diff.fonts-unembedded"),
        ("fonts_now_embedded", "diff.fonts-embedded"),
    ):
        if change[field]:
            out.append((0, say(message_id, language, fonts=change[field])))
    for field, message_id in (("findings_new", "diff.new-findings"), ("findings_fixed", "diff.fixed-findings")):
        if change[field]:
            out.append((0, say(message_id, language, count=len(change[field]))))
            for finding in change[field]:
                kind = "diff.finding-page" if finding["page"] is not None else "diff.finding-file"
                out.append((1, say(kind, language, **finding)))
    return out or [(0, say("diff.no-change", language))]


def render_text(change: Mapping[str, Any], language: str | None = None) -> str:
    title = say("diff.title", language, old=change["ref"], new=change["new"]["path"])
    body = [("  " * (1 + depth)) + line for depth, line in lines(change, language)]
    return "\n".join([title, *body]) + "\n"


def render_markdown(change: Mapping[str, Any], language: str | None = None, snippets: bool = True) -> list[str]:
    from preflight.reporters.markdown import escape

    return [("  " * depth) + "- " + escape(line) for depth, line in lines(change, language)]


# ------------------------------------------------------------------------------------------ git
@contextmanager
def previous_version(path: str, ref: str) -> Iterator[tuple[Path, str] | None]:
    """The file at ``path`` as it was at git revision ``ref``, in a temporary folder under the same name, and its
    path then (another when git sees a rename); None if it did not exist."""
    file = Path(path)
    folder = file.parent
    try:
        done = subprocess.run(["git", "show", f"{ref}:./{file.name}"], cwd=folder, capture_output=True, check=False)
    except OSError as error:
        raise BaselineError(say("diff.git-error", path=path, ref=ref, error=error.strerror or error)) from None
    renamed: str | None = None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        if _is_missing(message, folder, ref):
            # A renamed dossier is compared with its version under the old name, as git sees the rename.
            renamed = _old_name(file, ref)
            if renamed is not None:
                done = subprocess.run(["git", "show", f"{ref}:./{renamed}"], cwd=folder, capture_output=True)
            if renamed is None or done.returncode != 0:
                yield None
                return
        else:
            raise BaselineError(_git_problem(message, path, ref))
    with tempfile.TemporaryDirectory(prefix="preflight-baseline-") as temporary:
        target = Path(temporary) / file.name
        target.write_bytes(done.stdout)
        yield target, path if renamed is None else (folder / renamed).as_posix()


def _git_problem(message: str, path: str, ref: str) -> str:
    """git's refusal in the run's language when it is a usual one, else git's own last line."""
    lowered = message.lower()
    if "not a git repository" in lowered:
        return say("diff.not-a-repository", path=path)
    if any(words in lowered for words in ("invalid object name", "unknown revision", "bad revision")):
        return say("diff.unknown-revision", path=path, ref=ref)
    return say("diff.git-error", path=path, ref=ref, error=message.splitlines()[-1] if message else "")


def _old_name(file: Path, ref: str) -> str | None:
    """The name ``file`` had at ``ref`` when git sees it as renamed since (in its folder), else None."""
    done = subprocess.run(
        ["git", "diff", "--relative", "-M", "--name-status", "-z", ref, "--"],
        cwd=file.parent,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    index = 0
    while index < len(fields):
        status = fields[index]
        if status.startswith(("R", "C")) and index + 2 < len(fields):
            if fields[index + 2] == file.name:
                return fields[index + 1]
            index += 3
        else:
            index += 2
    return None


def _is_missing(message: str, folder: Path, ref: str) -> bool:
    """git's answer means "no such file at that revision" (or no commit yet), not "no repository"."""
    if "exists on disk, but not in" in message or "does not exist in" in message:
        return True
    # A repository without any commit: HEAD names nothing yet, so every file is new.
    probe = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=folder, capture_output=True)
    inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True)
    return inside.returncode == 0 and probe.returncode != 0 and ref == "HEAD"


# ------------------------------------------------------------------------------------ the two uses
def change_between(
    old_path: str | Path,
    new_path: str | Path,
    rule_set: Any,
    registry: Any,
    *,
    new_report: FileReport | None = None,
    old_report: FileReport | None = None,
    old_name: str | None = None,
    ref: str | None = None,
    strict: bool = False,
    snippets: bool = True,
) -> dict[str, Any]:
    """Check both versions against ``rule_set`` (their reports may be given) and compare them.

    The old version is checked under the new one's name, so that a rule reading the name (filename) sees
    the same name in both."""
    from preflight.engine import check_file

    if new_report is None:
        new_report = check_file(new_path, rule_set, registry, str(new_path), strict)
    if old_report is None:
        old_report = check_file(old_path, rule_set, registry, new_report.path, strict)
    old_facts = facts(old_path, old_report, rule_set.sections, snippets)
    old_facts["path"] = old_name or str(old_path)
    return compare(old_facts, facts(new_path, new_report, rule_set.sections, snippets), ref)


def unreadable(report: FileReport) -> str | None:
    """Why ``report``'s file is no PDF that can be compared (not a PDF, damaged, password), else None."""
    if report.pages is not None:
        return None
    for outcome in report.outcomes:
        if outcome.rule == "pdf-readable" and outcome.findings:
            return outcome.findings[0].finding.message or outcome.message
    return next((outcome.message for outcome in report.outcomes if outcome.message), "")


def baseline_change(
    new_report: FileReport,
    ref: str,
    rules: Callable[[], tuple[Any, Any]],
    *,
    strict: bool = False,
    snippets: bool = True,
    cache_dir: Path | None = None,
    cache_key: str | None = None,
) -> dict[str, Any]:
    """The changes since the same path's file at git revision ``ref`` (``{"missing": true}`` for a new file).

    ``rules()`` gives (rule set, registry), asked only when the comparison is not in the cache: with
    ``cache_dir`` and ``cache_key`` (the run's request key), a comparison of the same two contents under the
    same name and configuration is answered from the cache, so a repeat of the hook stays fast."""
    path = new_report.path
    with previous_version(path, ref) as found:
        if found is None:
            return {"ref": ref, "missing": True, "new": {"path": path, "pages": new_report.pages}}
        old_file, old_path = found
        old_name = f"{ref}:{old_path}"
        entry = None
        if cache_dir is not None and cache_key is not None:
            entry = _cache_entry(cache_dir, cache_key, old_file, path, old_name, snippets)
            if entry is not None:
                from preflight.cache import read_entry

                data = read_entry(entry[0])
                if isinstance(data, dict) and data.get("key") == entry[1] and isinstance(data.get("change"), dict):
                    return dict(data["change"])
        rule_set, registry = rules()
        change = change_between(
            old_file,
            path,
            rule_set,
            registry,
            new_report=new_report,
            old_name=old_name,
            ref=ref,
            strict=strict,
            snippets=snippets,
        )
        if entry is not None:
            from preflight.cache import write_entry

            write_entry(entry[0], {"key": entry[1], "change": change})
        return change


def _cache_entry(
    cache_dir: Path, cache_key: str, old_file: Path, path: str, old_name: str, snippets: bool
) -> tuple[Path, str] | None:
    """Where a comparison is cached (beside the file entries, pruned with them), and its key."""
    import hashlib

    from preflight.cache import ENTRY_FORMAT, file_sha256

    old_hash, new_hash = file_sha256(old_file), file_sha256(path)
    if old_hash is None or new_hash is None:
        return None
    key = hashlib.sha256(
        "\0".join(["baseline", old_hash, new_hash, cache_key, path, old_name, str(snippets)]).encode("utf-8")
    ).hexdigest()
    return cache_dir / f"v{ENTRY_FORMAT}" / key[:2] / f"{key}.json", key
