"""Generated care guides: one per material, built from the material's care attributes."""

from __future__ import annotations

import random

from bench.data.kb.corpus import CorpusArticle, article, words_rng

# slug, English, Dutch, washing, dryer, ironing, storage, extra section
Textile = tuple[str, str, str, str, str, str, str, str]

TEXTILES: tuple[Textile, ...] = (
    ("wool", "wool", "wol", "wool30", "flat", "low", "fold", "pilling"),
    ("merino", "merino wool", "merinowol", "wool30", "flat", "low", "fold", "pilling"),
    ("cashmere", "cashmere", "kasjmier", "hand", "flat", "no", "fold", "pilling"),
    ("alpaca", "alpaca", "alpaca", "hand", "flat", "no", "fold", "pilling"),
    ("mohair", "mohair", "mohair", "hand", "flat", "no", "fold", "pilling"),
    ("cotton", "cotton", "katoen", "m40", "tumble", "high", "hang", "shrink"),
    (
        "organic-cotton",
        "organic cotton",
        "biologisch katoen",
        "m30",
        "line",
        "medium",
        "hang",
        "shrink",
    ),
    ("linen", "linen", "linnen", "m40", "line", "high", "hang", "creases"),
    ("silk", "silk", "zijde", "delicate", "line", "low", "hang", "stains"),
    ("viscose", "viscose", "viscose", "delicate", "line", "low", "hang", "shrink"),
    ("polyester", "polyester", "polyester", "m30", "tumble", "low", "hang", "stains"),
    ("denim", "denim", "denim", "m30", "line", "medium", "fold", "colour"),
    ("down", "down jackets", "donsjassen", "down", "tumble", "no", "breathable", "stains"),
    ("faux-fur", "faux fur", "imitatiebont", "hand", "line", "no", "breathable", "stains"),
    ("velvet", "velvet", "fluweel", "dry", "line", "no", "hang", "creases"),
    ("corduroy", "corduroy", "ribfluweel", "m30", "line", "medium", "hang", "colour"),
    ("lyocell", "lyocell (Tencel)", "lyocell (Tencel)", "m30", "line", "low", "hang", "creases"),
    ("fleece", "fleece", "fleece", "m30", "line", "no", "fold", "pilling"),
    ("sportswear", "sportswear", "sportkleding", "m30", "line", "no", "fold", "odour"),
    ("bamboo", "bamboo", "bamboe", "m30", "line", "low", "fold", "shrink"),
)

# slug, English, Dutch; sections: (key, English, Dutch)
Thing = tuple[str, str, str, tuple[tuple[str, str, str], ...]]

