"""Hand-written payment-method articles of the generated help centre.

Each topic: (slug, languages, (title en, title nl), (intro en, intro nl),
((heading en, heading nl, text en, text nl), ...)). A topic in one language only leaves the
other's strings empty.
"""

from __future__ import annotations

Section = tuple[str, str, str, str]
Topic = tuple[str, tuple[str, ...], tuple[str, str], tuple[str, str], tuple[Section, ...]]

BOTH = ("en", "nl")

PAYMENT_TOPICS: tuple[Topic, ...] = (
    (
        "pay-ideal",
        BOTH,
        ("Paying with iDEAL", "Betalen met iDEAL"),
        (
            "iDEAL is the most used way to pay in the Netherlands.",
            "iDEAL is de meest gebruikte betaalmethode in Nederland.",
        ),
        (
            (
                "How it works",
                "Zo werkt het",
                "Choose iDEAL at checkout, pick your bank and confirm the payment in your "
                "banking app.",
                "Kies iDEAL bij het afrekenen, selecteer je bank en bevestig de betaling in je "
                "bankapp.",
            ),
            (
                "When you pay",
                "Wanneer betaal je?",
                "The amount is taken from your account straight away, when you place the order.",
                "Het bedrag wordt direct bij het plaatsen van je bestelling van je rekening "
                "afgeschreven.",
            ),
            (
                "Refunds",
                "Terugbetalen",
                "We refund iDEAL payments to the bank account you paid from, usually within 2 "
                "business days of processing your return.",
                "iDEAL-betalingen storten we terug op de rekening waarvan je hebt betaald, "
                "meestal binnen 2 werkdagen nadat we je retour hebben verwerkt.",
            ),
            (
                "Payment failed?",
                "Betaling mislukt?",
                "If the payment fails we keep your order for 24 hours. Use the link in the email "
                "to try again.",
                "Mislukt de betaling, dan houden we je bestelling 24 uur vast. Probeer het "
                "opnieuw via de link in de e-mail.",
            ),
        ),
    ),
    (
        "pay-bancontact",
        BOTH,
        ("Paying with Bancontact", "Betalen met Bancontact"),
        (
            "Bancontact is available for orders delivered in Belgium.",
            "Bancontact kun je gebruiken voor bestellingen die in België worden bezorgd.",
        ),
        (
            (
                "How it works",
                "Zo werkt het",
                "Choose Bancontact at checkout and scan the QR code with the Bancontact or "
                "Payconiq app, or enter your card details.",
                "Kies Bancontact bij het afrekenen en scan de QR-code met de Bancontact- of "
                "Payconiq-app, of vul je kaartgegevens in.",
            ),
            (
                "Refunds",
                "Terugbetalen",
                "Refunds go back to the Belgian bank account linked to your Bancontact card.",
                "We betalen terug op de Belgische rekening die aan je Bancontactkaart gekoppeld "
                "is.",
            ),
        ),
    ),
    (
        "pay-credit-card",
        BOTH,
        ("Paying by credit card", "Betalen met creditcard"),
        (
            "We accept Visa, Mastercard and American Express.",
            "We accepteren Visa, Mastercard en American Express.",
        ),
        (
            (
                "How it works",
                "Zo werkt het",
                "Enter your card details at checkout. Your bank may ask you to confirm the "
                "payment with 3-D Secure in its app.",
                "Vul bij het afrekenen je kaartgegevens in. Je bank kan je vragen de betaling "
                "met 3-D Secure in de app te bevestigen.",
            ),
            (
                "When you pay",
                "Wanneer betaal je?",
                "We reserve the amount when you order and only charge your card when your order "
                "ships.",
                "We reserveren het bedrag bij je bestelling en schrijven het pas af als je "
                "bestelling wordt verzonden.",
            ),
            (
                "Refunds",
                "Terugbetalen",
                "A refund to a credit card can take 5 to 10 business days to appear on your "
                "statement.",
                "Een terugbetaling op je creditcard kan 5 tot 10 werkdagen duren voordat je die "
                "op je afschrift ziet.",
            ),
        ),
    ),
    (
        "pay-paypal",
        BOTH,
        ("Paying with PayPal", "Betalen met PayPal"),
        ("Pay with your PayPal account.", "Betaal met je PayPal-account."),
        (
            (
                "How it works",
                "Zo werkt het",
                "Choose PayPal at checkout, sign in to PayPal and confirm the payment.",
                "Kies PayPal bij het afrekenen, log in bij PayPal en bevestig de betaling.",
            ),
            (
                "Refunds",
                "Terugbetalen",
                "PayPal refunds appear in your PayPal balance within 24 hours of processing.",
                "Terugbetalingen via PayPal staan binnen 24 uur na verwerking in je PayPal-saldo.",
            ),
        ),
    ),
    (
        "pay-klarna",
        BOTH,
        ("Pay later with Klarna", "Achteraf betalen met Klarna"),
        (
            "With Klarna you receive your order first and pay later.",
            "Met Klarna ontvang je eerst je bestelling en betaal je later.",
        ),
        (
            (
                "How it works",
                "Zo werkt het",
                "Choose Klarna at checkout. Klarna checks your details and sends you an invoice "
                "by email.",
                "Kies Klarna bij het afrekenen. Klarna controleert je gegevens en stuurt je een "
                "factuur per e-mail.",
            ),
            (
                "When you pay",
                "Wanneer betaal je?",
                "You pay Klarna within 30 days of the day your order ships.",
                "Je betaalt Klarna binnen 30 dagen na de dag waarop je bestelling is verzonden.",
            ),
            (
                "Returning something",
                "Iets retourneren",
                "Register your return in the Klarna app to pause your invoice. Klarna lowers the "
                "invoice as soon as we process the return.",
                "Meld je retour in de Klarna-app, dan zet je de factuur op pauze. Klarna "
                "verlaagt de factuur zodra wij de retour verwerken.",
            ),
        ),
    ),
    (
        "pay-riverty",
        BOTH,
        ("Pay after delivery with Riverty", "Achteraf betalen met Riverty"),
        (
            "Riverty (formerly AfterPay) lets you pay after delivery.",
            "Met Riverty (voorheen AfterPay) betaal je na ontvangst.",
        ),
        (
            (
                "Who can use it",
                "Wie kan het gebruiken?",
                "Riverty is available in the Netherlands and Belgium for customers aged 18 or "
                "over. Riverty can decline a payment without giving a reason.",
                "Riverty kun je gebruiken in Nederland en België als je 18 jaar of ouder bent. "
                "Riverty kan een betaling weigeren zonder reden te geven.",
            ),
            (
                "When you pay",
                "Wanneer betaal je?",
                "You pay Riverty within 14 days of delivery.",
                "Je betaalt Riverty binnen 14 dagen na ontvangst.",
            ),
        ),
    ),
    (
        "pay-apple-pay",
        BOTH,
        ("Paying with Apple Pay", "Betalen met Apple Pay"),
        ("Pay quickly on your iPhone, iPad or Mac.", "Betaal snel met je iPhone, iPad of Mac."),
        (
            (
                "How it works",
                "Zo werkt het",
                "Apple Pay appears at checkout in Safari. Confirm with Face ID, Touch ID or your "
                "passcode.",
                "Apple Pay zie je bij het afrekenen in Safari. Bevestig met Face ID, Touch ID of "
                "je toegangscode.",
            ),
            (
                "Refunds",
                "Terugbetalen",
                "Refunds go to the card you added to Apple Pay.",
                "We betalen terug op de kaart die je aan Apple Pay hebt gekoppeld.",
            ),
        ),
    ),
    (
        "pay-google-pay",
        BOTH,
        ("Paying with Google Pay", "Betalen met Google Pay"),
        (
            "Pay with the cards saved in your Google account.",
            "Betaal met de kaarten in je Google-account.",
        ),
        (
            (
                "How it works",
                "Zo werkt het",
                "Google Pay appears at checkout in Chrome and on Android phones. Confirm with "
                "your fingerprint or PIN.",
                "Google Pay zie je bij het afrekenen in Chrome en op Android-telefoons. Bevestig "
                "met je vingerafdruk of pincode.",
            ),
            (
                "Refunds",
                "Terugbetalen",
                "Refunds go to the card linked to Google Pay.",
                "We betalen terug op de kaart die aan Google Pay gekoppeld is.",
            ),
        ),
    ),
    (
        "pay-gift-card",
        BOTH,
        ("Paying with a gift card", "Betalen met een cadeaukaart"),
        (
            "Use a Lindeboom gift card online or in our stores.",
            "Gebruik een Lindeboom-cadeaukaart online of in onze winkels.",
        ),
        (
            (
                "Paying online with a gift card",
                "Online betalen met een cadeaukaart",
                "At checkout, enter the 19-digit gift card number and the PIN from the back of "
                "the card.",
                "Vul bij het afrekenen het cadeaukaartnummer van 19 cijfers en de pincode op de "
                "achterkant in.",
            ),
            (
                "Combining with another payment method",
                "Combineren met een andere betaalmethode",
                "Is your gift card balance not enough? Pay the rest with another payment method. "
                "You can use up to 2 gift cards per order.",
                "Is het saldo van je cadeaukaart niet genoeg? Betaal de rest met een andere "
                "betaalmethode. Je kunt maximaal 2 cadeaukaarten per bestelling gebruiken.",
            ),
        ),
    ),
    (
        "pay-bank-transfer",
        BOTH,
        ("Paying by bank transfer", "Betalen via bankoverschrijving"),
        (
            "Prefer to transfer the amount yourself? That is possible.",
            "Maak je het bedrag liever zelf over? Dat kan.",
        ),
        (
            (
                "How it works",
                "Zo werkt het",
                "After you order you receive our IBAN and a payment reference by email. Always "
                "include the reference.",
                "Na je bestelling ontvang je ons IBAN en een betalingskenmerk per e-mail. "
                "Vermeld altijd het kenmerk.",
            ),
            (
                "When we ship",
                "Wanneer verzenden we?",
                "We reserve your items for 7 days and ship your order as soon as your payment "
                "has arrived, which takes 1 to 2 business days.",
                "We houden je artikelen 7 dagen voor je vast en verzenden je bestelling zodra je "
                "betaling binnen is; dat duurt 1 tot 2 werkdagen.",
            ),
        ),
    ),
    (
        "pay-business-invoice",
        BOTH,
        ("Paying on invoice for businesses", "Op rekening betalen voor bedrijven"),
        (
            "Registered businesses can pay afterwards on invoice.",
            "Geregistreerde bedrijven kunnen achteraf op rekening betalen.",
        ),
        (
            (
                "Who can use it",
                "Wie kan het gebruiken?",
                "Businesses with a Chamber of Commerce (KvK) number, for orders from €250.",
                "Bedrijven met een KvK-nummer, voor bestellingen vanaf € 250.",
            ),
            (
                "Payment term",
                "Betaaltermijn",
                "You pay the invoice within 30 days of the invoice date.",
                "Je betaalt de factuur binnen 30 dagen na de factuurdatum.",
            ),
        ),
    ),
    (
        "pay-currencies",
        BOTH,
        ("Currencies and exchange rates", "Valuta en wisselkoersen"),
        ("All our prices are in euros.", "Al onze prijzen zijn in euro's."),
        (
            (
                "Paying in another currency",
                "Betalen in een andere valuta",
                "We only charge in euros. If your card is in pounds, dollars or kronor, your "
                "bank converts the amount at its own exchange rate and may charge a fee.",
                "We rekenen alleen af in euro's. Staat je kaart in ponden, dollars of kronen, "
                "dan rekent je bank het bedrag om tegen haar eigen wisselkoers en kan ze kosten "
                "rekenen.",
            ),
            (
                "Refunds in another currency",
                "Terugbetaling in een andere valuta",
                "We refund the same amount in euros; because exchange rates change, the amount "
                "in your own currency can differ slightly.",
                "We betalen hetzelfde bedrag in euro's terug; doordat wisselkoersen veranderen, "
                "kan het bedrag in je eigen valuta iets afwijken.",
            ),
        ),
    ),
    (
        "pay-security",
        BOTH,
        ("Is paying safe?", "Is betalen veilig?"),
        ("Your payment details are safe with us.", "Je betaalgegevens zijn veilig bij ons."),
        (
            (
                "How we protect your payment",
                "Zo beschermen we je betaling",
                "All payments go through a certified payment provider over an encrypted "
                "connection. We never see or store your full card number.",
                "Alle betalingen lopen via een gecertificeerde betaalprovider over een "
                "versleutelde verbinding. Wij zien of bewaren nooit je volledige kaartnummer.",
            ),
            (
                "Suspicious emails",
                "Verdachte e-mails",
                "We never ask for your password or card details by email, text message or phone. "
                "Forward suspicious messages to security@lindeboom.example.",
                "We vragen nooit om je wachtwoord of kaartgegevens via e-mail, sms of telefoon. "
                "Stuur verdachte berichten door naar security@lindeboom.example.",
            ),
        ),
    ),
    (
        "pay-in3",
        ("nl",),
        ("", "Betalen in 3 termijnen met in3"),
        ("", "Met in3 betaal je je bestelling in drie delen, zonder rente."),
        (
            (
                "",
                "Zo werkt het",
                "",
                "Kies in3 bij het afrekenen. Je betaalt de eerste termijn direct, de tweede na "
                "30 dagen en de derde na 60 dagen. Je betaalt geen rente.",
            ),
            (
                "",
                "Voorwaarden",
                "",
                "In3 kun je gebruiken voor bestellingen van € 100 tot € 3.000, als je in "
                "Nederland woont en 18 jaar of ouder bent.",
            ),
        ),
    ),
)
