import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { problemStatus, type FieldError, type Problem } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import type { DatePart } from "../../dateInput";
import { checksProblem, problemOf } from "../../forms";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { usePageTitle } from "../../usePageTitle";
import { readProgramme, useUpdateProgramme, useVersionedProgramme, type VersionedProgramme } from "./api";
import {
  changedFields,
  draftFromProgramme,
  fieldsOf,
  inlineErrors,
  programmeIdParam,
  readDraft,
  runsHub,
  summaryFields,
  theirChanges,
  type ProgrammeDraft,
} from "./draft";
import { savedNews, withNews } from "./news";
import { ProgrammeForm } from "./ProgrammeForm";

/** `/programmes/:id/edit`: every field of a programme, saved with If-Match the version read. */
export function EditProgrammePage() {
  const id = programmeIdParam(useParams().id);
  const me = useMe();
  const query = useVersionedProgramme(id);
  const problem = problemOf(query.error);
  usePageTitle(query.data ? null : problem ? "Sorry, there is a problem" : "Change a programme", {
    error: problem !== null,
  });

  if (id === null || problem?.status === 404) return <NotFoundPage detail={problem?.detail ?? null} />;
  if (query.data && !runsHub(me.data, query.data.programme.hub.id)) {
    return <ForbiddenPage me={me.data ?? null} audience={`the staff of ${query.data.programme.hub.name}`} />;
  }
  return (
    <Layout
      beforeContent={
        <Link to={`/programmes/${String(id)}`} className="govuk-back-link">
          Back to the programme
        </Link>
      }
    >
      {problem && (
        <>
          <ErrorSummary problem={problem} />
          <h1 className="govuk-heading-l">Sorry, there is a problem</h1>
          <p className="govuk-body">We could not read this programme. Try again later.</p>
        </>
      )}
      {query.isPending && (
        <p className="govuk-body" role="status">
          Loading programme…
        </p>
      )}
      {/* The form keeps the version it started from: a later read does not reset it. */}
      {query.data && <EditProgramme key={query.data.programme.id} initial={query.data} />}
    </Layout>
  );
}

const STALE: Problem = {
  type: "about:blank",
  title: "Someone else changed this programme",
  status: 412,
  detail:
    "Someone else changed this programme since you opened it, so your changes are not saved yet. Their version is below.",
};

function EditProgramme({ initial }: { initial: VersionedProgramme }) {
  const navigate = useNavigate();
  const update = useUpdateProgramme();
  // The version the form started from, and the one someone else saved since (after a 412).
  const [base, setBase] = useState(initial);
  const [theirs, setTheirs] = useState<VersionedProgramme | null>(null);
  const [draft, setDraft] = useState<ProgrammeDraft>(() => draftFromProgramme(initial.programme));
  const [checks, setChecks] = useState<{ problem: Problem; dateParts: Record<string, DatePart[]> } | null>(null);
  const programme = base.programme;
  const path = `/programmes/${String(programme.id)}`;

  const failure = problemOf(update.error);
  const stale = theirs !== null;
  const problem = checks?.problem ?? (failure && failure.status !== 412 ? failure : null);
  const errors: FieldError[] = problem?.errors ?? [];
  usePageTitle(`Change ${programme.title}`, { error: problem !== null || stale });

  function save() {
    const reading = readDraft(draft);
    const found = checksProblem(reading.errors);
    if (found) {
      setChecks({ problem: found, dateParts: reading.dateParts });
      return;
    }
    setChecks(null);
    // Only what this person changed from the version they read: after a 412, that goes over
    // the other person's version, whose other changes stay.
    const body = changedFields(fieldsOf(programme), reading.fields);
    if (Object.keys(body).length === 0) {
      void navigate(path);
      return;
    }
    update.mutate(
      { id: programme.id, etag: (theirs ?? base).etag, body },
      {
        onSuccess: (saved) => {
          void navigate(path, { state: withNews(savedNews(saved.programme.title)) });
        },
        onError: (error) => {
          if (problemStatus(error) !== 412) return;
          void readProgramme(programme.id).then(setTheirs, () => {
            setChecks({
              problem: { ...STALE, detail: "Someone else changed this programme. Reload the page to see their version." },
              dateParts: {},
            });
          });
        },
      },
    );
  }

  function startFromTheirs() {
    if (!theirs) return;
    setBase(theirs);
    setDraft(draftFromProgramme(theirs.programme));
    setTheirs(null);
    setChecks(null);
    update.reset();
  }

  const changes = theirs ? theirChanges(programme, theirs.programme) : [];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} fields={summaryFields(errors)} />}
        {!problem && theirs && (
          <ErrorSummary problem={STALE}>
            <p className="govuk-body">
              <a className="govuk-link" href="#their-version">
                See what they changed
              </a>
            </p>
          </ErrorSummary>
        )}
        <span className="govuk-caption-l">{programme.hub.name}</span>
        <h1 className="govuk-heading-xl">Change {programme.title}</h1>

        {theirs && (
          <section className="app-panel" aria-labelledby="their-version" id="their-version-section">
            <h2 className="govuk-heading-m" id="their-version" tabIndex={-1}>
              Their version
            </h2>
            {changes.length > 0 ? (
              <dl className="govuk-summary-list">
                {changes.map((change) => (
                  <div className="govuk-summary-list__row" key={change.label}>
                    <dt className="govuk-summary-list__key">{change.label}</dt>
                    <dd className="govuk-summary-list__value app-pre-line">{change.value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              <p className="govuk-body">They changed nothing the form shows.</p>
            )}
            <p className="govuk-body">
              Your changes are still in the form below. Save them again to put them over their version: what they
              changed and you did not stays as they left it.
            </p>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={startFromTheirs}>
              Discard my changes and start from their version
            </button>
          </section>
        )}

        <ProgrammeForm
          draft={draft}
          setDraft={setDraft}
          errors={inlineErrors(errors)}
          dateParts={checks?.dateParts ?? {}}
          submitLabel={stale ? "Save my changes over theirs" : "Save changes"}
          submitting={update.isPending}
          onSubmit={save}
        />
      </div>
    </div>
  );
}
