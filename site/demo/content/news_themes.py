"""Building blocks for generated news: topics per service, places and templates.

A template's texts may use ``{service}``, ``{topic}``, ``{group}``, ``{house}``,
``{place}``, ``{day}``, ``{region}`` and ``{module}``.
"""

from dataclasses import dataclass

from services.choices import Audience

TOPICS: dict[str, list[str]] = {
    "wise": [
        "het vernieuwde IBL",
        "de berichteneditor",
        "de selectiemodule",
        "de deurwaardersprocedure",
        "registratienota's",
        "het ontdubbelen van leners",
        "de automatische bestelkoppeling",
        "het individuele financiële blok",
        "veelvoorkomende catalografiefouten",
        "de status 'In verwerking'",
    ],
    "wise-analytics": [
        "het dashboard Circulatie",
        "de baliedrukte per uur",
        "de aanwas van je collectie",
        "de toplijsten",
        "exporteren naar Excel",
        "het datamodel in Power BI",
        "actieve leners",
    ],
    "bibliotheekwebsites": [
        "selectielijsten in de kijker",
        "de welkomstpagina van Mijn Bibliotheek",
        "online inschrijven en herinschrijven",
        "de melding 'Stuur me een e-mail'",
        "verlengen vanuit de herinneringsmail",
        "zoeken in de inhoud van je site",
        "magazijnwerken reserveren",
    ],
    "open-vlacc": [
        "de catalografie van strips",
        "etiketten met Biblioprint",
        "Daisy- en braillerecords",
        "de nieuwe catalografische afspraken",
        "meertalige titels",
    ],
    "e-boeken": [
        "lenen op een e-reader",
        "de e-boekenapp",
        "anderstalige e-boeken",
        "e-boeken in de klas",
        "digitaal lezen met 65-plussers",
    ],
    "gopress": [
        "het Archief van thuis uit",
        "Kiosk in de leeszaal",
        "zoeken in oude krantenartikels",
        "de overstap naar het nieuwe platform",
    ],
    "fundels": [
        "de AVI-leesboekjes",
        "voorlezen met digitale prentenboeken",
        "meertalige prentenboeken",
        "voorlezen in de klas",
    ],
    "bibster": [
        "de spelversie Quest",
        "de spelversie Story",
        "het spel voor de Jeugdboekenmaand",
        "Schatten van Vlieg",
        "klasbezoeken voor de derde graad",
    ],
    "mijn-leestipper": [
        "leestips op basis van de leenhistoriek",
        "leestips voor jongeren",
        "leestips promoten aan de balie",
    ],
    "bieblo": [
        "de Bieblo-uil",
        "de app op een tablet in de jeugdafdeling",
        "werken met een klasgroep",
        "leesplezier bij jonge kinderen",
    ],
    "jouw-stad-leest": [
        "een lokale leesgemeenschap opstarten",
        "het modereren van leestips",
        "samenwerken met boekhandels",
        "een stadsbrede leesactie",
    ],
    "digitaal-podium": [
        "ticketing met Tixly",
        "abonnementen in het ticketingsysteem",
        "zaalplannen",
        "de overstap van de pilootgroepen",
        "rapporten over de ticketverkoop",
    ],
    "livestreaming": [
        "een livestream voorbereiden",
        "klank en beeld in het zorgcentrum",
        "de samenwerking met zorgcentra",
        "het streamingaanbod van dit seizoen",
    ],
    "voor-de-show": [
        "het theaterspel in de klas",
        "een schoolvoorstelling kiezen",
        "aanpassingen voor het buitengewoon onderwijs",
        "de feedback van leerkrachten",
    ],
    "mobiele-arcadehallen": [
        "een arcadehal in je cultuurcentrum",
        "gamen als publiekswerking",
        "de opbouw van een arcadehal",
        "jongeren bereiken met games",
    ],
}

