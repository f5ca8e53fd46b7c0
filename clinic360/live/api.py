"""Live-events endpoint of the web app: a ticket for the live-events server."""

from __future__ import annotations

from flask import Response, current_app
from flask_openapi3 import APIBlueprint, Tag
from pydantic import Field

from clinic360.accounts.current import require_user
from clinic360.core.events import stream_url
from clinic360.core.http import json_response
from clinic360.core.schemas import ApiModel
from clinic360.live import tickets
from clinic360.live.topics import topics_for

bp = APIBlueprint("live", __name__, url_prefix="/api/live", abp_tags=[Tag(name="live")])


class TicketOut(ApiModel):
    url: str = Field(description="Open this with EventSource (the ticket is in it).")
    expires_in_seconds: int = Field(description="Connect within this time; ask again after.")
    topics: list[str]


@bp.get("/ticket", responses={200: TicketOut})
def ticket() -> Response:
    """A signed ticket (valid EVENTS_TICKET_SECONDS) naming the topics the caller may hear,
    and the stream URL that takes it."""
    user = require_user()
    topics = topics_for(user)
    token = tickets.issue(user.id, topics)
    return json_response(
        TicketOut(
            url=f"{stream_url()}?ticket={token}",
            expires_in_seconds=current_app.config["EVENTS_TICKET_SECONDS"],
            topics=topics,
        )
    )
