"""The sandbox shop's legal policies (``shop { shopPolicies }``): the demo shop's refund,
shipping, terms of service and privacy policies, in Dutch and English.

Code-level seed data, like the rest of the demo: a policy's title and body are in the shop's
primary locale, and the other language is its published translation (a ``ShopPolicy``'s only
translatable field is ``body``). The texts state the same numbers as the demo's help-centre
articles (``core.demo.articles_en`` / ``articles_nl``: a 30-day return window, refunds within
5 business days, free cancellation within 1 hour and a EUR 5 fee after it, the shipping
table), so importing them gives the conflict finder nothing to flag. They name the shop, as
Shopify's policy templates do, so renaming the sandbox shop changes every policy.

Reading them needs the ``read_legal_policies`` scope, as on Shopify: a token without it gets
``ACCESS_DENIED``.
"""

from __future__ import annotations

from html import escape
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo

from integrations.shopify.sandbox import documents as docs
from integrations.shopify.sandbox.models import SandboxShop

SERVICE_EMAIL = "service@noord-demo.example"
"""The customer service address the demo's contact article gives."""

HANDLES = {
    "REFUND_POLICY": "refund-policy",
    "SHIPPING_POLICY": "shipping-policy",
    "TERMS_OF_SERVICE": "terms-of-service",
    "PRIVACY_POLICY": "privacy-policy",
}
"""The policies the sandbox shop has, in Shopify's order, with their page's handle."""

TITLES = {
    "en": {
        "REFUND_POLICY": "Refund policy",
        "SHIPPING_POLICY": "Shipping policy",
        "TERMS_OF_SERVICE": "Terms of service",
        "PRIVACY_POLICY": "Privacy policy",
    },
    "nl": {
        "REFUND_POLICY": "Restitutiebeleid",
        "SHIPPING_POLICY": "Verzendbeleid",
        "TERMS_OF_SERVICE": "Servicevoorwaarden",
        "PRIVACY_POLICY": "Privacybeleid",
    },
}

_REFUND_EN = """\
<p>We want you to love what you ordered from {shop}. If something is not right, you can return
most items within 30 days.</p>
<h2>Return window</h2>
<p>You have <strong>30 days from the delivery date</strong> to return an item. Items must be
unworn, unwashed and have their original labels attached. The date your parcel was delivered
counts as day one.</p>
<h2>How to return an item</h2>
<p>Sign in to the Customer Hub with the email address you used for your order, open the order
and choose <strong>Start a return</strong>. Print the return label, or show the QR code at a
PostNL point. Returns within the Netherlands are free. From the United Kingdom you can use
your own carrier; return shipping is then at your own cost.</p>
<h2>Exchanges</h2>
<p>Would you like a different size or colour? Choose <strong>Exchange</strong> when you start
your return. Exchanges are free.</p>
<h2>Items that cannot be returned</h2>
<ul>
<li>Items marked "Final sale".</li>
<li>Personalised items, such as anything with your name or initials.</li>
<li>Hygiene items: underwear, swimwear and earrings.</li>
</ul>
<p>This does not affect your rights when an item is faulty.</p>
<h2>Damaged, faulty or wrong items</h2>
<p>Received something damaged, faulty or not what you ordered? Let us know within 30 days of
delivery and send us a photo. We pay the return shipping and send a replacement or give you a
full refund.</p>
<h2>Refunds</h2>
<p>We refund you <strong>within 5 business days after we have received and inspected your
return</strong>, always to the payment method you used for the order. After that, your bank
or payment provider usually needs 3 to 5 business days to show the money in your
account.</p>
<p>If you return your whole order, we also refund the original shipping costs. If you return
part of your order, the original shipping costs are not refunded.</p>
<h2>Cancellations</h2>
<p>You can cancel your order free of charge within 1 hour of placing it, as long as it has
not shipped. If we cancel a not yet shipped order for you after that hour, we deduct a
cancellation fee of EUR 5 from your refund. An order that has shipped can no longer be
cancelled, but you can return it.</p>
<h2>Questions</h2>
<p>Email us at <a href="mailto:{email}">{email}</a> or chat with us on our website.</p>
"""

