"""The demo archive as data: what ``load_demo`` creates, taken from the seed pages.

Field values are the models' own field names. Links are by slug: ``crew`` (astronaut slug and
role), ``spacecraft``, ``mission``, ``photographer`` and an astronaut's ``portrait``; the
records of ``stories.py`` by slug too: an astronaut's ``space_agency``, a spacecraft's
``operated_by``, a mission's ``launch_place``, ``training_place`` and ``partners``. An image's
``picture`` says how ``pictures.py`` draws it; its ``date_taken`` is written into the JPEG's EXIF
and read back by the upload path, as it would be from a camera. Text the seed pages do not give is
plausible editorial writing in both languages; the pictures are illustrations, not photographs,
and say so: marked as illustrations, credited to the demo, with no photographer.
"""

from datetime import date
from decimal import Decimal

from missions.models import CrewMember, Licence, Spacecraft

# One credit for both languages (it is a single field): who made the picture, and what it is.
DEMO_CREDIT = "ESA Archive demo (illustration)"
# Of the archive's two licences, the one that is not the agency's own terms: the drawings are not
# ESA's. (A licence of their own, such as CC0, would need a new choice in ``Licence``.)
DEMO_LICENCE = Licence.CC_BY_SA_3_IGO
ILLUSTRATION = {"credit": DEMO_CREDIT, "licence": DEMO_LICENCE, "is_illustration": True}

COMMANDER = CrewMember.Role.COMMANDER
PILOT = CrewMember.Role.PILOT
FLIGHT_ENGINEER = CrewMember.Role.FLIGHT_ENGINEER
MISSION_SPECIALIST = CrewMember.Role.MISSION_SPECIALIST

SPACECRAFT = [
    {
        "slug": "soyuz-launcher",
        "name": "Soyuz",
        "kind": Spacecraft.Kind.LAUNCHER,
        "operator": "Roscosmos; Arianespace at Europe's Spaceport",
        "operator_fr": "Roscosmos ; Arianespace au Centre spatial guyanais",
        "height_m": Decimal("45.0"),
        "stages": 3,
        "first_flight": date(1966, 11, 28),
        "launch_count": 1700,
        "description_en": (
            "Soyuz is the most used launch vehicle in history: in its different versions it has "
            "made more than 1700 launches since its first flight in 1966, and it has carried men "
            "and women from many different nations into space. The three-stage rocket stands "
            "about 45 metres tall; four tapered boosters cluster around its core stage, and at the "
            "top a protective fairing houses the Soyuz spacecraft and its crew.\n\n"
            "On 19 January 2005, ESA and the Russian Federal Space Agency signed an agreement on "
            "long-term cooperation in launchers that lets Soyuz use Europe's Spaceport in French "
            "Guiana as a launch base. Launching Soyuz from Kourou consolidates Europe's access to "
            "space for medium-size missions, while Russia benefits from the many advantages of "
            "the Spaceport and from improved access to the commercial market."
        ),
        "description_fr": (
            "Soyuz est le lanceur le plus utilisé de l'histoire : dans ses différentes versions, "
            "il a effectué plus de 1700 lancements depuis son premier vol en 1966 et a emmené dans "
            "l'espace des hommes et des femmes de nombreux pays. Cette fusée à trois étages mesure "
            "environ 45 mètres ; quatre propulseurs d'appoint effilés entourent son étage central "
            "et, à son sommet, une coiffe protège le vaisseau Soyuz et son équipage.\n\n"
            "Le 19 janvier 2005, l'ESA et l'Agence spatiale fédérale russe ont signé un accord de "
            "coopération à long terme dans le domaine des lanceurs, qui permet à Soyuz d'utiliser "
            "le Centre spatial guyanais, le port spatial de l'Europe, comme base de lancement. "
            "Lancer Soyuz depuis Kourou consolide l'accès de l'Europe à l'espace pour les missions "
            "de taille moyenne ; la Russie, elle, profite des nombreux atouts du port spatial et "
            "d'un meilleur accès au marché commercial."
        ),
        "is_published": True,
    },
    {
        "slug": "soyuz-spacecraft",
        "name": "Soyuz TM / TMA / MS",
        "kind": Spacecraft.Kind.CREW_VEHICLE,
        "operator": "Roscosmos",
        "operated_by": "roscosmos",
        "height_m": Decimal("7.5"),
        "first_flight": date(1966, 11, 28),
        "description_en": (
            "The Soyuz spacecraft carries three people to and from orbit. It is made of three "
            "modules: an orbital module for living space and docking, the descent module in which "
            "the crew ride at launch and landing, and a service module with the engines and solar "
            "panels.\n\n"
            "The TM version flew crews to Mir and to the early International Space Station, "
            "including Claudie Haigneré's Andromède mission in 2001; the TMA and then the MS "
            "versions followed, and Soyuz MS-03 took Thomas Pesquet to the station for Proxima in "
            "2016. A Soyuz stays docked to the station throughout a crew's stay, ready to bring "
            "them home."
        ),
        "description_fr": (
            "Le vaisseau Soyuz transporte trois personnes vers l'orbite et les ramène sur Terre. "
            "Il se compose de trois modules : un module orbital, espace de vie qui porte le "
            "système d'amarrage, le module de descente, où l'équipage prend place au lancement et "
            "à l'atterrissage, et un module de service avec les moteurs et les panneaux "
            "solaires.\n\n"
            "La version TM a conduit les équipages vers Mir et vers la Station spatiale "
            "internationale à ses débuts, dont celui de Claudie Haigneré pour la mission Andromède "
            "en 2001 ; les versions TMA puis MS lui ont succédé, et le Soyuz MS-03 a emmené Thomas "
            "Pesquet vers la Station pour Proxima en 2016. Un Soyuz reste amarré à la Station "
            "pendant tout le séjour de l'équipage, prêt à le ramener sur Terre."
        ),
        "is_published": True,
    },
    {
        "slug": "crew-dragon",
        "name": "Crew Dragon",
        "kind": Spacecraft.Kind.CREW_VEHICLE,
        "operator": "SpaceX",
        "operated_by": "spacex",
        "height_m": Decimal("8.1"),
        "first_flight": date(2019, 3, 2),
        "description_en": (
            "SpaceX's Crew Dragon carries up to four astronauts to the International Space "
            "Station for NASA's Commercial Crew Program. It launches on a Falcon 9 rocket from "
            "Florida, docks to the station on its own and splashes down under parachutes at the "
            "end of the mission.\n\n"
            "The capsules are reused: Endeavour, which flew the first crewed test flight in 2020, "
            "took Thomas Pesquet and the Crew-2 astronauts up for Alpha in April 2021. Its "
            "unpressurised trunk, which carries solar cells and a radiator, is left behind before "
            "re-entry."
        ),
        "description_fr": (
            "Le Crew Dragon de SpaceX emmène jusqu'à quatre astronautes vers la Station spatiale "
            "internationale dans le cadre du programme d'équipages commerciaux de la NASA. Lancé "
            "par une fusée Falcon 9 depuis la Floride, il s'amarre à la Station de façon autonome "
            "et amerrit sous parachutes à la fin de la mission.\n\n"
            "Les capsules sont réutilisées : Endeavour, qui a effectué le premier vol d'essai "
            "habité en 2020, a emmené Thomas Pesquet et l'équipage de Crew-2 pour la mission Alpha "
            "en avril 2021. Son module de service non pressurisé, qui porte des cellules solaires "
            "et un radiateur, est largué avant la rentrée atmosphérique."
        ),
        "is_published": True,
    },
    {
        "slug": "cargo-dragon",
        "name": "Cargo Dragon",
        "kind": Spacecraft.Kind.CARGO_VEHICLE,
        "operator": "SpaceX",
        "operated_by": "spacex",
        "height_m": Decimal("8.1"),
        "first_flight": date(2020, 12, 6),
        "description_en": (
            "The cargo version of Dragon supplies the International Space Station with food, "
            "equipment and experiments, and brings results back to Earth – one of the few "
            "spacecraft that can return cargo. Like its cousin Crew Dragon, it docks to the "
            "station on its own and splashes down off the coast of Florida.\n\n"
            "CRS-23 delivered some two tonnes of supplies and science in August 2021 and undocked "
            "on 30 September, filmed by Thomas Pesquet from Crew Dragon's windows."
        ),
        "description_fr": (
            "La version cargo du Dragon ravitaille la Station spatiale internationale en vivres, "
            "en matériel et en expériences, et rapporte des résultats sur Terre : c'est l'un des "
            "rares vaisseaux capables de ramener du fret. Comme son cousin le Crew Dragon, il "
            "s'amarre de façon autonome à la Station et amerrit au large de la Floride.\n\n"
            "CRS-23 a livré environ deux tonnes de ravitaillement et d'expériences en août 2021, "
            "avant de se désamarrer le 30 septembre, filmé par Thomas Pesquet depuis les hublots "
            "du Crew Dragon."
        ),
        "is_published": True,
    },
    {
        "slug": "iss",
        "name": "International Space Station",
        "name_fr": "Station spatiale internationale",
        "kind": Spacecraft.Kind.STATION,
        "operator": "NASA, Roscosmos, ESA, JAXA, CSA",
        "first_flight": date(1998, 11, 20),
        "description_en": (
            "The International Space Station is a partnership of five space agencies: NASA, "
            "Roscosmos, ESA, JAXA and the Canadian Space Agency. Its first module, Zarya, was "
            "launched in November 1998, and it has been permanently crewed since November 2000. "
            "About the size of a football pitch with its solar arrays, it circles the Earth every "
            "90 minutes or so, some 400 km up.\n\n"
            "Europe's Columbus laboratory and the Cupola – the seven-windowed observatory from "
            "which Thomas Pesquet took many of his photographs – are among its modules."
        ),
        "description_fr": (
            "La Station spatiale internationale est un partenariat entre cinq agences spatiales : "
            "la NASA, Roscosmos, l'ESA, la JAXA et l'Agence spatiale canadienne. Son premier "
            "module, Zarya, a été lancé en novembre 1998, et elle est occupée en permanence depuis "
            "novembre 2000. Grande comme un terrain de football avec ses panneaux solaires, elle "
            "fait le tour de la Terre en 90 minutes environ, à quelque 400 km d'altitude.\n\n"
            "Parmi ses modules figurent le laboratoire européen Columbus et la Cupola, "
            "l'observatoire à sept hublots d'où Thomas Pesquet a pris nombre de ses photographies."
        ),
        "is_published": True,
    },
]

