"""The tool's own words in English and French: a small catalogue, one dict per language.

Checks write their own messages; a check may offer French for its summary and documentation with the
optional module attributes ``SUMMARY_FR`` and ``DOC_FR``, and may word its messages with ``t()`` after
adding its ids here. The language comes from ``--lang``, or from the locale (LC_ALL, LC_MESSAGES, LANG).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        # engine
        "engine.not-readable": "not checked: the file cannot be read as a PDF (see pdf-readable)",
        "engine.crashed": (
            "the check crashed ({error}, at {where}); the other rules still ran. "
            "Please report this with the file if you can share it."
        ),
        "engine.findings": "{count} findings ({parts})",
        "level.error": "error",
        "level.warning": "warning",
        "level.info": "info",
        "level.count-error": "{count:plural:# error|# errors}",
        "level.count-warning": "{count:plural:# warning|# warnings}",
        "level.count-info": "{count:plural:# note|# notes}",
        # text report
        "text.pages": "{count:plural:# page|# pages}",
        "text.size": "{size:size}",
        "text.passed": "PASSED",
        "text.failed": "FAILED",
        "text.rules-line": "{count:plural:# rule|# rules}: {parts}",
        "text.count-failed": "{count} failed",
        "text.count-crashed": "{count} crashed",
        "text.count-warned": "{count:plural:# with warnings|# with warnings}",
        "text.count-noted": "{count} with notes only",
        "text.count-passed": "{count} passed",
        "text.count-skipped": "{count} skipped",
        "status.pass": "PASS",
        "status.fail": "FAIL",
        "status.warn": "WARN",
        "status.info": "INFO",
        "status.skip": "SKIP",
        "status.error": "ERROR",
        "text.more": "… and {count} more (--verbose shows all)",
        "text.page": "page {page}",
        "text.page-short": "p.{page}",
        "text.pages-short": "pp.{pages}",
        "text.same-kind": "(and {count:plural:# more page like it|# more pages like it}; --verbose shows each)",
        "text.verdict-line": "{verdict}: {rules}",
        "text.whole-file": "file",
        "text.files-line": "{count} files checked with rule set {profile:quote}: {passed} passed, {verdict}",
        "text.file-line": "1 file checked with rule set {profile:quote}: {verdict}",
        "text.all-passed": "all passed",
        "text.n-failed": "{count} failed",
        "text.by-rule": "failures per rule: {parts}",
        "text.strict": " (strict: warnings fail)",
        "github.fix": "Fix: {fix}",
        "github.crashed": "{rule} (crashed)",
        "github.summary": (
            "dossier-preflight {version}, rule set {profile:quote}: {count:plural:# file|# files} checked, "
            "{passed} passed, {failed} failed"
        ),
        "junit.fix": "fix: {fix}",
        # command line
        "cli.config-error": "preflight: configuration error: {error}",
        "cli.path-problem": "preflight: {problem}",
        "cli.path-unreadable": "cannot read folder {path} ({detail}): the PDFs in it are not checked",
        "cli.path-dangling": "{path} is a link to {detail}, which does not exist",
        "cli.path-loop": "{path} is a link loop (it leads back to {detail}): not followed",
        "engine.unsearched-fix": "Give this folder read permission, or remove or repair the link, then check again.",
        "cli.nothing-to-check": "preflight: nothing to check: {error}",
        "config.no-rules": (
            "no rule left to run with rule set '{profile}' ({reasons}). A run that checks nothing cannot pass: "
            'change --select and --ignore, or select, ignore and level = "off" in the configuration'
        ),
        "config.left-out-cli": "{rule}: ignored by --ignore",
        "config.left-out-ignored": "{rule}: ignored in {where}",
        "config.left-out-off": '{rule}: level = "off" in {where}',
        "config.left-out-none": "the rule set has no rules",
        # configuration errors (ConfigError with a message id)
        "config.where": "{where}: {message}",
        "config.command-line": "command line",
        "config.no-such-file": "no such configuration file",
        "config.no-pyproject-table": "has no [tool.{table}] table",
        "config.cannot-read": "cannot be read: {error}",
        "config.not-toml": "not valid TOML: {error}",
        "config.not-utf8": "is not UTF-8 text (byte 0x{byte} at offset {offset}): save it as UTF-8",
        "config.too-deep": "nests tables or arrays too deeply (more than {depth} levels)",
        "config.unknown-key": "unknown key '{key}' (allowed: {allowed})",
        "config.not-table": "{name} must be a table",
        "config.unknown-table-key": "{name}: unknown key '{key}' (allowed: {allowed})",
        "config.profile-not-name": "profile must be the name of a rule set",
        "config.no-such-rule-set": "rule set '{name}': no such rule set (available: {known})",
        "config.sections-not-table": "[sections] must be a table",
        "config.not-rule-list": "{key} must be a list of rule ids",
        "config.unknown-selected-rule": "unknown rule '{rule}' in select/ignore (rules of '{profile}': {known})",
        "config.unknown-muted-rule": "unknown rule '{rule}' in '{rule}/{message_id}' (rules: {known})",
        "config.unknown-message": "rule '{rule}' has no message '{message_id}' (its messages: {known})",
        "config.unknown-titled-section": (
            "[sections.{key}] unknown section '{name}' (sections of this rule set: {listing})"
        ),
        "config.unknown-section": (
            "[sections] unknown section '{key}' (sections of this rule set: {listing}; a rule that measures "
            "another section names it with section = ...)"
        ),
        "config.rules-not-table": "[rules] must be a table of rule tables",
        "config.rule-not-table": "[rules.{rule}] must be a table",
        "config.rule-key-not-string": "[rules.{rule}] {key}: expected a string, got {got}",
        "config.unknown-check": "[rules.{rule}] unknown check; known checks: {known}",
        "config.unknown-named-check": (
            "[rules.{rule}] unknown check (named by check = '{check}'); known checks: {known}"
        ),
        "config.unknown-level": "[rules.{rule}] level: unknown level {level} (expected error, warning, info or off)",
        "config.unknown-option": "{table} unknown option '{key}' (options of this check: {known})",
        "config.no-options": "{table} unknown option '{key}' (this check has no options)",
        "config.option-type": "{table} {key}: expected {expected:msg}, got {got}",
        "config.option-invalid": "{table}: {problem:msg}",
        "config.sections-invalid": "{problem:msg}",
        "config.expected-bool": "true or false",
        "config.expected-int": "a whole number",
        "config.expected-number": "a number",
        "config.expected-string": "a string",
        "config.expected-list": "a list",
        "config.expected-table": "a table",
        "cli.no-pdf": "preflight: no PDF files found in {paths}",
        "cli.report-written": "preflight: {format} report written to {path}",
        "cli.cannot-write": "preflight: cannot write {path}: {error}",
        "cli.unknown-rule": "preflight: unknown rule {rule:quote} (known: {known})",
        "cli.defaults": "Defaults:",
        "cli.option-unset": "# {name}: not set",
        "cli.unknown-rule-in-set": "preflight: unknown rule '{rule}' in rule set '{profile}' (its rules: {known})",
        "cli.rule-header": "{rule} (rule set '{profile}', check {check})",
        "cli.rule-in-set": "Rule set '{profile}': level {level}",
        "cli.rule-source": "  source: {source} (verified {verified})",
        "cli.not-in-set": "Rule set '{profile}' does not run this check.",
        "cli.progress": "Checking",
        # preflight cache
        "cache.folder": "Cache folder: {path}",
        "cache.entries": "Entries: {count} ({size})",
        "cache.dates": "Oldest entry: {oldest}; newest: {newest}",
        "cache.temporary": (
            "Unfinished writes: {count:plural:# temporary file|# temporary files} (removed when the cache is pruned)"
        ),
        "cache.caps": "Pruned once a day: entries older than {days} days, then the oldest beyond {size}",
        "cache.disabled": "--no-cache does not use it; {env} chooses another folder.",
        # sections and cv commands
        "sections.unreadable": "{path}: cannot be read: {problem}",
        "sections.header": "{path}: {pages:plural:# page|# pages}, sections found {source:msg}",
        "sections.source-outline": "from the outline (bookmarks)",
        "sections.source-headings": "from headings in the text",
        "sections.source-none": "from neither the outline nor headings",
        "sections.column-section": "section",
        "sections.column-pages": "pages",
        "sections.column-count": "count",
        "sections.column-found-by": "found by",
        "sections.column-title": "title as printed",
        "sections.note": "note: {note}",
        "sections.no-project": (
            'no project section: give its pages or its title in preflight.toml, e.g. [sections] project = "12-23" '
            'or project = "My project title"'
        ),
        "sections.found-outline": "outline",
        "sections.found-heading": "heading on page {page}",
        "sections.found-contents": "contents on page {page}",
        "sections.found-config": "config",
        "sections.found-first-page": "first page",
        "sections.found-page-one-title": "title of page 1 ({title:quote} is a title of the {section:section})",
        "sections.via-bookmark": "bookmark",
        "sections.via-heading": "heading on page {page}",
        "sections.found-fallback": (
            "{via:msg} {title:quote}, a fallback title of the {section:section} (none of its own titles, such as "
            "{own:quote}, was found)"
        ),
        "sections.found-fallback-bare": "{via:msg} {title:quote}",
        "sections.found-cv-headings": "CV headings on page {page} ({headings:quoted-list}) and dates",
        "sections.note-unreadable-text": "the text of the PDF could not be read ({error}), only its outline",
        "sections.note-range-ignored": (
            '[sections] {section} = "{first}-{last}" starts after the last page ({page_count}); ignored'
        ),
        "sections.note-range-clipped": (
            '[sections] {section} = "{first}-{last}" ends after the last page; taken as {first}-{page_count}'
        ),
        "cv.bad-pages": "preflight: --pages: expected FIRST-LAST such as 2-4, got {pages:quote}",
        "cv.pages-error": "preflight: --pages: {error}",
        "cv.bad-as-of": "preflight: --as-of: expected a month as YYYY-MM, got {value:quote}",
        "cv.unreadable": "preflight: {path}: {problem}",
        "cv.no-cv": "{path}: {message}",
        "cv.title": "CV timeline of {path}",
        "cv.read-from": "read from: {source:msg}; open ranges run to {as_of:month}",
        "cv.source-document": "the whole document (no section finder)",
        "cv.source-section": "section {section_title:quote} ({section_pages:pages}, found by {how:msg})",
        "cv.source-section-bare": "section {section_title:quote} ({section_pages:pages})",
        "cv.part": "{title} (p. {page})",
        "cv.part-dated": "{title} (p. {page}, {count:plural:# dated line|# dated lines})",
        "cv.headings-read": "headings read: {parts:list}",
        "cv.headings-skipped": "not the timeline, not read: {parts:list}",
        "cv.no-dates": "no dates found: looked for ranges such as '2015–2019', 'sept. 2015 – août 2019', 'depuis 2020'",
        "cv.column-from": "from",
        "cv.column-to": "to",
        "cv.column-months": "months",
        "cv.column-page": "page",
        "cv.column-kind": "kind",
        "cv.column-entry": "entry",
        "cv.kind-activity": "activity",
        "cv.kind-leave": "leave",
        "cv.kind-other": "other",
        "cv.present": "present",
        "cv.note-doctoral-years": "doctoral years from {first:month} (shown by {entry:quote})",
        "cv.mark-possible-warning": "possible gap (warning)",
        "cv.mark-possible-short": "possible, short",
        "cv.mark-error": "GAP (error)",
        "cv.mark-info": "gap (info)",
        "cv.mark-short": "short gap",
        "cv.gap-row": "{mark:msg}: no activity {first:month} to {last:month}",
        "cv.gap-row-years": (
            "{mark:msg}: no activity {first:month} to {last:month}, {count:plural:all of|all of} {years:list}"
        ),
        "cv.gap-row-academic": (
            "{mark:msg}: no activity {first:month} to {last:month}, "
            "{count:plural:academic year|academic years} {years:list}"
        ),
        "cv.summary": (
            "{entries:plural:# entry|# entries} from {first:month} to {last:month}; gaps: "
            "{errors:plural:# error|# errors}, {warnings} possible (warning), {infos} info, "
            "{short} short (normal between positions)"
        ),
        "cache.cleared": "Removed {count:plural:# entry|# entries} ({size}) from {path}",
        # fix, text, init, cache, rules commands
        "text-command.one-file": "preflight: --fix and --max-chars take one FILE, without --locations",
        "cli.load-warning": "preflight: warning: {problem}",
        "cli.rules-header": "Rule set '{profile}': {title}",
        "cli.rules-description": "  ({description})",
        "cli.rule-reuses": " (check {check})",
        "cli.level-off": "off",
        "cli.explain-header": "{header}: {summary}",
        "init.head": (
            "# dossier-preflight configuration, read by 'preflight check' in this folder and below it.\n"
            "# Every setting is optional: remove the '#' in front of a line to use it.\n"
            "# 'preflight rules' lists the rules in force; 'preflight explain RULE' tells what a rule checks.\n"
            "\n"
            "# The rule set (competition) to check against: {available}.\n"
            'profile = "{profile}"\n'
            "\n"
            "# Run only some rules, or leave some out (rule ids as 'preflight rules' shows them):\n"
            '# select = ["fonts-embedded", "file-size"]\n'
            '# ignore = ["active-content"]\n'
        ),
        "init.rules-head": (
            '# Change a rule\'s level ("error", "warning", "info" or "off") or its options.\n'
            "# The values shown are the ones '{profile}' uses.\n"
        ),
        "init.sections-head": "# Section titles, as the rule set names them (used to find the dossier's sections):",
        "init.exists": "preflight: {path} already exists; use --force to overwrite it",
        "init.config-error": "preflight: configuration error: {error}",
        "init.cannot-write": "preflight: cannot write {path}: {error}",
        "init.wrote": "Wrote {path} (rule set '{profile}'). Run 'preflight check' on your PDF.",
        "text-command.fix-bullet": "Replace the bullet with '-' or '•' (or run with --fix, which uses '-').",
        "text-command.fix-private-use": (
            "Delete the private-use character (a Symbol/Wingdings glyph); type a real character instead."
        ),
        "text-command.fix-soft-hyphen": "Delete the optional hyphen (or run with --fix).",
        "text-command.cannot-read": "cannot read {source}: {error}",
        "text-command.is-pdf": "{source} is a PDF: run 'preflight check {source}' for a dossier",
        "text-command.is-doc": "{source} is an old Word .doc file: save it as .docx or as plain text (.txt) first",
        "text-command.not-utf8": (
            "the file is not UTF-8 (byte {byte} at offset {offset}); read it as Windows-1252. Save it as "
            "UTF-8 to be sure of its accents."
        ),
        "text-command.not-docx": "{source} is a ZIP archive but not a Word document (no word/document.xml)",
        "text-command.damaged-docx": "{source} is a damaged Word document: {error}",
        "text-command.times": "{count:plural:once|# times}",
        "text-command.line": "line {line}",
        "text-command.lines": "lines {lines}",
        "text-command.problem": "{what}, {times} ({where})",
        "text-command.too-long": (
            "the text is {length} characters long, over the field's limit of {limit} ({over} too many; line "
            "breaks count as one character)"
        ),
        "text-command.too-long.fix": "Shorten the text; the portal counts characters, spaces included, not bytes.",
        "text-command.length": "{count:plural:# character|# characters}",
        "text-command.limit": ", limit {limit}",
        "text-command.clean": "{name}: no hidden characters ({size})",
        "text-command.count-error": "{count:plural:# error|# errors}",
        "text-command.count-warning": "{count:plural:# warning|# warnings}",
        "text-command.count-info": "{count} info",
        "text-command.header": "{name}: {tally} ({size})",
        "text-command.stdin": "standard input",
        "text-command.note": "preflight: note: {note}",
        "text-command.fixed": "preflight: fixed {name}; before the fix:",
        "text-command.still": "preflight: the cleaned text still has problems:",
        "text-command.cleaned-name": "cleaned text",
        "text-command.error": "preflight: {error}",
        "fix.step.pdf-readable": "repair the damaged file structure",
        "fix.step.encryption": "remove the password protection",
        "fix.step.active-content": "remove active content",
        "fix.step.fonts-embedded": "embed fonts",
        "fix.step.file-size": "reduce the file size",
        "fix.step.hidden-characters": "clean hidden characters in the metadata",
        "fix.removed-unused-fonts": "removed fonts that no page draws with: {fonts}",
        "fix.grafted": (
            "took the font programs from a Ghostscript rewrite and put them into the original file (pages, "
            "text, links and bookmarks untouched)"
        ),
        "fix.flattened-comments": (
            "flattened {count:plural:# comment|# comments} into the page, so their fonts can be embedded"
        ),
        "fix.why-not-found": "{fonts} could not be embedded in place",
        "fix.why-pages-look": "putting the fonts into the original changed how {pages:pages} {count:plural:looks|look}",
        "fix.why-render": "putting the fonts into the original changed how the pages render",
        "fix.rewrote": "rewrote the whole file through Ghostscript ({why})",
        "fix.ghostscript-message": "Ghostscript: {message}",
        "fix.embedded-as": "embedded '{name}' as {family} (same widths, so lines do not move)",
        "fix.embedded-using": "embedded '{name}' using {used}",
        "fix.default-substitute": "Ghostscript's default substitute",
        "fix.embedded-from": "embedded '{name}' from {file} (the font itself)",
        "fix.carlito-hint": " (install fonts-crosextra-carlito and fonts-crosextra-caladea for Calibri and Cambria)",
        "fix.no-metric-font": (
            "no metric-compatible font for '{name}'{hint}: Ghostscript substituted a similar one, whose "
            "widths may differ; check the pages that use it, or export again with fonts embedded"
        ),
        "fix.dpi-not-enough": (
            "{asked} dpi was not enough: images were brought down to {dpi:.0f} dpi and JPEG quality {quality}"
        ),
        "fix.space-images": "images {size:.1f} MB (already at {dpi} dpi at most, or not resizable)",
        "fix.space-fonts": "fonts {size:.1f} MB",
        "fix.space-attachments": "{count:plural:# attachment|# attachments} (--drop-attachments removes them)",
        "fix.still-large": (
            "the file is still {size:.1f} MB, over the {limit:.1f} MB limit; what takes the space: {parts}. "
            "Split scanned annexes into a separate upload if the portal allows it, or export the figures at "
            "a lower resolution from their source"
        ),
        "fix.restricts": " (it restricts {what})",
        "fix.plan-encryption": "remove the owner-password protection{what}",
        "fix.plan-clean": "clean {key}: '{before}' → '{after}'",
        "fix.plan-javascript": "remove {count:plural:# JavaScript action|# JavaScript actions}",
        "fix.plan-launch": "remove {count:plural:# launch action|# launch actions}",
        "fix.plan-flatten": (
            "flatten {count:plural:# form field|# form fields} into the page (their values stay as text)"
        ),
        "fix.plan-xfa": "remove the XFA form data",
        "fix.plan-drop-attachments": "remove {count:plural:# attachment|# attachments}: {items}",
        "fix.plan-keep-attachments": (
            "keep {count:plural:# attachment|# attachments} ({items}); --drop-attachments removes them"
        ),
        "fix.plan-fonts": (
            "embed a subset of each font with Ghostscript (pdfwrite), then put the font programs into the "
            "original file, leaving everything else as it is (a full Ghostscript rewrite only if that fails)"
        ),
        "fix.plan-embed-as": "embed '{name}' as {family}",
        "fix.plan-embed-urw": "embed '{name}' from Ghostscript's own URW fonts",
        "fix.plan-embed-closest": (
            "embed '{name}' with Ghostscript's closest substitute (no metric-compatible font known)"
        ),
        "fix.page-count-changed": "the page count changed: {before} → {after}",
        "fix.page-size-changed": "page size changed: {w_in}×{h_in} → {w_out}×{h_out} pt",
        "fix.bookmark-lost": "lost '{title}' (page {page})",
        "fix.bookmark-new": "new '{title}' (page {page})",
        "fix.bookmarks-changed": "the bookmarks changed ({before} → {after} entries): {detail}",
        "fix.bookmarks-order": "order or levels",
        "fix.link-lost": "link lost: {kind} {target}",
        "fix.link-new": "new link: {kind} {target}",
        "fix.input-repaired": (
            "the input's text cannot be read as it is ({error}); it was compared through its repaired reading"
        ),
        "fix.input-unreadable": (
            "the input's text cannot be read, even after repair, so nothing can prove that the output kept "
            "it; compare the two files by eye"
        ),
        "fix.output-unreadable": "the output's text cannot be read ({error})",
        "fix.quoted": "'{text}'",
        "fix.mapped": "'{old}' → '{new}'",
        "fix.text-missing": "'{text}' missing",
        "fix.text-became": "'{old}' became '{new}'",
        "fix.and-more": "; and {count} more",
        "fix.text-lost": "text lost or changed: {shown}",
        "fix.text-added": "text added (flattened form fields or comments): {shown}",
        "fix.greek": "Symbol-font letters now read as Greek: {mapped} (text improved)",
        "fix.same-path": "the output {output} is the input file itself; choose another name",
        "fix.password-refused": (
            "the file needs a password to open, and 'preflight fix' does not remove user passwords: open it "
            "with its password and save or print it to a new PDF, or run 'qpdf --decrypt --password=YOURS "
            "in.pdf out.pdf', then run 'preflight fix' on that file"
        ),
        "fix.rebuilt": "rebuilt the file's structure ({count:plural:# repair|# repairs}, as qpdf reads it)",
        "fix.grew": "the file grew near or over the limit during the fix",
        "fix.fonts-appeared": "fonts appeared during the fix",
        "fix.step-failed": "this step could not run ({message}); the file was left as it was for it",
        "fix.config-error": "preflight: configuration error: {error}",
        "fix.never-overwritten": "preflight fix: {error} (the input is never overwritten)",
        "fix.crashed": (
            "preflight fix: the fix stopped ({error}); nothing was written and the input is unchanged. "
            "Please report this with the file if you can share it."
        ),
        "fix.megabytes": "{size:.2f} MB",
        "fix.kilobytes": "{size:.1f} kB",
        "fix.title": "preflight fix: {source} (rule set {profile})",
        "fix.refused": "  refused: {reason}",
        "fix.failing": "  failing rules: {rules}",
        "fix.none": "none",
        "fix.nothing-can-fix": "  nothing here can fix: {rules}; see 'preflight check' for what to do",
        "fix.nothing-to-fix": "  nothing to fix: no output written",
        "fix.would-write": "  would write {output}, doing:",
        "fix.planned-step": "  {number}. {step}: {title} (rule {rule})",
        "fix.no-automatic-fix": "  no automatic fix for: {rules}",
        "fix.dry-run": "  dry run: nothing written",
        "fix.step-failed-mark": " (FAILED)",
        "fix.done-step": "  {number}. {step}: {title}{failed}   {before} → {after}",
        "fix.proof": "  proof that nothing was lost (input compared with output):",
        "fix.all-same": "       same page count, page sizes, text on every page, bookmarks and links",
        "fix.on-page": "page {page}: ",
        "fix.before-after": "  before → after:",
        "fix.size-row": "       size   {before} → {after}",
        "fix.fonts-row": (
            "       fonts  {embedded_before} embedded, {missing_before} not → {embedded_after} embedded, "
            "{missing_after} not"
        ),
        "fix.status.pass": "pass",
        "fix.status.fail": "fail",
        "fix.status.warn": "warn",
        "fix.status.skip": "skip",
        "fix.status.error": "error",
        "fix.written": "  written: {output}",
        "fix.kept-forced": " (kept with --force although text was lost or changed: check it page by page)",
        "fix.not-written": (
            "  NOT written: text was lost or changed, so {output} was not kept; look at the differences "
            "above, or keep it anyway with --force"
        ),
        "fix.still-failing": "  still failing: {rules}; run 'preflight check' on the output for what to do",
        "fix.done-encryption": "removed the owner-password protection and its restrictions",
        "fix.done-scripts": "removed {count:plural:# document-level script|# document-level scripts}",
        "fix.done-action-JavaScript": "removed {count:plural:# JavaScript action|# JavaScript actions}",
        "fix.done-action-launch": "removed {count:plural:# launch action|# launch actions}",
        "fix.done-dead-links": "removed {count:plural:# link|# links} that only ran those actions",
        "fix.done-flattened": "flattened {count:plural:# form field|# form fields} into the page (values kept as text)",
        "fix.done-xfa": "removed the XFA form (its static page content is kept)",
        "fix.done-attachments": "removed {count:plural:# attached file|# attached files}: {items}",
        "fix.kept-attachments": (
            "kept {count:plural:# attached file|# attached files} ({items}): put their content into the "
            "dossier's pages, then run again with --drop-attachments to remove them"
        ),
        "fix.done-duplicates": (
            "merged duplicate copies ({images:plural:# image|# images}, {fonts:plural:# font program|# font programs})"
        ),
        "fix.done-lossless": "recompressed losslessly (object streams, compressed streams, unused resources removed)",
        "fix.image-lossless": "lossless (Flate)",
        "fix.plan-target": (
            "the file is {size:size}; {rule} notes “near the limit” above {near:size} and fails above "
            "{limit:size}: aim at {goal:size}"
        ),
        "fix.plan-lossless-only": (
            "recompress losslessly first (object streams, unused objects, duplicate images and fonts)"
        ),
        "fix.plan-images": (
            "then, largest first and only as far as needed: store scans and photos kept lossless as JPEG quality "
            "{quality} ({lossless:plural:# large lossless image|# large lossless images}), downsample images "
            "drawn above {dpi} dpi ({above:plural:# image|# images}); 1-bit, masked, palette and small images "
            "stay as they are"
        ),
        "fix.goal-reached": (
            "now {size:size}, under the {goal:size} aimed at ({rule} notes “near the limit” above {near:size}; "
            "the limit is {limit:size})"
        ),
        "fix.goal-missed": (
            "the file is {size:size}: under the limit, but above the {goal:size} aimed at ({rule} notes “near "
            "the limit” above {near:size}), and no image left can shrink at {dpi:.0f} dpi and JPEG quality "
            "{quality}; what takes the space: {parts:list}"
        ),
        "fix.goal-margin-missed": (
            "the file is {size:size} ({size:bytes}): under the {near:size} where {rule} notes “near the limit”, "
            "but short of the {goal:size} aimed at, and no image left can shrink at {dpi:.0f} dpi and JPEG "
            "quality {quality}; what takes the space: {parts:list}"
        ),
        "fix.space-fonts-take": "the fonts take {size:size}",
        "fix.space-images-only": "the images {size:size}",
        "fix.space-images-left": (
            "the images {size:size} ({rewritten:plural:# re-encoded|# re-encoded}, "
            "{count:plural:# left as it is|# left as they are}: {reasons:msg-list})"
        ),
        "fix.space-other": "pages and other objects {size:size}",
        "fix.left-bilevel": "1-bit scans",
        "fix.left-masked": "masked",
        "fix.left-indexed": "palette colours",
        "fix.left-colours": "colours a re-encoding would change",
        "fix.left-budget": "over the decoding budget",
        "fix.left-drawing": "drawings, kept lossless",
        "fix.left-jpeg": "JPEG already",
        "fix.left-no-gain": "too little to gain",
        "fix.left-unreadable": "unreadable",
        "fix.encoding-none": "uncompressed",
        "fix.encoding-jpeg": "JPEG q{quality}",
        "fix.image-reencoded": (
            "image on page {page}: {width:d}×{height:d} px, {was} → {now}, {before:size} → {after:size}"
        ),
        "fix.image-downsampled": (
            "image on page {page}: {width:d}×{height:d} → {new_width:d}×{new_height:d} px ({dpi:.0f} → "
            "{max_dpi:.0f} dpi), {was} → {now}, {before:size} → {after:size}"
        ),
        "fix.size-row-target": "       size   {before} → {after} (aimed at {goal:size}; limit {limit:size})",
        "fix.image-left": "image {name} on page {page} left as is ({error})",
        "fix.done-clean": "cleaned {key}: '{before}' → '{after}'",
        "fix.done-clean-xmp": "cleaned XMP {key}",
        "fix.xmp-failed": "the XMP metadata could not be rewritten ({error}); the document info was cleaned",
        "fix.install-ghostscript": (
            "Ghostscript is not installed, so fonts cannot be embedded here. Install it (Debian/Ubuntu: "
            "'sudo apt install ghostscript fonts-liberation'; macOS: 'brew install ghostscript'; Windows: "
            "the installer from ghostscript.com) and run 'preflight fix' again. Or export the dossier again "
            "with the fonts embedded: Word: File > Options > Save > 'Embed fonts in the file' (or PDF/A in "
            "the export options); LibreOffice: export as PDF/A."
        ),
        # issue 16
        "cli.interrupted": "preflight: interrupted ({signal}): stopped",
        "cli.output-error": "preflight: cannot write the output: {error}",
        "cli.internal-error": (
            "preflight: internal error ({error}, at {where}); please report it (PREFLIGHT_DEBUG=1 shows the traceback)"
        ),
        "cli.ghostscript-running": "preflight: Ghostscript is rewriting {name}: {seconds} s (limit {limit} s)",
        "fix.text-added-plain": "text added: {shown}",
        "fix.text-added-flattened": "text added where form fields or comments were flattened: {shown}",
        "fix.withheld": "  NOT written: {reason}",
        "fix.nothing-changed": "no step could change the file, so no copy of it was written",
        "fix.undecodable-refused": (
            "the content of {pages:pages} cannot be decoded ({reason}), so nothing can prove what a fixed file "
            "would keep of it: export the PDF again from its source"
        ),
        "fix.no-output-folder": "the output folder {folder} does not exist; create it first or choose another output",
        "fix.output-folder-denied": "the output folder {folder} cannot be written (permission denied)",
        "fix.cannot-write": "cannot write {path}: {error}",
        "fix.output-does-not-reopen": "the fixed file does not reopen ({error}); it was not written",
        "fix.output-fails-qpdf": "the fixed file fails qpdf's check ({error}); it was not written",
        "fix.output-page-count": "the fixed file reopens with {pages} pages instead of {expected}; it was not written",
        "text-command.bad-utf16": (
            "the text starts as UTF-16 (a byte-order mark) but is not valid UTF-16 ({reason} at byte {offset}): "
            "save it again as UTF-8"
        ),
        "text-command.docx-method": "{source} cannot be read: {error}; save it again from Word as a plain .docx",
        "text-command.docx-encrypted": "{source} is encrypted: save it from Word without a password",
        "text-command.docx-too-deep": "{source} nests its XML too deeply to be a Word document",
        "text-command.docx-too-large": (
            "{source}: {name} would inflate to {megabytes} MB, over the limit of {limit} MB for a document's text "
            "(a damaged file or a decompression bomb)"
        ),
    },
    "fr": {
        "engine.not-readable": "non vérifiée : le fichier ne peut pas être lu comme un PDF (voir pdf-readable)",
        "engine.crashed": (
            "la vérification a planté ({error}, à {where}) ; les autres règles ont été appliquées. "
            "Merci de le signaler, avec le fichier si vous pouvez le partager."
        ),
        "engine.findings": "{count} problèmes ({parts})",
        "level.error": "erreur",
        "level.warning": "avertissement",
        "level.info": "note",
        "level.count-error": "{count:plural:# erreur|# erreurs}",
        "level.count-warning": "{count:plural:# avertissement|# avertissements}",
        "level.count-info": "{count:plural:# note|# notes}",
        "text.pages": "{count:plural:# page|# pages}",
        "text.size": "{size:size}",
        "text.passed": "RÉUSSI",
        "text.failed": "ÉCHEC",
        "text.rules-line": "{count:plural:# règle|# règles} : {parts}",
        "text.count-failed": "{count} en échec",
        "text.count-crashed": "{count:plural:# en panne|# en panne}",
        "text.count-warned": "{count:plural:# avec avertissement|# avec avertissements}",
        "text.count-noted": "{count:plural:# avec des notes seulement|# avec des notes seulement}",
        "text.count-passed": "{count:plural:# réussie|# réussies}",
        "text.count-skipped": "{count:plural:# non applicable|# non applicables}",
        "status.pass": "RÉUSSI",
        "status.fail": "ÉCHEC",
        "status.warn": "AVERT.",
        "status.info": "NOTE",
        "status.skip": "IGNORÉ",
        "status.error": "ERREUR",
        "text.more": "… et {count:plural:# autre|# autres} (--verbose les montre tous)",
        "text.page": "page {page}",
        "text.page-short": "p.\u00a0{page}",
        "text.pages-short": "p.\u00a0{pages}",
        "text.same-kind": (
            "(et {count:plural:# autre page semblable|# autres pages semblables}\u202f; --verbose les montre toutes)"
        ),
        "text.verdict-line": "{verdict} — {rules}",
        "text.whole-file": "fichier",
        "text.files-line": (
            "{count} fichiers vérifiés avec le jeu de règles {profile:quote} : "
            "{passed:plural:# réussi|# réussis}, {verdict}"
        ),
        "text.file-line": "1 fichier vérifié avec le jeu de règles {profile:quote} : {verdict}",
        "text.all-passed": "tous réussis",
        "text.n-failed": "{count} en échec",
        "text.by-rule": "échecs par règle : {parts}",
        "text.strict": " (strict : les avertissements font échouer)",
        "github.fix": "Correction : {fix}",
        "github.crashed": "{rule} (en panne)",
        "github.summary": (
            "dossier-preflight {version}, jeu de règles {profile:quote} : {count:plural:# fichier vérifié|# fichiers "
            "vérifiés}, {passed:plural:# réussi|# réussis}, {failed} en échec"
        ),
        "junit.fix": "correction : {fix}",
        "cli.config-error": "preflight : erreur de configuration : {error}",
        "cli.path-problem": "preflight\u202f: {problem}",
        "cli.path-unreadable": ("impossible de lire le dossier {path} ({detail})\u202f: ses PDF ne sont pas vérifiés"),
        "cli.path-dangling": "{path} est un lien vers {detail}, qui n’existe pas",
        "cli.path-loop": "{path} est une boucle de liens (il ramène à {detail})\u202f: non suivi",
        "engine.unsearched-fix": (
            "Donnez le droit de lecture sur ce dossier, ou supprimez ou réparez le lien, puis vérifiez de nouveau."
        ),
        "cli.nothing-to-check": "preflight\u202f: rien à vérifier\u202f: {error}",
        "config.no-rules": (
            "aucune règle ne reste à appliquer avec le jeu de règles «\u202f{profile}\u202f» ({reasons}). Une "
            "vérification qui ne vérifie rien ne peut pas réussir\u202f: modifiez --select et --ignore, ou select, "
            'ignore et level = "off" dans la configuration'
        ),
        "config.left-out-cli": "{rule}\u202f: ignorée par --ignore",
        "config.left-out-ignored": "{rule}\u202f: ignorée dans {where}",
        "config.left-out-off": '{rule}\u202f: level = "off" dans {where}',
        "config.left-out-none": "le jeu de règles n’a aucune règle",
        "config.where": "{where} : {message}",
        "config.command-line": "ligne de commande",
        "config.no-such-file": "ce fichier de configuration n’existe pas",
        "config.no-pyproject-table": "n’a pas de table [tool.{table}]",
        "config.cannot-read": "ne peut pas être lu : {error}",
        "config.not-toml": "n’est pas du TOML valide (message de l’analyseur : {error})",
        "config.not-utf8": (
            "n’est pas du texte UTF-8 (octet 0x{byte} à la position {offset}) : enregistrez-le en UTF-8"
        ),
        "config.too-deep": "imbrique trop profondément tables ou listes (plus de {depth} niveaux)",
        "config.unknown-key": "clé inconnue « {key} » (clés permises : {allowed})",
        "config.not-table": "{name} doit être une table",
        "config.unknown-table-key": "{name} : clé inconnue « {key} » (clés permises : {allowed})",
        "config.profile-not-name": "profile doit être le nom d’un jeu de règles",
        "config.no-such-rule-set": "jeu de règles « {name} » inconnu (jeux disponibles : {known})",
        "config.sections-not-table": "[sections] doit être une table",
        "config.not-rule-list": "{key} doit être une liste d’identifiants de règles",
        "config.unknown-selected-rule": (
            "règle inconnue « {rule} » dans select ou ignore (règles de « {profile} » : {known})"
        ),
        "config.unknown-muted-rule": "règle inconnue « {rule} » dans « {rule}/{message_id} » (règles : {known})",
        "config.unknown-message": "la règle « {rule} » n’a pas de message « {message_id} » (ses messages : {known})",
        "config.unknown-titled-section": (
            "[sections.{key}] partie inconnue « {name} » (parties de ce jeu de règles : {listing})"
        ),
        "config.unknown-section": (
            "[sections] partie inconnue « {key} » (parties de ce jeu de règles : {listing} ; une règle qui mesure "
            "une autre partie la nomme avec section = ...)"
        ),
        "config.rules-not-table": "[rules] doit être une table de tables de règles",
        "config.rule-not-table": "[rules.{rule}] doit être une table",
        "config.rule-key-not-string": "[rules.{rule}] {key} : une chaîne de caractères est attendue, pas {got}",
        "config.unknown-check": "[rules.{rule}] contrôle inconnu ; contrôles connus : {known}",
        "config.unknown-named-check": (
            "[rules.{rule}] contrôle inconnu (nommé par check = « {check} ») ; contrôles connus : {known}"
        ),
        "config.unknown-level": (
            "[rules.{rule}] level : niveau inconnu {level} (valeurs permises : error, warning, info ou off)"
        ),
        "config.unknown-option": "{table} option inconnue « {key} » (options de ce contrôle : {known})",
        "config.no-options": "{table} option inconnue « {key} » (ce contrôle n’a pas d’options)",
        "config.option-type": "{table} {key} : {expected:msg} attendu, pas {got}",
        "config.option-invalid": "{table} : {problem:msg}",
        "config.sections-invalid": "{problem:msg}",
        "config.expected-bool": "true ou false",
        "config.expected-int": "un nombre entier",
        "config.expected-number": "un nombre",
        "config.expected-string": "une chaîne de caractères",
        "config.expected-list": "une liste",
        "config.expected-table": "une table",
        "cli.no-pdf": "preflight : aucun fichier PDF trouvé dans {paths}",
        "cli.report-written": "preflight : rapport {format} écrit dans {path}",
        "cli.cannot-write": "preflight : impossible d’écrire {path} : {error}",
        "cli.unknown-rule": "preflight : règle inconnue {rule:quote} (règles connues : {known})",
        "cli.defaults": "Valeurs par défaut :",
        "cli.option-unset": "# {name} : sans valeur",
        "cli.unknown-rule-in-set": (
            "preflight\u202f: règle inconnue «\u202f{rule}\u202f» dans le jeu de règles «\u202f{profile}\u202f» "
            "(ses règles\u202f: {known})"
        ),
        "cli.rule-header": "{rule} (jeu de règles «\u202f{profile}\u202f», vérification {check})",
        "cli.rule-in-set": "Jeu de règles «\u202f{profile}\u202f»\u202f: niveau {level}",
        "cli.rule-source": "  source\u202f: {source} (vérifiée en {verified})",
        "cli.not-in-set": "Le jeu de règles «\u202f{profile}\u202f» n’applique pas cette vérification.",
        "cli.progress": "Vérification",
        "cache.folder": "Dossier du cache\u202f: {path}",
        "cache.entries": "Entrées\u202f: {count} ({size})",
        "cache.dates": "Entrée la plus ancienne\u202f: {oldest}\u202f; la plus récente\u202f: {newest}",
        "cache.temporary": (
            "Écritures inachevées\u202f: {count:plural:# fichier temporaire|# fichiers temporaires} "
            "(supprimés quand le cache est élagué)"
        ),
        "cache.caps": (
            "Élagué une fois par jour\u202f: les entrées de plus de {days} jours, puis les plus anciennes "
            "au-delà de {size}"
        ),
        "cache.disabled": "--no-cache ne l’utilise pas\u202f; {env} choisit un autre dossier.",
        # sections and cv commands
        "sections.unreadable": "{path} : illisible : {problem}",
        "sections.header": "{path} : {pages:plural:# page|# pages}, parties trouvées {source:msg}",
        "sections.source-outline": "d’après les signets",
        "sections.source-headings": "d’après les titres du texte",
        "sections.source-none": "sans signets ni titres",
        "sections.column-section": "partie",
        "sections.column-pages": "pages",
        "sections.column-count": "nombre",
        "sections.column-found-by": "trouvée par",
        "sections.column-title": "titre tel qu’imprimé",
        "sections.note": "note : {note}",
        "sections.no-project": (
            "pas de partie projet de recherche : indiquez ses pages ou son titre dans preflight.toml, par exemple "
            '[sections] project = "12-23" ou project = "Titre de mon projet"'
        ),
        "sections.found-outline": "signets",
        "sections.found-heading": "titre en page {page}",
        "sections.found-contents": "sommaire en page {page}",
        "sections.found-config": "configuration",
        "sections.found-first-page": "première page",
        "sections.found-page-one-title": (
            "titre de la page 1 ({title:quote} est un titre de la partie {section:section})"
        ),
        "sections.via-bookmark": "signet",
        "sections.via-heading": "titre en page {page}",
        "sections.found-fallback": (
            "{via:msg} {title:quote}, titre de repli de la partie {section:section} (aucun de ses propres titres, "
            "comme {own:quote}, n’a été trouvé)"
        ),
        "sections.found-fallback-bare": "{via:msg} {title:quote}",
        "sections.found-cv-headings": "rubriques de CV en page {page} ({headings:quoted-list}) et dates",
        "sections.note-unreadable-text": ("le texte du PDF n’a pas pu être lu ({error}) : seuls ses signets l’ont été"),
        "sections.note-range-ignored": (
            '[sections] {section} = "{first}-{last}" commence après la dernière page ({page_count}) : ligne ignorée'
        ),
        "sections.note-range-clipped": (
            '[sections] {section} = "{first}-{last}" finit après la dernière page : pages retenues {first}-{page_count}'
        ),
        "cv.bad-pages": (
            "preflight : --pages : une plage PREMIÈRE-DERNIÈRE est attendue, par exemple 2-4, et non {pages:quote}"
        ),
        "cv.pages-error": "preflight : --pages : {error}",
        "cv.bad-as-of": "preflight : --as-of : un mois au format AAAA-MM est attendu, et non {value:quote}",
        "cv.unreadable": "preflight : {path} : {problem}",
        "cv.no-cv": "{path} : {message}",
        "cv.title": "Chronologie du CV de {path}",
        "cv.read-from": "lu dans : {source:msg} ; les périodes en cours vont jusqu’à {as_of:month}",
        "cv.source-document": "tout le document (sans recherche des parties)",
        "cv.source-section": ("la partie {section_title:quote} ({section_pages:pages}, trouvée par {how:msg})"),
        "cv.source-section-bare": "la partie {section_title:quote} ({section_pages:pages})",
        "cv.part": "{title} (p.\u00a0{page})",
        "cv.part-dated": "{title} (p.\u00a0{page}, {count:plural:# ligne datée|# lignes datées})",
        "cv.headings-read": "rubriques lues : {parts:list}",
        "cv.headings-skipped": "rubriques hors chronologie, non lues : {parts:list}",
        "cv.no-dates": (
            "aucune date trouvée : formes cherchées « 2015–2019 », « sept. 2015 – août 2019 », « depuis 2020 »"
        ),
        "cv.column-from": "du",
        "cv.column-to": "au",
        "cv.column-months": "mois",
        "cv.column-page": "page",
        "cv.column-kind": "nature",
        "cv.column-entry": "entrée",
        "cv.kind-activity": "activité",
        "cv.kind-leave": "congé",
        "cv.kind-other": "autre",
        "cv.present": "en cours",
        "cv.note-doctoral-years": "années de doctorat depuis {first:month} (d’après {entry:quote})",
        "cv.mark-possible-warning": "interruption possible (avertissement)",
        "cv.mark-possible-short": "possible, courte",
        "cv.mark-error": "INTERRUPTION (erreur)",
        "cv.mark-info": "interruption (note)",
        "cv.mark-short": "interruption courte",
        "cv.gap-row": "{mark:msg} : aucune activité de {first:month} à {last:month}",
        "cv.gap-row-years": (
            "{mark:msg} : aucune activité de {first:month} à {last:month}, "
            "{count:plural:toute l’année|toutes les années} {years:list}"
        ),
        "cv.gap-row-academic": (
            "{mark:msg} : aucune activité de {first:month} à {last:month}, "
            "{count:plural:année universitaire|années universitaires} {years:list}"
        ),
        "cv.summary": (
            "{entries:plural:# entrée|# entrées} de {first:month} à {last:month} ; interruptions : "
            "{errors:plural:# erreur|# erreurs}, {warnings:plural:# possible|# possibles} (avertissement), "
            "{infos:plural:# note|# notes}, {short:plural:# courte|# courtes} (rien d’anormal entre deux postes)"
        ),
        "cache.cleared": "{count:plural:# entrée supprimée|# entrées supprimées} ({size}) de {path}",
        # fix, text, init, cache, rules commands
        "text-command.one-file": "preflight : --fix et --max-chars prennent un seul FICHIER, sans --locations",
        "cli.load-warning": "preflight : avertissement : {problem}",
        "cli.rules-header": "Jeu de règles « {profile} » : {title}",
        "cli.rules-description": "  ({description})",
        "cli.rule-reuses": " (vérification {check})",
        "cli.level-off": "désactivée",
        "cli.explain-header": "{header} : {summary}",
        "init.head": (
            "# Configuration de dossier-preflight, lue par `preflight check` dans ce dossier et ses "
            "sous-dossiers.\n"
            "# Chaque réglage est facultatif : retirez le « # » en début de ligne pour l’utiliser.\n"
            "# `preflight rules` liste les règles appliquées ; `preflight explain RÈGLE` dit ce que vérifie "
            "une règle.\n"
            "\n"
            "# Le jeu de règles (concours) à appliquer : {available}.\n"
            'profile = "{profile}"\n'
            "\n"
            "# N’appliquer que certaines règles, ou en laisser de côté (identifiants tels que `preflight "
            "rules` les affiche) :\n"
            '# select = ["fonts-embedded", "file-size"]\n'
            '# ignore = ["active-content"]\n'
        ),
        "init.rules-head": (
            '# Changez le niveau d’une règle ("error", "warning", "info" ou "off") ou ses options.\n'
            "# Les valeurs indiquées sont celles du jeu de règles « {profile} ».\n"
        ),
        "init.sections-head": (
            "# Titres des parties, tels que le jeu de règles les nomme (pour trouver les parties du dossier) :"
        ),
        "init.exists": "preflight : {path} existe déjà ; utilisez --force pour le remplacer",
        "init.config-error": "preflight : erreur de configuration : {error}",
        "init.cannot-write": "preflight : impossible d’écrire {path} : {error}",
        "init.wrote": "{path} écrit (jeu de règles « {profile} »). Lancez « preflight check » sur votre PDF.",
        "text-command.fix-bullet": "Remplacez la puce par « - » ou « • » (ou lancez avec --fix, qui met « - »).",
        "text-command.fix-private-use": (
            "Supprimez le caractère à usage privé (un glyphe Symbol/Wingdings) ; tapez un vrai caractère à la place."
        ),
        "text-command.fix-soft-hyphen": "Supprimez le trait d’union conditionnel (ou lancez avec --fix).",
        "text-command.cannot-read": "impossible de lire {source} : {error}",
        "text-command.is-pdf": "{source} est un PDF : lancez « preflight check {source} » pour un dossier",
        "text-command.is-doc": (
            "{source} est un ancien fichier Word .doc : enregistrez-le d’abord en .docx ou en texte brut (.txt)"
        ),
        "text-command.not-utf8": (
            "le fichier n’est pas en UTF-8 (octet {byte} à la position {offset}) ; il a été lu en "
            "Windows-1252. Enregistrez-le en UTF-8 pour être sûr de ses accents."
        ),
        "text-command.not-docx": "{source} est une archive ZIP mais pas un document Word (pas de word/document.xml)",
        "text-command.damaged-docx": "{source} est un document Word endommagé : {error}",
        "text-command.times": "{count:plural:une fois|# fois}",
        "text-command.line": "ligne {line}",
        "text-command.lines": "lignes {lines}",
        "text-command.problem": "{what}, {times} ({where})",
        "text-command.too-long": (
            "le texte compte {length} caractères, au-delà de la limite du champ de {limit} ({over:plural:# "
            "de trop|# de trop} ; un saut de ligne compte pour un caractère)"
        ),
        "text-command.too-long.fix": (
            "Raccourcissez le texte ; le portail compte les caractères, espaces compris, pas les octets."
        ),
        "text-command.length": "{count:plural:# caractère|# caractères}",
        "text-command.limit": ", limite {limit}",
        "text-command.clean": "{name} : aucun caractère caché ({size})",
        "text-command.count-error": "{count:plural:# erreur|# erreurs}",
        "text-command.count-warning": "{count:plural:# avertissement|# avertissements}",
        "text-command.count-info": "{count:plural:# note|# notes}",
        "text-command.header": "{name} : {tally} ({size})",
        "text-command.stdin": "entrée standard",
        "text-command.note": "preflight : note : {note}",
        "text-command.fixed": "preflight : texte corrigé ({name}) ; avant la correction :",
        "text-command.still": "preflight : le texte nettoyé a encore des problèmes :",
        "text-command.cleaned-name": "texte nettoyé",
        "text-command.error": "preflight : {error}",
        "fix.step.pdf-readable": "réparer la structure endommagée du fichier",
        "fix.step.encryption": "retirer la protection par mot de passe",
        "fix.step.active-content": "retirer le contenu actif",
        "fix.step.fonts-embedded": "incorporer les polices",
        "fix.step.file-size": "réduire la taille du fichier",
        "fix.step.hidden-characters": "nettoyer les caractères cachés des métadonnées",
        "fix.removed-unused-fonts": "polices retirées, car aucune page ne s’en sert : {fonts}",
        "fix.grafted": (
            "programmes de police repris d’une réécriture par Ghostscript et placés dans le fichier "
            "d’origine (pages, texte, liens et signets intacts)"
        ),
        "fix.flattened-comments": (
            "{count:plural:# commentaire aplati|# commentaires aplatis} dans la page, pour pouvoir "
            "incorporer leurs polices"
        ),
        "fix.why-not-found": "impossible d’incorporer {fonts} sur place",
        "fix.why-pages-look": (
            "placer les polices dans l’original changeait l’aspect {count:plural:d’une page|de # pages} : {pages:pages}"
        ),
        "fix.why-render": "placer les polices dans l’original changeait le rendu des pages",
        "fix.rewrote": "fichier entier réécrit par Ghostscript ({why})",
        "fix.ghostscript-message": "Ghostscript : {message}",
        "fix.embedded-as": "« {name} » incorporée en {family} (mêmes chasses : les lignes ne bougent pas)",
        "fix.embedded-using": "« {name} » incorporée avec {used}",
        "fix.default-substitute": "la police de remplacement par défaut de Ghostscript",
        "fix.embedded-from": "« {name} » incorporée depuis {file} (la police elle-même)",
        "fix.carlito-hint": " (installez fonts-crosextra-carlito et fonts-crosextra-caladea pour Calibri et Cambria)",
        "fix.no-metric-font": (
            "aucune police aux mêmes chasses pour « {name} »{hint} : Ghostscript l’a remplacée par une "
            "police proche, dont les chasses peuvent différer ; vérifiez les pages qui l’utilisent, ou "
            "exportez de nouveau avec les polices incorporées"
        ),
        "fix.dpi-not-enough": (
            "{asked} dpi ne suffisaient pas : les images ont été ramenées à {dpi:.0f} dpi, en JPEG de qualité {quality}"
        ),
        "fix.space-images": "images {size:.1f} Mo (déjà à {dpi} dpi au plus, ou non redimensionnables)",
        "fix.space-fonts": "polices {size:.1f} Mo",
        "fix.space-attachments": "{count:plural:# pièce jointe|# pièces jointes} (--drop-attachments les retire)",
        "fix.still-large": (
            "le fichier fait encore {size:.1f} Mo, au-delà de la limite de {limit:.1f} Mo ; ce qui prend la "
            "place : {parts}. Déposez les annexes numérisées à part si le portail le permet, ou exportez les "
            "figures à une résolution plus basse depuis leur source"
        ),
        "fix.restricts": " (elle restreint : {what})",
        "fix.plan-encryption": "retirer la protection par mot de passe propriétaire{what}",
        "fix.plan-clean": "nettoyer {key} : « {before} » → « {after} »",
        "fix.plan-javascript": "retirer {count:plural:# action JavaScript|# actions JavaScript}",
        "fix.plan-launch": "retirer {count:plural:# action de lancement|# actions de lancement}",
        "fix.plan-flatten": (
            "aplatir {count:plural:# champ de formulaire|# champs de formulaire} dans la page (leurs valeurs "
            "restent en texte)"
        ),
        "fix.plan-xfa": "retirer les données du formulaire XFA",
        "fix.plan-drop-attachments": "retirer {count:plural:# pièce jointe|# pièces jointes} : {items}",
        "fix.plan-keep-attachments": (
            "garder {count:plural:# pièce jointe|# pièces jointes} ({items}) ; --drop-attachments les retire"
        ),
        "fix.plan-fonts": (
            "incorporer un sous-ensemble de chaque police avec Ghostscript (pdfwrite), puis placer les "
            "programmes de police dans le fichier d’origine, sans rien changer d’autre (une réécriture "
            "complète par Ghostscript seulement si cela échoue)"
        ),
        "fix.plan-embed-as": "incorporer « {name} » en {family}",
        "fix.plan-embed-urw": "incorporer « {name} » depuis les polices URW de Ghostscript",
        "fix.plan-embed-closest": (
            "incorporer « {name} » avec la police de remplacement la plus proche de Ghostscript (aucune "
            "police aux mêmes chasses connue)"
        ),
        "fix.page-count-changed": "le nombre de pages a changé : {before} → {after}",
        "fix.page-size-changed": "format de page modifié : {w_in} × {h_in} → {w_out} × {h_out} pt",
        "fix.bookmark-lost": "« {title} » perdu (page {page})",
        "fix.bookmark-new": "« {title} » nouveau (page {page})",
        "fix.bookmarks-changed": "les signets ont changé ({before} → {after:plural:# entrée|# entrées}) : {detail}",
        "fix.bookmarks-order": "ordre ou niveaux",
        "fix.link-lost": "lien perdu : {kind} {target}",
        "fix.link-new": "nouveau lien : {kind} {target}",
        "fix.input-repaired": (
            "le texte de l’original ne peut pas être lu tel quel ({error}) ; il a été comparé à travers sa "
            "lecture réparée"
        ),
        "fix.input-unreadable": (
            "le texte de l’original ne peut pas être lu, même après réparation : rien ne peut prouver que le "
            "résultat l’a gardé ; comparez les deux fichiers à l’œil"
        ),
        "fix.output-unreadable": "le texte du résultat ne peut pas être lu ({error})",
        "fix.quoted": "« {text} »",
        "fix.mapped": "« {old} » → « {new} »",
        "fix.text-missing": "« {text} » manquant",
        "fix.text-became": "« {old} » devenu « {new} »",
        "fix.and-more": " ; et {count:plural:# autre|# autres}",
        "fix.text-lost": "texte perdu ou modifié : {shown}",
        "fix.text-added": "texte ajouté (champs de formulaire ou commentaires aplatis) : {shown}",
        "fix.greek": "les lettres en police Symbol se lisent maintenant en grec : {mapped} (texte amélioré)",
        "fix.same-path": "le résultat {output} est le fichier d’origine lui-même ; choisissez un autre nom",
        "fix.password-refused": (
            "le fichier demande un mot de passe pour s’ouvrir, et « preflight fix » ne retire pas les mots de "
            "passe d’ouverture : ouvrez-le avec son mot de passe et enregistrez-le ou imprimez-le dans un "
            "nouveau PDF, ou lancez « qpdf --decrypt --password=LE_VÔTRE in.pdf out.pdf », puis lancez "
            "« preflight fix » sur ce fichier"
        ),
        "fix.rebuilt": (
            "structure du fichier reconstruite ({count:plural:# réparation|# réparations}, telle que qpdf la lit)"
        ),
        "fix.grew": "le fichier s’est approché de la limite, ou l’a dépassée, pendant la correction",
        "fix.fonts-appeared": "des polices sont apparues pendant la correction",
        "fix.step-failed": "cette étape n’a pas pu s’exécuter ({message}) ; le fichier est resté tel quel pour elle",
        "fix.config-error": "preflight : erreur de configuration : {error}",
        "fix.never-overwritten": "preflight : {error} (l’original n’est jamais remplacé)",
        "fix.crashed": (
            "preflight : la correction s’est arrêtée ({error}) ; rien n’a été écrit et l’original est "
            "inchangé. Merci de le signaler, avec le fichier si vous pouvez le partager."
        ),
        "fix.megabytes": "{size:.2f} Mo",
        "fix.kilobytes": "{size:.1f} ko",
        "fix.title": "preflight : correction de {source} (jeu de règles « {profile} »)",
        "fix.refused": "  refusé : {reason}",
        "fix.failing": "  règles en échec : {rules}",
        "fix.none": "aucune",
        "fix.nothing-can-fix": (
            "  aucune correction automatique pour : {rules} ; voyez « preflight check » pour savoir quoi faire"
        ),
        "fix.nothing-to-fix": "  rien à corriger : aucun fichier écrit",
        "fix.would-write": "  écrirait {output}, en faisant :",
        "fix.planned-step": "  {number}. {step} : {title} (règle {rule})",
        "fix.no-automatic-fix": "  aucune correction automatique pour : {rules}",
        "fix.dry-run": "  essai à blanc : rien n’a été écrit",
        "fix.step-failed-mark": " (ÉCHEC)",
        "fix.done-step": "  {number}. {step} : {title}{failed}   {before} → {after}",
        "fix.proof": "  preuve que rien n’a été perdu (original comparé au résultat) :",
        "fix.all-same": (
            "       même nombre de pages, mêmes formats de page, même texte sur chaque page, mêmes signets et liens"
        ),
        "fix.on-page": "page {page} : ",
        "fix.before-after": "  avant → après :",
        "fix.size-row": "       taille   {before} → {after}",
        "fix.fonts-row": (
            "       polices  {embedded_before:plural:# incorporée|# incorporées}, {missing_before} non → "
            "{embedded_after:plural:# incorporée|# incorporées}, {missing_after} non"
        ),
        "fix.status.pass": "réussie",
        "fix.status.fail": "en échec",
        "fix.status.warn": "avertissement",
        "fix.status.skip": "non applicable",
        "fix.status.error": "en panne",
        "fix.written": "  écrit : {output}",
        "fix.kept-forced": (
            " (gardé avec --force bien que du texte ait été perdu ou modifié : vérifiez-le page par page)"
        ),
        "fix.not-written": (
            "  NON écrit : du texte a été perdu ou modifié, donc {output} n’a pas été gardé ; regardez les "
            "différences ci-dessus, ou gardez-le quand même avec --force"
        ),
        "fix.still-failing": (
            "  toujours en échec : {rules} ; lancez « preflight check » sur le résultat pour savoir quoi faire"
        ),
        "fix.done-encryption": "protection par mot de passe propriétaire et ses restrictions retirées",
        "fix.done-scripts": "{count:plural:# script de document retiré|# scripts de document retirés}",
        "fix.done-action-JavaScript": "{count:plural:# action JavaScript retirée|# actions JavaScript retirées}",
        "fix.done-action-launch": "{count:plural:# action de lancement retirée|# actions de lancement retirées}",
        "fix.done-dead-links": (
            "{count:plural:# lien retiré, qui ne lançait|# liens retirés, qui ne lançaient} que ces actions"
        ),
        "fix.done-flattened": (
            "{count:plural:# champ de formulaire aplati|# champs de formulaire aplatis} dans la page "
            "(valeurs gardées en texte)"
        ),
        "fix.done-xfa": "formulaire XFA retiré (le contenu statique de ses pages est gardé)",
        "fix.done-attachments": "{count:plural:# fichier joint retiré|# fichiers joints retirés} : {items}",
        "fix.kept-attachments": (
            "{count:plural:# fichier joint gardé|# fichiers joints gardés} ({items}) : mettez leur contenu "
            "dans les pages du dossier, puis relancez avec --drop-attachments pour les retirer"
        ),
        "fix.done-duplicates": (
            "copies en double fusionnées ({images:plural:# image|# images}, {fonts:plural:# programme de "
            "police|# programmes de police})"
        ),
        "fix.done-lossless": "recompressé sans perte (flux d’objets, flux compressés, ressources inutilisées retirées)",
        "fix.image-lossless": "sans perte (Flate)",
        "fix.plan-target": (
            "le fichier fait {size:size} ; {rule} signale « proche de la limite » au-delà de {near:size} et "
            "échoue au-delà de {limit:size} : viser {goal:size}"
        ),
        "fix.plan-lossless-only": (
            "recompresser d’abord sans perte (flux d’objets, objets inutilisés, images et polices en double)"
        ),
        "fix.plan-images": (
            "puis, des plus grandes aux plus petites et seulement autant qu’il le faut : enregistrer en JPEG de "
            "qualité {quality} les numérisations et photos gardées sans perte ({lossless:plural:# grande image sans "
            "perte|# grandes images sans perte}), réduire la résolution des images affichées au-delà de {dpi} dpi "
            "({above:plural:# image|# images}) ; les images 1 bit, masquées, en couleurs indexées ou petites restent "
            "telles quelles"
        ),
        "fix.goal-reached": (
            "il fait maintenant {size:size}, sous les {goal:size} visés ({rule} signale « proche de la limite » "
            "au-delà de {near:size} ; la limite est de {limit:size})"
        ),
        "fix.goal-missed": (
            "le fichier fait {size:size} : sous la limite, mais au-dessus des {goal:size} visés ({rule} signale "
            "« proche de la limite » au-delà de {near:size}), et aucune image restante ne peut rétrécir à "
            "{dpi:.0f} dpi et en JPEG de qualité {quality} ; ce qui prend la place : {parts:list}"
        ),
        "fix.goal-margin-missed": (
            "le fichier fait {size:size} ({size:bytes}) : sous les {near:size} où {rule} signale « proche de la "
            "limite », mais pas sous les {goal:size} visés, et aucune image restante ne peut rétrécir à {dpi:.0f} "
            "dpi et en JPEG de qualité {quality} ; ce qui prend la place : {parts:list}"
        ),
        "fix.space-fonts-take": "les polices occupent {size:size}",
        "fix.space-images-only": "les images {size:size}",
        "fix.space-images-left": (
            "les images {size:size} ({rewritten:plural:# réencodée|# réencodées}, "
            "{count:plural:# laissée telle quelle|# laissées telles quelles} : {reasons:msg-list})"
        ),
        "fix.space-other": "les pages et autres objets {size:size}",
        "fix.left-bilevel": "numérisations 1 bit",
        "fix.left-masked": "masquées",
        "fix.left-indexed": "couleurs indexées",
        "fix.left-colours": "couleurs qu’un réencodage changerait",
        "fix.left-budget": "au-delà du budget de décodage",
        "fix.left-drawing": "dessins, gardés sans perte",
        "fix.left-jpeg": "déjà en JPEG",
        "fix.left-no-gain": "trop peu à gagner",
        "fix.left-unreadable": "illisibles",
        "fix.encoding-none": "sans compression",
        "fix.encoding-jpeg": "JPEG q{quality}",
        "fix.image-reencoded": (
            "image de la page {page} : {width:d} × {height:d} px, {was} → {now}, {before:size} → {after:size}"
        ),
        "fix.image-downsampled": (
            "image de la page {page} : {width:d} × {height:d} → {new_width:d} × {new_height:d} px ({dpi:.0f} → "
            "{max_dpi:.0f} dpi), {was} → {now}, {before:size} → {after:size}"
        ),
        "fix.size-row-target": "       taille   {before} → {after} (visé : {goal:size} ; limite : {limit:size})",
        "fix.image-left": "image {name} de la page {page} laissée telle quelle ({error})",
        "fix.done-clean": "{key} nettoyé : « {before} » → « {after} »",
        "fix.done-clean-xmp": "XMP {key} nettoyé",
        "fix.xmp-failed": (
            "les métadonnées XMP n’ont pas pu être réécrites ({error}) ; les informations du document ont été nettoyées"
        ),
        "fix.install-ghostscript": (
            "Ghostscript n’est pas installé : les polices ne peuvent pas être incorporées ici. Installez-le "
            "(Debian/Ubuntu : « sudo apt install ghostscript fonts-liberation » ; macOS : « brew install "
            "ghostscript » ; Windows : l’installateur de ghostscript.com) et relancez « preflight fix ». Ou "
            "exportez de nouveau le dossier avec les polices incorporées : Word : Fichier > Options > "
            "Enregistrement > « Incorporer les polices dans le fichier » (ou PDF/A dans les options "
            "d’export) ; LibreOffice : export en PDF/A."
        ),
        # issue 16
        "cli.interrupted": "preflight\u202f: interrompu ({signal})\u202f: arrêté",
        "cli.output-error": "preflight\u202f: impossible d’écrire la sortie\u202f: {error}",
        "cli.internal-error": (
            "preflight\u202f: erreur interne ({error}, à {where})\u202f; merci de la signaler "
            "(PREFLIGHT_DEBUG=1 affiche la pile d’appels)"
        ),
        "cli.ghostscript-running": "preflight\u202f: Ghostscript réécrit {name}\u202f: {seconds} s (limite {limit} s)",
        "fix.text-added-plain": "texte ajouté : {shown}",
        "fix.text-added-flattened": (
            "texte ajouté là où des champs de formulaire ou des commentaires ont été aplatis : {shown}"
        ),
        "fix.withheld": "  NON écrit : {reason}",
        "fix.nothing-changed": "aucune étape n’a pu modifier le fichier : aucune copie n’a donc été écrite",
        "fix.undecodable-refused": (
            "le contenu ne peut pas être décodé ({pages:pages}, {reason}) : rien ne peut donc prouver ce qu’un "
            "fichier corrigé en garderait ; exportez de nouveau le PDF depuis sa source"
        ),
        "fix.no-output-folder": (
            "le dossier de sortie {folder} n’existe pas ; créez-le d’abord ou choisissez une autre sortie"
        ),
        "fix.output-folder-denied": (
            "le dossier de sortie {folder} n’est pas accessible en écriture (permission refusée)"
        ),
        "fix.cannot-write": "impossible d’écrire {path} : {error}",
        "fix.output-does-not-reopen": "le fichier corrigé ne se rouvre pas ({error}) : il n’a pas été écrit",
        "fix.output-fails-qpdf": "le fichier corrigé échoue au contrôle de qpdf ({error}) : il n’a pas été écrit",
        "fix.output-page-count": (
            "le fichier corrigé se rouvre avec {pages} pages au lieu de {expected} : il n’a pas été écrit"
        ),
        "text-command.bad-utf16": (
            "le texte commence comme de l’UTF-16 (une marque d’ordre des octets) mais n’est pas de l’UTF-16 valide "
            "({reason} à l’octet {offset}) : enregistrez-le de nouveau en UTF-8"
        ),
        "text-command.docx-method": (
            "{source} ne peut pas être lu ({error}) : enregistrez-le de nouveau depuis Word en simple .docx"
        ),
        "text-command.docx-encrypted": "{source} est chiffré : enregistrez-le depuis Word sans mot de passe",
        "text-command.docx-too-deep": "{source} imbrique son XML trop profondément pour être un document Word",
        "text-command.docx-too-large": (
            "{source} : {name} se décompresserait en {megabytes} Mo, au-delà de la limite de {limit} Mo pour le "
            "texte d’un document (un fichier endommagé ou une bombe de décompression)"
        ),
    },
}

_current = DEFAULT_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for, in gettext's order: LANGUAGE (a list, "fr:en"), LC_ALL, LC_MESSAGES, LANG.

    The first variable that is set decides; LANGUAGE is read only when the locale is not "C" or "POSIX", as
    gettext does.
    """
    environ = os.environ if environ is None else environ
    locale_value = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    if environ.get("LANGUAGE") and locale_value.split(".")[0] not in ("C", "POSIX"):
        for entry in environ["LANGUAGE"].split(":"):
            code = entry[:2].lower()
            if code in LANGUAGES:
                return code
    if locale_value:
        return "fr" if locale_value.lower().startswith("fr") else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def resolve_language(choice: str | None, environ: Mapping[str, str] | None = None) -> str:
    return choice if choice in LANGUAGES else language_from_environment(environ)


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r} (expected {', '.join(LANGUAGES)})")
    _current = language


def get_language() -> str:
    return _current


@functools.cache
def by_id() -> dict[str, dict[str, str]]:
    """The catalogue as preflight.messages reads catalogues: message id -> language -> template."""
    entries: dict[str, dict[str, str]] = {}
    for language, table in CATALOGUE.items():
        for message_id, template in table.items():
            entries.setdefault(message_id, {})[language] = template
    return entries


def t(message_id: str, /, language: str | None = None, **values: object) -> str:
    """The message in the current (or given) language, filled in with ``values`` (see preflight.messages)."""
    from preflight.messages import render_template

    return render_template(by_id(), message_id, values, language or _current)
