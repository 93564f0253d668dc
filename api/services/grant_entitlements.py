"""Grant entitlements: recorded when a school joins a programme's Work Group, decided live by
the domain each time they are read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from api.domain.access import Principal
from api.schemas.grant_entitlements import Entitlement


@dataclass(frozen=True)
class EntitlementFilters:
    hub_id: str | None = None
    school_urn: str | None = None
    programme_id: int | None = None
    academic_year: str | None = None


def list_entitlements(
    session: Session,
    actor: Principal,
    filters: EntitlementFilters,
    *,
    now: datetime,
    cursor: str | None,
    limit: int,
) -> tuple[list[Entitlement], str | None]:
    raise NotImplementedError


def get_entitlement(
    session: Session, entitlement_id: int, actor: Principal, *, now: datetime
) -> Entitlement:
    raise NotImplementedError


def etag_of(item: Entitlement) -> str:
    raise NotImplementedError
