"""The cover sheet names the host unit with its code, the team leader and the unit director.

What it checks
    On the cover sheet (page 1, or the pages of the section titled so), three elements, each its own
    finding at the rule's level (an error in the Inserm researcher rule sets) when missing:

    - a research-unit code: U1016, Inserm U 1016, UMR-S 1138, UMR_S1142, UMRS 1228, UMR 8104, ERL U1309,
      CIC 1414, UMS/UAR/US nnnn (these last only next to "Inserm", "unité" or "unit"). Cell lines such as
      U937, U251 or U2OS and years (US 2019) are not unit codes; a bare 3-digit U937-style code counts only
      with "Inserm", "unité", "unit" or "UMR" on the same line;
    - the team leader: "Chef/Cheffe d'équipe", "Responsable d'équipe", "Team leader", "Group leader",
      "Head of team", "Principal investigator"... with a person's name (two capitalised words) near it;
    - the unit director: "Directeur/Directrice d'unité", "Directeur/Directrice du laboratoire (d'accueil)",
      "Unit director", "Head of unit", "Laboratory director"... with a person's name near it.

    With ``unit`` set, the cover must name that unit (compared after normalising: "Inserm U 1016",
    "U1016" and "UMR-S 1016" are the same number).

Why
    The host laboratory must be an Inserm unit and the project is judged on how well it fits there; the
    signed agreement of the unit director is a required piece. A cover that does not say where and with
    whom the candidate will work makes the rapporteurs look for it.

How to fix
    Put on the cover: the unit's name and code ("Institut Cochin, Inserm U1016"), the team's name with
    "Chef(fe) d'équipe : First Last", and "Directeur/Directrice d'unité : First Last".

Options
    unit: the unit code the cover must name, e.g. "U1016" (default: any unit code).
    team_leader: require the team leader (default true).
    director: require the unit director (default true).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from preflight.dossier import Dossier
from preflight.model import Finding, OptionError
from preflight.patterns import lazy_pattern
from preflight.rects import line_rect, text_block
from preflight.sections import cover_pages, fold, missing_cover, unreadable_cover

if TYPE_CHECKING:
    from preflight.pdf.text import TextLine

ID = "host-unit"
SUMMARY = "The cover names the host unit and its code, the team leader and the unit director"
SUMMARY_FR = (
    "La page de garde nomme l’unité d’accueil et son code, le chef ou la cheffe d’équipe, le directeur "
    "ou la directrice d’unité"
)
DOC_FR = """\
La page de garde nomme l’unité d’accueil avec son code, le chef ou la cheffe d’équipe et le directeur
ou la directrice d’unité.

Ce qui est vérifié
    Sur la page de garde (la page 1, ou les pages de la section qui porte ce titre), trois éléments,
    chacun faisant l’objet de son propre constat s’il manque :

    - un code d’unité de recherche : U1016, Inserm U 1016, UMR-S 1138, UMR_S1142, UMRS 1228, UMR 8104,
      ERL U1309, CIC 1414, UMS/UAR/US nnnn (ces derniers seulement à côté de « Inserm », « unité » ou
      « unit »). Les lignées cellulaires comme U937, U251 ou U2OS et les années (US 2019) ne sont pas des
      codes d’unité ; un code nu à 3 chiffres du type U937 ne compte qu’avec « Inserm », « unité »,
      « unit » ou « UMR » sur la même ligne ;
    - le chef ou la cheffe d’équipe : « Chef/Cheffe d’équipe », « Responsable d’équipe », « Team leader »,
      « Group leader », « Head of team », « Principal investigator »… avec un nom de personne (deux mots
      à majuscule initiale) à proximité ;
    - le directeur ou la directrice d’unité : « Directeur/Directrice d’unité », « Directeur/Directrice
      du laboratoire (d’accueil) », « Unit director », « Head of unit », « Laboratory director »… avec un
      nom de personne à proximité.

    Si ``unit`` est fixé, la page de garde doit nommer cette unité (comparaison après normalisation :
    « Inserm U 1016 », « U1016 » et « UMR-S 1016 » portent le même numéro).

