"""Course subjects, lesson and topic patterns and webinar series per service.

The real platform had 126 courses over 15 services, 551 lessons, 730 topics and 202
webinars of nine minutes on average (30 hours) at the end of 2022. The subjects
below come from what the services did that year; larger scales repeat them with a
variant ("verdieping", "voor vestigingen", ...).
"""

from dataclasses import dataclass, field

from services.choices import Audience


@dataclass(frozen=True)
class ServiceCourses:
    # How many courses the service has at seed scale, and at small scale.
    seed: int
    small: int
    subjects: list[str]
    audience: str = Audience.LIBRARIES
    webinar_series: dict[str, list[str]] = field(default_factory=dict)
    webinars_seed: int = 0
    webinars_small: int = 0


COURSE_VARIANTS = [
    "",
    "verdieping",
    "voor vestigingen",
    "voor nieuwe medewerkers",
    "in de praktijk",
    "veelgestelde vragen",
    "voor coördinatoren",
    "opfrissing",
    "stap voor stap",
    "tips en workarounds",
]

LESSON_PATTERNS = [
    "Wat is {subject}?",
    "Aan de slag met {subject}",
    "Instellingen en rechten",
    "{subject} in de praktijk",
    "Veelvoorkomende fouten vermijden",
    "Rapporten en lijsten",
    "Tips en workarounds",
    "Veelgestelde vragen",
]

TOPIC_PATTERNS = [
    "Stap voor stap",
    "Een voorbeeld uit een bibliotheek",
    "Schermafdrukken en uitleg",
    "Wat als het misloopt?",
]

