"""The reports as CSV for a spreadsheet: the same figures as the JSON, row for row, with the
basis of the figures (as at, register snapshot) in columns so that a saved file still says it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from api.schemas import reports as schemas

Cell = str | int | float | None


def _write(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


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