Pourquoi
    Le laboratoire d’accueil doit être une unité Inserm, et le projet est jugé sur son insertion dans
    cette unité ; l’accord signé du directeur ou de la directrice d’unité est une pièce obligatoire. Une
    page de garde qui ne dit pas où ni avec qui la candidate ou le candidat travaillera oblige les
    rapporteurs à le chercher.

Comment corriger
    Indiquez sur la page de garde le nom et le code de l’unité (« Institut Cochin, Inserm U1016 »), le
    nom de l’équipe avec « Chef(fe) d’équipe : Prénom Nom », et
    « Directeur/Directrice d’unité : Prénom Nom ».

Options
    unit : le code d’unité que la page de garde doit nommer, par exemple "U1016" (par défaut : tout code
        d’unité).
    team_leader : exiger le chef ou la cheffe d’équipe (true par défaut).
    director : exiger le directeur ou la directrice d’unité (true par défaut).
"""

# DOMAIN.md §2.3, applied to accent-folded text.
UNIT_CODE = lazy_pattern(
    r"""(?ix)\b(?:
      (?P<umrs>(?:UMR[\s_-]*S|UMRS))\s*[-_ ]?\s*(?P<n1>\d{3,4})
    | (?P<umr>UMR)\s*(?:INSERM|CNRS|INRAE?|IRD)?\s*[-_ ]?\s*(?P<n2>\d{3,4})
    | (?P<u>U)\s?\.?\s?[-_ ]?\s*(?P<n3>\d{3,4})
    | (?P<erl>ERL)\s*(?:U\s*)?[-_ ]?\s*(?P<n4>\d{3,4})
    | (?P<cic>CIC(?:[-\s]?(?:IT|EC|P|BT))?)\s*[-_ ]?\s*(?:INSERM\s*)?(?P<n5>\d{3,4})
    | (?P<service>UMS|UAR|US)\s*[-_ ]?\s*(?P<n6>\d{1,4})
    | (?P<unite>Unit[eé]|INSERM)\s*(?:INSERM\s*)?[-_ ]\s*(?P<n7>\d{3,4})   # "Inserm - Unité 657", "IRSET-INSERM-1085"
    )\b"""
)
CELL_LINES = frozenset({"U937", "U251", "U373", "U266", "U118", "U138", "U343", "U698", "U698M"})
_UNIT_CONTEXT = lazy_pattern(r"(?i)\binserm\b|\bunit[eé]?\b|\bunit\b|\bUMR|\blaborato|\bCNRS\b")
_SERVICE_CONTEXT = lazy_pattern(r"(?i)\binserm\b|\bunit[eé]?\b|\bunit\b")
_INSERM_FAMILY = frozenset({"U", "UMR-S", "UMR", "ERL"})

TEAM_LEADER = lazy_pattern(
    r"(?i)\b(?:chef(?:fe)?\s+d'\s*[ée]quipe|responsables?\s+(?:de\s+l'\s*|d'\s*)[ée]quipe"
    r"|porteu(?:r|se)\s+du\s+projet\s+d'\s*[ée]quipe|team\s+leader|group\s+leader|head\s+of\s+(?:the\s+)?(?:team|group)"
    r"|team\s+head|principal\s+investigator|\bPI\s*:)"
)
DIRECTOR = lazy_pattern(
    r"(?i)\b(?:directeur|directrice)\s+(?:d'\s*unite|de\s+l'\s*unite|du\s+laboratoire(?:\s+d'accueil)?"
    r"|de\s+laboratoire|de\s+l'\s*institut)"
    r"|\bunit\s+director|\bdirector\s+of\s+the\s+(?:host\s+)?(?:unit|laboratory|lab|institute)"
    r"|\bhead\s+of\s+(?:the\s+)?unit|\b(?:host\s+)?(?:laboratory|lab)\s+director|\bDU\s*:"
)
_NAME_TOKEN = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’\-]+"
_INITIAL = r"[A-ZÀ-ÖØ-Þ]\.(?:-[A-ZÀ-ÖØ-Þ]\.)?"
PERSON = lazy_pattern(rf"(?:(?:Dr|Pr|Prof)\.?\s+)?(?:{_NAME_TOKEN}|{_INITIAL})(?:[ \t]+{_NAME_TOKEN})+")
NAME_WINDOW = 60
ROLE_NAMES = {"team-leader": "team leader", "director": "unit director"}
"""The roles as the JSON report's ``data.role`` names them."""

