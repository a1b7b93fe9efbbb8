"""Known bugs of Wise, the library websites and Mijn Bibliotheek, in every status.

Bugs with a key are fixed by a release in release_notes.py and close when that
release is published. Planned dates are days from loading, so they stay ahead.
"""

from dataclasses import dataclass

INVESTIGATING, WORKAROUND, PLANNED, SOLVED = (
    "onderzocht",
    "workaround",
    "oplossing-gepland",
    "opgelost",
)
FEW, MOST = "enkele", "meeste"


@dataclass(frozen=True)
class Bug:
    service: str
    title: str
    symptoms: str
    impact: str = FEW
    status: str = INVESTIGATING
    workaround: str = ""
    fix_in_days: int | None = None
    planned_release: str = ""
    reported_days_ago: int = 10
    ticket: str = ""
    key: str = ""


BUGS: list[Bug] = [
    # Fixed by a release; they move to 'opgelost' when it is published.
    Bug(
        "wise",
        "Catalogus toont 'uitgeleend' na terugbrengen",
        "Na het terugbrengen blijft een exemplaar in de publiekscatalogus een tijd "
        "op 'uitgeleend' staan.",
        MOST,
        PLANNED,
        planned_release="7.0.1",
        reported_days_ago=300,
        ticket="HKA-21877",
        key="beschikbaarheid-na-terugbrengen",
    ),
    Bug(
        "wise",
        "Herinneringsbrief wordt twee keer verstuurd",
        "Sommige leners krijgen dezelfde herinnering twee keer op één dag.",
        MOST,
        WORKAROUND,
        "Zet de tweede verzendronde van de dag tijdelijk uit.",
        planned_release="7.0.2",
        reported_days_ago=240,
        ticket="HKA-22410",
        key="dubbele-herinnering",
    ),
    Bug(
        "wise",
        "Accenten fout op de reservatiestrook",
        "Namen als 'Hélène' verschijnen als 'HÃ©lÃ¨ne' op de reservatiestrook.",
        status=PLANNED,
        planned_release="7.0.2",
        reported_days_ago=200,
        ticket="HKA-22472",
        key="accenten-reservatiestrook",
    ),
    Bug(
        "wise",
        "Kassabon toont het verkeerde filiaal",
        "Op de kassabon staat soms het hoofdfiliaal in plaats van het filiaal waar "
        "de klant betaalde.",
        status=PLANNED,
        planned_release="7.0.3",
        reported_days_ago=120,
        ticket="HKA-23015",
        key="kassabon-filiaal",
    ),
    Bug(
        "wise",
        "Naam van de partner ontbreekt bij IBL-aanvragen",
        "In het overzicht van IBL-aanvragen is de kolom 'Partner' soms leeg.",
        status=WORKAROUND,
        workaround="Open de aanvraag: daar staat de partner wel.",
        planned_release="7.0.3",
        reported_days_ago=110,
        ticket="HKA-23044",
        key="ibl-partnernaam",
    ),
    Bug(
        "bibliotheekwebsites",
        "Zoekbalk verdwijnt op kleine schermen",
        "Op smartphones is de zoekbalk bovenaan de website niet zichtbaar.",
        MOST,
        WORKAROUND,
        "Tik op het vergrootglas in het menu.",
        planned_release="4.3.0",
        reported_days_ago=260,
        ticket="BW-1187",
        key="zoekbalk-mobiel",
    ),
    Bug(
        "bibliotheekwebsites",
        "Oude inleverdatum na verlengen in Mijn Bibliotheek",
        "Na het verlengen blijft de oude inleverdatum staan tot je de pagina herlaadt.",
        status=PLANNED,
        planned_release="2.7.0",
        reported_days_ago=150,
        ticket="BW-1302",
        key="inleverdatum-na-verlengen",
    ),
    # Still open, in every status.
    Bug(
        "wise",
        "Export van de lenerslijst naar Excel duurt erg lang",
        "Een export van meer dan 10.000 leners loopt soms meer dan tien minuten.",
        status=PLANNED,
        fix_in_days=21,
        planned_release="7.0.4",
        reported_days_ago=40,
        ticket="HKA-23390",
        key="trage-export",
    ),
    Bug(
        "wise",
        "Zelfuitleenautomaat weigert sommige nieuwe lenerskaarten",
        "De automaat meldt 'Kaart onbekend' voor kaarten die de laatste week "
        "werden aangemaakt.",
        MOST,
        WORKAROUND,
        "Leen deze kaarten uit aan de balie; de kaart werkt na de nachtelijke "
        "synchronisatie wel.",
        fix_in_days=7,
        reported_days_ago=3,
        ticket="HKA-23471",
    ),
    Bug(
        "wise",
        "Reservatie blijft op 'In transit' staan",
        "Een reservatie voor een ander filiaal blijft op 'In transit' staan, ook "
        "nadat het exemplaar is aangekomen.",
        status=INVESTIGATING,
        reported_days_ago=5,
        ticket="HKA-23480",
    ),
    Bug(
        "wise",
        "Berichteneditor: voorbeeld toont oude tekst",
        "Het voorbeeld van een bericht toont de vorige versie tot je opnieuw opslaat.",
        status=WORKAROUND,
        workaround="Sla het bericht twee keer op.",
        reported_days_ago=18,
        ticket="HKA-23455",
    ),
    Bug(
        "wise",
        "Statistiek 'Uitleningen per filiaal' telt verlengingen dubbel",
        "In de statistiek tellen verlengingen als een nieuwe uitlening.",
        status=PLANNED,
        fix_in_days=35,
        reported_days_ago=30,
        ticket="HKA-23401",
    ),
    Bug(
        "wise",
        "Boetes worden afgerond op de automaat",
        "De automaat rondt boetes af op 10 cent; aan de balie klopt het bedrag wel.",
        status=INVESTIGATING,
        reported_days_ago=2,
        ticket="HKA-23490",
    ),
    Bug(
        "wise",
        "RFID-lezer van DialocID reageert traag na een update",
        "Na de wekelijkse update duurt het inlezen van een stapel boeken enkele "
        "seconden per exemplaar.",
        MOST,
        INVESTIGATING,
        reported_days_ago=1,
        ticket="HKA-23495",
    ),
    Bug(
        "bibliotheekwebsites",
        "Agenda toont evenementen dubbel",
        "Evenementen met meerdere data verschijnen meerdere keren in de agenda.",
        status=PLANNED,
        fix_in_days=14,
        planned_release="4.5.0",
        reported_days_ago=20,
        ticket="BW-1320",
    ),
    Bug(
        "bibliotheekwebsites",
        "Afbeeldingen van selectielijsten laden niet",
        "Op de startpagina blijven de afbeeldingen van uitgelichte lijsten grijs.",
        status=WORKAROUND,
        workaround="Voeg de afbeelding opnieuw toe aan de lijst.",
        reported_days_ago=9,
        ticket="BW-1331",
    ),
    Bug(
        "bibliotheekwebsites",
        "'Stuur me een e-mail' vervalt te vroeg",
        "De aanvraag vervalt na drie maanden in plaats van na zes.",
        status=INVESTIGATING,
        reported_days_ago=12,
        ticket="BW-1335",
    ),
    Bug(
        "bibliotheekwebsites",
        "Mijn Bibliotheek: inloggen met eenmalige code mislukt",
        "De eenmalige code wordt als ongeldig geweigerd wanneer je ze binnen de "
        "minuut invult.",
        MOST,
        PLANNED,
        fix_in_days=3,
        reported_days_ago=4,
        ticket="BW-1340",
    ),
    Bug(
        "bibliotheekwebsites",
        "Mijn Bibliotheek: regionale lidmaatschappen ontbreken",
        "Leners met een regionaal lidmaatschap zien alleen hun eigen bibliotheek.",
        status=WORKAROUND,
        workaround="Laat de lener uit- en opnieuw inloggen.",
        reported_days_ago=15,
        ticket="BW-1338",
    ),
    Bug(
        "wise-analytics",
        "Dashboard 'Balie-drukte' toont geen gegevens voor zondag",
        "De puntenwolk van de baliedrukte is leeg voor zondagen.",
        status=INVESTIGATING,
        reported_days_ago=8,
        ticket="WA-88",
    ),
]
