"""A hub's monthly statements: one per hub and month, `open → payable → paid`, holding the
claims they pay (a payment line) or claw back (a negative line) and the hub's adjustments.

Every total and every move goes through the domain's Statement, so the JSON, the CSV and the
audit log add up the same way. Each claim's move (payable, paid, awaiting or clawed back) goes
through grant_claim_moves, which keeps the claim's history and the audit log.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from api.domain.academic_year import AcademicYear
from api.domain.access import Principal
from api.domain.claims import ClaimStatus
from api.domain.statements import (
    Adjustment,
    Line,
    Month,
    Statement,
    StatementRefused,
    StatementStatus,
    first_free_month,
    in_pounds,
    month_of,
)
from api.domain.wording import format_date, format_pence
from api.errors import BadField, Conflict, Forbidden, InvalidFields, NotFound
from api.persistence import catalogue_repository
from api.persistence import grant_statements_repository as repo
from api.persistence.models import (
    GrantClaim,
    GrantStatement,
    GrantStatementAdjustment,
    GrantStatementLine,
    Programme,
    utc_now,
)
from api.schemas import grant_statements as schemas
from api.services import audit, grant_access, paging
from api.services.grant_claim_moves import move_claim
from api.services.spreadsheet import as_text
from api.services.versions import check_version

_S = StatementStatus
# What the hub may do to a statement in each state (the schema's StatementAction).
_ACTIONS: dict[StatementStatus, list[str]] = {
    _S.OPEN: ["add_line", "add_adjustment", "close"],
    _S.PAYABLE: ["pay"],
    _S.PAID: [],
}


# Reading


def _sees(viewer: Principal, hub_id: str) -> bool:
    """Hub staff and keys see their hub's statements; school contacts see none."""
    return viewer.acts_for_hub(hub_id, *grant_access.READ_SCOPES)


def get(session: Session, statement_id: int, viewer: Principal) -> GrantStatement:
    """Another hub's statement is hidden as if absent, as applications and sessions are."""
    row = repo.get(session, statement_id)
    if row is None or not _sees(viewer, row.hub_id):
        raise NotFound(f"There is no statement {statement_id} that you can see.")
    return row


def list_statements(
    session: Session,
    viewer: Principal,
    filters: repo.StatementFilters,
    *,
    cursor: str | None,
    limit: int,
) -> tuple[list[GrantStatement], str | None]:
    """Your hub's statements (a national administrator: every hub's, or `hub`'s)."""
    if not viewer.is_national:
        if filters.hub_id is not None and filters.hub_id != viewer.hub_id:
            raise Forbidden("You can see your own hub's statements only.")
        filters = repo.StatementFilters(
            hub_id=viewer.hub_id or "-", status=filters.status, updated_since=filters.updated_since
        )
    if filters.updated_since is not None:
        last = paging.after(cursor, str, int)
        after: int | tuple[datetime, int] | None = (_instant(last[0]), last[1]) if last else None
        rows = repo.list_statements(session, filters, after=after, limit=limit + 1)
        return paging.page(rows, limit, lambda r: (r.updated_at.isoformat(), r.id))
    last = paging.after(cursor, int)
    rows = repo.list_statements(session, filters, after=last[0] if last else None, limit=limit + 1)
    return paging.page(rows, limit, lambda r: (r.id,))


def _instant(text: str) -> datetime:
    """The instant a sync cursor holds (as `updated_at.isoformat()` wrote it)."""
    try:
        found = datetime.fromisoformat(text)
    except ValueError:
        found = None
    if found is None or found.utcoffset() is None:
        raise InvalidFields(
            [BadField("query", "/cursor", "The cursor is not one this API gave out.")]
        )
    return found


def statement_of(row: GrantStatement, amounts: repo.Amounts) -> Statement:
    """The statement as the domain sees it: its month, state, lines and adjustments."""
    return Statement(
        month=Month.parse(row.month),
        status=StatementStatus(row.status),
        lines=tuple(Line(reference, pence) for reference, pence in amounts.lines),
        adjustments=tuple(
            Adjustment(description, pence) for description, pence in amounts.adjustments
        ),
    )


