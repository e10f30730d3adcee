"""The cover names the Inserm commission the dossier is sent to (CSS 1 to 7, or the CPAR).

What it checks
    On the cover sheet (page 1, or the pages of the section titled so): "CSS 3", "CSS n°3", "CSS-3",
    "commission scientifique spécialisée 3", or "CPAR". "CSS3" written solid counts only with a word such as
    "Inserm", "commission", "section" or "concours" on the same line, and never on a line that also names
    HTML or JavaScript (the web language: "Html/CSS 3+ yrs").
    A cover that names no commission is a warning (the commission is also chosen on the portal); with
    ``css`` set, a cover naming another commission is a finding at the rule's level (an error).
    Several different commissions on the cover are reported too.

Why
    Inserm researcher competitions are judged by one of seven specialised scientific commissions (CSS) or the
    CPAR; a dossier sent to the wrong commission is rejected without being read, and the rapporteurs look for
    the number on the cover.

How to fix
    Write the commission on the cover, e.g. "CSS 3 - Physiologie et physiopathologie des grands systèmes"
    (names change with each mandate: check the current campaign notice), or "CPAR".

Options
    css: the commission the cover must name: a number 1-7 or "CPAR" (default: any).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from preflight.dossier import Dossier
from preflight.model import Finding, Level, OptionError
from preflight.patterns import lazy_pattern
from preflight.rects import Rect, line_rect, text_block
from preflight.sections import cover_pages, fold, missing_cover, unreadable_cover

ID = "css-section"
SUMMARY = "The cover names the Inserm commission (CSS 1-7 or CPAR)"
SUMMARY_FR = "La page de garde nomme la commission de l’Inserm (CSS 1 à 7 ou CPAR)"
DOC_FR = """\
La page de garde nomme la commission de l’Inserm à laquelle le dossier est adressé (CSS 1 à 7, ou la CPAR).

Ce qui est vérifié
    Sur la page de garde (la page 1, ou les pages de la section qui porte ce titre) : « CSS 3 »,
    « CSS n°3 », « CSS-3 », « commission scientifique spécialisée 3 » ou « CPAR ». « CSS3 » écrit attaché
    ne compte qu’avec un mot comme « Inserm », « commission », « section » ou « concours » sur la même
    ligne, et jamais sur une ligne qui nomme aussi HTML ou JavaScript (le langage du web :
    « Html/CSS 3+ yrs »).
    Une page de garde qui ne nomme aucune commission donne un avertissement (la commission est aussi
    choisie sur le portail) ; si ``css`` est fixé, une page de garde qui en nomme une autre donne un
    constat au niveau de la règle (une erreur).
    Plusieurs commissions différentes sur la page de garde sont aussi signalées.

Pourquoi
    Les concours de chercheurs et chercheuses de l’Inserm sont jugés par l’une des sept commissions
    scientifiques spécialisées (CSS) ou par la CPAR ; un dossier adressé à la mauvaise commission est
    rejeté sans être lu, et les rapporteurs cherchent le numéro sur la page de garde.

Comment corriger
    Indiquez la commission sur la page de garde, par exemple « CSS 3 – Physiologie et physiopathologie
    des grands systèmes » (les intitulés changent à chaque mandature : vérifiez l’avis de la campagne en
    cours), ou « CPAR ».

Options
    css : la commission que la page de garde doit nommer, un numéro de 1 à 7 ou "CPAR" (par défaut :
        n’importe laquelle).