# The two portraits are images like the others (no mission); each astronaut links to its own.
PORTRAITS = [
    {
        "slug": "portrait-claudie-haignere",
        "title_en": "Claudie Haigneré",
        "title_fr": "Claudie Haigneré",
        "caption_en": (
            "Claudie Haigneré, ESA astronaut. In this demo archive an illustration stands in for "
            "her official portrait."
        ),
        "caption_fr": (
            "Claudie Haigneré, astronaute de l'ESA. Dans cette archive de démonstration, une "
            "illustration remplace son portrait officiel."
        ),
        "alt_en": (
            "Illustration: head-and-shoulders silhouette of an astronaut in a white and blue "
            "Sokol suit with a French flag, against the blurred Earth"
        ),
        "alt_fr": (
            "Illustration : silhouette en buste d'une astronaute en combinaison Sokol blanche et "
            "bleue avec un drapeau français, sur fond de Terre floue"
        ),
        **ILLUSTRATION,
        "date_taken": date(2001, 8, 1),
        "is_published": True,
        "picture": {
            "scene": "portrait",
            "seed": 1957,
            "options": {
                "suit": "sokol",
                "hair": "bob",
                "hair_color": (118, 84, 56),
                "skin": (228, 186, 158),
            },
        },
    },
    {
        "slug": "portrait-thomas-pesquet",
        "title_en": "Thomas Pesquet",
        "title_fr": "Thomas Pesquet",
        "caption_en": (
            "Thomas Pesquet, ESA astronaut. In this demo archive an illustration stands in for his "
            "official portrait."
        ),
        "caption_fr": (
            "Thomas Pesquet, astronaute de l'ESA. Dans cette archive de démonstration, une "
            "illustration remplace son portrait officiel."
        ),
        "alt_en": (
            "Illustration: head-and-shoulders silhouette of an astronaut in a white and grey "
            "flight suit with a French flag, against the blurred Earth"
        ),
        "alt_fr": (
            "Illustration : silhouette en buste d'un astronaute en combinaison de vol blanche et "
            "grise avec un drapeau français, sur fond de Terre floue"
        ),
        **ILLUSTRATION,
        "date_taken": date(2016, 8, 1),
        "is_published": True,
        "picture": {
            "scene": "portrait",
            "seed": 1978,
            "options": {"suit": "dragon", "hair": "cropped", "skin": (214, 170, 140)},
        },
    },
]