# Services that news often mentions together, e.g. Mijn Bibliotheek is the login of
# the e-book and Gopress services.
RELATED_SERVICES: dict[str, tuple[str, ...]] = {
    "wise": ("wise-analytics", "bibliotheekwebsites", "open-vlacc"),
    "wise-analytics": ("wise",),
    "bibliotheekwebsites": ("wise", "e-boeken", "gopress"),
    "open-vlacc": ("wise",),
    "e-boeken": ("bibliotheekwebsites",),
    "gopress": ("bibliotheekwebsites",),
    "fundels": ("bieblo",),
    "bibster": ("bieblo",),
    "mijn-leestipper": ("bieblo", "bibliotheekwebsites"),
    "bieblo": ("mijn-leestipper", "fundels"),
    "jouw-stad-leest": ("mijn-leestipper",),
    "digitaal-podium": ("livestreaming",),
    "livestreaming": ("digitaal-podium",),
    "voor-de-show": ("digitaal-podium",),
}

# The co-creation group each service's users decide in; "Productgroep" otherwise.
GROUP_KINDS = {
    "open-vlacc": "Expertgroep",
    "digitaal-podium": "Adviesgroep",
    "livestreaming": "Werkgroep",
    "voor-de-show": "Werkgroep",
}

PLACES = [
    "Roeselare",
    "Erpe-Mere",
    "Lommel",
    "Genk",
    "Brugge",
    "Oostende",
    "Hasselt",
    "Sint-Niklaas",
    "Leuven",
    "Mortsel",
    "Waregem",
    "Deerlijk",
    "Kortrijk",
    "Diest",
    "Lichtervelde",
    "Bredene",
    "Dendermonde",
    "Dilbeek",
    "Mechelen",
    "Aalst",
    "Turnhout",
    "Geel",
    "Ieper",
    "Tienen",
]

REGIONS = [
    "de Zuidrand",
    "regio Zuidwest",
    "Neteland",
    "de IJzervallei",
    "Leie Schelde",
    "Dijk92",
    "Route42",
]

DIGITAL_LEADERSHIP_MODULES = [
    "Visie en beleid",
    "Kennis en competenties",
    "Interactie met doelgroepen",
    "Extern aanbod",
    "Interne processen",
]


@dataclass(frozen=True)
class NewsTemplate:
    title: str
    summary: str
    body: tuple[str, ...]
    is_inspiring: bool = False
    tip: str = ""
    software_only: bool = False
    only_services: tuple[str, ...] = ()
    skip_services: tuple[str, ...] = ()
    audience: str = ""

    def applies_to(self, slug: str, is_software_product: bool) -> bool:
        if self.software_only and not is_software_product:
            return False
        if self.only_services and slug not in self.only_services:
            return False
        return slug not in self.skip_services


SERVICE_TEMPLATES = [
    NewsTemplate(
        title="Nieuwe les over {topic} voor {service}",
        summary=(
            "Op het leerplatform staat een nieuwe les over {topic}. Ze helpt je om "
            "{service} vlotter te gebruiken."
        ),
        body=(
            "De les legt stap voor stap uit hoe {topic} werkt, met schermafdrukken "
            "en een korte video.",
            "Heb je suggesties voor de les? Laat het weten via de servicedesk.",
        ),
    ),
    NewsTemplate(
        title="Webinar over {topic} ({service})",
        summary=(
            "In een webinar van een halfuur tonen we hoe je aan de slag gaat met "
            "{topic}. De opname blijft daarna beschikbaar."
        ),
        body=(
            "Het webinar is bedoeld voor iedereen die met {service} werkt. Na de "
            "demo is er tijd voor vragen.",
        ),
        tip="Kan je er niet bij zijn? De opname staat een week later in de cursus.",
    ),
    NewsTemplate(
        title="Uit de praktijk: {topic} bij {house}",
        summary=(
            "Hoe pakt {house} {topic} aan? Een collega vertelt wat werkte en wat "
            "ze anders zouden doen."
        ),
        body=(
            "In {place} gingen ze aan de slag met {topic}. Ze begonnen klein, "
            "betrokken het hele team en stuurden bij op basis van de eerste "
            "ervaringen.",
            "Hun aanpak is een inspiratie voor wie met {service} dezelfde stap wil "
            "zetten.",
        ),
        is_inspiring=True,
    ),
    NewsTemplate(
        title="Vijf tips voor {topic}",
        summary=(
            "Vijf tips om het meeste te halen uit {topic}, verzameld uit de vragen "
            "aan de servicedesk over {service}."
        ),
        body=(
            "Veel vragen aan de servicedesk over {service} gaan over {topic}. We "
            "zetten de antwoorden op een rij.",
        ),
        tip="Bewaar deze tips bij de handleidingen van je team.",
    ),
    NewsTemplate(
        title="{group} {service} bespreekt {topic}",
        summary=(
            "De leden kwamen samen rond {topic}. Het verslag en de volgende stappen "
            "staan op het leerplatform."
        ),
        body=(
            "Collega's uit het werkveld bepalen mee de koers van {service}. Deze "
            "keer stond {topic} op de agenda.",
            "Wil je zelf mee beslissen? De groep zoekt regelmatig nieuwe leden.",
        ),
        skip_services=("mobiele-arcadehallen",),
    ),
    NewsTemplate(
        title="Terugblik op de infosessie over {service} in {place}",
        summary=(
            "Collega's uit de regio kwamen in {place} samen om ervaringen over "
            "{topic} uit te wisselen."
        ),
        body=(
            "Na een korte stand van zaken over {service} gingen de deelnemers in "
            "kleine groepen aan de slag met {topic}.",
        ),
        is_inspiring=True,
    ),
    NewsTemplate(
        title="Weekrelease {service} van {day}",
        summary=(
            "De update van {day} lost onder meer problemen op rond {topic}. De "
            "volledige lijst staat bij de release notes."
        ),
        body=(
            "De update stond de woensdag ervoor op de testomgeving en werd daar "
            "nagekeken. Ze bevat vooral bugfixes.",
        ),
        tip="Kijk bij de gekende bugs of jouw probleem erbij zit.",
        only_services=("wise",),
    ),
    NewsTemplate(
        title="Gepland onderhoud aan {service} op {day}",
        summary=(
            "Op {day} is {service} 's avonds korte tijd niet bereikbaar voor onderhoud."
        ),
        body=(
            "We plannen het onderhoud buiten de openingsuren, zodat de balie er zo "
            "weinig mogelijk van merkt.",
        ),
        software_only=True,
    ),
]

