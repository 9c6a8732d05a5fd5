"""Languages: everything a shopper or merchant reads exists in English and Dutch."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from config import env as E

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [E.BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "shopagent_language"
