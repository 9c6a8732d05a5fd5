"""Word lists for understanding shopper messages in English and Dutch (Flemish included).

Written by us for this product. Words are given folded (lower case, no diacritics) except where
the accent carries meaning (Dutch "één" is a number, "een" is an article).
"""

from __future__ import annotations

from typing import Final


def word_set(text: str) -> frozenset[str]:
    """The white-space separated words of ``text``."""
    return frozenset(text.split())


# Words that tell the two languages apart. Words both languages use ("is", "in", "of", "was",
# "had", "want", "order", "hey", "ok", "super", "top") are in neither list.
LANGUAGE_WORDS: Final[dict[str, frozenset[str]]] = {
    "en": word_set(
        """
        the a an i i'm im my you your you're are do does did don't dont can can't could would
        will won't please pls plz thanks thank thx ty hello hi hiya yes yeah yep yup no nope nah
        not where when how what why which who it it's this that to and for with on at from
        still yet just bye goodbye cheers get got there have has been about cancel change size
        return returns refund exchange send back parcel package delivery shipping ship need
        would like wanna gonna something anything someone anyone morning evening afternoon
        """
    ),
    "nl": word_set(
        """
        de het een ik mijn mn m'n je jij jullie u uw niet geen wel nog maar ook en van voor naar
        op aan met bij uit om te dat dit deze die er hier daar wat waar wanneer hoe waarom welke
        wie kan kun kunt kunnen wil wilt willen moet moeten mag mogen graag aub alstublieft
        alsjeblieft bedankt dank dankjewel dankuwel danku hoi hallo doei dag daag ja jawel jazeker
        nee neen klopt heb hebt heeft hebben ben bent zijn wordt worden al toch even ff
        bestelling bestellingen pakket pakketje pakje retour retourtje terugsturen annuleren
        wijzigen veranderen aanpassen ruilen omruilen maat merci ge gij kunde da allee
        goeiedag goedemorgen goeiemorgen goedemiddag goedenavond goeienavond tot ziens ipv zo
        nu heel erg iets niks niets iemand gisteren vandaag morgen terug geld zou zouden
        """
    ),
}

# Canonical colour (English) -> the forms shoppers write, folded, inflections included.
COLOURS: Final[dict[str, tuple[str, ...]]] = {
    "black": ("black", "zwart", "zwarte"),
    "white": ("white", "wit", "witte"),
    "blue": ("blue", "blauw", "blauwe"),
    "navy": ("navy", "dark blue", "donkerblauw", "donkerblauwe", "marineblauw", "marineblauwe"),
    "light blue": ("light blue", "lichtblauw", "lichtblauwe"),
    "red": ("red", "rood", "rode"),
    "burgundy": ("burgundy", "bordeaux", "bordeauxrood", "bordeauxrode"),
    "green": ("green", "groen", "groene"),
    "dark green": ("dark green", "donkergroen", "donkergroene"),
    "olive": ("olive", "olijfgroen", "olijfgroene", "olijf", "khaki", "kaki"),
    "yellow": ("yellow", "geel", "gele"),
    "grey": ("grey", "gray", "grijs", "grijze", "antraciet", "charcoal"),
    "pink": ("pink", "roze", "rose"),
    "purple": ("purple", "paars", "paarse", "lila"),
    "orange": ("orange", "oranje"),
    "brown": ("brown", "bruin", "bruine", "camel", "cognac"),
    "beige": ("beige", "zand", "zandkleurig", "zandkleurige", "sand"),
    "cream": ("cream", "creme", "ecru", "off white", "offwhite", "gebroken wit"),
    "gold": ("gold", "golden", "goud", "gouden", "goudkleurig", "goudkleurige"),
    "silver": ("silver", "zilver", "zilveren", "zilverkleurig", "zilverkleurige"),
    "multicolour": ("multicolour", "multicolor", "veelkleurig", "veelkleurige"),
}

# Number words -> value. Dutch "een" is left out (it is mostly the article "a"); "één" and
# "eentje" are numbers. "one" needs care too: see entities._quantity_word_ok.
NUMBER_WORDS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "dozen": 12,
    "één": 1, "eén": 1, "eentje": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "tweetal": 2,
}  # fmt: skip

ORDINAL_WORDS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6,
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
    "1e": 1, "2e": 2, "3e": 3, "4e": 4, "5e": 5, "6e": 6,
    "1ste": 1, "2de": 2, "3de": 3, "4de": 4, "5de": 5, "6de": 6,
}  # fmt: skip
LAST_WORDS: Final = word_set("last laatste latter")