SERVICE_COURSES: dict[str, ServiceCourses] = {
    "wise": ServiceCourses(
        seed=32,
        small=3,
        subjects=[
            "IBL met Wise (nieuw)",
            "Leners inschrijven",
            "Uitlenen, verlengen en innemen",
            "Reserveringen beheren",
            "Catalografie in Wise",
            "Veelvoorkomende catalogeerfouten",
            "De deurwaarderprocedure",
            "Registratienota's",
            "De selectiemodule",
            "Aanwinsten en de automatische bestelkoppeling",
            "Kassa en betalingen",
            "Rapporten en lijsten",
            "Migratie naar Wise: het huiswerk",
            "Migratie naar Wise: conversie en inrichting",
            "Migratie naar Wise: testen en go-live",
            "Nazorg na de migratie",
            "Tijdschriften en abonnementen",
            "Materialen voor de collectie",
            "Vestigingen en openingsuren",
            "Herinneringen en aanmaningen",
            "Reservaties voor niet-leden",
            "Stuur me een e-mail",
            "Online inschrijven",
            "Regionale dienstverlening",
            "Release notes en wekelijkse updates",
            "Gekende bugs en tickets",
            "Zoeken in de catalogus",
            "Statistieken voor de jaarrapportage",
            "Afschrijven en wieden",
            "Balie-instellingen per vestiging",
        ],
        webinar_series={
            "IBL": [
                "Een IBL-aanvraag ontvangen",
                "Een IBL-aanvraag goedkeuren of weigeren",
                "IBL-zendingen en de koerier",
                "Leners vragen zelf een IBL aan",
                "IBL-kosten en facturen",
            ],
            "Migratie naar Wise": [
                "Het huiswerk voor de migratie",
                "De conversie van je gegevens",
                "De inrichting van je bibliotheek",
                "Testen voor de go-live",
                "De eerste week na de go-live",
            ],
            "Catalografie": [
                "Veelvoorkomende catalogeerfouten",
                "Meerdelige werken beschrijven",
                "Exemplaren koppelen aan Open Vlacc",
            ],
            "Financieel": [
                "De deurwaarderprocedure",
                "Registratienota's opmaken",
                "Kassa afsluiten",
            ],
            "Nieuwe functies": [
                "Nieuw in Wise 7.0",
                "De selectiemodule",
                "Slimmer zoeken in de balie",
            ],
        },
        webinars_seed=150,
        webinars_small=8,
    ),
    "wise-analytics": ServiceCourses(
        seed=10,
        small=2,
        subjects=[
            "Het dashboard van Wise Analytics",
            "Leners: inschrijvingen en actieve leners",
            "Collectie: overzicht en aanwas",
            "Circulatie met detail per lener",
            "Toplijsten",
            "Baliedrukte per uur",
            "Financiële gegevens",
            "Filteren en exporteren naar Excel",
            "Power BI en het datamodel",
            "Privacy en gepseudonimiseerde gegevens",
        ],
        webinar_series={
            "Power BI": [
                "Vragen over Power BI",
                "Het datamodel van Wise Analytics",
                "Eigen rapporten maken",
            ],
        },
        webinars_seed=15,
        webinars_small=2,
    ),
    "bibliotheekwebsites": ServiceCourses(
        seed=12,
        small=0,
        subjects=[
            "Release notes en wijzigingsverzoeken bibwebsites",
            "Je bibliotheekwebsite beheren",
            "Nieuwsberichten en activiteiten",
            "De catalogus op je website",
            "Mijn Bibliotheek voor leners",
            "Inspiratiepagina's maken",
            "Toegankelijke webteksten",
            "Afbeeldingen en rechten",
            "Formulieren en inschrijvingen",
            "Zoekmachines en vindbaarheid",
            "Een nieuwe bibliotheekwebsite lanceren",
            "Statistieken van je website",
        ],
        webinar_series={
            "Bibliotheekwebsites": [
                "Wat is nieuw op de bibliotheekwebsites",
                "Een wijzigingsverzoek indienen",
            ]
        },
        webinars_seed=10,
    ),
    "open-vlacc": ServiceCourses(
        seed=8,
        small=0,
        subjects=[
            "Catalografie in Open Vlacc",
            "Een nieuw record aanmaken",
            "Records verbeteren",
            "Onderwerpsontsluiting",
            "Labels printen met Biblioprint",
            "Auteursnamen en authority records",
            "Meerdelige werken",
            "Kwaliteitscontrole",
        ],
    ),
    "e-boeken": ServiceCourses(
        seed=8,
        small=2,
        subjects=[
            "E-boeken lenen in de app",
            "E-boeken lenen op de computer",
            "E-boeken op een e-reader",
            "Leners helpen met e-boeken",
            "Digitaal lezen met 65-plussers",
            "Het aanbod van cloudLibrary",
            "Promotie van e-boeken in je bibliotheek",
            "Veelgestelde vragen van leners",
        ],
        webinar_series={
            "Instructievideo's": [
                "Lenen in de app",
                "Lenen op de computer",
                "Lezen op een e-reader",
                "Je account koppelen aan Mijn Bibliotheek",
            ]
        },
        webinars_seed=12,
        webinars_small=2,
    ),
    "gopress": ServiceCourses(
        seed=6,
        small=0,
        subjects=[
            "Gopress Kiosk in de bibliotheek",
            "Gopress Archief van thuis uit",
            "Zoeken in het archief",
            "Leners wegwijs maken in Gopress",
            "Van Gopress naar Belgapress",
            "Gopress promoten",
        ],
    ),
    "fundels": ServiceCourses(
        seed=5,
        small=0,
        subjects=[
            "Digitale prentenboeken",
            "AVI-leesboekjes",
            "Fundels in de klas",
            "Voorlezen met Fundels",
            "De RFID-rugzakjes uitfaseren",
        ],
    ),
    "bibster": ServiceCourses(
        seed=6,
        small=0,
        subjects=[
            "Bibster Quest",
            "Bibster Story",
            "Een klasbezoek voorbereiden",
            "De Jeugdboekenmaand met Bibster",
            "De Schatten van Vlieg",
            "Teams en opdrachten beheren",
        ],
    ),
    "mijn-leestipper": ServiceCourses(
        seed=4,
        small=0,
        subjects=[
            "Mijn Leestipper aanzetten",
            "Leestips op basis van de leengeschiedenis",
            "Mijn Leestipper promoten",
            "Privacy en leestips",
        ],
    ),
    "bieblo": ServiceCourses(
        seed=4,
        small=0,
        subjects=[
            "De Bieblo-uil in je bibliotheek",
            "Bieblo met een klas",
            "Leesinspiratie voor kinderen",
            "Bieblo promoten",
        ],
    ),
    "jouw-stad-leest": ServiceCourses(
        seed=4,
        small=0,
        subjects=[
            "Een leesgemeenschap opstarten",
            "Leestips delen en modereren",
            "Leesclubs online",
            "Je stad leest: communicatie",
        ],
    ),
    "digitaal-podium": ServiceCourses(
        seed=10,
        small=2,
        audience=Audience.PERFORMING_ARTS,
        subjects=[
            "Ticketing met Tixly",
            "Een voorstelling aanmaken",
            "Zaalplannen en plaatsen",
            "Abonnementen en kortingen",
            "Kassa en toegangscontrole",
            "Rapportage voor je cultuurhuis",
            "Klantgegevens en privacy",
            "Online verkoop op je website",
            "De pilootgroepen van Digitaal Podium",
            "Overstappen naar het gedeelde ticketingsysteem",
        ],
        webinar_series={
            "Tixly": [
                "Tixly voor ticketingexperts",
                "Een voorstelling in verkoop zetten",
                "Rapporten in Tixly",
            ]
        },
        webinars_seed=10,
        webinars_small=2,
    ),
    "livestreaming": ServiceCourses(
        seed=5,
        small=0,
        audience=Audience.PERFORMING_ARTS,
        subjects=[
            "Een livestream voorbereiden",
            "Samenwerken met woonzorgcentra",
            "Techniek voor livestreaming",
            "Tarieven en afspraken",
            "Publiek bereiken met livestreams",
        ],
    ),
    "voor-de-show": ServiceCourses(
        seed=6,
        small=0,
        audience=Audience.PERFORMING_ARTS,
        subjects=[
            "Voor De Show in je cultuurhuis",
            "Leerkrachten bereiken",
            "Een schoolvoorstelling voorbereiden",
            "Het spel in de klas",
            "Regionale werving",
            "Goede praktijken uit cultuurhuizen",
        ],
        webinar_series={
            "Werving": [
                "Voor De Show voorstellen aan scholen",
                "Goede praktijken bij de werving",
            ]
        },
        webinars_seed=5,
    ),
    "mobiele-arcadehallen": ServiceCourses(
        seed=3,
        small=0,
        audience=Audience.BOTH,
        subjects=[
            "Een mobiele arcadehal ontvangen",
            "Opbouw en afbraak",
            "Publiek voor de arcadehal",
        ],
    ),
}