def statements_of(session: Session, rows: list[GrantStatement]) -> dict[int, Statement]:
    """A page's statements as the domain sees them, for their totals and line counts."""
    amounts = repo.amounts_of(session, [row.id for row in rows])
    return {row.id: statement_of(row, amounts[row.id]) for row in rows}


def allowed_actions(row: GrantStatement, viewer: Principal) -> list[str]:
    if not grant_access.may_decide(viewer, row.hub_id):
        return []
    return list(_ACTIONS[StatementStatus(row.status)])


def adjustments_of(
    session: Session, row: GrantStatement
) -> list[tuple[GrantStatementAdjustment, str | None]]:
    """Each adjustment with the name of who made it."""
    rows = repo.adjustments_of(session, row.id)
    names = repo.actor_names(session, {a.created_by for a in rows})
    return [(a, names.get(a.created_by)) for a in rows]


def label_of(row: GrantStatement) -> str:
    return Month.parse(row.month).label()


# Changing


def _refusal(exc: StatementRefused) -> Conflict:
    """A paid statement is read-only (statement_paid); a payable one takes no more changes
    (statement_not_open); an open one refuses a claim that is on it already."""
    rules = {
        _S.PAID: "statement_paid",
        _S.PAYABLE: "statement_not_open",
        _S.OPEN: "already_on_statement",
    }
    return Conflict(str(exc), rule=rules[exc.current], statement_status=exc.current.value)


def _changed(statement: Statement, change: Callable[[Statement], Statement]) -> Statement:
    try:
        return change(statement)
    except StatementRefused as exc:
        raise _refusal(exc) from exc


def _run(
    session: Session, statement_id: int, actor: Principal, expected_version: int
) -> GrantStatement:
    """The statement, for a change by whoever runs its hub's grants, at the version read."""
    row = get(session, statement_id, actor)
    if not grant_access.may_decide(actor, row.hub_id):
        raise Forbidden(f"Only the hub's staff may change statement {statement_id}.")
    check_version(f"Statement {statement_id}", current=row.version, expected=expected_version)
    return row


def _snapshot(row: GrantStatement, statement: Statement) -> dict[str, Any]:
    """What the audit log keeps of a statement, in words a finance officer reads."""
    return {
        "status": statement.status.value,
        "total": format_pence(statement.total_pence),
        "claims": len(statement.lines),
        "adjustments": len(statement.adjustments),
        "paid_on": row.paid_on.isoformat() if row.paid_on else None,
        "payment_reference": row.payment_reference,
    }


def _record(
    session: Session,
    row: GrantStatement,
    actor: Principal | None,
    *,
    action: str,
    before: dict[str, Any] | None,
    after: Statement,
    note: str | None = None,
) -> None:
    """A change to the statement, audited; a change to its lines or adjustments (other rows)
    is a new version of the statement too, with a new ETag."""
    if before is not None:
        row.updated_at = utc_now()
        session.flush()
    audit.record(
        session,
        actor,
        action=action,
        resource_type="grant_statement",
        resource_id=row.id,
        hub_id=row.hub_id,
        before=before,
        after=_snapshot(row, after),
        note=note,
    )


def _new_statement(
    session: Session, hub_id: str, month: Month, actor: Principal, *, note: str | None = None
) -> GrantStatement:
    """An open statement for the month; a second for the same hub and month is refused by the
    database too (two requests at once), with the same 409."""
    existing = repo.of_month(session, hub_id, str(month))
    if existing is None:
        row = GrantStatement(hub_id=hub_id, month=str(month), status=_S.OPEN.value)
        try:
            with session.begin_nested():
                repo.add(session, row)
        except IntegrityError:
            existing = repo.of_month(session, hub_id, str(month))
        else:
            _record(
                session, row, actor, action="create", before=None, after=Statement(month), note=note
            )
            return row
    hub = catalogue_repository.get_hub(session, hub_id)
    raise Conflict(
        f"{hub.name if hub else hub_id} already has a statement for {month.label()} "
        f"(statement {existing.id if existing else '?'}).",
        rule="statement_exists",
        statement=(
            {"id": existing.id, "month": existing.month, "status": existing.status}
            if existing
            else None
        ),
    )


