import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { pageLinks, Pagination } from "../../components/Pagination";
import { formatDateTime } from "../../format";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { NotFoundPage } from "../../pages/NotFoundPage";
import { idParam } from "../../workGroups";
import { useSendAgain, useWebhookDeliveries, useWebhookEndpoint, type WebhookDelivery } from "./api";
import { BREAK_ANYWHERE, deliveryOutcome, eventLabels } from "./events";
import { endpointStatus } from "./WebhooksPage";
import { SendRangeAgain } from "./SendRangeAgain";

/** One endpoint: what it is sent, and its deliveries of the last 30 days with "Send again". */
export function WebhookPage() {
  const id = idParam(useParams().id);
  const [search] = useSearchParams();
  const cursor = search.get("cursor");
  const me = useMe();
  const endpoint = useWebhookEndpoint(id ?? 0);
  const deliveries = useWebhookDeliveries(id ?? 0, cursor);
  const sendAgain = useSendAgain();
  const [sent, setSent] = useState<WebhookDelivery | null>(null);
  const errors = [endpoint.error, deliveries.error];
  const problem = problemOf(sendAgain.error) ?? errors.map(problemOf).find((found) => found !== null) ?? null;
  const notFound = id === null || errors.some((error) => problemStatus(error) === 404);
  usePageTitle(notFound ? null : "Webhook deliveries", { error: problem !== null });

  if (!me.data) return null;
  if (errors.some((error) => problemStatus(error) === 403)) {
    return <ForbiddenPage me={me.data} audience="national and hub administrators" />;
  }
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;
  const page = deliveries.data;

  return (
    <Layout>
      <Link className="govuk-back-link" to="/admin/webhooks">
        Back to webhooks
      </Link>
      {problem && <ErrorSummary problem={problem} />}
      {sent && (
        <SuccessBanner key={`sent-${String(sent.id)}`} heading="Delivery will be sent again">
          <p className="govuk-body">
            {eventLabels[sent.event_type]} is sent again now, from its first attempt, with the same webhook-id.
          </p>
        </SuccessBanner>
      )}
      <span className="govuk-caption-l">Webhook deliveries</span>
      <h1 className="govuk-heading-l" style={BREAK_ANYWHERE}>{endpoint.data?.url ?? "Endpoint"}</h1>
      {endpoint.data && (
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Status</dt>
            <dd className="govuk-summary-list__value">{endpointStatus(endpoint.data)}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Events</dt>
            <dd className="govuk-summary-list__value">
              {endpoint.data.events.map((e) => eventLabels[e]).join(", ")}
            </dd>
          </div>
        </dl>
      )}
      <h2 className="govuk-heading-m">Deliveries</h2>
      <p className="govuk-body">Newest first, kept for 30 days. Failed attempts are retried for a little over a day.</p>
      {deliveries.isPending && (
        <p className="govuk-body" role="status">
          Loading deliveries…
        </p>
      )}
      {page && page.items.length === 0 && <p className="govuk-body">Nothing has been sent to this endpoint yet.</p>}
      {page && page.items.length > 0 && (
        <div className="app-table-wrapper" role="region" aria-labelledby="deliveries-caption" tabIndex={0}>
          <table className="govuk-table app-table--small">
            <caption className="govuk-table__caption govuk-visually-hidden" id="deliveries-caption">
              Deliveries
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Event
                </th>
                <th scope="col" className="govuk-table__header">
                  Happened
                </th>
                <th scope="col" className="govuk-table__header">
                  Outcome
                </th>
                <th scope="col" className="govuk-table__header">
                  Attempts
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.items.map((delivery) => (
                <tr className="govuk-table__row" key={delivery.id}>
                  <th scope="row" className="govuk-table__header">
                    {eventLabels[delivery.event_type]}
                    <span className="govuk-hint govuk-!-margin-bottom-0">
                      {delivery.resource_type.replace("_", " ")} {delivery.resource_id}
                    </span>
                  </th>
                  <td className="govuk-table__cell">{formatDateTime(delivery.occurred_at)}</td>
                  <td className="govuk-table__cell">{deliveryOutcome(delivery)}</td>
                  <td className="govuk-table__cell">
                    <ul className="govuk-list govuk-!-margin-bottom-0">
                      {delivery.attempts.map((attempt, index) => (
                        <li key={index}>
                          {formatDateTime(attempt.attempted_at)}:{" "}
                          {attempt.status_code !== null ? String(attempt.status_code) : (attempt.error ?? "no answer")}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="govuk-table__cell">
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                      disabled={sendAgain.isPending || !endpoint.data?.enabled}
                      onClick={() => {
                        sendAgain.mutate(delivery.id, {
                          onSuccess: (again) => {
                            setSent(again);
                          },
                        });
                      }}
                    >
                      Send again<span className="govuk-visually-hidden">: {eventLabels[delivery.event_type]}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && <Pagination {...pageLinks(search, page.next_cursor)} />}
      {page && page.items.length > 0 && endpoint.data && (
        <SendRangeAgain endpointId={endpoint.data.id} enabled={endpoint.data.enabled} />
      )}
    </Layout>
  );
}