MESSAGES = {
    "what": {
        "en": "the host unit, its team leader and its director",
        "fr": "l’unité d’accueil, son chef ou sa cheffe d’équipe et son directeur ou sa directrice",
    },
    "no-unit-code": {
        "en": (
            "no research-unit code on the cover ({pages:pages}): looked for U1234, Inserm U 1234, UMR-S 1234, "
            "UMR 1234, ERL 1234, CIC 1234"
        ),
        "fr": (
            "aucun code d’unité de recherche sur la page de garde ({pages:pages}) : codes cherchés U1234, "
            "Inserm U 1234, UMR-S 1234, UMR 1234, ERL 1234, CIC 1234"
        ),
    },
    "no-unit-code-ignored": {
        "en": (
            "no research-unit code on the cover ({pages:pages}): looked for U1234, Inserm U 1234, UMR-S 1234, "
            "UMR 1234, ERL 1234, CIC 1234; ignored as cell lines or years: {ignored:list}"
        ),
        "fr": (
            "aucun code d’unité de recherche sur la page de garde ({pages:pages}) : codes cherchés U1234, "
            "Inserm U 1234, UMR-S 1234, UMR 1234, ERL 1234, CIC 1234 ; écartés comme lignées cellulaires ou "
            "années : {ignored:list}"
        ),
    },
    "add-unit-code": {
        "en": "Name the host unit with its code on the cover, e.g. “Institut Cochin, Inserm U1016”.",
        "fr": (
            "Nommez l’unité d’accueil avec son code sur la page de garde, par exemple "
            "« Institut Cochin, Inserm U1016 »."
        ),
    },
    "wrong-unit": {
        "en": (
            "the cover names unit {found:list}, not {expected} as the configuration requires "
            "(unit = {configured:quote})"
        ),
        "fr": (
            "la page de garde nomme l’unité {found:list}, et non {expected} comme l’exige la configuration "
            "(unit = {configured:quote})"
        ),
    },
    "wrong-unit.fix": {
        "en": "Check the host unit (it must be {expected}), or correct “unit” in preflight.toml.",
        "fr": "Vérifiez l’unité d’accueil (ce doit être {expected}), ou corrigez « unit » dans preflight.toml.",
    },
    "missing-team-leader": {
        "en": (
            "the cover ({pages:pages}) does not name the team leader: no label such as “Chef(fe) d’équipe”, "
            "“Responsable d’équipe”, “Team leader”"
        ),
        "fr": (
            "la page de garde ({pages:pages}) ne nomme pas le chef ou la cheffe d’équipe : aucune mention telle "
            "que « Chef(fe) d’équipe », « Responsable d’équipe », « Team leader »"
        ),
    },
    "missing-team-leader.fix": {
        "en": "Add a line “Chef(fe) d’équipe : First Last” to the cover.",
        "fr": "Ajoutez une ligne « Chef(fe) d’équipe : Prénom Nom » à la page de garde.",
    },
    "missing-director": {
        "en": (
            "the cover ({pages:pages}) does not name the unit director: no label such as “Directeur/Directrice "
            "d’unité”, “Directeur du laboratoire”, “Unit director”"
        ),
        "fr": (
            "la page de garde ({pages:pages}) ne nomme pas le directeur ou la directrice d’unité : aucune mention "
            "telle que « Directeur/Directrice d’unité », « Directeur du laboratoire », « Unit director »"
        ),
    },
    "missing-director.fix": {
        "en": "Add a line “Directeur/Directrice d’unité : First Last” to the cover.",
        "fr": "Ajoutez une ligne « Directeur/Directrice d’unité : Prénom Nom » à la page de garde.",
    },
    "team-leader-unnamed": {
        "en": (
            "the cover names the team leader label {label:text} but no person’s name (first and last name) next to it"
        ),
        "fr": (
            "la page de garde porte la mention {label:text} du chef ou de la cheffe d’équipe, mais aucun nom de "
            "personne (prénom et nom) à côté"
        ),
    },
    "team-leader-unnamed-reads": {
        "en": (
            "the cover names the team leader label {label:text} but no person’s name (first and last name) next "
            "to it: it reads {after:text}"
        ),
        "fr": (
            "la page de garde porte la mention {label:text} du chef ou de la cheffe d’équipe, mais aucun nom de "
            "personne (prénom et nom) à côté : on y lit {after:text}"
        ),
    },
    "director-unnamed": {
        "en": (
            "the cover names the unit director label {label:text} but no person’s name (first and last name) next to it"
        ),
        "fr": (
            "la page de garde porte la mention {label:text} du directeur ou de la directrice d’unité, mais aucun "
            "nom de personne (prénom et nom) à côté"
        ),
    },
    "director-unnamed-reads": {
        "en": (
            "the cover names the unit director label {label:text} but no person’s name (first and last name) next "
            "to it: it reads {after:text}"
        ),
        "fr": (
            "la page de garde porte la mention {label:text} du directeur ou de la directrice d’unité, mais aucun "
            "nom de personne (prénom et nom) à côté : on y lit {after:text}"
        ),
    },
    "team-leader-name.fix": {
        "en": "Write the person’s first and last name after the label: “Chef(fe) d’équipe : First Last”.",
        "fr": "Écrivez le prénom et le nom de la personne après la mention : « Chef(fe) d’équipe : Prénom Nom ».",
    },
    "director-name.fix": {
        "en": "Write the person’s first and last name after the label: “Directeur/Directrice d’unité : First Last”.",
        "fr": (
            "Écrivez le prénom et le nom de la personne après la mention : "
            "« Directeur/Directrice d’unité : Prénom Nom »."
        ),
    },
}
_NOT_NAMES = lazy_pattern(r"(?i)^(?:inserm|cnrs|universit|institut|centre|center|unit|umr|equipe|équipe|team|lab)")


