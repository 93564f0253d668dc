import { Link, useSearchParams } from "react-router-dom";
import { useHubs, useMe } from "../../api/queries";
import { formatDate, formatDateTime } from "../../format";
import { problemOf } from "../../forms";
import { useCoverage, type CoverageReport, type CoverageRow } from "./api";
import { Chart } from "./Chart";
import { CsvLink } from "./CsvLink";
import { chartOf, type Column } from "./figures";
import { FiguresTable } from "./FiguresTable";
import { csvHref, readQuery } from "./filters";
import { COVERAGE_PATH } from "./paths";
import { Loading, ReportPage } from "./ReportPage";
import { ReportFilters, type SelectFilter } from "./ReportFilters";
import { hubFilter, isNational, scopeText } from "./scope";

const FILTERS = ["by", "hub", "phase", "as_at", "completed_within_years"] as const;

const BY_LABELS: Record<CoverageReport["by"], string> = {
  hub: "Maths Hub",
  local_authority: "Local authority",
  phase: "Phase",
};

export const COVERAGE_COLUMNS: Column<CoverageRow>[] = [
  { label: "Open state-funded schools", value: (row) => row.schools, numeric: true },
  { label: "Schools engaged", value: (row) => row.engaged, numeric: true },
  { label: "Coverage", value: (row) => row.coverage_percent, percent: true },
];

const WITHIN_OPTIONS = Array.from({ length: 11 }, (_, years) => ({
  value: String(years),
  label: years === 0 ? "Only taking part this year" : `Completed in the last ${String(years)} year${years === 1 ? "" : "s"}`,
}));

/** Schools engaged over open state-funded schools, by hub, local authority or phase, as at a day. */
export function CoveragePage() {
  const me = useMe();
  const hubs = useHubs();
  const [search, setSearch] = useSearchParams();
  const query = readQuery(search, FILTERS);
  const coverage = useCoverage(query);
  const report = coverage.data;
  const national = isNational(me.data);
  const hubList = hubs.data?.items ?? [];
  const selects: SelectFilter[] = [
    {
      name: "by",
      label: "Rows by",
      options: Object.entries(BY_LABELS).map(([value, label]) => ({ value, label })),
    },
    ...(national ? [hubFilter(hubList)] : []),
    {
      name: "phase",
      label: "Phase",
      empty: "Every phase",
      options: [
        { value: "primary", label: "Primary" },
        { value: "secondary", label: "Secondary" },
        { value: "neither", label: "Neither (nursery, special, all-through)" },
      ],
    },
    { name: "completed_within_years", label: "Engaged includes schools that", options: WITHIN_OPTIONS },
  ];
  const current = { by: "hub", completed_within_years: String(report?.completed_within_years ?? 3), ...query };
  const caption = report ? `Coverage by ${BY_LABELS[report.by].toLowerCase()}` : "Coverage";
  // National administrators open one hub from the side-by-side rows.
  const openHub = (row: CoverageRow) =>
    national && report?.by === "hub" && !report.hub_id && row.key ? (
      <Link className="govuk-link" to={`${COVERAGE_PATH}?${new URLSearchParams({ ...query, hub: row.key }).toString()}`}>
        {row.label}
      </Link>
    ) : (
      row.label
    );
  return (
    <ReportPage title="Coverage" problem={problemOf(coverage.error)}>
      <ReportFilters
        key={search.toString()}
        action={COVERAGE_PATH}
        selects={selects}
        current={current}
        asAt
        onApply={(next) => {
          setSearch(next);
        }}
      />
      <Loading pending={coverage.isPending && !coverage.isError} />
      {report && (
        <>
          <h2 className="govuk-heading-m">What is counted</h2>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Engaged</dt>
              <dd className="govuk-summary-list__value">{report.definitions.engaged}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Out of</dt>
              <dd className="govuk-summary-list__value">{report.definitions.denominator}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">As at</dt>
              <dd className="govuk-summary-list__value">
                {formatDate(report.as_at)} (academic year {report.academic_year.replace("-", "/")}), counted up to{" "}
                {formatDateTime(report.counted_up_to)}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Register snapshot</dt>
              <dd className="govuk-summary-list__value">
                {report.register_snapshot_imported_at
                  ? `Imported from Get Information about Schools on ${formatDateTime(report.register_snapshot_imported_at)}`
                  : "The register was loaded without a recorded import"}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Showing</dt>
              <dd className="govuk-summary-list__value">{national ? scopeText(report.hub_id, hubList) : scopeText(report.hub_id ?? me.data?.hub_id, hubList)}</dd>
            </div>
          </dl>
          {report.rows.length === 0 ? (
            <p className="govuk-body">There are no open state-funded schools to count here.</p>
          ) : (
            <>
              <Chart
                id="coverage-chart"
                title={`${caption}: percentage of open state-funded schools engaged`}
                kind="bar"
                percent
                data={chartOf(report.rows, (row) => row.label, [COVERAGE_COLUMNS[2] as Column<CoverageRow>])}
                tableCaption={caption}
                tableId="coverage-table"
              />
              <FiguresTable
                id="coverage-table"
                caption={caption}
                rows={report.rows}
                heading={{ label: BY_LABELS[report.by], text: (row) => row.label, show: openHub }}
                columns={COVERAGE_COLUMNS}
                total={{ ...report.total, label: "Total" }}
              />
            </>
          )}
          <CsvLink href={csvHref("coverage", query)} what="the coverage figures" />
        </>
      )}
    </ReportPage>
  );
}
