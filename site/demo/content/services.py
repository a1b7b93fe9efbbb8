"""The fifteen services of the demo registry.

The learning platform covers 15 services. The demo takes the 14 services that have
their own newsletter list and adds Wise Analytics, the platform's newcomer of 2022:

 1. Bibliotheeksysteem Wise      (wise)                   libraries        software
 2. Wise Analytics               (wise-analytics)         libraries        software
 3. Bibliotheekwebsites          (bibliotheekwebsites)    libraries        software
 4. Open Vlacc                   (open-vlacc)             libraries        software
 5. E-boeken                     (e-boeken)               libraries
 6. Gopress                      (gopress)                libraries
 7. Fundels                      (fundels)                libraries
 8. Bibster                      (bibster)                libraries
 9. Mijn Leestipper              (mijn-leestipper)        libraries
10. Bieblo                       (bieblo)                 libraries
11. [Jouw stad] Leest            (jouw-stad-leest)        libraries
12. Digitaal Podium              (digitaal-podium)        podiumhuizen     software
13. Livestreaming                (livestreaming)          podiumhuizen
14. Voor De Show                 (voor-de-show)           podiumhuizen
15. Mobiele arcadehallen         (mobiele-arcadehallen)   both

Mijn Bibliotheek is not a service of its own here: its newsletter is that of
Bibliotheekwebsites, and its landing page tells about it. Every brand colour reaches
a contrast of at least 4.5:1 with the text colour ``Service.brand_text_colour``
picks for it.
"""

from dataclasses import dataclass

from services.choices import Audience


@dataclass(frozen=True)
class ServiceData:
    slug: str
    name: str
    audience: str
    summary: str
    brand_colour: str
    is_software_product: bool = False


SERVICES: list[ServiceData] = [
    ServiceData(
        slug="wise",
        name="Bibliotheeksysteem Wise",
        audience=Audience.LIBRARIES,
        summary=(
            "Het gemeenschappelijke bibliotheeksysteem waarmee de openbare "
            "bibliotheken hun leners, collectie en uitleningen beheren. Elke maandag "
            "een update, drie keer per jaar een nieuwe versie."
        ),
        brand_colour="#00566b",
        is_software_product=True,
    ),
    ServiceData(
        slug="wise-analytics",
        name="Wise Analytics",
        audience=Audience.LIBRARIES,
        summary=(
            "Interactieve dashboards op de gegevens uit Wise: leners, collectie, "
            "circulatie en baliedrukte in één overzicht, met filters en export naar "
            "Excel."
        ),
        brand_colour="#283593",
        is_software_product=True,
    ),
    ServiceData(
        slug="bibliotheekwebsites",
        name="Bibliotheekwebsites",
        audience=Audience.LIBRARIES,
        summary=(
            "Het gedeelde websiteplatform waarop elke bibliotheek haar eigen site "
            "maakt, met de catalogus, de selfservice Mijn Bibliotheek en ruimte voor "
            "inspiratie."
        ),
        brand_colour="#b3261e",
        is_software_product=True,
    ),
    ServiceData(
        slug="open-vlacc",
        name="Open Vlacc",
        audience=Audience.LIBRARIES,
        summary=(
            "De centrale databank waarin de bibliotheken hun fysieke collectie samen "
            "catalografisch beschrijven: één keer invoeren, overal gebruiken."
        ),
        brand_colour="#b39ddb",
        is_software_product=True,
    ),
    ServiceData(
        slug="e-boeken",
        name="E-boeken",
        audience=Audience.LIBRARIES,
        summary=(
            "Nederlandstalige e-boeken lenen bij de bibliotheek, in de app, op de "
            "computer of op een e-reader, met het account van Mijn Bibliotheek."
        ),
        brand_colour="#0b6e4f",
    ),
    ServiceData(
        slug="gopress",
        name="Gopress",
        audience=Audience.LIBRARIES,
        summary=(
            "Kranten en tijdschriften digitaal lezen: recente nummers in de "
            "bibliotheek via Kiosk, oudere artikels ook van thuis uit via Archief."
        ),
        brand_colour="#2f4858",
    ),
    ServiceData(
        slug="fundels",
        name="Fundels",
        audience=Audience.LIBRARIES,
        summary=(
            "Interactieve digitale prentenboeken en AVI-leesboekjes waarmee kinderen "
            "samen of op eigen houtje lezen."
        ),
        brand_colour="#a3366f",
    ),
    ServiceData(
        slug="bibster",
        name="Bibster",
        audience=Audience.LIBRARIES,
        summary=(
            "Het bibliotheekspel voor klasbezoeken: leerlingen verkennen in teams de "
            "bibliotheek met de spelversies Quest en Story."
        ),
        brand_colour="#8a4b08",
    ),
    ServiceData(
        slug="mijn-leestipper",
        name="Mijn Leestipper",
        audience=Audience.LIBRARIES,
        summary=(
            "Persoonlijke leestips voor leners, als ze dat willen op basis van wat ze "
            "eerder leenden."
        ),
        brand_colour="#4fc3f7",
    ),
    ServiceData(
        slug="bieblo",
        name="Bieblo",
        audience=Audience.LIBRARIES,
        summary=(
            "De leesapp waarin de Bieblo-uil kinderen helpt om een boek te vinden dat "
            "bij hen past."
        ),
        brand_colour="#8bc34a",
    ),
    ServiceData(
        slug="jouw-stad-leest",
        name="[Jouw stad] Leest",
        audience=Audience.LIBRARIES,
        summary=(
            "Lokale leesgemeenschappen zoals Leuven Leest en Gent Leest, waar "
            "inwoners elkaar leestips geven en de bibliotheek het gesprek trekt."
        ),
        brand_colour="#005a9c",
    ),
    ServiceData(
        slug="digitaal-podium",
        name="Digitaal Podium",
        audience=Audience.PERFORMING_ARTS,
        summary=(
            "Gedeelde digitale basisinfrastructuur voor podiumhuizen, met een "
            "gemeenschappelijk ticketingsysteem als eerste bouwsteen."
        ),
        brand_colour="#4a148c",
        is_software_product=True,
    ),
    ServiceData(
        slug="livestreaming",
        name="Livestreaming",
        audience=Audience.PERFORMING_ARTS,
        summary=(
            "Voorstellingen uit cultuurcentra live tot in woonzorgcentra en bij "
            "mensen die minder mobiel zijn."
        ),
        brand_colour="#ff8a65",
    ),
    ServiceData(
        slug="voor-de-show",
        name="Voor De Show",
        audience=Audience.PERFORMING_ARTS,
        summary=(
            "Een theaterspel waarmee leerkrachten van de lagere school hun klas "
            "voorbereiden op een schoolvoorstelling in het cultuurhuis."
        ),
        brand_colour="#9c2a00",
    ),
    ServiceData(
        slug="mobiele-arcadehallen",
        name="Mobiele arcadehallen",
        audience=Audience.BOTH,
        summary=(
            "Reizende speelhallen vol arcadespellen die cultuurcentra en "
            "bibliotheken enkele weken in huis halen."
        ),
        brand_colour="#f2b705",
    ),
]
