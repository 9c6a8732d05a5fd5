"""Generated articles about products: returns per department, size guides, warranty per
product type, and brand pages (care guides are in ``corpus_care``)."""

from __future__ import annotations

import random
import re

from bench.data.kb.corpus import CorpusArticle, article, facts_rng, words_rng
from bench.data.kb.corpus_care import care_articles
from bench.data.kb.corpus_departments import DEPARTMENTS

__all__ = [
    "brand_articles",
    "care_articles",
    "department_returns_articles",
    "generated_brand_articles",
    "size_guide_articles",
    "warranty_articles",
]

_HEADINGS = {
    "window": (
        ("Return period", "How long can I return?", "Return window"),
        ("Retourtermijn", "Hoe lang kan ik retourneren?", "Bedenktijd"),
    ),
    "conditions": (
        ("Conditions", "What condition must items be in?"),
        ("Voorwaarden", "In welke staat moet het zijn?"),
    ),
    "exceptions": (
        ("Exceptions", "What cannot be returned"),
        ("Uitzonderingen", "Wat kun je niet retourneren?"),
    ),
    "collection": (
        ("Collection", "Collection from your home"),
        ("Ophalen", "Ophalen bij je thuis"),
    ),
    "damaged": (
        ("Arrived damaged or faulty?", "Damaged or faulty"),
        ("Beschadigd of defect?", "Kapot aangekomen?"),
    ),
    "preview": (("Check your text", "Preview"), ("Controleer je tekst", "Voorbeeld")),
    "outlet": (("Outlet items", "Outlet"), ("Outletartikelen", "Outlet")),
}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def department_returns_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for slug, name_en, name_nl, parts in DEPARTMENTS:
        for language in ("en", "nl"):
            i = 0 if language == "en" else 1
            rng = words_rng(seed=seed, slug=f"returns-dept-{slug}", language=language)
            sections = [(rng.choice(_HEADINGS[key][i]), (en, nl)[i]) for key, en, nl in parts]
            if i == 0:
                title = rng.choice((f"Returning {name_en}", f"Returns: {name_en}"))
                intro = rng.choice(
                    (
                        f"The return rules for {name_en}. For returns from outside the "
                        f"Netherlands, "
                        "see the article for your country.",
                        f"Want to send {name_en} back? These rules apply on top of our general "
                        "returns policy.",
                    )
                )
            else:
                title = rng.choice((f"{_cap(name_nl)} retourneren", f"Retourneren: {name_nl}"))
                intro = rng.choice(
                    (
                        f"De retourregels voor {name_nl}. Stuur je iets terug van buiten "
                        f"Nederland, "
                        "kijk dan ook bij het artikel over jouw land.",
                        f"Wil je {name_nl} terugsturen? Deze regels gelden naast ons algemene "
                        "retourbeleid.",
                    )
                )
            out.append(
                article(
                    slug=f"returns-dept-{slug}",
                    language=language,
                    title=title,
                    intro=intro,
                    sections=sections,
                )
            )
    return out


# --- size guides -----------------------------------------------------------------------------

_MEASURE = {
    "upper": (
        "Measure your chest at its fullest point and your waist at its narrowest point, "
        "keeping the tape measure level and not too tight.",
        "Meet je borstomvang op het breedste punt en je taille op het smalste punt. Houd "
        "het meetlint recht en niet te strak.",
    ),
    "lower": (
        "Measure your waist just above your hip bones, and your inside leg from the crotch "
        "to the floor, without shoes.",
        "Meet je taille net boven je heupbotten en je binnenbeenlengte van je kruis tot de "
        "vloer, zonder schoenen.",
    ),
    "foot": (
        "Stand on a sheet of paper, mark your heel and your longest toe and measure the "
        "distance in centimetres. Measure at the end of the day, when your feet are largest.",
        "Ga op een vel papier staan, zet een streep bij je hiel en je langste teen en meet "
        "de afstand in centimeters. Meet aan het eind van de dag, dan zijn je voeten het grootst.",
    ),
    "bra": (
        "Measure snugly around your ribcage, just under your bust, for the band size, and "
        "around the fullest part of your bust for the cup size.",
        "Meet strak rond je ribben, net onder je borsten, voor de bandmaat en rond het "
        "volste deel van je borsten voor de cupmaat.",
    ),
    "kids": (
        "Measure your child's height without shoes, standing straight against a wall. "
        "Our children's sizes are the height in centimetres.",
        "Meet de lengte van je kind zonder schoenen, rechtop tegen een muur. Onze "
        "kindermaten zijn de lengte in centimeters.",
    ),
    "ring": (
        "Wrap a strip of paper around your finger, mark where it overlaps and measure the "
        "length in millimetres: that is your ring size.",
        "Leg een strookje papier om je vinger, zet een streep waar het overlapt en meet de "
        "lengte in millimeters: dat is je ringmaat.",
    ),
    "head": (
        "Measure around your head just above your ears and eyebrows.",
        "Meet rond je hoofd, net boven je oren en wenkbrauwen.",
    ),
    "hand": (
        "Measure around your hand at the knuckles, without your thumb, in centimetres.",
        "Meet rond je hand ter hoogte van de knokkels, zonder duim, in centimeters.",
    ),
    "belt": (
        "Measure a belt that fits you from the buckle to the hole you use most, or take "
        "your trouser waist size plus 10 cm.",
        "Meet een riem die goed past van de gesp tot het gaatje dat je het meest gebruikt, "
        "of neem je taillemaat plus 10 cm.",
    ),
    "bed": (
        "Measure the length and width of your mattress, and its height if you buy a fitted sheet.",
        "Meet de lengte en breedte van je matras, en de hoogte als je een hoeslaken koopt.",
    ),
}

