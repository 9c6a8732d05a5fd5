"""Every GraphQL document the app sends to Shopify's Admin API (version 2026-10).

Each public constant is one complete document (fragments included), so that
``tests/shopify/test_queries_schema.py`` validates every one of them against Shopify's official
schema, and the sandbox store answers exactly these documents.

Cost, as Shopify calculates the *requested* cost before running a query: scalars and enums
cost 0, each object 1, a connection ``2 + first × (cost of one node)``, a mutation 10. The
*actual* cost (charged after the run) counts the nodes really returned and is usually far lower.
A single query may request at most 1,000 points; the bucket's size and ``restoreRate`` (points
per second) depend on the shop's plan and come back in every answer's ``extensions.cost``, from
which the client decides how long to wait before a query that would not fit.

Ids in variables are GraphQL global ids (``gid://shopify/Order/123``); the client builds them
from our numeric ids and converts ``legacyResourceId`` back.
"""

from __future__ import annotations

import json

# --- fragments (not sent alone; concatenated into the documents below) -----------------------

_MONEY_FRAGMENT = """
fragment MoneyFields on MoneyBag {
  shopMoney { amount currencyCode }
}
"""

_ADDRESS_FRAGMENT = """
fragment AddressFields on MailingAddress {
  firstName
  lastName
  company
  address1
  address2
  zip
  city
  province
  provinceCode
  country
  countryCodeV2
  phone
}
"""

_CUSTOMER_FRAGMENT = """
fragment CustomerFields on Customer {
  legacyResourceId
  firstName
  lastName
  defaultEmailAddress { emailAddress }
  defaultPhoneNumber { phoneNumber }
  locale
  updatedAt
}
"""

# Nested page sizes of one order. Shopify computes the *requested* cost of a query before
# running it and refuses any query above 1,000 points, so an order node must stay cheap: with
# these sizes it requests 85 points (2026-10 formula above), so a page of ORDERS_PAGE_MAX orders
# fits. What does not fit is fetched only when it exists: an order whose line items (or a
# fulfillment whose lines) report ``pageInfo.hasNextPage`` is completed with ORDER_LINE_ITEMS /
# FULFILLMENT_LINE_ITEMS; ``Order.fulfillments`` is a plain list without pagination, so an order
# that returns FULFILLMENTS_PER_ORDER of them is asked again with ORDER_FULFILLMENTS.
# These three are written into the fragments below as literals (the schema test checks that).
LINE_ITEMS_PER_ORDER = 5
FULFILLMENTS_PER_ORDER = 3
LINES_PER_FULFILLMENT = 5
PAGE_SIZE_FOLLOW_UP = 50
MAX_QUERY_COST = 1000
ORDER_NODE_COST = 85
ORDERS_PAGE_MAX = (MAX_QUERY_COST - 2) // ORDER_NODE_COST
"""Most orders one ORDERS page may ask for (11) within the single-query cost cap."""

_LINE_ITEM_FRAGMENT = (
    """
fragment LineItemFields on LineItem {
  id
  title
  quantity
  currentQuantity
  unfulfilledQuantity
  sku
  variantTitle
  requiresShipping
  originalUnitPriceSet { ...MoneyFields }
  variant {
    legacyResourceId
    selectedOptions { name value }
  }
  product {
    legacyResourceId
    productType
    tags
  }
}
"""
    + _MONEY_FRAGMENT
)

_FULFILLMENT_LINE_ITEM_FRAGMENT = """
fragment FulfillmentLineItemFields on FulfillmentLineItem {
  quantity
  lineItem { id }
}
"""

_FULFILLMENT_FRAGMENT = (
    """
fragment FulfillmentFields on Fulfillment {
  id
  legacyResourceId
  status
  displayStatus
  createdAt
  updatedAt
  inTransitAt
  deliveredAt
  trackingInfo(first: 1) { company number url }
  fulfillmentLineItems(first: 5) {
    pageInfo { hasNextPage endCursor }
    nodes { ...FulfillmentLineItemFields }
  }
}
"""
    + _FULFILLMENT_LINE_ITEM_FRAGMENT
)

