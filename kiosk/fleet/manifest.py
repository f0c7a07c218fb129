"""The signed content manifest: its fields, its canonical bytes, Ed25519 signing and checking (`cryptography`).

The signature covers the canonical form of the manifest without its `signature` field:
`json.dumps(manifest_without_signature, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()`
(UTF-8), so the file may be pretty-printed or re-ordered without breaking it. `key_id` (the first 16 hex digits
of the SHA-256 of the raw public key) is signed too; it lets a kiosk tell "signed with another key" from
"changed after signing".

Beyond the signature, a kiosk checks what The Update Framework calls rollback, freeze and mix-and-match
protection: `sequence` (an integer that only grows; the kiosk stores the highest it accepted), `expires` (after
it the manifest is refused), and one signed document binding the version to exactly one pack (size and SHA-256).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

VERSION_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")  # a version is also a folder name
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


class ManifestError(Exception):
    """A manifest the kiosk must not act on, in plain words for the operator."""


@dataclass(frozen=True)
class Manifest:
    """The fields the kiosk acts on; all of them were covered by the signature."""

    version: str
    pack: str
    size: int
    sha256: str
    created: str
    sequence: int  # only ever grows: a kiosk never accepts a lower one (rollback) or another pack under the same
    expires: datetime  # after this the manifest is refused (freeze: a server replaying old, genuinely signed data)


def canonical_bytes(document: dict[str, Any]) -> bytes:
    """The signed bytes: the manifest without `signature`, keys sorted, no spaces, UTF-8."""
    unsigned = {key: value for key, value in document.items() if key != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def key_id(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()[:16]


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign_manifest(document: dict[str, Any], private_key: Ed25519PrivateKey) -> dict[str, Any]:
    """The manifest with `key_id` and `signature` (base64) added."""
    signed = {key: value for key, value in document.items() if key != "signature"}
    signed["key_id"] = key_id(public_key_bytes(private_key))
    signature = private_key.sign(canonical_bytes(signed))
    return signed | {"signature": base64.b64encode(signature).decode("ascii")}


def parse_json(data: bytes) -> dict[str, Any]:
    """The manifest's JSON object, parsed within the bounds of `kiosk.fleet.bounded` (depth, number size)."""
    from kiosk.fleet.bounded import ReplyError
    from kiosk.fleet.bounded import parse_json as parse_bounded

    try:
        document = parse_bounded(data, "the manifest")
    except ReplyError as error:
        raise ManifestError(str(error)) from None
    if not isinstance(document, dict):
        raise ManifestError("the manifest is not JSON object ({...})")
    return document


def verify_signature(document: dict[str, Any], public_keys_b64: str | Sequence[str]) -> None:
    """Raise ManifestError unless `document` is signed by one of the trusted keys (several during a key rotation);
    names a wrong key apart from a bad signature."""
    from cryptography.exceptions import InvalidSignature  # here: cryptography costs start-up time
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    keys = [public_keys_b64] if isinstance(public_keys_b64, str) else list(public_keys_b64)
    trusted = {key_id(raw): raw for raw in (base64.b64decode(key) for key in keys)}
    signed_by = document.get("key_id")
    if isinstance(signed_by, str) and signed_by not in trusted:
        raise ManifestError(
            f"wrong key: the manifest is signed with key {signed_by[:16]}, this kiosk trusts "
            f"{', '.join(trusted)} (check content_public_key)"
        )
    candidates = [trusted[signed_by]] if isinstance(signed_by, str) else list(trusted.values())
    signature = document.get("signature")
    try:
        signature_bytes = base64.b64decode(signature, validate=True) if isinstance(signature, str) else b""
    except ValueError:
        signature_bytes = b""
    if not signature_bytes:
        raise ManifestError("bad signature: the manifest has no readable signature")
    for raw_key in candidates:
        try:
            Ed25519PublicKey.from_public_bytes(raw_key).verify(signature_bytes, canonical_bytes(document))
        except InvalidSignature:
            continue
        return
    raise ManifestError("bad signature: the manifest was changed after signing, or signed with another key")


def read_manifest(document: dict[str, Any]) -> Manifest:
    """The checked fields of a signed manifest."""
    version, pack, size, sha256, created, sequence, expires = (
        document.get(name) for name in ("version", "pack", "size", "sha256", "created", "sequence", "expires")
    )
    if not isinstance(version, str) or not VERSION_PATTERN.match(version):
        raise ManifestError(f"the manifest version {version!r} is not letters, digits, '.', '-' or '_'")
    if not isinstance(pack, str) or not pack:
        raise ManifestError("the manifest names no pack")
    if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
        raise ManifestError(f"the manifest size {size!r} is not a positive number of bytes")
    if not isinstance(sha256, str) or not SHA256_PATTERN.match(sha256):
        raise ManifestError("the manifest sha256 is not 64 lower-case hex digits")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 0 < sequence < 2**53:
        raise ManifestError("the manifest has no sequence number: sign it again with `content-pack sign`")
    return Manifest(
        version, pack, size, sha256, created if isinstance(created, str) else "", sequence, _expiry(expires)
    )


def _expiry(value: object) -> datetime:
    if not isinstance(value, str):
        raise ManifestError("the manifest has no expiry ('expires'): sign it again with `content-pack sign`")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ManifestError(f"the manifest's expires {value[:40]!r} is not a date and time") from None
    if moment.tzinfo is None:
        raise ManifestError("the manifest's expires has no time zone (write it as UTC, ending in +00:00)")
    return moment.astimezone(UTC)