_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], list[tuple[str, ...]]]] = {
    "women": (
        ("Size", "EU", "Chest (cm)", "Waist (cm)"),
        ("Maat", "EU", "Borst (cm)", "Taille (cm)"),
        [
            ("XS", "34", "80–83", "62–65"),
            ("S", "36", "84–87", "66–69"),
            ("M", "38", "88–91", "70–73"),
            ("L", "40", "92–95", "74–77"),
            ("XL", "42", "96–99", "78–81"),
        ],
    ),
    "men": (
        ("Size", "EU", "Chest (cm)", "Waist (cm)"),
        ("Maat", "EU", "Borst (cm)", "Taille (cm)"),
        [
            ("S", "46", "88–95", "76–83"),
            ("M", "48", "96–103", "84–91"),
            ("L", "50", "104–111", "92–99"),
            ("XL", "52", "112–119", "100–107"),
            ("XXL", "54", "120–127", "108–115"),
        ],
    ),
    "jeans": (
        ("Waist size (W)", "Waist (cm)", "Inside leg L32 (cm)"),
        ("Wijdte (W)", "Taille (cm)", "Binnenbeen L32 (cm)"),
        [
            ("28", "71", "81"),
            ("30", "76", "81"),
            ("32", "81", "81"),
            ("34", "86", "81"),
            ("36", "91", "81"),
        ],
    ),
    "shoes-women": (
        ("EU", "UK", "Foot length (cm)"),
        ("EU", "UK", "Voetlengte (cm)"),
        [
            ("37", "4", "23.5"),
            ("38", "5", "24.2"),
            ("39", "6", "24.9"),
            ("40", "6.5", "25.5"),
            ("41", "7", "26.2"),
        ],
    ),
    "shoes-men": (
        ("EU", "UK", "Foot length (cm)"),
        ("EU", "UK", "Voetlengte (cm)"),
        [
            ("41", "7", "26.2"),
            ("42", "8", "26.9"),
            ("43", "9", "27.5"),
            ("44", "9.5", "28.2"),
            ("45", "10.5", "28.9"),
        ],
    ),
    "shoes-kids": (
        ("EU", "Foot length (cm)"),
        ("EU", "Voetlengte (cm)"),
        [("24", "15.0"), ("26", "16.3"), ("28", "17.6"), ("30", "19.0"), ("32", "20.3")],
    ),
    "kids": (
        ("Size", "Age", "Height (cm)"),
        ("Maat", "Leeftijd", "Lengte (cm)"),
        [
            ("104", "3–4 years", "99–104"),
            ("116", "5–6 years", "111–116"),
            ("128", "7–8 years", "123–128"),
            ("140", "9–10 years", "135–140"),
            ("152", "11–12 years", "147–152"),
        ],
    ),
    "baby": (
        ("Size", "Age", "Height (cm)"),
        ("Maat", "Leeftijd", "Lengte (cm)"),
        [
            ("50", "newborn", "up to 50"),
            ("56", "1 month", "51–56"),
            ("62", "2–3 months", "57–62"),
            ("68", "4–6 months", "63–68"),
            ("74", "6–9 months", "69–74"),
        ],
    ),
    "bra": (
        ("Band size", "Underbust (cm)"),
        ("Bandmaat", "Onderborstomvang (cm)"),
        [("70", "68–72"), ("75", "73–77"), ("80", "78–82"), ("85", "83–87"), ("90", "88–92")],
    ),
    "ring": (
        ("Ring size", "Circumference (mm)"),
        ("Ringmaat", "Omtrek (mm)"),
        [("50", "50"), ("52", "52"), ("54", "54"), ("56", "56"), ("58", "58")],
    ),
    "hats": (
        ("Size", "Head (cm)"),
        ("Maat", "Hoofdomtrek (cm)"),
        [("S", "54–55"), ("M", "56–57"), ("L", "58–59"), ("XL", "60–61")],
    ),
    "gloves": (
        ("Size", "Hand (cm)"),
        ("Maat", "Handomtrek (cm)"),
        [("6.5", "17"), ("7", "18"), ("7.5", "19"), ("8", "20"), ("8.5", "22")],
    ),
    "belts": (
        ("Belt size", "Waist (cm)"),
        ("Riemmaat", "Taille (cm)"),
        [("80", "70"), ("85", "75"), ("90", "80"), ("95", "85"), ("100", "90")],
    ),
    "bed": (
        ("Bed", "Duvet cover (cm)"),
        ("Bed", "Dekbedovertrek (cm)"),
        [
            ("single 90 × 200", "140 × 200/220"),
            ("double 140 × 200", "200 × 200/220"),
            ("160 × 200", "240 × 200/220"),
            ("180 × 200", "260 × 200/220"),
        ],
    ),
}