_ORDER_FRAGMENT = (
    """
fragment OrderFields on Order {
  legacyResourceId
  name
  number
  email
  phone
  createdAt
  processedAt
  updatedAt
  cancelledAt
  cancelReason
  closedAt
  displayFulfillmentStatus
  displayFinancialStatus
  returnStatus
  shippingAddress { ...AddressFields }
  tags
  currencyCode
  currentSubtotalPriceSet { ...MoneyFields }
  currentTotalPriceSet { ...MoneyFields }
  totalRefundedSet { ...MoneyFields }
  statusPageUrl
  customer { ...CustomerFields }
  lineItems(first: 5) {
    pageInfo { hasNextPage endCursor }
    nodes { ...LineItemFields }
  }
  fulfillments(first: 3) { ...FulfillmentFields }
}
"""
    + _ADDRESS_FRAGMENT
    + _CUSTOMER_FRAGMENT
    + _LINE_ITEM_FRAGMENT
    + _FULFILLMENT_FRAGMENT
)

_USER_ERROR_FRAGMENT = """
fragment UserErrorFields on UserError {
  field
  message
}
"""

# Calculated order of an edit session: the line items as they will be after commit. Calculated
# line item ids carry the same number as the order's line item ids.
_CALCULATED_ORDER_FRAGMENT = """
fragment CalculatedOrderFields on CalculatedOrder {
  id
  lineItems(first: 50) {
    nodes {
      id
      quantity
      editableQuantity
      sku
      title
      variant { legacyResourceId }
    }
  }
  addedLineItems(first: 20) {
    nodes {
      id
      quantity
      sku
      title
      variant { legacyResourceId }
    }
  }
}
"""

# --- queries ----------------------------------------------------------------------------------

SHOP = """
query Shop {
  shop {
    id
    name
    myshopifyDomain
    contactEmail
    email
    currencyCode
    ianaTimezone
    primaryDomain { host }
  }
  shopLocales(published: true) {
    locale
    primary
  }
}
"""
"""The shop's identity, currency, time zone and primary locale; used to verify a token when a
store connects. Requested cost: 2 (shop 1 + primaryDomain 1) + locales."""

ORDERS = (
    """
query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes { ...OrderFields }
  }
}
"""
    + _ORDER_FRAGMENT
)
"""One page of orders, oldest ``updatedAt`` first, filtered with Shopify's search syntax
(``updated_at:>='2026-10-01T00:00:00Z'``). Requested cost: 2 + first × ORDER_NODE_COST, so
``first`` <= ORDERS_PAGE_MAX; the actual cost counts only the lines and fulfillments that exist."""

ORDERS_COUNT = """
query OrdersCount($query: String, $limit: Int) {
  ordersCount(query: $query, limit: $limit) {
    count
    precision
  }
}
"""
"""How many orders match the filter; ``limit: null`` asks for the exact count (Shopify caps it
at 10,000 by default). Used as the sync's progress total. Requested cost: 1."""

ORDER = (
    """
query Order($id: ID!) {
  order(id: $id) { ...OrderFields }
}
"""
    + _ORDER_FRAGMENT
)
"""One order by its global id, or ``null`` when it does not exist. Requested cost: one order."""

ORDER_LINE_ITEMS = (
    """
query OrderLineItems($id: ID!, $first: Int!, $after: String) {
  order(id: $id) {
    lineItems(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...LineItemFields }
    }
  }
}
"""
    + _LINE_ITEM_FRAGMENT
)
"""The rest of an order's line items, after the cursor its order node ended on (only for orders
with more than LINE_ITEMS_PER_ORDER lines). Requested cost: 3 + first × 6."""

ORDER_FULFILLMENTS = (
    """
query OrderFulfillments($id: ID!, $first: Int!) {
  order(id: $id) {
    fulfillments(first: $first) { ...FulfillmentFields }
  }
}
"""
    + _FULFILLMENT_FRAGMENT
)
"""All of an order's fulfillments (only when its order node returned FULFILLMENTS_PER_ORDER).
Requested cost: 1 + first × 14."""

