import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { newIdempotencyKey, useApplications, useCreateApplication } from "../../api/applications";
import type { Programme } from "../../api/client";
import { useMe } from "../../api/queries";
import { isHubStaff } from "../../auth";
import { problemOf } from "../../forms";

/**
 * On a programme's page: a school contact starts an application (or continues theirs); the
 * hub's staff review the applications. Nothing for anyone else (the API decides anyway).
 */
export function ProgrammeApplication({ programme }: { programme: Programme }) {
  const me = useMe();
  if (me.data?.role === "school_contact") return <SchoolApplication programme={programme} />;
  if (isHubStaff(me.data) && (me.data?.role === "national_admin" || me.data?.hub_id === programme.hub.id)) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link govuk-!-font-weight-bold" to={`/admin/applications?programme=${String(programme.id)}`}>
          Review applications
        </Link>
      </p>
    );
  }
  return null;
}

function SchoolApplication({ programme }: { programme: Programme }) {
  const existing = useApplications({ programme: programme.id, limit: 1 });
  const create = useCreateApplication();
  const navigate = useNavigate();
  // One key per intent: a double click, or a retry after the network failed, starts one draft.
  const [key, setKey] = useState(newIdempotencyKey);
  const mine = existing.data?.items[0];
  const problem = problemOf(create.error);

  if (existing.isPending) return null;
  if (mine) {
    const to = `/applications/${String(mine.id)}`;
    return (
      <Link className="govuk-button" role="button" draggable={false} to={to}>
        {mine.status === "draft" ? "Continue your application" : "View your application"}
      </Link>
    );
  }
  if (programme.status !== "open") return null;

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    create.mutate(
      { programmeId: programme.id, key },
      {
        onSuccess: ({ application }) => {
          void navigate(`/applications/${String(application.id)}`);
        },
        onError: (error) => {
          if (problemOf(error)?.status !== 0) setKey(newIdempotencyKey());
        },
      },
    );
  }

  return (
    <form method="post" onSubmit={start} noValidate>
      {problem && (
        <p className="govuk-error-message" role="alert">
          <span className="govuk-visually-hidden">Error:</span> {problem.detail ?? problem.title}
        </p>
      )}
      <button type="submit" className="govuk-button">
        Start an application
      </button>
    </form>
  );
}