# slug, English, Dutch, how to measure, table, between sizes ("up"/"down"), fit English, fit Dutch
SizeGuide = tuple[str, str, str, str, str, str, str, str]

SIZE_GUIDES: tuple[SizeGuide, ...] = (
    (
        "womens-tops",
        "women's tops and blouses",
        "damestops en blouses",
        "upper",
        "women",
        "up",
        "Our blouses have a relaxed fit with room at the shoulders.",
        "Onze blouses vallen ruim, met wat extra ruimte bij de schouders.",
    ),
    (
        "womens-dresses",
        "dresses",
        "jurken",
        "upper",
        "women",
        "up",
        "Our dresses are fitted at the waist; check your waist measurement first.",
        "Onze jurken zijn getailleerd; kijk daarom eerst naar je taillemaat.",
    ),
    (
        "womens-trousers",
        "women's trousers",
        "damesbroeken",
        "lower",
        "women",
        "up",
        "Our women's trousers have a high waist and a regular leg length of 78 cm.",
        "Onze damesbroeken hebben een hoge taille en een normale beenlengte van 78 cm.",
    ),
    (
        "womens-jeans",
        "women's jeans",
        "damesjeans",
        "lower",
        "jeans",
        "down",
        "Our women's jeans contain stretch and give a little after a few wears.",
        "Onze damesjeans bevatten stretch en rekken na een paar keer dragen iets uit.",
    ),
    (
        "mens-shirts",
        "men's shirts",
        "herenoverhemden",
        "upper",
        "men",
        "up",
        "Our shirts come in slim fit and regular fit; slim fit is narrower at the waist.",
        "Onze overhemden zijn er in slim fit en regular fit; slim fit is smaller in de taille.",
    ),
    (
        "mens-tshirts",
        "men's T-shirts",
        "heren-T-shirts",
        "upper",
        "men",
        "up",
        "Our T-shirts are cut straight and fall slightly long.",
        "Onze T-shirts zijn recht gesneden en vallen iets lang.",
    ),
    (
        "mens-trousers",
        "men's trousers and chinos",
        "herenbroeken en chino's",
        "lower",
        "men",
        "up",
        "Our chinos have a tapered leg that narrows towards the ankle.",
        "Onze chino's hebben een taps toelopende pijp die smaller wordt naar de enkel.",
    ),
    (
        "mens-jeans",
        "men's jeans",
        "herenjeans",
        "lower",
        "jeans",
        "down",
        "Our men's jeans are made of rigid denim that stretches about one size.",
        "Onze herenjeans zijn van stevige denim die ongeveer een maat uitrekt.",
    ),
    (
        "mens-suits",
        "men's suits",
        "herenpakken",
        "upper",
        "men",
        "up",
        "Jackets and trousers are sold separately, so you can choose a different size for each.",
        "Colberts en broeken verkopen we los, zodat je voor elk een andere maat kunt kiezen.",
    ),
    (
        "coats",
        "coats and jackets",
        "jassen",
        "upper",
        "men",
        "up",
        "Our coats leave room for a thick jumper underneath.",
        "Onze jassen hebben ruimte voor een dikke trui eronder.",
    ),
    (
        "knitwear",
        "knitwear",
        "truien en vesten",
        "upper",
        "women",
        "down",
        "Knitwear stretches with wear; it is meant to fit close.",
        "Gebreide truien rekken iets uit tijdens het dragen; ze horen nauw te passen.",
    ),
    (
        "bras",
        "bras",
        "beha's",
        "bra",
        "bra",
        "up",
        "A well-fitting band sits level and does not ride up at the back.",
        "Een goed passende band zit recht en schuift achter niet omhoog.",
    ),
    (
        "swimwear",
        "swimwear",
        "badmode",
        "upper",
        "women",
        "down",
        "Swimwear fits snugly when dry; it relaxes in the water.",
        "Badmode zit droog strak en geeft in het water wat mee.",
    ),
    (
        "sportswear",
        "sportswear",
        "sportkleding",
        "upper",
        "women",
        "up",
        "Our running tights have a compression fit and feel tight on purpose.",
        "Onze hardlooptights hebben een compressiepasvorm en zitten bewust strak.",
    ),
    (
        "womens-shoes",
        "women's shoes",
        "damesschoenen",
        "foot",
        "shoes-women",
        "up",
        "Our women's shoes have a normal width (F). Pumps fall narrow.",
        "Onze damesschoenen hebben een normale breedte (F). Pumps vallen smal.",
    ),
    (
        "mens-shoes",
        "men's shoes",
        "herenschoenen",
        "foot",
        "shoes-men",
        "up",
        "Our men's shoes have a normal width (G). Boots fall half a size large.",
        "Onze herenschoenen hebben een normale breedte (G). Laarzen vallen een halve maat groot.",
    ),
    (
        "kids-clothing",
        "children's clothing",
        "kinderkleding",
        "kids",
        "kids",
        "up",
        "Children grow fast: if in doubt, take the next size so they can wear it longer.",
        "Kinderen groeien snel: twijfel je, neem dan de volgende maat, dan kunnen ze het langer "
        "dragen.",
    ),
    (
        "baby-clothing",
        "baby clothes",
        "babykleding",
        "kids",
        "baby",
        "up",
        "Baby rompers have press studs at the crotch for easy changing.",
        "Babyrompers hebben drukknoopjes in het kruis, zodat verschonen makkelijk gaat.",
    ),
    (
        "kids-shoes",
        "children's shoes",
        "kinderschoenen",
        "foot",
        "shoes-kids",
        "up",
        "Leave about 1 cm of growing room in front of the longest toe.",
        "Laat ongeveer 1 cm groeiruimte voor de langste teen.",
    ),
    (
        "rings",
        "rings",
        "ringen",
        "ring",
        "ring",
        "up",
        "Wide rings fit tighter than narrow rings of the same size.",
        "Brede ringen zitten strakker dan smalle ringen in dezelfde maat.",
    ),
    (
        "hats",
        "hats and caps",
        "hoeden en petten",
        "head",
        "hats",
        "up",
        "Our caps have an adjustable strap at the back.",
        "Onze petten hebben achter een verstelbaar bandje.",
    ),
    (
        "gloves",
        "gloves",
        "handschoenen",
        "hand",
        "gloves",
        "up",
        "Leather gloves stretch a little; woollen gloves do not.",
        "Leren handschoenen rekken iets uit; wollen handschoenen niet.",
    ),
    (
        "belts",
        "belts",
        "riemen",
        "belt",
        "belts",
        "up",
        "Each belt has five holes, 2.5 cm apart.",
        "Elke riem heeft vijf gaatjes, 2,5 cm uit elkaar.",
    ),
    (
        "bedding",
        "bedding",
        "beddengoed",
        "bed",
        "bed",
        "up",
        "Our fitted sheets fit mattresses up to 25 cm high.",
        "Onze hoeslakens passen op matrassen tot 25 cm hoog.",
    ),
)