THINGS: tuple[Thing, ...] = (
    (
        "leather",
        "leather bags and jackets",
        "leren tassen en jassen",
        (
            (
                "cleaning",
                "Wipe leather with a soft, slightly damp cloth. Never put it in the washing "
                "machine.",
                "Neem leer af met een zachte, licht vochtige doek. Stop het nooit in de "
                "wasmachine.",
            ),
            (
                "maintenance",
                "Feed the leather with a leather balm every three months so it does not dry out "
                "or crack.",
                "Voed het leer elke drie maanden met leerbalsem, zodat het niet uitdroogt of "
                "scheurt.",
            ),
            (
                "storage",
                "Store leather in the cotton dust bag it came with, never in plastic.",
                "Bewaar leer in de katoenen stofzak waarin het kwam, nooit in plastic.",
            ),
        ),
    ),
    (
        "suede",
        "suede",
        "suède",
        (
            (
                "cleaning",
                "Brush suede with a suede brush when it is dry. Remove stains with a suede eraser.",
                "Borstel suède met een suèdeborstel als het droog is. Vlekken haal je weg met "
                "een suèdegum.",
            ),
            (
                "maintenance",
                "Spray suede with a water and stain repellent before you wear it for the first "
                "time, and again every month.",
                "Spray suède voor het eerste gebruik en daarna elke maand met een water- en "
                "vuilafstotende spray.",
            ),
            (
                "avoid",
                "Do not let suede get soaked. If it gets wet, stuff it with paper and let it dry "
                "slowly, away from the heater.",
                "Laat suède niet doorweken. Is het nat geworden, vul het dan met papier en laat "
                "het langzaam drogen, niet op de verwarming.",
            ),
        ),
    ),
    (
        "leather-shoes",
        "leather shoes",
        "leren schoenen",
        (
            (
                "cleaning",
                "Brush off dirt and wipe the shoes with a damp cloth. Let wet shoes dry at room "
                "temperature with shoe trees inside.",
                "Borstel vuil eraf en neem de schoenen af met een vochtige doek. Laat natte "
                "schoenen op kamertemperatuur drogen met schoenspanners erin.",
            ),
            (
                "maintenance",
                "Polish leather shoes every two weeks with shoe cream in the same colour.",
                "Poets leren schoenen elke twee weken met schoencrème in dezelfde kleur.",
            ),
            (
                "storage",
                "Keep shoes on shoe trees, out of direct sunlight.",
                "Bewaar schoenen op schoenspanners, uit direct zonlicht.",
            ),
        ),
    ),
    (
        "sneakers",
        "canvas sneakers",
        "canvas sneakers",
        (
            (
                "cleaning",
                "Canvas sneakers can go in the washing machine at 30 °C in a laundry bag, "
                "without the laces and insoles.",
                "Canvas sneakers mogen in een waszak op 30 °C in de wasmachine, zonder veters en "
                "inlegzolen.",
            ),
            (
                "drying",
                "Let sneakers air-dry stuffed with paper. Never put them in the tumble dryer: "
                "the glue comes loose.",
                "Laat sneakers aan de lucht drogen, gevuld met papier. Nooit in de droger: dan "
                "laat de lijm los.",
            ),
            (
                "avoid",
                "Avoid bleach on coloured canvas; it leaves pale spots.",
                "Gebruik geen bleek op gekleurd canvas; dat geeft lichte plekken.",
            ),
        ),
    ),
    (
        "wooden-furniture",
        "wooden furniture",
        "houten meubels",
        (
            (
                "cleaning",
                "Dust wooden furniture with a dry cloth and wipe spills away immediately.",
                "Neem houten meubels af met een droge doek en veeg gemorst vocht direct weg.",
            ),
            (
                "maintenance",
                "Treat oiled wood twice a year with furniture oil; lacquered wood needs no oil.",
                "Behandel geolied hout twee keer per jaar met meubelolie; gelakt hout heeft geen "
                "olie nodig.",
            ),
            (
                "avoid",
                "Keep wooden furniture away from radiators and direct sun, which can make the "
                "wood crack or fade.",
                "Zet houten meubels niet bij de verwarming of in de volle zon; daardoor kan het "
                "hout scheuren of verkleuren.",
            ),
        ),
    ),
    (
        "stainless-steel",
        "stainless steel pans",
        "rvs pannen",
        (
            (
                "cleaning",
                "Stainless steel pans are dishwasher-safe. Remove burnt-on food by soaking the "
                "pan in warm water with washing-up liquid.",
                "Rvs pannen mogen in de vaatwasser. Aangekoekte resten laat je weken in warm "
                "water met afwasmiddel.",
            ),
            (
                "maintenance",
                "Remove white limescale spots with a splash of vinegar.",
                "Witte kalkvlekken haal je weg met een scheutje azijn.",
            ),
            (
                "avoid",
                "Do not heat an empty pan on full power; it can discolour.",
                "Verhit een lege pan niet op de hoogste stand; hij kan verkleuren.",
            ),
        ),
    ),
    (
        "cast-iron",
        "cast iron pans",
        "gietijzeren pannen",
        (
            (
                "cleaning",
                "Rinse cast iron with hot water and a brush, without soap, and dry it straight "
                "away. Never put it in the dishwasher.",
                "Spoel gietijzer af met heet water en een borstel, zonder zeep, en droog het "
                "meteen af. Nooit in de vaatwasser.",
            ),
            (
                "maintenance",
                "Rub a thin layer of oil into the pan after each wash so it does not rust.",
                "Wrijf de pan na elke afwas in met een dun laagje olie, zodat hij niet roest.",
            ),
            (
                "storage",
                "Store the pan dry, with a sheet of kitchen paper inside.",
                "Bewaar de pan droog, met een vel keukenpapier erin.",
            ),
        ),
    ),
    (
        "silver-jewellery",
        "silver jewellery",
        "zilveren sieraden",
        (
            (
                "cleaning",
                "Polish silver jewellery with a silver cloth. Tarnish is normal and goes away "
                "when you polish.",
                "Poets zilveren sieraden met een zilverpoetsdoek. Aanslag is normaal en "
                "verdwijnt met poetsen.",
            ),
            (
                "avoid",
                "Take off your jewellery before you shower, swim or use perfume.",
                "Doe je sieraden af voordat je gaat douchen, zwemmen of parfum opdoet.",
            ),
            (
                "storage",
                "Store each piece separately in the pouch it came in, so it does not scratch or "
                "tarnish.",
                "Bewaar elk sieraad apart in het zakje waarin het kwam, zodat het niet krast of "
                "aanslaat.",
            ),
        ),
    ),
)

