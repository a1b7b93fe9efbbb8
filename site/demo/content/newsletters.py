"""The newsletter lists of the demo and their subscriber counts at the end of 2022.

Fourteen service newsletters with the recipients and the growth of 2022 from the
organisation's report, Connected with its three werkveld segments, and two
notification lists that release notes and known bugs use.
"""

from dataclasses import dataclass

from services.choices import Audience, Werkveld

SENDER_EMAIL = "nieuwsbrieven@example.org"
REPLY_TO = "helpdesk@example.org"


@dataclass(frozen=True)
class ListData:
    slug: str
    name: str
    kind: str
    description: str
    audience: str
    subscribers: int = 0
    growth_2022: int = 0
    service_slug: str = ""
    sender_name: str = "Leerplatform"


@dataclass(frozen=True)
class SegmentData:
    werkveld: str
    name: str
    subscribers: int
    subscribers_2021: int


def _service_list(slug, name, audience, subscribers, growth, about):
    return ListData(
        slug=slug,
        name=f"Nieuwsbrief {name}",
        kind="dienst",
        description=about,
        audience=audience,
        subscribers=subscribers,
        growth_2022=growth,
        service_slug=slug,
        sender_name=f"{name} · Leerplatform",
    )


SERVICE_LISTS = [
    _service_list("wise", "Bibliotheeksysteem Wise", Audience.LIBRARIES, 2663, 165,
                  "Nieuwe versies, wijzigingen en tips voor wie met Wise werkt."),
    _service_list("bibliotheekwebsites", "Bibliotheekwebsites", Audience.LIBRARIES,
                  2462, 122,
                  "Nieuwe functies, de roadmap en voorbeelden van andere "
                  "bibliotheeksites, ook over Mijn Bibliotheek."),
    _service_list("open-vlacc", "Open Vlacc", Audience.LIBRARIES, 2027, 95,
                  "Vier keer per jaar nieuws over de gedeelde catalogus."),
    _service_list("gopress", "Gopress", Audience.LIBRARIES, 2416, 106,
                  "Het krantenarchief in je bibliotheek: updates en promomateriaal."),
    _service_list("fundels", "Fundels", Audience.LIBRARIES, 1801, 10,
                  "Nieuwe digitale prentenboeken en ideeën voor voorleesmomenten."),
    _service_list("e-boeken", "E-boeken", Audience.LIBRARIES, 2143, 210,
                  "Nieuwe titels, leenregels en kant-en-klare promotie voor e-boeken."),
    _service_list("bibster", "Bibster", Audience.LIBRARIES, 1626, 11,
                  "Tips en updates voor de jeugdcatalogus Bibster."),
    _service_list("mijn-leestipper", "Mijn Leestipper", Audience.LIBRARIES, 1966,
                  254, "Leestips op maat van je leners: nieuws en inspiratie."),
    _service_list("bieblo", "Bieblo", Audience.LIBRARIES, 1724, 169,
                  "Het boekenplatform voor kinderen: nieuwe functies en klasacties."),
    _service_list("livestreaming", "Livestreaming", Audience.PERFORMING_ARTS, 1229,
                  18, "Voorstellingen online brengen: technische tips en nieuws."),
    _service_list("jouw-stad-leest", "[Jouw stad] Leest", Audience.LIBRARIES, 1366,
                  134, "De leesbevorderingscampagne voor steden en gemeenten."),
    _service_list("digitaal-podium", "Digitaal Podium", Audience.PERFORMING_ARTS,
                  1351, 119, "Updates van het ticketing- en marketingplatform."),
    _service_list("mobiele-arcadehallen", "Mobiele arcadehallen", Audience.BOTH, 828,
                  14, "Reservaties, spellen en ervaringen met de arcadehallen."),
    _service_list("voor-de-show", "Voor De Show", Audience.PERFORMING_ARTS, 949, 58,
                  "Het schoolaanbod van de podiumhuizen: nieuws en nieuwe seizoenen."),
]  # fmt: skip