_SIZE_HEADINGS = {
    "measure": (("How to measure", "Measuring yourself"), ("Zo meet je", "Jezelf opmeten")),
    "table": (("Size chart", "Size table"), ("Maattabel", "Maatentabel")),
    "between": (
        ("Between two sizes?", "In between sizes"),
        ("Tussen twee maten?", "Twijfel tussen twee maten"),
    ),
    "fit": (("Fit", "How does it fit?"), ("Pasvorm", "Hoe valt het?")),
}


def _table(kind: str, language: str) -> str:
    head_en, head_nl, rows = _TABLES[kind]
    head = head_en if language == "en" else head_nl
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        cells = (
            row
            if language == "en"
            else tuple(
                c.replace("years", "jaar")
                .replace("month", "maand")
                .replace("newborn", "pasgeboren")
                .replace("up to", "tot")
                .replace("single", "eenpersoons")
                .replace("double", "tweepersoons")
                for c in row
            )
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def size_guide_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for slug, name_en, name_nl, measure, table, between, fit_en, fit_nl in SIZE_GUIDES:
        for language in ("en", "nl"):
            i = 0 if language == "en" else 1
            rng = words_rng(seed=seed, slug=f"size-{slug}", language=language)
            name = (name_en, name_nl)[i]
            if i == 0:
                title = rng.choice((f"Size guide: {name}", f"Finding your size in {name}"))
                intro = f"Use this guide to choose the right size in {name}."
                advice = (
                    f"Between two sizes in {name}? Choose the larger size."
                    if between == "up"
                    else f"Between two sizes in {name}? Choose the smaller size."
                )
            else:
                title = rng.choice((f"Maattabel {name}", f"De juiste maat voor {name}"))
                intro = f"Met deze gids kies je de juiste maat voor {name}."
                advice = (
                    f"Twijfel je tussen twee maten bij {name}? Kies dan de grotere maat."
                    if between == "up"
                    else f"Twijfel je tussen twee maten bij {name}? Kies dan de kleinere maat."
                )
            sections = [
                (rng.choice(_SIZE_HEADINGS["measure"][i]), _MEASURE[measure][i]),
                (rng.choice(_SIZE_HEADINGS["table"][i]), _table(table, language)),
                (rng.choice(_SIZE_HEADINGS["between"][i]), advice),
                (rng.choice(_SIZE_HEADINGS["fit"][i]), (fit_en, fit_nl)[i]),
            ]
            out.append(
                article(
                    slug=f"size-{slug}",
                    language=language,
                    title=title,
                    intro=intro,
                    sections=sections,
                )
            )
    return out


# --- warranty --------------------------------------------------------------------------------

_COVER = {
    "electrical": (
        (
            "Manufacturing and material faults, such as a motor or battery that stops working in "
            "normal use.",
            "Fabrieks- en materiaalfouten, zoals een motor of accu die bij normaal gebruik niet "
            "meer werkt.",
        ),
        (
            "Damage from a fall, water damage, limescale and normal wear of parts such as "
            "filters and brushes.",
            "Schade door vallen, waterschade, kalkaanslag en normale slijtage van onderdelen "
            "zoals filters en borstels.",
        ),
    ),
    "watch": (
        ("Faults in the movement and the case.", "Fouten in het uurwerk en de kast."),
        (
            "The battery, the strap, scratches on the glass, and water damage when the crown was "
            "not pushed in.",
            "De batterij, het bandje, krassen op het glas en waterschade als de kroon niet was "
            "ingedrukt.",
        ),
    ),
    "furniture": (
        (
            "Construction faults, such as a frame that comes loose or springs that break.",
            "Constructiefouten, zoals een frame dat loskomt of veren die breken.",
        ),
        (
            "Wear of the upholstery, fading in sunlight, stains and damage caused when moving "
            "house.",
            "Slijtage van de bekleding, verkleuring door zonlicht, vlekken en schade bij een "
            "verhuizing.",
        ),
    ),
    "textile": (
        (
            "Seams that come apart, and zips or press studs that break in normal use.",
            "Naden die loslaten en ritsen of drukknopen die bij normaal gebruik kapotgaan.",
        ),
        (
            "Normal wear, pilling, and damage from washing at the wrong temperature.",
            "Normale slijtage, pluizen en schade door wassen op de verkeerde temperatuur.",
        ),
    ),
    "cookware": (
        (
            "A base that warps or a non-stick coating that comes loose.",
            "Een bodem die kromtrekt of een antiaanbaklaag die loslaat.",
        ),
        (
            "Scratches from metal utensils, discolouring and damage from overheating an empty pan.",
            "Krassen door metalen keukengerei, verkleuring en schade door een lege pan te "
            "verhitten.",
        ),
    ),
    "luggage": (
        (
            "Wheels, handles and zips that break in normal use.",
            "Wieltjes, handgrepen en ritsen die bij normaal gebruik breken.",
        ),
        (
            "Damage caused by an airline (report it to the airline within 7 days), scratches and "
            "dents.",
            "Schade door een luchtvaartmaatschappij (meld die binnen 7 dagen bij de "
            "maatschappij), krassen en deuken.",
        ),
    ),
    "optical": (
        ("A frame that breaks at the hinge.", "Een montuur dat bij het scharnier breekt."),
        (
            "Scratched lenses and frames that were bent or sat on.",
            "Gekraste glazen en monturen die verbogen zijn of waarop is gezeten.",
        ),
    ),
    "jewellery": (
        (
            "Broken clasps and stones that come loose.",
            "Kapotte sluitingen en steentjes die loslaten.",
        ),
        (
            "Tarnish, scratches and rings that have been bent or resized elsewhere.",
            "Aanslag, krassen en ringen die verbogen zijn of elders zijn vermaakt.",
        ),
    ),
    "toys": (
        ("Parts that break during normal play.", "Onderdelen die bij normaal spelen breken."),
        (
            "Lost small parts and damage from playing outdoors with indoor toys.",
            "Kwijtgeraakte kleine onderdelen en schade door binnenspeelgoed buiten te gebruiken.",
        ),
    ),
    "knives": (
        (
            "A blade that breaks or a handle that comes loose.",
            "Een lemmet dat breekt of een heft dat loslaat.",
        ),
        (
            "Chips in the blade from cutting bones or frozen food, and damage from the dishwasher.",
            "Scherfjes in het lemmet door botten of bevroren eten te snijden, en schade door de "
            "vaatwasser.",
        ),
    ),
}

# slug, English, Dutch, years, coverage kind
WARRANTIES: tuple[tuple[str, str, str, int, str], ...] = (
    ("watches", "watches", "horloges", 2, "watch"),
    ("smartwatches", "smartwatches", "smartwatches", 2, "electrical"),
    ("headphones", "headphones", "koptelefoons", 2, "electrical"),
    ("speakers", "speakers", "speakers", 2, "electrical"),
    ("televisions", "televisions", "televisies", 5, "electrical"),
    ("laptops", "laptops", "laptops", 2, "electrical"),
    ("coffee-machines", "coffee machines", "koffiemachines", 3, "electrical"),
    ("kettles", "kettles", "waterkokers", 2, "electrical"),
    ("vacuum-cleaners", "vacuum cleaners", "stofzuigers", 5, "electrical"),
    ("hair-dryers", "hair dryers", "föhns", 2, "electrical"),
    ("toothbrushes", "electric toothbrushes", "elektrische tandenborstels", 2, "electrical"),
    ("sofas", "sofas", "banken", 5, "furniture"),
    ("dining-tables", "dining tables", "eettafels", 5, "furniture"),
    ("office-chairs", "office chairs", "bureaustoelen", 5, "furniture"),
    ("mattresses", "mattresses", "matrassen", 10, "furniture"),
    ("suitcases", "suitcases", "koffers", 5, "luggage"),
    ("handbags", "handbags", "handtassen", 2, "textile"),
    ("shoes", "shoes", "schoenen", 1, "textile"),
    ("outdoor-jackets", "outdoor jackets", "outdoorjassen", 3, "textile"),
    ("sunglasses", "sunglasses", "zonnebrillen", 2, "optical"),
    ("jewellery", "jewellery", "sieraden", 2, "jewellery"),
    ("cookware", "pans and cookware", "pannen", 10, "cookware"),
    ("knives", "kitchen knives", "keukenmessen", 10, "knives"),
    ("toys", "toys", "speelgoed", 2, "toys"),
)


def warranty_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for slug, name_en, name_nl, years, kind in WARRANTIES:
        weeks = facts_rng(seed=seed, slug=f"warranty-{slug}").choice((2, 3, 4))
        (cover_en, cover_nl), (not_en, not_nl) = _COVER[kind]
        for language in ("en", "nl"):
            rng = words_rng(seed=seed, slug=f"warranty-{slug}", language=language)
            if language == "en":
                y = "1 year" if years == 1 else f"{years} years"
                title = rng.choice((f"Warranty on {name_en}", f"{_cap(name_en)}: warranty"))
                intro = f"What our warranty on {name_en} covers, and how to use it."
                sections = [
                    (
                        rng.choice(("Warranty period", "How long is the warranty?")),
                        f"{_cap(name_en)} bought at Lindeboom come with a {y} warranty from the "
                        "date of purchase. This is on top of your statutory rights.",
                    ),
                    (rng.choice(("What is covered", "Covered")), cover_en),
                    (rng.choice(("What is not covered", "Not covered")), not_en),
                    (
                        rng.choice(("Making a claim", "How to claim")),
                        rng.choice(
                            (
                                "Report the fault in your account under My orders, with a photo or "
                                "video. We repair, replace or refund the product.",
                                "Send us a photo or video of the fault through your account, "
                                "with your "
                                "order number. We decide whether to repair or replace it.",
                            )
                        )
                        + f" A repair takes about {weeks} weeks.",
                    ),
                ]
            else:
                y = "1 jaar" if years == 1 else f"{years} jaar"
                title = rng.choice((f"Garantie op {name_nl}", f"{_cap(name_nl)}: garantie"))
                intro = f"Wat onze garantie op {name_nl} dekt en hoe je er gebruik van maakt."
                sections = [
                    (
                        rng.choice(("Garantietermijn", "Hoe lang heb ik garantie?")),
                        f"Op {name_nl} die je bij Lindeboom koopt, krijg je {y} garantie vanaf de "
                        "aankoopdatum. Dat komt bovenop je wettelijke rechten.",
                    ),
                    (rng.choice(("Wat valt onder de garantie?", "Gedekt")), cover_nl),
                    (rng.choice(("Wat valt er niet onder?", "Niet gedekt")), not_nl),
                    (
                        rng.choice(("Garantie aanvragen", "Zo claim je garantie")),
                        rng.choice(
                            (
                                "Meld het defect in je account onder Mijn bestellingen, met een "
                                "foto of "
                                "video. We repareren of vervangen het product, of betalen je "
                                "terug.",
                                "Stuur ons via je account een foto of video van het defect, met je "
                                "ordernummer. Wij bepalen of we het repareren of vervangen.",
                            )
                        )
                        + f" Een reparatie duurt ongeveer {weeks} weken.",
                    ),
                ]
            out.append(
                article(
                    slug=f"warranty-{slug}",
                    language=language,
                    title=title,
                    intro=intro,
                    sections=sections,
                )
            )
    return out


# --- brands ----------------------------------------------------------------------------------

# name, English category, Dutch category, origin (en, nl), fit ("small"/"true"/"large")
BRANDS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("Noorderlicht", "knitwear", "breigoed", "Groningen", "Groningen", "true"),
    ("Duinwater", "swimwear", "badmode", "Zandvoort", "Zandvoort", "small"),
    ("Kade & Co", "bags", "tassen", "Amsterdam", "Amsterdam", "true"),
    ("Veldhoen", "outdoor jackets", "outdoorjassen", "Norway", "Noorwegen", "large"),
    ("Polderwind", "rain jackets", "regenjassen", "Rotterdam", "Rotterdam", "large"),
    ("Studio Eik", "furniture", "meubels", "Denmark", "Denemarken", "true"),
    ("Mooi Mies", "dresses", "jurken", "Utrecht", "Utrecht", "small"),
    ("Brasem", "men's shirts", "herenoverhemden", "Portugal", "Portugal", "true"),
    ("Grachtengoed", "bedding", "beddengoed", "Haarlem", "Haarlem", "true"),
    ("Klaproos", "children's clothing", "kinderkleding", "Belgium", "België", "small"),
    ("Terp", "leather boots", "leren laarzen", "Italy", "Italië", "large"),
    ("Ebbe & Vloed", "linen clothing", "linnen kleding", "Lithuania", "Litouwen", "large"),
    ("Wadloper", "walking shoes", "wandelschoenen", "Germany", "Duitsland", "small"),
    ("Zilverzand", "silver jewellery", "zilveren sieraden", "Spain", "Spanje", "true"),
    ("Houtkamp", "wooden toys", "houten speelgoed", "Friesland", "Friesland", "true"),
    ("Molenaar Denim", "jeans", "jeans", "Amsterdam", "Amsterdam", "small"),
    ("Vlasblom", "table linen", "tafellinnen", "Belgium", "België", "true"),
    ("Lepelaar", "cookware", "pannen", "France", "Frankrijk", "true"),
    ("Ooievaar", "baby clothes", "babykleding", "Sweden", "Zweden", "small"),
    ("Stormvogel", "sailing jackets", "zeiljassen", "Zeeland", "Zeeland", "large"),
    ("Kiezel", "sneakers", "sneakers", "Portugal", "Portugal", "small"),
    ("Hazelaar", "watches", "horloges", "Switzerland", "Zwitserland", "true"),
    ("Tulpenburg", "scented candles", "geurkaarsen", "Lisse", "Lisse", "true"),
    ("Dijkgraaf", "suits", "pakken", "Italy", "Italië", "large"),
)