SUITS = {
    "sokol": ("a white and blue Sokol suit", "une combinaison Sokol blanche et bleue"),
    "dragon": ("a white and grey flight suit", "une combinaison de vol blanche et grise"),
}
FLAGS = {
    "RU": ("a Russian flag", "un drapeau russe"),
    "US": ("an American flag", "un drapeau américain"),
    "JP": ("a Japanese flag", "un drapeau japonais"),
}


def drawn_portrait(astronaut, name, *, who_en, who_fr, seed, flag, suit, hair="cropped", **looks):
    """The demo portrait of ``astronaut`` (a slug): a drawn silhouette, never a likeness."""
    (suit_en, suit_fr), (flag_en, flag_fr) = SUITS[suit], FLAGS[flag]
    return {
        "slug": f"portrait-{astronaut}",
        "title_en": name,
        "title_fr": name,
        "caption_en": (
            f"{name}, {who_en}. In this demo archive an illustration stands in for an official "
            "portrait."
        ),
        "caption_fr": (
            f"{name}, {who_fr}. Dans cette archive de démonstration, une illustration remplace "
            "le portrait officiel."
        ),
        "alt_en": (
            f"Illustration: head-and-shoulders silhouette of an astronaut in {suit_en} with "
            f"{flag_en}, against the blurred Earth"
        ),
        "alt_fr": (
            f"Illustration : silhouette en buste d'un membre d'équipage en {suit_fr} avec "
            f"{flag_fr}, sur fond de Terre floue"
        ),
        **ILLUSTRATION,
        "is_published": True,
        "picture": {
            "scene": "portrait",
            "seed": seed,
            "options": {"suit": suit, "hair": hair, "flag": flag, **looks},
        },
    }


# Every other astronaut of the demo gets a drawn portrait too: no page shows a placeholder. They
# have no date: a drawing was not taken on any day of the astronauts' careers.
PORTRAITS += [
    drawn_portrait(
        "viktor-afanasyev",
        "Viktor Afanasyev",
        who_en="Russian cosmonaut",
        who_fr="cosmonaute russe",
        seed=1949,
        flag="RU",
        suit="sokol",
        skin=(226, 184, 156),
    ),
    drawn_portrait(
        "konstantin-kozeyev",
        "Konstantin Kozeyev",
        who_en="Russian cosmonaut",
        who_fr="cosmonaute russe",
        seed=1967,
        flag="RU",
        suit="sokol",
        skin=(230, 190, 162),
    ),
    drawn_portrait(
        "oleg-novitsky",
        "Oleg Novitsky",
        who_en="Russian cosmonaut",
        who_fr="cosmonaute russe",
        seed=1971,
        flag="RU",
        suit="sokol",
        skin=(224, 180, 150),
    ),
    drawn_portrait(
        "peggy-whitson",
        "Peggy Whitson",
        who_en="NASA astronaut",
        who_fr="astronaute de la NASA",
        seed=1960,
        flag="US",
        suit="sokol",
        hair_color=(150, 120, 90),
        skin=(232, 192, 166),
    ),
    drawn_portrait(
        "shane-kimbrough",
        "Shane Kimbrough",
        who_en="NASA astronaut",
        who_fr="astronaute de la NASA",
        seed=1967_06,
        flag="US",
        suit="dragon",
        skin=(228, 186, 158),
    ),
    drawn_portrait(
        "megan-mcarthur",
        "Megan McArthur",
        who_en="NASA astronaut",
        who_fr="astronaute de la NASA",
        seed=1971_08,
        flag="US",
        suit="dragon",
        hair="bob",
        hair_color=(96, 70, 50),
        skin=(230, 190, 164),
    ),
    drawn_portrait(
        "akihiko-hoshide",
        "Akihiko Hoshide",
        who_en="JAXA astronaut",
        who_fr="astronaute de la JAXA",
        seed=1968_12,
        flag="JP",
        suit="dragon",
        skin=(222, 184, 150),
    ),
]