MONTHS: Final = word_set(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec januari februari maart mei juni juli
    augustus oktober
    """
)

# Yes / no at the start of a reply. Phrases are matched on folded words.
YES_PHRASES: Final[tuple[str, ...]] = (
    "yes please", "yes", "yeah", "yep", "yup", "yea", "sure", "correct", "that's right",
    "thats right", "that is right", "right", "exactly", "indeed", "ok", "okay", "oke", "okey",
    "please do", "go ahead", "absolutely", "definitely", "of course", "alright", "fine",
    "ja graag", "ja", "jazeker", "jawel", "jep", "jup", "jaja", "klopt", "dat klopt", "precies",
    "inderdaad", "zeker", "prima", "goed", "is goed", "doe maar", "graag", "akkoord",
    "natuurlijk", "tuurlijk", "ja hoor", "yes hoor",
)  # fmt: skip
NO_PHRASES: Final[tuple[str, ...]] = (
    "no thanks", "no thank you", "no", "nope", "nah", "not really", "wrong", "incorrect",
    "that's wrong", "thats wrong", "not that one", "nee", "neen", "nee hoor", "nee dank je",
    "klopt niet", "dat klopt niet", "niet juist", "fout", "nope hoor", "liever niet",
    "not correct", "that's not right", "thats not right", "dat is het niet",
)  # fmt: skip
YES_SYMBOLS: Final = frozenset("👍✅✔")
NO_SYMBOLS: Final = frozenset("👎❌✖")

# Product words shared across English and Dutch: concept -> folded forms. A title or a message
# word that is (or ends in, for Dutch compounds) one of these counts as the concept.
PRODUCT_CONCEPTS: Final[dict[str, tuple[str, ...]]] = {
    "sweater": ("sweater", "sweaters", "jumper", "jumpers", "pullover", "pullovers", "trui",
                "truien", "truitje", "sweatshirt", "sweatshirts", "knit", "knitwear"),
    "hoodie": ("hoodie", "hoodies", "hoody", "hooded", "capuchontrui"),
    "cardigan": ("cardigan", "cardigans", "vest", "vestje", "vesten"),
    "shoes": ("shoe", "shoes", "sneaker", "sneakers", "trainer", "trainers", "schoen",
              "schoenen", "schoentjes", "gympen", "gympies", "sportschoenen", "loafers",
              "runners", "kicks"),
    "boots": ("boot", "boots", "laars", "laarzen", "laarsjes", "enkellaarsjes", "bottines"),
    "sandals": ("sandal", "sandals", "sandaal", "sandalen", "slippers", "flip-flops"),
    "trousers": ("trousers", "pants", "broek", "broeken", "broekje", "chino", "chinos",
                 "pantalon"),
    "jeans": ("jeans", "jean", "denim", "spijkerbroek", "spijkerbroeken"),
    "shorts": ("shorts", "korte broek"),
    "shirt": ("shirt", "shirts", "overhemd", "overhemden", "hemd", "hemden", "hemdje",
              "blouse", "blouses", "bloesje"),
    "t-shirt": ("t-shirt", "t-shirts", "tshirt", "tshirts", "tee", "tees", "shirtje"),
    "dress": ("dress", "dresses", "jurk", "jurken", "jurkje", "kleed", "kleedje", "kleedjes"),
    "skirt": ("skirt", "skirts", "rok", "rokken", "rokje"),
    "jacket": ("jacket", "jackets", "coat", "coats", "jas", "jassen", "jasje", "parka",
               "blazer", "vestjas"),
    "socks": ("sock", "socks", "sok", "sokken", "sokjes", "kousen"),
    "underwear": ("underwear", "boxers", "briefs", "ondergoed", "onderbroek", "slip"),
    "bag": ("bag", "bags", "tas", "tassen", "tasje", "handtas", "rugzak", "backpack",
            "tote"),
    "hat": ("hat", "hats", "cap", "caps", "beanie", "beanies", "muts", "mutsen", "mutsje",
            "pet", "petten", "petje", "hoed", "hoeden"),
    "scarf": ("scarf", "scarves", "sjaal", "sjaals", "sjaaltje"),
    "gloves": ("glove", "gloves", "handschoen", "handschoenen", "wanten", "mittens"),
    "belt": ("belt", "belts", "riem", "riemen", "ceinture"),
    "mug": ("mug", "mugs", "cup", "cups", "mok", "mokken", "beker", "bekers", "kopje"),
    "candle": ("candle", "candles", "kaars", "kaarsen", "kaarsje"),
    "lamp": ("lamp", "lamps", "lampje", "lampen"),
    "towel": ("towel", "towels", "handdoek", "handdoeken", "theedoek", "theedoeken"),
    "pillow": ("pillow", "pillows", "cushion", "cushions", "kussen", "kussens", "kussentje",
               "pillowcase", "kussensloop", "kussenhoes"),
    "bottle": ("bottle", "bottles", "fles", "flessen", "flesje", "drinkfles"),
    "earrings": ("earring", "earrings", "oorbel", "oorbellen"),
    "necklace": ("necklace", "necklaces", "ketting", "kettingen", "kettinkje"),
    "charger": ("charger", "chargers", "oplader", "opladers"),
    "headphones": ("headphones", "headphone", "earphones", "koptelefoon", "oortjes"),
    "swimwear": ("swimwear", "bikini", "swimsuit", "badpak", "zwembroek", "badkleding"),
}  # fmt: skip

# Words that never name an item (articles, pronouns, order vocabulary, sizes words).
ITEM_STOPWORDS: Final = word_set(
    """
    the a an this that these those my your our it its one ones them they i you me we and or of
    for to in on with from by at please pls want would like need can could change return send
    back swap exchange cancel order orders item items thing things product products size colour
    color pair pairs piece pieces version instead not but also too just
    de het een deze die dit dat mijn m'n mn je jouw uw ons onze hem haar ze ik jij u we en of
    van voor naar in op met uit bij aan graag wil wilt willen kan kun kunt ruilen omruilen
    terugsturen retourneren annuleren wijzigen veranderen bestelling bestellingen artikel
    artikelen ding dingen product producten maat kleur paar stuk stuks versie ipv niet maar ook
    nog even
    """
)
