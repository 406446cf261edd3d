"""What the synthetic archive of ``seed_archive`` says: names, vocabulary and sentence patterns.

Nothing here touches the database. Every list of words is ordered from the most to the least
frequent and read through :class:`Zipf`, so a few words (Earth, station, Cupola, sunrise…) come
up in a large share of the captions and most words only rarely, as in a real archive; search
and the gallery's facets then have realistic work to do. English and French are written from
the same picks, so the two captions of an image say the same thing.

French grammar is kept simple on purpose: articles are stored with each noun (``"les Alpes"``)
and :func:`de` contracts them (``"des Alpes"``); sentences avoid past participles that would
have to agree with a noun picked at random.
"""

from bisect import bisect
from itertools import accumulate

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


class Zipf:
    """Picks from ``items``, most frequent first: the item of rank r has weight 1/r**exponent."""

    def __init__(self, items, exponent=1.0):
        self.items = list(items)
        ranks = range(1, len(self.items) + 1)
        self.cumulative = list(accumulate(1 / rank**exponent for rank in ranks))

    def pick(self, rng):
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def pick_other(self, rng, other):
        """A pick different from ``other`` (when the list has another item to give)."""
        for _attempt in range(8):
            item = self.pick(rng)
            if item != other:
                return item
        return next((item for item in self.items if item != other), other)


# --- French and English helpers ---------------------------------------------------------------


def de(phrase):
    """``de`` before a French noun phrase: du, des, de la, de l', d'."""
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if phrase.startswith(article):
            return contracted + phrase[len(article) :]
    if phrase.startswith(("la ", "l'")):
        return "de " + phrase
    if phrase[:1].lower() in "aeiouyhéèêâîô":
        return "d'" + phrase
    return "de " + phrase


def bare(phrase):
    """A French noun phrase without its definite article: ``"nuages"``."""
    for article in ("les ", "le ", "la ", "l'"):
        if phrase.startswith(article):
            return phrase[len(article) :]
    return phrase


def capitalise(text):
    return text[:1].upper() + text[1:]


def a_or_an(noun):
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def date_en(day):
    return f"{day.day} {day:%B} {day.year}"


def date_fr(day):
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"


def days_en(count):
    return "1 day" if count == 1 else f"{count} days"


def days_fr(count):
    return "1 jour" if count == 1 else f"{count} jours"


