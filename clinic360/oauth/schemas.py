"""Bodies of the consent, "my apps" and app-registration endpoints."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from clinic360.core.schemas import ApiModel, Id, SingleLineText, UtcInstant

AuthorizationQuery = Annotated[str, Field(max_length=4000)]


class ConsentQuery(ApiModel):
    request: AuthorizationQuery = Field(
        "", description="The query string the app sent to /oauth2/authorize, as received."
    )


class ConsentBody(ApiModel):
    request: AuthorizationQuery
    approve: bool


class ConsentOut(ApiModel):
    client_name: str
    scope: str
    words: list[str] = Field(description="Each requested scope in plain words.")
    refused: list[str] = Field(description="Scopes this account cannot give (only Deny).")
    redirect_uri: str


class RedirectOut(ApiModel):
    redirect_to: str


class AuthorizedAppOut(ApiModel):
    id: int
    name: str
    scope: str
    words: list[str]
    granted_at: UtcInstant


class AuthorizedAppList(ApiModel):
    items: list[AuthorizedAppOut]


class AppPath(ApiModel):
    id: Id


class ClientBody(ApiModel):
    name: Annotated[SingleLineText, Field(min_length=1, max_length=100)]
    redirect_uris: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=2000)]],
        Field(default_factory=list, max_length=10),
    ]
    grant_types: Annotated[list[str], Field(min_length=1, max_length=3)]
    scope: Annotated[str, Field(min_length=1, max_length=2000)]
    public: bool = False


class ClientOut(ApiModel):
    id: int
    client_id: str
    name: str
    redirect_uris: list[str]
    grant_types: list[str]
    scope: str
    token_endpoint_auth_method: str
    created_at: UtcInstant
    revoked_at: UtcInstant | None


class NewClientOut(ClientOut):
    client_secret: str | None = Field(description="Shown once; only its digest is kept.")


class ClientList(ApiModel):
    items: list[ClientOut]