CONNECTED = ListData(
    slug="connected",
    name="Connected",
    kind="connected",
    description=(
        "De algemene nieuwsbrief met inspiratie voor jouw werkveld: "
        "bibliotheek, cultuurhuis en cultuurdienst, of beleid."
    ),
    audience=Audience.BOTH,
    sender_name="Connected · Leerplatform",
)
CONNECTED_SEGMENTS = [
    SegmentData(Werkveld.LIBRARY, "Bibliotheek", 2188, 2220),
    SegmentData(
        Werkveld.CULTURE_HOUSE, "Kunst- of cultuurhuis en cultuurdienst", 1469, 1499
    ),
    SegmentData(Werkveld.POLICY_OTHER, "Beleid en andere", 793, 760),
]

NOTIFICATION_LISTS = [
    ListData(
        slug="release-notes-wise",  # the key release_notes.notifications uses
        name="Releases Bibliotheeksysteem Wise",
        kind="melding",
        description="Een mail bij elke nieuwe release van Wise, met de release notes.",
        audience=Audience.LIBRARIES,
        subscribers=301,
        growth_2022=40,
        service_slug="wise",
        sender_name="Releases Wise · Leerplatform",
    ),
    ListData(
        slug="storingen-en-kritieke-bugs",  # idem
        name="Storingen en kritieke bugs",
        kind="melding",
        description=(
            "Meteen een mail bij een storing of een kritieke bug in een dienst."
        ),
        audience=Audience.BOTH,
        subscribers=184,
        growth_2022=22,
        sender_name="Storingen · Leerplatform",
    ),
]

# Who reads a list, by werkveld: library lists are read in libraries, performing-arts
# lists in culture houses, and policy makers read a little of everything.
WERKVELD_SPLIT = {
    Audience.LIBRARIES: {
        Werkveld.LIBRARY: 0.90,
        Werkveld.CULTURE_HOUSE: 0.03,
        Werkveld.POLICY_OTHER: 0.07,
    },
    Audience.PERFORMING_ARTS: {
        Werkveld.LIBRARY: 0.08,
        Werkveld.CULTURE_HOUSE: 0.82,
        Werkveld.POLICY_OTHER: 0.10,
    },
    Audience.BOTH: {
        Werkveld.LIBRARY: 0.50,
        Werkveld.CULTURE_HOUSE: 0.40,
        Werkveld.POLICY_OTHER: 0.10,
    },
}
# People per werkveld at seed scale, enough for the largest list of each werkveld.
POOL_SIZES = {
    Werkveld.LIBRARY: 3200,
    Werkveld.CULTURE_HOUSE: 1900,
    Werkveld.POLICY_OTHER: 1000,
}

FIRST_NAMES = [
    "An", "Bart", "Els", "Jan", "Katrien", "Koen", "Lieve", "Marc", "Nathalie",
    "Pieter", "Sofie", "Tom", "Veerle", "Wim", "Ilse", "Joris", "Leen", "Dirk",
    "Griet", "Hanne", "Jef", "Lotte", "Mieke", "Nele", "Stijn", "Tine", "Ward",
    "Yasmine", "Fatima", "Mohamed", "Elif", "Sarah", "Lucas", "Emma", "Liesbeth",
]  # fmt: skip
LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
    "Goossens", "Wouters", "De Smet", "Dubois", "Hermans", "Aerts", "Van Damme",
    "Vermeulen", "De Clercq", "Desmet", "Verhoeven", "Lambrechts", "Michiels",
    "Vandenberghe", "Coppens", "Smets", "Pauwels", "El Amrani", "Yilmaz",
]  # fmt: skip
TOWNS = [
    "Gent", "Antwerpen", "Brugge", "Leuven", "Mechelen", "Hasselt", "Kortrijk",
    "Aalst", "Sint-Niklaas", "Genk", "Roeselare", "Turnhout", "Dendermonde",
    "Bredene", "Lier", "Geel", "Ieper", "Tienen", "Lokeren", "Oudenaarde",
    "Tongeren", "Diest", "Ninove", "Brussel", "Heist-op-den-Berg", "Beveren",
]  # fmt: skip
ORGANISATIONS = {
    Werkveld.LIBRARY: ["Bibliotheek {town}", "Openbare Bibliotheek {town}"],
    Werkveld.CULTURE_HOUSE: ["Cultuurcentrum {town}", "Cultuurdienst {town}",
                             "CC {town}", "Gemeenschapscentrum {town}"],
    Werkveld.POLICY_OTHER: ["Gemeente {town}", "Stad {town}",
                            "Provincie Oost-Vlaanderen", "Vlaamse overheid"],
}  # fmt: skip
