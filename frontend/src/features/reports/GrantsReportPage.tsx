import { useSearchParams } from "react-router-dom";
import { useAcademicYears, useHubs, useMe } from "../../api/queries";
import { academicYearLabel } from "../../format";
import { problemOf } from "../../forms";
import { useGrantsReport, type GrantsMonth, type GrantsRow } from "./api";
import { Chart } from "./Chart";
import { CsvLink } from "./CsvLink";
import { chartOf, type Column } from "./figures";
import { FiguresTable } from "./FiguresTable";
import { csvHref, readQuery } from "./filters";
import { GRANTS_REPORT_PATH } from "./paths";
import { Loading, ReportPage } from "./ReportPage";
import { ReportFilters, type SelectFilter } from "./ReportFilters";
import { hubFilter, isNational, scopeText } from "./scope";

const FILTERS = ["hub", "academic_year"] as const;

type Figures = Pick<GrantsMonth, "committed" | "claimed" | "paid" | "clawed_back">;

/** Money columns: the value is pounds (whole pence / 100) so the chart's axis reads in pounds. */
function moneyColumns<Row extends Figures>(): Column<Row>[] {
  return [
    { label: "Committed", value: (row) => row.committed.amount_pence / 100, money: true },
    { label: "Claimed", value: (row) => row.claimed.amount_pence / 100, money: true },
    { label: "Paid", value: (row) => row.paid.amount_pence / 100, money: true },
    { label: "Clawed back", value: (row) => row.clawed_back.amount_pence / 100, money: true },
  ];
}

export const MONTH_COLUMNS = moneyColumns<GrantsMonth>();
const ROW_COLUMNS: Column<GrantsRow>[] = [
  { label: "Maths Hub", value: (row) => row.hub.name },
  { label: "Month", value: (row) => row.month_label },
  ...moneyColumns<GrantsRow>(),
];

/** Grants committed, claimed, paid and clawed back by month, and by hub, programme and month. */
export function GrantsReportPage() {
  const me = useMe();
  const hubs = useHubs();
  const years = useAcademicYears();
  const [search, setSearch] = useSearchParams();
  const query = readQuery(search, FILTERS);
  const grants = useGrantsReport(query);
  const report = grants.data;
  const national = isNational(me.data);
  const hubList = hubs.data?.items ?? [];
  const selects: SelectFilter[] = [
    ...(national ? [hubFilter(hubList)] : []),
    {
      name: "academic_year",
      label: "Programmes' academic year",
      empty: "Every year",
      options: (years.data ?? []).map((year) => ({ value: year.id, label: year.label })),
    },
  ];
  const caption = "Grants by month";
  return (
    <ReportPage title="Grants" problem={problemOf(grants.error)}>
      <ReportFilters
        key={search.toString()}
        action={GRANTS_REPORT_PATH}
        selects={selects}
        current={query}
        onApply={(next) => {
          setSearch(next);
        }}
      />
      <Loading pending={grants.isPending && !grants.isError} />
      {report && (
        <>
          <dl className="govuk-summary-list">
            {(
              [
                ["Committed", report.definitions.committed],
                ["Claimed", report.definitions.claimed],
                ["Paid", report.definitions.paid],
                ["Clawed back", report.definitions.clawed_back],
                [
                  "Showing",
                  `${national ? scopeText(report.hub_id, hubList) : scopeText(report.hub_id ?? me.data?.hub_id, hubList)}${
                    report.academic_year ? `, programmes of ${academicYearLabel(report.academic_year)}` : ""
                  }`,
                ],
              ] as const
            ).map(([key, value]) => (
              <div className="govuk-summary-list__row" key={key}>
                <dt className="govuk-summary-list__key">{key}</dt>
                <dd className="govuk-summary-list__value">{value}</dd>
              </div>
            ))}
          </dl>
          {report.months.length === 0 ? (
            <p className="govuk-body">No grants are committed here yet.</p>
          ) : (
            <>
              <Chart
                id="grants-chart"
                title="Grants by month, in pounds"
                kind="bar"
                data={chartOf(report.months, (month) => month.month_label, MONTH_COLUMNS)}
                tableCaption={caption}
                tableId="grants-table"
              />
              <FiguresTable
                id="grants-table"
                caption={caption}
                rows={report.months}
                heading={{ label: "Month", text: (month) => month.month_label }}
                columns={MONTH_COLUMNS}
                total={{ ...report.totals, month: "total", month_label: "Total" }}
              />
              <CsvLink href={csvHref("grants", { ...query, table: "months" })} what="grants by month" />
              <FiguresTable
                id="grants-rows-table"
                caption="Grants by hub, programme and month"
                rows={report.rows}
                rowKey={(row) => `${row.hub.id}-${String(row.programme.id)}-${row.month}`}
                heading={{
                  label: "Programme",
                  text: (row) => `${row.programme.title} (${academicYearLabel(row.programme.academic_year)})`,
                }}
                columns={ROW_COLUMNS}
              />
            </>
          )}
          <CsvLink href={csvHref("grants", query)} what="grants by hub, programme and month" />
        </>
      )}
    </ReportPage>
  );
}
