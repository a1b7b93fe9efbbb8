"""The site's standard pages: about, privacy and accessibility."""

from dataclasses import dataclass

from demo.streams import StreamData, bullet_list, callout, heading, paragraph


@dataclass(frozen=True)
class StandardPageText:
    slug: str
    title: str
    intro: str
    body: StreamData


STANDARD_PAGES: list[StandardPageText] = [
    StandardPageText(
        slug="over-het-leerplatform",
        title="Over het leerplatform",
        intro=(
            "Het leerplatform helpt medewerkers van bibliotheken en podiumhuizen om "
            "vlot te werken met de digitale diensten die ze samen gebruiken."
        ),
        body=[
            paragraph(
                "Op het leerplatform staan cursussen, lessen, onderwerpen en webinars "
                "over vijftien diensten, van het bibliotheeksysteem Wise tot "
                "Digitaal Podium. Eind 2022 telde het platform 4.519 geregistreerde "
                "gebruikers, 126 cursussen, 551 lessen en 730 onderwerpen.",
            ),
            heading("Meer dan handleidingen"),
            paragraph(
                "Je vindt hier de afspraken en handleidingen over het gebruik van de "
                "diensten, maar ook release notes, gekende bugs en nieuws over wat "
                "eraan komt. Deelnemers aan studiedagen en opleidingen vinden het "
                "materiaal achteraf terug in een afgeschermd deel.",
            ),
            callout(
                "Schrijf je in op de nieuwsbrief van de diensten die je gebruikt: zo "
                "mis je geen release of opleiding.",
            ),
        ],
    ),
    StandardPageText(
        slug="privacy",
        title="Privacy",
        intro=(
            "We verwerken zo weinig persoonsgegevens als nodig en delen ze niet met "
            "adverteerders of andere derden."
        ),
        body=[
            heading("Geen trackers van derden"),
            paragraph(
                "Deze site laadt geen advertentie- of analysediensten van derden en "
                "geen knoppen of widgets van sociale netwerken. We gebruiken alleen "
                "functionele cookies: om je ingelogd te houden, om formulieren te "
                "beveiligen en om je taalkeuze te onthouden.",
            ),
            bullet_list(
                "Dit bewaren we:",
                [
                    "je account: e-mailadres, naam, organisatie en werkveld;",
                    "je inschrijvingen op nieuwsbrieven en je voorkeuren;",
                    "welke lessen je afrondde, zodat je kan verdergaan waar je was;",
                    "openingen en kliks in nieuwsbrieven: per persoon alleen als je "
                    "daar toestemming voor gaf, anders enkel als totalen.",
                ],
            ),
            heading("Je rechten"),
            paragraph(
                "Je kan op elk moment vragen welke gegevens we over je bewaren. Op "
                "verzoek krijg je een export van die gegevens, of wissen we je "
                "account en je inschrijvingen. Uitschrijven uit een nieuwsbrief kan "
                "met één klik onderaan elke nieuwsbrief.",
                "Voor vragen over privacy neem je contact op met onze functionaris "
                "voor gegevensbescherming (DPO) via privacy@example.org.",
            ),
        ],
    ),
    StandardPageText(
        slug="toegankelijkheid",
        title="Toegankelijkheid",
        intro=(
            "We willen dat iedereen het leerplatform kan gebruiken, ook met een "
            "schermlezer, alleen met het toetsenbord of met een vergroot scherm."
        ),
        body=[
            paragraph(
                "We bouwen de site volgens de richtlijnen WCAG 2.1 op niveau AA. "
                "Kleuren hebben voldoende contrast, elke pagina werkt met het "
                "toetsenbord en afbeeldingen krijgen een beschrijving.",
            ),
            heading("Wat nog niet goed werkt"),
            paragraph(
                "Een deel van de oudere webinars heeft nog geen ondertitels, en "
                "sommige oudere documenten zijn pdf's zonder structuur. We werken ze "
                "bij wanneer we de cursus herzien.",
            ),
            callout(
                "Loop je ergens vast? Laat het ons weten via "
                "toegankelijkheid@example.org, dan zoeken we samen een oplossing.",
            ),
        ],
    ),
]
