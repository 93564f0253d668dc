import type { FormEvent } from "react";
import type { Problem, WorkGroup, WorkGroupContinuation } from "../../api/client";
import { useProgrammes } from "../../api/queries";
import { academicYearLabel } from "../../format";
import { bodyError, checksProblem, formText, problemOf } from "../../forms";
import { nextAcademicYear } from "../../groupYear";
import { describedBy, ErrorMessage } from "../form/ErrorMessage";
import { TextInput } from "../form/TextInput";

/** The API's largest page: a hub has far fewer programmes in a year. */
const PROGRAMMES_LIMIT = 200;

type Props = {
  group: WorkGroup;
  /** Whether the group is the reader's own hub's ("your hub") or another's. */
  ownHub: boolean;
  pending: boolean;
  errors: Partial<Record<string, string>>;
  /** The page's own checks: a problem to show, or null when the answers can be sent. */
  onChecked: (problem: Problem | null) => void;
  onSubmit: (body: WorkGroupContinuation) => void;
};

/** Hub staff: start next year's group with this completed group's schools, on one of the hub's programmes. */
export function ContinueGroup({ group, ownHub, pending, errors, onChecked, onSubmit }: Props) {
  const year = nextAcademicYear(group.academic_year) ?? "";
  const programmes = useProgrammes({ hub: group.hub_id, academic_year: year, limit: PROGRAMMES_LIMIT });
  const loadProblem = problemOf(programmes.error);
  const items = programmes.data?.items ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const programmeId = formText(data, "programme_id");
    const name = formText(data, "name").trim();
    const found = checksProblem(programmeId === "" ? [bodyError("/programme_id", "Select next year's programme")] : []);
    onChecked(found);
    if (found) return;
    onSubmit({ programme_id: Number(programmeId), ...(name !== "" && name !== group.name ? { name } : {}) });
  }

  const error = errors["/programme_id"];
  return (
    <section aria-labelledby="continue-heading">
      <h2 className="govuk-heading-l govuk-!-margin-top-6" id="continue-heading">
        Continue into next year
      </h2>
      <p className="govuk-body">
        Start next year&apos;s group with this group&apos;s schools. Each school is checked against the programme&apos;s
        rules; you will be told which schools cannot continue, and why.
      </p>
      {programmes.isPending && (
        <p className="govuk-body" role="status">
          Loading next year&apos;s programmes…
        </p>
      )}
      {loadProblem && <p className="govuk-body">{loadProblem.detail ?? loadProblem.title}</p>}
      {programmes.data && items.length === 0 && (
        <p className="govuk-body">
          There are no programmes of {ownHub ? "your hub" : "the group's hub"} in {academicYearLabel(year)} to continue
          into.
        </p>
      )}
      {items.length > 0 && (
        <form method="post" onSubmit={submit} noValidate>
          <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
            <label className="govuk-label govuk-label--s" htmlFor="programme_id">
              Next year&apos;s programme
            </label>
            <div className="govuk-hint" id="programme_id-hint">
              An Embedding or Sustaining programme in {academicYearLabel(year)}.
            </div>
            <ErrorMessage id="programme_id-error">{error}</ErrorMessage>
            <select
              className={`govuk-select${error ? " govuk-select--error" : ""}`}
              id="programme_id"
              name="programme_id"
              defaultValue=""
              aria-describedby={describedBy("programme_id-hint", error && "programme_id-error")}
            >
              <option value="">Choose a programme</option>
              {items.map((programme) => (
                <option key={programme.id} value={programme.id}>
                  {programme.title}
                </option>
              ))}
            </select>
          </div>
          <TextInput
            id="name"
            label="Name of next year's group"
            hint="Change it, or leave this group's name."
            defaultValue={group.name}
            inputClassName="govuk-!-width-two-thirds"
            autoComplete="off"
            error={errors["/name"]}
          />
          <button type="submit" className="govuk-button">
            Continue into next year
          </button>
        </form>
      )}
    </section>
  );
}