ASTRONAUTS = [
    {
        "slug": "claudie-haignere",
        "name": "Claudie Haigneré",
        "nationality": "FR",
        "agency": "ESA/CNES",
        "space_agency": "esa",
        "portrait": "portrait-claudie-haignere",
        "biography_en": (
            "Claudie Haigneré is the first French woman to have flown in space. A rheumatologist "
            "by training, she went on to research in neuroscience and was selected as an "
            "astronaut by the French space agency CNES in 1985. In 1996 she spent 16 days on the "
            "Mir space station during the Franco-Russian Cassiopée mission.\n\n"
            "She joined the European Astronaut Corps in 1999, and in October 2001 the Andromède "
            "mission made her the first European woman to visit the International Space Station. "
            "She later served in the French government, as Minister for Research and New "
            "Technologies and then as Minister for European Affairs."
        ),
        "biography_fr": (
            "Claudie Haigneré est la première Française à avoir volé dans l'espace. Rhumatologue "
            "de formation, elle se tourne ensuite vers la recherche en neurosciences et est "
            "sélectionnée comme astronaute par le CNES en 1985. En 1996, elle séjourne 16 jours à "
            "bord de la station Mir lors de la mission franco-russe Cassiopée.\n\n"
            "Elle rejoint le corps des astronautes européens en 1999 et devient en octobre 2001, "
            "avec la mission Andromède, la première Européenne à se rendre à bord de la Station "
            "spatiale internationale. Elle entre ensuite au gouvernement, comme ministre déléguée "
            "à la Recherche et aux Nouvelles Technologies, puis aux Affaires européennes."
        ),
        "is_published": True,
    },
    {
        "slug": "thomas-pesquet",
        "name": "Thomas Pesquet",
        "nationality": "FR",
        "agency": "ESA",
        "space_agency": "esa",
        "portrait": "portrait-thomas-pesquet",
        "biography_en": (
            "Thomas Pesquet is an aerospace engineer and former airline pilot, selected as an ESA "
            "astronaut in 2009. His first mission, Proxima, took him to the International Space "
            "Station from November 2016 to June 2017, and millions followed the photographs of "
            "the Earth he took from the Cupola.\n\n"
            "He flew again in April 2021 for the Alpha mission, on a SpaceX Crew Dragon, and in "
            "October 2021 became the first French astronaut to command the Space Station. On both "
            "missions he made spacewalks and ran experiments for European and French researchers."
        ),
        "biography_fr": (
            "Ingénieur aéronautique et ancien pilote de ligne, Thomas Pesquet est sélectionné "
            "comme astronaute de l'ESA en 2009. Sa première mission, Proxima, le conduit à bord "
            "de la Station spatiale internationale de novembre 2016 à juin 2017 ; des millions de "
            "personnes suivent alors les photographies de la Terre qu'il prend depuis la "
            "Cupola.\n\n"
            "Il repart en avril 2021 pour la mission Alpha, à bord d'un Crew Dragon de SpaceX, et "
            "devient en octobre 2021 le premier Français à commander la Station. Lors de ses deux "
            "missions, il effectue des sorties dans l'espace et mène des expériences pour des "
            "chercheurs européens et français."
        ),
        "is_published": True,
    },
    {
        "slug": "viktor-afanasyev",
        "name": "Viktor Afanasyev",
        "nationality": "RU",
        "agency": "Roscosmos",
        "space_agency": "roscosmos",
        "portrait": "portrait-viktor-afanasyev",
        "biography_en": (
            "Russian cosmonaut and former military test pilot. A veteran of three long stays on "
            "the Mir space station, he commanded Soyuz TM-33 on the Andromède mission in 2001, "
            "his fourth spaceflight."
        ),
        "biography_fr": (
            "Cosmonaute russe et ancien pilote d'essai militaire. Vétéran de trois longs séjours "
            "à bord de la station Mir, il commande le Soyuz TM-33 lors de la mission Andromède en "
            "2001, son quatrième vol spatial."
        ),
        "is_published": True,
    },
    {
        "slug": "konstantin-kozeyev",
        "name": "Konstantin Kozeyev",
        "nationality": "RU",
        "agency": "Roscosmos",
        "space_agency": "roscosmos",
        "portrait": "portrait-konstantin-kozeyev",
        "biography_en": (
            "Russian cosmonaut and engineer from the Energia space company. Andromède, in October "
            "2001, was his first and only spaceflight, as flight engineer of Soyuz TM-33."
        ),
        "biography_fr": (
            "Cosmonaute russe, ingénieur de la société spatiale Energia. La mission Andromède, en "
            "octobre 2001, est son premier et unique vol spatial, comme ingénieur de bord du "
            "Soyuz TM-33."
        ),
        "is_published": True,
    },
    {
        "slug": "oleg-novitsky",
        "name": "Oleg Novitsky",
        "nationality": "RU",
        "agency": "Roscosmos",
        "space_agency": "roscosmos",
        "portrait": "portrait-oleg-novitsky",
        "biography_en": (
            "Russian cosmonaut and former air force pilot. He commanded Soyuz MS-03, which took "
            "Thomas Pesquet and Peggy Whitson to the International Space Station in November "
            "2016, and brought Thomas home in June 2017."
        ),
        "biography_fr": (
            "Cosmonaute russe et ancien pilote de l'armée de l'air. Il commande le Soyuz MS-03, "
            "qui emmène Thomas Pesquet et Peggy Whitson vers la Station spatiale internationale "
            "en novembre 2016, puis ramène Thomas sur Terre en juin 2017."
        ),
        "is_published": True,
    },
    {
        "slug": "peggy-whitson",
        "name": "Peggy Whitson",
        "nationality": "US",
        "agency": "NASA",
        "space_agency": "nasa",
        "portrait": "portrait-peggy-whitson",
        "biography_en": (
            "NASA astronaut and biochemist, the first woman to command the International Space "
            "Station. She flew up with Thomas Pesquet on Soyuz MS-03 in November 2016 and stayed "
            "on board until September 2017, commanding the station again during that stay."
        ),
        "biography_fr": (
            "Astronaute de la NASA et biochimiste, première femme à avoir commandé la Station "
            "spatiale internationale. Partie avec Thomas Pesquet à bord du Soyuz MS-03 en "
            "novembre 2016, elle reste dans la Station jusqu'en septembre 2017 et en reprend le "
            "commandement pendant ce séjour."
        ),
        "is_published": True,
    },
    {
        "slug": "shane-kimbrough",
        "name": "Shane Kimbrough",
        "nationality": "US",
        "agency": "NASA",
        "space_agency": "nasa",
        "portrait": "portrait-shane-kimbrough",
        "biography_en": (
            "NASA astronaut and retired US Army officer. He commanded the Crew Dragon of the "
            "Crew-2 flight that took Thomas Pesquet to the station for Alpha; the two had already "
            "lived on board together in 2016–2017, during Proxima."
        ),
        "biography_fr": (
            "Astronaute de la NASA et officier de l'armée américaine à la retraite. Il commande "
            "le Crew Dragon du vol Crew-2 qui emmène Thomas Pesquet vers la Station pour la "
            "mission Alpha ; tous deux avaient déjà vécu ensemble à bord en 2016-2017, pendant "
            "Proxima."
        ),
        "is_published": True,
    },
    {
        "slug": "megan-mcarthur",
        "name": "Megan McArthur",
        "nationality": "US",
        "agency": "NASA",
        "space_agency": "nasa",
        "portrait": "portrait-megan-mcarthur",
        "biography_en": (
            "NASA astronaut and oceanographer. After helping to service the Hubble Space "
            "Telescope in 2009, she piloted Crew Dragon Endeavour on the Crew-2 flight in 2021."
        ),
        "biography_fr": (
            "Astronaute de la NASA et océanographe. Après avoir participé à la maintenance du "
            "télescope spatial Hubble en 2009, elle pilote le Crew Dragon Endeavour lors du vol "
            "Crew-2 en 2021."
        ),
        "is_published": True,
    },
    {
        "slug": "akihiko-hoshide",
        "name": "Akihiko Hoshide",
        "nationality": "JP",
        "agency": "JAXA",
        "space_agency": "jaxa",
        "portrait": "portrait-akihiko-hoshide",
        "biography_en": (
            "JAXA astronaut and engineer. On his third flight, with Crew-2 in 2021, he commanded "
            "the International Space Station before handing over to Thomas Pesquet in October."
        ),
        "biography_fr": (
            "Astronaute de la JAXA et ingénieur. Lors de son troisième vol, avec Crew-2 en 2021, "
            "il commande la Station spatiale internationale avant de passer le relais à Thomas "
            "Pesquet en octobre."
        ),
        "is_published": True,
    },
]

