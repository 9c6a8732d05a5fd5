"""The demo shop itself: identity, policy numbers, demo logins, channel and handoff settings.

The credentials are fixed and documented on purpose: they are for a local try-out against
the Shopify sandbox only. The ``demo_store`` command refuses to run with production
settings unless told otherwise.
"""

from __future__ import annotations

from decimal import Decimal

from core.demo.types import DemoUser

SHOP_DOMAIN = "noord-demo.myshopify.com"
DASHBOARD_URL = "http://127.0.0.1:8000/"

# Policy numbers. The articles state them and the Customer Hub settings enforce them.
EDIT_WINDOW_MINUTES = 60
CANCEL_WINDOW_MINUTES = 60
CANCELLATION_FEE = Decimal("5.00")
RETURN_WINDOW_DAYS = 30

# One password for every demo login; shown on the console by ``manage.py demo_store``.
DEMO_PASSWORD = "noord-demo-2026"  # noqa: S105 - a documented, local-only demo login

OWNER = DemoUser("owner@demo.shop", DEMO_PASSWORD, "owner", "Marit", "Noordhuis")
USERS: tuple[DemoUser, ...] = (
    OWNER,
    DemoUser("admin@demo.shop", DEMO_PASSWORD, "admin", "Joost", "Kramer"),
    DemoUser("manager@demo.shop", DEMO_PASSWORD, "manager", "Ilse", "Vermeulen"),
    DemoUser("analyst@demo.shop", DEMO_PASSWORD, "analyst", "Ben", "Carter"),
    DemoUser("support@demo.shop", DEMO_PASSWORD, "support", "Yara", "El Amrani"),
)

# A clearly fake token: the sandbox accepts it, Shopify never would.
SANDBOX_ACCESS_TOKEN = "shpat_sandbox_demo_0000_not_a_real_token"  # noqa: S105
SHOPIFY_SCOPES = (
    "read_customers,read_orders,write_order_edits,read_fulfillments,read_returns,"
    "read_legal_policies"
)
SHOPIFY_API_VERSION = "2026-10"

HANDOFF_MESSAGE_EN = (
    "Thanks for your patience! Someone from the Noord & Co team will pick this up and reply "
    "within one working day."
)
HANDOFF_MESSAGE_NL = (
    "Bedankt voor je geduld! Iemand van het team van Noord & Co pakt dit op en reageert "
    "binnen één werkdag."
)
OUT_OF_HOURS_MESSAGE_EN = (
    "Our customer service team is offline right now (we're here Monday to Friday, 9:00–17:00). "
    "We'll get back to you on the next working day."
)
OUT_OF_HOURS_MESSAGE_NL = (
    "Onze klantenservice is nu offline (we zijn er maandag t/m vrijdag van 9.00 tot 17.00 uur). "
    "We nemen de eerstvolgende werkdag contact met je op."
)

# Channel settings by channel kind (keys as the channel settings forms and API use them);
# only web chat is switched on in the demo.
WEBCHAT_PUBLIC_KEY = "pk_demo_noord_webchat"
CHANNELS: dict[str, tuple[bool, dict[str, object]]] = {
    "webchat": (
        True,
        {
            "allowed_origins": ["http://127.0.0.1:8000", "http://localhost:8000"],
            "accent_color": "#1f3a5f",
            "greeting_en": "Hi! I'm the Noord & Co assistant. How can I help you today?",
            "greeting_nl": "Hoi! Ik ben de assistent van Noord & Co. Waarmee kan ik je helpen?",
        },
    ),
    "sms": (False, {"sender": "+3197010000001"}),
    "whatsapp": (False, {"sender": "+3197010000002"}),
    "email": (False, {"address": "service@noord-demo.example"}),
}
