"""Family access endpoints: dependents, proxy grants, a dependent's own login."""

from __future__ import annotations

from flask import Response
from flask_openapi3 import APIBlueprint, Tag

from clinic360.accounts import family_service
from clinic360.accounts.current import require_user
from clinic360.accounts.family_schemas import (
    DependentClaimBody,
    DependentCreate,
    DependentOut,
    DependentPath,
    FamilyOut,
    GrantPath,
    InviteBody,
    ProxyGrantCreate,
    ProxyGrantOut,
)
from clinic360.accounts.models import Role
from clinic360.core.http import json_response, no_content

bp = APIBlueprint("family", __name__, url_prefix="/api/family", abp_tags=[Tag(name="family")])


@bp.get("", responses={200: FamilyOut})
def get_family() -> Response:
    """The caller's dependents, open proxy grants given and received, and the patients they
    may act for now (the "acting for" selector; themselves first)."""
    return json_response(family_service.family_of(require_user(Role.PATIENT)))


@bp.post("/dependents", responses={201: DependentOut})
def add_dependent(body: DependentCreate) -> Response:
    """Add a dependent (a patient without a login) the caller books, reads and writes for."""
    return json_response(family_service.add_dependent(require_user(Role.PATIENT), body), 201)


@bp.post("/dependents/<int:id>/invite", responses={204: None})
def invite_dependent(path: DependentPath, body: InviteBody) -> Response:
    """Email a dependent of DEPENDENT_CLAIM_AGE or older a link to claim their own login;
    422 `dependent_too_young` below it, 403 `dependent_claimed` once claimed."""
    family_service.invite_dependent(require_user(Role.PATIENT), path.id, str(body.email))
    return no_content()


@bp.post("/proxies", responses={201: ProxyGrantOut})
def grant_proxy(body: ProxyGrantCreate) -> Response:
    """Offer another patient account access (pending until they accept); both are emailed."""
    return json_response(family_service.grant(require_user(Role.PATIENT), body), 201)


@bp.post("/proxies/<int:id>/accept", responses={200: ProxyGrantOut})
def accept_proxy(path: GrantPath) -> Response:
    """The proxy accepts a grant given to them; both are emailed."""
    return json_response(family_service.accept(require_user(Role.PATIENT), path.id))


@bp.post("/proxies/<int:id>/revoke", responses={200: ProxyGrantOut})
def revoke_proxy(path: GrantPath) -> Response:
    """Either side ends a grant at once (the next request of the proxy is refused)."""
    return json_response(family_service.revoke(require_user(Role.PATIENT), path.id))


@bp.post("/claim", responses={204: None}, security=[])
def claim_account(body: DependentClaimBody) -> Response:
    """A dependent claims their account with the invitation's token: their own username and
    password; the guardian's access ends (400 `invalid_claim_token`: unknown, used or
    expired; the token has 256 bits, like a reset link's)."""
    family_service.claim(body)
    return no_content()
