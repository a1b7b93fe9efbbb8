"""Release notes of 2022 from the organisation's report: Wise 7.0.1-7.0.3 with their
real improvement counts, the weekly Wise updates, and the library websites.

Items marked with a bug key close that known bug (see release_notes_bugs.py) when
the release is published, as an editor's release would.
"""

from dataclasses import dataclass, field
from datetime import date

NEW, IMPROVED, FIXED = "nieuw", "verbeterd", "opgelost"


@dataclass(frozen=True)
class Item:
    kind: str
    text: str
    ticket: str = ""
    bug: str = ""
    # Part of a lesson title: the item links the first such lesson of the product.
    lesson: str = ""


@dataclass(frozen=True)
class Release:
    service: str
    version: str
    kind: str
    production_date: date
    summary: str
    items: list[Item] = field(default_factory=list)
    component: str = ""


WISE_701 = Release(
    "wise",
    "7.0.1",
    "versie",
    date(2022, 3, 8),
    "Een betere publiekscatalogus en een duidelijkere werkomgeving: 12 verbeteringen.",
    [
        Item(
            NEW,
            "Een wachtrij-indicator bij reservaties in de publiekscatalogus: "
            "leners zien hoeveel mensen voor hen staan.",
        ),
        Item(
            NEW,
            "Realtime informatie over de standplaats van een exemplaar in de "
            "publiekscatalogus.",
        ),
        Item(
            NEW,
            "Filters in de loghistoriek van een exemplaar: op datum, handeling "
            "en medewerker.",
        ),
        Item(
            IMPROVED,
            "Bibliotheeknamen in plaats van instantiecodes in het reservatieoverzicht.",
        ),
        Item(
            IMPROVED,
            "Bibliotheeknamen in plaats van instantiecodes in de exemplaargegevens.",
        ),
        Item(
            IMPROVED,
            "Bibliotheeknamen in plaats van instantiecodes bij het "
            "interbibliothecair leenverkeer.",
        ),
        Item(
            IMPROVED,
            "Mails vertrekken vanaf het eigen adres van de bibliotheek "
            "(DKIM en DMARC ingesteld).",
        ),
        Item(IMPROVED, "Betere ondersteuning van de RFID-lezers van Feig en DialocID."),
        Item(IMPROVED, "Vernieuwde uitleentechnologie aan de balie ('Balie uit')."),
        Item(IMPROVED, "De ingebouwde Java-versie is bijgewerkt."),
        Item(
            FIXED,
            "De catalogus toonde na een terugbrenging soms nog 'uitgeleend'.",
            "HKA-21877",
            "beschikbaarheid-na-terugbrengen",
        ),
        Item(
            FIXED,
            "Het afdrukvoorbeeld van de uitleenbon viel weg bij lange titels.",
            "HKA-21920",
        ),
    ],
)

WISE_702 = Release(
    "wise",
    "7.0.2",
    "versie",
    date(2022, 7, 19),
    "Minder klikken, minder fouten bij (her)inschrijven: een veel betere "
    "dubbeldetectie en eID-integratie. 20 verbeteringen.",
    [
        Item(
            IMPROVED,
            "Een veel betere dubbeldetectie bij het (her)inschrijven van leners.",
        ),
        Item(
            IMPROVED,
            "De waarschuwing voor dubbels toont alle mogelijke dubbels in "
            "één overzicht.",
        ),
        Item(
            NEW,
            "eID-integratie bij het (her)inschrijven: de gegevens van de "
            "identiteitskaart worden ingelezen.",
            lesson="inschrijv",
        ),
        Item(
            IMPROVED,
            "eID-gegevens blijven bewaard over de schermen heen: minder "
            "klikken, minder fouten.",
        ),
        Item(NEW, "Een nieuw overzicht voor IBL: aanvragen per partnerbibliotheek."),
        Item(NEW, "Een nieuw overzicht voor IBL: openstaande zendingen per week."),
        Item(
            IMPROVED,
            "De berichteneditor toont of een bericht een concept is of gepubliceerd.",
        ),
        Item(
            NEW,
            "Lidmaatschappen koppelen aan Mijn Bibliotheek met een eenmalige "
            "code in plaats van een wachtwoord.",
        ),
        Item(NEW, "Online herinschrijving via Mijn Bibliotheek."),
        Item(NEW, "De status 'In verwerking' tussen 'Besteld' en 'Beschikbaar'."),
        Item(NEW, "Een automatische bestelkoppeling met de leverancier."),
        Item(
            NEW,
            "Een individuele financiële blokkering: betalen aan de balie, niet "
            "aan de automaat.",
        ),
        Item(
            NEW,
            "Een melding en geluid wanneer een reservatie wordt geplaatst op "
            "een aanwezig exemplaar.",
        ),
        Item(
            IMPROVED,
            "Een nieuwe proxy (Nginx) voor snellere en stabielere verbindingen.",
        ),
        Item(IMPROVED, "Een aparte testomgeving voor SIP2-leveranciers."),
        Item(IMPROVED, "Sneller zoeken op lenersnummer aan de balie."),
        Item(
            FIXED,
            "Een herinneringsbrief werd soms twee keer verstuurd.",
            "HKA-22410",
            "dubbele-herinnering",
        ),
        Item(
            FIXED,
            "Verlengen via de zelfuitleenautomaat gaf een foutmelding bij "
            "gereserveerde exemplaren.",
            "HKA-22388",
        ),
        Item(
            FIXED,
            "Het filter op filiaal in de uitleenstatistiek werd niet onthouden.",
            "HKA-22451",
        ),
        Item(
            FIXED,
            "Sommige accenten in namen werden fout getoond op de reservatiestrook.",
            "HKA-22472",
            "accenten-reservatiestrook",
        ),
    ],
)

