from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.db import connection

from core import crypto
from integrations.returns.models import ReturnsProviderConnection


@pytest.fixture(autouse=True)
def _fresh_keys():
    crypto._fernet.cache_clear()
    yield
    crypto._fernet.cache_clear()


def test_secret_is_stored_encrypted_and_read_back_plain(store) -> None:
    # Given a provider connection with an API key
    ReturnsProviderConnection.objects.create(store=store, provider="loop", api_key="loop-secret-1")
    # When the raw column is read
    with connection.cursor() as cursor:
        cursor.execute("SELECT api_key FROM returns_returnsproviderconnection")
        raw = cursor.fetchone()[0]
    # Then the database holds ciphertext, and the model gives back the plain key
    assert "loop-secret-1" not in raw
    assert ReturnsProviderConnection.objects.get(store=store).api_key == "loop-secret-1"


def test_key_rotation_reads_old_ciphertext(settings, store) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    crypto._fernet.cache_clear()
    ReturnsProviderConnection.objects.create(store=store, provider="loop", api_key="k1")
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    crypto._fernet.cache_clear()
    assert ReturnsProviderConnection.objects.get(store=store).api_key == "k1"


def test_wrong_key_fails_loudly(settings, store) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    crypto._fernet.cache_clear()
    ReturnsProviderConnection.objects.create(store=store, provider="loop", api_key="k1")
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    crypto._fernet.cache_clear()
    with pytest.raises(ValueError, match="cannot be decrypted"):
        ReturnsProviderConnection.objects.get(store=store)