GENERAL_TEMPLATES = [
    NewsTemplate(
        title="Opleiding Digitaal Leiderschap: module {module}",
        summary=(
            "De deelnemers van de opleiding werkten rond {module}. De opnames en "
            "documenten staan in de leeromgeving."
        ),
        body=(
            "De opleiding combineert theorie, praktische tools en soft skills. De "
            "oefensessies online staan open voor iedereen.",
        ),
        is_inspiring=True,
        audience=Audience.BOTH,
    ),
    NewsTemplate(
        title="Digitale maturiteit: workshop in {place}",
        summary=(
            "Met de zelfevaluatietool ontdekten organisaties uit de regio waar ze "
            "digitaal staan en wat hun volgende stap is."
        ),
        body=(
            "In {place} vulden de deelnemers samen de zelfevaluatie in en "
            "vergeleken ze hun resultaten.",
        ),
        is_inspiring=True,
        audience=Audience.BOTH,
    ),
    NewsTemplate(
        title="Inspiratiedag in {region}: een terugblik",
        summary=(
            "Podiumhuizen uit {region} wisselden ervaringen uit over digitale "
            "cultuurbeleving."
        ),
        body=(
            "Sprekers uit de sector toonden hoe ze hun publiek digitaal bereiken, "
            "van de eerste ticketverkoop tot de nazorg.",
        ),
        is_inspiring=True,
        audience=Audience.PERFORMING_ARTS,
    ),
    NewsTemplate(
        title="Werkbezoek bij {house}",
        summary=(
            "We gingen langs in {place} om te horen waar collega's in hun dagelijkse "
            "werk tegenaan lopen."
        ),
        body=(
            "Zulke bezoeken helpen ons om de diensten beter af te stemmen op wat "
            "het werkveld nodig heeft.",
        ),
        audience=Audience.PERFORMING_ARTS,
    ),
    NewsTemplate(
        title="Kenniskantoor: vraag het aan je collega's in {place}",
        summary=(
            "Op het Kenniskantoor stellen bibliotheekmedewerkers elkaar vragen over "
            "hun werk. Deze keer een vraag uit {place}."
        ),
        body=(
            "Het Kenniskantoor is een gemodereerde plek waar collega's ervaringen "
            "delen, over digitale diensten en over alles daarbuiten.",
        ),
        is_inspiring=True,
        audience=Audience.LIBRARIES,
    ),
]