WISE_703 = Release(
    "wise",
    "7.0.3",
    "versie",
    date(2022, 11, 21),
    "Reservaties sneller terug in de rekken, een duidelijkere zelfuitleenbon en "
    "aparte teksten voor jeugdleners: 16 verbeteringen.",
    [
        Item(
            IMPROVED,
            "De zelfuitleenbon toont alleen de uitleningen van het filiaal "
            "waar de klant is.",
        ),
        Item(
            NEW,
            "De 'tot'-datum op de reservatiestrook, zodat niet-afgehaalde "
            "reservaties sneller terug in de rekken staan.",
            lesson="reserv",
        ),
        Item(
            NEW,
            "Aparte teksten voor jeugdleners in de berichteneditor.",
            lesson="bericht",
        ),
        Item(IMPROVED, "Het reservatieoverzicht sorteert standaard op afhaaldatum."),
        Item(IMPROVED, "De lenerskaart toont het regionale lidmaatschap."),
        Item(IMPROVED, "Duidelijkere foutmeldingen bij het inlezen van een eID."),
        Item(IMPROVED, "Bulkwijzigingen van abonnementsinstellingen zijn sneller."),
        Item(IMPROVED, "De berichteneditor bewaart tussentijds een concept."),
        Item(NEW, "Een export van het reservatieoverzicht naar Excel."),
        Item(NEW, "Een filter op materiaalsoort in het overzicht 'In verwerking'."),
        Item(
            IMPROVED,
            "De zoekfunctie aan de balie herkent ook ISBN zonder koppeltekens.",
        ),
        Item(
            FIXED,
            "De kassabon toonde soms het verkeerde filiaal.",
            "HKA-23015",
            "kassabon-filiaal",
        ),
        Item(
            FIXED,
            "Bij IBL-aanvragen ontbrak soms de naam van de partner.",
            "HKA-23044",
            "ibl-partnernaam",
        ),
        Item(FIXED, "De automaat weigerde kaarten met een voorloopnul.", "HKA-23071"),
        Item(
            FIXED,
            "Het afdrukken van de reservatiestrook hing bij sommige printers.",
            "HKA-23102",
        ),
        Item(
            FIXED,
            "Leners zonder e-mailadres kregen een lege melding in Mijn Bibliotheek.",
            "HKA-23118",
        ),
    ],
)

# Shared two weeks ahead with the system administrators; public on its date.
WISE_PRE_RELEASE = Release(
    "wise",
    "7.0.4",
    "versie",
    date(2023, 3, 13),  # replaced by a date three weeks after loading
    "Voorlopige release notes: de verbeteringen die de productgroep op 15 juni "
    "2022 koos voor 7.0.4.",
    [
        Item(NEW, "Verlengen rechtstreeks vanuit de herinneringsmail."),
        Item(IMPROVED, "Beter beheer van lijsten die de bibliotheek aanmaakt."),
        Item(
            FIXED,
            "Exporteren van de lenerslijst naar Excel duurde te lang.",
            "HKA-23390",
            "trage-export",
        ),
    ],
)