"""

COMMISSION = lazy_pattern(
    r"(?i)\b(?:CSS|commission\s+scientifique\s+specialisee|specialised\s+scientific\s+commission"
    r"|specialized\s+scientific\s+commission)(?P<separator>\s*(?:n\s*[°o]\.?|no\.?|#|-|:)?\s*)(?P<number>\d{1,2})\b"
    r"|\b(?P<cpar>CPAR)\b"
)
# "CSS3" written solid is the web style-sheet language in most CVs; count it only next to words like these.
_WEB = lazy_pattern(r"(?i)\bhtml|javascript|bootstrap|\bsass\b|\bscss\b|tailwind")
_COMMISSION_CONTEXT = lazy_pattern(r"(?i)inserm|commission|section|concours|competition|crcn|\bdr2?\b|candidat")


MESSAGES = {
    "what": {"en": "the commission", "fr": "la commission"},
    "no-commission": {
        "en": "the cover ({pages:pages}) does not name the Inserm commission: no 'CSS 1' to 'CSS 7' or 'CPAR'",
        "fr": (
            "la page de garde ({pages:pages}) ne nomme pas la commission de l’Inserm : ni « CSS 1 » à « CSS 7 », "
            "ni « CPAR »"
        ),
    },
    "no-commission-out-of-range": {
        "en": (
            "the cover ({pages:pages}) does not name the Inserm commission: no 'CSS 1' to 'CSS 7' or 'CPAR'; "
            "{printed:text} is not a current commission (CSS 1-7)"
        ),
        "fr": (
            "la page de garde ({pages:pages}) ne nomme pas la commission de l’Inserm : ni « CSS 1 » à « CSS 7 », "
            "ni « CPAR » ; {printed:text} n’est pas une commission en vigueur (CSS 1 à 7)"
        ),
    },
    "add-commission": {
        "en": "Write the commission you apply to on the cover, e.g. 'CSS 3' or 'CPAR' (see the campaign notice).",
        "fr": (
            "Indiquez sur la page de garde la commission à laquelle vous candidatez, par exemple « CSS 3 » ou "
            "« CPAR » (voir l’avis de la campagne)."
        ),
    },
    "several-commissions": {
        "en": "the cover names {count} commissions ({named:list}); a dossier goes to one commission",
        "fr": (
            "la page de garde nomme {count} commissions ({named:list}) ; un dossier n’est adressé qu’à une seule "
            "commission"
        ),
    },
    "several-commissions.fix": {
        "en": "Keep only the commission this dossier is sent to.",
        "fr": "Ne gardez que la commission à laquelle ce dossier est adressé.",
    },
    "wrong-commission": {
        "en": (
            "the cover names {found:list}, but the configuration says this dossier goes to {expected}: a dossier "
            "sent to the wrong commission is rejected without being read"
        ),
        "fr": (
            "la page de garde indique {found:list}, mais la configuration adresse ce dossier à la {expected} : un "
            "dossier adressé à la mauvaise commission est rejeté sans être lu"
        ),
    },
    "wrong-commission.fix": {
        "en": "Check the commission: correct the cover to {expected}, or 'css' in preflight.toml.",
        "fr": (
            "Vérifiez la commission : corrigez la page de garde pour y indiquer la {expected}, ou corrigez « css » "
            "dans preflight.toml."
        ),
    },
}


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "css-range": {
        "en": 'css = {css}: Inserm has CSS 1 to 7 (or use "CPAR")',
        "fr": 'css = {css} : l’Inserm a les CSS 1 à 7 (ou indiquez "CPAR")',
    },
    "css-kind": {
        "en": 'css = {css}: expected a number from 1 to 7 or "CPAR"',
        "fr": 'css = {css} : un nombre de 1 à 7 ou "CPAR" est attendu',
    },
}


@dataclass(frozen=True)
class Options:
    css: int | str | None = None

    def __post_init__(self) -> None:
        if self.css is None:
            return
        if isinstance(self.css, int):
            if not 1 <= self.css <= 7:
                raise OptionError(OPTION_MESSAGES, "css-range", css=self.css)
        elif self.css.strip().upper() != "CPAR" and not (self.css.strip().isdigit() and 1 <= int(self.css) <= 7):
            raise OptionError(OPTION_MESSAGES, "css-kind", css=repr(self.css))

    @property
    def expected(self) -> str | None:
        if self.css is None:
            return None
        value = str(self.css).strip().upper()
        return "CPAR" if value == "CPAR" else f"CSS {int(value)}"


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    absent = missing_cover(dossier, "what")
    if absent is not None:
        yield dataclasses.replace(absent, level=Level.WARNING)  # as for a cover that does not name it
        return
    pages = cover_pages(dossier)
    problem = unreadable_cover(pages)
    if problem is not None:
        yield problem
        return
    first_page = pages[0].number if pages else 1
    # (page, as printed, where): the line that names it, or the first cover page's text block when none does.
    found: dict[str, tuple[int, str, Rect | None]] = {}
    out_of_range: list[tuple[int, str, Rect | None]] = []
    for page in pages:
        for line in page.lines:
            for match in COMMISSION.finditer(fold(line.text)):
                printed = line.text[match.start() : match.end()]
                if match.group("cpar"):
                    found.setdefault("CPAR", (page.number, printed, line_rect(line)))
                elif _WEB.search(line.text) or (
                    not match.group("separator") and not _COMMISSION_CONTEXT.search(fold(line.text))
                ):
                    continue
                elif 1 <= int(match.group("number")) <= 7:
                    found.setdefault(f"CSS {int(match.group('number'))}", (page.number, printed, line_rect(line)))
                else:
                    out_of_range.append((page.number, printed, line_rect(line)))
    where = [page.number for page in pages] or [first_page]
    if not found:
        yield Finding(
            "no-commission-out-of-range" if out_of_range else "no-commission",
            {"pages": where, "printed": out_of_range[0][1] if out_of_range else None},
            page=out_of_range[0][0] if out_of_range else first_page,
            rect=out_of_range[0][2] if out_of_range else text_block(pages[0].lines) if pages else None,
            snippet=out_of_range[0][1] if out_of_range else None,
            fix_id="add-commission",
            # The commission is chosen on the portal too: a cover without it is read badly, not refused.
            level=Level.WARNING,
            data={"expected": options.expected},
        )
        return
    if len(found) > 1:
        first = min(found.values(), key=lambda named: named[:2])
        yield Finding(
            "several-commissions",
            {"count": len(found), "named": list(found)},
            page=first[0],
            rect=first[2],
            snippet=first[1],
            data={"found": list(found)},
        )
    expected = options.expected
    if expected is not None and expected not in found:
        first_page_named, printed, rect = min(found.values(), key=lambda named: named[:2])
        yield Finding(
            "wrong-commission",
            {"found": list(found), "expected": expected},
            page=first_page_named,
            rect=rect,
            snippet=printed,
            data={"found": list(found), "expected": expected},
        )
