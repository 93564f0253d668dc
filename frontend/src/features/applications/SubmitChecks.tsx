import type { Application, ApplicationForm } from "../../api/applications";
import type { Programme } from "../../api/client";
import { capacityLabel, formatDate, pluralise } from "../../format";
import { participantRoleLabels } from "../../applications";

/** What the API checks again when the draft is submitted, in the words a school needs. */
export function submitChecks(application: Application, form: ApplicationForm, programme: Programme): string[] {
  const role = participantRoleLabels[form.participant_role];
  const named =
    form.participants_min === form.participants_max
      ? pluralise(form.participants_min, role.one, role.many)
      : `between ${String(form.participants_min)} and ${String(form.participants_max)} ${role.many}`;
  const checks = [
    `Everyone named has confirmed the commitments through their emailed link (${pluralise(
      application.signatories.filter((s) => s.confirmed_at !== null).length,
      "confirmation",
    )} so far).`,
    `The application names ${named}${form.head_of_department ? " and a head of department" : ""}.`,
  ];
  if (form.statement_word_limit !== null) {
    checks.push(`The statement is ${String(form.statement_word_limit)} words or fewer.`);
  }
  if (programme.closing_date) {
    checks.push(`It is submitted by 11:59pm on ${formatDate(programme.closing_date)}, the closing date.`);
  }
  checks.push("Your school still meets the programme's rules on the day you submit.");
  if (programme.capacity) {
    checks.push(
      `Places are limited (${capacityLabel(programme.capacity)}): the hub chooses schools after the closing date, so submitting does not promise a place.`,
    );
  }
  return checks;
}

/** "What we check when you submit", under the task list. */
export function SubmitChecks(props: { application: Application; form: ApplicationForm; programme: Programme }) {
  return (
    <section aria-labelledby="submit-checks-title">
      <h2 className="govuk-heading-m" id="submit-checks-title">
        What we check when you submit
      </h2>
      <ul className="govuk-list govuk-list--bullet">
        {submitChecks(props.application, props.form, props.programme).map((check) => (
          <li key={check}>{check}</li>
        ))}
      </ul>
    </section>
  );
}
