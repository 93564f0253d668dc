import { useState } from "react";
import type { Application, Contact } from "../../api/applications";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { problemOf } from "../../forms";
import { useInvite } from "./api";

type Named = { label: string; contact: Contact };

/**
 * For the hub's administrators on an application: invite the head teacher or head of
 * department it names to sign in as a contact for the school, without typing them again.
 * The API takes the school and hub from the application.
 */
export function InviteFromApplication({ application }: { application: Application }) {
  const me = useMe();
  const invite = useInvite();
  const [invited, setInvited] = useState<string[]>([]);
  if (me.data?.role !== "hub_admin" || me.data.hub_id !== application.programme.hub_id) return null;

  const named: Named[] = [];
  if (application.head_teacher) named.push({ label: "head teacher", contact: application.head_teacher });
  if (application.head_of_department) {
    named.push({ label: "head of department", contact: application.head_of_department });
  }
  if (named.length === 0) return null;
  const problem = problemOf(invite.error);

  function send({ contact }: Named) {
    if (invite.isPending) return;
    invite.mutate(
      { name: contact.name, email: contact.email, role: "school_contact", application_id: application.id },
      {
        onSuccess: () => {
          setInvited((earlier) => [...earlier, contact.email]);
        },
      },
    );
  }

  return (
    <section aria-labelledby="invite-from-application">
      <h2 className="govuk-heading-m" id="invite-from-application">
        Accounts for the school
      </h2>
      <p className="govuk-body">
        Invite someone named on this application to sign in as a contact for {application.school.name}. They are
        emailed a link to set a password, which works for 7 days.
      </p>
      {problem && <ErrorSummary problem={problem} />}
      <ul className="govuk-list">
        {named.map((person) => (
          <li key={person.label}>
            {invited.includes(person.contact.email) ? (
              <p className="govuk-body" role="status">
                Invitation sent to {person.contact.name} ({person.contact.email})
              </p>
            ) : (
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
                disabled={invite.isPending}
                onClick={() => {
                  send(person);
                }}
              >
                Invite {person.contact.name}, the {person.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
