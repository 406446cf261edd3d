"""The stories of the seed pages as data: agencies, places, the 2005 Soyuz agreement, a few
experiments, and each mission's figures, timeline and links to read more.

Links are by slug, as in ``content.py``: an agreement's ``parties`` and ``place``, an
experiment's ``leading_agency`` and ``missions``, an event's ``images`` and ``videos``. Figures,
events and links belong to a mission (the keys of ``FIGURES``, ``EVENTS`` and ``LINKS``).

Dates come from the seed pages or from the demo content they already gave (``content.py``,
``videos.py``); descriptions stay with what the seed pages say or what is well established.
"""

from datetime import date

from missions.models import Experiment, MissionEvent, Place

AGENCIES = [
    {
        "slug": "esa",
        "short_name": "ESA",
        "name_en": "European Space Agency",
        "name_fr": "Agence spatiale européenne",
        "website": "https://www.esa.int",
        "description_en": (
            "Europe's gateway to space. ESA's mission is to shape the development of Europe's "
            "space capability and ensure that investment in space continues to deliver benefits "
            "to the citizens of Europe and the world. It works together with the national "
            "agencies, institutions and organisations of its Member States."
        ),
        "description_fr": (
            "La porte d'accès de l'Europe à l'espace. L'ESA a pour mission de façonner le "
            "développement des capacités spatiales européennes et de veiller à ce que les "
            "investissements dans l'espace continuent de profiter aux citoyens de l'Europe et du "
            "monde. Elle travaille avec les agences nationales, les institutions et les "
            "organisations de ses États membres."
        ),
        "is_published": True,
    },
    {
        "slug": "cnes",
        "short_name": "CNES",
        "name_en": "French space agency (CNES)",
        "name_fr": "Centre national d'études spatiales (CNES)",
        "country": "FR",
        "website": "https://cnes.fr",
        "description_en": (
            "The French space agency. It selected Claudie Haigneré as an astronaut in 1985, and "
            "led 12 of the new experiments planned for Thomas Pesquet's Alpha mission in 2021."
        ),
        "description_fr": (
            "L'agence spatiale française. Elle a sélectionné Claudie Haigneré comme astronaute en "
            "1985, et a piloté 12 des nouvelles expériences prévues pour la mission Alpha de "
            "Thomas Pesquet en 2021."
        ),
        "is_published": True,
    },
    {
        # One record for the Russian space agency under its successive names.
        "slug": "roscosmos",
        "short_name": "Roscosmos",
        "name_en": "Russian space agency (Roscosmos)",
        "name_fr": "Agence spatiale russe (Roscosmos)",
        "country": "RU",
        "description_en": (
            "The Russian space agency, today Roscosmos. In 2001, when Claudie Haigneré's "
            "Andromède flight was negotiated with the French government, it was Rosaviakosmos, "
            "the Russian Aviation and Space Agency; as the Russian Federal Space Agency it signed "
            "the agreement of 19 January 2005 with ESA that brought Soyuz to Europe's Spaceport."
        ),
        "description_fr": (
            "L'agence spatiale russe, aujourd'hui Roscosmos. En 2001, quand le vol Andromède de "
            "Claudie Haigneré a été négocié avec le gouvernement français, c'était "
            "Rosaviakosmos, l'Agence russe de l'aviation et de l'espace ; c'est comme Agence "
            "spatiale fédérale russe qu'elle a signé avec l'ESA l'accord du 19 janvier 2005 qui a "
            "amené Soyuz au Centre spatial guyanais."
        ),
        "is_published": True,
    },
    {
        "slug": "nasa",
        "short_name": "NASA",
        "name_en": "National Aeronautics and Space Administration (NASA)",
        "name_fr": "Agence spatiale américaine (NASA)",
        "country": "US",
        "website": "https://www.nasa.gov",
        "description_en": (
            "The space agency of the United States, one of the five partner agencies of the "
            "International Space Station."
        ),
        "description_fr": (
            "L'agence spatiale des États-Unis, l'une des cinq agences partenaires de la Station "
            "spatiale internationale."
        ),
        "is_published": True,
    },
    {
        "slug": "spacex",
        "short_name": "SpaceX",
        "name_en": "SpaceX",
        "name_fr": "SpaceX",
        "country": "US",
        "website": "https://www.spacex.com",
        "description_en": (
            "The American company that builds and flies the Dragon spacecraft: Crew Dragon took "
            "Thomas Pesquet to the International Space Station for Alpha in 2021, and Cargo "
            "Dragon supplies the station."
        ),
        "description_fr": (
            "L'entreprise américaine qui construit et exploite les vaisseaux Dragon : le Crew "
            "Dragon a emmené Thomas Pesquet vers la Station spatiale internationale pour Alpha en "
            "2021, et le Cargo Dragon ravitaille la Station."
        ),
        "is_published": True,
    },
    {
        "slug": "jaxa",
        "short_name": "JAXA",
        "name_en": "Japan Aerospace Exploration Agency (JAXA)",
        "name_fr": "Agence japonaise d'exploration aérospatiale (JAXA)",
        "country": "JP",
        "website": "https://global.jaxa.jp",
        "description_en": (
            "The Japanese space agency, one of the five partner agencies of the International "
            "Space Station."
        ),
        "description_fr": (
            "L'agence spatiale japonaise, l'une des cinq agences partenaires de la Station "
            "spatiale internationale."
        ),
        "is_published": True,
    },
]