def create(session: Session, hub_id: str, month: str, *, actor: Principal) -> GrantStatement:
    """An open statement for one of your hub's months: one per hub and month."""
    if not grant_access.may_decide(actor, hub_id):
        raise Forbidden("You can make statements for your own hub only.")
    if catalogue_repository.get_hub(session, hub_id) is None:
        raise InvalidFields([BadField("body", "/hub_id", f"There is no hub {hub_id!r}")])
    try:
        wanted = Month.parse(month)
    except ValueError as exc:
        raise InvalidFields([BadField("body", "/month", str(exc))]) from exc
    return _new_statement(session, hub_id, wanted, actor)


def add_line(
    session: Session,
    statement_id: int,
    claim_id: int,
    *,
    actor: Principal,
    expected_version: int,
    now: datetime,
) -> GrantStatement:
    """Put an eligible claim of the hub on its open statement: the claim becomes payable."""
    row = _run(session, statement_id, actor, expected_version)
    claim = repo.claim(session, claim_id)
    if claim is None or not _sees(actor, claim.hub_id):
        raise InvalidFields([BadField("body", "/claim_id", f"There is no claim {claim_id}")])
    before = statements_of(session, [row])[row.id]
    after = _changed(before, lambda s: s.add_line(Line(claim.reference, claim.amount_pence)))
    if claim.hub_id != row.hub_id:
        raise Conflict(
            f"Claim {claim.reference} is another hub's; it goes on that hub's statement.",
            rule="claim_of_another_hub",
        )
    if claim.status != ClaimStatus.ELIGIBLE:
        raise Conflict(
            f"Claim {claim.reference} is {claim.status.replace('_', ' ')}; only an eligible "
            "claim goes on a statement to be paid.",
            rule="claim_not_eligible",
            claim_status=claim.status,
        )
    label = label_of(row)
    move_claim(
        session,
        claim,
        ClaimStatus.PAYABLE,
        by=actor,
        now=now,
        note=f"On the statement for {label}",
    )
    repo.add(
        session,
        GrantStatementLine(
            statement_id=row.id, claim_id=claim.id, kind="payment", amount_pence=claim.amount_pence
        ),
    )
    _record(
        session,
        row,
        actor,
        action="update",
        before=_snapshot(row, before),
        after=after,
        note=f"Claim {claim.reference} added: {format_pence(claim.amount_pence)}",
    )
    return row


def add_adjustment(
    session: Session,
    statement_id: int,
    description: str,
    amount_pence: int,
    *,
    actor: Principal,
    expected_version: int,
) -> GrantStatement:
    """A signed amount with what it is for, on an open statement."""
    row = _run(session, statement_id, actor, expected_version)
    if amount_pence == 0:
        raise InvalidFields([BadField("body", "/amount_pence", "An adjustment is never £0")])
    before = statements_of(session, [row])[row.id]
    try:
        adjustment = Adjustment(description, amount_pence)
    except ValueError as exc:
        raise InvalidFields([BadField("body", "/description", str(exc))]) from exc
    after = _changed(before, lambda s: s.add_adjustment(adjustment))
    repo.add(
        session,
        GrantStatementAdjustment(
            statement_id=row.id,
            description=description,
            amount_pence=amount_pence,
            created_by=audit.actor_key(actor),
        ),
    )
    _record(
        session,
        row,
        actor,
        action="update",
        before=_snapshot(row, before),
        after=after,
        note=f"Adjustment “{description}”: {format_pence(amount_pence)}",
    )
    return row


def _moved(statement: Statement, to: StatementStatus) -> Statement:
    try:
        return statement.move(to)
    except StatementRefused as exc:
        if exc.current is _S.PAID:
            paid = f"The statement for {statement.month.label()} is paid and read-only."
            raise _refusal(StatementRefused(exc.current, paid)) from exc
        raise Conflict(
            str(exc), rule="statement_move_refused", statement_status=exc.current.value
        ) from exc


def close(
    session: Session, statement_id: int, *, actor: Principal, expected_version: int
) -> GrantStatement:
    """Close an open statement for payment: it takes no more lines or adjustments."""
    row = _run(session, statement_id, actor, expected_version)
    before = statements_of(session, [row])[row.id]
    after = _moved(before, _S.PAYABLE)
    snapshot = _snapshot(row, before)
    row.status = after.status.value
    _record(session, row, actor, action="close", before=snapshot, after=after)
    return row


