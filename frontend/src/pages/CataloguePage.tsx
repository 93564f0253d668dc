import { Link, useSearchParams } from "react-router-dom";
import { ProblemError, type ProgrammeFilters } from "../api/client";
import { PAGE_SIZE, useAcademicYears, useHubs, useMe, useProgrammes } from "../api/queries";
import { isHubStaff } from "../auth";
import { ErrorSummary } from "../components/ErrorSummary";
import { FILTER_FIELDS, FilterForm } from "../components/FilterForm";
import { Layout } from "../components/Layout";
import { ProgrammeList } from "../components/ProgrammeList";
import { isKeyOf, phaseLabels, pluralise, stageLabels, statusLabels } from "../formatBasics";
import { useFocusOnResults } from "../useFocusOnResults";
import { usePageTitle } from "../usePageTitle";

/**
 * The URL's query string as API filters. Values outside an enum are dropped (the form
 * cannot show them); free text goes to the API as it is, which says what is wrong with it.
 */
function readFilters(search: URLSearchParams): ProgrammeFilters {
  const filters: ProgrammeFilters = {};
  const phase = search.get("phase");
  const stage = search.get("stage");
  const status = search.get("status");
  if (isKeyOf(phaseLabels, phase)) filters.phase = phase;
  if (isKeyOf(stageLabels, stage)) filters.stage = stage;
  if (isKeyOf(statusLabels, status)) filters.status = status;
  for (const name of ["academic_year", "hub", "q", "cursor"] as const) {
    const value = search.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

const FIELDS: Record<string, { id: string; label: string }> = {
  "/q": { id: "q", label: "Search" },
  "/cursor": { id: "programmes-count", label: "Page" },
  ...Object.fromEntries(FILTER_FIELDS.map(({ name, label }) => [`/${name}`, { id: name, label }])),
};

export function CataloguePage() {
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
  const programmes = useProgrammes(filters);
  const hubs = useHubs();
  const years = useAcademicYears();
  const me = useMe();
  const offerDrafts = isHubStaff(me.data);

  const failure = [programmes.error, hubs.error, years.error].find((error) => error !== null);
  const problem = failure instanceof ProblemError ? failure.problem : null;
  usePageTitle("Programmes", { error: problem !== null });

  const fieldErrors: Partial<Record<string, string>> = {};
  for (const error of programmes.error instanceof ProblemError ? (programmes.error.problem.errors ?? []) : []) {
    fieldErrors[error.pointer.replace(/^\//, "")] = error.detail;
  }

  // New filters or another page: once the list has loaded, move focus to its count, so the
  const countRef = useFocusOnResults(search.toString(), programmes.isFetching, programmes.isError);

  const applied = describeFilters(filters, {
    hub: hubs.data?.items.find((hub) => hub.id === filters.hub)?.name,
    year: years.data?.find((year) => year.id === filters.academic_year)?.label,
  });
  const page = programmes.data;
  const cursor = filters.cursor ?? null;
  const nextSearch = new URLSearchParams(search);
  if (page?.next_cursor) nextSearch.set("cursor", page.next_cursor);
  const firstSearch = new URLSearchParams(search);
  firstSearch.delete("cursor");

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
      <h1 className="govuk-heading-xl">Programmes</h1>
      <p className="govuk-body-l">
        Teaching for Mastery programmes that England&apos;s Maths Hubs offer to schools and teachers.
      </p>
      {offerDrafts && (
        <Link to="/programmes/new" className="govuk-button" data-module="govuk-button">
          Create a programme
        </Link>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <FilterForm
            // A new query string (back button, "Clear filters") resets the form to match it.
            key={search.toString()}
            filters={filters}
            hubs={hubs.data?.items ?? []}
            academicYears={years.data ?? []}
            errors={fieldErrors}
            offerDrafts={offerDrafts}
            onApply={(values) => {
              setSearch(values);
            }}
          />
        </div>
        <div className="govuk-grid-column-three-quarters">
          <h2 className="govuk-heading-m" id="programmes-count" ref={countRef} tabIndex={-1}>
            {page ? countText(page.items.length, cursor !== null, page.next_cursor !== null) : "Programmes"}
          </h2>
          <p className="govuk-body" role="status">
            {programmes.isPending && !programmes.isError
              ? "Loading programmes…"
              : applied.length > 0
                ? `Filters applied: ${applied.join(", ")}.`
                : "No filters applied: showing every programme."}
          </p>
          {page && page.items.length > 0 && <ProgrammeList programmes={page.items} />}
          {page && page.items.length === 0 && (
            <p className="govuk-body">
              No programmes match these filters. Try removing a filter, or{" "}
              <Link className="govuk-link" to="/programmes">
                see every programme
              </Link>
              .
            </p>
          )}
          {page && (page.next_cursor !== null || cursor !== null) && (
            <nav className="govuk-pagination govuk-pagination--block" aria-label="Pagination">
              {cursor !== null && (
                <div className="govuk-pagination__prev">
                  <Link className="govuk-link govuk-pagination__link" to={`?${firstSearch.toString()}`}>
                    <span className="govuk-pagination__link-title">First page</span>
                  </Link>
                </div>
              )}
              {page.next_cursor !== null && (
                <div className="govuk-pagination__next">
                  <Link className="govuk-link govuk-pagination__link" to={`?${nextSearch.toString()}`} rel="next">
                    <span className="govuk-pagination__link-title">Next page</span>
                  </Link>
                </div>
              )}
            </nav>
          )}
        </div>
      </div>
    </Layout>
  );
}

/**
 * "17 programmes". The API gives no total, so a list split into pages says how many are on
 * this page instead.
 */
function countText(count: number, laterPage: boolean, morePages: boolean): string {
  const programmes = pluralise(count, "programme");
  if (!laterPage && !morePages) return programmes;
  return `${programmes} on this page (${String(PAGE_SIZE)} a page)`;
}

function describeFilters(
  filters: ProgrammeFilters,
  names: { hub: string | undefined; year: string | undefined },
): string[] {
  const applied: string[] = [];
  if (filters.phase) applied.push(`phase: ${phaseLabels[filters.phase].toLowerCase()}`);
  if (filters.stage) applied.push(`stage: ${stageLabels[filters.stage].toLowerCase()}`);
  if (filters.academic_year) applied.push(`academic year: ${names.year ?? filters.academic_year}`);
  if (filters.hub) applied.push(`hub: ${names.hub ?? filters.hub}`);
  if (filters.status) applied.push(`status: ${statusLabels[filters.status].toLowerCase()}`);
  if (filters.q) applied.push(`search: “${filters.q}”`);
  return applied;
}
