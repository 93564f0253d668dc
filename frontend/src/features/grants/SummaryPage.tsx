import { useState, type FormEvent } from "react";
import { useSearchParams } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useAcademicYears, useHubs, useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select } from "../../components/form/Select";
import { Layout } from "../../components/Layout";
import { academicYearLabel } from "../../format";
import { problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { usePageTitle } from "../../usePageTitle";
import { useGrantSummary, type GrantFigures, type SummaryFilters } from "./api";
import { GrantsNav } from "./GrantsNav";
import { formatPounds } from "./money";
import { SUMMARY_PATH } from "./paths";

const FIGURES: { key: keyof GrantFigures; label: string }[] = [
  { key: "committed", label: "Committed" },
  { key: "claimed", label: "Claimed" },
  { key: "paid", label: "Paid" },
  { key: "clawed_back", label: "Clawed back" },
];

/** The filters in the URL, as the API's query. */
export function readSummaryFilters(search: URLSearchParams): SummaryFilters {
  const filters: SummaryFilters = {};
  const year = search.get("academic_year");
  const hub = search.get("hub");
  if (year) filters.academic_year = year;
  if (hub) filters.hub = hub;
  return filters;
}

function FigureCells({ figures, strong = false }: { figures: GrantFigures; strong?: boolean }) {
  return (
    <>
      {FIGURES.map(({ key }) => (
        <td className="govuk-table__cell govuk-table__cell--numeric app-nowrap" key={key}>
          {strong ? <strong>{formatPounds(figures[key])}</strong> : formatPounds(figures[key])}
        </td>
      ))}
    </>
  );
}

/**
 * What grants have committed, what schools have claimed, what was paid and what came back, by
 * hub and programme: every hub for national administrators, their own for hub staff.
 */
export function SummaryPage() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const filters = readSummaryFilters(search);
  const summary = useGrantSummary(filters);
  const years = useAcademicYears();
  const hubs = useHubs();
  const national = me.data?.role === "national_admin";
  const problem = problemOf(summary.error);
  usePageTitle("Grants committed and paid", { error: problem !== null });
  // Controlled: the years and hubs arrive after the first render.
  const [chosen, setChosen] = useState({ academic_year: filters.academic_year ?? "", hub: filters.hub ?? "" });

  if (problemStatus(summary.error) === 403) {
    return <ForbiddenPage me={me.data ?? null} audience="national and hub administrators" />;
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = new URLSearchParams();
    if (chosen.academic_year) values.set("academic_year", chosen.academic_year);
    if (national && chosen.hub) values.set("hub", chosen.hub);
    setSearch(values);
  }

  const data = summary.data;
  const hubName = (hubs.data?.items ?? []).find((hub) => hub.id === data?.hub)?.name;
  const scope = [
    data?.academic_year ? academicYearLabel(data.academic_year) : "every year",
    data?.hub ? (hubName ?? data.hub) : "every hub you can see",
  ];
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={{ "/academic_year": { id: "academic_year" }, "/hub": { id: "hub" } }} />}
      <h1 className="govuk-heading-xl">Grants committed and paid</h1>
      <GrantsNav />
      <p className="govuk-body">
        Committed is what schools&apos; grants promise (a fixed grant&apos;s amount, matched funding&apos;s most). Claimed is
        what live claims ask for; paid is what paid statements paid, clawed back what came back since.
      </p>
      <form method="get" action={SUMMARY_PATH} onSubmit={apply} noValidate>
        <Select
          id="academic_year"
          label="Academic year"
          empty="Every year"
          options={(years.data ?? []).map((year) => ({ value: year.id, label: year.label }))}
          value={chosen.academic_year}
          onChange={(event) => {
            setChosen({ ...chosen, academic_year: event.target.value });
          }}
        />
        {national && (
          <Select
            id="hub"
            label="Maths Hub"
            empty="Every hub"
            options={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
            value={chosen.hub}
            onChange={(event) => {
              setChosen({ ...chosen, hub: event.target.value });
            }}
          />
        )}
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show figures
        </button>
      </form>
      <p className="govuk-body" role="status">
        {summary.isPending && !summary.isError ? "Loading the figures…" : `Showing ${scope.join(", ")}.`}
      </p>
      {data && data.rows.length === 0 && <p className="govuk-body">No grants are committed here yet.</p>}
      {data && data.rows.length > 0 && (
        <div className="app-table-wrapper" role="region" aria-labelledby="summary-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m" id="summary-caption">
              Grants by hub and programme
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Maths Hub
                </th>
                <th scope="col" className="govuk-table__header">
                  Programme
                </th>
                {FIGURES.map(({ key, label }) => (
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={key}>
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.rows.map((row) => (
                <tr className="govuk-table__row" key={`${row.hub.id}-${String(row.programme.id)}`}>
                  <td className="govuk-table__cell">{row.hub.name}</td>
                  <th scope="row" className="govuk-table__header">
                    {row.programme.title} ({row.programme.academic_year_label})
                  </th>
                  <FigureCells figures={row} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="govuk-table__row">
                <th scope="row" colSpan={2} className="govuk-table__header">
                  Total
                </th>
                <FigureCells figures={data.totals} strong />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Layout>
  );
}
