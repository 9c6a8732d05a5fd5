"""Word lists for search: stopwords, shared concepts across English and Dutch, and a base
vocabulary for splitting Dutch compounds.

Written by us for this product's domain (shop policies: returns, refunds, cancellations,
delivery, payment). Words are given as people write them; ``knowledge.analysis`` folds and
stems them with the same pipeline as the text, so every inflected form that stems alike maps
to the same concept.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``."""
    return frozenset(text.split())


def _phrases(text: str) -> tuple[str, ...]:
    """Words and phrases separated by "|"."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": word_set(
        """
        a an the and or but if then than so of to in on at for from by with about as into onto
        is are was were be been being am do does did done doing have has had having i me my mine
        myself you your yours we us our ours it its they them their he him his she her this that
        these those there here what which who whom whose when where why how can could will would
        shall should may might must also just very too any some all each both either get gets
        got getting please hi hello hey thanks thank want wanted like need know let lets up out
        over again once only own same such other more most much many long within before after
        while until during per via yes ok okay still already ever even im don dont isn doesn
        didn cannot won something anything someone anyone accept accepted offer offers provide
        possible allowed tell explain help find look see really actually question questions
        policy policies rules info information stuff thing things another went go goes going
        gone come came make made tried try little completely anyway maybe though
        take takes taking took
        """
    ),
    "nl": word_set(
        """
        de het een en of maar als dan want van voor naar in op aan met bij uit om tot door over
        te dat die dit deze er hier daar wat welk welke wie waar wanneer hoe waarom waarmee ik
        mij me mijn je jij jou jouw u uw we wij ons onze hij zij ze hem haar hun zich is ben
        bent zijn was waren wordt worden werd werden heb hebt heeft hebben had hadden kan kun
        kunt kunnen kon konden zal zult zullen zou zouden moet moeten mag mogen wil wilt willen
        ook nog al toch even wel zo graag hallo hoi hey bedankt dank alstublieft aub krijg
        krijgt krijgen kreeg doe doet doen gedaan ga gaat gaan binnen lang veel meer heel erg nu
        al echter eens alleen hetzelfde dezelfde zelf ja oke ok nadat voordat tijdens sinds
        totdat vanaf via per iets niets iemand mogelijk toegestaan accepteren accepteert
        vertellen uitleggen helpen vinden zien vraag vragen echt onder boven tegen zonder achter
        naast laat laten mee beleid regels info informatie jullie na vanuit geworden
        word wordt dingen ding spullen eigenlijk misschien gewoon nieuwe nieuw
        duurt duren duurde
        """
    ),
}

# Concept id -> words and phrases per language. A phrase matches its words in order with up to
# three other words in between ("send it back", "stuur ik het artikel terug"); a word matched by a
# phrase does not also count for a single-word concept. Concept terms are written "~id".
CONCEPTS: dict[str, dict[str, tuple[str, ...]]] = {
    "return": {
        "en": _phrases(
            "return | returns | returned | returning | send back | sent back | give back | "
            "bring back | take back | returnable"
        ),
        "nl": _phrases(
            "retour | retouren | retourneren | retourneer | retourneert | geretourneerd | "
            "retournering | retourzending | terugsturen | terugstuur | terugstuurt | "
            "teruggestuurd | terugzenden | teruggezonden | terugbrengen | stuur terug | "
            "stuurt terug | sturen terug | terug sturen | terug brengen | retourpakket"
        ),
    },
    "refund": {
        "en": _phrases(
            "refund | refunds | refunded | refunding | money back | reimburse | reimbursement "
            "| repay | pay back | paid back"
        ),
        "nl": _phrases(
            "terugbetaling | terugbetalingen | terugbetalen | terugbetaald | geld terug | "
            "bedrag terug | terugstorten | teruggestort | terugstorting | restitutie | refund "
            "| betalen terug | betaal terug | betaalt terug"
        ),
    },
    "exchange": {
        "en": _phrases("exchange | exchanges | exchanged | exchanging | swap | swapped"),
        "nl": _phrases("ruilen | ruil | ruilt | geruild | omruilen | omgeruild | omwisselen"),
    },
    "cancel": {
        "en": _phrases(
            "cancel | cancels | cancelled | canceled | cancelling | canceling | cancellation "
            "| call off"
        ),
        "nl": _phrases(
            "annuleren | annuleer | annuleert | geannuleerd | annulering | annuleringen | "
            "stopzetten | stopgezet | afzeggen | afgezegd | afbestellen | intrekken"
        ),
    },
    "delivery": {
        "en": _phrases(
            "delivery | deliveries | deliver | delivers | delivered | shipping | ship | ships "
            "| shipped | dispatch | dispatched | send | sent | postage"
        ),
        "nl": _phrases(
            "bezorging | bezorgen | bezorgd | bezorgt | bezorg | levering | leveren | levert "
            "| geleverd | lever | verzending | verzenden | verzend | verzendt | verzonden | "
            "versturen | verstuur | verstuurt | verstuurd | opsturen | opgestuurd"
        ),
    },
    "edit": {
        "en": _phrases(
            "change | changes | changed | changing | edit | edits | edited | editing | modify "
            "| modified | amend | amended | alter | altered | adjust | adjusted"
        ),
        "nl": _phrases(
            "wijzigen | wijzig | wijzigt | gewijzigd | wijziging | wijzigingen | aanpassen | "
            "aanpas | past aan | aangepast | veranderen | verander | verandert | veranderd | "
            "verandering"
        ),
    },
    "size": {
        "en": _phrases("size | sizes | sizing"),
        "nl": _phrases("maat | maten | maatje"),
    },
    "colour": {
        "en": _phrases("colour | colours | color | colors"),
        "nl": _phrases("kleur | kleuren"),
    },
    "cost": {
        "en": _phrases("cost | costs | fee | fees | charge | charges | charged | price | postage"),
        "nl": _phrases("kosten | kost | tarief | toeslag | prijs | prijzen"),
    },
    "free": {
        "en": _phrases("free | free of charge | no charge | no cost | at no cost"),
        "nl": _phrases("gratis | kosteloos | kostenloos | zonder kosten"),
    },
    "payment": {
        "en": _phrases("pay | pays | paid | paying | payment | payments"),
        "nl": _phrases(
            "betalen | betaal | betaalt | betaald | betaling | betalingen | afrekenen | "
            "afschrijven | afgeschreven"
        ),
    },
    "payment_method": {
        "en": _phrases(
            "payment method | payment methods | pay with | pay by | ways to pay | payment "
            "options | pay using | how can i pay | how do i pay | how to pay"
        ),
        "nl": _phrases(
            "betaalmethode | betaalmethodes | betaalmethoden | betalen met | betaal met | "
            "betaalopties | betaalwijze | betaalwijzen | hoe kan ik betalen | hoe betaal ik"
        ),
    },
    "card": {
        "en": _phrases(
            "credit card | credit cards | debit card | debit cards | visa | mastercard | "
            "maestro | amex | american express"
        ),
        "nl": _phrases(
            "creditcard | creditcards | pinpas | bankpas | betaalpas | visa | mastercard | "
            "maestro | amex | american express"
        ),
    },
    "instalments": {
        "en": _phrases("instalments | instalment | installments | installment | in three parts"),
        "nl": _phrases("termijnen | in 3 keer | in drie keer | gespreid | gespreid betalen"),
    },
    "paylater": {
        "en": _phrases("pay later | klarna | afterpay | buy now pay later"),
        "nl": _phrases("achteraf betalen | betaal achteraf | klarna | afterpay"),
    },
    "order": {
        "en": _phrases("order | orders | ordered | ordering | purchase | purchased"),
        "nl": _phrases("bestelling | bestellingen | bestellen | besteld | bestel | aankoop"),
    },
    "item": {
        # Besides the words themselves, everyday names of things people buy: a question about
        # "my sweater" is about an item, even when the policies never name sweaters.
        "en": _phrases(
            "item | items | article | articles | product | products | sweater | jumper | "
            "shirt | t shirt | blouse | dress | skirt | trousers | jeans | jacket | coat | "
            "hoodie | necklace | bracelet | bag | toy | gadget"
        ),
        "nl": _phrases(
            "artikel | artikelen | product | producten | item | items | trui | shirt | "
            "blouse | jurk | rok | broek | spijkerbroek | jas | jasje | hoodie | ketting | "
            "armband | ring | horloge | tas | speelgoed"
        ),
    },
    # Departments, with everyday names of what they sell: "a sofa" is furniture, "de koelkast"
    # a large appliance, so a question about one finds the department's rules. Names that are
    # also policy words are left out ("bank" is a couch and a bank, "table" a size table,
    # "slip" a return slip, "phone" a way to contact us).
    "furniture": {
        "en": _phrases(
            "furniture | sofa | sofas | couch | dining table | coffee table | chair | chairs | "
            "wardrobe | cupboard | cabinet | bed frame | bookcase"
        ),
        "nl": _phrases(
            "meubel | meubels | meubelen | zitbank | bankstel | tafel | tafels | stoel | "
            "stoelen | kast | kasten | kledingkast | ledikant | boekenkast"
        ),
    },
    "large_appliance": {
        "en": _phrases(
            "large appliance | large appliances | fridge | fridges | refrigerator | freezer | "
            "washing machine | washer | dryer | tumble dryer | dishwasher | oven | cooker"
        ),
        "nl": _phrases(
            "groot apparaat | grote apparaten | koelkast | koelkasten | vriezer | wasmachine | "
            "wasmachines | droger | drogers | wasdroger | vaatwasser | vaatwassers | oven | "
            "fornuis"
        ),
    },
    "electronics": {
        "en": _phrases(
            "electronics | laptop | laptops | smartphone | tablet | headphones | earbuds | "
            "speaker | speakers | camera | television | tv | console"
        ),
        "nl": _phrases(
            "elektronica | laptop | laptops | smartphone | tablet | koptelefoon | oordopjes | "
            "speaker | speakers | camera | televisie | tv | spelcomputer"
        ),
    },
    "lingerie": {
        "en": _phrases("lingerie | bra | bras | knickers | underwear | briefs | panties"),
        "nl": _phrases("lingerie | beha | behas | bh | bhs | slipje | slipjes | ondergoed"),
    },
    "gift": {
        "en": _phrases("gift | gifts | present | presents"),
        "nl": _phrases("cadeau | cadeaus | cadeautje | geschenk | geschenken | kado | kadootje"),
    },
    "drying": {
        "en": _phrases("tumble dryer | tumble dry | tumble drying | dryer | drying | dry"),
        "nl": _phrases("droogtrommel | wasdroger | droger | drogen | droog | laten drogen"),
    },
    "holiday": {
        "en": _phrases(
            "public holiday | public holidays | bank holiday | bank holidays | holiday | "
            "holidays | kings day | king's day | christmas | boxing day | easter | new year's day"
        ),
        "nl": _phrases(
            "feestdag | feestdagen | koningsdag | kerst | kerstmis | tweede kerstdag | pasen | "
            "pinksteren | hemelvaart | hemelvaartsdag | nieuwjaarsdag"
        ),
    },
    "parcel": {
        "en": _phrases("parcel | parcels | package | packages | shipment | shipments"),
        "nl": _phrases("pakket | pakketten | pakketje | pakje | zending | zendingen"),
    },
    "tracking": {
        "en": _phrases("track | tracking | track and trace | trace | where is my order"),
        "nl": _phrases("volgen | volg | track and trace | traceren | trackingcode | volgcode"),
    },
    "day": {
        "en": _phrases("day | days"),
        "nl": _phrases("dag | dagen"),
    },
    "business_day": {
        "en": _phrases("business day | business days | working day | working days | workday"),
        "nl": _phrases("werkdag | werkdagen"),
    },
    "hour": {
        "en": _phrases("hour | hours"),
        "nl": _phrases("uur | uren"),
    },
    "week": {
        "en": _phrases("week | weeks"),
        "nl": _phrases("week | weken"),
    },
    "minute": {
        "en": _phrases("minute | minutes"),
        "nl": _phrases("minuut | minuten"),
    },
    "period": {
        "en": _phrases("window | period | deadline | term | time limit"),
        "nl": _phrases("termijn | periode | deadline | tijdslimiet"),
    },
    "time": {
        "en": _phrases("time | times"),
        "nl": _phrases("tijd | tijden"),
    },
    # Questions asking for a time span or an amount; passages get these ids where they state
    # one ("30 days", "EUR 5"): see ``knowledge.analysis``.
    "duration": {
        "en": _phrases(
            "how long | how many days | how many hours | how soon | how quickly | how fast | "
            "until when"
        ),
        "nl": _phrases("hoe lang | hoeveel dagen | hoeveel uur | hoe snel | tot wanneer | hoelang"),
    },
    "amount": {
        # Only the asking words: the cost word after them ("wat kost", "what does it cost")
        # stays a word of its own, so it still meets "Kosten" / "Costs" in a heading.
        "en": _phrases("how much | how expensive"),
        "nl": _phrases("hoeveel | hoe duur"),
    },
    "date": {
        "en": _phrases("date | dates"),
        "nl": _phrases("datum | data"),
    },
    "address": {
        "en": _phrases("address | addresses"),
        "nl": _phrases("adres | adressen"),
    },
    "giftcard": {
        "en": _phrases("gift card | gift cards | giftcard | gift voucher | voucher"),
        "nl": _phrases("cadeaubon | cadeaubonnen | cadeaukaart | giftcard | waardebon"),
    },
    "contact": {
        "en": _phrases(
            "contact | customer service | support | helpdesk | call | phone | reach | speak | talk"
        ),
        "nl": _phrases("contact | klantenservice | bellen | bel | bereiken | spreken | helpdesk"),
    },
    "opening_hours": {
        "en": _phrases("opening hours | opening times | business hours"),
        "nl": _phrases("openingstijden | openingstijd | geopend | bereikbaar"),
    },
    "email": {
        "en": _phrases("email | e mail | mail"),
        "nl": _phrases("email | e mail | mail | mailen"),
    },
    "damaged": {
        "en": _phrases(
            "damaged | damage | faulty | broken | defective | defect | hole | holes | torn | "
            "ripped | stain | stained"
        ),
        "nl": _phrases(
            "beschadigd | schade | kapot | kapotte | defect | gebroken | gat | gaten | scheur | "
            "gescheurd | vlek | vlekken"
        ),
    },
    "wrong": {
        "en": _phrases("wrong | incorrect | mistake"),
        "nl": _phrases("verkeerd | verkeerde | fout"),
    },
    "lost": {
        "en": _phrases("lost | missing | never arrived"),
        "nl": _phrases("kwijt | verloren | vermist | zoekgeraakt | nooit aangekomen"),
    },
    "personalised": {
        "en": _phrases(
            "personalised | personalized | personalise | personalize | custom made | "
            "embroidered | engraved | initials"
        ),
        "nl": _phrases(
            "gepersonaliseerd | gepersonaliseerde | personaliseren | geborduurd | gegraveerd "
            "| initialen"
        ),
    },
    "sale": {
        "en": _phrases("sale | discount | discounted | reduced | clearance | final sale"),
        "nl": _phrases("sale | korting | afgeprijsd | uitverkoop | final sale"),
    },
    "hygiene": {
        "en": _phrases("hygiene | hygienic | underwear | swimwear | earrings | swimsuit"),
        "nl": _phrases(
            "hygiene | hygienisch | hygienische | ondergoed | badkleding | oorbellen | "
            "zwemkleding | badpak"
        ),
    },
    "label": {
        "en": _phrases("label | labels | tag | tags"),
        "nl": _phrases("label | labels | etiket"),
    },
    "preorder": {
        "en": _phrases("pre order | preorder | pre orders | preorders | backorder"),
        "nl": _phrases("pre order | preorder | pre orders | voorbestelling | voorbestellen"),
    },
    "customs": {
        # Not "customs" alone: it stems like "customer" ("Customer Hub").
        "en": _phrases(
            "customs duties | customs charges | customs fees | customs clearance | duties | "
            "import duties | import duty | import charges"
        ),
        "nl": _phrases("douane | invoerrechten | inklaring | invoerkosten"),
    },
    "vat": {
        "en": _phrases("vat | sales tax | tax"),
        "nl": _phrases("btw | belasting"),
    },
    "country_nl": {
        "en": _phrases("netherlands | holland | dutch"),
        "nl": _phrases("nederland | holland"),
    },
    "country_be": {
        "en": _phrases("belgium"),
        "nl": _phrases("belgie"),
    },
    "country_de": {
        "en": _phrases("germany"),
        "nl": _phrases("duitsland"),
    },
    "country_uk": {
        "en": _phrases("united kingdom | uk | britain | great britain | england"),
        "nl": _phrases("verenigd koninkrijk | vk | engeland | groot brittannie"),
    },
    "country_fr": {"en": _phrases("france"), "nl": _phrases("frankrijk")},
    "country_at": {"en": _phrases("austria"), "nl": _phrases("oostenrijk")},
    "country_no": {"en": _phrases("norway"), "nl": _phrases("noorwegen")},
    "country_pl": {"en": _phrases("poland"), "nl": _phrases("polen")},
    "country_ch": {"en": _phrases("switzerland"), "nl": _phrases("zwitserland")},
    "country_es": {"en": _phrases("spain"), "nl": _phrases("spanje")},
    "country_it": {"en": _phrases("italy"), "nl": _phrases("italie")},
    "country_dk": {"en": _phrases("denmark"), "nl": _phrases("denemarken")},
    "country_se": {"en": _phrases("sweden"), "nl": _phrases("zweden")},
    "country_fi": {"en": _phrases("finland"), "nl": _phrases("finland")},
    "country_ie": {"en": _phrases("ireland"), "nl": _phrases("ierland")},
    "country_lu": {"en": _phrases("luxembourg"), "nl": _phrases("luxemburg")},
    "country_pt": {"en": _phrases("portugal"), "nl": _phrases("portugal")},
    "country_cz": {"en": _phrases("czech republic | czechia"), "nl": _phrases("tsjechie")},
    "country_us": {
        "en": _phrases("united states | usa | america"),
        "nl": _phrases("verenigde staten | amerika"),
    },
    "country_ca": {"en": _phrases("canada"), "nl": _phrases("canada")},
    "country_gr": {"en": _phrases("greece"), "nl": _phrases("griekenland")},
    "country_ro": {"en": _phrases("romania"), "nl": _phrases("roemenie")},
    "country_bg": {"en": _phrases("bulgaria"), "nl": _phrases("bulgarije")},
    "country_hu": {"en": _phrases("hungary"), "nl": _phrases("hongarije")},
    "country_sk": {"en": _phrases("slovakia"), "nl": _phrases("slowakije")},
    "country_si": {"en": _phrases("slovenia"), "nl": _phrases("slovenie")},
    "country_hr": {"en": _phrases("croatia"), "nl": _phrases("kroatie")},
    "country_ee": {"en": _phrases("estonia"), "nl": _phrases("estland")},
    "country_lv": {"en": _phrases("latvia"), "nl": _phrases("letland")},
    "country_lt": {"en": _phrases("lithuania"), "nl": _phrases("litouwen")},
    "country_is": {"en": _phrases("iceland"), "nl": _phrases("ijsland")},
    "country_cy": {"en": _phrases("cyprus"), "nl": _phrases("cyprus")},
    "country_mt": {"en": _phrases("malta"), "nl": _phrases("malta")},
    "country_tr": {"en": _phrases("turkey"), "nl": _phrases("turkije")},
    "country_jp": {"en": _phrases("japan"), "nl": _phrases("japan")},
    "country_cn": {"en": _phrases("china"), "nl": _phrases("china")},
    "country_kr": {"en": _phrases("south korea | korea"), "nl": _phrases("zuid korea | korea")},
    "country_in": {"en": _phrases("india"), "nl": _phrases("india")},
    "country_au": {"en": _phrases("australia"), "nl": _phrases("australie")},
    "country_nz": {"en": _phrases("new zealand"), "nl": _phrases("nieuw zeeland")},
    "country_za": {"en": _phrases("south africa"), "nl": _phrases("zuid afrika")},
    "country_br": {"en": _phrases("brazil"), "nl": _phrases("brazilie")},
    "country_mx": {"en": _phrases("mexico"), "nl": _phrases("mexico")},
    "country_ae": {
        "en": _phrases("united arab emirates | uae | dubai"),
        "nl": _phrases("verenigde arabische emiraten | dubai"),
    },
    "country_il": {"en": _phrases("israel"), "nl": _phrases("israel")},
    "country_sg": {"en": _phrases("singapore"), "nl": _phrases("singapore")},
    "country_eu": {
        "en": _phrases("eu | europe | european union"),
        "nl": _phrases("eu | europa"),
    },
    "international": {
        "en": _phrases("international | abroad | worldwide"),
        "nl": _phrases("internationaal | buitenland | wereldwijd"),
    },
    "express": {
        "en": _phrases("express | next day"),
        "nl": _phrases("express | spoed"),
    },
    "carrier": {
        "en": _phrases(
            "carrier | carriers | courier | postman | driver | who delivers | which carrier"
        ),
        "nl": _phrases(
            "vervoerder | vervoerders | koerier | bezorger | postbode | chauffeur | "
            "wie bezorgt | welke vervoerder | pakketdienst"
        ),
    },
    # Finding one's size by measuring: "Jezelf opmeten", "How to measure", "hoe meet ik".
    "measure": {
        "en": _phrases("measure | measuring | measurement | measurements | tape measure"),
        "nl": _phrases("meten | opmeten | meet | opmeet | meting | metingen | meetlint"),
    },
    "pickup_point": {
        "en": _phrases(
            "pickup point | collection point | parcel shop | postnl point | service point"
        ),
        "nl": _phrases("afhaalpunt | pakketpunt | postnl punt | servicepunt | ophaalpunt"),
    },
    "not_home": {
        "en": _phrases("not at home | not home | missed"),
        "nl": _phrases("niet thuis"),
    },
    "money": {
        "en": _phrases("money | cash"),
        "nl": _phrases("geld | contant | contanten"),
    },
    "bank": {
        "en": _phrases("bank | payment provider | bank account | card issuer"),
        "nl": _phrases("bank | betaalprovider | bankrekening | rekening"),
    },
    "invoice": {
        "en": _phrases("invoice | receipt"),
        "nl": _phrases("factuur | kassabon"),
    },
    "safe": {
        "en": _phrases("safe | secure | security"),
        "nl": _phrases("veilig | beveiligd | veiligheid"),
    },
    "start": {
        "en": _phrases("start | request | initiate | register"),
        "nl": _phrases(
            "aanmelden | aanvragen | starten | beginnen | aangemeld | meld aan | meldt aan | "
            "vraag aan"
        ),
    },
    "sign_in": {
        "en": _phrases("sign in | log in | login | signin | account"),
        "nl": _phrases("inloggen | log in | login | account"),
    },
    "quantity": {
        "en": _phrases("quantity | amount | number of"),
        "nl": _phrases("aantal | hoeveelheid"),
    },
    "stock": {
        "en": _phrases("stock | in stock | available | availability | sold out"),
        "nl": _phrases("voorraad | beschikbaar | leverbaar | uitverkocht"),
    },
    "photo": {
        "en": _phrases("photo | picture | photos | pictures"),
        "nl": _phrases("foto | fotos"),
    },
    "warehouse": {
        "en": _phrases("warehouse"),
        "nl": _phrases("magazijn"),
    },
    "store_visit": {
        "en": _phrases("visit | physical store | showroom | in person"),
        "nl": _phrases("langskomen | fysieke winkel | showroom | bezoeken"),
    },
    "print": {
        "en": _phrases("print | printer | printed"),
        "nl": _phrases("printen | printer | geprint"),
    },
    "sell": {
        "en": _phrases("sell | sells | selling | sold"),
        "nl": _phrases("verkopen | verkoop"),
    },
    "monday": {"en": _phrases("monday | mondays"), "nl": _phrases("maandag | maandagen")},
    "tuesday": {"en": _phrases("tuesday | tuesdays"), "nl": _phrases("dinsdag | dinsdagen")},
    "wednesday": {
        "en": _phrases("wednesday | wednesdays"),
        "nl": _phrases("woensdag | woensdagen"),
    },
    "thursday": {
        "en": _phrases("thursday | thursdays"),
        "nl": _phrases("donderdag | donderdagen"),
    },
    "friday": {"en": _phrases("friday | fridays"), "nl": _phrases("vrijdag | vrijdagen")},
    "saturday": {"en": _phrases("saturday | saturdays"), "nl": _phrases("zaterdag | zaterdagen")},
    "sunday": {"en": _phrases("sunday | sundays"), "nl": _phrases("zondag | zondagen")},
    "weekend": {"en": _phrases("weekend | weekends"), "nl": _phrases("weekend | weekenden")},
    "year": {
        "en": _phrases("year | years"),
        "nl": _phrases("jaar | jaren"),
    },
    "month": {
        "en": _phrases("month | months"),
        "nl": _phrases("maand | maanden"),
    },
    "valid": {
        "en": _phrases("valid | validity | expire | expires | expiry"),
        "nl": _phrases("geldig | geldigheid | verloopt | verlopen"),
    },
}

#: Cities a Dutch or Belgian shop's shoppers name: (country concept, English names, Dutch
#: names). Each is a place concept ``city_<key>`` like the countries, so "Ghent" finds the
#: page about "Gent", and a question naming a city also asks about its country ("do you
#: deliver to Toronto?" is about shipping to Canada: ``knowledge.analysis`` adds the country to
#: the question's terms). Names that are also everyday words are left out (Best, Goes, Born,
#: Spa, Nice, Mons).
CITIES: dict[str, tuple[str, str, str]] = {
    # The Netherlands
    "amsterdam": ("country_nl", "amsterdam", "amsterdam"),
    "rotterdam": ("country_nl", "rotterdam", "rotterdam"),
    "den_haag": ("country_nl", "the hague | den haag", "den haag | s gravenhage"),
    "utrecht": ("country_nl", "utrecht", "utrecht"),
    "eindhoven": ("country_nl", "eindhoven", "eindhoven"),
    "groningen": ("country_nl", "groningen", "groningen"),
    "tilburg": ("country_nl", "tilburg", "tilburg"),
    "almere": ("country_nl", "almere", "almere"),
    "breda": ("country_nl", "breda", "breda"),
    "nijmegen": ("country_nl", "nijmegen", "nijmegen"),
    "apeldoorn": ("country_nl", "apeldoorn", "apeldoorn"),
    "haarlem": ("country_nl", "haarlem", "haarlem"),
    "arnhem": ("country_nl", "arnhem", "arnhem"),
    "enschede": ("country_nl", "enschede", "enschede"),
    "amersfoort": ("country_nl", "amersfoort", "amersfoort"),
    "den_bosch": ("country_nl", "den bosch | hertogenbosch", "den bosch | hertogenbosch"),
    "zwolle": ("country_nl", "zwolle", "zwolle"),
    "zoetermeer": ("country_nl", "zoetermeer", "zoetermeer"),
    "leiden": ("country_nl", "leiden", "leiden"),
    "maastricht": ("country_nl", "maastricht", "maastricht"),
    "dordrecht": ("country_nl", "dordrecht", "dordrecht"),
    "alkmaar": ("country_nl", "alkmaar", "alkmaar"),
    "delft": ("country_nl", "delft", "delft"),
    "deventer": ("country_nl", "deventer", "deventer"),
    "leeuwarden": ("country_nl", "leeuwarden", "leeuwarden"),
    "venlo": ("country_nl", "venlo", "venlo"),
    "hilversum": ("country_nl", "hilversum", "hilversum"),
    "heerlen": ("country_nl", "heerlen", "heerlen"),
    "middelburg": ("country_nl", "middelburg", "middelburg"),
    "helmond": ("country_nl", "helmond", "helmond"),
    "gouda": ("country_nl", "gouda", "gouda"),
    "lelystad": ("country_nl", "lelystad", "lelystad"),
    "hengelo": ("country_nl", "hengelo", "hengelo"),
    "amstelveen": ("country_nl", "amstelveen", "amstelveen"),
    "schiedam": ("country_nl", "schiedam", "schiedam"),
    "zaandam": ("country_nl", "zaandam | zaanstad", "zaandam | zaanstad"),
    "roermond": ("country_nl", "roermond", "roermond"),
    "assen": ("country_nl", "assen", "assen"),
    "emmen": ("country_nl", "emmen", "emmen"),
    "den_helder": ("country_nl", "den helder", "den helder"),
    # Belgium
    "brussel": ("country_be", "brussels | bruxelles", "brussel"),
    "antwerpen": ("country_be", "antwerp | antwerpen", "antwerpen"),
    "gent": ("country_be", "ghent | gent", "gent"),
    "brugge": ("country_be", "bruges | brugge", "brugge"),
    "leuven": ("country_be", "leuven | louvain", "leuven"),
    "mechelen": ("country_be", "mechelen", "mechelen"),
    "luik": ("country_be", "liege", "luik"),
    "namen": ("country_be", "namur", "namen"),
    "charleroi": ("country_be", "charleroi", "charleroi"),
    "hasselt": ("country_be", "hasselt", "hasselt"),
    "kortrijk": ("country_be", "kortrijk", "kortrijk"),
    "oostende": ("country_be", "ostend | oostende", "oostende"),
    "aalst": ("country_be", "aalst", "aalst"),
    "genk": ("country_be", "genk", "genk"),
    "sint_niklaas": ("country_be", "sint niklaas", "sint niklaas"),
    "roeselare": ("country_be", "roeselare", "roeselare"),
    "turnhout": ("country_be", "turnhout", "turnhout"),
    "ieper": ("country_be", "ypres | ieper", "ieper"),
    # Abroad
    "london": ("country_uk", "london", "londen"),
    "manchester": ("country_uk", "manchester", "manchester"),
    "edinburgh": ("country_uk", "edinburgh", "edinburgh"),
    "paris": ("country_fr", "paris", "parijs"),
    "lyon": ("country_fr", "lyon", "lyon"),
    "berlin": ("country_de", "berlin", "berlijn"),
    "hamburg": ("country_de", "hamburg", "hamburg"),
    "munich": ("country_de", "munich", "munchen"),
    "cologne": ("country_de", "cologne", "keulen"),
    "dusseldorf": ("country_de", "dusseldorf", "dusseldorf"),
    "frankfurt": ("country_de", "frankfurt", "frankfurt"),
    "aachen": ("country_de", "aachen", "aken"),
    "vienna": ("country_at", "vienna", "wenen"),
    "zurich": ("country_ch", "zurich", "zurich"),
    "geneva": ("country_ch", "geneva", "geneve"),
    "madrid": ("country_es", "madrid", "madrid"),
    "barcelona": ("country_es", "barcelona", "barcelona"),
    "lisbon": ("country_pt", "lisbon", "lissabon"),
    "rome": ("country_it", "rome", "rome"),
    "milan": ("country_it", "milan", "milaan"),
    "copenhagen": ("country_dk", "copenhagen", "kopenhagen"),
    "stockholm": ("country_se", "stockholm", "stockholm"),
    "oslo": ("country_no", "oslo", "oslo"),
    "helsinki": ("country_fi", "helsinki", "helsinki"),
    "dublin": ("country_ie", "dublin", "dublin"),
    "prague": ("country_cz", "prague", "praag"),
    "warsaw": ("country_pl", "warsaw", "warschau"),
    "krakow": ("country_pl", "krakow", "krakau"),
    "athens": ("country_gr", "athens", "athene"),
    "budapest": ("country_hu", "budapest", "boedapest"),
    "new_york": ("country_us", "new york", "new york"),
    "los_angeles": ("country_us", "los angeles", "los angeles"),
    "toronto": ("country_ca", "toronto", "toronto"),
    "montreal": ("country_ca", "montreal", "montreal"),
    "vancouver": ("country_ca", "vancouver", "vancouver"),
    "sydney": ("country_au", "sydney", "sydney"),
    "tokyo": ("country_jp", "tokyo", "tokio"),
}
CONCEPTS.update(
    {
        f"city_{key}": {"en": _phrases(english), "nl": _phrases(dutch)}
        for key, (_, english, dutch) in CITIES.items()
    }
)
#: The country each city concept implies.
CITY_COUNTRY: dict[str, str] = {f"city_{key}": country for key, (country, _, _) in CITIES.items()}

# Dutch words known regardless of a store's content, so that compounds of common policy words
# split even when a part never occurs on its own in the store's articles.
BASE_VOCABULARY_NL: frozenset[str] = word_set(
    """
    kosten datum tijd tijden termijn dag dagen week weken uur adres zending pakket label code
    bon kaart geld betaling betalen methode service klant klanten winkel product artikel maat
    kleur order bestelling nummer status post punt mail formulier verzend verzenden retour lever
    leveren bezorg bezorgen annulering ruil terug gegevens partner provider prijs korting actie
    voorwaarden beleid vraag vragen overzicht pagina account wachtwoord factuur garantie periode
    regel regels informatie tarief toeslag vervoer vervoerder bericht link nummer cadeau kassa
    bank rekening bedrag sale werk opening opslag magazijn voorraad datum reparatie schade foto
    brief doos tas zak stof katoen wol schoen schoenen jas broek
    """
)
