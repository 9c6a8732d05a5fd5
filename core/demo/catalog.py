"""The demo shop's products. Tags drive policy: ``final-sale``, ``personalised``, ``hygiene``
and ``pre-order`` mark items the returns and order-change policies treat differently;
``sale`` alone is an ordinary (returnable) discounted item."""

from __future__ import annotations

from decimal import Decimal

from core.demo.types import DemoProduct, DemoVariant

FINAL_SALE_TAG = "final-sale"
PERSONALISED_TAG = "personalised"
HYGIENE_TAG = "hygiene"
PRE_ORDER_TAG = "pre-order"
SALE_TAG = "sale"

_PRODUCT_ID_BASE = 9_100_000_000_000
_VARIANT_ID_BASE = 47_100_000_000_000


def _product(
    n: int,
    title: str,
    product_type: str,
    tags: tuple[str, ...],
    price: str,
    sku_prefix: str,
    options: list[dict[str, str]],
    compare_at: str | None = None,
) -> DemoProduct:
    product_id = _PRODUCT_ID_BASE + n
    variants = tuple(
        DemoVariant(
            shopify_id=_VARIANT_ID_BASE + n * 100 + i,
            sku="-".join([sku_prefix, *(_sku_part(v) for v in opts.values())]),
            options=opts,
        )
        for i, opts in enumerate(options, start=1)
    )
    return DemoProduct(
        shopify_id=product_id,
        title=title,
        product_type=product_type,
        tags=tags,
        price=Decimal(price),
        variants=variants,
        compare_at_price=Decimal(compare_at) if compare_at else None,
    )


def _sku_part(value: str) -> str:
    return "".join(ch for ch in value.upper() if ch.isalnum())[:4]


def _grid(sizes: list[str], colors: list[str], size_name: str = "Size") -> list[dict[str, str]]:
    return [{size_name: s, "Color": c} for c in colors for s in sizes]


_SHOE_SIZES = ["39", "40", "41", "42", "43", "44", "45"]
_SIZES = ["XS", "S", "M", "L", "XL"]

# One product per line or two; the formatter would put one value per line.
# fmt: off
PRODUCTS: tuple[DemoProduct, ...] = (
    _product(1, "Noord Runner Sneaker", "Sneakers", ("sneakers", "unisex"), "119.95", "NR",
             _grid(_SHOE_SIZES, ["White", "Black"])),
    _product(2, "Canvas Low Sneaker", "Sneakers", ("sneakers",), "79.95", "CL",
             _grid(_SHOE_SIZES, ["Off-white", "Navy"])),
    _product(3, "Texel Merino Trui", "Knitwear", ("knitwear", "merino"), "89.95", "TX",
             _grid(_SIZES, ["Marine", "Havermout"])),
    _product(4, "Cable Knit Cardigan", "Knitwear", ("knitwear",), "109.95", "CK",
             _grid(_SIZES, ["Ecru", "Forest Green"])),
    _product(5, "Slim Fit Jeans", "Jeans", ("denim",), "89.95", "SF",
             _grid(["28/32", "30/32", "32/32", "32/34", "34/34"], ["Indigo", "Black"])),
    _product(6, "Straight Leg Jeans", "Jeans", ("denim",), "99.95", "SL",
             _grid(["26/30", "28/30", "30/32", "32/32"], ["Light Blue", "Indigo"])),
    _product(7, "Organic Basic T-shirt", "T-shirts", ("organic-cotton",), "24.95", "OB",
             _grid(_SIZES, ["White", "Black", "Sage"])),
    _product(8, "Breton Striped Shirt", "T-shirts", ("organic-cotton",), "34.95", "BS",
             _grid(_SIZES, ["Navy/Ecru"])),
    _product(9, "Personalised Canvas Tote", "Bags", (PERSONALISED_TAG, "bags"), "39.95", "PT",
             [{"Color": "Natural"}, {"Color": "Black"}]),
    _product(10, "Embroidered Name Sweatshirt", "Sweatshirts", (PERSONALISED_TAG,), "69.95",
             "EN", _grid(["S", "M", "L"], ["Grey Melange", "Navy"])),
    _product(11, "Linen Summer Dress", "Dresses", (SALE_TAG, FINAL_SALE_TAG), "44.95", "LD",
             _grid(["XS", "S", "M", "L"], ["Terracotta", "Sand"]), compare_at="89.95"),
    _product(12, "Wool Scarf Last Season", "Accessories", (SALE_TAG, FINAL_SALE_TAG), "19.95",
             "WS", [{"Color": "Mustard"}, {"Color": "Grey"}], compare_at="39.95"),
    _product(13, "Harbour Rain Jacket", "Jackets", (SALE_TAG, FINAL_SALE_TAG), "59.95", "HR",
             _grid(["S", "M", "L", "XL"], ["Yellow", "Navy"]), compare_at="119.95"),
    _product(14, "Organic Boxer Briefs 3-pack", "Underwear", (HYGIENE_TAG, "underwear"),
             "29.95", "BB", _grid(["S", "M", "L", "XL"], ["Black", "Mixed"])),
    _product(15, "Silver Hoop Earrings", "Jewellery", (HYGIENE_TAG, "jewellery"), "34.95",
             "SH", [{"Size": "Small"}, {"Size": "Large"}]),
    _product(16, "Wadden Wool Coat", "Jackets", (PRE_ORDER_TAG, "outerwear"), "229.00", "WC",
             _grid(_SIZES, ["Camel", "Charcoal"])),
    _product(17, "Chino Shorts", "Shorts", (SALE_TAG,), "34.95", "CS",
             _grid(["S", "M", "L", "XL"], ["Khaki", "Navy"]), compare_at="49.95"),
    _product(18, "Leather Belt", "Accessories", ("leather",), "39.95", "LB",
             _grid(["85", "95", "105"], ["Cognac", "Black"])),
    _product(19, "Ribbed Beanie", "Accessories", ("knitwear",), "24.95", "RB",
             [{"Color": "Ecru"}, {"Color": "Black"}, {"Color": "Rust"}]),
)
# fmt: on

_BY_SKU = {v.sku: (p, v) for p in PRODUCTS for v in p.variants}


def variant_by_sku(sku: str) -> tuple[DemoProduct, DemoVariant]:
    """The product and variant with this SKU (KeyError for an unknown SKU)."""
    return _BY_SKU[sku]
