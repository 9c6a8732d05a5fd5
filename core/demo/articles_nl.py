"""De helpartikelen van de demowinkel in het Nederlands (Markdown).

Written as Dutch copy in its own right, not as a line-by-line translation of the English.
"""

from __future__ import annotations

from core.demo.types import DemoArticle

ORDER_CHANGES = """\
# Bestelling wijzigen of annuleren

Toch een andere maat nodig, of een tikfout in je adres? Dat pas je zelf aan in de Customer Hub.
Wel even snel zijn!

## Binnen 1 uur: gratis wijzigen of annuleren

Tot **1 uur (60 minuten)** na het plaatsen van je bestelling kun je die kosteloos wijzigen of
annuleren, zolang hij nog niet is verzonden. Log in op de Customer Hub met het e-mailadres
waarmee je hebt besteld, open je bestelling en kies **Bestelling wijzigen** of
**Bestelling annuleren**. Annuleer je, dan krijg je het volledige bedrag terug.

## Wat kun je wijzigen?

Binnen dat uur kun je aanpassen:

- de **maat of kleur** van een artikel (een andere variant van hetzelfde product);
- het **aantal** van een artikel;
- het **bezorgadres**.

Artikelen toevoegen aan een bestelling die al geplaatst is, kan niet. Plaats voor extra
artikelen gewoon een nieuwe bestelling; vanaf EUR 75 verzenden we in Nederland gratis.

## Na het eerste uur

Na een uur gaan we je bestelling picken en inpakken. Wijzigen kan dan niet meer. Is je pakket
nog niet verzonden, dan kunnen we de bestelling nog wel voor je annuleren. Daarvoor rekenen we
**EUR 5 annuleringskosten**, die we verrekenen met je terugbetaling. Neem hiervoor contact op
met onze klantenservice.

Is je bestelling al verzonden? Dan kun je hem niet meer annuleren, maar wel retourneren. Kijk
daarvoor bij *Retourneren en ruilen*.

## Bestelling deels verzonden

Soms versturen we een deel van je bestelling alvast, bijvoorbeeld als er een pre-order in zit.
Wat al onderweg is, kun je niet meer wijzigen; dat kun je na ontvangst retourneren. Voor de
artikelen die nog niet zijn verzonden, gelden de regels hierboven.

## Uitzonderingen

- **Gepersonaliseerde artikelen**, zoals de Personalised Canvas Tote of de Embroidered Name
  Sweatshirt, maken we speciaal voor jou zodra je bestelt. Die kun je niet wijzigen of
  annuleren.
- **Pre-orders** kun je niet wijzigen. Annuleren kan wel binnen het eerste uur, net als bij
  elke andere bestelling.
"""

RETURNS = """\
# Retourneren en ruilen

Past het niet of valt het toch tegen? Geen probleem: de meeste artikelen kun je binnen 30
dagen terugsturen.

## Retourtermijn

Je hebt **30 dagen vanaf de bezorgdatum** om een artikel te retourneren. Het artikel moet
ongedragen en ongewassen zijn en de originele labels moeten er nog aan zitten. De dag waarop
je pakket is bezorgd, telt als dag één. Je ziet de bezorgdatum bij je bestelling in de
Customer Hub.

## Zo meld je een retour aan

1. Log in op de Customer Hub met het e-mailadres van je bestelling.
2. Open de bestelling en kies **Retour aanmelden**.
3. Kies de artikelen en vertel ons waarom je ze terugstuurt.
4. Print het retourlabel, of laat de QR-code zien bij een PostNL-punt (geen printer nodig).

Retourneren binnen Nederland is gratis. Vanuit het Verenigd Koninkrijk stuur je het pakket
met een vervoerder naar keuze terug; de verzendkosten zijn dan voor jou.

## Ruilen

Liever een andere maat of kleur? Kies **Ruilen** als je je retour aanmeldt in de Customer Hub.
Zodra de vervoerder je retourpakket heeft gescand, sturen we het nieuwe artikel op, als het op
voorraad is. Ruilen is gratis.

## Sale-artikelen

Ook artikelen uit de sale kun je binnen 30 dagen retourneren, **behalve artikelen met het
label "Final sale"**. Final-sale-artikelen kun je niet retourneren en niet ruilen.

## Wat kun je niet retourneren?

- Artikelen met het label **Final sale**.
- **Gepersonaliseerde artikelen**, bijvoorbeeld met je naam of initialen: die zijn speciaal
  voor jou gemaakt.
- **Hygiëne-artikelen**: ondergoed, badkleding en oorbellen nemen we om hygiënische redenen
  niet retour.

Is een artikel kapot of defect? Dan gelden deze uitzonderingen niet; zie hieronder.

## Defect of verkeerd artikel

Is er iets beschadigd, defect of heb je iets anders ontvangen dan je hebt besteld? Laat het
ons binnen 30 dagen na bezorging weten en stuur een foto mee. Wij betalen de retourkosten en
sturen een vervangend artikel of betalen het volledige bedrag terug, ook bij final-sale-,
gepersonaliseerde en hygiëne-artikelen.
"""