BAIKONUR = {
    "launch_site_en": "Baikonur Cosmodrome, Kazakhstan",
    "launch_site_fr": "Cosmodrome de Baïkonour, Kazakhstan",
}
TO_THE_ISS = {
    "destination_en": "International Space Station",
    "destination_fr": "Station spatiale internationale",
}

MISSIONS = [
    {
        "slug": "andromede",
        "name": "Andromède",
        "launch_date": date(2001, 10, 21),
        "landing_date": date(2001, 10, 31),
        **BAIKONUR,
        "launch_place": "baikonur-cosmodrome",
        "training_place": "star-city",
        # Negotiated between the French government (CNES) and Rosaviakosmos (seed page).
        "partners": ["cnes", "roscosmos"],
        **TO_THE_ISS,
        "summary_en": (
            "In October 2001, French ESA astronaut Claudie Haigneré spent eight days on board the "
            "International Space Station. She entered it via the Russian door, so to speak: the "
            "flight had been negotiated between the French government and Rosaviakosmos, the "
            "Russian Aviation and Space Agency.\n\n"
            "Claudie trained at Star City near Moscow, but the cosmodrome from which she was "
            "launched is in Baikonur, Kazakhstan, where the crew spent their final days of "
            "preparation. At the top of the three-stage Soyuz launcher, which is about 45 metres "
            "high, a protective fairing houses the Soyuz spacecraft for the astronauts.\n\n"
            "The crew was made of three people: the commander in the centre, a flight engineer on "
            "the left – on this mission, Claudie Haigneré had this responsibility – and on the "
            "right another flight engineer. They flew up in Soyuz TM-33 and came home in Soyuz "
            "TM-32, leaving the fresh spacecraft docked to the station as its lifeboat. On board, "
            "Claudie carried out a programme of experiments in the life sciences, physics and "
            "Earth observation."
        ),
        "summary_fr": (
            "En octobre 2001, l'astronaute française de l'ESA Claudie Haigneré a passé huit jours "
            "à bord de la Station spatiale internationale. Elle y est entrée par la porte russe, "
            "pour ainsi dire : ce vol avait été négocié entre le gouvernement français et "
            "Rosaviakosmos, l'Agence russe de l'aviation et de l'espace.\n\n"
            "Claudie s'est entraînée à la Cité des étoiles, près de Moscou, mais c'est du "
            "cosmodrome de Baïkonour, au Kazakhstan, qu'elle a été lancée ; l'équipage y a passé "
            "ses derniers jours de préparation. Au sommet du lanceur Soyuz à trois étages, haut "
            "d'environ 45 mètres, une coiffe protège le vaisseau Soyuz où prennent place les "
            "astronautes.\n\n"
            "L'équipage comptait trois personnes : le commandant au centre, un ingénieur de bord "
            "à gauche – c'était le rôle de Claudie Haigneré pour cette mission – et, à droite, un "
            "second ingénieur de bord. Partis à bord du Soyuz TM-33, ils sont revenus dans le "
            "Soyuz TM-32, laissant le vaisseau neuf amarré à la Station pour lui servir de canot "
            "de sauvetage. À bord, Claudie a mené un programme d'expériences en sciences de la "
            "vie, en physique et en observation de la Terre."
        ),
        "is_published": True,
        "crew": [
            ("viktor-afanasyev", COMMANDER),
            ("claudie-haignere", FLIGHT_ENGINEER),
            ("konstantin-kozeyev", FLIGHT_ENGINEER),
        ],
        "spacecraft": ["soyuz-launcher", "soyuz-spacecraft", "iss"],
    },
    {
        "slug": "proxima",
        "name": "Proxima",
        "launch_date": date(2016, 11, 17),
        "landing_date": date(2017, 6, 2),
        **BAIKONUR,
        "launch_place": "baikonur-cosmodrome",
        **TO_THE_ISS,
        "summary_en": (
            "Proxima was Thomas Pesquet's first mission: six months on board the International "
            "Space Station. He was launched from Baikonur on Soyuz MS-03 with Oleg Novitsky and "
            "Peggy Whitson on 17 November 2016, and landed in Kazakhstan with Oleg on 2 June 2017; "
            "Peggy stayed on board until September. Following the tradition of French astronauts, "
            "the mission is named after a star: Proxima Centauri, the closest to the Sun.\n\n"
            "Between some fifty experiments and two spacewalks, Thomas took hundreds of stunning "
            "photos of the Earth, but his images also bear witness to pollution, melting glaciers "
            "and rising sea levels. It was important to him to show the fragility of our planet, "
            "as well as its immense beauty. The images here are a selection of those he posted "
            "on social networks during the mission."
        ),
        "summary_fr": (
            "Proxima est la première mission de Thomas Pesquet : six mois à bord de la Station "
            "spatiale internationale. Lancé de Baïkonour le 17 novembre 2016 à bord du Soyuz "
            "MS-03, avec Oleg Novitsky et Peggy Whitson, il se pose au Kazakhstan le 2 juin 2017 "
            "avec Oleg Novitsky ; Peggy Whitson reste à bord jusqu'en septembre. Fidèle à la "
            "tradition des astronautes français, la mission porte le nom d'une étoile : Proxima "
            "du Centaure, la plus proche du Soleil.\n\n"
            "Entre une cinquantaine d'expériences et deux sorties dans l'espace, Thomas a pris des "
            "photographies époustouflantes de la Terre, mais celles-ci témoignent également de la "
            "pollution, de la fonte des glaciers, de la montée des eaux. Il était important pour "
            "l'astronaute que les gens prennent conscience de la grande fragilité de notre "
            "planète, au-delà de sa beauté. Les images suivantes ont été postées par Thomas sur "
            "les réseaux sociaux pendant la mission."
        ),
        "is_published": True,
        "is_featured": True,
        "crew": [
            ("oleg-novitsky", COMMANDER),
            ("thomas-pesquet", FLIGHT_ENGINEER),
            ("peggy-whitson", FLIGHT_ENGINEER),
        ],
        "spacecraft": ["soyuz-launcher", "soyuz-spacecraft", "iss"],
    },
    {
        "slug": "alpha",
        "name": "Alpha",
        "launch_date": date(2021, 4, 23),
        "landing_date": date(2021, 11, 9),
        "launch_site_en": "Kennedy Space Center, Florida",
        "launch_site_fr": "Centre spatial Kennedy, Floride",
        "launch_place": "kennedy-space-center",
        # Crew-2 flew on a SpaceX Crew Dragon for NASA; 12 of the experiments were CNES's.
        "partners": ["nasa", "spacex", "cnes"],
        **TO_THE_ISS,
        "summary_en": (
            "Alpha was Thomas Pesquet's second mission to the International Space Station, and "
            "the first for a European astronaut on a SpaceX Crew Dragon. He was launched from "
            "Kennedy Space Center in Florida on 23 April 2021 on the Crew-2 flight, with Shane "
            "Kimbrough, Megan McArthur and Akihiko Hoshide, and splashed down in the Gulf of "
            "Mexico on 9 November 2021. In October he took over as commander of the station, the "
            "first French astronaut to do so.\n\n"
            "Over 200 experiments were planned during Thomas' time in space, with 40 European "
            "ones and 12 new experiments led by the French space agency CNES. On 30 September "
            "2021 he filmed the undocking of the Cargo Dragon CRS-23, seen from the windows of "
            "its cousin Crew Dragon. Environmental concerns remained close to his heart, as they "
            "had been on Proxima."
        ),
        "summary_fr": (
            "Alpha est la deuxième mission de Thomas Pesquet à bord de la Station spatiale "
            "internationale, et la première d'un astronaute européen à bord d'un Crew Dragon de "
            "SpaceX. Lancé du Centre spatial Kennedy, en Floride, le 23 avril 2021 pour le vol "
            "Crew-2, avec Shane Kimbrough, Megan McArthur et Akihiko Hoshide, il amerrit dans le "
            "golfe du Mexique le 9 novembre 2021. En octobre, il prend le commandement de la "
            "Station : une première pour un astronaute français.\n\n"
            "Plus de 200 expériences sont prévues pendant son séjour, dont 40 européennes et 12 "
            "nouvelles expériences pilotées par le CNES, l'agence spatiale française. Le 30 "
            "septembre 2021, il filme le désamarrage du Cargo Dragon CRS-23 depuis les hublots de "
            "son cousin Crew Dragon. La problématique écologique reste au cœur de ses "
            "préoccupations, comme lors de Proxima."
        ),
        "is_published": True,
        "is_featured": True,
        "crew": [
            ("shane-kimbrough", COMMANDER),
            ("megan-mcarthur", PILOT),
            ("thomas-pesquet", MISSION_SPECIALIST),
            ("akihiko-hoshide", MISSION_SPECIALIST),
        ],
        "spacecraft": ["crew-dragon", "iss"],
    },
]

