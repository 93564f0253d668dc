import type { FormEvent } from "react";
import { Link } from "react-router-dom";
import type { AuditFilters } from "../../api/client";
import { resourceTypeLabels } from "../../format";
import { describedBy, ErrorMessage } from "../form/ErrorMessage";
import { TextInput } from "../form/TextInput";

type Props = {
  filters: AuditFilters;
  /** The API's word on each bad field, by query parameter name (also the field's id). */
  errors: Partial<Record<string, string>>;
  /** The signed-in person's actor id ("user:12"), for "only my changes". */
  myActor: string;
  onApply: (values: URLSearchParams) => void;
};

/** Filters for the audit log, kept in the URL like the catalogue's. */
export function AuditFilterForm({ filters, errors, myActor, onApply }: Props) {
  const current = filters.resource_type ?? "";
  const known = current === "" || Object.hasOwn(resourceTypeLabels, current);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") values.set(name, value.trim());
    }
    onApply(values);
  }

  return (
    <form method="get" action="/admin/audit" onSubmit={submit} noValidate>
      <h2 className="govuk-heading-m">Filter changes</h2>
      <div className={`govuk-form-group${errors.resource_type ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--s" htmlFor="resource_type">
          Kind of record
        </label>
        <ErrorMessage id="resource_type-error">{errors.resource_type}</ErrorMessage>
        <select
          className={`govuk-select govuk-!-width-full${errors.resource_type ? " govuk-select--error" : ""}`}
          id="resource_type"
          name="resource_type"
          defaultValue={current}
          aria-describedby={describedBy(errors.resource_type && "resource_type-error")}
        >
          <option value="">Any kind</option>
          {!known && <option value={current}>{current}</option>}
          {Object.entries(resourceTypeLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <TextInput
        id="actor"
        label="Who made the change"
        hint="As shown under each name in the log, like user:12 or api_key:3."
        defaultValue={filters.actor ?? ""}
        spellCheck={false}
        autoComplete="off"
        inputClassName="govuk-!-width-full"
        error={errors.actor}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Apply filters
        </button>
        <Link className="govuk-link" to="/admin/audit">
          Clear filters
        </Link>
      </div>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/admin/audit?actor=${encodeURIComponent(myActor)}`}>
          Show only my changes
        </Link>
      </p>
    </form>
  );
}
