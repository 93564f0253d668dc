import { useMemo, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import type { Problem } from "../../api/client";
import {
  capitalise,
  fieldId,
  participantRoleLabels,
  peopleFields,
  peopleRequest,
  toRowPointers,
  yearGroupOptions,
  type PeopleFields,
} from "../../applications";
import { ParticipantFieldset } from "../../components/applications/ParticipantFieldset";
import { PersonFields } from "../../components/applications/PersonFields";
import { QuestionPage, submittedThen, useSaveAnswers } from "../../components/applications/QuestionPage";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { checksProblem, errorsByPointer } from "../../forms";
import { pluralise } from "../../format";

export function PeoplePage() {
  return <WithApplication>{(loaded) => <PeopleForm loaded={loaded} />}</WithApplication>;
}

/** Labels for the error summary, by pointer, so that the API's shorter words say which field. */
function fieldsFor(fields: PeopleFields, role: string): Record<string, { id: string; label?: string }> {
  const map: Record<string, { id: string; label?: string }> = {
    "/head_teacher": { id: "head_teacher-name" },
    "/head_teacher/name": { id: "head_teacher-name", label: "Head teacher’s name" },
    "/head_teacher/email": { id: "head_teacher-email", label: "Head teacher’s email address" },
    "/head_of_department": { id: "head_of_department-name" },
    "/head_of_department/name": { id: "head_of_department-name", label: "Head of department’s name" },
    "/head_of_department/email": { id: "head_of_department-email", label: "Head of department’s email address" },
    "/participants": { id: "participants-0-name" },
  };
  fields.participants.forEach((_, index) => {
    const who = `${capitalise(role)} ${String(index + 1)}`;
    const pointer = `/participants/${String(index)}`;
    map[pointer] = { id: `${fieldId(pointer)}-name` };
    map[`${pointer}/name`] = { id: `${fieldId(pointer)}-name`, label: `${who}’s name` };
    map[`${pointer}/email`] = { id: `${fieldId(pointer)}-email`, label: `${who}’s email address` };
    map[`${pointer}/year_groups`] = { id: `${fieldId(pointer)}-year_groups`, label: `${who}’s year groups` };
  });
  return map;
}

/** Only the API's errors get the field's name before them in the summary: the page's own say it already. */
function withoutLabels(fields: Record<string, { id: string; label?: string }>) {
  return Object.fromEntries(Object.entries(fields).map(([pointer, { id }]) => [pointer, { id }]));
}

/**
 * The people who take part and confirm the commitments: the head teacher (or a senior leader),
 * the head of department when the programme's form asks for one, and the participants, added
 * one at a time ("Add another") up to the form's most.
 */
function PeopleForm({ loaded }: { loaded: LoadedApplication }) {
  const { application, form, programme } = loaded;
  const save = useSaveAnswers(loaded);
  const [fields, setFields] = useState<PeopleFields>(() => peopleFields(application));
  const [checks, setChecks] = useState<Problem | null>(null);
  // Each save maps the API's participant indexes back to the rows it came from.
  const [sentRows, setSentRows] = useState<number[]>([]);
  const [nextKey, setNextKey] = useState(fields.participants.length);

  const role = participantRoleLabels[form.participant_role];
  // The same object from render to render: the error summary takes focus whenever it changes.
  const apiProblem = useMemo(() => (save.problem ? toRowPointers(save.problem, sentRows) : null), [save.problem, sentRows]);
  const problem = checks ?? apiProblem;
  const errors = errorsByPointer(problem);
  const summaryFields = checks ? withoutLabels(fieldsFor(fields, role.one)) : fieldsFor(fields, role.one);
  const yearGroups = yearGroupOptions(
    programme.phase,
    fields.participants.flatMap((participant) => participant.yearGroups),
  );
  const canAdd = fields.participants.length < form.participants_max;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const then = submittedThen(event);
    const request = peopleRequest(fields, form);
    const found = checksProblem(request.errors);
    setChecks(found);
    if (found) {
      save.reset();
      return;
    }
    setSentRows(request.participantRows);
    save.submit(request.body, then);
  }

  function add() {
    const index = fields.participants.length;
    flushSync(() => {
      setFields({ ...fields, participants: [...fields.participants, { key: nextKey, name: "", email: "", yearGroups: [] }] });
      setNextKey(nextKey + 1);
    });
    document.getElementById(`participants-${String(index)}-name`)?.focus();
  }

  function remove(index: number) {
    flushSync(() => {
      setFields({ ...fields, participants: fields.participants.filter((_, i) => i !== index) });
      // Errors point at rows by number: after a removal they would point at the wrong one.
      setChecks(null);
      save.reset();
    });
    const next = Math.min(index, fields.participants.length - 2);
    document.getElementById(`participants-${String(next)}-name`)?.focus();
  }

  return (
    <QuestionPage loaded={loaded} title="People" problem={problem} fields={summaryFields} onSubmit={submit}>
      <h1 className="govuk-heading-l">People</h1>
      <p className="govuk-body">
        Everyone you name here will get an email asking them to confirm the commitments your school makes. Use their
        school email addresses.
      </p>

      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Head teacher or senior leader</legend>
        <PersonFields
          id="head_teacher"
          pointer="/head_teacher"
          person={fields.headTeacher}
          onChange={(headTeacher) => {
            setFields({ ...fields, headTeacher });
          }}
          errors={errors}
        />
      </fieldset>

      {form.head_of_department && (
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Head of department</legend>
          <PersonFields
            id="head_of_department"
            pointer="/head_of_department"
            person={fields.headOfDepartment}
            onChange={(headOfDepartment) => {
              setFields({ ...fields, headOfDepartment });
            }}
            errors={errors}
          />
        </fieldset>
      )}

      <h2 className="govuk-heading-m">{capitalise(role.many)}</h2>
      <p className="govuk-body" id="participants-hint">
        {form.participants_min === form.participants_max
          ? `Name ${pluralise(form.participants_max, role.one, role.many)} who will take part.`
          : `Name between ${String(form.participants_min)} and ${pluralise(form.participants_max, role.one, role.many)} who will take part.`}
      </p>
      {errors["/participants"] && (
        <p className="govuk-error-message" id="participants-error">
          <span className="govuk-visually-hidden">Error:</span> {errors["/participants"]}
        </p>
      )}
      <div className="app-add-another">
        {fields.participants.map((participant, index) => (
          <ParticipantFieldset
            key={participant.key}
            index={index}
            legend={`${capitalise(role.one)} ${String(index + 1)}`}
            participant={participant}
            yearGroups={yearGroups}
            onChange={(changed) => {
              setFields({
                ...fields,
                participants: fields.participants.map((row, i) => (i === index ? changed : row)),
              });
            }}
            onRemove={
              fields.participants.length > 1
                ? () => {
                    remove(index);
                  }
                : undefined
            }
            errors={errors}
          />
        ))}
      </div>
      {canAdd ? (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={add}>
          Add another {role.one}
        </button>
      ) : (
        <p className="govuk-inset-text">
          You can name up to {pluralise(form.participants_max, role.one, role.many)}.
        </p>
      )}
    </QuestionPage>
  );
}