_FIT = {
    "small": (
        "{brand} {cat} run small: order one size up.",
        "{brand} {cat} vallen klein: bestel een maat groter.",
    ),
    "true": (
        "{brand} {cat} are true to size: order your usual size.",
        "{brand} {cat} vallen normaal: bestel je gewone maat.",
    ),
    "large": (
        "{brand} {cat} run large: order one size down.",
        "{brand} {cat} vallen groot: bestel een maat kleiner.",
    ),
}


# What a brand page says about fit and care depends on what the brand makes.
_KIND = {
    "bags": "object",
    "furniture": "object",
    "silver jewellery": "object",
    "wooden toys": "object",
    "cookware": "object",
    "watches": "object",
    "scented candles": "object",
    "bedding": "home",
    "table linen": "home",
    "leather boots": "shoes",
    "walking shoes": "shoes",
    "sneakers": "shoes",
    "suits": "suit",
}
_MATERIAL = {
    "bags": ("vegetable-tanned leather", "plantaardig gelooid leer"),
    "furniture": ("solid oak", "massief eikenhout"),
    "silver jewellery": ("recycled sterling silver", "gerecycled sterlingzilver"),
    "wooden toys": ("FSC-certified beech", "FSC-gecertificeerd beukenhout"),
    "cookware": ("multi-layer stainless steel", "meerlaags rvs"),
    "watches": ("stainless steel and sapphire glass", "roestvrij staal en saffierglas"),
    "scented candles": ("soy wax", "sojawas"),
    "bedding": ("organic cotton percale", "biologisch katoenen percal"),
    "table linen": ("washed linen", "gewassen linnen"),
}