_WASH = {
    "wool30": (
        "Wash on the wool programme at 30 °C at most, inside out, with a wool detergent.",
        "Was op het wolprogramma op maximaal 30 °C, binnenstebuiten, met wolwasmiddel.",
    ),
    "hand": (
        "Wash by hand in lukewarm water (30 °C at most) with a wool detergent. Do not wring; "
        "gently press the water out.",
        "Was met de hand in lauwwarm water (maximaal 30 °C) met wolwasmiddel. Niet wringen; druk "
        "het water er voorzichtig uit.",
    ),
    "m30": (
        "Machine wash at 30 °C with similar colours, inside out.",
        "Was in de machine op 30 °C met gelijke kleuren, binnenstebuiten.",
    ),
    "m40": (
        "Machine wash at 40 °C with similar colours.",
        "Was in de machine op 40 °C met gelijke kleuren.",
    ),
    "delicate": (
        "Wash on a delicates programme at 30 °C in a laundry bag, or by hand.",
        "Was op het fijnwasprogramma op 30 °C in een waszak, of met de hand.",
    ),
    "down": (
        "Wash on a gentle programme at 30 °C with a special down detergent, with the zip closed.",
        "Was op een fijnwasprogramma op 30 °C met een speciaal donswasmiddel, met de rits dicht.",
    ),
    "dry": (
        "Dry clean only. Do not wash in water.",
        "Alleen chemisch reinigen. Niet in water wassen.",
    ),
}
_DRY = {
    "flat": (
        "Do not tumble dry. Dry flat on a towel, away from the heater and direct sun.",
        "Niet in de droger. Laat het plat drogen op een handdoek, uit de buurt van de verwarming "
        "en de zon.",
    ),
    "tumble": (
        "You can tumble dry on a low setting.",
        "Je mag het op een lage stand in de droger doen.",
    ),
    "line": (
        "Do not tumble dry; hang it up to dry.",
        "Niet in de droger; hang het op om te drogen.",
    ),
}
_IRON = {
    "no": (
        "Do not iron. Use a steamer to smooth out creases.",
        "Niet strijken. Gebruik een kledingstomer om kreukels glad te krijgen.",
    ),
    "low": (
        "Iron on a low setting (one dot), inside out.",
        "Strijk op een lage stand (één stip), binnenstebuiten.",
    ),
    "medium": (
        "Iron on a medium setting (two dots).",
        "Strijk op de middelste stand (twee stippen).",
    ),
    "high": (
        "Iron on a high setting (three dots) while slightly damp.",
        "Strijk op de hoogste stand (drie stippen) terwijl het nog licht vochtig is.",
    ),
}
_STORE = {
    "fold": (
        "Store it folded, not on a hanger, so it keeps its shape. A cedar block keeps moths away.",
        "Bewaar het opgevouwen, niet op een hanger, zodat het in model blijft. Een blokje "
        "cederhout houdt motten weg.",
    ),
    "hang": ("Hang it on a wide hanger.", "Hang het op een brede hanger."),
    "breathable": (
        "Store it in a breathable cotton garment bag, never in plastic.",
        "Bewaar het in een ademende katoenen kledinghoes, nooit in plastic.",
    ),
}
_EXTRA = {
    "pilling": (
        ("Pilling", "Bobbles"),
        ("Pluisjes", "Pilling"),
        "Small bobbles are normal in the first weeks of wear. Remove them with a wool comb or a "
        "lint shaver.",
        "Kleine pluisjes zijn normaal in de eerste weken. Haal ze weg met een wolkam of een "
        "pluizentondeuse.",
    ),
    "shrink": (
        ("Will it shrink?", "Shrinking"),
        ("Krimpt het?", "Krimpen"),
        "It can shrink by up to 3% in the first wash at a higher temperature. Stick to the "
        "temperature above.",
        "Bij de eerste was op een hogere temperatuur kan het tot 3% krimpen. Houd je aan de "
        "temperatuur hierboven.",
    ),
    "creases": (
        ("Creases", "Wrinkles"),
        ("Kreukels", "Kreuken"),
        "It creases easily; that is part of its character. Hang it up straight after washing.",
        "Het kreukt snel; dat hoort bij het materiaal. Hang het direct na het wassen op.",
    ),
    "stains": (
        ("Stains", "Removing stains"),
        ("Vlekken", "Vlekken verwijderen"),
        "Dab a fresh stain with cold water and a little mild soap. Do not rub, and never use "
        "bleach.",
        "Dep een verse vlek met koud water en een beetje milde zeep. Niet wrijven, en nooit "
        "bleekmiddel gebruiken.",
    ),
    "colour": (
        ("Colour loss", "Will the colour run?"),
        ("Kleurverlies", "Geeft het af?"),
        "Dark colours can bleed in the first washes. Wash it separately the first three times.",
        "Donkere kleuren kunnen de eerste wasbeurten afgeven. Was het de eerste drie keer apart.",
    ),
    "odour": (
        ("Odours", "Sweat smell"),
        ("Geurtjes", "Zweetlucht"),
        "Wash sportswear soon after exercise and never use fabric softener: it blocks the "
        "fabric's breathability.",
        "Was sportkleding snel na het sporten en gebruik nooit wasverzachter: die maakt de stof "
        "minder ademend.",
    ),
}
_HEADINGS = {
    "washing": (("Washing", "How to wash"), ("Wassen", "Zo was je het")),
    "drying": (("Drying", "How to dry"), ("Drogen", "Zo droog je het")),
    "ironing": (("Ironing", "Ironing and steaming"), ("Strijken", "Strijken en stomen")),
    "storage": (("Storage", "Storing"), ("Opbergen", "Bewaren")),
    "cleaning": (("Cleaning", "How to clean"), ("Schoonmaken", "Zo maak je het schoon")),
    "maintenance": (("Maintenance", "Looking after it"), ("Onderhoud", "Onderhouden")),
    "avoid": (("What to avoid", "Things not to do"), ("Wat je beter niet doet", "Liever niet")),
}


