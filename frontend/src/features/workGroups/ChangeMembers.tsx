import { useState, type FormEvent, type ReactNode } from "react";
import { useApplications } from "../../api/applications";
import type { Problem, WorkGroup } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select } from "../../components/form/Select";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { useAddParticipant, useAddSchool, useRemoveParticipant, useRemoveSchool, useSchoolPeople } from "./api";
import { ungroupedSchools } from "./forming";

const FIELDS = {
  "/urn": { id: "add-school" },
  "/remove_urn": { id: "remove-school" },
  "/participant_school": { id: "participant-school" },
  "/person_id": { id: "add-participant" },
  "/remove_person_id": { id: "remove-participant" },
};

/**
 * Hub staff, on the group page: add a selected school or remove one; add a teacher of a member
 * school as a participant, or remove one. One change at a time, said once done.
 */
export function ChangeMembers({ group }: { group: WorkGroup }) {
  const selected = useApplications({ programme: group.programme_id, status: "selected", limit: 200 });
  const addSchool = useAddSchool(group.id);
  const removeSchool = useRemoveSchool(group.id);
  const addParticipant = useAddParticipant(group.id);
  const removeParticipant = useRemoveParticipant(group.id);
  const [participantSchool, setParticipantSchool] = useState("");
  const people = useSchoolPeople(participantSchool === "" ? null : participantSchool);
  const [checks, setChecks] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const writes = [addSchool, removeSchool, addParticipant, removeParticipant];
  const problem = checks ?? writes.map((write) => problemOf(write.error)).find((found) => found !== null) ?? null;
  const errors = errorsByPointer(problem);
  const taking = new Set(group.participants.map((person) => person.id));
  const addable = ungroupedSchools(selected.data?.items ?? [], [group]);
  const candidates = (people.data?.items ?? []).filter((person) => !taking.has(person.id));

  function run(event: FormEvent<HTMLFormElement>, pointer: string, missing: string, go: (value: string) => Promise<string>) {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), pointer.slice(1));
    for (const write of writes) write.reset();
    setDone(null);
    const found = checksProblem(value === "" ? [bodyError(pointer, missing)] : []);
    setChecks(found);
    if (found) return;
    go(value).then(setDone, () => undefined);
  }

  const nameOf = (urn: string) => group.schools.find((school) => school.urn === urn)?.name ?? urn;
  const personOf = (id: number) => group.participants.find((person) => person.id === id)?.name ?? String(id);

  return (
    <section aria-labelledby="change-members-heading">
      <h3 className="govuk-heading-m" id="change-members-heading">
        Change the members
      </h3>
      {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
      {done && (
        <p className="govuk-body govuk-!-font-weight-bold" role="status">
          {done}
        </p>
      )}
      <MemberForm
        title="Add a selected school"
        onSubmit={(event) => {
          run(event, "/urn", "Choose a school to add", async (urn) => {
            await addSchool.mutateAsync(urn);
            return `${addable.find((school) => school.urn === urn)?.name ?? urn} added`;
          });
        }}
        button="Add school"
      >
        <Select
          id="add-school"
          name="urn"
          label="School"
          hint="Schools selected for the programme and not yet in this group"
          empty={addable.length === 0 ? "No selected school to add" : "Choose a school"}
          options={addable.map((school) => ({ value: school.urn, label: school.name }))}
          error={errors["/urn"]}
        />
      </MemberForm>
      {group.schools.length > 0 && (
        <MemberForm
          title="Remove a school"
          warning
          onSubmit={(event) => {
            run(event, "/remove_urn", "Choose a school to remove", async (urn) => {
              await removeSchool.mutateAsync(urn);
              return `${nameOf(urn)} removed`;
            });
          }}
          button="Remove school"
        >
          <Select
            id="remove-school"
            name="remove_urn"
            label="School"
            empty="Choose a school"
            options={group.schools.map((school) => ({ value: school.urn, label: school.name }))}
            error={errors["/remove_urn"]}
          />
        </MemberForm>
      )}
      {group.schools.length > 0 && (
        <MemberForm
          title="Add a participant"
          onSubmit={(event) => {
            run(event, "/person_id", "Choose a teacher to add", async (id) => {
              const added = await addParticipant.mutateAsync(Number(id));
              return `${added.participants.find((person) => person.id === Number(id))?.name ?? "The teacher"} added`;
            });
          }}
          button="Add participant"
        >
          <Select
            id="participant-school"
            name="participant_school"
            label="Their school"
            empty="Choose a member school"
            value={participantSchool}
            options={group.schools.map((school) => ({ value: school.urn, label: school.name }))}
            error={errors["/participant_school"]}
            onChange={(event) => {
              setParticipantSchool(event.target.value);
            }}
          />
          <Select
            id="add-participant"
            name="person_id"
            label="Teacher"
            hint="People recorded at that school who do not take part yet"
            empty={participantSchool === "" ? "Choose their school first" : "Choose a teacher"}
            options={candidates.map((person) => ({ value: String(person.id), label: person.name }))}
            error={errors["/person_id"]}
          />
        </MemberForm>
      )}
      {group.participants.length > 0 && (
        <MemberForm
          title="Remove a participant"
          warning
          onSubmit={(event) => {
            run(event, "/remove_person_id", "Choose a participant to remove", async (id) => {
              const name = personOf(Number(id));
              await removeParticipant.mutateAsync(Number(id));
              return `${name} removed`;
            });
          }}
          button="Remove participant"
        >
          <Select
            id="remove-participant"
            name="remove_person_id"
            label="Participant"
            empty="Choose a participant"
            options={group.participants.map((person) => ({
              value: String(person.id),
              label: person.school_name ? `${person.name}, ${person.school_name}` : person.name,
            }))}
            error={errors["/remove_person_id"]}
          />
        </MemberForm>
      )}
    </section>
  );
}

function MemberForm({
  title,
  button,
  warning = false,
  onSubmit,
  children,
}: {
  title: string;
  button: string;
  warning?: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{title}</legend>
        {children}
        <button type="submit" className={`govuk-button${warning ? " govuk-button--warning" : " govuk-button--secondary"}`}>
          {button}
        </button>
      </fieldset>
    </form>
  );
}