def listing(items, conjunction):
    """``"A"``, ``"A and B"``, ``"A, B and C"`` (``conjunction`` is ``"and"`` or ``"et"``)."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def missions_en(names):
    if not names:
        return ""
    return f"the {listing(names, 'and')} mission{'s' if len(names) > 1 else ''}"


def missions_fr(names):
    if not names:
        return ""
    if len(names) == 1:
        return f"la mission {names[0]}"
    return f"les missions {listing(names, 'et')}"


# --- names ------------------------------------------------------------------------------------

# Mission, spacecraft and experiment names: two syllables and an ending, so they look like
# mission names (Proxima, Alpha, Cassiopée…) without being any real one.
# fmt: off
SYLLABLES = (
    "al", "an", "ar", "as", "bel", "cal", "cas", "cor", "da", "del", "el", "en", "er", "fa",
    "hel", "ir", "ka", "la", "len", "li", "lo", "lu", "ma", "mar", "mi", "na", "nor", "o", "or",
    "pe", "per", "ra", "ri", "ro", "sa", "sol", "ta", "tal", "te", "ti", "va", "ve", "vi", "xa",
    "ze",
)
# fmt: on
ENDINGS = ("a", "ia", "is", "on", "us", "ea", "ix", "ora", "ine", "ys", "iel", "ara")

# Nationality weights: ESA's big contributors, the USA and Russia fly most; code → weight.
NATIONALITIES = {
    "FR": 14,
    "DE": 14,
    "US": 14,
    "IT": 12,
    "RU": 12,
    "GB": 5,
    "JP": 5,
    "CA": 4,
    "ES": 4,
    "BE": 3,
    "NL": 3,
    "SE": 3,
    "CH": 3,
    "AT": 2,
    "DK": 2,
    "PL": 2,
    "CZ": 1,
    "FI": 1,
    "GR": 1,
    "HU": 1,
    "IE": 1,
    "LU": 1,
    "NO": 1,
    "PT": 1,
    "RO": 1,
}

# Which naming tradition each nationality's names come from.
NAME_GROUP = {
    "FR": "fr",
    "BE": "fr",
    "LU": "fr",
    "DE": "de",
    "AT": "de",
    "CH": "de",
    "IT": "it",
    "ES": "es",
    "PT": "pt",
    "NL": "nl",
    "SE": "nordic",
    "NO": "nordic",
    "DK": "nordic",
    "FI": "nordic",
    "GB": "en",
    "IE": "en",
    "US": "en",
    "CA": "en",
    "RU": "ru",
    "PL": "pl",
    "CZ": "cz",
    "HU": "hu",
    "RO": "ro",
    "GR": "gr",
    "JP": "ja",
}

# group → (men's first names, women's first names, surnames as a man's)
NAMES = {
    "fr": (
        "Julien Thomas Nicolas Antoine Mathieu Olivier Laurent Pierre",
        "Camille Claire Sophie Élodie Isabelle Marion Aurélie Hélène",
        "Morel Garnier Lefèvre Roussel Fournier Girard Bonnet Mercier Faure Chevalier Perrin",
    ),
    "de": (
        "Lukas Matthias Stefan Jonas Florian Tobias Markus Andreas",
        "Anna Katrin Julia Sabine Lena Miriam Franziska Carolin",
        "Keller Hoffmann Brandt Wagner Schulz Richter Lehmann Krüger Vogel Hartmann Winkler",
    ),
    "it": (
        "Luca Marco Davide Paolo Andrea Matteo Stefano Giorgio",
        "Giulia Chiara Francesca Elena Silvia Valentina Martina Federica",
        "Ferri Galli Conti Marchetti Rinaldi Barbieri Fontana Moretti Caruso Lombardi Testa",
    ),
    "es": (
        "Javier Pablo Diego Sergio Álvaro",
        "Lucía Marta Elena Carmen Paula",
        "Navarro Ortega Delgado Castro Romero Vidal Herrera Molina",
    ),
    "pt": (
        "João Tiago Rui Miguel",
        "Inês Beatriz Mariana Sofia",
        "Silva Costa Ferreira Almeida Pereira Lopes",
    ),
    "nl": (
        "Joris Bram Pieter Maarten",
        "Sanne Eline Femke Lotte",
        "Jansen Visser Smit Bakker Mulder Peeters Janssens",
    ),
    "nordic": (
        "Erik Lars Mikael Anders Oskar Henrik",
        "Ingrid Astrid Karin Linnea Maja Sigrid",
        "Lindqvist Berg Nyström Halvorsen Madsen Virtanen Korhonen Dahl",
    ),
    "en": (
        "James Michael Daniel Andrew Ryan Kevin Scott Brian",
        "Sarah Emily Rachel Laura Megan Karen Jessica Anne",
        "Carter Mitchell Hayes Brooks Foster Walsh Murphy Sullivan Reed Bennett Coleman Fraser",
    ),
    "ru": (
        "Sergei Alexei Dmitri Mikhail Andrei Pavel Oleg Yuri",
        "Yelena Olga Tatiana Irina Natalia Anna",
        "Volkov Sokolov Morozov Lebedev Orlov Belyaev Zaitsev Sorokin Kalinin Gromov",
    ),
    "pl": (
        "Piotr Tomasz Marcin",
        "Katarzyna Magdalena Agnieszka",
        "Nowak Zieliński Wiśniewski Kowalczyk Lewandowski",
    ),
    "cz": ("Jakub Ondřej Martin", "Tereza Lucie Petra", "Novák Dvořák Svoboda Procházka"),
    "hu": ("Gábor Péter Zoltán", "Katalin Eszter Zsófia", "Kovács Szabó Tóth Horváth"),
    "ro": ("Mihai Radu Andrei", "Ioana Andreea Elena", "Popescu Ionescu Dumitru Stan"),
    "gr": ("Nikos Giorgos Kostas", "Eleni Maria Sofia", "Georgiou Antoniou Christou Dimitriou"),
    "ja": (
        "Takeshi Kenji Hiroshi Daisuke",
        "Yuki Akiko Naoko Haruka",
        "Tanaka Sato Nakamura Kobayashi Yamamoto Inoue",
    ),
}


def surname(name, group, woman):
    """A surname in the form a woman carries it where the language has one (Volkova, Nowakowa…)."""
    if not woman:
        return name
    if group == "ru" and name.endswith(("ov", "ev", "in")):
        return name + "a"
    if group == "pl" and name.endswith("ski"):
        return name[:-1] + "a"
    if group == "cz":
        return (name[:-1] if name.endswith("a") else name) + "ová"
    return name


# Birth places (English, French) by nationality.
BIRTHPLACES = {
    "FR": [("Lyon", "Lyon"), ("Toulouse", "Toulouse"), ("Bordeaux", "Bordeaux")],
    "BE": [("Brussels", "Bruxelles"), ("Liège", "Liège")],
    "LU": [("Luxembourg", "Luxembourg")],
    "DE": [("Munich", "Munich"), ("Cologne", "Cologne"), ("Hamburg", "Hambourg")],
    "AT": [("Vienna", "Vienne"), ("Graz", "Graz")],
    "CH": [("Bern", "Berne"), ("Zurich", "Zurich")],
    "IT": [("Turin", "Turin"), ("Milan", "Milan"), ("Naples", "Naples"), ("Bologna", "Bologne")],
    "ES": [("Madrid", "Madrid"), ("Seville", "Séville"), ("Valencia", "Valence")],
    "PT": [("Lisbon", "Lisbonne"), ("Porto", "Porto")],
    "NL": [("Utrecht", "Utrecht"), ("Rotterdam", "Rotterdam")],
    "SE": [("Gothenburg", "Göteborg"), ("Uppsala", "Uppsala")],
    "NO": [("Bergen", "Bergen"), ("Oslo", "Oslo")],
    "DK": [("Aarhus", "Aarhus"), ("Copenhagen", "Copenhague")],
    "FI": [("Tampere", "Tampere"), ("Helsinki", "Helsinki")],
    "GB": [("Manchester", "Manchester"), ("Bristol", "Bristol"), ("Edinburgh", "Édimbourg")],
    "IE": [("Cork", "Cork"), ("Dublin", "Dublin")],
    "US": [("Houston", "Houston"), ("Denver", "Denver"), ("Chicago", "Chicago")],
    "CA": [("Montreal", "Montréal"), ("Calgary", "Calgary")],
    "RU": [("Moscow", "Moscou"), ("Samara", "Samara"), ("Novosibirsk", "Novossibirsk")],
    "PL": [("Kraków", "Cracovie"), ("Gdańsk", "Gdańsk")],
    "CZ": [("Brno", "Brno"), ("Prague", "Prague")],
    "HU": [("Debrecen", "Debrecen"), ("Budapest", "Budapest")],
    "RO": [("Cluj-Napoca", "Cluj-Napoca"), ("Bucharest", "Bucarest")],
    "GR": [("Thessaloniki", "Thessalonique"), ("Athens", "Athènes")],
    "JP": [("Osaka", "Osaka"), ("Sapporo", "Sapporo")],
}

# Agencies by nationality, the first the most likely; everyone else flies for ESA.
AGENCIES = {
    "FR": ("ESA", "CNES"),
    "DE": ("ESA", "DLR"),
    "IT": ("ESA", "ASI"),
    "US": ("NASA",),
    "RU": ("Roscosmos",),
    "JP": ("JAXA",),
    "CA": ("CSA",),
}
# An agency's name in French, with its article.
AGENCY_FR = {
    "ESA": "l'ESA",
    "CNES": "le CNES",
    "DLR": "le DLR",
    "ASI": "l'ASI",
    "NASA": "la NASA",
    "Roscosmos": "Roscosmos",
    "JAXA": "la JAXA",
    "CSA": "l'ASC",
}

# (English, French for a man, French for a woman)
PROFESSIONS = Zipf(
    [
        ("engineer", "ingénieur", "ingénieure"),
        ("test pilot", "pilote d'essai", "pilote d'essai"),
        ("physician", "médecin", "médecin"),
        ("physicist", "physicien", "physicienne"),
        ("fighter pilot", "pilote de chasse", "pilote de chasse"),
        ("aerospace engineer", "ingénieur aérospatial", "ingénieure aérospatiale"),
        ("astrophysicist", "astrophysicien", "astrophysicienne"),
        ("geologist", "géologue", "géologue"),
        ("biologist", "biologiste", "biologiste"),
        ("airline pilot", "pilote de ligne", "pilote de ligne"),
        ("materials scientist", "spécialiste des matériaux", "spécialiste des matériaux"),
        ("oceanographer", "océanographe", "océanographe"),
    ],
    exponent=0.8,
)
HOBBIES = Zipf(
    [
        ("photography", "la photographie"),
        ("climbing", "l'escalade"),
        ("sailing", "la voile"),
        ("music", "la musique"),
        ("running", "la course à pied"),
        ("skiing", "le ski"),
        ("scuba diving", "la plongée"),
        ("astronomy", "l'astronomie"),
        ("chess", "les échecs"),
        ("cycling", "le vélo"),
        ("gliding", "le vol à voile"),
        ("cooking", "la cuisine"),
    ]
)

# --- missions and spacecraft ------------------------------------------------------------------

# key → (field in English, field in French, "from …" in English, "depuis …" in French)
LAUNCH_SITES = {
    "baikonur": (
        "Baikonur Cosmodrome, Kazakhstan",
        "Cosmodrome de Baïkonour, Kazakhstan",
        "the Baikonur Cosmodrome",
        "le cosmodrome de Baïkonour",
    ),
    "kennedy": (
        "Kennedy Space Center, Florida",
        "Centre spatial Kennedy, Floride",
        "the Kennedy Space Center",
        "le Centre spatial Kennedy",
    ),
    "kourou": (
        "Europe's Spaceport, Kourou, French Guiana",
        "Centre spatial guyanais, Kourou, Guyane",
        "Europe's Spaceport in Kourou",
        "le Centre spatial guyanais",
    ),
    "tanegashima": (
        "Tanegashima Space Center, Japan",
        "Centre spatial de Tanegashima, Japon",
        "the Tanegashima Space Center",
        "le Centre spatial de Tanegashima",
    ),
}
# The nationality a mission's commander most likely has, by launch site (Kourou: any ESA one).
COMMANDER_NATIONALITY = {"baikonur": "RU", "kennedy": "US", "tanegashima": "JP"}

# key → (field in English, field in French, "to …" in English, "vers …" in French)
DESTINATIONS = {
    "iss": (
        "International Space Station",
        "Station spatiale internationale",
        "to the International Space Station",
        "vers la Station spatiale internationale",
    ),
    "mir": (
        "Mir space station",
        "Station spatiale Mir",
        "to the Mir space station",
        "vers la station spatiale Mir",
    ),
    "leo": (
        "Low Earth orbit",
        "Orbite terrestre basse",
        "in low Earth orbit",
        "en orbite terrestre basse",
    ),
}

# Where photos are taken from, by destination (the Cupola only exists from 2010: "iss").
VANTAGES = {
    "iss": Zipf(
        [
            ("the Cupola", "la coupole"),
            ("the International Space Station", "la Station spatiale internationale"),
            ("the station", "la station"),
            ("a window of the Columbus module", "un hublot du module Columbus"),
            ("the Destiny laboratory", "le laboratoire Destiny"),
            ("the Zvezda module", "le module Zvezda"),
            ("the Kibo module", "le module Kibo"),
        ]
    ),
    "iss_early": Zipf(
        [
            ("the International Space Station", "la Station spatiale internationale"),
            ("the station", "la station"),
            ("the Destiny laboratory", "le laboratoire Destiny"),
            ("the Zvezda module", "le module Zvezda"),
        ]
    ),
    "mir": Zipf(
        [
            ("the Mir station", "la station Mir"),
            ("the Kvant module", "le module Kvant"),
            ("the base block of Mir", "le module de base de Mir"),
            ("the capsule", "la capsule"),
        ]
    ),
    "leo": Zipf(
        [
            ("the flight deck", "le poste de pilotage"),
            ("the orbiter's windows", "les hublots de l'orbiteur"),
            ("the capsule", "la capsule"),
        ]
    ),
}
# Where an experiment outside the spacecraft is mounted, by destination.
MOUNTINGS = {
    "iss": [
        ("outside the Columbus module", "à l'extérieur du module Columbus"),
        ("on the station's truss", "sur la poutre de la station"),
        ("on the Kibo exposed facility", "sur la plateforme extérieure de Kibo"),
    ],
    "mir": [
        ("outside the Kvant module", "à l'extérieur du module Kvant"),
        ("on the Kristall module", "sur le module Kristall"),
    ],
    "leo": [
        ("in the payload bay", "dans la soute"),
        ("on a pallet in the cargo bay", "sur une palette dans la soute"),
    ],
}
MOUNTINGS["iss_early"] = MOUNTINGS["iss"][1:]

# Spacecraft kinds in the order they are made: the first four give one of each kind.
# fmt: off
KIND_ORDER = (
    "launcher", "crew_vehicle", "cargo_vehicle", "station", "launcher", "crew_vehicle",
    "cargo_vehicle", "launcher", "crew_vehicle", "station", "launcher", "cargo_vehicle",
    "crew_vehicle", "launcher", "station", "cargo_vehicle", "crew_vehicle", "launcher",
    "cargo_vehicle", "station",
)
# fmt: on
KIND_NAME = {  # how a name is made from a syllable name, by kind
    "launcher": "{name} {number}",
    "crew_vehicle": "{name}",
    "cargo_vehicle": "{name} Cargo",
    "station": "{name} Station",
}
# How a spacecraft is referred to in a sentence: (English, French), by kind.
KIND_PHRASE = {
    "launcher": ("the {name} launcher", "le lanceur {name}"),
    "crew_vehicle": ("the {name} spacecraft", "le vaisseau {name}"),
    "cargo_vehicle": ("the {name} cargo vehicle", "le cargo {name}"),
    "station": ("the {name}", "la station {name}"),
}
LAUNCHER_OPERATORS = {
    "baikonur": "Roscosmos",
    "kennedy": "NASA",
    "kourou": "Arianespace",
    "tanegashima": "JAXA",
}
OPERATORS = {
    "crew_vehicle": Zipf(["Roscosmos", "NASA", "ESA", "JAXA"]),
    "cargo_vehicle": Zipf(["ESA", "Roscosmos", "NASA", "JAXA"]),
    "station": Zipf(["ESA, NASA, Roscosmos, JAXA and CSA", "Roscosmos", "NASA"]),
}
DESCRIPTIONS = {
    "launcher": (
        "{name} is a {stages}-stage launcher, {height} metres tall, operated by {operator}. "
        "It first flew in {year} and had made {count} launches by the end of 2024.",
        "{name} est un lanceur à {stages} étages de {height_fr} mètres, exploité par "
        "{operator}. Son premier vol date de {year} ; il avait effectué {count} lancements "
        "fin 2024.",
    ),
    "crew_vehicle": (
        "{name} is a crew vehicle that carries up to {seats} astronauts to orbit and brings "
        "them back to Earth. Operated by {operator}, it first flew in {year}.",
        "{name} est un vaisseau habité qui emmène jusqu'à {seats} astronautes en orbite et les "
        "ramène sur Terre. Exploité par {operator}, il a volé pour la première fois en {year}.",
    ),
    "cargo_vehicle": (
        "{name} is an uncrewed cargo vehicle that delivers food, water, fuel and experiments "
        "to the station, then burns up in the atmosphere with the waste. It first flew in {year}.",
        "{name} est un cargo automatique qui livre vivres, eau, carburant et expériences à la "
        "station, puis se consume dans l'atmosphère avec les déchets. Premier vol en {year}.",
    ),
    "station": (
        "{name} is a space station in low Earth orbit, {height} metres across, where crews "
        "live and work for months at a time. Its first module was launched in {year}.",
        "{name} est une station spatiale en orbite terrestre basse, de {height_fr} mètres "
        "d'envergure, où des équipages vivent et travaillent pendant des mois. Son premier "
        "module a été lancé en {year}.",
    ),
}

TOPICS = Zipf(
    [
        ("plant growth", "la croissance des plantes"),
        ("muscle loss", "la perte musculaire"),
        ("bone density", "la densité osseuse"),
        ("fluid physics", "la physique des fluides"),
        ("cosmic radiation", "le rayonnement cosmique"),
        ("the atmosphere", "l'atmosphère"),
        ("combustion", "la combustion"),
        ("protein crystals", "les cristaux de protéines"),
        ("sleep", "le sommeil"),
        ("the immune system", "le système immunitaire"),
        ("metal alloys", "les alliages métalliques"),
        ("the Sun", "le Soleil"),
        ("vision", "la vision"),
        ("bacteria", "les bactéries"),
        ("space weather", "la météo spatiale"),
        ("the ageing of the heart", "le vieillissement du cœur"),
        ("cold atoms", "les atomes froids"),
        ("lightning", "la foudre"),
        ("materials exposed to space", "les matériaux exposés au vide spatial"),
        ("the Earth's magnetic field", "le champ magnétique terrestre"),
        ("foams and emulsions", "les mousses et les émulsions"),
        ("the inner ear", "l'oreille interne"),
        ("dust clouds", "les nuages de poussière"),
        ("soft matter", "la matière molle"),
    ]
)
EXTRA_ACTIVITIES = Zipf(
    [
        (
            "photographed the Earth for schools across Europe",
            "a photographié la Terre pour des écoles de toute l'Europe",
        ),
        ("made {spacewalks} spacewalks", "a réalisé {spacewalks} sorties dans l'espace"),
        ("spoke with pupils by amateur radio", "a parlé avec des élèves par radio amateur"),
        ("tested new life-support equipment", "a testé de nouveaux équipements de survie"),
        (
            "repaired the station's water recycling system",
            "a réparé le système de recyclage de l'eau de la station",
        ),
        ("grew lettuce in a small greenhouse", "a fait pousser de la laitue dans une petite serre"),
    ]
)

SUMMARY = (
    "{name} {was} a {length} mission {destination}, launched on {date} from {site} aboard "
    "{launcher}{vehicle}. Its crew of {crew}, led by {commander}, {stay} and {did} experiments "
    "on {topic} and {topic2}.",
    "{name} {etait} une mission de {length_fr} durée {destination_fr}, lancée le {date_fr} "
    "depuis {site_fr} à bord {de_launcher}{vehicle_fr}. Son équipage de {crew} astronautes, "
    "sous le commandement {de_commander}, {stay_fr} et {did_fr} des expériences sur {topic_fr} "
    "et {topic2_fr}.",
)

# --- image vocabulary -------------------------------------------------------------------------

PLACES = Zipf(
    [
        ("Italy", "l'Italie"),
        ("the Alps", "les Alpes"),
        ("the Sahara", "le Sahara"),
        ("France", "la France"),
        ("the Mediterranean", "la Méditerranée"),
        ("the Nile", "le Nil"),
        ("the Himalayas", "l'Himalaya"),
        ("Spain", "l'Espagne"),
        ("the Atlantic", "l'Atlantique"),
        ("Greece", "la Grèce"),
        ("the Pacific", "le Pacifique"),
        ("Egypt", "l'Égypte"),
        ("the Bahamas", "les Bahamas"),
        ("Australia", "l'Australie"),
        ("the Andes", "les Andes"),
        ("Iceland", "l'Islande"),
        ("Sicily", "la Sicile"),
        ("the Red Sea", "la mer Rouge"),
        ("Patagonia", "la Patagonie"),
        ("the Amazon", "l'Amazonie"),
        ("Japan", "le Japon"),
        ("Namibia", "la Namibie"),
        ("the Caribbean", "les Caraïbes"),
        ("Madagascar", "Madagascar"),
        ("Greenland", "le Groenland"),
        ("New Zealand", "la Nouvelle-Zélande"),
        ("the Arabian Peninsula", "la péninsule Arabique"),
        ("Morocco", "le Maroc"),
        ("the Persian Gulf", "le golfe Persique"),
        ("Norway", "la Norvège"),
        ("the Caspian Sea", "la mer Caspienne"),
        ("Kazakhstan", "le Kazakhstan"),
        ("Mount Etna", "l'Etna"),
        ("Corsica", "la Corse"),
        ("Sardinia", "la Sardaigne"),
        ("the Pyrenees", "les Pyrénées"),
        ("the Black Sea", "la mer Noire"),
        ("Turkey", "la Turquie"),
        ("the Rocky Mountains", "les montagnes Rocheuses"),
        ("Florida", "la Floride"),
        ("Mexico", "le Mexique"),
        ("Chile", "le Chili"),
        ("Peru", "le Pérou"),
        ("Bolivia", "la Bolivie"),
        ("Argentina", "l'Argentine"),
        ("Brazil", "le Brésil"),
        ("Canada", "le Canada"),
        ("Alaska", "l'Alaska"),
        ("Siberia", "la Sibérie"),
        ("Mongolia", "la Mongolie"),
        ("the Gobi Desert", "le désert de Gobi"),
        ("Tibet", "le Tibet"),
        ("India", "l'Inde"),
        ("Sri Lanka", "le Sri Lanka"),
        ("Indonesia", "l'Indonésie"),
        ("the Philippines", "les Philippines"),
        ("China", "la Chine"),
        ("Korea", "la Corée"),
        ("Hawaii", "Hawaï"),
        ("Tahiti", "Tahiti"),
        ("Cyprus", "Chypre"),
        ("Crete", "la Crète"),
        ("the Nile delta", "le delta du Nil"),
        ("the Ganges delta", "le delta du Gange"),
        ("the Mississippi", "le Mississippi"),
        ("the Danube", "le Danube"),
        ("the Rhine", "le Rhin"),
        ("the Rhône", "le Rhône"),
        ("the Loire", "la Loire"),
        ("the Po valley", "la plaine du Pô"),
        ("Lake Geneva", "le lac Léman"),
        ("Lake Victoria", "le lac Victoria"),
        ("Lake Baikal", "le lac Baïkal"),
        ("the Dead Sea", "la mer Morte"),
        ("the Aral Sea", "la mer d'Aral"),
        ("the Great Barrier Reef", "la Grande Barrière de corail"),
        ("the Strait of Gibraltar", "le détroit de Gibraltar"),
        ("the English Channel", "la Manche"),
        ("the North Sea", "la mer du Nord"),
        ("the Baltic Sea", "la mer Baltique"),
        ("Scandinavia", "la Scandinavie"),
        ("Finland", "la Finlande"),
        ("Scotland", "l'Écosse"),
        ("Ireland", "l'Irlande"),
        ("Portugal", "le Portugal"),
        ("the Canary Islands", "les îles Canaries"),
        ("the Azores", "les Açores"),
        ("Mount Fuji", "le mont Fuji"),
        ("Kilimanjaro", "le Kilimandjaro"),
        ("Mount Everest", "l'Everest"),
        ("the Andaman Sea", "la mer d'Andaman"),
        ("the Sinai", "le Sinaï"),
        ("Libya", "la Libye"),
        ("Algeria", "l'Algérie"),
        ("Tunisia", "la Tunisie"),
        ("Mauritania", "la Mauritanie"),
        ("the Richat Structure", "la structure de Richat"),
        ("the Okavango delta", "le delta de l'Okavango"),
        ("Lake Chad", "le lac Tchad"),
        ("the Congo", "le Congo"),
        ("South Africa", "l'Afrique du Sud"),
        ("Antarctica", "l'Antarctique"),
        ("the Weddell Sea", "la mer de Weddell"),
        ("the Falkland Islands", "les îles Malouines"),
        ("Bermuda", "les Bermudes"),
        ("Cuba", "Cuba"),
        ("the Yucatán", "le Yucatán"),
        ("Baja California", "la Basse-Californie"),
        ("the Grand Canyon", "le Grand Canyon"),
        ("Death Valley", "la vallée de la Mort"),
        ("the Great Lakes", "les Grands Lacs"),
        ("Hudson Bay", "la baie d'Hudson"),
        ("Svalbard", "le Svalbard"),
        ("Kamchatka", "le Kamtchatka"),
        ("the Kuril Islands", "les îles Kouriles"),
        ("Taiwan", "Taïwan"),
        ("Vietnam", "le Viêt Nam"),
        ("Borneo", "Bornéo"),
        ("the Maldives", "les Maldives"),
        ("Socotra", "Socotra"),
        ("Oman", "Oman"),
        ("Iran", "l'Iran"),
        ("the Zagros Mountains", "les monts Zagros"),
        ("the Caucasus", "le Caucase"),
        ("the Carpathians", "les Carpates"),
        ("the Dolomites", "les Dolomites"),
        ("Mont Blanc", "le mont Blanc"),
        ("Vesuvius", "le Vésuve"),
        ("the Bay of Naples", "la baie de Naples"),
        ("Venice", "Venise"),
        ("the Adriatic", "l'Adriatique"),
        ("the Balearic Islands", "les îles Baléares"),
    ]
)
AURORA_PLACES = Zipf(
    [
        ("Canada", "le Canada"),
        ("the Southern Ocean", "l'océan Austral"),
        ("Scandinavia", "la Scandinavie"),
        ("Antarctica", "l'Antarctique"),
        ("Siberia", "la Sibérie"),
        ("Alaska", "l'Alaska"),
        ("Iceland", "l'Islande"),
        ("Greenland", "le Groenland"),
        ("Tasmania", "la Tasmanie"),
        ("Hudson Bay", "la baie d'Hudson"),
    ]
)
CITIES = Zipf(
    [
        ("Paris", "Paris"),
        ("London", "Londres"),
        ("Rome", "Rome"),
        ("Madrid", "Madrid"),
        ("Cairo", "le Caire"),
        ("Milan", "Milan"),
        ("Berlin", "Berlin"),
        ("Moscow", "Moscou"),
        ("Tokyo", "Tokyo"),
        ("Istanbul", "Istanbul"),
        ("Barcelona", "Barcelone"),
        ("Athens", "Athènes"),
        ("Lisbon", "Lisbonne"),
        ("Brussels", "Bruxelles"),
        ("Amsterdam", "Amsterdam"),
        ("Vienna", "Vienne"),
        ("Munich", "Munich"),
        ("Naples", "Naples"),
        ("Marseille", "Marseille"),
        ("Lyon", "Lyon"),
        ("Dubai", "Dubaï"),
        ("New York", "New York"),
        ("Los Angeles", "Los Angeles"),
        ("Houston", "Houston"),
        ("Mexico City", "Mexico"),
        ("São Paulo", "São Paulo"),
        ("Buenos Aires", "Buenos Aires"),
        ("Delhi", "Delhi"),
        ("Mumbai", "Bombay"),
        ("Shanghai", "Shanghai"),
        ("Hong Kong", "Hong Kong"),
        ("Singapore", "Singapour"),
        ("Seoul", "Séoul"),
        ("Sydney", "Sydney"),
        ("Johannesburg", "Johannesburg"),
        ("Lagos", "Lagos"),
        ("Tehran", "Téhéran"),
        ("Riyadh", "Riyad"),
        ("Warsaw", "Varsovie"),
        ("Stockholm", "Stockholm"),
        ("Copenhagen", "Copenhague"),
        ("Dublin", "Dublin"),
        ("Geneva", "Genève"),
        ("Zurich", "Zurich"),
        ("Prague", "Prague"),
        ("Budapest", "Budapest"),
        ("Bucharest", "Bucarest"),
        ("Helsinki", "Helsinki"),
        ("Oslo", "Oslo"),
    ]
)
# What an Earth-observation photo shows: (English, French with its article).
FEATURES = Zipf(
    [
        ("clouds", "les nuages"),
        ("coastline", "le littoral"),
        ("mountains", "les montagnes"),
        ("glaciers", "les glaciers"),
        ("rivers", "les fleuves"),
        ("lakes", "les lacs"),
        ("islands", "les îles"),
        ("snow", "la neige"),
        ("sand dunes", "les dunes de sable"),
        ("farmland", "les terres agricoles"),
        ("thunderstorms", "les orages"),
        ("volcanoes", "les volcans"),
        ("reefs", "les récifs"),
        ("lagoons", "les lagunes"),
        ("valleys", "les vallées"),
        ("canyons", "les canyons"),
        ("fjords", "les fjords"),
        ("salt flats", "les salars"),
        ("craters", "les cratères"),
        ("forests", "les forêts"),
        ("wetlands", "les zones humides"),
        ("sea ice", "la banquise"),
        ("icebergs", "les icebergs"),
        ("plankton blooms", "les efflorescences de plancton"),
        ("wildfires", "les feux de forêt"),
        ("smoke plumes", "les panaches de fumée"),
        ("dust storms", "les tempêtes de sable"),
        ("ship tracks", "les traînées de navires"),
        ("sunglint", "les reflets du soleil"),
        ("cloud streets", "les rues de nuages"),
        ("cyclones", "les cyclones"),
        ("river deltas", "les deltas"),
        ("terraced fields", "les cultures en terrasses"),
        ("irrigation circles", "les cercles d'irrigation"),
        ("mountain ridges", "les crêtes montagneuses"),
        ("cloud vortices", "les tourbillons nuageux"),
        ("sediment plumes", "les panaches de sédiments"),
        ("atolls", "les atolls"),
    ]
)
TIMES = Zipf(
    [
        ("at midday", "en milieu de journée"),
        ("on a clear day", "par temps clair"),
        ("early in the morning", "tôt le matin"),
        ("in the late afternoon", "en fin d'après-midi"),
        ("shortly before sunset", "peu avant le coucher du soleil"),
        ("under a low Sun", "sous un Soleil rasant"),
    ]
)
COLOURS = Zipf(
    [
        ("blue", "bleus"),
        ("brown", "bruns"),
        ("green", "verts"),
        ("white", "blancs"),
        ("golden", "dorés"),
        ("ochre", "ocre"),
        ("grey", "gris"),
        ("turquoise", "turquoise"),
        ("orange", "orangés"),
        ("red", "rouges"),
        ("violet", "violets"),
    ]
)
TASKS = Zipf(
    [
        ("install a new camera", "installer une nouvelle caméra"),
        ("replace a battery", "remplacer une batterie"),
        ("inspect the solar arrays", "inspecter les panneaux solaires"),
        ("repair a cooling pump", "réparer une pompe de refroidissement"),
        ("fit a new antenna", "poser une nouvelle antenne"),
        ("collect samples of dust", "prélever des échantillons de poussière"),
        ("move an experiment platform", "déplacer une plateforme d'expériences"),
        ("route power cables", "tirer des câbles électriques"),
        ("check a radiator for leaks", "rechercher une fuite sur un radiateur"),
    ]
)
# fmt: off
EXPERIMENTS = Zipf((
    "Lumen", "Vitrea", "Osteon", "Kalyx", "Floris", "Plasmex", "Cryon", "Myotone", "Aquila",
    "Helion", "Sedna", "Orbis", "Lichen", "Tessera", "Nimbus", "Spora", "Ferrum", "Corona",
    "Altis", "Vireo", "Ombra", "Quanta",
))
# fmt: on
TRAINING = Zipf(
    [
        (
            "at the European Astronaut Centre in Cologne",
            "au Centre des astronautes européens, à Cologne",
        ),
        ("in Star City near Moscow", "à la Cité des étoiles, près de Moscou"),
        ("in the neutral buoyancy pool", "dans la piscine de flottabilité neutre"),
        ("at the Johnson Space Center in Houston", "au Centre spatial Johnson, à Houston"),
        ("in the spacecraft simulator", "dans le simulateur du vaisseau"),
        ("during a parabolic flight", "lors d'un vol parabolique"),
        ("in a centrifuge", "dans une centrifugeuse"),
        ("during winter survival training", "pendant un stage de survie hivernal"),
        ("in the caves of Sardinia", "dans les grottes de Sardaigne"),
        ("at the Tsukuba Space Center", "au Centre spatial de Tsukuba"),
    ]
)
POSITIONS = Zipf(
    [
        ("in the foreground", "au premier plan"),
        ("on the left", "à gauche"),
        ("on the right", "à droite"),
        ("in the background", "à l'arrière-plan"),
        ("at the top of the frame", "en haut de l'image"),
    ]
)
LENSES = Zipf([400, 200, 50, 800, 24, 1150, 14, 85, 70])

# Credits: in orbit, on the ground (with a photographer's name) and for portraits, by agency.
ORBIT_CREDITS = Zipf(["ESA/NASA", "ESA", "NASA", "ESA/Roscosmos", "CNES", "JAXA", "DLR"])
GROUND_CREDITS = Zipf(
    [
        "ESA–M. Rossi",
        "ESA–P. Leclerc",
        "NASA–J. Miller",
        "GCTC–A. Petrov",
        "ESA–H. Braun",
        "CNES–L. Martin",
        "JAXA–K. Ito",
    ]
)

# --- sentence patterns by theme ---------------------------------------------------------------
# Each theme is one of the real files the synthetic images share, so that what the caption
# tells matches what the picture shows. Patterns are (English, French), their slots filled by
# ``ImageText`` in the command, which gives every text a capital first letter.

THEMES = {
    "earth": {
        "titles": [
            ("{place} from {vantage}", "{place_fr} depuis {vantage_fr}"),
            ("{feature} over {place}", "{feature_bare} au-dessus {de_place}"),
            ("Earth observation: {place}", "Observation de la Terre : {place_fr}"),
            ("{place} seen from orbit", "{place_fr} depuis l'orbite"),
        ],
        "captions": [
            (
                "A photo of the {feature} and {feature2} of {place}, taken from {vantage} {time}.",
                "Photo {de_feature} et {de_feature2} {de_place} prise depuis {vantage_fr}, "
                "{time_fr}.",
            ),
            (
                "From {vantage}, the crew looked down on {place}: {feature} and {feature2} "
                "stand out in {colour} tones.",
                "Depuis {vantage_fr}, l'équipage a observé {place_fr} : {feature_fr} et "
                "{feature2_fr} ressortent dans des tons {colour_fr}.",
            ),
            (
                "{place} seen from about 400 km above the Earth, with {feature} in the foreground.",
                "{place_fr} à environ 400 km au-dessus de la Terre, avec {feature_fr} au "
                "premier plan.",
            ),
            (
                "This Earth observation photo shows {place} and the {feature} around it.",
                "Cette photo d'observation de la Terre montre {place_fr} et {feature_fr} alentour.",
            ),
        ],
        "alts": [
            (
                "Orbital view of {place}: {feature} and {feature2}.",
                "Vue orbitale {de_place} : {feature_fr} et {feature2_fr}.",
            ),
        ],
    },
    "night": {
        "titles": [
            ("{city} at night", "{city_fr} de nuit"),
            ("The lights of {city}", "Les lumières {de_city}"),
            ("Night pass over {city}", "Passage nocturne au-dessus {de_city}"),
        ],
        "captions": [
            (
                "The lights of {city} shine through a thin layer of clouds as the station "
                "passes over at night.",
                "Les lumières {de_city} brillent à travers une fine couche de nuages lors d'un "
                "passage nocturne de la station.",
            ),
            (
                "{city} at night, photographed from {vantage}: streets and motorways draw an "
                "orange web across the dark Earth.",
                "{city_fr} de nuit, depuis {vantage_fr} : rues et autoroutes dessinent une "
                "toile orange sur la Terre plongée dans l'obscurité.",
            ),
            (
                "Night-time view of {city} from orbit; the brightest areas are the city centre "
                "and the port.",
                "Vue nocturne {de_city} depuis l'orbite ; les zones les plus lumineuses sont le "
                "centre-ville et le port.",
            ),
        ],
        "alts": [
            (
                "The orange lights of {city} scattered over the dark ground at night.",
                "Les lumières orange {de_city} éparpillées sur le sol sombre, de nuit.",
            ),
        ],
    },
    "sunrise": {
        "titles": [
            ("Sunrise over {place}", "Lever de soleil sur {place_fr}"),
            ("Sunrise from {vantage}", "Lever de soleil depuis {vantage_fr}"),
            ("Orbital sunrise", "Lever de soleil orbital"),
        ],
        "captions": [
            (
                "Sunrise over the Earth's horizon, seen from {vantage} above {place}.",
                "Lever de soleil sur l'horizon de la Terre, vu depuis {vantage_fr} au-dessus "
                "{de_place}.",
            ),
            (
                "The crew sees sixteen sunrises and sixteen sunsets a day; this sunrise was "
                "over {place}.",
                "L'équipage voit seize levers et seize couchers de soleil par jour ; ce lever de "
                "soleil a eu lieu au-dessus {de_place}.",
            ),
            (
                "A thin blue line of atmosphere glows as the Sun comes up behind the Earth: an "
                "orbital sunrise, photographed from {vantage}.",
                "Une fine ligne bleue d'atmosphère s'illumine quand le Soleil apparaît derrière "
                "la Terre : un lever de soleil orbital, photographié depuis {vantage_fr}.",
            ),
        ],
        "alts": [
            (
                "The Sun rising over the curved horizon of the Earth, framed by a window.",
                "Le Soleil se levant sur l'horizon courbe de la Terre, encadré par un hublot.",
            ),
        ],
    },
    "station": {
        "titles": [
            ("Spacewalk above {place}", "Sortie dans l'espace au-dessus {de_place}"),
            ("The station's solar arrays", "Les panneaux solaires de la station"),
            (
                "Spacewalk of the {mission} crew",
                "Sortie extravéhiculaire de l'équipage {de_mission}",
            ),
        ],
        "captions": [
            (
                "During a spacewalk of {hours} hours, the crew worked to {task} while the "
                "station flew over {place}.",
                "Pendant une sortie dans l'espace de {hours} heures, l'équipage a travaillé pour "
                "{task_fr} tandis que la station survolait {place_fr}.",
            ),
            (
                "The station's solar arrays and radiators catch the sunlight above {place}.",
                "Les panneaux solaires et les radiateurs de la station captent la lumière du "
                "Soleil au-dessus {de_place}.",
            ),
            (
                "The robotic arm moves into position to {task}, with the Earth below.",
                "Le bras robotique se met en position pour {task_fr}, avec la Terre en dessous.",
            ),
        ],
        "alts": [
            (
                "The space station, its solar arrays spread out, above the blue Earth.",
                "La station spatiale, panneaux solaires déployés, au-dessus de la Terre bleue.",
            ),
        ],
    },
    "science": {
        "titles": [
            ("The {experiment} experiment", "L'expérience {experiment}"),
            ("Research on {topic}", "Recherche sur {topic_fr}"),
            ("Science outside the station", "La science à l'extérieur de la station"),
        ],
        "captions": [
            (
                "The {experiment} experiment, mounted {mounting}, studies {topic}.",
                "L'expérience {experiment}, installée {mounting_fr}, étudie {topic_fr}.",
            ),
            (
                "Scientists on the ground follow the {experiment} experiment on {topic}, set up "
                "{mounting} on day {day} of the mission.",
                "Au sol, des scientifiques suivent l'expérience {experiment} sur {topic_fr}, "
                "installée {mounting_fr} au jour {day} de la mission.",
            ),
        ],
        "alts": [
            (
                "Experiment platforms on the outside of the space station, above the Earth.",
                "Des plateformes d'expériences à l'extérieur de la station, au-dessus de la Terre.",
            ),
        ],
    },
    "aurora": {
        "titles": [
            ("Aurora over {aurora_place}", "Aurore au-dessus {de_aurora_place}"),
            ("Northern lights", "Aurore boréale"),
            ("The Milky Way above the Earth", "La Voie lactée au-dessus de la Terre"),
            ("Southern lights", "Aurore australe"),
        ],
        "captions": [
            (
                "Green curtains of an aurora ripple above {aurora_place} as the station crosses "
                "the night side of the Earth.",
                "Des voiles verts d'aurore ondulent au-dessus {de_aurora_place} pendant que la "
                "station traverse la face nocturne de la Terre.",
            ),
            (
                "An aurora seen from {vantage}: charged particles from the Sun make the upper "
                "atmosphere glow.",
                "Une aurore vue depuis {vantage_fr} : des particules chargées venues du Soleil "
                "font briller la haute atmosphère.",
            ),
            (
                "Stars, the Milky Way and the glow of the atmosphere above the dark Earth, in a "
                "long exposure taken from {vantage}.",
                "Les étoiles, la Voie lactée et la lueur de l'atmosphère au-dessus de la Terre "
                "plongée dans la nuit, en pose longue depuis {vantage_fr}.",
            ),
        ],
        "alts": [
            (
                "A green aurora glowing above the dark curve of the Earth.",
                "Une aurore verte qui brille au-dessus de la courbe sombre de la Terre.",
            ),
        ],
    },
    "launch": {
        "titles": [
            ("Launch of {mission}", "Lancement {de_mission}"),
            ("{launcher} on the launch pad", "{launcher_fr} sur le pas de tir"),
            ("Liftoff from {site}", "Décollage depuis {site_fr}"),
        ],
        "captions": [
            (
                "{launcher} lifts off from {site} with the {mission} crew on board.",
                "{launcher_fr} décolle {de_site} avec l'équipage {de_mission} à son bord.",
            ),
            (
                "{launcher} stands on the launch pad at {site} the night before the launch of "
                "{mission}.",
                "{launcher_fr} se dresse sur le pas de tir {de_site} la veille du lancement "
                "{de_mission}.",
            ),
        ],
        "alts": [
            (
                "A rocket on its launch pad beside the service tower at dusk.",
                "Une fusée sur son pas de tir, à côté de la tour de service, au crépuscule.",
            ),
        ],
    },
    "training": {
        "titles": [
            ("{mission} crew training", "Entraînement de l'équipage {de_mission}"),
            ("Preparing for {mission}", "Préparation de la mission {mission}"),
        ],
        "captions": [
            (
                "The {mission} crew trains {training}, {months} before launch.",
                "L'équipage {de_mission} s'entraîne {training_fr}, {months_fr} avant le lancement.",
            ),
            (
                "Before flying on {mission}, the crew practises every step of the flight "
                "{training}.",
                "Avant de partir pour {mission}, l'équipage répète chaque étape du vol "
                "{training_fr}.",
            ),
        ],
        "alts": [
            (
                "A rocket on its launch pad beside the service tower at dusk.",
                "Une fusée sur son pas de tir, à côté de la tour de service, au crépuscule.",
            ),
        ],
    },
    "portrait": {
        "titles": [("Official portrait of {person}", "Portrait officiel {de_person}")],
        "captions": [
            (
                "{person}, {agency} astronaut, in an official portrait taken in {year}.",
                "{person}, astronaute {de_agency}, sur un portrait officiel réalisé en {year}.",
            ),
        ],
        "alts": [
            (
                "Official portrait of {person} in a white flight suit, the Earth behind.",
                "Portrait officiel {de_person} en combinaison blanche, la Terre en arrière-plan.",
            ),
        ],
    },
}

# Sentences a caption may add after its first one.
CONTEXT_SENTENCE = (
    "Photo taken during the {mission} mission, {days} after launch.",
    "Photo prise pendant la mission {mission}, {days_fr} après le lancement.",
)
LAUNCH_DAY_SENTENCE = (
    "Photo taken on the launch day of the {mission} mission.",
    "Photo prise le jour du lancement de la mission {mission}.",
)
PHOTOGRAPHER_SENTENCES = [
    (
        "{agency} astronaut {photographer} took this picture.",
        "{photographer}, astronaute {de_agency}, a pris cette photo.",
    ),
    (
        "Picture taken by {photographer} at a focal length of {lens} mm.",
        "Photo prise par {photographer} avec une focale de {lens} mm.",
    ),
]
SPACECRAFT_SENTENCE = ("{craft} is visible {position}.", "{craft_fr} est visible {position_fr}.")
ATMOSPHERE_SENTENCE = (
    "The Earth's atmosphere appears as a thin blue line on the horizon.",
    "L'atmosphère terrestre apparaît comme une fine ligne bleue à l'horizon.",
)