PLACES = [
    {
        "slug": "baikonur-cosmodrome",
        "name_en": "Baikonur Cosmodrome",
        "name_fr": "Cosmodrome de Baïkonour",
        "kind": Place.Kind.LAUNCH_SITE,
        "country": "KZ",
        "description_en": (
            "The cosmodrome in Kazakhstan from which Soyuz crews are launched to the "
            "International Space Station. Claudie Haigneré's crew spent their final days of "
            "preparation here before Andromède, and Thomas Pesquet left from here for Proxima."
        ),
        "description_fr": (
            "Le cosmodrome du Kazakhstan d'où partent les équipages Soyuz vers la Station "
            "spatiale internationale. L'équipage de Claudie Haigneré y a passé ses derniers jours "
            "de préparation avant Andromède, et Thomas Pesquet en est parti pour Proxima."
        ),
        "is_published": True,
    },
    {
        "slug": "europes-spaceport",
        "name_en": "Europe's Spaceport",
        "name_fr": "Centre spatial guyanais",
        "kind": Place.Kind.LAUNCH_SITE,
        "country": "FR",
        "region_en": "French Guiana",
        "region_fr": "Guyane",
        "description_en": (
            "Europe's launch base, at Kourou in French Guiana. Under the agreement signed by ESA "
            "and the Russian Federal Space Agency on 19 January 2005, Russian Soyuz launchers "
            "use it as a launch base too."
        ),
        "description_fr": (
            "Le port spatial de l'Europe, à Kourou, en Guyane. L'accord signé par l'ESA et "
            "l'Agence spatiale fédérale russe le 19 janvier 2005 en fait aussi une base de "
            "lancement pour les lanceurs russes Soyuz."
        ),
        "is_published": True,
    },
    {
        "slug": "kennedy-space-center",
        "name_en": "Kennedy Space Center",
        "name_fr": "Centre spatial Kennedy",
        "kind": Place.Kind.LAUNCH_SITE,
        "country": "US",
        "region_en": "Florida",
        "region_fr": "Floride",
        "description_en": (
            "NASA's launch centre in Florida. Thomas Pesquet left from here on 23 April 2021 on "
            "the Crew-2 flight of a SpaceX Crew Dragon, for the Alpha mission."
        ),
        "description_fr": (
            "Le centre de lancement de la NASA en Floride. Thomas Pesquet en est parti le "
            "23 avril 2021 pour le vol Crew-2 d'un Crew Dragon de SpaceX, pour la mission Alpha."
        ),
        "is_published": True,
    },
    {
        "slug": "star-city",
        "name_en": "Star City",
        "name_fr": "Cité des étoiles",
        "kind": Place.Kind.TRAINING_CENTRE,
        "country": "RU",
        "region_en": "Near Moscow",
        "region_fr": "Près de Moscou",
        "description_en": (
            "The cosmonaut training centre near Moscow, where Claudie Haigneré trained for the "
            "Andromède mission."
        ),
        "description_fr": (
            "Le centre d'entraînement des cosmonautes, près de Moscou, où Claudie Haigneré s'est "
            "préparée à la mission Andromède."
        ),
        "is_published": True,
    },
]

AGREEMENTS = [
    {
        "slug": "soyuz-at-europes-spaceport-2005",
        "title_en": "Soyuz at Europe's Spaceport: ESA and the Russian Federal Space Agency",
        "title_fr": "Soyuz au Centre spatial guyanais : l'ESA et l'Agence spatiale fédérale russe",
        "signed_on": date(2005, 1, 19),
        "parties": ["esa", "roscosmos"],
        "place": "europes-spaceport",
        "summary_en": (
            "The agreement between ESA and the Russian Federal Space Agency on long-term "
            "cooperation and partnership in the field of development, implementation and use of "
            "launchers. It enables the Russian Soyuz launchers to use Europe's Spaceport in "
            "French Guiana as a launch base: launching Soyuz from there consolidates Europe's "
            "access to space for medium-size missions, and Russia benefits from the advantages "
            "of the Spaceport and from improved access to the commercial market."
        ),
        "summary_fr": (
            "L'accord entre l'ESA et l'Agence spatiale fédérale russe sur une coopération et un "
            "partenariat à long terme dans le domaine du développement, de la mise en œuvre et "
            "de l'utilisation des lanceurs. Il permet aux lanceurs russes Soyuz d'utiliser le "
            "Centre spatial guyanais comme base de lancement : lancer Soyuz depuis la Guyane "
            "consolide l'accès de l'Europe à l'espace pour les missions de taille moyenne, et la "
            "Russie profite des atouts du port spatial et d'un meilleur accès au marché "
            "commercial."
        ),
        "is_published": True,
    },
]