REFUNDS = """\
# Terugbetalingen

## Wanneer krijg ik mijn geld terug?

We betalen je terug **binnen 5 werkdagen nadat we je retour hebben ontvangen en gecontroleerd**.
Daarna duurt het meestal nog **3 tot 5 werkdagen** voordat je bank of betaalprovider het
bedrag op je rekening zet.

## Hoe betalen we terug?

We betalen altijd terug via de betaalmethode waarmee je hebt besteld. Heb je met een
cadeaubon betaald, dan zetten we het bedrag terug op die cadeaubon. Heb je achteraf betaald
met Klarna, dan past Klarna je factuur aan zodra wij de terugbetaling hebben verwerkt.

## Wat krijg je terug?

- Stuur je je hele bestelling terug, dan krijg je het volledige bedrag terug, inclusief de
  oorspronkelijke verzendkosten.
- Stuur je een deel terug, dan betalen we die artikelen terug. De verzendkosten krijg je dan
  niet terug.
- Annuleer je binnen 1 uur na het bestellen, dan krijg je alles terug. Annuleren we een nog
  niet verzonden bestelling na dat uur voor je, dan houden we EUR 5 annuleringskosten in.
- Bij ruilen betalen we niets terug: je krijgt het nieuwe artikel.

## Status van je terugbetaling

In de Customer Hub zie je per bestelling hoe het met je retour staat: **retour aangemeld**,
**retour in behandeling** (onderweg naar ons of in controle) en **terugbetaald**. Je kunt ook
onze chatassistent vragen naar de laatste stand van je retour of terugbetaling.
"""

SHIPPING = """\
# Verzending en bezorging

## Levertijden en verzendkosten

| Bestemming | Vervoerder | Levertijd | Kosten |
|---|---|---|---|
| Nederland | PostNL | 1–2 werkdagen | EUR 4,95, gratis vanaf EUR 75 |
| België en Duitsland | PostNL | 2–3 werkdagen | EUR 6,95, gratis vanaf EUR 100 |
| Verenigd Koninkrijk | DHL Express | 2–4 werkdagen | EUR 9,95, gratis vanaf EUR 100 |

Bestel je op een werkdag vóór 16.00 uur, dan verlaat je pakket dezelfde dag nog ons magazijn
in Amsterdam. Pre-orders versturen we zodra het artikel binnen is; de verwachte datum staat
op de productpagina.

## Bestellingen naar het Verenigd Koninkrijk

De prijzen voor bestellingen naar het Verenigd Koninkrijk zijn inclusief Britse btw. Bij
bezorging betaal je geen invoerrechten of andere extra kosten.

## Volgen van je pakket

Zodra je bestelling is verzonden, krijg je een e-mail met een track-and-trace-link. Die link
vind je ook bij je bestelling in de Customer Hub.

## Niet thuis?

PostNL probeert het de volgende werkdag nog een keer. Lukt dat ook niet, dan ligt je pakket
7 dagen voor je klaar bij een PostNL-punt in de buurt.

## Pakket kwijt of beschadigd?

Is je track-and-trace al 5 werkdagen niet veranderd, of komt je pakket beschadigd aan? Neem
dan contact met ons op. We zoeken het uit met de vervoerder en zorgen dat je je bestelling
krijgt.
"""

PAYMENT = """\
# Betaalmethodes

## Hoe kan ik betalen?

Je kunt bij ons betalen met:

- iDEAL
- Bancontact
- creditcard: Visa, Mastercard en American Express
- PayPal
- Apple Pay en Google Pay
- Klarna: achteraf betalen, binnen 30 dagen
- een cadeaubon van Noord & Co

## Wanneer wordt er afgeschreven?

De betaling vindt plaats zodra je je bestelling plaatst. Betaal je achteraf met Klarna, dan
betaal je Klarna binnen 30 dagen nadat je bestelling is verzonden.

## Is betalen veilig?

Ja. Betalingen lopen via Shopify Payments en onze betaalpartners. Wij zien en bewaren je
kaartgegevens nooit.

## Cadeaubonnen

Een cadeaubon is 2 jaar geldig en kun je over meerdere bestellingen verdelen tot het saldo
op is. Een cadeaubon kun je niet inwisselen voor geld.
"""

CONTACT = """\
# Contact en openingstijden

## Klantenservice

Onze klantenservice is er voor je van **maandag tot en met vrijdag, 9.00–17.00 uur**. Buiten
die tijden beantwoordt onze chatassistent je vragen over bestellingen, retouren en
terugbetalingen. Kan de assistent je niet verder helpen, dan neemt een collega de
eerstvolgende werkdag contact met je op.

- Chat: via de chatknop onderaan elke pagina
- E-mail: service@noord-demo.example, we reageren binnen één werkdag

## Langskomen

We zijn een webwinkel en hebben geen winkel waar je langs kunt komen. Retouren stuur je per
post; kijk bij *Retourneren en ruilen*.

## Over Noord & Co

Noord & Co is een Amsterdams label voor kleding en accessoires voor elke dag: merino truien,
basics van biologisch katoen, denim en sneakers die lang meegaan.
"""

ARTICLES_NL: tuple[DemoArticle, ...] = (
    DemoArticle("order-changes", "nl", "Bestelling wijzigen of annuleren", ORDER_CHANGES),
    DemoArticle("returns", "nl", "Retourneren en ruilen", RETURNS),
    DemoArticle("refunds", "nl", "Terugbetalingen", REFUNDS),
    DemoArticle("shipping", "nl", "Verzending en bezorging", SHIPPING),
    DemoArticle("payment", "nl", "Betaalmethodes", PAYMENT),
    DemoArticle("contact", "nl", "Contact en openingstijden", CONTACT),
)