@dataclass(frozen=True)
class UnitCode:
    kind: str  # U, UMR-S, UMR, ERL, CIC, UMS, UAR, US
    number: int
    printed: str

    @property
    def canonical(self) -> str:
        return f"U{self.number}" if self.kind == "U" else f"{self.kind} {self.number}"

    def same_unit(self, other: UnitCode) -> bool:
        if self.number != other.number:
            return False
        return self.kind == other.kind or (self.kind in _INSERM_FAMILY and other.kind in _INSERM_FAMILY)


def parse_unit(text: str) -> UnitCode | None:
    """The first unit code in a string such as 'U1016' or 'Inserm UMR_S 1142' (context rules aside)."""
    for code, _ in unit_codes_in_line(text, strict=False):
        return code
    return None


def unit_codes_in_line(line: str, strict: bool = True) -> Iterator[tuple[UnitCode, bool]]:
    """Unit codes on one line, each with whether it is accepted (False: a cell line or year, kept for the message)."""
    folded = fold(line)
    for match in UNIT_CODE.finditer(folded):
        printed = line[match.start() : match.end()]
        groups = match.groupdict()
        number_text = next(groups[f"n{i}"] for i in range(1, 8) if groups[f"n{i}"])
        number = int(number_text)
        if groups["umrs"]:
            kind = "UMR-S"
        elif groups["umr"]:
            kind = "UMR"
        elif groups["u"] or groups["unite"]:
            kind = "U"
        elif groups["erl"]:
            kind = "ERL"
        elif groups["cic"]:
            kind = re.sub(r"[\s-]+", "-", groups["cic"].upper())
        else:
            kind = groups["service"].upper()
        code = UnitCode(kind, number, printed)
        accepted = True
        if strict:
            if kind == "U":
                cell_line = bool(groups["u"]) and f"U{number_text}" in CELL_LINES
                bare_short = len(number_text) == 3 and not _UNIT_CONTEXT.search(folded)
                accepted = not (cell_line or 1900 <= number <= 2099 or bare_short)
            elif kind in ("UMS", "UAR", "US"):
                accepted = not (1900 <= number <= 2099) and bool(_SERVICE_CONTEXT.search(folded))
        yield code, accepted


