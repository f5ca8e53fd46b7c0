"""Content hashes of record versions (SHA-256 over canonical JSON) and their check."""

from __future__ import annotations

import hashlib
import json
import logging

from clinic360.records.errors import IntegrityCheckFailed
from clinic360.records.models import RecordVersion

log = logging.getLogger("clinic360.records")


def content_sha256(
    record_id: int, version: int, diagnosis: str, prescription: str | None, notes: str | None
) -> str:
    """Hex SHA-256 of the canonical JSON of one version's identity and clinical content."""
    canonical = json.dumps(
        {
            "recordId": record_id,
            "version": version,
            "diagnosis": diagnosis,
            "prescription": prescription,
            "notes": notes,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def version_is_intact(version: RecordVersion) -> bool:
    expected = content_sha256(
        version.record_id,
        version.version,
        version.diagnosis,
        version.prescription,
        version.notes,
    )
    return expected == version.content_sha256


def ensure_intact(versions: list[RecordVersion]) -> None:
    """Raise IntegrityCheckFailed (409) and log an alert (ids only) if any version was altered."""
    for version in versions:
        if not version_is_intact(version):
            log.error(
                "record version failed its integrity check",
                extra={"record_id": version.record_id, "version": version.version},
            )
            raise IntegrityCheckFailed()
