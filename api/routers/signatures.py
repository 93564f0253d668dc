"""The signatory's page, reached from the personal link emailed to them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from api.routers.access import PUBLIC, access
from api.routers.clock import Now
from api.routers.dependencies import DbSession
from api.routers.feature_router import FeatureRouter
from api.schemas.applications import ConfirmRequest, SignaturePage
from api.services import applications

router = FeatureRouter(prefix="/signatures", tags=["signatures"])

# The unguessable token is the credential: whoever holds the link may confirm.
Token = Annotated[str, Path(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("/{token}", **access(PUBLIC, 404, 410, 422))
def get_signature(session: DbSession, token: Token, now: Now) -> SignaturePage:
    """What the signatory commits to, and who else signs."""
    return applications.signature_page(session, token, now=now)


@router.post("/{token}/confirm", **access(PUBLIC, 404, 410, 422))
def confirm_signature(
    session: DbSession, token: Token, body: ConfirmRequest, now: Now
) -> SignaturePage:
    """Confirm every commitment; the link then cannot be used again."""
    return applications.confirm(session, token, body.commitments, now=now)