def _brand_middle(
    *, name: str, cat: tuple[str, str], fit: str, temp: int, rng: random.Random, i: int
) -> list[tuple[str, str]]:
    """The brand page's fit (or materials) and care sections, in language ``i`` (0 en, 1 nl)."""
    kind = _KIND.get(cat[0], "textile")
    c = cat[i]
    if kind in ("object", "home"):
        material = _MATERIAL[cat[0]][i]
        first = (
            (
                rng.choice(("Materials", "What it is made of")),
                f"{name} makes its {c} from {material}.",
            )
            if i == 0
            else (
                rng.choice(("Materialen", "Waar is het van gemaakt?")),
                f"{name} maakt zijn {c} van {material}.",
            )
        )
    else:
        first = (
            rng.choice(("Fit", "Sizing")) if i == 0 else rng.choice(("Pasvorm", "Maatvoering")),
            _FIT[fit][i].format(brand=name, cat=c),
        )
    care_en, care_nl = {
        "textile": (
            f"{name} recommends washing its {c} at {temp} °C at most, and never using fabric "
            "softener or bleach.",
            f"{name} raadt aan om zijn {c} op maximaal {temp} °C te wassen, en nooit "
            "wasverzachter of bleekmiddel te gebruiken.",
        ),
        "home": (
            f"{name} {c} can be washed at {temp + 20} °C; iron while slightly damp.",
            f"{name} {c} mag op {temp + 20} °C gewassen worden; strijk het licht vochtig.",
        ),
        "suit": (
            f"Have {name} suits dry-cleaned, and let them air on a wide hanger between wears.",
            f"Laat {name}-pakken chemisch reinigen en laat ze tussen het dragen door luchten "
            "op een brede hanger.",
        ),
        "shoes": (
            f"Brush {name} {c} clean with a soft brush and treat them with a water-repellent "
            "spray every month.",
            f"Borstel {name} {c} schoon met een zachte borstel en behandel ze elke maand met "
            "een waterafstotende spray.",
        ),
        "object": (
            f"Clean {name} {c} with a soft, dry cloth; never use abrasive cleaners.",
            f"Maak {c} van {name} schoon met een zachte, droge doek; gebruik nooit schuurmiddel.",
        ),
    }[kind]
    care_heading = (
        rng.choice(("Care", "Looking after it"))
        if i == 0
        else rng.choice(("Onderhoud", "Verzorging"))
    )
    return [first, (care_heading, (care_en, care_nl)[i])]


