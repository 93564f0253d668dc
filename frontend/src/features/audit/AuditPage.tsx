import { Link, useSearchParams } from "react-router-dom";
import { problemStatus, type AuditFilters } from "../../api/client";
import { useHubs, useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { pageLinks, Pagination } from "../../components/Pagination";
import { pluralise } from "../../format";
import { problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { usePageTitle } from "../../usePageTitle";
import { AUDIT_PAGE_SIZE, useAuditActors, useAuditEvents } from "./api";
import { AuditFilterForm } from "./AuditFilterForm";
import { AuditTable } from "./AuditTable";
import { actorWithRole, resourceTypeNoun } from "./wording";

const FIELDS = {
  "/resource_type": { id: "resource_type", label: "Kind of record" },
  "/actor": { id: "actor", label: "Who made the change" },
  "/cursor": { id: "audit-count", label: "Page" },
};

function readFilters(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of ["resource_type", "actor", "cursor"] as const) {
    const value = search.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** Who changed what, newest first: the hub's own changes, or every hub's for national administrators. */
export function AuditPage() {
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const filters = readFilters(search);
  const events = useAuditEvents(filters);
  const hubs = useHubs();
  const actors = useAuditActors();

  const problem = problemOf(events.error);
  usePageTitle("Audit log", { error: problem !== null });

  if (!me.data) return null; // RequireRole renders this page only for someone signed in.
  if (problemStatus(events.error) === 403) {
    return <ForbiddenPage me={me.data} audience="national and hub administrators" />;
  }

  const fieldErrors: Partial<Record<string, string>> = {};
  for (const error of problem?.errors ?? []) fieldErrors[error.pointer.replace(/^\//, "")] = error.detail;

  const page = events.data;
  const hubNames = new Map((hubs.data?.items ?? []).map((hub) => [hub.id, hub.name]));
  function whoIs(actor: string): string {
    const found = actors.data?.items.find((item) => item.actor === actor);
    return found ? actorWithRole(found.name, found.role) : actor;
  }
  const applied = [
    ...(filters.resource_type ? [`kind of record: ${resourceTypeNoun(filters.resource_type)}`] : []),
    ...(filters.actor ? [`who: ${whoIs(filters.actor)}`] : []),
  ];
  const whose = me.data.role === "national_admin" ? "every hub" : "your hub";

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
      <h1 className="govuk-heading-xl">Audit log</h1>
      <p className="govuk-body-l">Changes to {whose}&apos;s programmes, applications, groups, sessions, people, API keys and accounts, newest first.</p>
      <p className="govuk-body">
        To answer a subject access request or erase a person, go to{" "}
        <Link className="govuk-link" to="/admin/people">
          People
        </Link>
        .
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-quarter">
          <AuditFilterForm
            key={search.toString()}
            filters={filters}
            errors={fieldErrors}
            actors={actors.data?.items ?? []}
            myActor={`user:${String(me.data.id)}`}
            onApply={(values) => {
              setSearch(values);
            }}
          />
        </div>
        <div className="govuk-grid-column-three-quarters">
          <h2 className="govuk-heading-m" id="audit-count" tabIndex={-1}>
            {page ? changesCount(page.items.length, filters.cursor !== undefined || page.next_cursor !== null) : "Changes"}
          </h2>
          <p className="govuk-body" role="status">
            {events.isPending && !events.isError
              ? "Loading changes…"
              : applied.length > 0
                ? `Filters applied: ${applied.join(", ")}.`
                : "No filters applied: showing every change."}
          </p>
          {page && page.items.length > 0 && <AuditTable events={page.items} hubNames={hubNames} />}
          {page && page.items.length === 0 && <p className="govuk-body">No changes match these filters.</p>}
          {page && <Pagination {...pageLinks(search, page.next_cursor)} />}
        </div>
      </div>
    </Layout>
  );
}

function changesCount(count: number, paged: boolean): string {
  const changes = pluralise(count, "change");
  return paged ? `${changes} on this page (${String(AUDIT_PAGE_SIZE)} a page)` : changes;
}
