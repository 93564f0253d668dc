import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { useApplications } from "../../api/applications";
import type { Problem, Programme } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select } from "../../components/form/Select";
import { TextInput } from "../../components/form/TextInput";
import { pluralise } from "../../format";
import { bodyError, checksProblem, errorsByPointer, problemOf } from "../../forms";
import { useFormFromSelection, useProgrammeGroups, useSpecialists } from "./api";
import { formedNews, ungroupedSchools } from "./forming";

const FIELDS = { "/lead_person_id": { id: "lead_person_id" }, "/name": { id: "group-name" } };

/**
 * Hub staff, on the review page: the programme's Work Groups, and forming one from the
 * selected schools that are in none of them, in one step (the lead chosen by name).
 */
export function FormGroupFromSelection({ programme }: { programme: Programme }) {
  const navigate = useNavigate();
  const groups = useProgrammeGroups(programme.id);
  const selected = useApplications({ programme: programme.id, status: "selected", limit: 200 });
  const specialists = useSpecialists();
  const form = useFormFromSelection();
  const [lead, setLead] = useState("");
  const [name, setName] = useState(`${programme.title} Work Group`);
  const [checks, setChecks] = useState<Problem | null>(null);

  // A decision on this page may have brought a school into a group: read the groups again.
  const { refetch } = groups;
  useEffect(() => {
    void refetch();
  }, [selected.dataUpdatedAt, refetch]);

  if (!groups.data || !selected.data) return null;
  const existing = groups.data.items;
  const waiting = ungroupedSchools(selected.data.items, existing);
  const running = existing.filter((group) => group.completed_on === null);
  const problem = checks ?? problemOf(form.error) ?? problemOf(specialists.error);
  const errors = errorsByPointer(problem);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.isPending) return;
    const found = checksProblem([
      ...(lead === "" ? [bodyError("/lead_person_id", "Choose the lead Mastery Specialist")] : []),
      ...(name.trim() === "" ? [bodyError("/name", "Enter a name for the group")] : []),
    ]);
    setChecks(found);
    if (found) {
      form.reset();
      return;
    }
    form.mutate(
      { programme_id: programme.id, name: name.trim(), lead_person_id: Number(lead) },
      {
        onSuccess: (group) => {
          void navigate(`/work-groups/${String(group.id)}`, { state: { news: formedNews(group) } });
        },
      },
    );
  }

  return (
    <section aria-labelledby="work-group-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-l" id="work-group-heading">
        Work Group
      </h2>
      {existing.length > 0 && (
        <>
          <ul className="govuk-list">
            {existing.map((group) => (
              <li key={group.id}>
                <Link className="govuk-link" to={`/work-groups/${String(group.id)}`}>
                  {group.name}
                </Link>{" "}
                ({pluralise(group.schools.length, "school")}, {pluralise(group.participants.length, "participant")})
              </li>
            ))}
          </ul>
          {running.length === 1 && running[0] && (
            <p className="govuk-body">
              Schools you select from now on, and schools offered a place from the waiting list, join{" "}
              {running[0].name} with the teachers named on their applications.
            </p>
          )}
        </>
      )}
      {waiting.length === 0 ? (
        existing.length === 0 && (
          <p className="govuk-body">Select schools above, then form the programme&apos;s Work Group from them here.</p>
        )
      ) : (
        <form method="post" onSubmit={submit} noValidate>
          {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
          <h3 className="govuk-heading-m">Form a Work Group from the selected schools</h3>
          <p className="govuk-body">
            {pluralise(waiting.length, "selected school")} in no group yet:{" "}
            {waiting.map((school) => school.name).join(", ")}. They join the group, and the teachers named on each
            application become its participants.
          </p>
          <Select
            id="lead_person_id"
            label="Lead Mastery Specialist"
            value={lead}
            empty="Choose a Mastery Specialist"
            options={(specialists.data?.items ?? []).map((person) => ({
              value: String(person.id),
              label: person.name,
            }))}
            error={errors["/lead_person_id"]}
            onChange={(event) => {
              setLead(event.target.value);
            }}
          />
          <TextInput
            id="group-name"
            label="Name of the group"
            value={name}
            maxLength={200}
            error={errors["/name"]}
            onChange={(event) => {
              setName(event.target.value);
            }}
          />
          <button type="submit" className="govuk-button">
            Form the Work Group
          </button>
        </form>
      )}
    </section>
  );
}
