"""Print the OpenAPI document that `/api/openapi.json` serves, without a running server.

`python -m clinic360.openapi_dump > openapi.json` builds the app on an empty SQLite file in a
temporary folder (no PostgreSQL, Redis or environment needed) and asks it for the document.
`make api-types` turns the output into the web app's types (web/src/generated/api.ts).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from clinic360 import create_app


def openapi_document() -> dict[str, object]:
    """The document as `GET /api/openapi.json` answers it."""
    with tempfile.TemporaryDirectory(prefix="clinic360-openapi-") as folder:
        instance = Path(folder)
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{instance / 'openapi.db'}",
                "REDIS_URL": "",
                "LOG_LEVEL": "WARNING",
            },
            instance_path=instance,
        )
        response = app.test_client().get("/api/openapi.json")
        if response.status_code != 200:
            raise RuntimeError(f"/api/openapi.json answered {response.status_code}")
        document: dict[str, object] = response.get_json()
        return document


def main() -> None:
    json.dump(openapi_document(), sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
