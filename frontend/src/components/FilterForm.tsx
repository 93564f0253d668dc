import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { AcademicYear, Hub, ProgrammeFilters } from "../api/client";
import { phaseLabels, stageLabels, statusLabels } from "../formatBasics";

type Option = { value: string; label: string };

type Props = {
  filters: ProgrammeFilters;
  hubs: Hub[];
  academicYears: AcademicYear[];
  /** Called with the chosen filters (empty ones left out) when the form is submitted. */
  onApply: (values: URLSearchParams) => void;
  /** The API's word on each bad field, by query parameter name (which is also the field's id). */
  errors: Partial<Record<string, string>>;
  /** Offer "Draft" as a status: only those who run a hub can see drafts (their own hub's). */
  offerDrafts: boolean;
};

/** The catalogue's filters, keyed by query parameter name, in the order shown. */
export const FILTER_FIELDS = [
  { name: "phase", label: "Phase", any: "All phases" },
  { name: "stage", label: "Stage", any: "All stages" },
  { name: "academic_year", label: "Academic year", any: "All years" },
  { name: "hub", label: "Maths Hub", any: "All hubs" },
  { name: "status", label: "Status", any: "Any status" },
] as const;

function options(labels: Record<string, string>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

function FieldError({ name, detail }: { name: string; detail: string | undefined }) {
  if (!detail) return null;
  return (
    <p className="govuk-error-message" id={`${name}-error`}>
      <span className="govuk-visually-hidden">Error:</span> {detail}
    </p>
  );
}

/**
 * A GET form, so it also works as a plain link target: submitting writes the filters to
 * the URL's query string (the page reads them back from there), so a filtered list
 * survives a reload and can be shared.
 */
export function FilterForm({ filters, hubs, academicYears, onApply, errors, offerDrafts }: Props) {
  const choices: Record<(typeof FILTER_FIELDS)[number]["name"], Option[]> = {
    phase: options(phaseLabels),
    stage: options(stageLabels),
    academic_year: academicYears.map((year) => ({ value: year.id, label: year.label })),
    hub: hubs.map((hub) => ({ value: hub.id, label: hub.name })),
    status: options(statusLabels).filter((option) => offerDrafts || option.value !== "draft"),
  };

  // The selects are controlled: hubs, years and "Draft" arrive after the first render, and
  // an uncontrolled select would lose a value from the URL whose option was not there yet.
  const [chosen, setChosen] = useState<Record<string, string>>(() =>
    Object.fromEntries(FILTER_FIELDS.map(({ name }) => [name, filters[name] ?? ""])),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") values.set(name, value.trim());
    }
    onApply(values);
  }

  return (
    <form method="get" action="/programmes" onSubmit={submit} noValidate>
      <h2 className="govuk-heading-m">Filter programmes</h2>
      <div className={`govuk-form-group${errors.q ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--s" htmlFor="q">
          Search
        </label>
        <div className="govuk-hint" id="q-hint">
          Words in the title, summary or code
        </div>
        <FieldError name="q" detail={errors.q} />
        <input
          className={`govuk-input${errors.q ? " govuk-input--error" : ""}`}
          id="q"
          name="q"
          type="search"
          aria-describedby={errors.q ? "q-hint q-error" : "q-hint"}
          defaultValue={filters.q ?? ""}
          spellCheck={false}
        />
      </div>
      {FILTER_FIELDS.map(({ name, label, any }) => {
        const current = chosen[name] ?? "";
        const list = choices[name];
        // Keep a value from the URL that the lists do not know, so the form shows what is applied.
        const known = current === "" || list.some((option) => option.value === current);
        const error = errors[name];
        return (
          <div key={name} className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor={name}>
              {label}
            </label>
            <FieldError name={name} detail={error} />
            <select
              className={`govuk-select govuk-!-width-full${error ? " govuk-select--error" : ""}`}
              id={name}
              name={name}
              value={current}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setChosen((before) => ({ ...before, [name]: value }));
              }}
              aria-describedby={error ? `${name}-error` : undefined}
            >
              <option value="">{any}</option>
              {!known && <option value={current}>{current}</option>}
              {list.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Apply filters
        </button>
        <Link className="govuk-link" to="/programmes">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