# Every demo picture is drawn by ``pictures.py``: none is a photograph, none has a photographer.
PROXIMA_PICTURE = {"mission": "proxima", **ILLUSTRATION}
ALPHA_PICTURE = {"mission": "alpha", **ILLUSTRATION}
ANDROMEDE_PICTURE = {"mission": "andromede", **ILLUSTRATION}

IMAGES = [
    {
        **PROXIMA_PICTURE,
        "slug": "proxima-sunrise-from-the-cupola",
        "title_en": "Flying into the sunrise",
        "title_fr": "Voler face au soleil",
        # The seed page's caption, character for character.
        "caption_en": (
            '"Flying into the sunrise is really cool. When the sun hits the Cupola windows, you '
            'can immediately feel its heat warming up the station."'
        ),
        "caption_fr": (
            "« Voler face au soleil c’est vraiment cool. Quand les rayons atteignent les vitres "
            "de la Cupola, on sent tout de suite la chaleur. »"
        ),
        "alt_en": "The Sun rising over the curved edge of the Earth, seen through a Cupola window",
        "alt_fr": (
            "Le Soleil se levant sur la courbure de la Terre, vu à travers un hublot de la Cupola"
        ),
        "date_taken": date(2016, 12, 3),
        "spacecraft": ["iss"],
        "is_published": True,
        "picture": {"scene": "cupola_sunrise", "seed": 20161203},
    },
    {
        **PROXIMA_PICTURE,
        "slug": "proxima-rivers-of-ice",
        "title_en": "Rivers of ice",
        "title_fr": "Des fleuves de glace",
        "caption_en": (
            "Glaciers wind down between snowy ridges, striped with the rock they carry. From "
            "orbit Thomas could see how far they have retreated: melting glaciers are one of the "
            "clearest signs of a warming climate."
        ),
        "caption_fr": (
            "Des glaciers serpentent entre des crêtes enneigées, striés des roches qu'ils "
            "charrient. Depuis l'orbite, Thomas a pu mesurer leur recul : la fonte des glaciers "
            "est l'un des signes les plus nets du réchauffement climatique."
        ),
        "alt_en": (
            "Seen from above, white glaciers with dark stripes flowing between brown, "
            "snow-capped mountains"
        ),
        "alt_fr": (
            "Vus d'en haut, des glaciers blancs striés de bandes sombres s'écoulant entre des "
            "montagnes brunes aux sommets enneigés"
        ),
        "date_taken": date(2017, 1, 21),
        "is_published": True,
        "picture": {"scene": "glacier", "seed": 20170121},
    },
    {
        **PROXIMA_PICTURE,
        "slug": "proxima-a-city-at-night",
        "title_en": "A city at night",
        "title_fr": "Une ville la nuit",
        "caption_en": (
            "The orange glow of a coastal city at night: streets traced in light, and highways "
            "reaching out to the towns around it. Seen from orbit, the lights show where people "
            "live – and how much energy we use."
        ),
        "caption_fr": (
            "La lueur orangée d'une ville côtière, la nuit : des rues dessinées par la lumière, "
            "des autoroutes qui rejoignent les villes voisines. Vu de l'orbite, l'éclairage "
            "montre où vivent les gens, et combien d'énergie nous consommons."
        ),
        "alt_en": "Orange city lights and roads on dark land beside a black sea",
        "alt_fr": (
            "Les lumières orangées d'une ville et de ses routes sur une terre sombre, au bord "
            "d'une mer noire"
        ),
        "date_taken": date(2017, 3, 8),
        "is_published": True,
        "picture": {"scene": "city_night", "seed": 20170308},
    },
    {
        # Written in French only: English pages fall back to the French text.
        **PROXIMA_PICTURE,
        "slug": "proxima-la-banquise-se-disloque",
        "title_fr": "La banquise se disloque",
        "caption_fr": (
            "Au bord de la banquise, la glace se fracture en plaques qui dérivent vers le large "
            "et fondent peu à peu. Vue de la Station, la fragilité des régions polaires saute aux "
            "yeux."
        ),
        "alt_fr": (
            "Des plaques de glace blanches se détachent de la banquise et dérivent sur une mer "
            "sombre"
        ),
        "date_taken": date(2017, 2, 14),
        "is_published": True,
        "picture": {"scene": "sea_ice", "seed": 20170214},
    },
    {
        # Written in English only: French pages fall back to the English text.
        **PROXIMA_PICTURE,
        "slug": "proxima-where-the-river-meets-the-sea",
        "title_en": "Where the river meets the sea",
        "caption_en": (
            "A river fans out into a delta, its arms lined with green in the middle of the "
            "desert, and the silt it carries clouds the sea. Deltas are home to millions of "
            "people and are among the places most threatened by rising sea levels."
        ),
        "alt_en": (
            "A river splitting into many green-lined channels across sandy land before reaching "
            "a blue sea"
        ),
        "date_taken": date(2017, 4, 22),
        "is_published": True,
        "picture": {"scene": "river_delta", "seed": 20170422},
    },
    {
        **ALPHA_PICTURE,
        "slug": "cargo-dragon-crs-23-undocking",
        "title_en": "Cargo Dragon CRS-23 undocking",
        "title_fr": "Désamarrage du Cargo Dragon CRS-23",
        "caption_en": (
            "Undocking of the SpaceX Cargo Dragon CRS-23 from the International Space Station on "
            "30 September 2021, seen from Crew Dragon. Thomas shared the moment on social media: "
            "“Cargo Dragon CRS-23 undocking last week, seen from the windows of its cousin Crew "
            "Dragon. Mixed emotions to think that the next such undocking from the Space Station "
            "will be... us! First though we welcome visitors this week and the next crew up here "
            "in their Dragon, looking forward to seeing you soon Tom, Kayla, Raja and Matthias – "
            "also known as Crew 3 and of course my good friend Anton!”"
        ),
        "caption_fr": (
            "Le Cargo Dragon CRS-23 de SpaceX se désamarre de la Station spatiale internationale "
            "le 30 septembre 2021, vu depuis le Crew Dragon. Thomas a partagé ce moment sur les "
            "réseaux sociaux : « Le Cargo Dragon CRS-23 se désamarrant la semaine dernière, vu "
            "depuis les hublots de son cousin Crew Dragon. Des émotions mêlées à l'idée que le "
            "prochain désamarrage de ce genre depuis la Station, ce sera… nous ! Mais d'abord, "
            "nous accueillons des visiteurs cette semaine, puis le prochain équipage qui montera "
            "dans son Dragon : j'ai hâte de vous voir bientôt, Tom, Kayla, Raja et Matthias, "
            "alias Crew-3, et bien sûr mon grand ami Anton ! »"
        ),
        "alt_en": (
            "A white Dragon capsule and its solar-panelled trunk backing away above the Earth, "
            "framed by a spacecraft window"
        ),
        "alt_fr": (
            "Une capsule Dragon blanche et son module de service couvert de cellules solaires "
            "s'éloignant au-dessus de la Terre, encadrée par un hublot"
        ),
        "date_taken": date(2021, 9, 30),
        "spacecraft": ["cargo-dragon", "crew-dragon"],
        "is_published": True,
        "picture": {
            "scene": "capsule",
            "seed": 20210930,
            "options": {"vehicle": "cargo", "view": "undocking"},
        },
    },
    {
        **ALPHA_PICTURE,
        "slug": "crew-dragon-on-approach",
        "title_en": "Crew Dragon on approach",
        "title_fr": "Le Crew Dragon en approche",
        "caption_en": (
            "Crew Dragon Endeavour closes in on the International Space Station on 24 April 2021, "
            "its nose cone open over the docking port. On board, Thomas Pesquet and his Crew-2 "
            "crewmates are about to begin six months in orbit."
        ),
        "caption_fr": (
            "Le Crew Dragon Endeavour s'approche de la Station spatiale internationale le 24 avril "
            "2021, son cône avant ouvert sur le port d'amarrage. À bord, Thomas Pesquet et ses "
            "coéquipiers de Crew-2 s'apprêtent à passer six mois en orbite."
        ),
        "alt_en": (
            "A white Crew Dragon capsule above the blue Earth, seen past the edge of a station "
            "module"
        ),
        "alt_fr": (
            "Une capsule Crew Dragon blanche au-dessus de la Terre bleue, vue au-delà du bord "
            "d'un module de la Station"
        ),
        "date_taken": date(2021, 4, 24),
        "spacecraft": ["crew-dragon", "iss"],
        "is_published": True,
        "picture": {
            "scene": "capsule",
            "seed": 20210424,
            "options": {"vehicle": "crew", "view": "approach"},
        },
    },
    {
        **ALPHA_PICTURE,
        "slug": "alpha-the-milky-way-above-the-earth",
        "title_en": "The Milky Way above the Earth",
        "title_fr": "La Voie lactée au-dessus de la Terre",
        "caption_en": (
            "On the night side of the orbit, with the cabin lights dimmed, the Milky Way rises "
            "above the thin green line of airglow on the Earth's horizon."
        ),
        "caption_fr": (
            "Du côté nuit de l'orbite, lumières de la cabine éteintes, la Voie lactée se lève "
            "au-dessus du mince liseré vert de la luminescence atmosphérique, sur l'horizon "
            "terrestre."
        ),
        "alt_en": (
            "The band of the Milky Way across a starry sky, above the dark curve of the Earth "
            "edged with a green glow"
        ),
        "alt_fr": (
            "La bande de la Voie lactée dans un ciel étoilé, au-dessus de la courbe sombre de la "
            "Terre bordée d'une lueur verte"
        ),
        "date_taken": date(2021, 8, 12),
        "is_published": True,
        "picture": {"scene": "milky_way", "seed": 20210812},
    },
    {
        # A draft: editors see it (with its banner), visitors do not.
        **ALPHA_PICTURE,
        "slug": "alpha-aurora-over-the-night-side",
        "title_en": "Aurora over the night side",
        "title_fr": "Aurore sur la face nocturne",
        "caption_en": (
            "Green curtains of an aurora ripple below the station as it crosses the night side of "
            "the Earth, their tops fading to red high in the atmosphere."
        ),
        "caption_fr": (
            "Les voiles verts d'une aurore ondulent sous la Station lorsqu'elle traverse la face "
            "nocturne de la Terre ; leur sommet vire au rouge, haut dans l'atmosphère."
        ),
        "alt_en": "Green rays of an aurora rising from the dark Earth towards the horizon",
        "alt_fr": "Les rayons verts d'une aurore s'élevant de la Terre sombre vers l'horizon",
        "date_taken": date(2021, 10, 12),
        "is_published": False,
        "picture": {"scene": "aurora", "seed": 20211012},
    },
    {
        **ANDROMEDE_PICTURE,
        "slug": "andromede-soyuz-tm-33-on-the-launch-pad",
        "title_en": "Soyuz TM-33 on the launch pad",
        "title_fr": "Le Soyuz TM-33 sur le pas de tir",
        "caption_en": (
            "The Soyuz launcher on its pad at the Baikonur Cosmodrome at dusk, held by the four "
            "support arms that swing away at lift-off. At the top, the fairing houses the Soyuz "
            "TM-33 spacecraft and the seats of its crew: Viktor Afanasyev, Claudie Haigneré and "
            "Konstantin Kozeyev."
        ),
        "caption_fr": (
            "Le lanceur Soyuz sur son pas de tir du cosmodrome de Baïkonour, au crépuscule, "
            "retenu par les quatre bras qui s'écartent au décollage. À son sommet, la coiffe "
            "abrite le vaisseau Soyuz TM-33 où prendront place Viktor Afanassiev, Claudie "
            "Haigneré et Konstantin Kozeïev."
        ),
        "alt_en": (
            "A Soyuz rocket lit by floodlights on its launch pad beside a service tower, under an "
            "orange and violet dusk sky"
        ),
        "alt_fr": (
            "Une fusée Soyuz éclairée par des projecteurs sur son pas de tir, près d'une tour de "
            "service, sous un ciel de crépuscule orange et violet"
        ),
        "date_taken": date(2001, 10, 19),
        "spacecraft": ["soyuz-launcher", "soyuz-spacecraft"],
        "is_published": True,
        "picture": {"scene": "launch_pad", "seed": 20011019, "options": {"site": "baikonur"}},
    },
    {
        **ANDROMEDE_PICTURE,
        "slug": "andromede-the-space-station-in-2001",
        "title_en": "The International Space Station in 2001",
        "title_fr": "La Station spatiale internationale en 2001",
        "caption_en": (
            "The station Claudie Haigneré visited was still young: a short stack of modules under "
            "one great pair of solar wings. Soyuz TM-33 docked to it on 23 October 2001, two days "
            "after leaving Baikonur."
        ),
        "caption_fr": (
            "La Station que Claudie Haigneré a visitée était encore jeune : une courte enfilade de "
            "modules sous une seule grande paire d'ailes solaires. Le Soyuz TM-33 s'y est amarré "
            "le 23 octobre 2001, deux jours après son départ de Baïkonour."
        ),
        "alt_en": (
            "The early International Space Station, a white stack of modules under a long pair "
            "of golden solar arrays, above the blue Earth"
        ),
        "alt_fr": (
            "La Station spatiale internationale à ses débuts : des modules blancs sous une longue "
            "paire de panneaux solaires dorés, au-dessus de la Terre bleue"
        ),
        "date_taken": date(2001, 10, 23),
        "spacecraft": ["iss"],
        "is_published": True,
        "picture": {"scene": "station", "seed": 20011023, "options": {"era": "2001"}},
    },
    {
        "slug": "soyuz-at-europes-spaceport",
        "title_en": "Artist's drawing of Soyuz at Europe's Spaceport",
        "title_fr": "Vue d'artiste du Soyuz en Guyane",
        "caption_en": (
            "Soyuz on its launch pad in French Guiana, beside the mobile gantry built for it at "
            "Europe's Spaceport. The agreement signed by ESA and the Russian Federal Space Agency "
            "on 19 January 2005 lets the Russian launcher fly from Kourou, consolidating Europe's "
            "access to space for medium-size missions."
        ),
        "caption_fr": (
            "Le Soyuz sur son pas de tir en Guyane, à côté du portique mobile construit pour lui "
            "au port spatial de l'Europe. L'accord signé le 19 janvier 2005 par l'ESA et l'Agence "
            "spatiale fédérale russe permet au lanceur russe de décoller de Kourou et consolide "
            "l'accès de l'Europe à l'espace pour les missions de taille moyenne."
        ),
        "alt_en": (
            "Drawing of a Soyuz rocket on its pad beside a red tower and a tall white gantry, "
            "with rainforest and a cloudy blue sky behind"
        ),
        "alt_fr": (
            "Dessin d'une fusée Soyuz sur son pas de tir, près d'une tour rouge et d'un haut "
            "portique blanc, devant la forêt tropicale et un ciel bleu nuageux"
        ),
        **ILLUSTRATION,
        "date_taken": date(2005, 1, 19),
        "spacecraft": ["soyuz-launcher"],
        "is_published": True,
        "picture": {"scene": "launch_pad", "seed": 20050119, "options": {"site": "kourou"}},
    },
]
