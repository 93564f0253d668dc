import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import {
  newIdempotencyKey,
  useApplications,
  useCreateApplication,
  useSchoolEligibility,
} from "../../api/applications";
import type { Programme } from "../../api/client";
import { useMe } from "../../api/queries";
import { isHubStaff } from "../../auth";
import { problemOf } from "../../forms";
import { DecisionRules } from "../eligibility/DecisionRules";
import { ApplicationStatusTag } from "./ApplicationStatusTag";

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
  const me = useMe();
  const existing = useApplications({ programme: programme.id, limit: 1 });
  const urn = me.data?.school_urn ?? null;
  const open = programme.status === "open" && programme.programme_type !== null;
  // The rules first: a school that fails one cannot start (the API would refuse the draft).
  const check = useSchoolEligibility(programme.id, open && !existing.data?.items[0] ? urn : null);
  const create = useCreateApplication();
  const navigate = useNavigate();
  // One key per intent: a double click, or a retry after the network failed, starts one draft.
  const [key, setKey] = useState(newIdempotencyKey);
  const mine = existing.data?.items[0];
  const problem = problemOf(create.error);
  // Refused at the start after all (the school's record changed meanwhile): the API's decision.
  const decision = problem?.decision ?? check.data ?? null;

  if (existing.isPending) return null;
  if (mine) {
    const to = `/applications/${String(mine.id)}`;
    return (
      <>
        <p className="govuk-body">
          Your school&apos;s application: <strong>{mine.reference}</strong>{" "}
          <ApplicationStatusTag status={mine.status} />
        </p>
        <Link className="govuk-button" role="button" draggable={false} to={to}>
          {mine.status === "draft" ? "Continue your application" : "View your application"}
        </Link>
      </>
    );
  }
  if (!open) return null;
  if (check.isPending) {
    return (
      <p className="govuk-body" role="status">
        Checking whether your school can apply…
      </p>
    );
  }
  if (!decision) {
    const failed = problemOf(check.error);
    return failed ? (
      <p className="govuk-error-message" role="alert">
        <span className="govuk-visually-hidden">Error:</span> We could not check whether your school can apply:{" "}
        {failed.detail ?? failed.title}
      </p>
    ) : null;
  }

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

  const pending = decision.rules.filter((rule) => rule.outcome === "pending");
  return (
    <div className="app-apply-check">
      <h3 className="govuk-heading-s" id="apply-check-title">
        {decision.may_apply ? "Your school can apply" : "Your school cannot apply"}
      </h3>
      <p className="govuk-body">{decision.summary}</p>
      <DecisionRules rules={decision.rules} />
      {decision.may_apply ? (
        <>
          {pending.length > 0 && (
            <p className="govuk-body">
              What is marked &ldquo;To be checked&rdquo; is settled on the form, and checked again when you submit.
            </p>
          )}
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
        </>
      ) : (
        <p className="govuk-body">
          You cannot start an application for this programme.{" "}
          <Link className="govuk-link" to={`/schools/${decision.urn}`}>
            See what your school can do next
          </Link>
          .
        </p>
      )}
    </div>
  );
}
