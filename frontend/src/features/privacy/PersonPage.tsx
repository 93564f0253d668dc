import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { WarningText } from "../../components/WarningText";
import { formatDate } from "../../formatBasics";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { useErasePerson, usePerson, useRecordSubjectAccessRequest } from "./api";

/** One person: record their subject access request, or erase them (after a confirmation). */
export function PersonPage() {
  const personId = Number(useParams().id);
  const person = usePerson(personId);
  const erase = useErasePerson();
  const record = useRecordSubjectAccessRequest();
  const [confirming, setConfirming] = useState(false);
  const problem = problemOf(erase.error) ?? problemOf(record.error) ?? problemOf(person.error);
  usePageTitle(person.data?.name ?? "Person", { error: problem !== null });

  if (person.error && problemOf(person.error)?.status === 404) return <NotFoundPage />;
  const data = person.data;

  return (
    <Layout
      beforeContent={
        <Link to="/admin/people" className="govuk-back-link">
          Back to people
        </Link>
      }
    >
      {problem && <ErrorSummary problem={problem} />}
      {erase.isSuccess && (
        <SuccessBanner heading="Person erased">
          <p className="govuk-body">
            Their name, email address and what they wrote are redacted everywhere; their attendance and counts stay.
          </p>
        </SuccessBanner>
      )}
      {record.data && (
        <SuccessBanner heading="Subject access request recorded">
          <p className="govuk-body">
            Answer it by {formatDate(record.data.due_on)}.{" "}
            <Link className="govuk-link" to="/admin/subject-access-requests">
              Download their records from the list of requests
            </Link>
            .
          </p>
        </SuccessBanner>
      )}
      <h1 className="govuk-heading-xl">{data?.name ?? "Person"}</h1>
      {data && (
        <>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Email</dt>
              <dd className="govuk-summary-list__value govuk-!-text-break-word">{data.email}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">School</dt>
              <dd className="govuk-summary-list__value">{data.school_urn ?? "None"}</dd>
            </div>
            {data.erased_at && (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Erased</dt>
                <dd className="govuk-summary-list__value">{formatDate(data.erased_at.slice(0, 10))}</dd>
              </div>
            )}
          </dl>
          <h2 className="govuk-heading-m">Subject access request</h2>
          <p className="govuk-body">
            When this person asks for the data the service holds about them, record their request: you have one month
            to send them their records.
          </p>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            data-module="govuk-button"
            disabled={record.isPending}
            onClick={() => {
              record.mutate(personId);
            }}
          >
            Record a subject access request
          </button>
          {!data.erased_at && (
            <>
              <h2 className="govuk-heading-m">Erase this person</h2>
              <p className="govuk-body">
                Their name, email address and anything they wrote are redacted everywhere they appear, including the
                audit log. Their attendance, group places and the hub&apos;s figures stay.
              </p>
              <WarningText>You cannot undo this.</WarningText>
              {confirming ? (
                <div className="govuk-button-group">
                  <button
                    type="button"
                    className="govuk-button govuk-button--warning"
                    data-module="govuk-button"
                    disabled={erase.isPending}
                    onClick={() => {
                      erase.mutate(personId, {
                        onSettled: () => {
                          setConfirming(false);
                        },
                      });
                    }}
                  >
                    Yes, erase {data.name}
                  </button>
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    data-module="govuk-button"
                    onClick={() => {
                      setConfirming(false);
                    }}
                  >
                    Cancel
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  className="govuk-button govuk-button--warning"
                  data-module="govuk-button"
                  onClick={() => {
                    erase.reset();
                    setConfirming(true);
                  }}
                >
                  Erase this person
                </button>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}