_REFUND_NL = """\
<p>We willen dat je blij bent met je bestelling bij {shop}. Valt iets tegen, dan kun je de
meeste artikelen binnen 30 dagen terugsturen.</p>
<h2>Retourtermijn</h2>
<p>Je hebt <strong>30 dagen vanaf de bezorgdatum</strong> om een artikel te retourneren. Het
artikel moet ongedragen en ongewassen zijn en de originele labels moeten er nog aan zitten.
De dag waarop je pakket is bezorgd, telt als dag één.</p>
<h2>Zo stuur je iets terug</h2>
<p>Log in op de Customer Hub met het e-mailadres van je bestelling, open de bestelling en kies
<strong>Retour aanmelden</strong>. Print het retourlabel, of laat de QR-code zien bij een
PostNL-punt. Retourneren binnen Nederland is gratis. Vanuit het Verenigd Koninkrijk stuur je
het pakket met een vervoerder naar keuze terug; de verzendkosten zijn dan voor jou.</p>
<h2>Ruilen</h2>
<p>Liever een andere maat of kleur? Kies <strong>Ruilen</strong> als je je retour aanmeldt.
Ruilen is gratis.</p>
<h2>Wat je niet kunt retourneren</h2>
<ul>
<li>Artikelen met het label "Final sale".</li>
<li>Gepersonaliseerde artikelen, bijvoorbeeld met je naam of initialen.</li>
<li>Hygiëne-artikelen: ondergoed, badkleding en oorbellen.</li>
</ul>
<p>Is een artikel defect, dan gelden deze uitzonderingen niet.</p>
<h2>Beschadigd, defect of verkeerd artikel</h2>
<p>Is er iets beschadigd, defect of heb je iets anders ontvangen dan je hebt besteld? Laat het
ons binnen 30 dagen na bezorging weten en stuur een foto mee. Wij betalen de retourkosten en
sturen een vervangend artikel of betalen het volledige bedrag terug.</p>
<h2>Terugbetaling</h2>
<p>We betalen je terug <strong>binnen 5 werkdagen nadat we je retour hebben ontvangen en
gecontroleerd</strong>, altijd via de betaalmethode waarmee je hebt besteld. Daarna duurt het
meestal nog 3 tot 5 werkdagen voordat je bank of betaalprovider het bedrag op je rekening
zet.</p>
<p>Stuur je je hele bestelling terug, dan betalen we ook de oorspronkelijke verzendkosten
terug. Stuur je een deel terug, dan krijg je de verzendkosten niet terug.</p>
<h2>Annuleren</h2>
<p>Binnen 1 uur na het plaatsen kun je je bestelling kosteloos annuleren, zolang hij nog niet
is verzonden. Annuleren we een nog niet verzonden bestelling na dat uur voor je, dan houden we
EUR 5 annuleringskosten in op je terugbetaling. Een verzonden bestelling kun je niet meer
annuleren, maar wel retourneren.</p>
<h2>Vragen</h2>
<p>Mail ons via <a href="mailto:{email}">{email}</a> of chat met ons op de website.</p>
"""