def pay(
    session: Session,
    statement_id: int,
    *,
    paid_on: date,
    payment_reference: str,
    actor: Principal,
    expected_version: int,
    now: datetime,
    today: date,
) -> GrantStatement:
    """Mark a payable statement paid: each payment line's claim is paid, each clawback line's
    claim clawed back, and the statement is read-only from then on."""
    row = _run(session, statement_id, actor, expected_version)
    if paid_on > today:
        raise InvalidFields(
            [BadField("body", "/paid_on", f"Record a payment once it is made: {paid_on} is ahead")]
        )
    before = statements_of(session, [row])[row.id]
    after = _moved(before, _S.PAID)
    snapshot = _snapshot(row, before)
    label = label_of(row)
    for line, claim in repo.claims_on(session, row.id):
        to = ClaimStatus.PAID if line.kind == "payment" else ClaimStatus.CLAWED_BACK
        move_claim(
            session,
            claim,
            to,
            by=actor,
            now=now,
            note=f"Statement for {label} paid on {format_date(paid_on)} ({payment_reference})",
        )
    row.status, row.paid_on, row.payment_reference = after.status.value, paid_on, payment_reference
    _record(
        session,
        row,
        actor,
        action="pay",
        before=snapshot,
        after=after,
        note=f"Paid {format_pence(after.total_pence)}",
    )
    return row


# Clawback: the statement side of POST /grants/claims/{id}/clawback


def _open_statement_of(
    session: Session, hub_id: str, actor: Principal, now: datetime
) -> GrantStatement:
    """The hub's earliest open statement, or a new one for this month in England (the first
    month after it without a statement, when this month's is closed already)."""
    found = repo.earliest_open(session, hub_id)
    if found is not None:
        return found
    taken = {Month.parse(month) for month in repo.months_of(session, hub_id)}
    month = first_free_month(month_of(now), taken)
    return _new_statement(session, hub_id, month, actor, note="Opened for a clawback")


def claw_back(
    session: Session, claim: GrantClaim, reason: str, *, actor: Principal, now: datetime
) -> GrantClaim:
    """A paid claim awaits clawback: a line of minus its amount goes on the hub's earliest open
    statement (made for this month if none is open); paying that statement claws it back. The
    claims' service has checked who asks and the version they read (POST …/clawback)."""
    move_claim(session, claim, ClaimStatus.AWAITING_CLAWBACK, by=actor, now=now, note=reason)
    row = _open_statement_of(session, claim.hub_id, actor, now)
    before = statements_of(session, [row])[row.id]
    after = _changed(before, lambda s: s.add_line(Line(claim.reference, -claim.amount_pence)))
    repo.add(
        session,
        GrantStatementLine(
            statement_id=row.id,
            claim_id=claim.id,
            kind="clawback",
            amount_pence=-claim.amount_pence,
        ),
    )
    _record(
        session,
        row,
        actor,
        action="update",
        before=_snapshot(row, before),
        after=after,
        note=f"Claim {claim.reference} clawed back: {format_pence(-claim.amount_pence)}",
    )
    return claim


def take_off(session: Session, claim: GrantClaim, *, actor: Principal) -> None:
    """A payable claim being voided leaves the statement it is on, while that statement is open
    (nothing has been paid); one closed for payment keeps it: 409 statement_closed."""
    line = repo.payment_line_of(session, claim.id)
    if line is None:
        return
    row = repo.get(session, line.statement_id)
    assert row is not None
    before = statements_of(session, [row])[row.id]
    try:
        after = before.remove_line(claim.reference)
    except StatementRefused as exc:
        raise Conflict(
            f"Claim {claim.reference} is on the {label_of(row)} statement, which is "
            f"{row.status}; it can no longer be voided.",
            rule="statement_closed",
            statement_status=row.status,
        ) from exc
    repo.remove_line(session, line.id)
    _record(
        session,
        row,
        actor,
        action="update",
        before=_snapshot(row, before),
        after=after,
        note=f"Claim {claim.reference} voided and taken off the statement",
    )


# For finance


CSV_HEADER = [
    "hub",
    "month",
    "kind",
    "claim_reference",
    "urn",
    "school",
    "programme",
    "description",
    "amount_gbp",
    "amount_pence",
]