def _brand(
    *, seed: int, slug: str, name: str, cat: tuple[str, str], origin: tuple[str, str], fit: str
) -> list[CorpusArticle]:
    facts = facts_rng(seed=seed, slug=slug)
    founded, years, temp = (
        facts.randint(1921, 2019),
        facts.choice((1, 2, 3, 5)),
        facts.choice((30, 40)),
    )
    out = []
    for language in ("en", "nl"):
        i = 0 if language == "en" else 1
        rng = words_rng(seed=seed, slug=slug, language=language)
        c, o = cat[i], origin[i]
        if i == 0:
            about = (
                f"About {name}",
                f"{name} is a label from {o} that has made {c} since {founded}. "
                "Lindeboom sells its full collection online and in our larger stores.",
            )
            warranty = (
                rng.choice(("Warranty", "Brand warranty")),
                f"{name} gives {years} year{'s' if years > 1 else ''} of warranty on its {c}. "
                "Returns follow Lindeboom's normal returns policy.",
            )
            title = rng.choice((name, f"{name} at Lindeboom"))
            intro = f"Everything about {name} {c}."
        else:
            about = (
                f"Over {name}",
                f"{name} is een label uit {o} dat sinds {founded} {c} maakt. "
                "Lindeboom verkoopt de hele collectie online en in onze grotere winkels.",
            )
            warranty = (
                rng.choice(("Garantie", "Merkgarantie")),
                f"{name} geeft {years} jaar garantie op zijn {c}. Retourneren gaat volgens het "
                "normale retourbeleid van Lindeboom.",
            )
            title = rng.choice((name, f"{name} bij Lindeboom"))
            intro = f"Alles over {c} van {name}."
        middle = _brand_middle(name=name, cat=cat, fit=fit, temp=temp, rng=rng, i=i)
        out.append(
            article(
                slug=slug,
                language=language,
                title=title,
                intro=intro,
                sections=[about, *middle, warranty],
            )
        )
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def brand_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for name, cat_en, cat_nl, origin_en, origin_nl, fit in BRANDS:
        out += _brand(
            seed=seed,
            slug=f"brand-{_slug(name)}",
            name=name,
            cat=(cat_en, cat_nl),
            origin=(origin_en, origin_nl),
            fit=fit,
        )
    return out


_SYLLABLES = (
    "ka",
    "lo",
    "ver",
    "den",
    "mi",
    "ra",
    "tes",
    "bo",
    "lin",
    "dra",
    "ko",
    "sen",
    "wa",
    "tur",
    "el",
    "ma",
    "rik",
    "zo",
    "fen",
    "gar",
    "hol",
    "pe",
    "nor",
    "vi",
)


def generated_brand_articles(*, seed: int, count: int) -> list[CorpusArticle]:
    """``count`` generated brands (made-up names, two articles each), for bigger stores."""
    rng = random.Random(f"{seed}/generated-brands")
    out: list[CorpusArticle] = []
    taken = {_slug(b[0]) for b in BRANDS}
    while len(out) < 2 * count:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if _slug(name) in taken:
            continue
        taken.add(_slug(name))
        _, cat_en, cat_nl, origin_en, origin_nl, _ = rng.choice(BRANDS)
        fit = rng.choice(("small", "true", "large"))
        out += _brand(
            seed=seed,
            slug=f"brand-{_slug(name)}",
            name=name,
            cat=(cat_en, cat_nl),
            origin=(origin_en, origin_nl),
            fit=fit,
        )
    return out
