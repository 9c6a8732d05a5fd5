"""What shoppers type in the agent-turn benchmark, in English and Dutch, by kind of turn.

Written for the benchmark (not taken from the NLU training data): templates with ``{n}`` (an
order number), ``{item}`` (how a shopper names one of the order's line items) and, for
questions, the knowledge-base questions of ``bench/data/kb/`` about the generated help centre
(delivery, returns per country, shops, care, sizes, payment). ``OPENINGS``/``CLOSINGS`` (and
``scripts._Builder.vary``) vary the wording around a message, so most questions are new text to
the process, as a real shopper's question is (the embedding of a question is cached by its
text).
"""

from __future__ import annotations

#: kind -> language -> templates.
TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "greeting": {
        "en": ("hi", "Hello!", "hey there", "good morning", "hi, anyone there?", "Hello :)"),
        "nl": ("hallo", "Hoi!", "goedemorgen", "hey", "hallo, is daar iemand?", "Goedemiddag"),
    },
    "policy": {
        "en": (
            "What is your return policy?",
            "How long do I have to return something?",
            "Can I still change my order after I placed it?",
            "can I cancel an order once it's placed",
            "how do returns work",
            "Do I have to pay for a return?",
            "How do I start a return?",
            "until when can I change my order",
        ),
        "nl": (
            "Wat is jullie retourbeleid?",
            "Hoe lang heb ik om iets terug te sturen?",
            "Kan ik mijn bestelling nog wijzigen nadat ik heb besteld?",
            "kan ik een bestelling annuleren",
            "hoe werkt retourneren bij jullie",
            "Moet ik betalen voor een retour?",
            "Hoe start ik een retour?",
            "tot wanneer kan ik mijn bestelling aanpassen",
        ),
    },
    "order_status": {
        "en": (
            "Where is my order #{n}?",
            "what's the status of order {n}",
            "has #{n} shipped yet?",
            "can you tell me when order {n} arrives",
            "track order #{n} please",
        ),
        "nl": (
            "Waar blijft bestelling #{n}?",
            "wat is de status van order {n}",
            "is #{n} al verzonden?",
            "wanneer komt bestelling {n} aan",
            "kun je bestelling {n} voor me volgen",
        ),
    },
    "order_change": {
        "en": (
            "I'd like to change the size of the {item} in order #{n}",
            "can I change the address on order {n}?",
            "I ordered the wrong colour, can I change order #{n}",
            "please change order {n}, I need a different size",
        ),
        "nl": (
            "Ik wil de maat van de {item} in bestelling #{n} wijzigen",
            "kan ik het adres van bestelling {n} aanpassen?",
            "verkeerde kleur besteld, kan ik bestelling #{n} wijzigen",
            "graag bestelling {n} aanpassen, ik heb een andere maat nodig",
        ),
    },
    "order_cancel": {
        "en": (
            "Please cancel order #{n}",
            "I need to cancel my order {n}",
            "can you cancel #{n}, I ordered by mistake",
        ),
        "nl": (
            "Graag bestelling #{n} annuleren",
            "ik wil mijn bestelling {n} annuleren",
            "kun je #{n} annuleren? per ongeluk besteld",
        ),
    },
    "return": {
        "en": (
            "I want to return the {item} from order #{n}",
            "how do I send back the {item} of order {n}?",
            "the {item} from #{n} doesn't fit, can I return it",
            "I'd like to exchange the {item} from order {n} for another size",
        ),
        "nl": (
            "Ik wil de {item} van bestelling #{n} retourneren",
            "hoe stuur ik de {item} van bestelling {n} terug?",
            "de {item} van #{n} past niet, kan ik die terugsturen",
            "ik wil de {item} uit bestelling {n} ruilen voor een andere maat",
        ),
    },
    "refund_status": {
        "en": (
            "Where is my refund for order #{n}?",
            "when will I get my money back for {n}",
            "I sent back order #{n}, has my refund been processed?",
        ),
        "nl": (
            "Waar blijft mijn terugbetaling voor bestelling #{n}?",
            "wanneer krijg ik mijn geld terug voor {n}",
            "ik heb bestelling #{n} teruggestuurd, is mijn geld al teruggestort?",
        ),
    },
    # No order named: a shopper with several recent orders is asked which one.
    "return_which": {
        "en": ("I want to return something", "how do I return an item I got last week"),
        "nl": ("ik wil iets retourneren", "hoe stuur ik iets terug dat ik vorige week kreeg"),
    },
    "cancel_which": {
        "en": ("I need to cancel my order", "can you cancel my order please"),
        "nl": ("ik wil mijn bestelling annuleren", "kun je mijn bestelling annuleren aub"),
    },
    # The answer to "which order?".
    "continuation": {
        "en": ("the second one", "the first one", "the last one", "#{n}"),
        "nl": ("de tweede", "de eerste", "de laatste", "#{n}"),
    },
    "out_of_scope": {
        "en": (
            "How do I reset my password?",
            "cancel my newsletter",
            "what's the weather like tomorrow",
            "tell me a joke",
            "are you hiring in the warehouse?",
        ),
        "nl": (
            "Hoe reset ik mijn wachtwoord?",
            "afmelden voor de nieuwsbrief",
            "wat voor weer wordt het morgen",
            "vertel eens een mop",
            "zoeken jullie nog mensen voor het magazijn?",
        ),
    },
    "thanks": {
        "en": ("thanks!", "great, thank you", "ok thanks, bye", "perfect, cheers"),
        "nl": ("bedankt!", "top, dank je", "ok dankjewel, doei", "super, bedankt"),
    },
}