# Only experiments whose name and mission are well established; described modestly.
EXPERIMENTS = [
    {
        "slug": "echo",
        "name_en": "Echo",
        "name_fr": "Echo",
        "field": Experiment.Field.HUMAN_RESEARCH,
        "leading_agency": "cnes",
        "missions": ["proxima"],
        "description_en": (
            "An ultrasound scanner on board the station whose probe is steered by experts on the "
            "ground, to examine astronauts remotely."
        ),
        "description_fr": (
            "Un échographe à bord de la Station dont la sonde est pilotée à distance par des "
            "spécialistes au sol, pour examiner les astronautes."
        ),
        "is_published": True,
    },
    {
        "slug": "matiss",
        "name_en": "Matiss",
        "name_fr": "Matiss",
        "field": Experiment.Field.PHYSICAL_SCIENCES,
        "leading_agency": "cnes",
        "missions": ["proxima"],
        "description_en": (
            "Samples of materials placed in the station to study how well their surfaces resist "
            "the bacteria that settle on them."
        ),
        "description_fr": (
            "Des échantillons de matériaux placés dans la Station pour étudier comment leur "
            "surface résiste aux bactéries qui s'y déposent."
        ),
        "is_published": True,
    },
    {
        "slug": "pilote",
        "name_en": "Pilote",
        "name_fr": "Pilote",
        "field": Experiment.Field.TECHNOLOGY,
        "leading_agency": "cnes",
        "missions": ["alpha"],
        "description_en": (
            "Tests, in weightlessness, of ways to remotely control robotic arms and vehicles "
            "with virtual reality and force-feedback controls."
        ),
        "description_fr": (
            "Des essais, en impesanteur, de façons de piloter à distance des bras robotiques et "
            "des véhicules, avec la réalité virtuelle et des commandes à retour d'effort."
        ),
        "is_published": True,
    },
]

# Alpha's figures, from the seed page: "Over 200 experiments are planned during Thomas' time in
# space, with 40 European ones and 12 new experiments led by the French space agency CNES."
FIGURES = {
    "alpha": [
        {
            "value": 200,
            "label_en": "experiments planned, and more",
            "label_fr": "expériences prévues, et davantage",
        },
        {"value": 40, "label_en": "European experiments", "label_fr": "expériences européennes"},
        {
            "value": 12,
            "label_en": "new experiments led by the French space agency CNES",
            "label_fr": "nouvelles expériences pilotées par le CNES, l'agence spatiale française",
        },
    ],
}

LAUNCH = MissionEvent.Kind.LAUNCH
DOCKING = MissionEvent.Kind.DOCKING
UNDOCKING = MissionEvent.Kind.UNDOCKING
LANDING = MissionEvent.Kind.LANDING

