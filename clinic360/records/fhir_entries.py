"""The entries of a FHIR bundle, named by stable `urn:uuid:` fullUrls."""

from __future__ import annotations

import uuid

from fhir.resources.R4B.bundle import BundleEntry
from fhir.resources.R4B.reference import Reference
from fhir.resources.R4B.resource import Resource


class Entries:
    """Bundle entries named by stable `urn:uuid:` fullUrls derived from the public URL."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.entries: list[BundleEntry] = []

    def url(self, resource_type: str, resource_id: int | str) -> str:
        name = f"{self.base_url}/{resource_type}/{resource_id}"
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"

    def ref(self, resource_type: str, resource_id: int | str) -> Reference:
        return Reference(reference=self.url(resource_type, resource_id))

    def add(self, resource: Resource, resource_id: int | str) -> None:
        resource.id = str(resource_id)
        full_url = self.url(resource.get_resource_type(), resource_id)
        self.entries.append(BundleEntry(fullUrl=full_url, resource=resource))
