"""Hand-written news items of 2022, the whole news of the small scale."""

from dataclasses import dataclass, field
from datetime import date

from demo.streams import StreamData, bullet_list, callout, heading, paragraph
from services.choices import Audience


@dataclass(frozen=True)
class NewsItem:
    slug: str
    title: str
    date: date
    summary: str
    audience: str
    body: StreamData
    services: tuple[str, ...] = field(default=())
    is_inspiring: bool = False


HANDWRITTEN_NEWS: list[NewsItem] = [
    NewsItem(
        slug="fundels-prentenboeken-en-avi-boekjes",
        title="Fundels: prentenboeken en AVI-boekjes in de kijker",
        date=date(2022, 2, 14),
        summary=(
            "148 bibliotheken bieden de digitale prentenboeken van Fundels aan. De "
            "RFID-rugzakjes verdwijnen stilaan uit de collectie."
        ),
        audience=Audience.LIBRARIES,
        services=("fundels",),
        body=[
            paragraph(
                "Fundels maakt van voorlezen een interactief moment. De prentenboeken "
                "zijn er voor kinderen van drie tot zeven, de AVI-boekjes voor wie "
                "zelf leert lezen.",
            ),
            callout(
                "Haal je RFID-rugzakjes uit de uitleen? De les over uitfaseren "
                "beschrijft de stappen in Wise.",
                kind="let-op",
            ),
        ],
    ),
    NewsItem(
        slug="wise-7-0-1-twaalf-verbeteringen",
        title="Wise 7.0.1: twaalf verbeteringen voor catalogus en balie",
        date=date(2022, 3, 8),
        summary=(
            "De eerste grote Wise-versie van 2022 staat klaar, met onder meer een "
            "wachtrij-indicator voor reservaties en actuele standplaatsinformatie."
        ),
        audience=Audience.LIBRARIES,
        services=("wise",),
        body=[
            paragraph(
                "Versie 7.0.1 brengt twaalf verbeteringen. Leners zien in de "
                "publiekscatalogus hoeveel mensen voor hen een reservatie hebben en "
                "waar een exemplaar op dit moment staat.",
            ),
            bullet_list(
                "Ook aan de balie verandert er iets:",
                [
                    "op verschillende schermen staan nu bibliotheeknamen in plaats "
                    "van instantiecodes;",
                    "in de loghistoriek van een exemplaar kan je filteren.",
                ],
            ),
        ],
    ),
    NewsItem(
        slug="connect-en-co-2022-terugblik",
        title="Connect & co. 2022: 379 collega's in Gent",
        date=date(2022, 3, 15),
        summary=(
            "Op de dienstendag in ICC Gent kwamen 379 medewerkers van 173 "
            "bibliotheken samen. Het materiaal staat nu op het leerplatform."
        ),
        audience=Audience.LIBRARIES,
        services=("wise-analytics", "wise"),
        is_inspiring=True,
        body=[
            paragraph(
                "Connect & co. stond in het teken van netwerken en van de nieuwe "
                "coöperatieve werking, die in een korte video werd toegelicht. Wise "
                "Analytics werd er officieel gelanceerd.",
            ),
            callout(
                "Kon je er niet bij zijn? In het afgeschermde deel van het "
                "leerplatform vind je alle presentaties en opnames terug.",
            ),
        ],
    ),
    NewsItem(
        slug="wise-analytics-uitrol-per-regio",
        title="Wise Analytics komt regio per regio naar je bibliotheek",
        date=date(2022, 3, 21),
        summary=(
            "Na de proefperiode met vijf bibliotheken rolt Wise Analytics uit: elke "
            "maand komt een nieuwe regio aan de beurt."
        ),
        audience=Audience.LIBRARIES,
        services=("wise-analytics",),
        body=[
            heading("Het uitrolschema"),
            bullet_list(
                "De bibliotheken krijgen toegang in deze volgorde:",
                [
                    "maart: de pilootbibliotheken",
                    "april: de bibliotheken uit de productgroep",
                    "mei en juni: Limburg, Brugge en Oostende",
                    "juli tot september: Oost-Vlaanderen, West-Vlaanderen, Brussel",
                    "oktober en november: Vlaams-Brabant en Antwerpen",
                ],
            ),
            paragraph(
                "In elke provincie volgt een opleidingsdag waarop je leert werken met "
                "het dashboard.",
            ),
        ],
    ),
    NewsItem(
        slug="is-jouw-bibliotheek-klaar-voor-het-vernieuwde-ibl",
        title="Is jouw bibliotheek klaar voor het vernieuwde IBL?",
        date=date(2022, 3, 31),
        summary=(
            "Vanaf april vragen leners zelf een boek uit een andere bibliotheek aan "
            "via de website. Het proefjaar loopt tot april 2023."
        ),
        audience=Audience.LIBRARIES,
        services=("wise", "bibliotheekwebsites"),
        body=[
            paragraph(
                "Het interbibliothecair leenverkeer verandert grondig: leners "
                "plaatsen hun aanvraag zelf in de catalogus, en Wise volgt het boek "
                "op zijn tocht tussen de bibliotheken.",
            ),
            callout(
                "Bekijk de nieuwe webinarreeks over IBL voor je de eerste aanvragen "
                "behandelt.",
            ),
        ],
    ),
    NewsItem(
        slug="digitaal-podium-kiest-tixly",
        title="Digitaal Podium kiest Tixly voor gedeelde ticketing",
        date=date(2022, 4, 26),
        summary=(
            "Het ticketingsysteem van Digitaal Podium is gegund aan Tixly. Drie "
            "pilootgroepen stappen als eersten over."
        ),
        audience=Audience.PERFORMING_ARTS,
        services=("digitaal-podium",),
        body=[
            paragraph(
                "Stad Gent, de regio Zuidwest en Zender in Pajottenland-Zennevallei "
                "gaan als eersten met het nieuwe systeem aan de slag. Hun "
                "ticketingexperts krijgen een opleiding op maat.",
                "Wijzigingsverzoeken voor de leverancier lopen via de adviesgroep "
                "Digitaal Podium.",
            ),
        ],
    ),
    NewsItem(
        slug="livestreaming-voorstellingen-in-het-woonzorgcentrum",
        title="Livestreaming brengt voorstellingen tot in het woonzorgcentrum",
        date=date(2022, 5, 10),
        summary=(
            "47 cultuurcentra zonden voorstellingen live uit naar 127 zorgcentra. "
            "Driekwart van de deelnemers wil erin blijven investeren."
        ),
        audience=Audience.PERFORMING_ARTS,
        services=("livestreaming",),
        is_inspiring=True,
        body=[
            paragraph(
                "Wie niet meer naar de zaal kan, beleeft de voorstelling toch mee. "
                "Uit een bevraging blijkt dat 90% van de deelnemers tevreden is.",
            ),
            callout(
                "De basisbijdrage stijgt van 450 naar 495 euro per livestream.",
                kind="let-op",
            ),
        ],
    ),
    NewsItem(
        slug="wise-7-0-2-minder-klikken-bij-inschrijven",
        title="Wise 7.0.2: minder klikken bij het inschrijven met eID",
        date=date(2022, 7, 19),
        summary=(
            "Twintig verbeteringen, met een betere dubbeldetectie bij inschrijvingen "
            "en twee nieuwe IBL-overzichten."
        ),
        audience=Audience.LIBRARIES,
        services=("wise", "bibliotheekwebsites"),
        body=[
            paragraph(
                "Bij het (her)inschrijven met de eID onthoudt Wise de gegevens over "
                "de schermen heen, en toont de waarschuwing alle mogelijke dubbele "
                "leners. Minder klikken, minder fouten.",
            ),
            bullet_list(
                "Verder nieuw:",
                [
                    "twee overzichten voor het interbibliothecair leenverkeer;",
                    "de berichteneditor toont of een bericht nog een klad is;",
                    "leden koppelen hun lidmaatschap in Mijn Bibliotheek met een "
                    "eenmalige code in plaats van een wachtwoord.",
                ],
            ),
        ],
    ),
    NewsItem(
        slug="voor-de-show-groeit-naar-42-cultuurhuizen",
        title="Voor De Show groeit naar 42 cultuurhuizen",
        date=date(2022, 9, 12),
        summary=(
            "Het theaterspel voor de lagere school wint terrein: 259 voorstellingen "
            "in 157 scholen werden ermee voorbereid."
        ),
        audience=Audience.PERFORMING_ARTS,
        services=("voor-de-show",),
        is_inspiring=True,
        body=[
            paragraph(
                "Dit schooljaar doen 17 cultuurhuizen meer mee dan vorig jaar. "
                "Leerkrachten besteden gemiddeld drie kwartier aan het spel en "
                "komen met een goed voorbereide klas naar de zaal.",
            ),
            callout(
                "In 2023 wordt Voor De Show ook geschikt voor het buitengewoon "
                "onderwijs.",
            ),
        ],
    ),
    NewsItem(
        slug="cinebib-films-streamen-via-de-bibliotheek",
        title="Cinébib: films streamen via je bibliotheek",
        date=date(2022, 10, 6),
        summary=(
            "In De Bib Leuven ging de proef met filmstreaming van start. 26 "
            "bibliotheken bieden hun leden auteursfilms, kortfilms en documentaires."
        ),
        audience=Audience.LIBRARIES,
        is_inspiring=True,
        body=[
            paragraph(
                "Leden kiezen uit drie platformen: Europese auteursfilms, kortfilms "
                "en documentaires, en Belgische auteursfilms. De werkgroep "
                "Filmstreaming volgt de proef op.",
            ),
        ],
    ),
    NewsItem(
        slug="wise-7-0-3-ophaaldatum-op-het-reservatiebriefje",
        title="Wise 7.0.3: een ophaaldatum op het reservatiebriefje",
        date=date(2022, 11, 21),
        summary=(
            "De laatste grote versie van het jaar brengt zestien verbeteringen, "
            "onder meer voor de zelfuitleen en de berichteneditor."
        ),
        audience=Audience.LIBRARIES,
        services=("wise",),
        body=[
            bullet_list(
                "Enkele verbeteringen uit 7.0.3:",
                [
                    "het ticket van de zelfuitleenbalie toont alleen de uitleningen "
                    "van de vestiging waar de lener staat;",
                    "op het reservatiebriefje staat tot wanneer het boek klaarligt;",
                    "in de berichteneditor schrijf je aparte teksten voor jeugdleners.",
                ],
            ),
            callout(
                "Systeembeheerders kregen de release notes twee weken vooraf. Vraag "
                "hen wat er voor jouw bibliotheek verandert.",
            ),
        ],
    ),
    NewsItem(
        slug="mobiele-arcadehallen-laatste-speelweken",
        title="Mobiele arcadehallen: de laatste speelweken",
        date=date(2022, 11, 29),
        summary=(
            "Na vijf jaar en 171 speelweken in 75 organisaties sluiten de mobiele "
            "arcadehallen eind dit jaar hun deuren."
        ),
        audience=Audience.BOTH,
        services=("mobiele-arcadehallen",),
        is_inspiring=True,
        body=[
            paragraph(
                "Cultuurcentra en bibliotheken trokken met de arcadehallen een nieuw "
                "publiek aan: jongeren, gezinnen en nostalgische gamers.",
            ),
        ],
    ),
    NewsItem(
        slug="e-boeken-instructievideos-veel-bekeken",
        title="E-boeken: instructievideo's bijna 10.000 keer bekeken",
        date=date(2022, 12, 13),
        summary=(
            "De video's over lenen in de app, op de computer en op een e-reader "
            "helpen leden op weg. Een cursus voor 65-plussers is in de maak."
        ),
        audience=Audience.LIBRARIES,
        services=("e-boeken",),
        body=[
            paragraph(
                "218 bibliotheken bieden e-boeken aan, goed voor 430.000 "
                "uitleningen in 2022. Samen met een partner werken we een praktische "
                "cursus uit om 65-plussers te begeleiden bij digitaal lezen.",
            ),
        ],
    ),
]
