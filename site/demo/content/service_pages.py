"""Intro and body of each service's landing page, keyed by service slug."""

from dataclasses import dataclass

from demo.streams import StreamData, bullet_list, callout, heading, paragraph


@dataclass(frozen=True)
class ServicePageText:
    intro: str
    body: StreamData


SERVICE_PAGES: dict[str, ServicePageText] = {
    "wise": ServicePageText(
        intro=(
            "Wise is het bibliotheeksysteem dat de Vlaamse en Brusselse openbare "
            "bibliotheken samen gebruiken. Hier vind je de handleidingen, de webinars "
            "en de afspraken over releases en bugs."
        ),
        body=[
            heading("Eén systeem voor 301 bibliotheken"),
            paragraph(
                "Eind 2022 werkten 301 bibliotheken met samen 778 vestigingen in Wise, "
                "en hadden 4.819 medewerkers een eigen login. Wie nieuw instapt, leert "
                "het systeem via de webinars op dit leerplatform en via "
                "begeleidingssessies: er staan 202 video's klaar, samen zo'n 30 uur "
                "uitleg.",
                "Elke maandag komt er een update met vooral bugfixes; de woensdag "
                "ervoor staat ze al op de testomgeving. Drie keer per jaar verschijnt "
                "een grotere versie met nieuwe functies uit de wijzigingsverzoeken.",
            ),
            callout(
                "Kijk eerst bij de gekende bugs voor je een ticket indient: vaak staat "
                "er al een workaround of een timing voor de oplossing.",
                kind="tip",
            ),
        ],
    ),
    "wise-analytics": ServicePageText(
        intro=(
            "Wise Analytics zet de gegevens uit Wise om in overzichtelijke dashboards, "
            "zodat je bibliotheek haar beleid kan onderbouwen met cijfers."
        ),
        body=[
            heading("Eén dashboard, tien pagina's"),
            bullet_list(
                "Het dashboard bundelt onder meer:",
                [
                    "leners: inschrijvingen en actieve leners",
                    "collectie: overzicht, aanwas en tijdschriften",
                    "circulatie, met detail per lener",
                    "toplijsten en de baliedrukte per uur",
                    "financiële gegevens",
                ],
            ),
            paragraph(
                "Alle grafieken zijn interactief: filter op vestiging, materiaalsoort "
                "of leeftijdscategorie en exporteer wat je nodig hebt naar Excel. "
                "Persoonsgegevens worden gepseudonimiseerd voor ze in de "
                "datawarehouse terechtkomen.",
            ),
            callout(
                "Nieuw in Wise Analytics? Volg eerst de les over het datamodel: "
                "daarna lees je elke grafiek veel sneller.",
            ),
        ],
    ),
    "bibliotheekwebsites": ServicePageText(
        intro=(
            "Bijna elke openbare bibliotheek heeft een website op het gedeelde "
            "platform. Hier lees je hoe je je site beheert, wat er in de volgende "
            "release zit en hoe Mijn Bibliotheek werkt."
        ),
        body=[
            heading("Catalogus, Mijn Bibliotheek en inspiratie"),
            paragraph(
                "Elke bibliotheekwebsite combineert een doorzoekbare catalogus, de "
                "selfservice Mijn Bibliotheek en pagina's om je aanbod in de kijker "
                "te zetten. Samen trekken de sites meer dan een half miljoen unieke "
                "bezoekers per maand.",
                "Mijn Bibliotheek telde eind 2022 bijna 756.000 profielen. Wie een "
                "lidmaatschap koppelt, krijgt een eenmalige code per e-mail in plaats "
                "van een wachtwoord.",
            ),
            heading("Wijzigingsverzoeken"),
            paragraph(
                "De productgroep Bibliotheekwebsites legt de prioriteiten van de "
                "roadmap vast op basis van de wijzigingsverzoeken van bibliotheken. "
                "In de cursus over release notes en wijzigingsverzoeken volg je op "
                "wat gepland is.",
            ),
        ],
    ),
    "open-vlacc": ServicePageText(
        intro=(
            "Open Vlacc is de gemeenschappelijke catalografiedatabank van de "
            "Vlaamse openbare bibliotheken."
        ),
        body=[
            paragraph(
                "Bijna alle bibliotheken beschrijven hun fysieke collectie in Open "
                "Vlacc. Elk jaar komen er zo'n 33.000 nieuwe records bij, die "
                "meteen voor iedereen bruikbaar zijn.",
                "Met Biblioprint druk je etiketten af op basis van de gegevens in "
                "Open Vlacc: scan het ISBN en het etiket rolt eruit.",
            ),
            heading("Vragen over catalografie"),
            paragraph(
                "De expertgroepen werken de catalografische afspraken uit. Vier keer "
                "per jaar brengt de nieuwsbrief van Open Vlacc je op de hoogte.",
            ),
            callout(
                "Meld een fout in een record via de knop in Wise: dan komt je vraag "
                "met alle gegevens bij de servicedesk terecht.",
            ),
        ],
    ),
    "e-boeken": ServicePageText(
        intro=(
            "Met de e-boekendienst lenen leden Nederlandstalige e-boeken via hun "
            "bibliotheek. Hier vind je instructies om hen op weg te helpen."
        ),
        body=[
            heading("Zo lenen je leden een e-boek"),
            paragraph(
                "Leden lenen in de app, op de computer of op een e-reader en loggen "
                "in met hun account van Mijn Bibliotheek. Eind 2022 deden 218 "
                "bibliotheken mee, met meer dan 13.000 titels in de collectie.",
            ),
            callout(
                "Verwijs leden naar de instructievideo's per toestel: ze werden al "
                "bijna 10.000 keer bekeken en beantwoorden de meeste vragen aan de "
                "balie.",
            ),
        ],
    ),
    "gopress": ServicePageText(
        intro=(
            "Gopress geeft je leden toegang tot kranten en tijdschriften, in de "
            "bibliotheek en van thuis uit."
        ),
        body=[
            heading("Kiosk en Archief"),
            paragraph(
                "Via Kiosk lezen bezoekers in de bibliotheek de recente nummers. Via "
                "Archief zoeken ze ook thuis in oudere artikels. Archief loopt in "
                "224 bibliotheken, Kiosk en Archief samen in 129.",
            ),
            callout(
                "Gopress verhuist naar een nieuw platform. Nieuwe instructievideo's "
                "volgen zodra de overstap rond is.",
                kind="let-op",
            ),
        ],
    ),
    "fundels": ServicePageText(
        intro=(
            "Fundels zijn interactieve digitale kinderboeken. Ze brengen jonge lezers "
            "spelenderwijs bij het verhaal."
        ),
        body=[
            paragraph(
                "Er zijn prentenboeken voor kinderen van drie tot zeven jaar en "
                "AVI-leesboekjes voor kinderen van zes tot tien. 148 bibliotheken "
                "bieden de prentenboeken aan, 78 ook de AVI-boekjes.",
            ),
            callout(
                "De RFID-rugzakjes worden uitgefaseerd. Bekijk in de cursus hoe je "
                "ze uit je collectie haalt.",
                kind="let-op",
            ),
        ],
    ),
    "bibster": ServicePageText(
        intro=(
            "Bibster is het spel waarmee klassen de bibliotheek ontdekken tijdens een "
            "klasbezoek."
        ),
        body=[
            heading("Quest en Story"),
            paragraph(
                "Leerlingen spelen in teams en lossen opdrachten op tussen de rekken. "
                "In 2022 speelden ongeveer 21.000 teams in 199 bibliotheken, goed "
                "voor meer dan 470.000 opgeloste opdrachten.",
                "Naast de vaste spellen zijn er thema-edities, bijvoorbeeld voor de "
                "Jeugdboekenmaand.",
            ),
            callout("Test een nieuw spel altijd zelf op een tablet voor de klas komt."),
        ],
    ),
    "mijn-leestipper": ServicePageText(
        intro=(
            "Mijn Leestipper geeft leners persoonlijke leestips, desgewenst op basis "
            "van hun leenhistoriek."
        ),
        body=[
            paragraph(
                "137 bibliotheken bieden Mijn Leestipper aan. In 2022 kwamen er meer "
                "dan 11.500 nieuwe gebruikers bij en werd de dienst ongeveer 239.000 "
                "keer gebruikt.",
            ),
            callout(
                "Leners kiezen zelf of hun leenhistoriek gebruikt wordt. Leg aan de "
                "balie uit dat ze dat op elk moment kunnen aanpassen.",
                kind="let-op",
            ),
        ],
    ),
    "bieblo": ServicePageText(
        intro=(
            "Bieblo helpt kinderen een boek te kiezen dat bij hen past, met de "
            "Bieblo-uil als gids."
        ),
        body=[
            paragraph(
                "160 bibliotheken werken met Bieblo. In 2022 waren er ongeveer "
                "835.000 sessies en gaf de app meer dan 1,1 miljoen leestips.",
            ),
            callout(
                "Zet Bieblo op een tablet in de jeugdafdeling: kinderen gaan er "
                "zonder uitleg mee aan de slag.",
            ),
        ],
    ),
    "jouw-stad-leest": ServicePageText(
        intro=(
            "[Jouw stad] Leest brengt lezers uit dezelfde stad samen rond boeken en "
            "leestips."
        ),
        body=[
            paragraph(
                "Leuven, Antwerpen, Brugge en Gent hebben al hun eigen "
                "leesgemeenschap. Inwoners deelden er samen meer dan 4.500 "
                "persoonlijke leestips.",
            ),
            heading("Zelf starten"),
            paragraph(
                "In de cursus lees je hoe je een leesgemeenschap opzet, hoe je "
                "moderatie regelt en hoe je lokale partners betrekt.",
            ),
        ],
    ),
    "digitaal-podium": ServicePageText(
        intro=(
            "Digitaal Podium bouwt een gedeelde digitale basisinfrastructuur voor "
            "podiumhuizen. Ticketing is de eerste bouwsteen."
        ),
        body=[
            heading("Ticketing met Tixly"),
            paragraph(
                "In april 2022 werd het ticketingsysteem gegund aan Tixly. De "
                "pilootgroepen in Gent, de regio Zuidwest en Pajottenland-Zennevallei "
                "stappen als eersten over; hun ticketingexperts krijgen een "
                "opleiding op maat.",
            ),
            paragraph(
                "De adviesgroep Digitaal Podium volgt de wijzigingsverzoeken op en "
                "bepaalt mee welke vernieuwingsprojecten voorrang krijgen.",
            ),
        ],
    ),
    "livestreaming": ServicePageText(
        intro=(
            "Met Livestreaming brengt een cultuurcentrum een voorstelling live tot "
            "in het woonzorgcentrum."
        ),
        body=[
            paragraph(
                "In 2022 zonden 47 cultuurcentra vijf livestreams uit naar 127 "
                "zorgcentra. Zo zien ook mensen die minder mobiel zijn een "
                "voorstelling op het moment zelf.",
            ),
            callout(
                "Spreek vooraf een testmoment af met het zorgcentrum: klank en beeld "
                "controleren duurt langer dan je denkt.",
            ),
        ],
    ),
    "voor-de-show": ServicePageText(
        intro=(
            "Voor De Show is een theaterspel dat een klas van de lagere school "
            "voorbereidt op een schoolvoorstelling."
        ),
        body=[
            paragraph(
                "In 2022 werkten 42 cultuurhuizen met Voor De Show, 17 meer dan het "
                "jaar ervoor. Het spel werd gespeeld voor 259 voorstellingen in 157 "
                "scholen; leerkrachten besteden er gemiddeld drie kwartier aan.",
            ),
            callout(
                "Op basis van feedback van leerkrachten werden zo'n vijftien functies "
                "aangepast. Bekijk de nieuwigheden voor je een school uitnodigt.",
            ),
        ],
    ),
    "mobiele-arcadehallen": ServicePageText(
        intro=(
            "De mobiele arcadehallen trekken langs cultuurcentra en bibliotheken met "
            "een speelhal vol klassieke en nieuwe arcadespellen."
        ),
        body=[
            paragraph(
                "Sinds 2018 haalden 75 organisaties een arcadehal in huis, samen goed "
                "voor 171 speelweken.",
            ),
            callout(
                "Een arcadehal vraagt ruimte en stroom: bekijk de technische fiche "
                "voor je een periode vastlegt.",
                kind="let-op",
            ),
        ],
    ),
}
