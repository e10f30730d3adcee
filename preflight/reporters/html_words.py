"""The HTML report's own words, in English and French, and the number formats of each language.

Findings bring their own message and fix, already in the run's language; these are the report's headings,
labels and notes. French follows French typography: a narrow no-break space (U+202F) before ; : ! ? and
inside « », a decimal comma, a no-break space between a number and its unit.
"""

from __future__ import annotations

from preflight.i18n import get_language
from preflight.messages import format_number, plural_category
from preflight.messages import format_size as size_text

NNBSP = "\u202f"
NBSP = "\u00a0"

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Preflight report: {file}",
        "tool": "dossier-preflight {version}",
        "contents": "Contents",
        "verdict.passed": "Passed",
        "verdict.failed": "Failed",
        "verdict.passed-line": "Every rule passed: the file can be uploaded.",
        "verdict.failed-line.one": "1 rule to fix before uploading.",
        "verdict.failed-line.many": "{count} rules to fix before uploading.",
        "verdict.crashed-line": "A check crashed: this file is not known to pass.",
        "verdict.warnings.one": "1 rule with warnings or notes.",
        "verdict.warnings.many": "{count} rules with warnings or notes.",
        "fact.file": "File",
        "fact.pages": "Pages",
        "fact.size": "Size",
        "fact.rule-set": "Rule set",
        "fact.strict": "strict: warnings fail",
        "size.of-limit": "{size} of the {limit} limit ({share})",
        "size.bar": "File size: {size}, {share} of the {limit} limit",
        "checklist": "Checklist",
        "status.pass": "Pass",
        "status.fail": "Fail",
        "status.warn": "Warning",
        "status.info": "Note",
        "status.skip": "Skipped",
        "status.error": "Crashed",
        "level.error": "error",
        "level.warning": "warning",
        "level.info": "info",
        "finding.page": "page {page}",
        "finding.file": "whole file",
        "finding.fix": "What to do",
        "finding.more.one": "… and 1 more finding (--verbose shows all).",
        "finding.more.many": "… and {count} more findings (--verbose shows all).",
        "pages": "Pages with findings",
        "pages.none": "No page has a finding.",
        "pages.hint": "Select a page to enlarge it; the numbered boxes mark where each finding is.",
        "pages.alt.one": "Page {page} of {file}, with 1 finding marked",
        "pages.alt.many": "Page {page} of {file}, with {count} findings marked",
        "pages.alt.none": "Page {page} of {file}",
        "pages.caption": "Page {page}",
        "pages.enlarge": "Page {page}: select to enlarge or shrink",
        "pages.no-place": "no position on the page",
        "pages.over-limit.one": "1 more page has findings but is not shown, to keep this report small: page {pages}.",
        "pages.over-limit.many": (
            "{count} more pages have findings but are not shown, to keep this report small: pages {pages}."
        ),
        "pages.failed": "These pages could not be rendered: {pages}.",
        "pages.private": (
            "The pages are not shown: they show the dossier's words, which --no-snippets (the default in CI) "
            "keeps out of the report. Use --snippets to show them."
        ),
        "pages.unavailable": "The pages could not be rendered ({reason}).",
        "pages.no-file": "The file is no longer at {path}: the pages cannot be shown.",
        "sections": "Section map",
        "sections.none": "The rule set ran no rule that reads sections, so they were not looked for.",
        "sections.empty": "No section was found.",
        "sections.strip": "Each page of the file, coloured by the section it belongs to.",
        "sections.page": "page {page}: {section}",
        "sections.unassigned": "no section",
        "sections.col.section": "Section",
        "sections.col.pages": "Pages",
        "sections.col.count": "Count",
        "sections.col.title": "Title as printed",
        "ruler.label": "Length of the {section}: {count} against {low}–{high} expected",
        "ruler.ok": "within the range",
        "ruler.short": "too short",
        "ruler.long": "too long",
        "ruler.missing": "The {section} section was not found, so its length ({low}–{high} pages) is not known.",
        "cv": "CV timeline",
        "cv.none": "The CV's chronology was not read (see the cv-date-gaps rule).",
        "cv.no-dates": "No dates were found in the CV.",
        "cv.read-from": "Read from {source}; open ranges run to {as_of}.",
        "cv.education": "education",
        "cv.position": "position",
        "cv.leave": "leave",
        "cv.other": "covers nothing (a prize, a membership)",
        "cv.gap": "gap",
        "cv.gap-note": "gap worth a word",
        "cv.possible": "possible gap (academic years)",
        "cv.gap-label": "{months}",
        "cv.table": "The timeline as a table",
        "cv.col.from": "From",
        "cv.col.to": "To",
        "cv.col.entry": "Entry",
        "cv.col.kind": "Kind",
        "cv.col.page": "Page",
        "cv.present": "present",
        "cv.gap-row": "{kind}: no activity from {first} to {last} ({months})",
        "page-count.one": "{count} page",
        "page-count.many": "{count} pages",
        "months.one": "{count} month",
        "months.many": "{count} months",
        "bytes": "What takes the space",
        "bytes.images": "images",
        "bytes.fonts": "fonts",
        "bytes.rest": "text and the rest",
        "bytes.bar": "Images {images}, fonts {fonts}, the rest {rest}",
        "bytes.none": "The file's contents could not be measured.",
        "bytes.largest": "Largest images",
        "bytes.col.image": "Image",
        "bytes.col.size": "Stored size",
        "bytes.col.dpi": "Resolution",
        "bytes.col.pages": "Pages",
        "bytes.px": "{width} × {height} px",
        "bytes.dpi": "{dpi} dpi",
        "bytes.no-images": "The file has no images.",
        "footer": "Made by dossier-preflight {version} on this computer; nothing in this report was sent anywhere.",
        "file.unreadable": "The file could not be read, so no page is shown.",
    },
    "fr": {
        "title": "Rapport de pré-vérification{n}: {file}",
        "tool": "dossier-preflight {version}",
        "contents": "Sommaire",
        "verdict.passed": "Réussi",
        "verdict.failed": "Échec",
        "verdict.passed-line": "Toutes les règles sont respectées{n}: le fichier peut être déposé.",
        "verdict.failed-line.one": "1 règle à corriger avant le dépôt.",
        "verdict.failed-line.many": "{count} règles à corriger avant le dépôt.",
        "verdict.crashed-line": "Une vérification a planté{n}: on ne sait pas si ce fichier est correct.",
        "verdict.warnings.one": "1 règle avec des avertissements ou des remarques.",
        "verdict.warnings.many": "{count} règles avec des avertissements ou des remarques.",
        "fact.file": "Fichier",
        "fact.pages": "Pages",
        "fact.size": "Taille",
        "fact.rule-set": "Jeu de règles",
        "fact.strict": "strict{n}: les avertissements font échouer",
        "size.of-limit": "{size} sur une limite de {limit} ({share})",
        "size.bar": "Taille du fichier{n}: {size}, {share} de la limite de {limit}",
        "checklist": "Liste des règles",
        "status.pass": "Réussie",
        "status.fail": "Échec",
        "status.warn": "Avertissement",
        "status.info": "Remarque",
        "status.skip": "Non applicable",
        "status.error": "En panne",
        "level.error": "erreur",
        "level.warning": "avertissement",
        "level.info": "info",
        "finding.page": "page {page}",
        "finding.file": "tout le fichier",
        "finding.fix": "Que faire",
        "finding.more.one": "… et 1 autre constat (--verbose les montre tous).",
        "finding.more.many": "… et {count} autres constats (--verbose les montre tous).",
        "pages": "Pages concernées",
        "pages.none": "Aucune page n’a de constat.",
        "pages.hint": "Sélectionnez une page pour l’agrandir{n}; les cadres numérotés montrent où est chaque constat.",
        "pages.alt.one": "Page {page} de {file}, avec 1 constat encadré",
        "pages.alt.many": "Page {page} de {file}, avec {count} constats encadrés",
        "pages.alt.none": "Page {page} de {file}",
        "pages.caption": "Page {page}",
        "pages.enlarge": "Page {page}{n}: sélectionnez pour agrandir ou réduire",
        "pages.no-place": "pas de position sur la page",
        "pages.over-limit.one": (
            "1 autre page a des constats mais n’est pas montrée, pour que ce rapport reste léger{n}: page {pages}."
        ),
        "pages.over-limit.many": (
            "{count} autres pages ont des constats mais ne sont pas montrées, pour que ce rapport reste "
            "léger{n}: pages {pages}."
        ),
        "pages.failed": "Ces pages n’ont pas pu être affichées{n}: {pages}.",
        "pages.private": (
            "Les pages ne sont pas montrées{n}: elles montrent le texte du dossier, que --no-snippets (le choix "
            "par défaut en CI) tient hors du rapport. Ajoutez --snippets pour les montrer."
        ),
        "pages.unavailable": "Les pages n’ont pas pu être affichées ({reason}).",
        "pages.no-file": "Le fichier n’est plus à l’emplacement {path}{n}: les pages ne peuvent pas être montrées.",
        "sections": "Plan des sections",
        "sections.none": "Aucune règle du jeu ne lit les sections{n}: elles n’ont pas été cherchées.",
        "sections.empty": "Aucune section n’a été trouvée.",
        "sections.strip": "Chaque page du fichier, colorée selon sa section.",
        "sections.page": "page {page}{n}: {section}",
        "sections.unassigned": "hors section",
        "sections.col.section": "Section",
        "sections.col.pages": "Pages",
        "sections.col.count": "Nombre",
        "sections.col.title": "Titre tel qu’imprimé",
        "ruler.label": "Longueur de la section {section}{n}: {count} pour {low} à {high} attendues",
        "ruler.ok": "dans l’intervalle",
        "ruler.short": "trop courte",
        "ruler.long": "trop longue",
        "ruler.missing": (
            "La section {section} n’a pas été trouvée{n}: sa longueur ({low} à {high} pages) n’est pas connue."
        ),
        "cv": "Chronologie du CV",
        "cv.none": "La chronologie du CV n’a pas été lue (voir la règle cv-date-gaps).",
        "cv.no-dates": "Aucune date n’a été trouvée dans le CV.",
        "cv.read-from": "Source{n}: {source}{n}; les périodes ouvertes courent jusqu’à {as_of}.",
        "cv.education": "formation",
        "cv.position": "poste",
        "cv.leave": "congé",
        "cv.other": "ne couvre rien (un prix, une adhésion)",
        "cv.gap": "interruption",
        "cv.gap-note": "interruption à expliquer",
        "cv.possible": "interruption possible (années universitaires)",
        "cv.gap-label": "{months}",
        "cv.table": "La chronologie sous forme de tableau",
        "cv.col.from": "Début",
        "cv.col.to": "Fin",
        "cv.col.entry": "Entrée",
        "cv.col.kind": "Type",
        "cv.col.page": "Page",
        "cv.present": "aujourd’hui",
        "cv.gap-row": "{kind}{n}: aucune activité de {first} à {last} ({months})",
        "page-count.one": "{count} page",
        "page-count.many": "{count} pages",
        "months.one": "{count} mois",
        "months.many": "{count} mois",
        "bytes": "Ce qui prend la place",
        "bytes.images": "images",
        "bytes.fonts": "polices",
        "bytes.rest": "texte et le reste",
        "bytes.bar": "Images {images}, polices {fonts}, le reste {rest}",
        "bytes.none": "Le contenu du fichier n’a pas pu être mesuré.",
        "bytes.largest": "Les plus grandes images",
        "bytes.col.image": "Image",
        "bytes.col.size": "Taille stockée",
        "bytes.col.dpi": "Résolution",
        "bytes.col.pages": "Pages",
        "bytes.px": "{width} × {height} px",
        "bytes.dpi": "{dpi} dpi",
        "bytes.no-images": "Le fichier ne contient aucune image.",
        "footer": (
            "Produit par dossier-preflight {version} sur cet ordinateur{n}; rien de ce rapport n’a été envoyé "
            "où que ce soit."
        ),
        "file.unreadable": "Le fichier n’a pas pu être lu{n}: aucune page n’est montrée.",
    },
}

