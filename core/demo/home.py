"""The second, small demo store (same owner), so the dashboard's store switcher has somewhere
to switch to. It has a couple of articles and no orders or integrations."""

from __future__ import annotations

from core.demo.types import DemoArticle, DemoStoreInfo

_RETURNS_EN = """\
# Returns

You can return unused homeware within **14 days of delivery** in its original packaging.
Start your return by emailing home@noord-demo.example with your order number.

## Breakages

Did something arrive broken? Send us a photo within 48 hours of delivery and we will send a
replacement free of charge.
"""

_RETURNS_NL = """\
# Retourneren

Ongebruikte woonaccessoires kun je binnen **14 dagen na bezorging** in de originele
verpakking terugsturen. Mail je ordernummer naar home@noord-demo.example om je retour aan te
melden.

## Iets gebroken?

Is er iets kapot aangekomen? Stuur ons binnen 48 uur na bezorging een foto, dan sturen we
kosteloos een nieuw exemplaar.
"""

HOME_STORE = DemoStoreInfo(
    name="Noord & Co Home",
    slug="demo-home",
    shop_domain="noord-home-demo.myshopify.com",
    default_language="en",
    timezone="Europe/Amsterdam",
    articles=(
        DemoArticle("home-returns", "en", "Returns", _RETURNS_EN),
        DemoArticle("home-returns", "nl", "Retourneren", _RETURNS_NL),
    ),
)
