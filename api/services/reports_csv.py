"""The reports as CSV for a spreadsheet: the same figures as the JSON, row for row, with the
basis of the figures (as at, register snapshot) in columns so that a saved file still says it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from api.domain.statements import in_pounds
from api.schemas import reports as schemas
from api.schemas.grant_summary import GrantFigures
from api.services.spreadsheet import as_text

Cell = str | int | float | None


def _write(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """Every text cell (names of schools, authorities, programmes) is kept from being run as a
    formula by whoever opens the file."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(cell) for cell in row])
    return out.getvalue()


def _cell(cell: Cell) -> str | int | float:
    if cell is None:
        return ""
    return as_text(cell) if isinstance(cell, str) else cell


def coverage(report: schemas.CoverageReport) -> str:
    snapshot = report.register_snapshot_imported_at
    basis = (
        report.as_at.isoformat(),
        report.completed_within_years,
        snapshot.isoformat() if snapshot else None,
    )
    rows = [*report.rows, report.total]
    return _write(
        (
            report.by.value,
            "label",
            "schools",
            "engaged",
            "coverage_percent",
            "as_at",
            "completed_within_years",
            "register_snapshot_imported_at",
        ),
        ((r.key, r.label, r.schools, r.engaged, r.coverage_percent, *basis) for r in rows),
    )


def funnel(report: schemas.FunnelReport) -> str:
    return _write(
        (
            "cohort",
            "phase",
            "hub_id",
            "hub",
            "development",
            "embedding",
            "sustaining",
            "embedding_percent",
            "sustaining_percent",
            "as_at",
        ),
        (
            (
                r.cohort,
                r.phase,
                r.hub_id,
                r.hub_name,
                r.development,
                r.embedding,
                r.sustaining,
                r.embedding_percent,
                r.sustaining_percent,
                report.as_at.isoformat(),
            )
            for r in report.rows
        ),
    )


def recruitment(report: schemas.RecruitmentReport) -> str:
    """One row a day; the places (the same on every row) in columns of their own."""
    places = (
        report.capacity_places,
        report.capacity_unit,
        report.places_filled,
        report.places_left,
        report.waiting_list,
    )
    return _write(
        (
            "date",
            "submitted",
            "cumulative",
            "capacity_places",
            "capacity_unit",
            "places_filled",
            "places_left",
            "waiting_list",
        ),
        ((d.date.isoformat(), d.submitted, d.cumulative, *places) for d in report.days),
    )


def attendance(report: schemas.AttendanceReport) -> str:
    """Each group's total row (no session number), then a row per session."""
    rows: list[Sequence[Cell]] = []
    for g in report.groups:
        group = (g.hub_id, g.work_group_id, g.name)
        rows.append((*group, None, None, *_figures(g)))
        rows.extend((*group, s.number, s.date.isoformat(), *_figures(s)) for s in g.sessions)
    return _write(
        (
            "hub_id",
            "work_group_id",
            "work_group",
            "session_number",
            "date",
            "present",
            "absent_with_apologies",
            "absent",
            "recorded",
            "rate_percent",
        ),
        rows,
    )


def release_time(report: schemas.AttendanceReport) -> str:
    """The schools short of the programme's minimum, group by group."""
    return _write(
        (
            "hub_id",
            "work_group_id",
            "work_group",
            "urn",
            "school",
            "days",
            "minimum_days",
            "shortfall_days",
        ),
        (
            (
                g.hub_id,
                g.work_group_id,
                g.name,
                s.urn,
                s.name,
                s.days,
                g.minimum_days,
                s.shortfall_days,
            )
            for g in report.groups
            for s in g.short_of_minimum
        ),
    )


def _figures(f: schemas.AttendanceFigures) -> tuple[Cell, ...]:
    return (f.present, f.absent_with_apologies, f.absent, f.recorded, f.rate_percent)


GRANT_FIGURES = ("committed", "claimed", "paid", "clawed_back")


def _money(f: GrantFigures) -> tuple[Cell, ...]:
    """Each figure in pounds, as a spreadsheet reads them, then in pence, as the JSON has it."""
    pence = [getattr(f, name).amount_pence for name in GRANT_FIGURES]
    return (*(in_pounds(p) for p in pence), *pence)


_MONEY_HEADER = (
    *(f"{name}_gbp" for name in GRANT_FIGURES),
    *(f"{name}_pence" for name in GRANT_FIGURES),
)


def grants(report: schemas.GrantsReport) -> str:
    """One row per hub, programme and month, then the total ("total" in the month column)."""
    return _write(
        (
            "hub_id",
            "hub",
            "programme_id",
            "programme",
            "academic_year",
            "month",
            *_MONEY_HEADER,
        ),
        [
            *(
                (
                    r.hub.id,
                    r.hub.name,
                    r.programme.id,
                    r.programme.title,
                    r.programme.academic_year,
                    r.month,
                    *_money(r),
                )
                for r in report.rows
            ),
            (None, None, None, None, None, "total", *_money(report.totals)),
        ],
    )


def grant_months(report: schemas.GrantsReport) -> str:
    """The figures added up by month, every month from the first to the last, then the total."""
    return _write(
        ("month", "month_label", *_MONEY_HEADER),
        [
            *((m.month, m.month_label, *_money(m)) for m in report.months),
            ("total", "All months", *_money(report.totals)),
        ],
    )