FULFILLMENT_LINE_ITEMS = (
    """
query FulfillmentLineItems($id: ID!, $first: Int!, $after: String) {
  fulfillment(id: $id) {
    fulfillmentLineItems(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...FulfillmentLineItemFields }
    }
  }
}
"""
    + _FULFILLMENT_LINE_ITEM_FRAGMENT
)
"""The rest of a fulfillment's lines (only when it has more than LINES_PER_FULFILLMENT).
Requested cost: 3 + first × 2."""

CUSTOMERS = (
    """
query Customers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    pageInfo { hasNextPage endCursor }
    nodes { ...CustomerFields }
  }
}
"""
    + _CUSTOMER_FRAGMENT
)
"""One page of customers by ``updatedAt``. Requested cost: 2 + first × 3."""

WEBHOOK_SUBSCRIPTIONS = """
query WebhookSubscriptions($first: Int!, $after: String) {
  webhookSubscriptions(first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes {
      legacyResourceId
      topic
      uri
    }
  }
}
"""
"""The app's webhook subscriptions on this shop. Requested cost: 2 + first."""

SHOP_POLICIES = """
query ShopPolicies {
  shop {
    shopPolicies {
      id
      type
      title
      body
      url
      updatedAt
    }
  }
  shopLocales(published: true) {
    locale
    primary
  }
}
"""
"""The shop's legal policies (refund, shipping, privacy, terms of service ...) in its primary
locale, and the locales it publishes. ``body`` is HTML. Needs the ``read_legal_policies``
scope (Shopify answers ``ACCESS_DENIED`` without it). Requested cost: 3."""

SHOP_POLICY_TRANSLATIONS = """
query ShopPolicyTranslations($locale: String!) {
  shop {
    shopPolicies {
      id
      translations(locale: $locale) {
        key
        locale
        value
        outdated
      }
    }
  }
}
"""
"""The published translations of each policy into one locale. A policy's only translatable
field is ``body`` (key ``"body"``); its title is not translated. Requested cost: 3."""

# --- mutations (requested cost 10 each, plus what they select) --------------------------------

WEBHOOK_SUBSCRIPTION_CREATE = (
    """
mutation WebhookSubscriptionCreate(
  $topic: WebhookSubscriptionTopic!
  $webhookSubscription: WebhookSubscriptionInput!
) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription {
      legacyResourceId
      topic
      uri
    }
    userErrors { ...UserErrorFields }
  }
}
"""
    + _USER_ERROR_FRAGMENT
)
"""Subscribe to one topic (``ORDERS_UPDATED``); ``webhookSubscription: {uri, format: JSON}``."""

ORDER_EDIT_BEGIN = (
    """
mutation OrderEditBegin($id: ID!) {
  orderEditBegin(id: $id) {
    calculatedOrder { ...CalculatedOrderFields }
    orderEditSession { id }
    userErrors { ...UserErrorFields }
  }
}
"""
    + _CALCULATED_ORDER_FRAGMENT
    + _USER_ERROR_FRAGMENT
)
"""Open an edit session on an order (nothing changes until commit)."""

ORDER_EDIT_SET_QUANTITY = (
    """
mutation OrderEditSetQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!, $restock: Boolean) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: $restock) {
    calculatedOrder { ...CalculatedOrderFields }
    calculatedLineItem { id quantity }
    userErrors { ...UserErrorFields }
  }
}
"""
    + _CALCULATED_ORDER_FRAGMENT
    + _USER_ERROR_FRAGMENT
)
"""Stage a new quantity (0 removes the item) for a calculated line item of the session."""

ORDER_EDIT_ADD_VARIANT = (
    """
mutation OrderEditAddVariant(
  $id: ID!
  $variantId: ID!
  $quantity: Int!
  $allowDuplicates: Boolean
) {
  orderEditAddVariant(
    id: $id
    variantId: $variantId
    quantity: $quantity
    allowDuplicates: $allowDuplicates
  ) {
    calculatedOrder { ...CalculatedOrderFields }
    calculatedLineItem { id quantity }
    userErrors { ...UserErrorFields }
  }
}
"""
    + _CALCULATED_ORDER_FRAGMENT
    + _USER_ERROR_FRAGMENT
)
"""Stage a variant to add (used to swap a size or colour: add the new one, set the old to 0)."""

