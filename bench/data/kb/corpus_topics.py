"""Hand-written general help-centre topics of the generated store (same format as
``corpus_payment``)."""

from __future__ import annotations

from bench.data.kb.corpus_payment import BOTH, Topic

GENERAL_TOPICS: tuple[Topic, ...] = (
    (
        "cancel-order",
        BOTH,
        ("Cancelling your order", "Je bestelling annuleren"),
        ("Changed your mind after ordering?", "Toch van gedachten veranderd na het bestellen?"),
        (
            (
                "Cancelling before we ship",
                "Annuleren voordat we verzenden",
                "You can cancel your order yourself in your account within 30 minutes of "
                "ordering. After that, ask our customer service: we try to stop the order before "
                "it ships, at no cost.",
                "Binnen 30 minuten na het bestellen kun je je bestelling zelf annuleren in je "
                "account. Daarna vraag je het aan onze klantenservice: we proberen de bestelling "
                "tegen te houden voordat hij wordt verzonden, zonder kosten.",
            ),
            (
                "Already shipped?",
                "Al verzonden?",
                "Once your order has shipped it cannot be cancelled. Refuse the parcel at the "
                "door or return it as usual.",
                "Is je bestelling al verzonden, dan kun je hem niet meer annuleren. Weiger het "
                "pakket aan de deur of stuur het gewoon terug.",
            ),
            (
                "Refund after cancelling",
                "Terugbetaling na annuleren",
                "After a cancellation you get the full amount back within 3 business days.",
                "Na een annulering krijg je het volledige bedrag binnen 3 werkdagen terug.",
            ),
        ),
    ),
    (
        "change-order",
        BOTH,
        ("Changing your order", "Je bestelling wijzigen"),
        (
            "Want to change something in an order you placed?",
            "Wil je iets aanpassen in een bestelling die je al hebt geplaatst?",
        ),
        (
            (
                "Changing the delivery address",
                "Bezorgadres wijzigen",
                "You can change the delivery address through our chat until your order is "
                "packed, usually within 2 hours of ordering.",
                "Je kunt het bezorgadres via onze chat wijzigen tot je bestelling is ingepakt, "
                "meestal tot 2 uur na het bestellen.",
            ),
            (
                "Changing size or colour",
                "Maat of kleur wijzigen",
                "We cannot change the size or colour of an item in a placed order. Cancel the "
                "order within 30 minutes and order again, or exchange the item after delivery.",
                "De maat of kleur van een artikel in een geplaatste bestelling kunnen we niet "
                "wijzigen. Annuleer de bestelling binnen 30 minuten en bestel opnieuw, of ruil "
                "het artikel na ontvangst.",
            ),
            (
                "Adding items",
                "Artikelen toevoegen",
                "Items cannot be added to an order. Place a second order; if both arrive on the "
                "same day, ask us and we refund the second shipping costs.",
                "Je kunt geen artikelen aan een bestelling toevoegen. Plaats een tweede "
                "bestelling; komen ze op dezelfde dag aan, vraag het ons dan en we betalen de "
                "tweede verzendkosten terug.",
            ),
        ),
    ),
    (
        "exchanges",
        BOTH,
        ("Exchanging an item", "Een artikel ruilen"),
        ("Wrong size or colour? Exchange it.", "Verkeerde maat of kleur? Ruil het."),
        (
            (
                "How exchanges work",
                "Zo werkt ruilen",
                "Choose Exchange when you register your return in your account and pick the new "
                "size or colour. We send the new item as soon as the carrier scans your return.",
                "Kies Ruilen als je je retour aanmeldt in je account en kies de nieuwe maat of "
                "kleur. We sturen het nieuwe artikel zodra de vervoerder je retour heeft gescand.",
            ),
            (
                "Exchange costs",
                "Kosten van ruilen",
                "Exchanges within the Netherlands and Belgium are free. From other countries you "
                "pay the normal return costs for your country.",
                "Ruilen binnen Nederland en België is gratis. Vanuit andere landen betaal je de "
                "normale retourkosten van jouw land.",
            ),
            (
                "Exchanging for a different product",
                "Ruilen voor een ander product",
                "You can only exchange for another size or colour of the same product. For a "
                "different product, return the item and place a new order.",
                "Je kunt alleen ruilen voor een andere maat of kleur van hetzelfde product. Wil "
                "je een ander product, stuur het artikel dan terug en plaats een nieuwe "
                "bestelling.",
            ),
        ),
    ),
    (
        "refunds",
        BOTH,
        ("Refunds: how and when", "Terugbetalingen: hoe en wanneer"),
        (
            "How we pay you back after a return or cancellation.",
            "Hoe we je terugbetalen na een retour of annulering.",
        ),
        (
            (
                "When is my refund processed?",
                "Wanneer wordt mijn terugbetaling verwerkt?",
                "We process your refund within 14 days of receiving your return; usually it "
                "takes 3 to 5 days.",
                "We verwerken je terugbetaling binnen 14 dagen nadat we je retour hebben "
                "ontvangen; meestal duurt het 3 tot 5 dagen.",
            ),
            (
                "Refunded to which payment method?",
                "Via welke betaalmethode?",
                "We always refund to the payment method you used for the order.",
                "We betalen altijd terug via de betaalmethode waarmee je de bestelling hebt "
                "betaald.",
            ),
            (
                "Are shipping costs refunded?",
                "Krijg ik de verzendkosten terug?",
                "We refund the original shipping costs only when you return your whole order.",
                "De oorspronkelijke verzendkosten betalen we alleen terug als je je hele "
                "bestelling terugstuurt.",
            ),
        ),
    ),
    (
        "damaged",
        BOTH,
        ("Damaged parcel or item", "Beschadigd pakket of artikel"),
        (
            "Something arrived broken? We will sort it out.",
            "Is er iets kapot aangekomen? We lossen het op.",
        ),
        (
            (
                "Damaged parcel",
                "Beschadigd pakket",
                "Is the box badly damaged? Refuse it, or accept it and report the damage with "
                "photos within 48 hours.",
                "Is de doos flink beschadigd? Weiger hem, of neem hem aan en meld de schade "
                "binnen 48 uur met foto's.",
            ),
            (
                "Damaged item",
                "Beschadigd artikel",
                "Report a damaged item with a photo through your account. We send a replacement "
                "or refund you. Items under €20 do not need to be sent back.",
                "Meld een beschadigd artikel met een foto via je account. We sturen een "
                "vervangend artikel of betalen je terug. Artikelen onder € 20 hoef je niet terug "
                "te sturen.",
            ),
        ),
    ),
    (
        "missing-item",
        BOTH,
        ("An item is missing from my order", "Er ontbreekt een artikel in mijn bestelling"),
        ("Not everything in the box?", "Zit niet alles in de doos?"),
        (
            (
                "Split deliveries",
                "Bestelling in delen",
                "Large orders sometimes ship in more than one parcel. Your shipping email lists "
                "each parcel with its own tracking link.",
                "Grote bestellingen versturen we soms in meer dan één pakket. In je verzendmail "
                "staat elk pakket met een eigen track & trace-link.",
            ),
            (
                "Reporting a missing item",
                "Ontbrekend artikel melden",
                "Report a missing item within 14 days of delivery through your account. We check "
                "it and send the item or refund you.",
                "Meld een ontbrekend artikel binnen 14 dagen na bezorging via je account. We "
                "controleren het en sturen het artikel na of betalen je terug.",
            ),
        ),
    ),
    (
        "wrong-item",
        BOTH,
        ("I received the wrong item", "Ik heb een verkeerd artikel ontvangen"),
        ("Sorry! This is how we fix it.", "Sorry! Zo lossen we het op."),
        (
            (
                "What to do",
                "Wat moet je doen?",
                "Send us a photo of the item and its label through your account. We email you a "
                "free return label and send the right item straight away.",
                "Stuur ons via je account een foto van het artikel en het label. We mailen je "
                "een gratis retourlabel en sturen meteen het juiste artikel.",
            ),
        ),
    ),
    (
        "late-delivery",
        BOTH,
        ("My parcel is late", "Mijn pakket is te laat"),
        ("Still waiting for your parcel?", "Wacht je nog op je pakket?"),
        (
            (
                "When to contact us",
                "Wanneer neem je contact op?",
                "Contact us if your parcel has not arrived 3 business days after the expected "
                "delivery date.",
                "Neem contact met ons op als je pakket 3 werkdagen na de verwachte bezorgdatum "
                "nog niet is aangekomen.",
            ),
            (
                "Delivered but not received",
                "Bezorgd maar niet ontvangen",
                "Tracking says delivered but you have nothing? Check with your neighbours first. "
                "Report it within 5 days; the carrier's investigation takes up to 10 business "
                "days, after which we send your order again or refund you.",
                "Staat je pakket op bezorgd maar heb je niets ontvangen? Vraag het eerst even "
                "bij de buren. Meld het binnen 5 dagen; het onderzoek van de vervoerder duurt "
                "maximaal 10 werkdagen, daarna sturen we je bestelling opnieuw of betalen we je "
                "terug.",
            ),
        ),
    ),
    (
        "delivery-options",
        BOTH,
        ("Evening, Sunday and same-day delivery", "Avond-, zondag- en zelfde-dagbezorging"),
        ("Choose when your parcel arrives.", "Kies zelf wanneer je pakket komt."),
        (
            (
                "Evening delivery",
                "Avondbezorging",
                "In the Netherlands we can deliver between 18:00 and 22:00 for €2.95.",
                "In Nederland bezorgen we op verzoek tussen 18.00 en 22.00 uur, voor € 2,95.",
            ),
            (
                "Sunday delivery",
                "Zondagbezorging",
                "Order before 22:00 on Saturday and we deliver on Sunday in most Dutch cities, "
                "for €4.95.",
                "Bestel je vóór zaterdag 22.00 uur, dan bezorgen we in de meeste Nederlandse "
                "steden op zondag, voor € 4,95.",
            ),
            (
                "Same-day delivery",
                "Vandaag bezorgd",
                "In Amsterdam, Rotterdam, Utrecht and The Hague, orders placed before 12:00 are "
                "delivered the same evening for €6.95.",
                "In Amsterdam, Rotterdam, Utrecht en Den Haag bezorgen we bestellingen die vóór "
                "12.00 uur zijn geplaatst dezelfde avond nog, voor € 6,95.",
            ),
        ),
    ),
    (
        "gift-card-buy",
        BOTH,
        ("Buying a gift card", "Een cadeaukaart kopen"),
        ("Give a Lindeboom gift card.", "Geef een Lindeboom-cadeaukaart cadeau."),
        (
            (
                "Gift cards and e-gift cards",
                "Cadeaukaarten en e-cadeaukaarten",
                "Choose an amount from €10 to €500. An e-gift card is emailed within 15 minutes, "
                "or on the date you choose.",
                "Kies een bedrag van € 10 tot € 500. Een e-cadeaukaart mailen we binnen 15 "
                "minuten, of op de datum die jij kiest.",
            ),
            (
                "Adding a message",
                "Een persoonlijk bericht",
                "Add a personal message of up to 200 characters; we print it on the card or in "
                "the email.",
                "Voeg een persoonlijk bericht van maximaal 200 tekens toe; we drukken het af op "
                "de kaart of zetten het in de e-mail.",
            ),
            (
                "Sending a gift card by post",
                "Cadeaukaart per post",
                "Physical gift cards are sent by post free of charge and arrive within 2 "
                "business days.",
                "Fysieke cadeaukaarten versturen we gratis per post; ze komen binnen 2 werkdagen "
                "aan.",
            ),
        ),
    ),
    (
        "gift-card-use",
        BOTH,
        ("Using your gift card", "Je cadeaukaart gebruiken"),
        (
            "Spend your gift card online or in our stores.",
            "Besteed je cadeaukaart online of in onze winkels.",
        ),
        (
            (
                "Checking your balance",
                "Saldo checken",
                "Check your balance on the gift card page with the card number and PIN, or ask "
                "at the till in any store.",
                "Je saldo check je op de cadeaukaartpagina met het kaartnummer en de pincode, of "
                "vraag het aan de kassa in een van onze winkels.",
            ),
            (
                "How long is a gift card valid?",
                "Hoe lang is een cadeaukaart geldig?",
                "A gift card is valid for 2 years from the date of purchase. The expiry date is "
                "on the back of the card.",
                "Een cadeaukaart is 2 jaar geldig vanaf de aankoopdatum. De vervaldatum staat op "
                "de achterkant van de kaart.",
            ),
            (
                "Lost or stolen gift card",
                "Cadeaukaart kwijt of gestolen",
                "We can block a lost gift card only if you still have its number. We cannot "
                "replace a lost card or pay out its balance.",
                "Een kwijtgeraakte cadeaukaart kunnen we alleen blokkeren als je het kaartnummer "
                "nog hebt. We kunnen een verloren kaart niet vervangen en het saldo niet "
                "uitbetalen.",
            ),
        ),
    ),
    (
        "club",
        BOTH,
        ("Lindeboom Club", "Lindeboom Club"),
        ("Our free loyalty programme.", "Ons gratis klantenprogramma."),
        (
            (
                "What is Lindeboom Club?",
                "Wat is Lindeboom Club?",
                "Lindeboom Club is our free loyalty programme: you save points on every purchase "
                "and get member offers.",
                "Lindeboom Club is ons gratis klantenprogramma: je spaart punten bij elke "
                "aankoop en krijgt aanbiedingen voor leden.",
            ),
            (
                "How to join",
                "Zo word je lid",
                "Join in your account or at the till in any store with your phone number.",
                "Word lid in je account of aan de kassa in een van onze winkels met je "
                "telefoonnummer.",
            ),
            (
                "Leaving the club",
                "Lidmaatschap opzeggen",
                "You can leave at any time in your account settings; your points then expire.",
                "Je kunt altijd opzeggen in je accountinstellingen; je punten vervallen dan.",
            ),
        ),
    ),
    (
        "club-points",
        BOTH,
        ("Earning and spending Club points", "Clubpunten sparen en besteden"),
        ("How points work in Lindeboom Club.", "Zo werken punten in Lindeboom Club."),
        (
            (
                "Earning points",
                "Punten sparen",
                "You earn 1 point for every euro you spend, online and in store. In your "
                "birthday month you earn double points.",
                "Je spaart 1 punt per euro die je uitgeeft, online en in de winkel. In je "
                "verjaardagsmaand spaar je dubbele punten.",
            ),
            (
                "Spending points",
                "Punten inwisselen",
                "Every 100 points become a €5 voucher, which you can use on your next purchase.",
                "Elke 100 punten worden een tegoedbon van € 5, die je bij je volgende aankoop "
                "kunt gebruiken.",
            ),
            (
                "Do points expire?",
                "Vervallen punten?",
                "Points expire 12 months after you earned them.",
                "Punten vervallen 12 maanden nadat je ze hebt gespaard.",
            ),
            (
                "Points and returns",
                "Punten en retouren",
                "When you return an item, we deduct the points you earned on it.",
                "Stuur je een artikel terug, dan trekken we de punten die je ermee spaarde weer "
                "af.",
            ),
        ),
    ),
    (
        "club-levels",
        BOTH,
        ("Club levels: Green, Silver and Gold", "Clubniveaus: Groen, Zilver en Goud"),
        ("The more you shop, the more you get.", "Hoe meer je shopt, hoe meer je krijgt."),
        (
            (
                "Silver",
                "Zilver",
                "Spend €500 in a year and you become Silver: free express delivery on every order.",
                "Besteed je € 500 in een jaar, dan word je Zilver: gratis expresbezorging op "
                "elke bestelling.",
            ),
            (
                "Gold",
                "Goud",
                "From €1,500 a year you are Gold: free alterations and early access to the sale.",
                "Vanaf € 1.500 per jaar ben je Goud: gratis vermaken en eerder toegang tot de "
                "sale.",
            ),
        ),
    ),
    (
        "pre-orders",
        BOTH,
        ("Pre-orders", "Pre-orders"),
        ("Order items before they are in stock.", "Bestel artikelen voordat ze op voorraad zijn."),
        (
            (
                "How pre-orders work",
                "Zo werkt een pre-order",
                "You pay when you place the pre-order. We ship on the expected date shown on the "
                "product page.",
                "Je betaalt bij het plaatsen van de pre-order. We verzenden op de verwachte "
                "datum die op de productpagina staat.",
            ),
            (
                "Delivery date changed",
                "Leverdatum gewijzigd",
                "If the expected date moves, we email you. You can cancel a pre-order free of "
                "charge at any time before it ships.",
                "Verschuift de verwachte datum, dan mailen we je. Je kunt een pre-order altijd "
                "kosteloos annuleren zolang hij niet is verzonden.",
            ),
            (
                "Pre-orders with other items",
                "Pre-order samen met andere artikelen",
                "An order with a pre-order item ships in one go when everything is in. Choose "
                "split delivery at checkout for €3.95 to receive the other items first.",
                "Een bestelling met een pre-order versturen we in één keer als alles binnen is. "
                "Kies bij het afrekenen voor gesplitste levering (€ 3,95) om de andere artikelen "
                "eerder te ontvangen.",
            ),
        ),
    ),
    (
        "engraving",
        BOTH,
        ("Engraving", "Graveren"),
        ("Make it personal with an engraving.", "Maak het persoonlijk met een gravure."),
        (
            (
                "What we engrave",
                "Wat kunnen we graveren?",
                "We engrave jewellery, watches and pens, with up to 20 characters.",
                "We graveren sieraden, horloges en pennen, met maximaal 20 tekens.",
            ),
            (
                "Cost and delivery time",
                "Kosten en levertijd",
                "Engraving costs €9.95 per item and adds 3 business days to the delivery time.",
                "Graveren kost € 9,95 per artikel; de levertijd wordt 3 werkdagen langer.",
            ),
            (
                "Returning engraved items",
                "Gegraveerde artikelen retourneren",
                "Engraved items cannot be returned or exchanged.",
                "Gegraveerde artikelen kun je niet retourneren of ruilen.",
            ),
        ),
    ),
    (
        "embroidery",
        BOTH,
        ("Embroidery and monograms", "Borduren en monogrammen"),
        (
            "Add your initials to towels, bathrobes and shirts.",
            "Zet je initialen op handdoeken, badjassen en overhemden.",
        ),
        (
            (
                "Options",
                "Mogelijkheden",
                "We embroider up to 3 letters, in 6 thread colours.",
                "We borduren maximaal 3 letters, in 6 garenkleuren.",
            ),
            (
                "Cost and delivery time",
                "Kosten en levertijd",
                "Embroidery costs €7.50 per item and adds 5 business days to the delivery time.",
                "Borduren kost € 7,50 per artikel; de levertijd wordt 5 werkdagen langer.",
            ),
        ),
    ),
    (
        "newsletter",
        BOTH,
        ("Newsletter", "Nieuwsbrief"),
        ("Stay up to date with our newsletter.", "Blijf op de hoogte met onze nieuwsbrief."),
        (
            (
                "Welcome discount",
                "Welkomstkorting",
                "Sign up and get €10 off your first order from €75.",
                "Meld je aan en krijg € 10 korting op je eerste bestelling vanaf € 75.",
            ),
            (
                "Unsubscribing",
                "Afmelden",
                "Use the unsubscribe link at the bottom of every newsletter, or change it in "
                "your account.",
                "Gebruik de afmeldlink onderaan elke nieuwsbrief, of pas het aan in je account.",
            ),
        ),
    ),
    (
        "discount-codes",
        BOTH,
        ("Discount codes", "Kortingscodes"),
        ("How to use a discount code.", "Zo gebruik je een kortingscode."),
        (
            (
                "Using a code",
                "Een code gebruiken",
                "Enter the code in your basket, under the order summary, before you pay.",
                "Vul de code in je winkelmandje in, onder het besteloverzicht, voordat je betaalt.",
            ),
            (
                "Code not working?",
                "Werkt de code niet?",
                "Check the expiry date and the minimum order amount. Some brands are excluded "
                "from discounts.",
                "Controleer de einddatum en het minimale bestelbedrag. Sommige merken zijn "
                "uitgesloten van korting.",
            ),
            (
                "Combining codes",
                "Codes combineren",
                "You can use one discount code per order.",
                "Je kunt één kortingscode per bestelling gebruiken.",
            ),
        ),
    ),
    (
        "price-promise",
        BOTH,
        ("Price promise", "Prijsbelofte"),
        ("What happens when a price changes.", "Wat er gebeurt als een prijs verandert."),
        (
            (
                "Price dropped after you bought?",
                "Prijs gedaald na je aankoop?",
                "If the price of an item drops within 14 days of your purchase, we refund the "
                "difference. This does not apply to sale prices on Black Friday.",
                "Daalt de prijs van een artikel binnen 14 dagen na je aankoop, dan betalen we "
                "het verschil terug. Dat geldt niet voor saleprijzen op Black Friday.",
            ),
            (
                "Other shops' prices",
                "Prijzen van andere winkels",
                "We do not match prices from other shops.",
                "We passen onze prijzen niet aan aan die van andere winkels.",
            ),
        ),
    ),
    (
        "gift-wrapping",
        BOTH,
        ("Gift wrapping", "Cadeauverpakking"),
        ("Send it ready to give.", "Stuur het klaar om te geven."),
        (
            (
                "Wrapping options",
                "Inpakken",
                "Gift wrapping costs €3.50 per item. A card with your message is free.",
                "Inpakken als cadeau kost € 3,50 per artikel. Een kaartje met je boodschap is "
                "gratis.",
            ),
            (
                "Gift receipt",
                "Kassabon zonder prijzen",
                "Add a gift receipt without prices, so the recipient can exchange the item.",
                "Voeg een kassabon zonder prijzen toe, zodat de ontvanger het artikel kan ruilen.",
            ),
        ),
    ),
    (
        "click-collect",
        BOTH,
        ("Click & collect", "Click & collect"),
        ("Order online, pick up in a store.", "Online bestellen, in de winkel ophalen."),
        (
            (
                "How it works",
                "Zo werkt het",
                "Choose a store at checkout. Click & collect is free. If the item is in stock in "
                "that store it is ready in 2 hours; otherwise within 2 business days.",
                "Kies bij het afrekenen een winkel. Click & collect is gratis. Ligt het artikel "
                "in die winkel op voorraad, dan staat het binnen 2 uur klaar; anders binnen 2 "
                "werkdagen.",
            ),
            (
                "Picking up your order",
                "Je bestelling ophalen",
                "Bring the pick-up email and your ID. We keep your order for 7 days.",
                "Neem de ophaalmail en je legitimatie mee. We bewaren je bestelling 7 dagen.",
            ),
            (
                "Returning a click & collect order",
                "Click & collect retourneren",
                "You can return a click & collect order in any of our stores.",
                "Een click & collect-bestelling kun je in al onze winkels retourneren.",
            ),
        ),
    ),
    (
        "account",
        BOTH,
        ("Your account", "Je account"),
        ("Manage your orders and details.", "Beheer je bestellingen en gegevens."),
        (
            (
                "Forgot your password?",
                "Wachtwoord vergeten?",
                "Click Forgot password on the sign-in page. The reset link in the email is valid "
                "for 1 hour.",
                "Klik op Wachtwoord vergeten op de inlogpagina. De link in de e-mail is 1 uur "
                "geldig.",
            ),
            (
                "Deleting your account",
                "Je account verwijderen",
                "Ask us to delete your account; we do this within 30 days. Your order history is "
                "then gone too.",
                "Vraag ons om je account te verwijderen; dat doen we binnen 30 dagen. Je "
                "bestelgeschiedenis verdwijnt dan ook.",
            ),
        ),
    ),
    (
        "privacy",
        BOTH,
        ("Privacy", "Privacy"),
        ("How we handle your personal data.", "Zo gaan we om met je persoonsgegevens."),
        (
            (
                "Your rights",
                "Je rechten",
                "You can ask to see, correct or delete your data. We reply within 30 days.",
                "Je kunt vragen om je gegevens in te zien, te corrigeren of te verwijderen. We "
                "reageren binnen 30 dagen.",
            ),
            (
                "Cookies",
                "Cookies",
                "Change your cookie settings with the link at the bottom of every page.",
                "Je cookie-instellingen wijzig je via de link onderaan elke pagina.",
            ),
        ),
    ),
    (
        "contact",
        BOTH,
        ("Contact customer service", "Contact met de klantenservice"),
        ("We are happy to help.", "We helpen je graag."),
        (
            (
                "Opening hours",
                "Openingstijden",
                "Customer service is open Monday to Friday 8:00–20:00 and Saturday 9:00–17:00. "
                "On Sunday you can reach us by chat from 10:00 to 16:00.",
                "De klantenservice is open van maandag tot en met vrijdag van 8.00 tot 20.00 uur "
                "en op zaterdag van 9.00 tot 17.00 uur. Op zondag kun je ons van 10.00 tot 16.00 "
                "uur via de chat bereiken.",
            ),
            (
                "Phone and email",
                "Telefoon en e-mail",
                "Call +31 85 000 1234 or email service@lindeboom.example; we answer emails "
                "within 24 hours.",
                "Bel +31 85 000 1234 of mail naar service@lindeboom.example; e-mails "
                "beantwoorden we binnen 24 uur.",
            ),
            (
                "Complaints",
                "Klachten",
                "Not happy with how we solved your problem? Email klachten@lindeboom.example and "
                "a team leader replies within 5 business days.",
                "Niet tevreden over hoe we je probleem hebben opgelost? Mail naar "
                "klachten@lindeboom.example; een teamleider reageert binnen 5 werkdagen.",
            ),
        ),
    ),
    (
        "sustainability",
        BOTH,
        ("Sustainability", "Duurzaamheid"),
        ("What we do to reduce our footprint.", "Wat we doen om onze impact te verkleinen."),
        (
            (
                "Packaging",
                "Verpakking",
                "We ship in boxes of recycled cardboard without plastic fillers. Reuse the box "
                "for your return.",
                "We verzenden in dozen van gerecycled karton zonder plastic opvulling. Gebruik "
                "de doos opnieuw voor je retour.",
            ),
            (
                "Second life for old clothes",
                "Tweede leven voor oude kleding",
                "Bring a bag of old clothes to any store and get a €5 voucher. We sort them for "
                "reuse and recycling.",
                "Lever een tas met oude kleding in bij een van onze winkels en krijg een "
                "tegoedbon van € 5. We sorteren alles voor hergebruik en recycling.",
            ),
        ),
    ),
    (
        "repairs",
        BOTH,
        ("Repair service", "Reparatieservice"),
        ("Give your favourites a longer life.", "Geef je favorieten een langer leven."),
        (
            (
                "What we repair",
                "Wat repareren we?",
                "We repair clothing, shoes and bags of any brand, also if you did not buy them "
                "at Lindeboom.",
                "We repareren kleding, schoenen en tassen van elk merk, ook als je ze niet bij "
                "Lindeboom hebt gekocht.",
            ),
            (
                "Cost and time",
                "Kosten en doorlooptijd",
                "You get a quote first; repairs start at €12.50 and take 2 to 3 weeks.",
                "Je krijgt eerst een prijsopgave; reparaties beginnen bij € 12,50 en duren 2 tot "
                "3 weken.",
            ),
        ),
    ),
    (
        "alterations",
        BOTH,
        ("Alterations", "Vermaken"),
        ("We can make it fit.", "We laten het passen."),
        (
            (
                "Shortening trousers",
                "Broeken inkorten",
                "Shortening trousers is free for full-price trousers bought at Lindeboom; "
                "otherwise it costs €12.50.",
                "Een broek inkorten is gratis voor broeken die je voor de volle prijs bij "
                "Lindeboom kocht; anders kost het € 12,50.",
            ),
            (
                "Where and how long",
                "Waar en hoe lang",
                "Alterations are done in stores with an alterations service and are ready within "
                "5 working days.",
                "Vermaken doen we in winkels met een vermaakservice; het is binnen 5 werkdagen "
                "klaar.",
            ),
        ),
    ),
    (
        "furniture-delivery",
        BOTH,
        ("Delivery of furniture and large items", "Bezorging van meubels en grote artikelen"),
        (
            "Large items are delivered by our own two-person team.",
            "Grote artikelen bezorgt ons eigen team met z'n tweeën.",
        ),
        (
            (
                "Delivery appointment",
                "Bezorgafspraak",
                "We call you to plan the delivery and give you a 3-hour time slot on the day "
                "before.",
                "We bellen je om de bezorging in te plannen en geven je de dag ervoor een "
                "tijdvak van 3 uur.",
            ),
            (
                "Up the stairs",
                "De trap op",
                "We carry items up to the third floor for free. Without a lift, each floor above "
                "the third costs €25.",
                "We dragen artikelen gratis tot de derde verdieping. Zonder lift kost elke "
                "verdieping boven de derde € 25.",
            ),
            (
                "Assembly",
                "Montage",
                "We can assemble your furniture for €49 and take the packaging away for free.",
                "We kunnen je meubels voor € 49 in elkaar zetten en nemen de verpakking gratis "
                "mee.",
            ),
        ),
    ),
    (
        "appliance-installation",
        BOTH,
        ("Installing appliances", "Installatie van apparaten"),
        ("Let us connect your new appliance.", "Laat ons je nieuwe apparaat aansluiten."),
        (
            (
                "Installation service",
                "Installatieservice",
                "We install washing machines, dryers and dishwashers for €69 and take your old "
                "appliance away for free.",
                "We sluiten wasmachines, drogers en vaatwassers aan voor € 69 en nemen je oude "
                "apparaat gratis mee.",
            ),
            (
                "What we need",
                "Wat hebben we nodig?",
                "A water tap and a drain within 1.5 metres of the appliance, and a free socket.",
                "Een kraan en een afvoer binnen 1,5 meter van het apparaat, en een vrij "
                "stopcontact.",
            ),
        ),
    ),
    (
        "back-in-stock",
        BOTH,
        ("Sold out? Get a message when it is back", "Uitverkocht? Krijg bericht als het terug is"),
        ("Missed your size?", "Je maat gemist?"),
        (
            (
                "Back-in-stock alerts",
                "Bericht bij weer op voorraad",
                "Click the bell next to the size and we email you when it is back in stock. The "
                "alert stays active for 30 days.",
                "Klik op het belletje naast de maat en we mailen je als hij weer op voorraad is. "
                "De melding blijft 30 dagen actief.",
            ),
        ),
    ),
    (
        "order-confirmation",
        BOTH,
        ("No order confirmation?", "Geen orderbevestiging ontvangen?"),
        (
            "You should receive a confirmation within minutes.",
            "Je ontvangt binnen een paar minuten een bevestiging.",
        ),
        (
            (
                "Check your spam folder",
                "Kijk in je spammap",
                "Our confirmation comes from orders@lindeboom.example. Look in your spam or "
                "promotions folder.",
                "Onze bevestiging komt van orders@lindeboom.example. Kijk in je spam- of "
                "reclamemap.",
            ),
            (
                "Still nothing?",
                "Nog steeds niets?",
                "If the order shows in your account, it went through. If it does not show after "
                "an hour, contact us before you order again.",
                "Staat de bestelling in je account, dan is hij gelukt. Staat hij er na een uur "
                "nog niet, neem dan contact op voordat je opnieuw bestelt.",
            ),
        ),
    ),
    (
        "invoices",
        BOTH,
        ("Invoices and receipts", "Facturen en bonnetjes"),
        ("Where to find proof of your purchase.", "Waar je het bewijs van je aankoop vindt."),
        (
            (
                "Downloading your invoice",
                "Je factuur downloaden",
                "Download a PDF invoice from your account under My orders as soon as your order "
                "has shipped.",
                "Download een pdf-factuur in je account onder Mijn bestellingen zodra je "
                "bestelling is verzonden.",
            ),
            (
                "Receipts for store purchases",
                "Bonnetjes van winkelaankopen",
                "Ask for a digital receipt at the till; it arrives by email and counts as proof "
                "of purchase for warranty.",
                "Vraag aan de kassa om een digitale kassabon; die komt per e-mail en geldt als "
                "aankoopbewijs voor de garantie.",
            ),
        ),
    ),
    (
        "student-discount",
        ("nl",),
        ("", "Studentenkorting"),
        ("", "Studeer je? Dan krijg je korting bij Lindeboom."),
        (
            (
                "",
                "Hoeveel korting krijg je?",
                "",
                "Studenten krijgen 10% korting op alles, behalve op sale-artikelen en "
                "cadeaukaarten.",
            ),
            (
                "",
                "Zo krijg je de korting",
                "",
                "Verifieer je studentenstatus eenmalig met je studentenmail via de pagina "
                "Studentenkorting. Daarna krijg je elke maand een nieuwe code.",
            ),
            (
                "",
                "Voorwaarden",
                "",
                "De studentenkorting kun je niet combineren met andere kortingscodes.",
            ),
        ),
    ),
    (
        "thuiswinkel",
        ("nl",),
        ("", "Thuiswinkel Waarborg en geschillen"),
        ("", "Lindeboom is lid van Thuiswinkel.org."),
        (
            (
                "",
                "Thuiswinkel Waarborg",
                "",
                "Als lid van Thuiswinkel.org houden we ons aan de Thuiswinkel Algemene "
                "Voorwaarden en geldt de Thuiswinkel Waarborg voor je aankopen.",
            ),
            (
                "",
                "Geschil voorleggen",
                "",
                "Kom je er met onze klantenservice niet uit? Dan kun je je klacht binnen 12 "
                "maanden voorleggen aan De Geschillencommissie.",
            ),
        ),
    ),
    (
        "waddeneilanden",
        ("nl",),
        ("", "Bezorging op de Waddeneilanden"),
        ("", "We bezorgen ook op Texel, Vlieland, Terschelling, Ameland en Schiermonnikoog."),
        (
            (
                "",
                "Levertijd",
                "",
                "Op de Waddeneilanden duurt de bezorging 1 tot 2 werkdagen langer dan op het "
                "vasteland.",
            ),
            (
                "",
                "Kosten",
                "",
                "Voor gewone pakketten betaal je geen toeslag. Voor meubels en grote apparaten "
                "rekenen we € 45 extra voor de overtocht.",
            ),
        ),
    ),
    (
        "business-orders",
        ("en",),
        ("Business and corporate orders", ""),
        ("Ordering for your company?", ""),
        (
            (
                "Corporate gifts",
                "",
                "For corporate gifts from €500 we give a volume discount of 5 to 15%. Ask for a "
                "quote at business@lindeboom.example.",
                "",
            ),
            (
                "VAT invoices",
                "",
                "Enter your company name and VAT number at checkout. They cannot be added to the "
                "invoice after you have ordered.",
                "",
            ),
        ),
    ),
    (
        "international-sizes",
        ("en",),
        ("International size conversion", ""),
        ("Used to US or UK sizes? Convert them here.", ""),
        (
            (
                "US sizes",
                "",
                "Women's clothing: US 4 is EU 36, US 6 is EU 38 and US 8 is EU 40. Men's shoes: "
                "US 9 is EU 42.",
                "",
            ),
            (
                "UK sizes",
                "",
                "Women's clothing: UK 8 is EU 36, UK 10 is EU 38 and UK 12 is EU 40.",
                "",
            ),
        ),
    ),
)
