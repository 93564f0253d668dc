import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Contact } from "../../api/applications";
import { capitalise, participantRoleLabels, signatoryRows, signatoryStateLabels } from "../../applications";
import { paragraphs, pluralise } from "../../format";
import { SummaryList, type SummaryRow } from "./SummaryList";
import type { LoadedApplication } from "./WithApplication";

function Person({ person }: { person: Contact | null }) {
  if (!person) return <>Not given</>;
  return (
    <>
      {person.name}
      <br />
      <span className="app-break-words">{person.email}</span>
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h2 className="govuk-heading-m">{title}</h2>
      {children}
    </>
  );
}

/**
 * Every answer of an application as summary lists, one per task; with "Change" links to the
 * question pages while it is a draft (check answers), without once it is submitted.
 */
export function AnswersSummary({ loaded, changeable }: { loaded: LoadedApplication; changeable: boolean }) {
  const { application, form } = loaded;
  const base = `/applications/${String(application.id)}`;
  const change = (page: string, what: string) => (changeable ? { to: `${base}/${page}`, what } : undefined);
  const role = capitalise(participantRoleLabels[form.participant_role].one);

  const school: SummaryRow[] = [
    { key: "School", value: application.school.name },
    { key: "URN", value: application.school.urn },
    { key: "Address", value: application.school.address },
    {
      key: "Already working on teaching for mastery",
      value: application.engaging_with_tfm ? "Yes" : "No",
      change: change("school-details", "whether your school already works on teaching for mastery"),
    },
  ];

  const people: SummaryRow[] = [
    {
      key: "Head teacher or senior leader",
      value: <Person person={application.head_teacher} />,
      change: change("people", "the head teacher or senior leader"),
    },
  ];
  if (form.head_of_department) {
    people.push({
      key: "Head of department",
      value: <Person person={application.head_of_department} />,
      change: change("people", "the head of department"),
    });
  }
  application.participants.forEach((participant, index) => {
    const name = `${role} ${String(index + 1)}`;
    people.push({
      key: name,
      value: (
        <>
          <Person person={participant} />
          <br />
          {participant.year_groups.length > 0 ? `Teaches ${participant.year_groups.join(", ")}` : "No year groups given"}
        </>
      ),
      change: change("people", name.toLowerCase()),
    });
  });
  if (application.participants.length === 0) {
    people.push({ key: `${role}s`, value: "None named yet", change: change("people", `the ${role.toLowerCase()}s`) });
  }

  const statementParagraphs = paragraphs(application.statement);
  const statement: SummaryRow[] = [
    {
      key: "Statement",
      value:
        statementParagraphs.length === 0 ? (
          "Not written yet"
        ) : (
          <>
            {statementParagraphs.map((paragraph, index) => (
              <p className="govuk-body" key={index}>
                {paragraph}
              </p>
            ))}
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              {pluralise(application.statement_words, "word")}
              {application.statement_word_limit !== null && ` (up to ${String(application.statement_word_limit)})`}
            </p>
          </>
        ),
      change: change("statement", "the statement"),
    },
  ];

  const signatures: SummaryRow[] = signatoryRows(application, form).map((row) => ({
    key: `${row.name} (${row.role.toLowerCase()})`,
    value: <strong className={`govuk-tag ${signatoryStateLabels[row.state].colour}`}>{signatoryStateLabels[row.state].label}</strong>,
  }));

  return (
    <>
      <Section title="School details">
        <SummaryList rows={school} />
      </Section>
      <Section title="People">
        <SummaryList rows={people} />
      </Section>
      <Section title="Statement">
        <SummaryList rows={statement} />
      </Section>
      <Section title="Commitments and signatures">
        {signatures.length > 0 ? (
          <SummaryList rows={signatures} />
        ) : (
          <p className="govuk-body">Nobody has been asked to confirm the commitments yet.</p>
        )}
        {changeable && (
          <p className="govuk-body">
            <Link className="govuk-link" to={`${base}/commitments`}>
              See the commitments, or email the links again
            </Link>
          </p>
        )}
      </Section>
    </>
  );
}
