"""The demo shop's help-centre articles in English (Markdown)."""

from __future__ import annotations

from core.demo.types import DemoArticle

ORDER_CHANGES = """\
# Changing or cancelling your order

Changed your mind, picked the wrong size or spotted a typo in your address? You can sort it
out yourself in the Customer Hub, as long as you are quick.

## Changes and cancellation within 1 hour

You can change or cancel your order free of charge within **1 hour (60 minutes)** of placing
it, as long as it has not been shipped yet. Sign in to the Customer Hub with the email address
you used at checkout, open your order and choose **Edit order** or **Cancel order**. Your
changes go straight to our warehouse, and if you cancel, you get the full amount back.

## What you can change

Within that hour you can change:

- the **size or colour** of an item (another version of the same product);
- the **quantity** of an item;
- the **shipping address**.

Adding new items to an existing order is not possible. Just place a new order for the extra
items: shipping within the Netherlands is free from EUR 75.

## After the first hour

After one hour we start picking and packing your order, so it can no longer be changed. If it
has not shipped yet, we can still cancel it for you, but we charge a **cancellation fee of
EUR 5**, which we deduct from your refund. Contact our customer service to do this.

Once your order has shipped it can no longer be cancelled. You can return it instead; see
*Returns and exchanges*.

## Partly shipped orders

Sometimes part of an order ships first, for example when one item is a pre-order. Items that
have already shipped can no longer be changed; you can return them after delivery. Items that
have not shipped yet follow the rules above.

## Exceptions

- **Personalised items** (such as the Personalised Canvas Tote or the Embroidered Name
  Sweatshirt) are made especially for you as soon as you order. They cannot be changed or
  cancelled.
- **Pre-orders** cannot be changed. You can cancel a pre-order within the first hour, just
  like any other order.
"""

RETURNS = """\
# Returns and exchanges

Not quite right? No problem. You can return most items within 30 days.

## Return window

You have **30 days from the delivery date** to return an item. Items must be unworn,
unwashed and have their original labels attached. The date your parcel was delivered counts
as day one; you can see it in the Customer Hub under your order.

## How to start a return

1. Sign in to the Customer Hub with the email address you used for your order.
2. Open the order and choose **Start a return**.
3. Select the items and tell us why you're sending them back.
4. Print the return label, or show the QR code at a PostNL point (no printer needed).

Returns within the Netherlands are free. From the United Kingdom you can use your own carrier;
return shipping is then at your own cost.

## Exchanges

Would you like a different size or colour? Choose **Exchange** when you start your return in
the Customer Hub. We send the new item as soon as the carrier scans your return parcel, if it
is in stock. Exchanges are free.

## Sale items

Items bought in the sale can be returned within 30 days like any other item, **except items
marked "Final sale"**. Final sale items cannot be returned or exchanged.

## Items that cannot be returned

- **Final sale** items.
- **Personalised items**, such as anything with your name or initials: they are made just for
  you.
- **Hygiene items**: underwear, swimwear and earrings cannot be returned for hygiene reasons.

This does not affect your rights when an item is faulty.

## Faulty or wrong items

Received something damaged, faulty or not what you ordered? Let us know within 30 days of
delivery and send us a photo. We pay the return shipping and send a replacement or give you a
full refund, also for final sale, personalised and hygiene items.
"""

REFUNDS = """\
# Refunds

## When will I get my refund?

We refund you **within 5 business days after we have received and inspected your return**.
After that, your bank or payment provider usually needs **3 to 5 business days** to show the
money in your account.

## How you are refunded

We always refund to the payment method you used for the order. If you paid with a gift card,
the amount goes back onto that gift card. If you paid with Klarna, Klarna updates your invoice
as soon as we process the refund.

## What is refunded

- If you return your whole order, we refund the full amount, including the original shipping
  costs.
- If you return part of your order, we refund the items you sent back. The original shipping
  costs are not refunded.
- If you cancel within 1 hour of ordering, you get everything back. If we cancel a not yet
  shipped order for you after that hour, we deduct the EUR 5 cancellation fee.
- Exchanges are not refunded: we send you the new item instead.

## Checking the status of your refund

In the Customer Hub each order shows where your return is: **return requested**, **return in
progress** (on its way to us or being inspected) and **refunded**. You can also ask our chat
assistant for the latest status of your return or refund.
"""

SHIPPING = """\
# Shipping and delivery

## Delivery times and costs

| Destination | Carrier | Delivery time | Cost |
|---|---|---|---|
| Netherlands | PostNL | 1–2 business days | EUR 4.95, free from EUR 75 |
| Belgium and Germany | PostNL | 2–3 business days | EUR 6.95, free from EUR 100 |
| United Kingdom | DHL Express | 2–4 business days | EUR 9.95, free from EUR 100 |

Orders placed on a business day before 16:00 leave our warehouse in Amsterdam the same day.
Pre-orders ship as soon as the item arrives; the expected date is on the product page.

## UK orders

Prices for UK orders include UK VAT. You will not pay any import duties or extra charges on
delivery.

## Tracking your order

As soon as your order ships you get an email with a track & trace link. You can also find the
tracking link with your order in the Customer Hub.

## Not at home?

PostNL tries to deliver once more the next business day. After that, your parcel waits for
you at a nearby PostNL point for 7 days. DHL leaves a card with instructions.

## Parcel lost or damaged?

If your tracking has not changed for 5 business days, or your parcel arrives damaged, please
contact us. We will look into it with the carrier and make sure you get your order.
"""

PAYMENT = """\
# Payment methods

## How can I pay?

You can pay with:

- iDEAL (Netherlands)
- Bancontact (Belgium)
- credit card: Visa, Mastercard and American Express
- PayPal
- Apple Pay and Google Pay
- Klarna: pay later, within 30 days
- a Noord & Co gift card

## When is my payment taken?

We take payment when you place your order. If you pay later with Klarna, you pay Klarna within
30 days of the order shipping.

## Is paying safe?

Yes. Payments are handled by Shopify Payments and our payment partners. We never see or store
your card details.

## Gift cards

Gift cards are valid for 2 years and can be used for several orders until the balance is zero.
Gift cards cannot be exchanged for cash.
"""

CONTACT = """\
# Contact and opening hours

## Customer service

Our customer service team is here for you **Monday to Friday, 9:00–17:00** (Amsterdam time).
Outside these hours our chat assistant answers your questions about orders, returns and
refunds, and a colleague follows up on anything it can't solve on the next working day.

- Chat: the chat button at the bottom of every page
- Email: service@noord-demo.example, we reply within one working day

## Visiting us

We are an online shop and do not have a store you can visit. Returns must be sent by post;
see *Returns and exchanges*.

## About Noord & Co

Noord & Co is an Amsterdam label for everyday clothing and accessories: merino knitwear,
organic cotton basics, denim and sneakers made to last.
"""

ARTICLES_EN: tuple[DemoArticle, ...] = (
    DemoArticle("order-changes", "en", "Changing or cancelling your order", ORDER_CHANGES),
    DemoArticle("returns", "en", "Returns and exchanges", RETURNS),
    DemoArticle("refunds", "en", "Refunds", REFUNDS),
    DemoArticle("shipping", "en", "Shipping and delivery", SHIPPING),
    DemoArticle("payment", "en", "Payment methods", PAYMENT),
    DemoArticle("contact", "en", "Contact and opening hours", CONTACT),
)