# The Wise course for system administrators, visible only to their group.
ADMINISTRATORS_COURSE = "Wise voor systeembeheerders"
ADMINISTRATORS_GROUP = "Systeembeheerders Wise"
ADMINISTRATORS_LESSONS = [
    "Gebruikers en rechten beheren",
    "Parameters per vestiging",
    "De testomgeving gebruiken",
    "Pre-release notes lezen",
]

# Training and events for every service hang under the about page: the home page
# takes no other page types.
PROGRAMMES_PARENT = "over-het-leerplatform"

LEADERSHIP_COURSE = "Opleiding Digitaal Leiderschap in de Cultuursector"
LEADERSHIP_GROUP = "Cohorte Digitaal Leiderschap 2022-2023"
# The five modules, each with the cohort's documentation and recording, and a
# practice session that is open to everyone on purpose.
LEADERSHIP_MODULES = [
    ("Module 1: Visie & beleid", "Praktijkcases rond innovatie in visie en beleid"),
    (
        "Module 2: Kennis & competenties",
        "Praktijkcase: naar een digitale mindset in Schouwburg Kortrijk",
    ),
    ("Module 3: Interactie met doelgroepen", "Praktijksessie: je publiek digitaal"),
    ("Module 4: Extern aanbod", "Praktijksessie: een digitaal aanbod opzetten"),
    ("Module 5: Interne processen", "Praktijksessie: processen digitaliseren"),
]

CONNECT_COURSE = "Connect & co. 2022"
CONNECT_GROUP = "Deelnemers Connect & co. 2022"
CONNECT_LESSONS = [
    "Video: de nieuwe coöperatieve structuur",
    "Presentaties van de sessies",
    "Verslag en vervolgafspraken",
]