_SHIPPING_EN = """\
<p>{shop} ships from its warehouse in Amsterdam to the Netherlands, Belgium, Germany and the
United Kingdom.</p>
<h2>Delivery times and costs</h2>
<table>
<thead><tr><th>Destination</th><th>Carrier</th><th>Delivery time</th><th>Cost</th></tr></thead>
<tbody>
<tr><td>Netherlands</td><td>PostNL</td><td>1–2 business days</td>
<td>EUR 4.95, free from EUR 75</td></tr>
<tr><td>Belgium and Germany</td><td>PostNL</td><td>2–3 business days</td>
<td>EUR 6.95, free from EUR 100</td></tr>
<tr><td>United Kingdom</td><td>DHL Express</td><td>2–4 business days</td>
<td>EUR 9.95, free from EUR 100</td></tr>
</tbody>
</table>
<p>Orders placed on a business day before 16:00 leave our warehouse the same day. Pre-orders
ship as soon as the item arrives; the expected date is on the product page.</p>
<h2>UK orders</h2>
<p>Prices for UK orders include UK VAT. You will not pay any import duties or extra charges on
delivery.</p>
<h2>Tracking your order</h2>
<p>As soon as your order ships you get an email with a track &amp; trace link. You can also
find the tracking link with your order in the Customer Hub.</p>
<h2>Not at home?</h2>
<p>PostNL tries to deliver once more the next business day. After that, your parcel waits for
you at a nearby PostNL point for 7 days. DHL leaves a card with instructions.</p>
<h2>Parcel lost or damaged?</h2>
<p>If your tracking has not changed for 5 business days, or your parcel arrives damaged,
please contact us at <a href="mailto:{email}">{email}</a>. We will look into it with the
carrier and make sure you get your order.</p>
"""

_SHIPPING_NL = """\
<p>{shop} verzendt vanuit het magazijn in Amsterdam naar Nederland, België, Duitsland en het
Verenigd Koninkrijk.</p>
<h2>Levertijden en verzendkosten</h2>
<table>
<thead><tr><th>Bestemming</th><th>Vervoerder</th><th>Levertijd</th><th>Kosten</th></tr></thead>
<tbody>
<tr><td>Nederland</td><td>PostNL</td><td>1–2 werkdagen</td>
<td>EUR 4,95, gratis vanaf EUR 75</td></tr>
<tr><td>België en Duitsland</td><td>PostNL</td><td>2–3 werkdagen</td>
<td>EUR 6,95, gratis vanaf EUR 100</td></tr>
<tr><td>Verenigd Koninkrijk</td><td>DHL Express</td><td>2–4 werkdagen</td>
<td>EUR 9,95, gratis vanaf EUR 100</td></tr>
</tbody>
</table>
<p>Bestel je op een werkdag vóór 16.00 uur, dan verlaat je pakket dezelfde dag nog ons
magazijn. Pre-orders versturen we zodra het artikel binnen is; de verwachte datum staat op de
productpagina.</p>
<h2>Bestellingen naar het Verenigd Koninkrijk</h2>
<p>De prijzen voor bestellingen naar het Verenigd Koninkrijk zijn inclusief Britse btw. Bij
bezorging betaal je geen invoerrechten of andere extra kosten.</p>
<h2>Volgen van je pakket</h2>
<p>Zodra je bestelling is verzonden, krijg je een e-mail met een track-and-trace-link. Die
link vind je ook bij je bestelling in de Customer Hub.</p>
<h2>Niet thuis?</h2>
<p>PostNL probeert het de volgende werkdag nog een keer. Lukt dat ook niet, dan ligt je pakket
7 dagen voor je klaar bij een PostNL-punt in de buurt.</p>
<h2>Pakket kwijt of beschadigd?</h2>
<p>Is je track-and-trace al 5 werkdagen niet veranderd, of komt je pakket beschadigd aan? Mail
ons dan via <a href="mailto:{email}">{email}</a>. We zoeken het uit met de vervoerder en
zorgen dat je je bestelling krijgt.</p>
"""

