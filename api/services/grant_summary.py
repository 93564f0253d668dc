"""The national view of grants: for each hub and programme, what was committed to schools,
claimed, paid and clawed back. The domain decides which claims count where."""

from __future__ import annotations

from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.claims import ClaimStatus
from api.domain.grant_summary import Figures, figures, total
from api.errors import Forbidden
from api.persistence import grant_summary_repository as repo
from api.schemas import grant_summary as schemas


def _money(pence: int) -> dict[str, int]:
    return {"amount_pence": pence}


def figures_of(found: Figures) -> dict[str, dict[str, int]]:
    return {
        "committed": _money(found.committed_pence),
        "claimed": _money(found.claimed_pence),
        "paid": _money(found.paid_pence),
        "clawed_back": _money(found.clawed_back_pence),
    }


def summary(
    session: Session, viewer: Principal, *, hub_id: str | None, academic_year_id: str | None
) -> schemas.GrantSummary:
    """Every hub's figures for a national administrator (or `hub`'s); a hub's staff and keys
    see their own hub's (another hub's is refused, 403)."""
    if not viewer.is_national:
        if hub_id is not None and hub_id != viewer.hub_id:
            raise Forbidden("You can see your own hub's grants only.")
        hub_id = viewer.hub_id or "-"
    filters = repo.SummaryFilters(hub_id=hub_id, academic_year_id=academic_year_id)
    committed = repo.committed(session, filters)
    claims = repo.claimed(session, filters)
    keys = set(committed) | set(claims)
    hubs = repo.hubs(session, {hub for hub, _ in keys})
    programmes = repo.programmes(session, {programme for _, programme in keys})
    rows = []
    for key in keys:
        hub, programme = hubs[key[0]], programmes[key[1]]
        found = figures(
            committed.get(key, 0),
            ((ClaimStatus(status), pence) for status, pence in claims.get(key, [])),
        )
        year = AcademicYear.parse(programme.academic_year_id)
        rows.append(
            (
                (hub.name, programme.title, programme.id),
                found,
                {
                    "hub": {"id": hub.id, "name": hub.name},
                    "programme": {
                        "id": programme.id,
                        "title": programme.title,
                        "code": programme.code,
                        "academic_year": year.slug,
                        "academic_year_label": year.label,
                    },
                    **figures_of(found),
                },
            )
        )
    rows.sort(key=lambda row: row[0])
    return schemas.GrantSummary.model_validate(
        {
            "academic_year": academic_year_id,
            "hub": hub_id if hub_id != "-" else None,
            "rows": [row for _, _, row in rows],
            "totals": figures_of(total(found for _, found, _ in rows)),
        }
    )
