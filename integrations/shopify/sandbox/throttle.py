"""Shopify's leaky bucket, per shop + access token, kept in the database so every process
(web workers, the sync's loopback calls) shares it.

A request is charged its requested cost up front and refunded the difference to its actual
cost afterwards, as Shopify does. Updates are compare-and-set on a version column, so two
processes never both spend the same points (this works the same on SQLite and PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Least

from integrations.shopify.sandbox.models import SandboxShop, SandboxThrottleBucket


@dataclass(frozen=True)
class BucketTake:
    allowed: bool
    currently_available: float
    maximum_available: float
    restore_rate: float


def _restored(bucket: SandboxThrottleBucket, shop: SandboxShop, now: datetime) -> float:
    elapsed = max((now - bucket.updated_at).total_seconds(), 0.0)
    return min(shop.throttle_maximum, bucket.available + elapsed * shop.throttle_restore_rate)


def _bucket(*, shop: SandboxShop, token_hash: str, now: datetime) -> SandboxThrottleBucket:
    bucket = SandboxThrottleBucket.objects.filter(shop=shop, token_hash=token_hash).first()
    if bucket is not None:
        return bucket
    try:
        with transaction.atomic():
            return SandboxThrottleBucket.objects.create(
                shop=shop, token_hash=token_hash, available=shop.throttle_maximum, updated_at=now
            )
    except IntegrityError:  # another process created it first
        return SandboxThrottleBucket.objects.get(shop=shop, token_hash=token_hash)


def throttle_take(*, shop: SandboxShop, token_hash: str, cost: float, now: datetime) -> BucketTake:
    """Spend ``cost`` points if the bucket (restored up to ``now``) holds them."""
    while True:
        bucket = _bucket(shop=shop, token_hash=token_hash, now=now)
        available = _restored(bucket, shop, now)
        allowed = cost <= available
        left = available - cost if allowed else available
        updated = SandboxThrottleBucket.objects.filter(pk=bucket.pk, version=bucket.version).update(
            available=left, updated_at=max(now, bucket.updated_at), version=F("version") + 1
        )
        if updated:
            return BucketTake(
                allowed=allowed,
                currently_available=left,
                maximum_available=shop.throttle_maximum,
                restore_rate=shop.throttle_restore_rate,
            )


def throttle_refund(*, shop: SandboxShop, token_hash: str, points: float) -> float:
    """Give back ``points`` (requested minus actual cost); returns what is available now."""
    bucket = SandboxThrottleBucket.objects.filter(shop=shop, token_hash=token_hash)
    if points > 0:
        bucket.update(
            available=Least(F("available") + points, Value(shop.throttle_maximum)),
            version=F("version") + 1,
        )
    return float(bucket.values_list("available", flat=True).get())
