"""The demo shop's customers: Dutch and English shoppers in the Netherlands and the UK.

Emails use example.com; UK phone numbers are in Ofcom's range reserved for drama
(+44 7700 900xxx), Dutch ones are made up.
"""

from __future__ import annotations

from core.demo.types import DemoCustomer

_CUSTOMER_ID_BASE = 8_100_000_000_000

_COUNTRIES = {"NL": "Netherlands", "GB": "United Kingdom"}

# key, first name, last name, locale, phone, address1, zip, city, country code
# fmt: off
_ROWS: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    ("sanne", "Sanne", "de Vries", "nl", "+31612340101", "Lindengracht 112", "1015 KN",
     "Amsterdam", "NL"),
    ("daan", "Daan", "Jansen", "nl", "+31612340102", "Oudegracht 87", "3511 AE",
     "Utrecht", "NL"),
    ("emma", "Emma", "Bakker", "nl", "+31612340103", "Nieuwe Binnenweg 240", "3021 GP",
     "Rotterdam", "NL"),
    ("lars", "Lars", "Visser", "nl", "+31612340104", "Folkingestraat 19", "9711 JT",
     "Groningen", "NL"),
    ("fleur", "Fleur", "Smit", "nl", "+31612340105", "Kleine Houtstraat 45", "2011 DK",
     "Haarlem", "NL"),
    ("bram", "Bram", "Mulder", "nl", "+31612340106", "Kruisstraat 33", "5612 CD",
     "Eindhoven", "NL"),
    ("noor", "Noor", "van Dijk", "nl", "+31612340107", "Prinsestraat 58", "2513 CE",
     "Den Haag", "NL"),
    ("sem", "Sem", "de Boer", "nl", "+31612340108", "Breestraat 121", "2311 CM",
     "Leiden", "NL"),
    ("julia", "Julia", "Meijer", "nl", "+31612340109", "Lange Hezelstraat 14", "6511 CH",
     "Nijmegen", "NL"),
    ("thijs", "Thijs", "van den Berg", "nl", "+31612340110", "Diezerstraat 72", "8011 RJ",
     "Zwolle", "NL"),
    ("lotte", "Lotte", "Hendriks", "nl", "+31612340111", "Wycker Brugstraat 9", "6221 EA",
     "Maastricht", "NL"),
    ("ruben", "Ruben", "Dekker", "nl", "+31612340112", "Voldersgracht 26", "2611 EV",
     "Delft", "NL"),
    ("femke", "Femke", "Bos", "nl", "+31612340113", "Bakkerstraat 41", "6811 EJ",
     "Arnhem", "NL"),
    ("anouk", "Anouk", "Peters", "nl", "+31612340114", "Zadelstraat 8", "3511 LT",
     "Utrecht", "NL"),
    ("priya", "Priya", "Sharma", "en", "+31612340115", "Czaar Peterstraat 150", "1018 PR",
     "Amsterdam", "NL"),
    ("tom", "Tom", "Walker", "en", "+31612340116", "Biltstraat 64", "3572 AR",
     "Utrecht", "NL"),
    ("oliver", "Oliver", "Bennett", "en", "+447700900101", "14 Columbia Road", "E2 7RG",
     "London", "GB"),
    ("amelia", "Amelia", "Clarke", "en", "+447700900102", "22 Tib Street", "M4 1SH",
     "Manchester", "GB"),
    ("harry", "Harry", "Wilson", "en", "+447700900103", "9 Gloucester Road", "BS7 8AA",
     "Bristol", "GB"),
    ("sophie", "Sophie", "Turner", "en", "+447700900104", "31 Broughton Street", "EH1 3JU",
     "Edinburgh", "GB"),
    ("james", "James", "Patel", "en", "+447700900105", "5 Call Lane", "LS1 7DH",
     "Leeds", "GB"),
    ("chloe", "Chloe", "Evans", "en", "+447700900106", "18 Wellfield Road", "CF24 3PB",
     "Cardiff", "GB"),
    ("george", "George", "Hughes", "en", "+447700900107", "47 Gardner Street", "BN1 1UN",
     "Brighton", "GB"),
    ("isla", "Isla", "Morgan", "en", "+447700900108", "60 Great Western Road", "G4 9AJ",
     "Glasgow", "GB"),
)
# fmt: on


def _customer(n: int, row: tuple[str, str, str, str, str, str, str, str, str]) -> DemoCustomer:
    key, first, last, locale, phone, address1, zip_code, city, country = row
    email_local = f"{first}.{last}".lower().replace(" ", "")
    return DemoCustomer(
        key=key,
        shopify_id=_CUSTOMER_ID_BASE + n,
        first_name=first,
        last_name=last,
        email=f"{email_local}@example.com",
        phone=phone,
        locale=locale,
        address={
            "firstName": first,
            "lastName": last,
            "address1": address1,
            "address2": "",
            "zip": zip_code,
            "city": city,
            "country": _COUNTRIES[country],
            "countryCodeV2": country,
            "phone": phone,
        },
    )


CUSTOMERS: tuple[DemoCustomer, ...] = tuple(
    _customer(n, row) for n, row in enumerate(_ROWS, start=1)
)

_BY_KEY = {c.key: c for c in CUSTOMERS}


def customer_by_key(key: str) -> DemoCustomer:
    return _BY_KEY[key]