EVENTS = {
    "andromede": [
        {
            "kind": LAUNCH,
            "date": date(2001, 10, 21),
            "label_en": "Launch from Baikonur on Soyuz TM-33",
            "label_fr": "Lancement de Baïkonour à bord du Soyuz TM-33",
            "description_en": (
                "Claudie Haigneré leaves the Baikonur Cosmodrome as flight engineer of Soyuz "
                "TM-33, with Viktor Afanasyev and Konstantin Kozeyev."
            ),
            "description_fr": (
                "Claudie Haigneré quitte le cosmodrome de Baïkonour comme ingénieure de bord du "
                "Soyuz TM-33, avec Viktor Afanassiev et Konstantin Kozeïev."
            ),
            "images": ["andromede-soyuz-tm-33-on-the-launch-pad"],
        },
        {
            "kind": DOCKING,
            "date": date(2001, 10, 23),
            "label_en": "Docking with the International Space Station",
            "label_fr": "Amarrage à la Station spatiale internationale",
            "description_en": "Two days after the launch, Soyuz TM-33 docks to the station.",
            "description_fr": (
                "Deux jours après le lancement, le Soyuz TM-33 s'amarre à la Station."
            ),
            "images": ["andromede-the-space-station-in-2001"],
        },
        {
            "kind": LANDING,
            "date": date(2001, 10, 31),
            "label_en": "Landing in Soyuz TM-32",
            "label_fr": "Atterrissage à bord du Soyuz TM-32",
            "description_en": (
                "The crew come home in Soyuz TM-32, leaving the fresh TM-33 docked to the "
                "station as its lifeboat."
            ),
            "description_fr": (
                "L'équipage rentre à bord du Soyuz TM-32 et laisse le TM-33, tout neuf, amarré à "
                "la Station pour lui servir de canot de sauvetage."
            ),
        },
    ],
    "proxima": [
        {
            "kind": LAUNCH,
            "date": date(2016, 11, 17),
            "label_en": "Launch from Baikonur on Soyuz MS-03",
            "label_fr": "Lancement de Baïkonour à bord du Soyuz MS-03",
            "description_en": (
                "Thomas Pesquet leaves for the International Space Station with Oleg Novitsky "
                "and Peggy Whitson."
            ),
            "description_fr": (
                "Thomas Pesquet part pour la Station spatiale internationale avec Oleg Novitsky "
                "et Peggy Whitson."
            ),
        },
        {
            "kind": LANDING,
            "date": date(2017, 6, 2),
            "label_en": "Landing in Kazakhstan",
            "label_fr": "Atterrissage au Kazakhstan",
            "description_en": "Thomas Pesquet and Oleg Novitsky come home after six months.",
            "description_fr": "Thomas Pesquet et Oleg Novitsky rentrent après six mois.",
        },
    ],
    "alpha": [
        {
            "kind": LAUNCH,
            "date": date(2021, 4, 23),
            "label_en": "Launch from Kennedy Space Center on Crew-2",
            "label_fr": "Lancement du Centre spatial Kennedy pour le vol Crew-2",
            "description_en": (
                "Thomas Pesquet, Shane Kimbrough, Megan McArthur and Akihiko Hoshide leave "
                "Florida in Crew Dragon Endeavour."
            ),
            "description_fr": (
                "Thomas Pesquet, Shane Kimbrough, Megan McArthur et Akihiko Hoshide quittent la "
                "Floride à bord du Crew Dragon Endeavour."
            ),
        },
        {
            "kind": DOCKING,
            "date": date(2021, 4, 24),
            "label_en": "Docking with the International Space Station",
            "label_fr": "Amarrage à la Station spatiale internationale",
            "description_en": "Crew Dragon Endeavour docks to the station the day after launch.",
            "description_fr": (
                "Le Crew Dragon Endeavour s'amarre à la Station le lendemain du lancement."
            ),
            "images": ["crew-dragon-on-approach"],
        },
        {
            "kind": UNDOCKING,
            "date": date(2021, 9, 30),
            "label_en": "Cargo Dragon CRS-23 undocks, seen from Crew Dragon",
            "label_fr": "Désamarrage du Cargo Dragon CRS-23, vu depuis le Crew Dragon",
            "description_en": (
                "Thomas Pesquet films the undocking of the Cargo Dragon CRS-23 from the windows "
                "of its cousin Crew Dragon."
            ),
            "description_fr": (
                "Thomas Pesquet filme le désamarrage du Cargo Dragon CRS-23 depuis les hublots de "
                "son cousin Crew Dragon."
            ),
            "images": ["cargo-dragon-crs-23-undocking"],
            "videos": ["cargo-dragon-crs-23-undocking-timelapse"],
        },
        {
            "kind": LANDING,
            "date": date(2021, 11, 9),
            "label_en": "Splashdown in the Gulf of Mexico",
            "label_fr": "Amerrissage dans le golfe du Mexique",
            "description_en": "The Crew-2 astronauts come home after six months in orbit.",
            "description_fr": "Les astronautes de Crew-2 rentrent après six mois en orbite.",
        },
    ],
}

# From the Alpha seed page (its addresses, with https).
LINKS = {
    "alpha": [
        {
            "label_en": "Background information on the Alpha mission (ESA)",
            "label_fr": "La mission Alpha en détail (ESA)",
            "url": "https://www.esa.int/MissionAlpha",
        },
        {
            "label_en": "The Alpha mission brochure",
            "label_fr": "La brochure de la mission Alpha",
            "url": "https://www.esa.int/AlphaBrochure",
        },
        {
            "label_en": "ESA's exploration blog: Thomas Pesquet",
            "label_fr": "Le blog d'exploration de l'ESA : Thomas Pesquet",
            "url": "https://thomaspesquet.esa.int",
        },
        {
            "label_en": "Latest updates: @esaspaceflight on Twitter",
            "label_fr": "Les dernières nouvelles : @esaspaceflight sur Twitter",
            "url": "https://twitter.com/esaspaceflight",
        },
    ],
}