def csv_of(session: Session, row: GrantStatement) -> tuple[str, str]:
    """(filename, text): one row per line and adjustment, then the total, which the domain
    adds up from the same rows: the sum of the lines and adjustments, to the penny."""
    lines = repo.lines_of(session, row.id)
    adjustments = repo.adjustments_of(session, row.id)
    statement = statement_of(
        row,
        repo.Amounts(
            lines=[(claim.reference, line.amount_pence) for line, claim, _, _ in lines],
            adjustments=[(a.description, a.amount_pence) for a in adjustments],
        ),
    )
    hub, month = row.hub_id, row.month
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for line, claim, school, programme in lines:
        writer.writerow(
            [
                hub,
                month,
                line.kind,
                claim.reference,
                school.urn,
                as_text(school.name),
                as_text(programme.title),
                "",
                in_pounds(line.amount_pence),
                line.amount_pence,
            ]
        )
    for adjustment in adjustments:
        writer.writerow(
            [
                hub,
                month,
                "adjustment",
                "",
                "",
                "",
                "",
                as_text(adjustment.description),
                in_pounds(adjustment.amount_pence),
                adjustment.amount_pence,
            ]
        )
    total = statement.total_pence
    writer.writerow([hub, month, "total", "", "", "", "", "", in_pounds(total), total])
    return f"statement-{hub}-{month}.csv", out.getvalue()


# Shapes


def _programme_brief(programme: Programme) -> dict[str, Any]:
    year = AcademicYear.parse(programme.academic_year_id)
    return {
        "id": programme.id,
        "title": programme.title,
        "code": programme.code,
        "academic_year": year.slug,
        "academic_year_label": year.label,
    }


def _fields(
    row: GrantStatement, statement: Statement, hub_name: str, viewer: Principal
) -> dict[str, Any]:
    return {
        "id": row.id,
        "hub": {"id": row.hub_id, "name": hub_name},
        "month": row.month,
        "month_label": statement.month.label(),
        "status": statement.status,
        "total": {"amount_pence": statement.total_pence},
        "line_count": len(statement.lines),
        "paid_on": row.paid_on,
        "payment_reference": row.payment_reference,
        "allowed_actions": allowed_actions(row, viewer),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "version": row.version,
    }


def _hub_names(session: Session, hub_ids: set[str]) -> dict[str, str]:
    hubs = (catalogue_repository.get_hub(session, hub_id) for hub_id in sorted(hub_ids))
    return {hub.id: hub.name for hub in hubs if hub is not None}


def to_summaries(
    session: Session, rows: list[GrantStatement], viewer: Principal
) -> list[schemas.StatementSummary]:
    statements = statements_of(session, rows)
    names = _hub_names(session, {row.hub_id for row in rows})
    return [
        schemas.StatementSummary.model_validate(
            _fields(row, statements[row.id], names.get(row.hub_id, row.hub_id), viewer)
        )
        for row in rows
    ]


def to_schema(session: Session, row: GrantStatement, viewer: Principal) -> schemas.Statement:
    lines = repo.lines_of(session, row.id)
    adjustments = adjustments_of(session, row)
    statement = statement_of(
        row,
        repo.Amounts(
            lines=[(claim.reference, line.amount_pence) for line, claim, _, _ in lines],
            adjustments=[(a.description, a.amount_pence) for a, _ in adjustments],
        ),
    )
    hub_name = _hub_names(session, {row.hub_id}).get(row.hub_id, row.hub_id)
    return schemas.Statement.model_validate(
        {
            **_fields(row, statement, hub_name, viewer),
            "lines": [
                {
                    "id": line.id,
                    "kind": line.kind,
                    "amount": {"amount_pence": line.amount_pence},
                    "claim": {"id": claim.id, "reference": claim.reference, "status": claim.status},
                    "school": {"urn": school.urn, "name": school.name},
                    "programme": _programme_brief(programme),
                }
                for line, claim, school, programme in lines
            ],
            "adjustments": [
                {
                    "id": adjustment.id,
                    "description": adjustment.description,
                    "amount": {"amount_pence": adjustment.amount_pence},
                    "created_at": adjustment.created_at,
                    "created_by_name": name,
                }
                for adjustment, name in adjustments
            ],
        }
    )