OPTION_MESSAGES = {  # what is wrong with an option's value (preflight.model.OptionError)
    "unit": {
        "en": "unit {value} is not a unit code such as 'U1016' or 'UMR-S 1142'",
        "fr": "unit {value} n’est pas un code d’unité tel que « U1016 » ou « UMR-S 1142 »",
    },
}


@dataclass(frozen=True)
class Options:
    unit: str | None = None
    team_leader: bool = True
    director: bool = True

    def __post_init__(self) -> None:
        if self.unit is not None and parse_unit(self.unit) is None:
            raise OptionError(OPTION_MESSAGES, "unit", value=repr(self.unit))


def check(dossier: Dossier, options: Options) -> Iterator[Finding]:
    absent = missing_cover(dossier, "what")
    if absent is not None:
        yield absent
        return
    pages = cover_pages(dossier)
    problem = unreadable_cover(pages)
    if problem is not None:
        yield problem
        return
    where = [page.number for page in pages] or [1]
    first_page = pages[0].number if pages else 1
    cover = _Cover([(page.number, line) for page in pages for line in page.lines])

    accepted: list[tuple[int, UnitCode]] = []
    rejected: list[tuple[int, UnitCode]] = []
    for index, (_, line) in enumerate(cover.lines):
        for code, ok in unit_codes_in_line(line.text):
            (accepted if ok else rejected).append((index, code))
    if not accepted:
        ignored = list(dict.fromkeys(code.printed for _, code in rejected))
        # Where the code belongs: beside the codes read and refused (a cell line), or the line that names a unit.
        anchor = rejected[0][0] if rejected else cover.first(_UNIT_CONTEXT)
        yield Finding(
            "no-unit-code-ignored" if ignored else "no-unit-code",
            {"pages": where, "ignored": ignored},
            **cover.place(anchor, first_page, keep_page=True),
            fix_id="add-unit-code",
            data={"ignored": [code.printed for _, code in rejected]},
        )
    elif options.unit is not None:
        wanted = parse_unit(options.unit)
        assert wanted is not None
        if not any(code.same_unit(wanted) for _, code in accepted):
            named = list(dict.fromkeys(code.canonical for _, code in accepted))
            yield Finding(
                "wrong-unit",
                {"found": named, "expected": wanted.canonical, "configured": options.unit},
                **cover.place(accepted[0][0], first_page),
                snippet=accepted[0][1].printed,
                data={"found": [code.canonical for _, code in accepted], "expected": wanted.canonical},
            )

    unit_line = accepted[0][0] if accepted else cover.first(_UNIT_CONTEXT)
    if options.team_leader:
        team_line = cover.first(_TEAM_LINE)
        nearest = team_line if team_line is not None else unit_line
        yield from _role(cover, TEAM_LEADER, "team-leader", first_page, where, nearest)
    if options.director:
        yield from _role(cover, DIRECTOR, "director", first_page, where, unit_line)