def _heading(rng: random.Random, key: str, language: str) -> str:
    en, nl = _HEADINGS[key]
    return rng.choice(en if language == "en" else nl)


def care_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for slug, name_en, name_nl, wash, dry, iron, store, extra in TEXTILES:
        for language in ("en", "nl"):
            i = 0 if language == "en" else 1
            rng = words_rng(seed=seed, slug=f"care-{slug}", language=language)
            name = name_en if i == 0 else name_nl
            extra_en, extra_nl, text_en, text_nl = _EXTRA[extra]
            sections = [
                (_heading(rng, "washing", language), _WASH[wash][i]),
                (_heading(rng, "drying", language), _DRY[dry][i]),
                (_heading(rng, "ironing", language), _IRON[iron][i]),
                (_heading(rng, "storage", language), _STORE[store][i]),
                (rng.choice(extra_en if i == 0 else extra_nl), text_en if i == 0 else text_nl),
            ]
            out.append(_care(slug, language, name, rng, sections))
    for slug, name_en, name_nl, parts in THINGS:
        for language in ("en", "nl"):
            i = 0 if language == "en" else 1
            rng = words_rng(seed=seed, slug=f"care-{slug}", language=language)
            sections = [(_heading(rng, key, language), (en, nl)[i]) for key, en, nl in parts]
            out.append(_care(slug, language, name_en if i == 0 else name_nl, rng, sections))
    return out


def _care(
    slug: str, language: str, name: str, rng: random.Random, sections: list[tuple[str, str]]
) -> CorpusArticle:
    if language == "en":
        title = rng.choice((f"Caring for {name}", f"Care guide: {name}", f"How to care for {name}"))
        intro = rng.choice(
            (
                f"Look after your {name} well and it lasts for years.",
                f"A few simple steps keep your {name} looking good. Damage caused by washing or "
                "care that does not follow these instructions is not covered by a return or "
                "warranty.",
            )
        )
    else:
        title = rng.choice(
            (
                f"{name[:1].upper()}{name[1:]} verzorgen",
                f"Onderhoudsgids: {name}",
                f"Zo verzorg je {name}",
            )
        )
        intro = rng.choice(
            (
                f"Verzorg je {name} goed, dan heb je er jaren plezier van.",
                f"Met een paar eenvoudige stappen blijft je {name} mooi. Schade door wassen of "
                "onderhoud dat niet volgens deze instructies is gedaan, valt niet onder retour "
                "of garantie.",
            )
        )
    return article(
        slug=f"care-{slug}", language=language, title=title, intro=intro, sections=sections
    )
