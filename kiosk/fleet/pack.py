"""The publishing side: `content-pack keygen | build | sign` make signed packs any static web server can serve.

`build` writes a deterministic .tar.gz (sorted entries, fixed time, owner and mode; gzip without a name or time),
so the same content always gives the same bytes and the same SHA-256. It holds `categories.toml`, every
`<category>/<id>.toml` and a `pack.toml` naming the version (default: `sha-` + 12 hex digits of the content).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import io
import os
import sys
import tarfile
import tempfile
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.lint import check_catalog
from kiosk.content.loader import BULLETINS_FILE, CATEGORIES_FILE
from kiosk.fleet.manifest import VERSION_PATTERN, public_key_bytes, sign_manifest
from kiosk.fleet.unpack import PACK_INFO, PackError, unpack_and_validate
from kiosk.system.atomic import write_atomically

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FIXED_MTIME = 1_577_836_800  # 2020-01-01 UTC: no build time in the pack, so rebuilding changes nothing


class PublishError(Exception):
    """A publishing step that cannot be done, said in one line."""


def content_files(folder: Path) -> list[Path]:
    """Exactly what the loader reads: categories.toml and <category>/<id>.toml, sorted."""
    bulletins = [folder / BULLETINS_FILE] if (folder / BULLETINS_FILE).is_file() else []
    return [folder / CATEGORIES_FILE, *bulletins, *sorted(folder.glob("*/*.toml"))]


def keygen(out: Path) -> str:
    """Write a new Ed25519 private key (PEM, mode 0600, never over an existing file); returns the public key."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    try:
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise PublishError(f"{out} exists; a signing key is never overwritten (choose another --out)") from None
    except OSError as error:
        raise PublishError(f"cannot write {out}: {error.strerror or error}") from None
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return base64.b64encode(public_key_bytes(key)).decode("ascii")


def _tar_entry(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), FIXED_MTIME, 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    tar.addfile(info, io.BytesIO(data))


def build(folder: Path, out: Path, version: str | None = None) -> str:
    """Write the pack of `folder`; refuses content with any problem. Returns the version."""
    catalog = check_catalog(folder)
    if catalog.problems:
        raise PublishError(f"{folder} has {len(catalog.problems)} content problems, the first: {catalog.problems[0]}")
    try:
        files = [(path.relative_to(folder).as_posix(), path.read_bytes()) for path in content_files(folder)]
    except OSError as error:
        raise PublishError(f"cannot read {error.filename}: {error.strerror or error}") from None
    if version is None:
        digest = hashlib.sha256(b"".join(name.encode() + b"\0" + data + b"\0" for name, data in files))
        version = f"sha-{digest.hexdigest()[:12]}"
    if not VERSION_PATTERN.match(version):
        raise PublishError(f"version '{version}' must be letters, digits, '.', '-' or '_' (it names a folder)")
    tar_bytes = io.BytesIO()
    with tarfile.open(fileobj=tar_bytes, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        _tar_entry(tar, PACK_INFO, f'version = "{version}"\n'.encode())
        for name, data in files:
            _tar_entry(tar, name, data)
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0) as compressed:
        compressed.write(tar_bytes.getvalue())
    _write(out, packed.getvalue())
    return version


