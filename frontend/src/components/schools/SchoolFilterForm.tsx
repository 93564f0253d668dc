import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Hub, SchoolFilters } from "../../api/client";
import { describedBy, ErrorMessage } from "../form/ErrorMessage";
import { TextInput } from "../form/TextInput";

/** GIAS's phases of education, as the register writes them (the API matches them in any case). */
export const GIAS_PHASES = [
  "Nursery",
  "Primary",
  "Middle deemed primary",
  "Middle deemed secondary",
  "Secondary",
  "16 plus",
  "All-through",
  "Not applicable",
] as const;

/** GIAS's establishment statuses. */
export const GIAS_STATUSES = ["Open", "Open, but proposed to close", "Proposed to open", "Closed"] as const;

/** The search's fields by query parameter name (also each field's id), for the error summary. */
export const SCHOOL_FILTER_FIELDS: Record<string, { id: string; label: string }> = {
  "/q": { id: "q", label: "School name, URN or postcode" },
  "/town": { id: "town", label: "Town" },
  "/local_authority": { id: "local_authority", label: "Local authority" },
  "/phase": { id: "phase", label: "Phase of education" },
  "/state_funded": { id: "state_funded", label: "State-funded" },
  "/status": { id: "status", label: "Status" },
  "/hub": { id: "hub", label: "Maths Hub" },
};

type Props = {
  filters: SchoolFilters;
  hubs: Hub[];
  /** The API's word on each bad field, by query parameter name. */
  errors: Partial<Record<string, string>>;
  onApply: (values: URLSearchParams) => void;
};

function Select({
  id,
  label,
  any,
  value,
  options,
  error,
}: {
  id: string;
  label: string;
  any: string;
  value: string;
  options: readonly { value: string; label: string }[];
  error: string | undefined;
}) {
  // Controlled: the hubs arrive after the first render, and an uncontrolled select would
  // lose a value from the URL whose option was not there yet.
  const [chosen, setChosen] = useState(value);
  // The API matches in any case: show "primary" from the URL as the list's "Primary".
  const current = options.find((option) => option.value.toLowerCase() === chosen.toLowerCase())?.value ?? chosen;
  // Keep a value from the URL that the list does not know, so the form shows what is applied.
  const known = current === "" || options.some((option) => option.value === current);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
      <select
        className={`govuk-select govuk-!-width-full${error ? " govuk-select--error" : ""}`}
        id={id}
        name={id}
        value={current}
        onChange={(event) => {
          setChosen(event.currentTarget.value);
        }}
        aria-describedby={describedBy(error && `${id}-error`)}
      >
        <option value="">{any}</option>
        {!known && <option value={current}>{current}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

const STATE_FUNDED_CHOICES = [
  { value: "", label: "Either" },
  { value: "true", label: "Yes" },
  { value: "false", label: "No" },
] as const;

/**
 * Search the register. Like the catalogue's filters, submitting writes the search to the
 * URL's query string, which the page reads back, so a search survives a reload and can be shared.
 * The page rebuilds the form (a new `key`) whenever the query string changes.
 */
export function SchoolFilterForm({ filters, hubs, errors, onApply }: Props) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") values.set(name, value.trim());
    }
    onApply(values);
  }

  const stateFunded = filters.state_funded === true ? "true" : filters.state_funded === false ? "false" : "";
  const stateFundedError = errors.state_funded;
  return (
    <form method="get" action="/schools" onSubmit={submit} noValidate>
      <h2 className="govuk-heading-m">Search the register</h2>
      <TextInput
        id="q"
        label="School name, URN or postcode"
        hint="Part of the name, like Bede; the 6-digit URN; or the start of the postcode"
        type="search"
        spellCheck={false}
        autoComplete="off"
        inputClassName="govuk-!-width-full"
        defaultValue={filters.q ?? ""}
        error={errors.q}
      />
      <TextInput
        id="town"
        label="Town"
        inputClassName="govuk-!-width-full"
        defaultValue={filters.town ?? ""}
        error={errors.town}
      />
      <TextInput
        id="local_authority"
        label="Local authority"
        hint="Its name or code, like Leeds or 383"
        inputClassName="govuk-!-width-full"
        defaultValue={filters.local_authority ?? ""}
        error={errors.local_authority}
      />
      <Select
        id="phase"
        label="Phase of education"
        any="All phases"
        value={filters.phase ?? ""}
        options={GIAS_PHASES.map((phase) => ({ value: phase, label: phase }))}
        error={errors.phase}
      />
      <div className={`govuk-form-group${stateFundedError ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={describedBy(stateFundedError && "state_funded-error")}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">State-funded</legend>
          <ErrorMessage id="state_funded-error">{stateFundedError}</ErrorMessage>
          <div className="govuk-radios govuk-radios--small govuk-radios--inline">
            {STATE_FUNDED_CHOICES.map((choice, index) => {
              const id = index === 0 ? "state_funded" : `state_funded-${String(index + 1)}`;
              return (
                <div className="govuk-radios__item" key={choice.value}>
                  <input
                    className="govuk-radios__input"
                    id={id}
                    name="state_funded"
                    type="radio"
                    value={choice.value}
                    defaultChecked={stateFunded === choice.value}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {choice.label}
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <Select
        id="status"
        label="Status"
        any="Any status"
        value={filters.status ?? ""}
        options={GIAS_STATUSES.map((status) => ({ value: status, label: status }))}
        error={errors.status}
      />
      <Select
        id="hub"
        label="Maths Hub"
        any="All hubs"
        value={filters.hub ?? ""}
        options={hubs.map((hub) => ({ value: hub.id, label: hub.name }))}
        error={errors.hub}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Search
        </button>
        <Link className="govuk-link" to="/schools">
          Clear search
        </Link>
      </div>
    </form>
  );
}
