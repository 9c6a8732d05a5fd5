"""Hand-written facts for the generated help centre's return rules per department.

Each entry: (slug, English name, Dutch name, sections), a section being
(key, English text, Dutch text). The keys name the heading: see ``_HEADINGS`` in
``corpus_products``.
"""

from __future__ import annotations

Department = tuple[str, str, str, tuple[tuple[str, str, str], ...]]

DEPARTMENTS: tuple[Department, ...] = (
    (
        "clothing",
        "clothing",
        "kleding",
        (
            (
                "window",
                "You can return clothing within 30 days of delivery.",
                "Kleding kun je binnen 30 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "Items must be unworn and unwashed, with the original labels still attached. Try "
                "clothes on as you would in a fitting room.",
                "Het artikel moet ongedragen en ongewassen zijn, met de originele labels er nog "
                "aan. "
                "Pas kleding zoals je dat in een paskamer zou doen.",
            ),
            (
                "exceptions",
                "Clothes that have been worn, washed or altered cannot be returned; we send them "
                "back to you at your own cost.",
                "Kleding die gedragen, gewassen of vermaakt is, nemen we niet retour; we sturen "
                "die "
                "op jouw kosten naar je terug.",
            ),
        ),
    ),
    (
        "shoes",
        "shoes",
        "schoenen",
        (
            (
                "window",
                "Shoes can be returned within 30 days of delivery.",
                "Schoenen kun je binnen 30 dagen na bezorging terugsturen.",
            ),
            (
                "conditions",
                "Try shoes on indoors on a soft floor. Send them back clean, without scratches on "
                "the soles, in the original shoe box.",
                "Pas schoenen binnen op een zachte vloer. Stuur ze schoon en zonder krassen "
                "onder de "
                "zolen terug, in de originele schoenendoos.",
            ),
            (
                "exceptions",
                "Shoes that have been worn outside cannot be returned.",
                "Schoenen die buiten gedragen zijn, nemen we niet retour.",
            ),
        ),
    ),
    (
        "lingerie-swimwear",
        "lingerie and swimwear",
        "lingerie en badmode",
        (
            (
                "window",
                "Lingerie and swimwear can be returned within 14 days of delivery.",
                "Lingerie en badmode kun je binnen 14 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "Briefs, bikini bottoms and swimsuits can only be returned with the hygiene strip "
                "still in place and in the original packaging.",
                "Slips, bikinibroekjes en badpakken kun je alleen retourneren als de hygiënestrip "
                "er nog in zit en ze in de originele verpakking zitten.",
            ),
            (
                "exceptions",
                "Shapewear and bodywear that have been taken out of their packaging cannot be "
                "returned.",
                "Shapewear en bodywear die uit de verpakking zijn gehaald, nemen we niet retour.",
            ),
        ),
    ),
    (
        "jewellery-watches",
        "jewellery and watches",
        "sieraden en horloges",
        (
            (
                "window",
                "Jewellery and watches can be returned within 30 days of delivery.",
                "Sieraden en horloges kun je binnen 30 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "Return a watch with the protective film still on the case and the box, manual and "
                "warranty card complete.",
                "Stuur een horloge terug met de beschermfolie nog op de kast en met de doos, "
                "handleiding en garantiekaart compleet.",
            ),
            (
                "exceptions",
                "Earrings and piercings cannot be returned for hygiene reasons. Engraved jewellery "
                "cannot be returned either.",
                "Oorbellen en piercings nemen we om hygiënische redenen niet retour. Gegraveerde "
                "sieraden ook niet.",
            ),
        ),
    ),
    (
        "beauty",
        "beauty and perfume",
        "beauty en parfum",
        (
            (
                "window",
                "Beauty products and perfume can be returned within 14 days of delivery.",
                "Beautyproducten en parfum kun je binnen 14 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "Only unopened products in their original seal (the cellophane wrap) can be "
                "returned.",
                "Alleen ongeopende producten met het originele zegel (de cellofaanverpakking) "
                "kun je "
                "terugsturen.",
            ),
            (
                "exceptions",
                "Opened make-up, skincare and perfume can only be returned when the product is "
                "faulty. Free samples cannot be returned.",
                "Geopende make-up, huidverzorging en parfum kun je alleen retourneren als het "
                "product defect is. Gratis proefjes kun je niet retourneren.",
            ),
        ),
    ),
    (
        "furniture",
        "furniture",
        "meubels",
        (
            (
                "window",
                "Furniture can be returned within 30 days of delivery.",
                "Meubels kun je binnen 30 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "You can return furniture assembled or unassembled, as long as it is undamaged and "
                "complete. Keep the original packaging if you can.",
                "Je kunt meubels gemonteerd of ongemonteerd retourneren, zolang ze onbeschadigd en "
                "compleet zijn. Bewaar de originele verpakking als dat kan.",
            ),
            (
                "collection",
                "We collect returned furniture from your home. Collection costs €49 per order, "
                "which we deduct from your refund. Book the collection in your account.",
                "We halen geretourneerde meubels bij je thuis op. Ophalen kost € 49 per "
                "bestelling; "
                "dat houden we in op je terugbetaling. Plan het ophalen in je account.",
            ),
            (
                "exceptions",
                "Made-to-measure furniture, such as a sofa in a fabric you chose, cannot be "
                "returned.",
                "Maatwerkmeubels, zoals een bank in een stof die je zelf hebt gekozen, kun je niet "
                "retourneren.",
            ),
        ),
    ),
    (
        "mattresses",
        "mattresses",
        "matrassen",
        (
            (
                "window",
                "Every mattress comes with a 100-night trial: sleep on it for at least 30 nights, "
                "and return it within 100 nights if it does not suit you.",
                "Bij elk matras krijg je 100 nachten proefslapen: slaap er minstens 30 nachten op "
                "en stuur het binnen 100 nachten terug als het niet bevalt.",
            ),
            (
                "conditions",
                "Use a mattress protector during the trial: a stained mattress cannot be returned. "
                "The trial applies to one mattress per household.",
                "Gebruik tijdens het proefslapen een matrasbeschermer: een matras met vlekken "
                "nemen "
                "we niet terug. Proefslapen geldt voor één matras per huishouden.",
            ),
            (
                "collection",
                "We collect the mattress from your home for free and refund the full price.",
                "We halen het matras gratis bij je thuis op en betalen het volledige bedrag terug.",
            ),
        ),
    ),
    (
        "large-appliances",
        "large appliances",
        "grote huishoudelijke apparaten",
        (
            (
                "window",
                "Large appliances can be returned within 14 days of delivery.",
                "Grote huishoudelijke apparaten kun je binnen 14 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "Washing machines, dryers, fridges and dishwashers can only be returned unused and "
                "not installed, in the original packaging.",
                "Wasmachines, drogers, koelkasten en vaatwassers kun je alleen ongebruikt en niet "
                "aangesloten retourneren, in de originele verpakking.",
            ),
            (
                "collection",
                "We collect a returned large appliance from your home. Collection costs €59.",
                "We halen een geretourneerd groot apparaat bij je thuis op. Ophalen kost € 59.",
            ),
        ),
    ),
    (
        "small-appliances",
        "small kitchen appliances",
        "kleine keukenapparaten",
        (
            (
                "window",
                "Small kitchen appliances can be returned within 30 days of delivery.",
                "Kleine keukenapparaten kun je binnen 30 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "Return the appliance complete, with all accessories and the manual.",
                "Stuur het apparaat compleet terug, met alle accessoires en de handleiding.",
            ),
            (
                "exceptions",
                "Coffee machines, kettles and blenders that have been used cannot be returned for "
                "hygiene reasons, unless they are faulty.",
                "Koffiemachines, waterkokers en blenders die gebruikt zijn, nemen we om "
                "hygiënische "
                "redenen niet retour, tenzij ze defect zijn.",
            ),
        ),
    ),
    (
        "electronics",
        "headphones and electronics",
        "koptelefoons en elektronica",
        (
            (
                "window",
                "Headphones, speakers and other electronics can be returned within 14 days.",
                "Koptelefoons, speakers en andere elektronica kun je binnen 14 dagen retourneren.",
            ),
            (
                "conditions",
                "Reset the device to its factory settings and sign out of your accounts before you "
                "send it back.",
                "Zet het apparaat terug naar de fabrieksinstellingen en log uit bij je accounts "
                "voordat je het terugstuurt.",
            ),
            (
                "exceptions",
                "In-ear headphones can only be returned with the seal unbroken. Download codes and "
                "activated subscriptions cannot be returned.",
                "In-ear oordopjes kun je alleen retourneren met een ongebroken zegel. "
                "Downloadcodes "
                "en geactiveerde abonnementen kun je niet retourneren.",
            ),
        ),
    ),
    (
        "toys",
        "toys",
        "speelgoed",
        (
            (
                "window",
                "Toys can be returned within 30 days of delivery.",
                "Speelgoed kun je binnen 30 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "Toys must be complete and in their original packaging.",
                "Speelgoed moet compleet zijn en in de originele verpakking zitten.",
            ),
            (
                "exceptions",
                "Building sets and jigsaw puzzles can only be returned unopened.",
                "Bouwsets en legpuzzels kun je alleen ongeopend retourneren.",
            ),
        ),
    ),
    (
        "books-media",
        "books, music and games",
        "boeken, muziek en games",
        (
            (
                "window",
                "Books, music and games can be returned within 14 days of delivery.",
                "Boeken, muziek en games kun je binnen 14 dagen na bezorging retourneren.",
            ),
            (
                "conditions",
                "CDs, vinyl records and games must still be in their sealed wrapping.",
                "Cd's, lp's en games moeten nog in de verzegelde folie zitten.",
            ),
            (
                "exceptions",
                "E-books and digital downloads cannot be returned once downloaded.",
                "E-books en digitale downloads kun je na het downloaden niet retourneren.",
            ),
        ),
    ),
    (
        "food-drink",
        "food and drinks",
        "eten en drinken",
        (
            (
                "window",
                "Food cannot be returned. Unopened bottles of wine and spirits can be returned "
                "within 14 days of delivery.",
                "Eten kun je niet retourneren. Ongeopende flessen wijn en sterke drank kun je "
                "binnen "
                "14 dagen na bezorging terugsturen.",
            ),
            (
                "conditions",
                "Keep bottles upright and cool until you send them back.",
                "Bewaar flessen rechtop en koel tot je ze terugstuurt.",
            ),
            (
                "exceptions",
                "Chocolate, coffee, tea and gift hampers with food cannot be returned.",
                "Chocolade, koffie, thee en kerstpakketten met eten kun je niet retourneren.",
            ),
        ),
    ),
    (
        "plants-flowers",
        "plants and flowers",
        "planten en bloemen",
        (
            (
                "window",
                "Plants and flowers cannot be returned because they are perishable.",
                "Planten en bloemen kun je niet retourneren, omdat ze bederfelijk zijn.",
            ),
            (
                "damaged",
                "Did a plant arrive damaged? Send us a photo within 24 hours of delivery and we "
                "send "
                "a new plant or refund you.",
                "Is een plant beschadigd aangekomen? Stuur ons binnen 24 uur na bezorging een "
                "foto, "
                "dan sturen we een nieuwe plant of betalen we je terug.",
            ),
        ),
    ),
    (
        "personalised",
        "personalised items",
        "gepersonaliseerde artikelen",
        (
            (
                "window",
                "Personalised items are made for you and cannot be returned or exchanged.",
                "Gepersonaliseerde artikelen maken we speciaal voor jou; je kunt ze niet "
                "retourneren of ruilen.",
            ),
            (
                "preview",
                "Before we make your item you see a preview. Check the spelling carefully: we make "
                "it exactly as shown.",
                "Voordat we je artikel maken, zie je een voorbeeld. Controleer de spelling goed: "
                "we "
                "maken het precies zoals je het ziet.",
            ),
            (
                "damaged",
                "If the item is faulty, or we made a mistake in your text, we replace it for free.",
                "Is het artikel defect of hebben wij een fout in je tekst gemaakt, dan vervangen "
                "we "
                "het gratis.",
            ),
        ),
    ),
    (
        "sale-outlet",
        "sale and outlet items",
        "sale- en outletartikelen",
        (
            (
                "window",
                "Items bought in the sale can be returned within 30 days, just like full-price "
                "items.",
                "Artikelen uit de sale kun je binnen 30 dagen retourneren, net als artikelen voor "
                "de volle prijs.",
            ),
            (
                "outlet",
                "Items with the Outlet label can be returned within 14 days. We refund outlet "
                "returns as a gift card, not to your bank account.",
                "Artikelen met het label Outlet kun je binnen 14 dagen retourneren. Outletretouren "
                "betalen we terug als cadeaukaart, niet op je rekening.",
            ),
            (
                "exceptions",
                "Items marked 'Last chance' cannot be returned or exchanged.",
                "Artikelen met het label 'Laatste kans' kun je niet retourneren of ruilen.",
            ),
        ),
    ),
)