_TERMS_EN = """\
<h2>Overview</h2>
<p>This website is operated by {shop}, an online shop for clothing and accessories based in
Amsterdam, the Netherlands. Throughout these terms, "we", "us" and "our" refer to {shop}. By
placing an order you agree to these terms of service.</p>
<h2>Orders</h2>
<p>Your order is an offer to buy. The contract is made when we send you the order
confirmation by email. We may refuse or cancel an order, for example when an item is out of
stock or a price on the website is clearly wrong; we then refund what you paid in full.</p>
<h2>Prices and payment</h2>
<p>Prices are in euros and include VAT. Shipping costs are shown at checkout and in our
shipping policy. We take payment when you place your order. Payments are handled by Shopify
Payments and our payment partners; we never see or store your card details.</p>
<h2>Changing or cancelling an order</h2>
<p>You can change or cancel your order free of charge in the Customer Hub within 1 hour of
placing it, as long as it has not shipped. After that hour we can still cancel an order that
has not shipped, for a cancellation fee of EUR 5. Personalised items are made for you and
cannot be changed or cancelled.</p>
<h2>Returns and refunds</h2>
<p>You can return most items within 30 days of delivery, as our refund policy describes. This
includes your statutory right of withdrawal as a consumer in the European Union.</p>
<h2>Gift cards</h2>
<p>Gift cards are valid for 2 years and cannot be exchanged for cash.</p>
<h2>Guarantee and liability</h2>
<p>Our products come with the legal guarantee: an item must be fit for normal use. If it is
faulty, we replace it or refund you, as our refund policy describes. We are not liable for
indirect damage, unless the law says otherwise.</p>
<h2>Personal data</h2>
<p>We handle your personal data as our privacy policy describes.</p>
<h2>Changes to these terms</h2>
<p>We may update these terms. The version on this page when you place an order applies to
that order.</p>
<h2>Governing law</h2>
<p>These terms are governed by Dutch law. If we cannot solve a complaint together, you can
also turn to the European Commission's online dispute resolution platform.</p>
<h2>Contact</h2>
<p>{shop}, Amsterdam, the Netherlands. Email: <a href="mailto:{email}">{email}</a>.</p>
"""

_TERMS_NL = """\
<h2>Algemeen</h2>
<p>Deze website is van {shop}, een webwinkel in kleding en accessoires uit Amsterdam. In deze
voorwaarden betekenen "we", "wij" en "ons": {shop}. Door een bestelling te plaatsen ga je
akkoord met deze servicevoorwaarden.</p>
<h2>Bestellingen</h2>
<p>Je bestelling is een aanbod om te kopen. De overeenkomst komt tot stand zodra we je de
orderbevestiging per e-mail sturen. We kunnen een bestelling weigeren of annuleren,
bijvoorbeeld als een artikel niet meer op voorraad is of een prijs op de website duidelijk
niet klopt; je krijgt dan alles terug wat je hebt betaald.</p>
<h2>Prijzen en betalen</h2>
<p>Prijzen zijn in euro en inclusief btw. De verzendkosten zie je bij het afrekenen en in ons
verzendbeleid. De betaling vindt plaats zodra je je bestelling plaatst. Betalingen lopen via
Shopify Payments en onze betaalpartners; wij zien en bewaren je kaartgegevens nooit.</p>
<h2>Bestelling wijzigen of annuleren</h2>
<p>Binnen 1 uur na het plaatsen kun je je bestelling in de Customer Hub kosteloos wijzigen of
annuleren, zolang hij nog niet is verzonden. Na dat uur kunnen we een nog niet verzonden
bestelling nog wel annuleren, tegen EUR 5 annuleringskosten. Gepersonaliseerde artikelen
maken we speciaal voor jou; die kun je niet wijzigen of annuleren.</p>
<h2>Retourneren en terugbetalen</h2>
<p>De meeste artikelen kun je binnen 30 dagen na bezorging retourneren, zoals beschreven in ons
restitutiebeleid. Je wettelijke herroepingsrecht als consument in de Europese Unie valt
daarbinnen.</p>
<h2>Cadeaubonnen</h2>
<p>Een cadeaubon is 2 jaar geldig en kun je niet inwisselen voor geld.</p>
<h2>Garantie en aansprakelijkheid</h2>
<p>Op onze producten zit de wettelijke garantie: een artikel moet geschikt zijn voor normaal
gebruik. Is het defect, dan vervangen we het of betalen we je terug, zoals beschreven in ons
restitutiebeleid. We zijn niet aansprakelijk voor indirecte schade, tenzij de wet anders
bepaalt.</p>
<h2>Persoonsgegevens</h2>
<p>We gaan met je persoonsgegevens om zoals beschreven in ons privacybeleid.</p>
<h2>Wijzigingen</h2>
<p>We kunnen deze voorwaarden aanpassen. Voor een bestelling gelden de voorwaarden die op deze
pagina stonden toen je bestelde.</p>
<h2>Toepasselijk recht</h2>
<p>Op deze voorwaarden is Nederlands recht van toepassing. Komen we samen niet uit een klacht,
dan kun je ook terecht bij het platform voor onlinegeschillenbeslechting van de Europese
Commissie.</p>
<h2>Contact</h2>
<p>{shop}, Amsterdam. E-mail: <a href="mailto:{email}">{email}</a>.</p>
"""