SECTION_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "cover": "cover",
        "cv": "CV",
        "activity-report": "past work",
        "project": "project",
        "publications": "publications",
        "letters": "letters",
        "annexes": "annexes",
        "toc": "contents",
    },
    "fr": {
        "cover": "page de garde",
        "cv": "CV",
        "activity-report": "travaux antérieurs",
        "project": "projet",
        "publications": "publications",
        "letters": "lettres",
        "annexes": "annexes",
        "toc": "sommaire",
    },
}


def language() -> str:
    return get_language() if get_language() in WORDS else "en"


def word(key: str, /, **values: object) -> str:
    """The report's word ``key`` in the run's language, filled in; ``{n}`` is French's narrow no-break space."""
    table = WORDS[language()]
    template = table.get(key) or WORDS["en"][key]
    return template.format(n=NNBSP, **values)


def counted(key: str, count: int, /, **values: object) -> str:
    """``key.one`` or ``key.many``: French counts 0 and 1 in the singular, English only 1."""
    one = plural_category(count, language()) == "one"
    return word(f"{key}.{'one' if one else 'many'}", count=format_int(count), **values)


def section_name(name: str) -> str:
    return SECTION_NAMES[language()].get(name, name)


def format_int(value: int) -> str:
    """12,345 in English, 12 345 in French (narrow no-break space for thousands): preflight.messages' numbers."""
    return format_number(value, language())


def format_size(count: int) -> str:
    """Decimal units, as portals state their limits: 8.4 MB / 8,4 Mo (preflight.messages)."""
    return size_text(count, language())


def format_percent(share: float) -> str:
    """84 % in French (a no-break space before the sign), 84% in English."""
    if 0 < share < 0.005:
        return f"<{NBSP}1{NBSP}%" if language() == "fr" else "<1%"
    value = round(100 * share)
    return f"{value}{NBSP}%" if language() == "fr" else f"{value}%"


def format_pages(pages: list[int]) -> str:
    """'1–3, 7' for pages 1, 2, 3 and 7 (an en dash inside ranges, as typeset pages read)."""
    from preflight.model import format_pages as page_ranges

    return page_ranges(pages, dash="–")