_TEAM_LINE = lazy_pattern(r"(?i)^\s*(?:equipe|team|groupe|group)\b")
"""A line that names the team ("Équipe Immunité et cancer"): where a missing team leader belongs."""


class _Cover:
    """The cover's lines, as one text (labels may run over two lines) and each with its page and box.

    Where a finding points (``place``): the line it is about when there is one (a wrong unit code, a label
    without a name after it); for a missing label, the line it belongs beside (the team's line for the team
    leader, the unit's for the director and the unit code), so a candidate sees where to add it; and when the
    cover has no such line, its whole text block, which says "on this page" rather than "nowhere".
    """

    def __init__(self, lines: list[tuple[int, TextLine]]) -> None:
        self.lines = lines
        self.text = "\n".join(line.text for _, line in lines)
        self.offsets: list[int] = []
        position = 0
        for _, line in lines:
            self.offsets.append(position)
            position += len(line.text) + 1

    def first(self, pattern: re.Pattern[str]) -> int | None:
        """The index of the first line that ``pattern`` finds something in (searched without accents)."""
        return next((i for i, (_, line) in enumerate(self.lines) if pattern.search(fold(line.text))), None)

    def at(self, position: int) -> int:
        """The index of the line holding ``position`` of ``text``."""
        return max(bisect.bisect_right(self.offsets, position) - 1, 0)

    def place(self, index: int | None, first_page: int, keep_page: bool = False) -> dict[str, Any]:
        """``page`` and ``rect`` of line ``index``, or of the first cover page's text block when None (or, with
        ``keep_page``, when the line is on another page: a finding about the whole cover stays on its first)."""
        if (
            index is not None
            and 0 <= index < len(self.lines)
            and not (keep_page and self.lines[index][0] != first_page)
        ):
            page, line = self.lines[index]
            return {"page": page, "rect": line_rect(line)}
        block = text_block(line for page, line in self.lines if page == first_page)
        return {"page": first_page, "rect": block}


def _role(
    cover: _Cover,
    label: re.Pattern[str],
    role: str,
    first_page: int,
    where: list[int],
    nearest: int | None,
) -> Iterator[Finding]:
    """Findings for one role ('team-leader' or 'director'): its label is missing (marked at the ``nearest``
    line, see _Cover), or no name follows it (marked at the label's line)."""
    text = cover.text
    folded = fold(text)
    labels = list(label.finditer(folded))
    for match in labels:
        if _name_near(text, match.start(), match.end()):
            return
    if not labels:
        yield Finding(
            f"missing-{role}",
            {"pages": where},
            **cover.place(nearest, first_page, keep_page=True),
            data={"role": ROLE_NAMES[role], "label": None},
        )
        return
    match = labels[0]
    printed = text[match.start() : match.end()].strip()
    after = text[match.end() : match.end() + 40].split("\n")[0].strip(" :–—-\t")
    yield Finding(
        f"{role}-unnamed-reads" if after else f"{role}-unnamed",
        {"label": printed, "after": after},
        **cover.place(cover.at(match.start()), first_page),
        snippet=text[match.start() : match.end() + 40].split("\n")[0],
        fix_id=f"{role}-name.fix",
        data={"role": ROLE_NAMES[role], "label": printed},
    )


def _name_near(text: str, start: int, end: int) -> bool:
    """A capitalised first and last name within a few words after the label (or just before it)."""
    after = text[end : end + NAME_WINDOW]
    after = re.sub(r"^\s*(?:\(e\)|\(s\))?\s*[:–—-]?\s*", "", after)
    for candidate in PERSON.finditer(after):
        if candidate.start() <= 25 and not _NOT_NAMES.match(fold(candidate.group())):
            return True
        break
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - NAME_WINDOW) : start].rstrip(" (,–—-")
    return any(
        candidate.end() >= len(before) - 2 and not _NOT_NAMES.match(fold(candidate.group()))
        for candidate in PERSON.finditer(before)
    )
