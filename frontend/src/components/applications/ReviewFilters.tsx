import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { ApplicationStatus, LocalAuthority } from "../../api/applications";
import { applicationStatusLabels } from "../../applications";

export type ReviewFilterValues = {
  status: ApplicationStatus | null;
  localAuthority: string | null;
  eligible: boolean | null;
};

type Props = {
  programmeId: number;
  filters: ReviewFilterValues;
  localAuthorities: LocalAuthority[];
  onApply: (values: URLSearchParams) => void;
};

type Choice = { name: string; label: string; any: string; options: { value: string; label: string }[] };

/** The review list's filters: a GET form whose values go into the URL, so a filtered list can be shared. */
export function ReviewFilters({ programmeId, filters, localAuthorities, onApply }: Props) {
  const choices: Choice[] = [
    {
      name: "status",
      label: "Status",
      any: "Any status",
      options: Object.entries(applicationStatusLabels).map(([value, label]) => ({ value, label })),
    },
    {
      name: "local_authority",
      label: "Local authority",
      any: "All local authorities",
      options: localAuthorities.map((la) => ({ value: la.code, label: la.name })),
    },
    {
      name: "eligible",
      label: "Eligible now",
      any: "Eligible or not",
      options: [
        { value: "yes", label: "Yes: the rules accept it now" },
        { value: "no", label: "No: a rule refuses it now" },
      ],
    },
  ];
  // Controlled: the local authorities arrive after the first render.
  const [chosen, setChosen] = useState<Record<string, string>>({
    status: filters.status ?? "",
    local_authority: filters.localAuthority ?? "",
    eligible: filters.eligible === null ? "" : filters.eligible ? "yes" : "no",
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = new URLSearchParams({ programme: String(programmeId) });
    for (const [name, value] of Object.entries(chosen)) if (value !== "") values.set(name, value);
    onApply(values);
  }

  return (
    <form method="get" onSubmit={submit} noValidate className="app-review-filters">
      <h2 className="govuk-heading-m">Filter applications</h2>
      <div className="govuk-grid-row">
        {choices.map(({ name, label, any, options }) => {
          const current = chosen[name] ?? "";
          const known = current === "" || options.some((option) => option.value === current);
          return (
            <div className="govuk-grid-column-one-third" key={name}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-label--s" htmlFor={`filter-${name}`}>
                  {label}
                </label>
                <select
                  className="govuk-select govuk-!-width-full"
                  id={`filter-${name}`}
                  name={name}
                  value={current}
                  onChange={(event) => {
                    const value = event.currentTarget.value;
                    setChosen((before) => ({ ...before, [name]: value }));
                  }}
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
            </div>
          );
        })}
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--secondary">
          Apply filters
        </button>
        <Link className="govuk-link" to={`?programme=${String(programmeId)}`}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}