# Openings and closings that leave the intent alone, so each turn kind measures the path it
# is named after. Left out on purpose, as they change what the agent does today: a greeting in
# front ("hello, " / "hallo, " + a help-centre question -> smalltalk for about half of them), a
# "please" / "graag" at the end (some -> handoff or order_edit) and a trailing thanks
# ("Waar blijft bestelling #1234? bedankt" -> thanks_goodbye 0.97).
OPENINGS: dict[str, tuple[str, ...]] = {
    "en": ("", "", "", "quick question: ", "sorry, "),
    "nl": ("", "", "", "even een vraag: ", "sorry, "),
}
CLOSINGS: dict[str, tuple[str, ...]] = {
    "en": ("", "", " :)", "??"),
    "nl": ("", "", " :)", "??"),
}

#: How a shopper names a line item, by product title (EN, NL).
ITEM_WORDS: dict[str, tuple[str, str]] = {
    "Noord Runner Sneaker": ("sneakers", "sneakers"),
    "Canvas Low Sneaker": ("canvas sneakers", "canvas schoenen"),
    "Texel Merino Trui": ("merino jumper", "trui"),
    "Cable Knit Cardigan": ("cardigan", "vest"),
    "Slim Fit Jeans": ("slim jeans", "jeans"),
    "Straight Leg Jeans": ("straight jeans", "spijkerbroek"),
    "Organic Basic T-shirt": ("t-shirt", "t-shirt"),
    "Breton Striped Shirt": ("striped shirt", "streepjesshirt"),
    "Personalised Canvas Tote": ("tote bag", "tas"),
    "Embroidered Name Sweatshirt": ("sweatshirt", "sweater"),
    "Linen Summer Dress": ("summer dress", "jurk"),
    "Wool Scarf Last Season": ("scarf", "sjaal"),
    "Harbour Rain Jacket": ("rain jacket", "regenjas"),
    "Organic Boxer Briefs 3-pack": ("boxer briefs", "boxershorts"),
    "Silver Hoop Earrings": ("earrings", "oorbellen"),
    "Wadden Wool Coat": ("wool coat", "jas"),
    "Chino Shorts": ("shorts", "korte broek"),
    "Leather Belt": ("belt", "riem"),
    "Ribbed Beanie": ("beanie", "muts"),
}