WEBSITE_RELEASES = [
    Release(
        "bibliotheekwebsites",
        "4.2.0",
        "versie",
        date(2022, 2, 1),
        "Eén Vlaamse catalogus: bibliotheek.be wordt de overkoepelende catalogus.",
        [
            Item(
                NEW, "bibliotheek.be is nu een echte overkoepelende Vlaamse catalogus."
            ),
            Item(
                NEW,
                "Knoppenlogica en doorkijk: vanuit de lokale site verwijzen "
                "naar bibliotheek.be.",
            ),
        ],
    ),
    Release(
        "bibliotheekwebsites",
        "4.3.0",
        "versie",
        date(2022, 4, 12),
        "Selectielijsten uitlichten en magazijnwerken reserveren.",
        [
            Item(
                IMPROVED,
                "Selectielijsten van een bibliotheek of partner zijn "
                "makkelijker uit te lichten, met meer opmaakmogelijkheden.",
            ),
            Item(NEW, "Niet-uitleenbare magazijnwerken reserveren, bv. voor erfgoed."),
            Item(
                FIXED,
                "De zoekbalk verdween op kleine schermen.",
                "BW-1187",
                "zoekbalk-mobiel",
            ),
        ],
    ),
    Release(
        "bibliotheekwebsites",
        "4.4.0",
        "versie",
        date(2022, 6, 21),
        "'Stuur me een e-mail' wanneer een exemplaar weer beschikbaar is.",
        [
            Item(
                NEW,
                "'Stuur me een e-mail': één melding wanneer een exemplaar weer "
                "beschikbaar is, voor exemplaren 'In bestelling' of 'Vermist' en "
                "uitgeleende exemplaren in 'Mijn lijsten'. De aanvraag vervalt na "
                "6 maanden.",
            ),
            Item(
                FIXED,
                "Agenda-items met meerdere data toonden alleen de eerste.",
                "BW-1240",
            ),
        ],
    ),
    Release(
        "bibliotheekwebsites",
        "2.6.0",
        "versie",
        date(2022, 5, 10),
        "Veiliger koppelen van een Mijn Bibliotheek-profiel.",
        [
            Item(
                IMPROVED,
                "Bij het aanmaken van een profiel wordt een tijdelijke "
                "unieke code gestuurd naar het e-mailadres in Wise; die vul je in "
                "de volgende stap in.",
            ),
        ],
        component="Mijn Bibliotheek",
    ),
    Release(
        "bibliotheekwebsites",
        "2.7.0",
        "versie",
        date(2022, 9, 13),
        "Online (her)inschrijven en één regionaal lidmaatschap.",
        [
            Item(NEW, "Online (her)inschrijving, getoond binnen andere stromen."),
            Item(NEW, "Eén regionaal lidmaatschap zichtbaar in Mijn Bibliotheek."),
            Item(
                FIXED,
                "Na het verlengen bleef de oude inleverdatum staan tot je de "
                "pagina herlaadde.",
                "BW-1302",
                "inleverdatum-na-verlengen",
            ),
        ],
        component="Mijn Bibliotheek",
    ),
]

# The weekly Wise updates: mainly fixes for priority 2 and 3 incidents.
WEEKLY_FIXES = [
    "Een reservatie op een exemplaar in transit bleef op 'Klaar om af te halen'.",
    "De lenerszoekfunctie vond geen namen met een apostrof.",
    "Het overzicht van te late uitleningen telde verlengde exemplaren mee.",
    "De zelfuitleenautomaat gaf een time-out bij het afdrukken van de bon.",
    "De boete-instellingen per filiaal werden niet overgenomen na een wijziging.",
    "Een exemplaar met status 'Vermist' kon toch uitgeleend worden.",
    "IBL-aanvragen verschenen twee keer in het overzicht van de partner.",
    "De berichteneditor bewaarde geen tekst met een emoji.",
    "Het afdrukken van etiketten sloeg het laatste etiket over.",
    "De statistiek 'Uitleningen per uur' toonde de verkeerde tijdzone.",
    "Een gewijzigd e-mailadres werd niet doorgegeven aan Mijn Bibliotheek.",
    "Terugbrengen aan de balie gaf een foutmelding bij tijdschriften.",
]
WEEKLY_IMPROVEMENTS = [
    "Snellere verwerking van bulkwijzigingen in de regelinstellingen.",
    "Duidelijkere foutmelding wanneer de RFID-lezer niet antwoordt.",
    "De lijst met reservaties laadt sneller bij grote filialen.",
    "Het lenersscherm toont de datum van de laatste uitlening.",
]
