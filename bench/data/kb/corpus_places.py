"""Generated articles about places: shipping and returns per country, and a page per shop."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from bench.data.kb.corpus import CorpusArticle, article, eur, facts_rng, words_rng


@dataclass(frozen=True)
class Country:
    slug: str
    en: str
    nl: str
    zone: int  # 0 home, 1 neighbours, 2 near EU, 3 far EU, 4 Europe outside the EU, 5 overseas
    languages: tuple[str, ...] = ("en", "nl")


COUNTRIES: tuple[Country, ...] = (
    Country("netherlands", "the Netherlands", "Nederland", 0),
    Country("belgium", "Belgium", "België", 1),
    Country("luxembourg", "Luxembourg", "Luxemburg", 1),
    Country("germany", "Germany", "Duitsland", 1),
    Country("france", "France", "Frankrijk", 2),
    Country("austria", "Austria", "Oostenrijk", 2),
    Country("denmark", "Denmark", "Denemarken", 2),
    Country("ireland", "Ireland", "Ierland", 3),
    Country("spain", "Spain", "Spanje", 3),
    Country("portugal", "Portugal", "Portugal", 3),
    Country("italy", "Italy", "Italië", 3),
    Country("sweden", "Sweden", "Zweden", 3),
    Country("finland", "Finland", "Finland", 3),
    Country("poland", "Poland", "Polen", 3),
    Country("czechia", "the Czech Republic", "Tsjechië", 3),
    Country("slovakia", "Slovakia", "Slowakije", 3),
    Country("hungary", "Hungary", "Hongarije", 3),
    Country("slovenia", "Slovenia", "Slovenië", 3),
    Country("croatia", "Croatia", "Kroatië", 3),
    Country("greece", "Greece", "Griekenland", 3),
    Country("estonia", "Estonia", "Estland", 3),
    Country("latvia", "Latvia", "Letland", 3),
    Country("lithuania", "Lithuania", "Litouwen", 3),
    Country("romania", "Romania", "Roemenië", 3),
    Country("bulgaria", "Bulgaria", "Bulgarije", 3),
    Country("united-kingdom", "the United Kingdom", "het Verenigd Koninkrijk", 4),
    Country("switzerland", "Switzerland", "Zwitserland", 4),
    Country("norway", "Norway", "Noorwegen", 4, ("en",)),
    Country("united-states", "the United States", "de Verenigde Staten", 5, ("en",)),
    Country("canada", "Canada", "Canada", 5, ("en",)),
)

_CARRIERS = {
    0: ("PostNL", "DHL"),
    1: ("PostNL", "DHL", "DPD"),
    2: ("DPD", "DHL", "GLS"),
    3: ("DPD", "GLS", "UPS"),
    4: ("DHL Express", "UPS"),
    5: ("FedEx", "UPS", "DHL Express"),
}
_DAYS = {0: (1, 2), 1: (2, 3), 2: (3, 5), 3: (4, 7), 4: (3, 6), 5: (6, 10)}
_COST = {0: 3.95, 1: 5.95, 2: 7.95, 3: 9.95, 4: 14.95, 5: 24.95}
_FREE_FROM = {0: 50, 1: 75, 2: 100, 3: 150, 4: 200, 5: 300}


def _name(country: Country, language: str) -> str:
    return country.en if language == "en" else country.nl


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _nl_time(text: object) -> str:
    """Dutch writes times with a dot: 16.00 (uur)."""
    return str(text).replace(":", ".")


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


# --- shipping per country --------------------------------------------------------------------


def shipping_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for country in COUNTRIES:
        facts = facts_rng(seed=seed, slug=f"shipping-{country.slug}")
        d1, d2 = _DAYS[country.zone]
        extra = facts.choice((0, 0, 1))
        values = {
            "carrier": facts.choice(_CARRIERS[country.zone]),
            "d1": d1 + extra,
            "d2": d2 + extra,
            "cost": _COST[country.zone] + facts.choice((0, 0, 1, 2)),
            "free": _FREE_FROM[country.zone],
            "cutoff": facts.choice(("15:00", "16:00", "17:00")),
            "hold": facts.choice((7, 10, 14)),
        }
        for language in country.languages:
            rng = words_rng(seed=seed, slug=f"shipping-{country.slug}", language=language)
            out.append(_shipping(country, language, rng, values))
    return out


def _shipping(
    country: Country, language: str, rng: random.Random, v: Mapping[str, object]
) -> CorpusArticle:
    c = _name(country, language)
    en = language == "en"
    cost, free = eur(float(str(v["cost"])), language), eur(float(str(v["free"])), language)
    if en:
        title = _pick(rng, f"Shipping to {c}", f"Delivery to {c}")
        intro = _pick(
            rng,
            f"Everything you need to know about getting your order delivered in {c}.",
            f"We ship to {c} from our warehouse in Tilburg. Here is how it works.",
        )
        sections = [
            (
                _pick(rng, "Delivery time", "How long does delivery take?", "Delivery times"),
                _pick(
                    rng,
                    f"We deliver orders to {c} within {v['d1']}–{v['d2']} business days. Orders "
                    f"placed before {v['cutoff']} on a business day leave our warehouse the same "
                    "day.",
                    f"Your parcel usually arrives in {c} {v['d1']} to {v['d2']} working days "
                    f"after you order. If you order before {v['cutoff']} on a working day, we "
                    "ship it the same day.",
                ),
            ),
            (
                _pick(rng, "Shipping costs", "What does shipping cost?", "Delivery charges"),
                f"Shipping to {c} costs {cost}. "
                + _pick(
                    rng,
                    f"From {free} we ship your order free of charge.",
                    f"Orders of {free} or more are delivered for free.",
                ),
            ),
            (
                _pick(rng, "Carrier and tracking", "Track your parcel", "Who delivers my parcel?"),
                f"{v['carrier']} delivers your parcel in {c}. "
                + _pick(
                    rng,
                    "As soon as it leaves our warehouse you receive an email with a tracking link.",
                    "You get a track-and-trace link by email on the day we ship your order.",
                ),
            ),
        ]
    else:
        title = _pick(rng, f"Verzenden naar {c}", f"Bezorging in {c}")
        intro = _pick(
            rng,
            f"Alles over de bezorging van je bestelling in {c}.",
            f"We verzenden naar {c} vanuit ons magazijn in Tilburg. Zo werkt het.",
        )
        sections = [
            (
                _pick(rng, "Levertijd", "Hoe lang duurt de bezorging?", "Levertijden"),
                _pick(
                    rng,
                    f"Bestellingen naar {c} bezorgen we binnen {v['d1']}–{v['d2']} werkdagen. "
                    f"Bestel je op een werkdag vóór {_nl_time(v['cutoff'])} uur, dan vertrekt je "
                    f"pakket "
                    "dezelfde dag nog uit ons magazijn.",
                    f"Je pakket is meestal {v['d1']} tot {v['d2']} werkdagen na je bestelling in "
                    f"{c}. Bestel je op een werkdag vóór {_nl_time(v['cutoff'])} uur, dan "
                    f"versturen we het "
                    "nog dezelfde dag.",
                ),
            ),
            (
                _pick(rng, "Verzendkosten", "Wat kost verzenden?", "Bezorgkosten"),
                f"Verzenden naar {c} kost {cost}. "
                + _pick(
                    rng,
                    f"Vanaf {free} verzenden we je bestelling gratis.",
                    f"Bestellingen vanaf {free} bezorgen we kosteloos.",
                ),
            ),
            (
                _pick(
                    rng,
                    "Vervoerder en track & trace",
                    "Je pakket volgen",
                    "Wie bezorgt mijn pakket?",
                ),
                f"{v['carrier']} bezorgt je pakket in {c}. "
                + _pick(
                    rng,
                    "Zodra het ons magazijn verlaat, krijg je een e-mail met een "
                    "track-and-trace-link.",
                    "Op de dag dat we je bestelling versturen, ontvang je een track & trace-link "
                    "per mail.",
                ),
            ),
        ]
    sections.append(_shipping_extra(country, language, rng, v))
    sections.append(
        (
            "Sending something back" if en else "Iets terugsturen",
            f"Want to return something from {c}? The return window, the return costs and how "
            f"to send your parcel back are in the article about returning from {c}."
            if en
            else f"Wil je iets terugsturen vanuit {c}? De retourtermijn, de retourkosten en hoe "
            f"je je pakket terugstuurt, lees je in het artikel over retourneren vanuit {c}.",
        )
    )
    return article(
        slug=f"shipping-{country.slug}",
        language=language,
        title=title,
        intro=intro,
        sections=sections,
    )


def _shipping_extra(
    country: Country, language: str, rng: random.Random, v: Mapping[str, object]
) -> tuple[str, str]:
    c, en, carrier = _name(country, language), language == "en", v["carrier"]
    if country.zone <= 3:
        if en:
            return (
                _pick(rng, "Not at home?", "Pickup points", "Missed delivery"),
                f"Not at home when {carrier} comes by? They try once more the next business "
                f"day, then take your parcel to a pickup point nearby, where it waits for you "
                f"for {v['hold']} days. You can also choose a pickup point at checkout.",
            )
        return (
            _pick(rng, "Niet thuis?", "Afhaalpunten", "Bezorging gemist"),
            f"Ben je niet thuis als {carrier} langskomt? Dan proberen ze het de volgende "
            f"werkdag nog een keer en daarna ligt je pakket {v['hold']} dagen voor je klaar bij "
            "een afhaalpunt in de buurt. Je kunt bij het afrekenen ook meteen een afhaalpunt "
            "kiezen.",
        )
    if country.slug == "united-kingdom":
        text_en = (
            "Our prices for the United Kingdom include UK VAT and we pay the import duties, so "
            "there is nothing extra to pay when your parcel arrives."
        )
        text_nl = (
            "Onze prijzen voor het Verenigd Koninkrijk zijn inclusief Britse btw en wij betalen "
            "de invoerrechten. Bij bezorging betaal je dus niets extra."
        )
    elif country.zone == 4:
        text_en = (
            f"Orders to {c} leave the EU without Dutch VAT. {carrier} charges the local VAT, "
            "import duties and a handling fee when it delivers your parcel. We cannot refund "
            "these charges when you return your order."
        )
        text_nl = (
            f"Bestellingen naar {c} verlaten de EU zonder Nederlandse btw. {carrier} rekent bij "
            "de bezorging de lokale btw, invoerrechten en administratiekosten. Die kosten kunnen "
            "we niet terugbetalen als je je bestelling retourneert."
        )
    else:
        text_en = (
            f"Orders to {c} may be charged import duties and sales tax by the local customs "
            f"office. {carrier} asks you to pay them before it delivers. Furniture and large "
            f"appliances cannot be shipped to {c}."
        )
        text_nl = text_en
    if en:
        return (_pick(rng, "Customs and import duties", "Import duties and taxes"), text_en)
    return (_pick(rng, "Douane en invoerrechten", "Invoerrechten en belastingen"), text_nl)


# --- returns per country ---------------------------------------------------------------------


def country_returns_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for country in COUNTRIES:
        facts = facts_rng(seed=seed, slug=f"returns-{country.slug}")
        free = country.zone <= 1 or facts.random() < 0.3
        values = {
            "carrier": facts.choice(_CARRIERS[min(country.zone, 3)]),
            "days": 30 if country.zone <= 2 else facts.choice((14, 30, 30)),
            "fee": 0.0 if free else facts.choice((4.95, 6.95, 9.95, 14.95)),
            "refund_days": facts.choice((5, 7, 10, 14)),
        }
        for language in country.languages:
            rng = words_rng(seed=seed, slug=f"returns-{country.slug}", language=language)
            out.append(_country_returns(country, language, rng, values))
    return out


def _country_returns(
    country: Country, language: str, rng: random.Random, v: Mapping[str, object]
) -> CorpusArticle:
    c, carrier, days = _name(country, language), v["carrier"], v["days"]
    fee = float(str(v["fee"]))
    if language == "en":
        title = _pick(rng, f"Returning from {c}", f"Returns from {c}")
        intro = _pick(
            rng,
            f"Changed your mind? This is how returns from {c} work.",
            f"Sending something back from {c}? Read how it works below.",
        )
        cost = (
            f"Returning from {c} is free: the return label costs you nothing."
            if fee == 0
            else f"A return from {c} costs {eur(fee, language)}. We deduct this amount from "
            "your refund."
        )
        sections = [
            (
                _pick(rng, "Return period", "How long do I have to return?", "Return window"),
                f"From {c} you can return items within {days} days of delivery. The day after "
                "your parcel is delivered counts as day one.",
            ),
            (
                _pick(rng, "How to send your return", "Sending your parcel back"),
                _pick(
                    rng,
                    f"Register your return in your {'Lindeboom'} account, print the {carrier} "
                    f"label and drop your parcel at a {carrier} point in {c}.",
                    f"Start your return in your account. You get a {carrier} label by email; "
                    f"stick it on the box and hand it in at any {carrier} drop-off point in {c}.",
                ),
            ),
            (_pick(rng, "Return costs", "Is returning free?", "What does a return cost?"), cost),
            (
                _pick(rng, "Your refund", "When do I get my money back?"),
                f"Once your return has arrived at our warehouse, we refund you within "
                f"{v['refund_days']} days, to the payment method you used.",
            ),
        ]
    else:
        title = _pick(rng, f"Retourneren vanuit {c}", f"Retouren vanuit {c}")
        intro = _pick(
            rng,
            f"Toch niet tevreden? Zo werkt retourneren vanuit {c}.",
            f"Wil je iets terugsturen vanuit {c}? Hieronder lees je hoe dat werkt.",
        )
        cost = (
            f"Retourneren vanuit {c} is gratis: het retourlabel kost je niets."
            if fee == 0
            else f"Een retour vanuit {c} kost {eur(fee, language)}. Dat bedrag houden we in op "
            "je terugbetaling."
        )
        sections = [
            (
                _pick(rng, "Retourtermijn", "Hoe lang heb ik om te retourneren?", "Bedenktijd"),
                f"Vanuit {c} kun je artikelen binnen {days} dagen na bezorging retourneren. De dag "
                "na de bezorging van je pakket telt als dag één.",
            ),
            (
                _pick(rng, "Zo stuur je je retour op", "Je pakket terugsturen"),
                _pick(
                    rng,
                    f"Meld je retour aan in je Lindeboom-account, print het {carrier}-label en "
                    f"lever je pakket in bij een {carrier}-punt in {c}.",
                    f"Meld je retour aan in je account. Je krijgt een {carrier}-label per e-mail; "
                    f"plak het op de doos en lever hem in bij een {carrier}-inleverpunt in {c}.",
                ),
            ),
            (_pick(rng, "Retourkosten", "Is retourneren gratis?", "Wat kost retourneren?"), cost),
            (
                _pick(rng, "Je terugbetaling", "Wanneer krijg ik mijn geld terug?"),
                f"Zodra je retour in ons magazijn is aangekomen, betalen we je binnen "
                f"{v['refund_days']} dagen terug via de betaalmethode waarmee je hebt betaald.",
            ),
        ]
    return article(
        slug=f"returns-{country.slug}",
        language=language,
        title=title,
        intro=intro,
        sections=sections,
    )


# --- shops -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shop:
    slug: str
    city: str
    languages: tuple[str, ...] = ("en", "nl")


SHOPS: tuple[Shop, ...] = (
    *(
        Shop(city.lower().replace("'", "").replace(" ", "-"), city)
        for city in (
            "Amsterdam",
            "Rotterdam",
            "Den Haag",
            "Utrecht",
            "Eindhoven",
            "Groningen",
            "Tilburg",
            "Almere",
            "Breda",
            "Nijmegen",
            "Apeldoorn",
            "Haarlem",
            "Arnhem",
            "Enschede",
            "Amersfoort",
            "Zwolle",
            "Leiden",
            "Maastricht",
            "Dordrecht",
            "Delft",
            "Alkmaar",
            "Leeuwarden",
            "'s-Hertogenbosch",
            "Deventer",
            "Hilversum",
            "Venlo",
            "Middelburg",
            "Assen",
        )
    ),
    *(
        Shop(city.lower(), city, ("nl",))
        for city in (
            "Antwerpen",
            "Gent",
            "Brugge",
            "Leuven",
            "Hasselt",
            "Mechelen",
            "Kortrijk",
            "Aalst",
        )
    ),
)

_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_SERVICES = {
    "collect": (
        "picking up online orders (click & collect)",
        "online bestellingen afhalen (click & collect)",
    ),
    "returns": (
        "handing in online returns at the service desk",
        "online retouren inleveren bij de servicebalie",
    ),
    "alterations": (
        "alterations: we shorten trousers and sleeves",
        "vermaken: we korten broeken en mouwen in",
    ),
    "giftwrap": ("free gift wrapping", "gratis cadeauverpakking"),
    "cafe": ("a café on the top floor", "een café op de bovenste verdieping"),
    "watch": (
        "watch battery replacement while you wait",
        "horlogebatterij vervangen terwijl je wacht",
    ),
    "furniture": ("a furniture showroom", "een meubelshowroom"),
    "beauty": ("a beauty counter with free skin advice", "een beautybalie met gratis huidadvies"),
}


def shop_articles(*, seed: int) -> list[CorpusArticle]:
    out: list[CorpusArticle] = []
    for shop in SHOPS:
        facts = facts_rng(seed=seed, slug=f"shop-{shop.slug}")
        values = {
            "monday_open": facts.choice(("11:00", "12:00", "13:00")),
            "open": facts.choice(("09:30", "10:00")),
            "close": facts.choice(("18:00", "18:00", "19:00")),
            "late_day": facts.choice((3, 4)),
            "sunday": facts.choice((None, "12:00–17:00", "12:00–18:00")),
            "street": facts.choice(
                (
                    "Grote Markt",
                    "Hoogstraat",
                    "Marktplein",
                    "Kerkstraat",
                    "Stationsplein",
                    "Lange Nieuwstraat",
                )
            ),
            "number": facts.randint(1, 120),
            "parking": facts.choice(
                ("P1 Centrum", "Parkeergarage Markt", "P+R Zuid", "Parkeergarage Stationsplein")
            ),
            "walk": facts.choice((3, 5, 8, 10, 12)),
            "services": sorted(facts.sample(list(_SERVICES), k=4)),
            "kingsday": facts.choice(("12:00–17:00", "closed", "10:00–16:00")),
        }
        for language in shop.languages:
            rng = words_rng(seed=seed, slug=f"shop-{shop.slug}", language=language)
            out.append(_shop(shop, language, rng, values))
    return out


def _hours(language: str, v: Mapping[str, object]) -> str:
    en = language == "en"
    if not en:
        v = {k: _nl_time(x) if isinstance(x, str) else x for k, x in v.items()}
    days = _WEEKDAYS_EN if en else _WEEKDAYS_NL
    late = int(str(v["late_day"]))
    lines = [
        f"- {_cap(days[0])}: {v['monday_open']}–{v['close']}",
        f"- {_cap(days[1])} {'to' if en else 't/m'} {days[5]}: {v['open']}–{v['close']}",
        f"- {_cap(days[late])}: {'open until 21:00' if en else 'koopavond tot 21.00 uur'}"
        + (" (late-night shopping)" if en else ""),
    ]
    sunday = v["sunday"]
    if sunday:
        lines.append(f"- {_cap(days[6])}: {sunday}")
    else:
        lines.append(f"- {_cap(days[6])}: {'closed' if en else 'gesloten'}")
    return "\n".join(lines)


def _shop(shop: Shop, language: str, rng: random.Random, v: Mapping[str, object]) -> CorpusArticle:
    en, city = language == "en", shop.city
    services = [_SERVICES[s][0 if en else 1] for s in cast(list[str], v["services"])]
    address = f"{v['street']} {v['number']}, {city}"
    kingsday = str(v["kingsday"])
    if en:
        title = _pick(rng, f"Lindeboom {city}", f"Our store in {city}")
        intro = f"Visit Lindeboom in the centre of {city}."
        holiday = (
            "On King's Day the store is closed."
            if kingsday == "closed"
            else f"On King's Day the store is open {kingsday}."
        ) + " On Christmas Day and New Year's Day we are closed."
        sections = [
            (_pick(rng, "Opening hours", "When are we open?"), _hours(language, v)),
            (
                _pick(rng, "Address and parking", "Getting here"),
                f"You will find us at {address}. The nearest car park is {v['parking']}; the "
                f"station is a {v['walk']}-minute walk.",
            ),
            (
                _pick(rng, "In-store services", "What you can do in this store"),
                "In this store you will find:\n\n" + "\n".join(f"- {s}" for s in services),
            ),
            (_pick(rng, "Public holidays", "Holiday opening hours"), holiday),
        ]
    else:
        title = _pick(rng, f"Lindeboom {city}", f"Onze winkel in {city}")
        intro = f"Kom langs bij Lindeboom in het centrum van {city}."
        day = "Koningsdag" if "en" in shop.languages else "de nationale feestdag (21 juli)"
        holiday = (
            f"Op {day} is de winkel gesloten."
            if kingsday == "closed"
            else f"Op {day} is de winkel open van {_nl_time(kingsday)} uur."
        ) + " Op eerste kerstdag en nieuwjaarsdag zijn we gesloten."
        sections = [
            (_pick(rng, "Openingstijden", "Wanneer zijn we open?"), _hours(language, v)),
            (
                _pick(rng, "Adres en parkeren", "Zo kom je er"),
                f"Je vindt ons op {address}. De dichtstbijzijnde parkeergarage is {v['parking']}; "
                f"vanaf het station is het {v['walk']} minuten lopen.",
            ),
            (
                _pick(rng, "Services in de winkel", "Wat kun je in deze winkel doen?"),
                "In deze winkel kun je terecht voor:\n\n" + "\n".join(f"- {s}" for s in services),
            ),
            (_pick(rng, "Feestdagen", "Openingstijden op feestdagen"), holiday),
        ]
    return article(
        slug=f"shop-{shop.slug}", language=language, title=title, intro=intro, sections=sections
    )
