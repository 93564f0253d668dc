import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import type { FieldError, Me, Problem, ProgrammeType } from "../../api/client";
import { useHubs, useMe } from "../../api/queries";
import { todayInLondon } from "../../calendar";
import { Radios } from "../../components/applications/Radios";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select } from "../../components/form/Select";
import { Layout } from "../../components/Layout";
import type { DatePart } from "../../dateInput";
import { bodyError, checksProblem, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useCreateProgramme, useProgrammeTypes, type ProgrammeTypeDefaults } from "./api";
import {
  academicYearChoices,
  defaultAcademicYear,
  draftFromDefaults,
  inlineErrors,
  programmeTypeChoices,
  readDraft,
  ruleWords,
  summaryFields,
  type ProgrammeDraft,
} from "./draft";
import { createdNews, withNews } from "./news";
import { ProgrammeForm } from "./ProgrammeForm";

/**
 * `/programmes/new`: first the kind of programme (one question), then the whole programme,
 * starting from that kind's defaults (`?type=primary_development`).
 */
export function CreateProgrammePage() {
  const [search, setSearch] = useSearchParams();
  const types = useProgrammeTypes();
  const kind = types.data?.find((item) => item.id === search.get("type"));
  const problem = problemOf(types.error);
  // Once the kinds are here, the step shown sets the title.
  usePageTitle(types.data ? null : problem ? "Sorry, there is a problem" : "Create a programme", {
    error: problem !== null,
  });

  return (
    <Layout
      beforeContent={
        <Link to={kind ? "/programmes/new" : "/programmes"} className="govuk-back-link">
          Back
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} />}
      {types.isPending && (
        <p className="govuk-body" role="status">
          Loading the kinds of programme…
        </p>
      )}
      {types.data && !kind && (
        <ChooseKind
          types={types.data}
          onChoose={(chosen) => {
            setSearch({ type: chosen });
          }}
        />
      )}
      {/* Keyed by kind: another kind starts a fresh form from its own defaults. */}
      {kind && <NewProgramme key={kind.id} kind={kind} />}
    </Layout>
  );
}

function ChooseKind({ types, onChoose }: { types: ProgrammeTypeDefaults[]; onChoose: (kind: ProgrammeType) => void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  usePageTitle("What kind of programme is it?", { error: problem !== null });
  const choices = programmeTypeChoices(types);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = choices.find((choice) => choice.value === chosen);
    if (!found) {
      setProblem(checksProblem([bodyError("/programme_type", "Select the kind of programme")]));
      return;
    }
    onChoose(found.value);
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} fields={{ "/programme_type": { id: "programme_type" } }} />}
        <h1 className="govuk-heading-xl">Create a programme</h1>
        <form onSubmit={submit} noValidate>
          <Radios
            name="programme_type"
            legend="What kind of programme is it?"
            hint="The new programme starts from what the documents say for its kind: who may apply, what they commit to, the sessions and the funding. You can change any of it."
            options={choices.map(({ value, label, hint }) => ({ value, label: `${label} (${hint})` }))}
            value={chosen}
            onChange={setChosen}
            error={problem?.errors?.[0]?.detail}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Continue
          </button>
        </form>
      </div>
    </div>
  );
}

function hubOf(me: Me | null | undefined): string {
  return me?.role === "hub_admin" ? (me.hub_id ?? "") : "";
}

function NewProgramme({ kind }: { kind: ProgrammeTypeDefaults }) {
  const me = useMe();
  const national = me.data?.role === "national_admin";
  const hubs = useHubs();
  const navigate = useNavigate();
  const create = useCreateProgramme();
  const today = todayInLondon(new Date());
  const [draft, setDraft] = useState<ProgrammeDraft>(() => draftFromDefaults(kind));
  const [year, setYear] = useState(() => defaultAcademicYear(today));
  const [hub, setHub] = useState(() => hubOf(me.data));
  const [checks, setChecks] = useState<{ problem: Problem; dateParts: Record<string, DatePart[]> } | null>(null);

  const problem = checks?.problem ?? problemOf(create.error);
  const errors: FieldError[] = problem?.errors ?? [];
  usePageTitle(`Create a ${kind.label} programme`, { error: problem !== null });
  const hubName = hubs.data?.items.find((item) => item.id === hub)?.name ?? hub;

  function submit() {
    const reading = readDraft(draft);
    const own = [...reading.errors];
    if (hub === "") own.unshift(bodyError("/hub_id", "Select the Maths Hub that offers the programme"));
    const found = checksProblem(own);
    if (found) {
      setChecks({ problem: found, dateParts: reading.dateParts });
      return;
    }
    setChecks(null);
    create.mutate(
      { ...reading.fields, hub_id: hub, academic_year: year, programme_type: kind.id },
      {
        onSuccess: ({ programme }) => {
          void navigate(`/programmes/${String(programme.id)}`, { state: withNews(createdNews(programme.title)) });
        },
      },
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {problem && <ErrorSummary problem={problem} fields={summaryFields(errors)} />}
        <span className="govuk-caption-l">{kind.label}</span>
        <h1 className="govuk-heading-xl">Create a programme</h1>
        <p className="govuk-body">
          The form starts from what the documents say for {kind.label}. Write your hub&apos;s own offer: schools see
          it once you publish it.
        </p>
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Who may apply: the rules of {kind.label}</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list govuk-list--bullet">
              {kind.eligibility_rules.map((rule, index) => (
                <li key={index}>{ruleWords(rule)}</li>
              ))}
            </ul>
            <p className="govuk-body">The closing date you set below is also checked.</p>
          </div>
        </details>
        <ProgrammeForm
          draft={draft}
          setDraft={setDraft}
          errors={inlineErrors(errors)}
          dateParts={checks?.dateParts ?? {}}
          kind={kind}
          submitLabel="Save as a draft"
          submitting={create.isPending}
          onSubmit={submit}
        >
          <h2 className="govuk-heading-m">Where and when</h2>
          {national ? (
            <Select
              id="hub_id"
              label="Maths Hub"
              empty="Select a Maths Hub"
              options={(hubs.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
              error={inlineErrors(errors)["/hub_id"]}
              value={hub}
              onChange={(event) => {
                setHub(event.target.value);
              }}
            />
          ) : (
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Maths Hub</dt>
                <dd className="govuk-summary-list__value">{hubName}</dd>
              </div>
            </dl>
          )}
          <Select
            id="academic_year"
            label="Academic year"
            options={academicYearChoices(today)}
            error={inlineErrors(errors)["/academic_year"]}
            value={year}
            onChange={(event) => {
              setYear(event.target.value);
            }}
          />
        </ProgrammeForm>
      </div>
    </div>
  );
}