_PRIVACY_EN = """\
<p>{shop} respects your privacy. This policy explains which personal data we collect when you
visit our website or shop with us, why we collect it, and what your rights are.</p>
<h2>What we collect</h2>
<ul>
<li>Order details: your name, address, email address, phone number and what you ordered.</li>
<li>Payment details: handled by our payment providers; we never see or store your card
details.</li>
<li>Customer service: your messages to us by email and through our chat assistant.</li>
<li>Device and usage data, collected with cookies when you browse our website.</li>
</ul>
<h2>Why we use it</h2>
<p>We use your data to deliver your order, handle returns and refunds, answer your questions,
prevent fraud and, if you agree, send you our newsletter.</p>
<h2>Who we share it with</h2>
<p>We share only what is needed with Shopify (our shop platform), our carriers PostNL and DHL,
our payment providers (including Klarna) and the service that runs our chat assistant. We do
not sell your personal data.</p>
<h2>How long we keep it</h2>
<p>We keep order and invoice details for as long as Dutch tax law requires. Other data we
delete once we no longer need it.</p>
<h2>Your rights</h2>
<p>You can ask us to see, correct or delete your personal data, or object to how we use it:
email <a href="mailto:{email}">{email}</a>. If you are not satisfied with our answer, you can
complain to the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).</p>
"""

_PRIVACY_NL = """\
<p>{shop} gaat zorgvuldig om met je privacy. In dit beleid lees je welke persoonsgegevens we
verzamelen als je onze website bezoekt of bij ons bestelt, waarom we dat doen en welke rechten
je hebt.</p>
<h2>Welke gegevens we verzamelen</h2>
<ul>
<li>Bestelgegevens: je naam, adres, e-mailadres, telefoonnummer en wat je hebt besteld.</li>
<li>Betaalgegevens: die verwerken onze betaalproviders; wij zien en bewaren je kaartgegevens
nooit.</li>
<li>Klantenservice: je berichten aan ons per e-mail en via onze chatassistent.</li>
<li>Apparaat- en gebruiksgegevens, verzameld met cookies als je onze website bezoekt.</li>
</ul>
<h2>Waarvoor we ze gebruiken</h2>
<p>We gebruiken je gegevens om je bestelling te bezorgen, retouren en terugbetalingen af te
handelen, je vragen te beantwoorden, fraude te voorkomen en, als je dat wilt, je onze
nieuwsbrief te sturen.</p>
<h2>Met wie we ze delen</h2>
<p>We delen alleen wat nodig is met Shopify (ons winkelplatform), onze vervoerders PostNL en
DHL, onze betaalproviders (waaronder Klarna) en de dienst achter onze chatassistent. We
verkopen je persoonsgegevens nooit.</p>
<h2>Hoe lang we ze bewaren</h2>
<p>Bestel- en factuurgegevens bewaren we zo lang als de Nederlandse belastingwet voorschrijft.
Andere gegevens verwijderen we zodra we ze niet meer nodig hebben.</p>
<h2>Jouw rechten</h2>
<p>Je kunt ons vragen je persoonsgegevens in te zien, te verbeteren of te verwijderen, of
bezwaar maken tegen hoe we ze gebruiken: mail naar <a href="mailto:{email}">{email}</a>. Ben
je niet tevreden met ons antwoord, dan kun je een klacht indienen bij de Autoriteit
Persoonsgegevens.</p>
"""

