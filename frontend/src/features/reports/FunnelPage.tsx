import { useSearchParams } from "react-router-dom";
import { useAcademicYears, useHubs, useMe } from "../../api/queries";
import { academicYearLabel, formatDate } from "../../format";
import { problemOf } from "../../forms";
import { useFunnel, type FunnelRow } from "./api";
import { Chart } from "./Chart";
import { CsvLink } from "./CsvLink";
import { chartOf, type Column } from "./figures";
import { FiguresTable } from "./FiguresTable";
import { csvHref, readQuery } from "./filters";
import { FUNNEL_PATH } from "./paths";
import { Loading, ReportPage } from "./ReportPage";
import { ReportFilters, type SelectFilter } from "./ReportFilters";
import { hubFilter, isNational, scopeText } from "./scope";

const FILTERS = ["hub", "phase", "cohort", "as_at"] as const;

const PHASES: Record<FunnelRow["phase"], string> = { primary: "Primary", secondary: "Secondary" };

export const FUNNEL_COLUMNS: Column<FunnelRow>[] = [
  { label: "Development", value: (row) => row.development, numeric: true },
  { label: "Embedding", value: (row) => row.embedding, numeric: true },
  { label: "Embedding of Development", value: (row) => row.embedding_percent, percent: true },
  { label: "Sustaining", value: (row) => row.sustaining, numeric: true },
  { label: "Sustaining of Embedding", value: (row) => row.sustaining_percent, percent: true },
];

/** "2021/22 primary, Cheshire and Wirral Maths Hub": a row's cohort, phase and (side by side) hub. */
export function funnelRowLabel(row: FunnelRow, withHub: boolean): string {
  const cohort = `${academicYearLabel(row.cohort)} ${PHASES[row.phase].toLowerCase()}`;
  return withHub ? `${cohort}, ${row.hub_name}` : cohort;
}

/** For each cohort year: the schools that did Development, then Embedding, then Sustaining. */
export function FunnelPage() {
  const me = useMe();
  const hubs = useHubs();
  const years = useAcademicYears();
  const [search, setSearch] = useSearchParams();
  const query = readQuery(search, FILTERS);
  const funnel = useFunnel(query);
  const report = funnel.data;
  const national = isNational(me.data);
  const hubList = hubs.data?.items ?? [];
  const selects: SelectFilter[] = [
    ...(national ? [hubFilter(hubList)] : []),
    { name: "phase", label: "Phase", empty: "Both phases", options: Object.entries(PHASES).map(([value, label]) => ({ value, label })) },
    {
      name: "cohort",
      label: "Cohort (first Development year)",
      empty: "Every cohort",
      options: (years.data ?? []).map((year) => ({ value: year.id, label: year.label })),
    },
  ];
  const sideBySide = national && !report?.hub_id;
  const label = (row: FunnelRow) => funnelRowLabel(row, sideBySide);
  const caption = "Schools by cohort, Development to Sustaining";
  return (
    <ReportPage title="Journey funnel" problem={problemOf(funnel.error)}>
      <ReportFilters
        key={search.toString()}
        action={FUNNEL_PATH}
        selects={selects}
        current={query}
        asAt
        onApply={(next) => {
          setSearch(next);
        }}
      />
      <Loading pending={funnel.isPending && !funnel.isError} />
      {report && (
        <>
          <div className="govuk-inset-text">
            <p className="govuk-body">{report.definition}</p>
            <p className="govuk-body">
              As at {formatDate(report.as_at)}. Showing {national ? scopeText(report.hub_id, hubList) : scopeText(report.hub_id ?? me.data?.hub_id, hubList)}.
            </p>
          </div>
          {report.rows.length === 0 ? (
            <p className="govuk-body">No school has started Development here yet.</p>
          ) : (
            <>
              <Chart
                id="funnel-chart"
                title="Schools in Development, then Embedding, then Sustaining, by cohort"
                kind="bar"
                data={chartOf(report.rows, label, FUNNEL_COLUMNS.filter((column) => !column.percent))}
                tableCaption={caption}
                tableId="funnel-table"
              />
              <FiguresTable
                id="funnel-table"
                caption={caption}
                rows={report.rows}
                heading={{ label: "Cohort", text: label }}
                columns={FUNNEL_COLUMNS}
              />
            </>
          )}
          <CsvLink href={csvHref("funnel", query)} what="the funnel" />
        </>
      )}
    </ReportPage>
  );
}
