import { useState, type FormEvent } from "react";
import type { Problem, Role } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Select } from "../../components/form/Select";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { formatDateTime } from "../../format";
import { roleLabels } from "../../formatBasics";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useChangeAccount, useInvite, usePeople, type Account } from "./api";

const FIELDS = {
  "/name": { id: "name" },
  "/email": { id: "email" },
  "/role": { id: "role" },
  "/school_urn": { id: "school_urn" },
  "/hub_id": { id: "hub_id" },
};

/** A hub's people: their accounts, open invitations, inviting someone, changing a role, deactivating. */
export function PeoplePage() {
  const me = useMe();
  const people = usePeople();
  const invite = useInvite();
  const change = useChangeAccount();
  const [checks, setChecks] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formProblem = checks ?? problemOf(invite.error);
  const problem = formProblem ?? problemOf(change.error) ?? problemOf(people.error);
  const errors = errorsByPointer(formProblem);
  usePageTitle("People", { error: problem !== null });

  if (!me.data) return null; // RequireRole renders this page only for hub staff.
  const grantable = people.data?.grantable_roles ?? [];
  const options = grantable.map((role) => ({ value: role, label: roleLabels[role] }));

  function submitInvite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invite.isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = formText(data, "name").trim();
    const email = formText(data, "email").trim();
    const role = formText(data, "role") as Role;
    const school = formText(data, "school_urn").trim();
    const hub = formText(data, "hub_id").trim();
    const found = checksProblem([
      ...(name === "" ? [bodyError("/name", "Enter their name")] : []),
      ...(email === "" ? [bodyError("/email", "Enter their email address")] : []),
      ...(role === "school_contact" && school === "" ? [bodyError("/school_urn", "Enter the URN of their school")] : []),
    ]);
    setChecks(found);
    if (found) return;
    invite.mutate(
      {
        name,
        email,
        role,
        ...(role === "school_contact" ? { school_urn: school } : {}),
        ...(hub ? { hub_id: hub } : {}),
      },
      {
        onSuccess: (made) => {
          setNotice(`${made.name} has been invited. They have 7 days to use the link we emailed to ${made.email}.`);
          form.reset();
        },
      },
    );
  }

  function changeAccount(person: Account, body: { role?: Role; active?: boolean }, done: string) {
    change.mutate(
      { id: person.id, change: body },
      {
        onSuccess: () => {
          setNotice(done);
        },
      },
    );
  }

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={formProblem ? FIELDS : {}} />}
      {notice && <SuccessBanner key={notice} heading={notice} />}
      <h1 className="govuk-heading-xl">People</h1>
      <p className="govuk-body-l">Everyone who can sign in for your hub, and those you have invited.</p>
      {people.isPending && (
        <p className="govuk-body" role="status">
          Loading people…
        </p>
      )}
      {people.data && (
        <div className="app-table-wrapper" role="region" aria-labelledby="people-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m" id="people-caption">
              Accounts
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {["Name", "Role", "School", "Last signed in", "Status", "Actions"].map((heading) => (
                  <th scope="col" className="govuk-table__header" key={heading}>
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {people.data.accounts.map((person) => {
                const mine = person.id === me.data?.id;
                const manageable = !mine && grantable.includes(person.role);
                return (
                  <tr className="govuk-table__row" key={person.id}>
                    <td className="govuk-table__cell">
                      {person.name}
                      <br />
                      <span className="govuk-hint govuk-!-font-size-16">{person.email}</span>
                    </td>
                    <td className="govuk-table__cell">
                      {manageable ? (
                        <RoleChanger
                          person={person}
                          options={options}
                          pending={change.isPending}
                          onChange={(role) => {
                            changeAccount(person, { role }, `${person.name} is now a ${roleLabels[role].toLowerCase()}.`);
                          }}
                        />
                      ) : (
                        roleLabels[person.role]
                      )}
                    </td>
                    <td className="govuk-table__cell">{person.school_urn ?? ""}</td>
                    <td className="govuk-table__cell">
                      {person.last_signed_in_at ? formatDateTime(person.last_signed_in_at) : "Never"}
                    </td>
                    <td className="govuk-table__cell">
                      <strong className={`govuk-tag${person.status === "active" ? " govuk-tag--green" : " govuk-tag--grey"}`}>
                        {person.status === "active" ? "Active" : "Deactivated"}
                      </strong>
                    </td>
                    <td className="govuk-table__cell">
                      {manageable && (
                        <button
                          type="button"
                          className="app-link-button"
                          disabled={change.isPending}
                          onClick={() => {
                            const active = person.status !== "active";
                            changeAccount(
                              person,
                              { active },
                              active ? `${person.name} can sign in again.` : `${person.name} has been deactivated and signed out.`,
                            );
                          }}
                        >
                          {person.status === "active" ? "Deactivate" : "Reactivate"}
                          <span className="govuk-visually-hidden"> {person.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
              {people.data.invitations.map((invitation) => (
                <tr className="govuk-table__row" key={`invitation-${String(invitation.id)}`}>
                  <td className="govuk-table__cell">
                    {invitation.name}
                    <br />
                    <span className="govuk-hint govuk-!-font-size-16">{invitation.email}</span>
                  </td>
                  <td className="govuk-table__cell">{roleLabels[invitation.role]}</td>
                  <td className="govuk-table__cell">{invitation.school_urn ?? ""}</td>
                  <td className="govuk-table__cell">Never</td>
                  <td className="govuk-table__cell">
                    <strong className="govuk-tag govuk-tag--blue">Invited</strong>
                  </td>
                  <td className="govuk-table__cell">Link valid until {formatDateTime(invitation.expires_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m govuk-!-margin-top-6">Invite someone</h2>
          <p className="govuk-body">They get an email with a link to choose their password. The link works for 7 days.</p>
          <form method="post" onSubmit={submitInvite} noValidate>
            <TextInput id="name" label="Name" autoComplete="off" error={errors["/name"]} />
            <TextInput id="email" label="Email address" type="email" autoComplete="off" spellCheck={false} error={errors["/email"]} />
            <Select id="role" label="Role" options={options} error={errors["/role"]} />
            <TextInput
              id="school_urn"
              label="School URN (for a school contact)"
              hint="The school's 6-digit unique reference number"
              inputMode="numeric"
              inputClassName="govuk-input--width-10"
              error={errors["/school_urn"]}
            />
            {me.data.role === "national_admin" && (
              <TextInput id="hub_id" label="Hub" hint="The hub's identifier, such as cheshire-and-wirral" error={errors["/hub_id"]} />
            )}
            <button type="submit" className="govuk-button">
              Send invitation
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

type RoleChangerProps = {
  person: Account;
  options: { value: string; label: string }[];
  pending: boolean;
  onChange: (role: Role) => void;
};

/** A role select with its own button, so that a change is never made by moving through the list. */
function RoleChanger({ person, options, pending, onChange }: RoleChangerProps) {
  const id = `role-${String(person.id)}`;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const role = formText(new FormData(event.currentTarget), id) as Role;
    if (role !== person.role) onChange(role);
  }
  return (
    <form method="post" onSubmit={submit} className="app-inline-form">
      <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
        Role of {person.name}
      </label>
      <select className="govuk-select" id={id} name={id} defaultValue={person.role}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" disabled={pending}>
        Change<span className="govuk-visually-hidden"> role of {person.name}</span>
      </button>
    </form>
  );
}