ORDER_EDIT_COMMIT = (
    """
mutation OrderEditCommit($id: ID!, $notifyCustomer: Boolean, $staffNote: String) {
  orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    order { legacyResourceId updatedAt }
    userErrors { ...UserErrorFields }
  }
}
"""
    + _USER_ERROR_FRAGMENT
)
"""Apply the staged changes of a session to the order (Shopify then sends orders/edited)."""

ORDER_UPDATE = (
    """
mutation OrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) {
    order {
      legacyResourceId
      updatedAt
      shippingAddress { ...AddressFields }
    }
    userErrors { ...UserErrorFields }
  }
}
"""
    + _ADDRESS_FRAGMENT
    + _USER_ERROR_FRAGMENT
)
"""Change an order's shipping address: ``input: {id, shippingAddress: MailingAddressInput}``."""

ORDER_CANCEL = """
mutation OrderCancel(
  $orderId: ID!
  $reason: OrderCancelReason!
  $restock: Boolean!
  $notifyCustomer: Boolean
  $refundMethod: OrderCancelRefundMethodInput
  $staffNote: String
) {
  orderCancel(
    orderId: $orderId
    reason: $reason
    restock: $restock
    notifyCustomer: $notifyCustomer
    refundMethod: $refundMethod
    staffNote: $staffNote
  ) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}
"""
"""Cancel an order. Asynchronous on Shopify's side: the answer carries a job; the order's
``cancelledAt`` is set when the job is done (and orders/cancelled is sent). Business refusals
come as ``orderCancelUserErrors`` (``userErrors`` is deprecated in 2026-10)."""

# --- bulk operations (a full backfill without the single-query cost cap) ------------------------

_BULK_OPERATION_FRAGMENT = """
fragment BulkOperationFields on BulkOperation {
  id
  status
  errorCode
  objectCount
  rootObjectCount
  url
  partialDataUrl
}
"""

BULK_OPERATION_RUN_QUERY = (
    """
mutation BulkOperationRunQuery($query: String!, $groupObjects: Boolean!) {
  bulkOperationRunQuery(query: $query, groupObjects: $groupObjects) {
    bulkOperation { ...BulkOperationFields }
    userErrors { field message code }
  }
}
"""
    + _BULK_OPERATION_FRAGMENT
)
"""Start a bulk query: Shopify runs ``query`` (one of the ``bulk_*_query`` documents below) in
the background, without the 1,000-point cap, and writes the result as a JSONL file. The client
always sends ``groupObjects: true``: it reads the file as a stream and relies on each object's
children (lines with ``__parentId``) following it. Requested cost: 10 (a mutation)."""

BULK_OPERATION = (
    """
query BulkOperation($id: ID!) {
  bulkOperation(id: $id) { ...BulkOperationFields }
}
"""
    + _BULK_OPERATION_FRAGMENT
)
"""A bulk operation's status (CREATED, RUNNING, COMPLETED, FAILED, CANCELING, CANCELED,
EXPIRED), ``errorCode``, ``objectCount`` and, once COMPLETED, the JSONL file's ``url``
(``currentBulkOperation`` is deprecated in 2026-10). Requested cost: 1."""

# The order as the paginated ORDERS query selects it (OrderFields), written out without
# fragments and with ``lineItems`` as a bulk connection (``edges { node }``, no page size: a
# bulk query returns every node). ``Order.fulfillments`` is a list, and Shopify's bulk queries
# refuse a connection inside a list field, so a fulfillment's ``fulfillmentLineItems`` cannot be
# asked for here: bulk_fulfillment_lines_query fetches them from the fulfillment orders.
# ``id`` is selected on every object whose children are written as their own lines: the
# children's ``__parentId`` is that id.
_BULK_ORDER_NODE = """
      id
      legacyResourceId
      name
      number
      email
      phone
      createdAt
      processedAt
      updatedAt
      cancelledAt
      cancelReason
      closedAt
      displayFulfillmentStatus
      displayFinancialStatus
      returnStatus
      shippingAddress {
        firstName lastName company address1 address2 zip city province provinceCode
        country countryCodeV2 phone
      }
      tags
      currencyCode
      currentSubtotalPriceSet { shopMoney { amount currencyCode } }
      currentTotalPriceSet { shopMoney { amount currencyCode } }
      totalRefundedSet { shopMoney { amount currencyCode } }
      statusPageUrl
      customer {
        legacyResourceId firstName lastName
        defaultEmailAddress { emailAddress }
        defaultPhoneNumber { phoneNumber }
        locale updatedAt
      }
      fulfillments {
        id legacyResourceId status displayStatus createdAt updatedAt inTransitAt deliveredAt
        trackingInfo(first: 1) { company number url }
      }
      lineItems {
        edges {
          node {
            id title quantity currentQuantity unfulfilledQuantity sku variantTitle
            requiresShipping
            originalUnitPriceSet { shopMoney { amount currencyCode } }
            variant { legacyResourceId selectedOptions { name value } }
            product { legacyResourceId productType tags }
          }
        }
      }
"""


