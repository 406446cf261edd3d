"""The demo videos from the seed pages: the Andromède programme (A-roll and B-roll) and the
Cargo Dragon CRS-23 undocking timelapse, with their texts, facts and subtitles in both languages.

The films themselves are drawn and encoded by ``films.py``; ``load_demo`` puts them through the
editor's upload path, and the worker makes their renditions.
"""

from datetime import date
from decimal import Decimal

from ..models import Licence, Video

ANDROMEDE_DESCRIPTION_EN = (
    "Mission summary of the Andromède mission, which saw ESA's first female astronaut visit "
    "the ISS. This programme covers the whole mission from launch to landing and describes the "
    "experiments she carried out on board. In October 2001, French ESA astronaut Claudie "
    "Haigneré spent eight days on the International Space Station, launched from Baikonur at "
    "the top of the three-stage Soyuz launcher, about 45 metres high."
)
ANDROMEDE_DESCRIPTION_FR = (
    "Résumé de la mission Andromède, qui a vu la première astronaute européenne de l'ESA "
    "séjourner à bord de l'ISS. Ce programme couvre toute la mission, du lancement à "
    "l'atterrissage, et décrit les expériences qu'elle a menées à bord. En octobre 2001, "
    "l'astronaute française de l'ESA Claudie Haigneré a passé huit jours dans la Station "
    "spatiale internationale, lancée de Baïkonour au sommet du lanceur Soyouz à trois étages, "
    "haut d'environ 45 mètres."
)

ANDROMEDE_SUBTITLES_EN = """WEBVTT

00:00:00.000 --> 00:00:01.800
Andromède: Claudie Haigneré, Soyuz TM-33, October 2001.

00:00:01.800 --> 00:00:03.400
At the top of the three-stage Soyuz launcher, about 45 metres high,
the fairing houses the spacecraft.

00:00:03.400 --> 00:00:05.000
Eight days later, the crew docks with the International Space Station.
"""
ANDROMEDE_SUBTITLES_FR = """WEBVTT

00:00:00.000 --> 00:00:01.800
Andromède : Claudie Haigneré, Soyouz TM-33, octobre 2001.

00:00:01.800 --> 00:00:03.400
Au sommet du lanceur Soyouz à trois étages, haut d'environ 45 mètres,
la coiffe abrite le vaisseau.

00:00:03.400 --> 00:00:05.000
L'équipage s'amarre à la Station spatiale internationale.
"""

TIMELAPSE_DESCRIPTION_EN = (
    "Undocking of the SpaceX Cargo Dragon CRS-23 from the International Space Station on "
    "30 September 2021, filmed during ESA astronaut Thomas Pesquet's second mission, Alpha. The "
    "camera took two pictures a second, edited into a video that plays at 25 pictures a "
    "second: around 12 times faster than real speed until the Cargo Dragon undocks, then six "
    "times faster."
)
TIMELAPSE_DESCRIPTION_FR = (
    "Désamarrage du Cargo Dragon CRS-23 de SpaceX de la Station spatiale internationale, le "
    "30 septembre 2021, filmé pendant la deuxième mission de l'astronaute de l'ESA Thomas "
    "Pesquet, Alpha. L'appareil prenait deux photos par seconde, montées en une vidéo de 25 "
    "images par seconde : environ 12 fois plus vite que le temps réel jusqu'au désamarrage du "
    "Cargo Dragon, puis six fois plus vite."
)
TIMELAPSE_SUBTITLES_EN = """WEBVTT

00:00:00.000 --> 00:00:02.500
Cargo Dragon CRS-23 backs away from the Space Station (12 times real speed).

00:00:02.500 --> 00:00:05.000
Undocked: the capsule drifts away over the Earth (six times real speed).
"""
TIMELAPSE_SUBTITLES_FR = """WEBVTT

00:00:00.000 --> 00:00:02.500
Le Cargo Dragon CRS-23 s'éloigne de la Station spatiale (12 fois le temps réel).

00:00:02.500 --> 00:00:05.000
Désamarré, le vaisseau s'éloigne au-dessus de la Terre (six fois le temps réel).
"""

# The films are drawn and encoded by ``films.py``: they are credited as what they are, like the
# demo pictures (``content.DEMO_CREDIT``), not to the agency or an astronaut.
DRAWN_FILM = {
    "licence": Licence.CC_BY_SA_3_IGO,
    "credit_en": "ESA Archive demo (animation)",
    "credit_fr": "Démo ESA Archive (animation)",
}
# What an older version of the demo credited them with: ``load_demo`` replaces these.
FORMER_CREDITS = {"ESA", "ESA/NASA–T. Pesquet"}

ANDROMEDE = {
    "is_published": True,
    "mission": "andromede",
    "astronauts": ["claudie-haignere"],
    "spacecraft": ["soyuz-launcher", "soyuz-spacecraft", "iss"],
    "released_on": date(2001, 11, 5),
    **DRAWN_FILM,
    "description_en": ANDROMEDE_DESCRIPTION_EN,
    "description_fr": ANDROMEDE_DESCRIPTION_FR,
    "subtitles_en": ANDROMEDE_SUBTITLES_EN,
    "subtitles_fr": ANDROMEDE_SUBTITLES_FR,
}

VIDEOS = [
    {
        **ANDROMEDE,
        "slug": "andromede-mission-programme-a-roll",
        "film": "a_roll",
        "title_en": "Andromède mission programme (A-roll)",
        "title_fr": "Programme de la mission Andromède (A-roll)",
        "footage_type": Video.FootageType.A_ROLL,
        "audio": Video.Audio.SPLIT,
        "commentary_language": "en",
    },
    {
        **ANDROMEDE,
        "slug": "andromede-mission-programme-b-roll",
        "film": "b_roll",
        "title_en": "Andromède mission programme (B-roll)",
        "title_fr": "Programme de la mission Andromède (B-roll)",
        "footage_type": Video.FootageType.B_ROLL,
        "audio": Video.Audio.INTERNATIONAL,
        "subtitles_en": "",
        "subtitles_fr": "",
    },
    {
        "slug": "cargo-dragon-crs-23-undocking-timelapse",
        "is_published": True,
        "film": "timelapse",
        "mission": "alpha",
        "astronauts": ["thomas-pesquet"],
        "spacecraft": ["cargo-dragon", "crew-dragon", "iss"],
        "released_on": date(2021, 10, 6),
        **DRAWN_FILM,
        "title_en": "Cargo Dragon CRS-23 undocking timelapse",
        "title_fr": "Timelapse du désamarrage du Cargo Dragon CRS-23",
        "description_en": TIMELAPSE_DESCRIPTION_EN,
        "description_fr": TIMELAPSE_DESCRIPTION_FR,
        "footage_type": Video.FootageType.TIMELAPSE,
        "audio": Video.Audio.NONE,
        "capture_interval": Decimal("0.5"),
        "playback_rate": Decimal(25),
        "speeds": [
            (Decimal(0), Decimal(12), "until the undocking", "jusqu'au désamarrage"),
            (Decimal("2.5"), Decimal(6), "after the undocking", "après le désamarrage"),
        ],
        "subtitles_en": TIMELAPSE_SUBTITLES_EN,
        "subtitles_fr": TIMELAPSE_SUBTITLES_FR,
    },
]
