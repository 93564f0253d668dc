import { Link, useSearchParams } from "react-router-dom";
import { problemStatus, type SchoolFilters } from "../api/client";
import { useHubs, useMe } from "../api/queries";
import { SCHOOL_PAGE_SIZE, useSchools } from "../api/schools";
import { ErrorSummary } from "../components/ErrorSummary";
import { Layout } from "../components/Layout";
import { pageLinks, Pagination } from "../components/Pagination";
import { SCHOOL_FILTER_FIELDS, SchoolFilterForm } from "../components/schools/SchoolFilterForm";
import { SchoolTable } from "../components/schools/SchoolTable";
import { pluralise } from "../format";
import { problemOf } from "../forms";
import { useFocusOnResults } from "../useFocusOnResults";
import { usePageTitle } from "../usePageTitle";
import { ForbiddenPage } from "./ForbiddenPage";

const TEXT_FILTERS = ["q", "town", "local_authority", "phase", "status", "hub", "cursor"] as const;

/** The URL's query string as the API's filters; "state_funded" only when it is true or false. */
export function readSchoolFilters(search: URLSearchParams): SchoolFilters {
  const filters: SchoolFilters = {};
  for (const name of TEXT_FILTERS) {
    const value = search.get(name)?.trim();
    if (value) filters[name] = value;
  }
  const stateFunded = search.get("state_funded");
  if (stateFunded === "true") filters.state_funded = true;
  if (stateFunded === "false") filters.state_funded = false;
  return filters;
}

/** "search: “Bede”", "state-funded: yes", … for the sentence above the results. */
export function describeSchoolFilters(filters: SchoolFilters, hubName: string | undefined): string[] {
  const applied: string[] = [];
  if (filters.q) applied.push(`search: “${filters.q}”`);
  if (filters.town) applied.push(`town: ${filters.town}`);
  if (filters.local_authority) applied.push(`local authority: ${filters.local_authority}`);
  if (filters.phase) applied.push(`phase: ${filters.phase}`);
  if (filters.state_funded !== undefined && filters.state_funded !== null) {
    applied.push(`state-funded: ${filters.state_funded ? "yes" : "no"}`);
  }
  if (filters.status) applied.push(`status: ${filters.status}`);
  if (filters.hub) applied.push(`hub: ${hubName ?? filters.hub}`);
  return applied;
}

/** Search the register of schools (GIAS) and open a school's page. For signed-in people. */
export function SchoolsPage() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const filters = readSchoolFilters(search);
  const schools = useSchools(filters);
  const hubs = useHubs();

  const problem = problemOf(schools.error);
  usePageTitle("Schools", { error: problem !== null });

  // A new search or another page: once the list has loaded, move focus to its count, so the
  const searchKey = search.toString();
  const countRef = useFocusOnResults(searchKey, schools.isFetching, schools.isError);

  if (problemStatus(schools.error) === 403) {
    return <ForbiddenPage me={me.data ?? null} audience="hub staff and school contacts" />;
  }

  const fieldErrors: Partial<Record<string, string>> = {};
  for (const error of problem?.errors ?? []) fieldErrors[error.pointer.replace(/^\//, "")] ??= error.detail;

  const hubList = hubs.data?.items ?? [];
  const applied = describeSchoolFilters(filters, hubList.find((hub) => hub.id === filters.hub)?.name);
  const page = schools.data;
  const paged = filters.cursor !== undefined || (page?.next_cursor ?? null) !== null;

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={{ ...SCHOOL_FILTER_FIELDS, "/cursor": { id: "schools-count", label: "Page" } }} />}
      <h1 className="govuk-heading-xl">Schools</h1>
      <p className="govuk-body-l">
        Find a school in the register of schools in England, and see its Teaching for Mastery journey.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <SchoolFilterForm
            // A new query string (back button, "Clear search") rebuilds the form to match it.
            key={searchKey}
            filters={filters}
            hubs={hubList}
            errors={fieldErrors}
            onApply={(values) => {
              setSearch(values);
            }}
          />
        </div>
        <div className="govuk-grid-column-three-quarters">
          <h2 className="govuk-heading-m" id="schools-count" ref={countRef} tabIndex={-1}>
            {page ? schoolsCount(page.items.length, paged) : "Schools"}
          </h2>
          <p className="govuk-body" role="status">
            {schools.isPending && !schools.isError
              ? "Loading schools…"
              : applied.length > 0
                ? `Filters applied: ${applied.join(", ")}.`
                : "No filters applied: showing every school in the register."}
          </p>
          {page && page.items.length > 0 && <SchoolTable schools={page.items} />}
          {page && page.items.length === 0 && (
            <p className="govuk-body">
              No schools match this search. Check the spelling, try fewer words, or{" "}
              <Link className="govuk-link" to="/schools">
                clear the search
              </Link>
              .
            </p>
          )}
          {page && <Pagination {...pageLinks(search, page.next_cursor)} />}
        </div>
      </div>
    </Layout>
  );
}

/** "3 schools". The API gives no total, so a list in pages says how many are on this page. */
function schoolsCount(count: number, paged: boolean): string {
  const schools = pluralise(count, "school");
  return paged ? `${schools} on this page (${String(SCHOOL_PAGE_SIZE)} a page)` : schools;
}