def bulk_orders_query(*, search: str | None) -> str:
    """The bulk query over every order matching ``search`` (Shopify's search syntax, e.g.
    ``updated_at:>='2026-10-01T00:00:00Z'``; None for all), with its customer, fulfillments
    and line items. JSONL: one line per order, then one per line item (``__parentId``: the
    order's id)."""
    return (
        f"query BulkOrders {{\n  orders(sortKey: UPDATED_AT{_search_argument(search)}) {{\n"
        f"    edges {{\n      node {{{_BULK_ORDER_NODE}      }}\n    }}\n  }}\n}}\n"
    )


def bulk_fulfillment_lines_query(*, search: str | None) -> str:
    """The bulk query for what each fulfillment shipped, through the fulfillment orders
    (``fulfillmentOrders`` > ``fulfillments`` > ``fulfillmentLineItems``: two nested connections,
    Shopify's limit). ``includeClosed`` because a fully shipped fulfillment order is closed.
    JSONL: a fulfillment order line, its fulfillment lines, each followed by its line lines."""
    return (
        "query BulkFulfillmentLines {\n"
        f"  fulfillmentOrders(includeClosed: true{_search_argument(search)}) {{\n"
        "    edges { node {\n"
        "      id\n"
        "      fulfillments { edges { node {\n"
        "        id\n"
        "        legacyResourceId\n"
        "        fulfillmentLineItems { edges { node { id quantity lineItem { id } } } }\n"
        "      } } }\n"
        "    } }\n"
        "  }\n"
        "}\n"
    )


def _search_argument(search: str | None) -> str:
    # A bulk query takes no variables: the search string is written in as a GraphQL string
    # literal (JSON string escaping is valid GraphQL string escaping).
    return f", query: {json.dumps(search)}" if search else ""


DOCUMENTS: dict[str, str] = {
    "SHOP": SHOP,
    "ORDERS": ORDERS,
    "ORDERS_COUNT": ORDERS_COUNT,
    "ORDER": ORDER,
    "ORDER_LINE_ITEMS": ORDER_LINE_ITEMS,
    "ORDER_FULFILLMENTS": ORDER_FULFILLMENTS,
    "FULFILLMENT_LINE_ITEMS": FULFILLMENT_LINE_ITEMS,
    "CUSTOMERS": CUSTOMERS,
    "WEBHOOK_SUBSCRIPTIONS": WEBHOOK_SUBSCRIPTIONS,
    "SHOP_POLICIES": SHOP_POLICIES,
    "SHOP_POLICY_TRANSLATIONS": SHOP_POLICY_TRANSLATIONS,
    "WEBHOOK_SUBSCRIPTION_CREATE": WEBHOOK_SUBSCRIPTION_CREATE,
    "ORDER_EDIT_BEGIN": ORDER_EDIT_BEGIN,
    "ORDER_EDIT_SET_QUANTITY": ORDER_EDIT_SET_QUANTITY,
    "ORDER_EDIT_ADD_VARIANT": ORDER_EDIT_ADD_VARIANT,
    "ORDER_EDIT_COMMIT": ORDER_EDIT_COMMIT,
    "ORDER_UPDATE": ORDER_UPDATE,
    "ORDER_CANCEL": ORDER_CANCEL,
    "BULK_OPERATION_RUN_QUERY": BULK_OPERATION_RUN_QUERY,
    "BULK_OPERATION": BULK_OPERATION,
}
"""Every document by constant name (the schema test also checks this lists every constant)."""
