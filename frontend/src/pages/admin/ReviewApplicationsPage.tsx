import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import {
  applicationsCsvUrl,
  useApplicationCounts,
  useApplications,
  useBulkDecision,
  useLocalAuthorities,
  type ApplicationFilters,
  type DecisionKind,
} from "../../api/applications";
import type { Problem, Programme } from "../../api/client";
import { ApplicationCountCells } from "../../features/applications/ApplicationCountCells";
import { useMe, useProgramme, useProgrammes } from "../../api/queries";
import { applicationStatusLabels, decisionActions, decisionReport, type DecisionReport } from "../../applications";
import { DecisionBanner } from "../../components/applications/DecisionBanner";
import { ReviewFilters, type ReviewFilterValues } from "../../components/applications/ReviewFilters";
import { ReviewTable } from "../../components/applications/ReviewTable";
import { ErrorSummary } from "../../components/ErrorSummary";
import { FormGroupFromSelection } from "../../features/workGroups/FormGroupFromSelection";
import { Layout } from "../../components/Layout";
import { pageLinks, Pagination } from "../../components/Pagination";
import { StatusTag } from "../../components/StatusTag";
import { academicYearLabel, isKeyOf, pluralise } from "../../format";
import { bodyError, checksProblem, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

/** Applications per page of the review list (the API's largest page). */
const REVIEW_PAGE_SIZE = 200;

function programmeParam(raw: string | null): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

/** The filters in the URL, keeping only values the API would take. */
function readFilters(search: URLSearchParams): ReviewFilterValues {
  const status = search.get("status");
  const la = search.get("local_authority");
  const eligible = search.get("eligible");
  return {
    status: isKeyOf(applicationStatusLabels, status) ? status : null,
    localAuthority: la && /^\d{3}$/.test(la) ? la : null,
    eligible: eligible === "yes" ? true : eligible === "no" ? false : null,
  };
}

/** Hub staff: a programme's applications in priority order, filtered, with bulk decisions. */
export function ReviewApplicationsPage() {
  const [search] = useSearchParams();
  const programmeId = programmeParam(search.get("programme"));
  if (programmeId === null) return <ChooseProgramme />;
  // Keyed by programme, so that another programme starts with nothing selected.
  return <Review key={programmeId} programmeId={programmeId} />;
}

/** With no programme chosen: the hub's programmes, each a link to its review list. */
function ChooseProgramme() {
  const me = useMe();
  const programmes = useProgrammes({ limit: 200, ...(me.data?.hub_id ? { hub: me.data.hub_id } : {}) });
  const national = me.data?.role === "national_admin";
  const counts = useApplicationCounts({ enabled: me.data !== undefined });
  const byProgramme = new Map((counts.data?.items ?? []).map((count) => [count.programme_id, count]));
  const problem = problemOf(programmes.error);
  usePageTitle("Review applications", { error: problem !== null });
  const items = [...(programmes.data?.items ?? [])]
    .filter((programme) => programme.status !== "draft")
    .sort((a, b) => b.academic_year.localeCompare(a.academic_year) || a.title.localeCompare(b.title));
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-xl">Review applications</h1>
      <p className="govuk-body">Choose a programme to review its applications.</p>
      {programmes.isPending && (
        <p className="govuk-body" role="status">
          Loading programmes…
        </p>
      )}
      {items.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            {pluralise(items.length, "programme")}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Programme
              </th>
              {national && (
                <th scope="col" className="govuk-table__header">
                  Maths Hub
                </th>
              )}
              <th scope="col" className="govuk-table__header">
                Academic year
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Submitted
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Places filled
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Waiting list
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {items.map((programme) => (
              <tr className="govuk-table__row" key={programme.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`?programme=${String(programme.id)}`}>
                    {programme.title}
                  </Link>
                </td>
                {national && <td className="govuk-table__cell">{programme.hub.name}</td>}
                <td className="govuk-table__cell">{programme.academic_year_label}</td>
                <td className="govuk-table__cell">
                  <StatusTag status={programme.status} />
                </td>
                <ApplicationCountCells count={byProgramme.get(programme.id)} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** "Status: Submitted; local authority: Darlington; eligible now: yes", or null for none. */
function filtersSaid(filters: ReviewFilterValues, laNames: Map<string, string>): string | null {
  const said: string[] = [];
  if (filters.status) said.push(`status: ${applicationStatusLabels[filters.status]}`);
  if (filters.localAuthority) said.push(`local authority: ${laNames.get(filters.localAuthority) ?? filters.localAuthority}`);
  if (filters.eligible !== null) said.push(`eligible now: ${filters.eligible ? "yes" : "no"}`);
  return said.length > 0 ? said.join("; ") : null;
}

const DECISIONS: DecisionKind[] = ["shortlisted", "selected", "waitlisted", "not_selected"];
const BUTTON_STYLES: Record<DecisionKind, string> = {
  shortlisted: " govuk-button--secondary",
  selected: "",
  waitlisted: " govuk-button--secondary",
  not_selected: " govuk-button--warning",
};

function Review({ programmeId }: { programmeId: number }) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const filters = readFilters(search);
  const cursor = search.get("cursor");
  const query: ApplicationFilters = {
    programme: programmeId,
    sort: "priority",
    limit: REVIEW_PAGE_SIZE,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.localAuthority ? { local_authority: filters.localAuthority } : {}),
    ...(filters.eligible !== null ? { eligible: filters.eligible } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const list = useApplications(query);
  const programme = useProgramme(programmeId);
  const localAuthorities = useLocalAuthorities(programme.data?.hub.id ?? null);
  const bulk = useBulkDecision();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [note, setNote] = useState("");
  const [checks, setChecks] = useState<Problem | null>(null);
  const [report, setReport] = useState<{ report: DecisionReport; at: number } | null>(null);

  const problem = checks ?? problemOf(bulk.error) ?? problemOf(list.error) ?? problemOf(programme.error);
  usePageTitle("Review applications", { error: problem !== null });

  const applications = list.data?.items ?? [];
  const laNames = new Map((localAuthorities.data?.local_authorities ?? []).map((la) => [la.code, la.name]));
  const said = filtersSaid(filters, laNames);
  const paged = cursor !== null || Boolean(list.data?.next_cursor);

  function toggle(id: number) {
    setSelected((before) => {
      const after = new Set(before);
      if (after.has(id)) after.delete(id);
      else after.add(id);
      return after;
    });
  }

  function decideSelected(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (bulk.isPending) return;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const decision = DECISIONS.find((kind) => submitter instanceof HTMLButtonElement && submitter.value === kind);
    if (!decision) return;
    const chosen = applications.filter((application) => selected.has(application.id));
    const found = checksProblem(
      chosen.length === 0 ? [bodyError("/applications", "Select the applications to decide on")] : [],
    );
    setChecks(found);
    if (found) return;
    bulk.mutate(
      { applications: chosen, decision, note: note.trim() === "" ? null : note.trim() },
      {
        onSuccess: (outcomes) => {
          setReport({ report: decisionReport(decision, outcomes), at: Date.now() });
          setSelected(new Set());
          setNote("");
        },
      },
    );
  }

  return (
    <Layout
      beforeContent={
        <Link to={`/programmes/${String(programmeId)}`} className="govuk-back-link">
          Back to the programme
        </Link>
      }
    >
      {problem && (
        <ErrorSummary problem={problem} fields={{ "/applications": { id: applications[0] ? "select-all" : "note" } }} />
      )}
      {report && <DecisionBanner key={report.at} report={report.report} />}
      {programme.data && <Caption programme={programme.data} />}
      <h1 className="govuk-heading-xl">Review applications</h1>
      <p className="govuk-body">
        <a className="govuk-link" href={applicationsCsvUrl(programmeId)} download>
          Download as CSV
        </a>{" "}
        (every application to this programme, in priority order)
      </p>
      <ReviewFilters
        key={search.toString()}
        programmeId={programmeId}
        filters={filters}
        localAuthorities={localAuthorities.data?.local_authorities ?? []}
        onApply={(values) => {
          setSelected(new Set());
          void navigate(`?${values.toString()}`);
        }}
      />

      <p className="govuk-body govuk-!-font-weight-bold" id="review-count" role="status">
        {list.isPending
          ? "Loading applications…"
          : `${pluralise(applications.length, "application")}${paged ? " on this page" : ""}, in priority order${said ? `, ${said}` : ""}`}
      </p>

      {applications.length > 0 && (
        <form method="post" onSubmit={decideSelected} noValidate>
          <ReviewTable
            applications={applications}
            selected={selected}
            onToggle={toggle}
            onToggleAll={(all) => {
              setSelected(all ? new Set(applications.map((application) => application.id)) : new Set());
            }}
            captionId="review-count"
          />
          <fieldset className="govuk-fieldset" aria-describedby="decide-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              Decide on the selected applications
            </legend>
            <div className="govuk-hint" id="decide-hint">
              {pluralise(selected.size, "application")} selected. Each school is emailed the decision, with your note.
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="note">
                Note to the schools (optional)
              </label>
              <textarea
                className="govuk-textarea"
                id="note"
                name="note"
                rows={3}
                maxLength={2000}
                value={note}
                onChange={(event) => {
                  setNote(event.target.value);
                }}
              />
            </div>
            <div className="govuk-button-group">
              {DECISIONS.map((decision) => (
                <button
                  key={decision}
                  type="submit"
                  name="decision"
                  value={decision}
                  className={`govuk-button${BUTTON_STYLES[decision]}`}
                >
                  {decisionActions[decision].button}
                </button>
              ))}
            </div>
          </fieldset>
        </form>
      )}
      {list.data && <Pagination {...pageLinks(search, list.data.next_cursor)} />}
      {programme.data && <FormGroupFromSelection programme={programme.data} />}
    </Layout>
  );
}

function Caption({ programme }: { programme: Programme }) {
  return (
    <span className="govuk-caption-l">
      {programme.title}, {academicYearLabel(programme.academic_year)}, {programme.hub.name}
    </span>
  );
}