def pack_version(pack: Path) -> str:
    """The version `build` recorded in the pack's pack.toml."""
    try:
        with tarfile.open(pack, mode="r:gz") as tar:
            member = tar.extractfile(PACK_INFO)
            info = tomllib.loads(member.read().decode("utf-8")) if member is not None else {}
    except (KeyError, tarfile.TarError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise PublishError(f"{pack} has no readable {PACK_INFO}: give --version") from None
    version = info.get("version")
    if not isinstance(version, str):
        raise PublishError(f"{pack}'s {PACK_INFO} names no version: give --version")
    return version


DEFAULT_EXPIRY_DAYS = 30


def sign(
    pack: Path,
    key_file: Path,
    base_url: str,
    version: str | None = None,
    *,
    sequence: int | None = None,
    expires_days: int = DEFAULT_EXPIRY_DAYS,
) -> dict[str, Any]:
    """The signed manifest for `pack`, after checking it the way a kiosk will.

    `sequence` defaults to the signing time in seconds, so every later signing is higher (kiosks refuse lower);
    the manifest expires `expires_days` after signing: sign again (same pack, new sequence) before it does.
    """
    private_key = _read_key(key_file)
    try:
        data = pack.read_bytes()
    except OSError as error:
        raise PublishError(f"cannot read {pack}: {error.strerror or error}") from None
    with tempfile.TemporaryDirectory() as scratch:
        try:
            count = unpack_and_validate(pack, Path(scratch) / "pack")
        except PackError as error:
            raise PublishError(f"a kiosk would refuse {pack}: {error}") from None
    now = datetime.now(UTC)
    if not 1 <= expires_days <= 3650:
        raise PublishError(f"--expires-days {expires_days} must be 1 to 3650")
    document: dict[str, Any] = {
        "version": version or pack_version(pack),
        "pack": f"{base_url.rstrip('/')}/{pack.name}" if base_url else pack.name,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "created": now.isoformat(timespec="seconds"),
        "tutorials": count,
        "sequence": sequence if sequence is not None else int(now.timestamp()),
        "expires": (now + timedelta(days=expires_days)).isoformat(timespec="seconds"),
    }
    if not 0 < document["sequence"] < 2**53:
        raise PublishError(f"--sequence {document['sequence']} must be a positive whole number below 2^53")
    if not VERSION_PATTERN.match(document["version"]):
        raise PublishError(f"version '{document['version']}' must be letters, digits, '.', '-' or '_'")
    return sign_manifest(document, private_key)


def _read_key(key_file: Path) -> Ed25519PrivateKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        key = load_pem_private_key(key_file.read_bytes(), password=None)
    except OSError as error:
        raise PublishError(f"cannot read the key {key_file}: {error.strerror or error}") from None
    except (ValueError, TypeError):
        raise PublishError(f"{key_file} is not a key written by `content-pack keygen`") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise PublishError(f"{key_file} is not an Ed25519 key")
    return key


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError as error:
        raise PublishError(f"cannot write {path}: {error.strerror or error}") from None


# --- command line -----------------------------------------------------------


def add_pack_command(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    """`content-pack keygen | build | sign` on the main parser's subcommands."""
    pack = commands.add_parser(
        "content-pack", help="make signed content packs for kiosks (see 'Content packs' in README.md)"
    )
    steps = pack.add_subparsers(dest="pack_step", metavar="{keygen,build,sign}", parser_class=parser_class)
    steps.required = True
    keygen_step = steps.add_parser("keygen", help="write a new signing key; prints the public key for kiosks")
    keygen_step.add_argument("--out", type=Path, required=True, metavar="KEYFILE", help="private key file (0600)")
    build_step = steps.add_parser("build", help="pack a checked content folder as .tar.gz")
    build_step.add_argument("folder", type=Path, metavar="DIR", help="folder with categories.toml")
    build_step.add_argument("--out", type=Path, required=True, metavar="PACK", help="the .tar.gz to write")
    build_step.add_argument("--version", metavar="V", help="version name (default: from the content's hash)")
    sign_step = steps.add_parser("sign", help="write the signed manifest.json for a pack")
    sign_step.add_argument("pack", type=Path, metavar="PACK", help="a pack written by build")
    sign_step.add_argument("--key", type=Path, required=True, metavar="KEYFILE", help="the private key")
    sign_step.add_argument("--base-url", default="packs", help="where the pack lies, relative to the manifest")
    sign_step.add_argument("--out", type=Path, default=Path("manifest.json"), help="manifest to write")
    sign_step.add_argument("--version", metavar="V", help="override the version recorded by build")
    sign_step.add_argument(
        "--sequence", type=int, metavar="N", help="manifest sequence (default: now, in seconds); kiosks refuse lower"
    )
    sign_step.add_argument(
        "--expires-days",
        type=int,
        default=DEFAULT_EXPIRY_DAYS,
        metavar="DAYS",
        help=f"kiosks refuse the manifest after this many days (default {DEFAULT_EXPIRY_DAYS}); re-sign before",
    )


def run_pack_command(args: argparse.Namespace) -> int:
    """Run one step; a failure is one line on stderr and exit code 2."""
    import json

    try:
        if args.pack_step == "keygen":
            public = keygen(args.out)
            print(f"kiosk: wrote {args.out}; keep it secret. Put this line in every kiosk's config:")
            print(f'content_public_key = "{public}"')
        elif args.pack_step == "build":
            version = build(args.folder, args.out, args.version)
            print(f"kiosk: wrote {args.out} (version {version})")
        else:
            manifest = sign(
                args.pack, args.key, args.base_url, args.version, sequence=args.sequence, expires_days=args.expires_days
            )
            text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
            _write(args.out, text.encode("utf-8"))
            print(f"kiosk: wrote {args.out} (version {manifest['version']}, {manifest['size']} bytes)")
    except PublishError as error:
        print(f"kiosk: content-pack {args.pack_step}: {error}", file=sys.stderr)
        return 2
    return 0
