"""Newsletter issues of 2022: what each list sent, in the organisation's words.

The Wise newsletter carries the IBL series of 2022 (the renewed interlibrary loan);
the other service newsletters go out two to six times a year with product updates,
ready-made promotion material, tips and inspiration from other libraries; Connected
goes out 36 times, in three editions (one per werkveld).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

YEAR = 2022
LEERPLATFORM = "https://leerplatform.cultuurconnect.be"
SITE = "https://www.cultuurconnect.be"


@dataclass(frozen=True)
class IssueData:
    sent_on: date
    title: str
    intro: str
    links: tuple[tuple[str, str], ...]  # (label, url)


def _issue(day: str, title: str, intro: str, *links: tuple[str, str]) -> IssueData:
    return IssueData(date.fromisoformat(day), title, intro, tuple(links))


IBL = f"{LEERPLATFORM}/courses/ibl-met-wise-nieuw/lessons"

SERVICE_ISSUES: dict[str, list[IssueData]] = {
    "wise": [
        _issue(
            "2022-03-31",
            "Is jouw bibliotheek klaar voor het vernieuwde IBL?",
            "Op 19 april start het vernieuwde interbibliothecair leenverkeer. Wat "
            "verandert er aan de balie, en wat stel je vooraf in?",
            ("Lees wat er verandert", f"{SITE}/nieuws/lancering-nieuw-ibl"),
            ("Bekijk de webinarreeks IBL", f"{IBL}/het-vernieuwde-ibl-in-de-praktijk/"),
            ("Checklist voor de start", f"{IBL}/voorbereiding-ibl/"),
            ("Release notes Wise", f"{LEERPLATFORM}/release-notes/wise/"),
        ),
        _issue(
            "2022-05-04",
            "Cijfers & aandachtspunten na 2 weken nieuw IBL",
            "Twee weken na de start: zoveel aanvragen liepen er al, en dit zijn de "
            "punten waar de helpdesk het vaakst over gebeld werd.",
            ("De aandachtspunten", f"{SITE}/nieuws/aandachtspunten-ibl"),
            ("Veelgestelde vragen", f"{IBL}/veelgestelde-vragen-ibl/"),
            ("Meld een probleem", f"{LEERPLATFORM}/gekende-bugs/"),
        ),
        _issue(
            "2022-06-14",
            "Feedbackmomenten in juni: jouw ervaring met IBL",
            "Vertel ons hoe het vernieuwde IBL bij jou loopt. In juni organiseren "
            "we drie online feedbackmomenten.",
            (
                "Schrijf je in",
                f"{IBL}/het-vernieuwde-ibl-in-de-praktijk/topic/juni-2022/",
            ),
            ("Verslag van de eerste sessie", f"{SITE}/nieuws/feedback-ibl-juni"),
        ),
        _issue(
            "2022-08-05",
            "Het leven van een IBL-aanvraag",
            "Van aanvraag tot terugbezorging: een IBL-aanvraag volgt zeven stappen. "
            "Een nieuwe webinar toont ze alle zeven.",
            ("Bekijk de webinar", f"{IBL}/het-leven-van-een-ibl-aanvraag/"),
            ("Tips voor de balie", f"{IBL}/tips-en-tricks-ibl/"),
            (
                "Nieuwe functies in Wise 7.0.2",
                f"{LEERPLATFORM}/release-notes/wise/7-0-2/",
            ),
        ),
        _issue(
            "2022-09-21",
            "IBL in Bredene",
            "Hoe een kleine bibliotheek het vernieuwde IBL inpaste in haar "
            "werking: de collega's van Bredene vertellen.",
            ("Lees het verhaal", f"{SITE}/nieuws/ibl-in-bredene"),
            ("Meer praktijkverhalen", f"{IBL}/praktijkervaringen/"),
        ),
        _issue(
            "2022-10-04",
            "3 belangrijke aanpassingen aan het nieuwe IBL",
            "Na de meldingen van de helpdesk passen we drie dingen aan: de "
            "verzendlijst, de herinneringen en de kostenverrekening.",
            ("De drie aanpassingen", f"{SITE}/nieuws/aanpassingen-ibl"),
            ("Release notes Wise 7.0.3", f"{LEERPLATFORM}/release-notes/wise/7-0-3/"),
            (
                "Webinar: registratienota's",
                f"{LEERPLATFORM}/courses/wise-financieel/lessons/registratienotas/",
            ),
            (
                "Webinar: deurwaarderprocedure",
                f"{LEERPLATFORM}/courses/wise-financieel/lessons/deurwaarderprocedure/",
            ),
        ),
    ],
    "bibliotheekwebsites": [
        _issue(
            "2022-02-15",
            "De roadmap voor de bibliotheekwebsites in 2022",
            "Welke wijzigingsverzoeken haalden de shortlist? Een overzicht van wat "
            "er dit jaar op de planning staat.",
            (
                "Bekijk de roadmap",
                f"{LEERPLATFORM}/courses/release-notes-en-wijzigingsverzoeken-bibwebsites/lessons/wijzigingsverzoeken-bibliotheekwebsites/",
            ),
            ("Dien een wijzigingsverzoek in", f"{SITE}/wijzigingsverzoek"),
        ),
        _issue(
            "2022-05-24",
            "Nieuw: de vernieuwde zoekpagina en Mijn Bibliotheek",
            "Sneller zoeken, filters die blijven staan en een nieuwe look voor "
            "Mijn Bibliotheek.",
            ("Wat is er nieuw", f"{LEERPLATFORM}/release-notes/bibliotheekwebsites/"),
            (
                "Handleiding zoekpagina",
                f"{LEERPLATFORM}/courses/bibliotheekwebsites/lessons/zoeken/",
            ),
        ),
        _issue(
            "2022-09-13",
            "Toegankelijke bibliotheeksites: tips van Luisterpunt",
            "Samen met Luisterpunt keken we naar de toegankelijkheid van de sites. "
            "Vijf dingen die je zelf kunt verbeteren.",
            ("De vijf tips", f"{SITE}/nieuws/toegankelijke-bibliotheeksites"),
            (
                "Checklist toegankelijkheid",
                f"{LEERPLATFORM}/courses/bibliotheekwebsites/lessons/toegankelijkheid/",
            ),
        ),
        _issue(
            "2022-11-29",
            "Eindejaarsactie: kant-en-klare banners",
            "Banners voor de eindejaarsperiode, in drie formaten, klaar om op je "
            "bibliotheeksite te zetten.",
            ("Download de banners", f"{SITE}/promomateriaal/eindejaar-2022"),
            (
                "Zo plaats je een banner",
                f"{LEERPLATFORM}/courses/bibliotheekwebsites/lessons/banners/",
            ),
        ),
    ],
    "open-vlacc": [
        _issue(
            "2022-02-22",
            "Open Vlacc in 2022: de catalogiseerafspraken",
            "Welke afspraken veranderen dit jaar, en waar vind je ze terug?",
            (
                "De nieuwe afspraken",
                f"{LEERPLATFORM}/courses/open-vlacc/lessons/afspraken/",
            ),
        ),
        _issue(
            "2022-05-17",
            "Veelvoorkomende catalogiseerfouten",
            "Een nieuwe webinar bespreekt de fouten die we het vaakst zien.",
            (
                "Bekijk de webinar",
                f"{LEERPLATFORM}/courses/open-vlacc/lessons/catalogiseerfouten/",
            ),
        ),
        _issue(
            "2022-09-06",
            "Nieuw in Open Vlacc: betere zoekresultaten",
            "Dubbele records worden voortaan samengevoegd.",
            ("Lees meer", f"{LEERPLATFORM}/release-notes/open-vlacc/"),
        ),
        _issue(
            "2022-12-06",
            "Terugblik op een jaar Open Vlacc",
            "Cijfers, nieuwe partners en wat er in 2023 komt.",
            ("De terugblik", f"{SITE}/nieuws/open-vlacc-2022"),
        ),
    ],
}

# Lists without hand-written issues get these, adapted to the service.
GENERIC_ISSUES = [
    ("02-08", "Nieuw in {name}: de eerste update van 2022",
     "De belangrijkste wijzigingen van deze update op een rij, met de handleiding."),
    ("04-26", "Kant-en-klaar promomateriaal voor {name}",
     "Affiches, banners en teksten voor je nieuwsbrief: download ze en gebruik ze."),
    ("06-21", "Tips voor de zomer met {name}",
     "Zo haal je deze zomer meer uit {name}: vijf tips van collega's."),
    ("09-27", "Inspiratie: zo werkt een andere bibliotheek met {name}",
     "Een collega vertelt hoe {name} een vaste plaats kreeg in de werking."),
    ("11-22", "{name}: evaluatie en plannen voor 2023",
     "Wat we leerden uit de bevraging, en wat er volgend jaar verandert."),
]  # fmt: skip
# How many times a year each list goes out (two to six, by how much news there is).
FREQUENCY = {
    "gopress": 4, "fundels": 3, "e-boeken": 5, "bibster": 2, "mijn-leestipper": 4,
    "bieblo": 4, "livestreaming": 3, "jouw-stad-leest": 3, "digitaal-podium": 5,
    "mobiele-arcadehallen": 2, "voor-de-show": 3,
}  # fmt: skip

CONNECTED_THEMES = [
    "Leesbevordering in de zomer", "Digitaal leiderschap in de cultuursector",
    "Connect & co.: het programma", "Nieuwe diensten voor cultuurcentra",
    "Cultuurcentra en hun publiek: het gebruikersonderzoek", "Mediawijsheid in de bib",
    "Online leren met de bib", "Café connect futuur: terugblik",
    "Datagedreven werken met Wise Analytics", "Het vernieuwde IBL",
    "Duurzame digitalisering", "Gemeenten en hun cultuurbeleid",
]  # fmt: skip


def connected_issues() -> list[IssueData]:
    """36 issues: every Tuesday-ish, three a month, themes in turn."""
    issues = []
    for number in range(36):
        month = number // 3 + 1
        day = (4, 14, 24)[number % 3]
        theme = CONNECTED_THEMES[number % len(CONNECTED_THEMES)]
        issues.append(
            IssueData(
                date(YEAR, month, day),
                f"Connected {number + 1}: {theme}",
                "Inspiratie, nieuws en praktijkverhalen voor jouw werkveld.",
                (
                    ("Lees het hoofdartikel", f"{SITE}/nieuws/connected-{number + 1}"),
                    ("Agenda", f"{SITE}/agenda"),
                    ("Op het leerplatform", f"{LEERPLATFORM}/"),
                    ("Praktijkverhaal", f"{SITE}/nieuws/praktijk-{number + 1}"),
                    ("Vacatures in de sector", f"{SITE}/vacatures"),
                ),
            )
        )
    return issues


def service_issues(slug: str, name: str) -> list[IssueData]:
    """The issues of one service list in 2022."""
    if slug in SERVICE_ISSUES:
        return SERVICE_ISSUES[slug]
    count = FREQUENCY.get(slug, 3)
    chosen = GENERIC_ISSUES[:count] if count <= 5 else GENERIC_ISSUES
    base = f"{LEERPLATFORM}/courses/{slug}"
    return [
        IssueData(
            date.fromisoformat(f"{YEAR}-{day}"),
            title.format(name=name),
            intro.format(name=name),
            (
                ("Lees meer", f"{base}/lessons/nieuw-in-2022/"),
                ("Download het materiaal", f"{SITE}/promomateriaal/{slug}"),
                ("Naar de handleiding", f"{base}/"),
            ),
        )
        for day, title, intro in chosen
    ]
