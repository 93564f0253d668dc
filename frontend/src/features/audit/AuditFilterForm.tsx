import type { FormEvent } from "react";
import { Link } from "react-router-dom";
import type { AuditFilters } from "../../api/client";
import { Select, type SelectOption } from "../../components/form/Select";
import type { AuditActor } from "./api";
import { actorWithRole, resourceTypeLabels } from "./wording";

type Props = {
  filters: AuditFilters;
  /** The API's word on each bad field, by query parameter name (also the field's id). */
  errors: Partial<Record<string, string>>;
  /** The people who appear in the log, by name; empty while they load. */
  actors: AuditActor[];
  /** The signed-in person's actor id ("user:12"), for "only my changes". */
  myActor: string;
  onApply: (values: URLSearchParams) => void;
};

/** Filters for the audit log, kept in the URL like the catalogue's. */
export function AuditFilterForm({ filters, errors, actors, myActor, onApply }: Props) {
  const kind = filters.resource_type ?? "";
  const kinds: SelectOption[] = Object.entries(resourceTypeLabels).map(([value, label]) => ({ value, label }));
  if (kind !== "" && !Object.hasOwn(resourceTypeLabels, kind)) kinds.unshift({ value: kind, label: kind });

  const who = filters.actor ?? "";
  const people: SelectOption[] = actors.map((actor) => ({
    value: actor.actor,
    label: actorWithRole(actor.name, actor.role),
  }));
  if (who !== "" && !people.some((option) => option.value === who)) people.unshift({ value: who, label: who });

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
      <Select
        id="resource_type"
        label="Kind of record"
        options={kinds}
        empty="Any kind"
        defaultValue={kind}
        error={errors.resource_type}
      />
      <Select
        // Remounted when the people arrive, so that the chosen person is selected.
        key={people.length}
        id="actor"
        label="Who made the change"
        options={people}
        empty="Anyone"
        defaultValue={who}
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