BODIES = {
    "en": {
        "REFUND_POLICY": _REFUND_EN,
        "SHIPPING_POLICY": _SHIPPING_EN,
        "TERMS_OF_SERVICE": _TERMS_EN,
        "PRIVACY_POLICY": _PRIVACY_EN,
    },
    "nl": {
        "REFUND_POLICY": _REFUND_NL,
        "SHIPPING_POLICY": _SHIPPING_NL,
        "TERMS_OF_SERVICE": _TERMS_NL,
        "PRIVACY_POLICY": _PRIVACY_NL,
    },
}


def policy_documents(*, shop: SandboxShop) -> list[dict[str, Any]]:
    """The shop's ``ShopPolicy`` documents: title and body in its primary locale (English
    when the sandbox has no texts in it), ``_translations`` {locale: body} for the others."""
    primary = shop.primary_locale if shop.primary_locale in BODIES else "en"
    values = {"shop": escape(shop.name), "email": SERVICE_EMAIL}
    found = []
    for number, (policy_type, handle) in enumerate(HANDLES.items(), start=1):
        found.append(
            {
                "id": docs.gid("ShopPolicy", shop.legacy_id * 10 + number),
                "type": policy_type,
                "title": TITLES[primary][policy_type],
                "body": BODIES[primary][policy_type].format(**values),
                "url": f"https://{shop.domain}/policies/{handle}",
                "createdAt": docs.iso(shop.created_at),
                "updatedAt": docs.iso(shop.updated_at),
                "_translations": {
                    locale: bodies[policy_type].format(**values)
                    for locale, bodies in BODIES.items()
                    if locale != primary
                },
            }
        )
    return found


ACCESS_SCOPES_DOC = "https://shopify.dev/api/usage/access-scopes"


def scope_require(info: GraphQLResolveInfo, field: str, scope: str) -> None:
    """Shopify's ACCESS_DENIED error when the request's token lacks ``scope`` (its write
    scope includes it). Tokens are checked only where the context names their scopes."""
    scopes: frozenset[str] | None = getattr(info.context, "scopes", None)
    if scopes is None or scope in scopes or scope.replace("read_", "write_", 1) in scopes:
        return
    required = f"`{scope}` access scope."
    raise GraphQLError(
        f"Access denied for {field} field. Required access: {required}",
        extensions={
            "code": "ACCESS_DENIED",
            "documentation": ACCESS_SCOPES_DOC,
            "requiredAccess": required,
        },
    )


def _shop_policies(shop: dict[str, Any], info: GraphQLResolveInfo) -> list[dict[str, Any]]:
    scope_require(info, "shopPolicies", "read_legal_policies")
    return policy_documents(shop=info.context.shop)


def _translations(
    policy: dict[str, Any], info: GraphQLResolveInfo, locale: str, **_: Any
) -> list[dict[str, Any]]:
    body = policy["_translations"].get(locale)
    if body is None:
        return []
    return [
        {
            "key": "body",
            "locale": locale,
            "value": body,
            "outdated": False,
            "updatedAt": policy["updatedAt"],
        }
    ]


SHOP_RESOLVERS = {"shopPolicies": _shop_policies}
SHOP_POLICY_RESOLVERS = {"translations": _translations}
