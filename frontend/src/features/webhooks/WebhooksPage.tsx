import { Link } from "react-router-dom";
import { problemStatus } from "../../api/client";
import { useMe } from "../../api/queries";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { formatDateTime } from "../../format";
import { pluralise } from "../../formatBasics";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { ForbiddenPage } from "../../pages/ForbiddenPage";
import { useWebhookEndpoints, type WebhookEndpoint } from "./api";
import { BREAK_ANYWHERE, eventLabels } from "./events";

/** The hub's webhook endpoints, each linking to its delivery log; registering a new one. */
export function WebhooksPage() {
  const me = useMe();
  const endpoints = useWebhookEndpoints();
  const problem = problemOf(endpoints.error);
  usePageTitle("Webhooks", { error: problem !== null });

  if (!me.data) return null; // RequireRole renders this page only for someone signed in.
  if (problemStatus(endpoints.error) === 403) {
    return <ForbiddenPage me={me.data} audience="national and hub administrators" />;
  }
  const items = endpoints.data?.items;

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-xl">Webhooks</h1>
      <p className="govuk-body-l">
        Webhooks tell your hub&apos;s other systems as soon as something changes, instead of them asking again and again.
      </p>
      <p className="govuk-body">
        Each delivery is signed as the Standard Webhooks specification says and names what changed; your system then
        reads it with an{" "}
        <Link className="govuk-link" to="/admin/api-keys">
          API key
        </Link>
        . The{" "}
        <Link className="govuk-link" to="/developers">
          developers&apos; page
        </Link>{" "}
        explains the API.
      </p>
      <p className="govuk-body">
        <Link className="govuk-button" to="/admin/webhooks/new" role="button" draggable="false">
          Register an endpoint
        </Link>
      </p>
      <h2 className="govuk-heading-m">{items ? pluralise(items.length, "endpoint") : "Endpoints"}</h2>
      {endpoints.isPending && (
        <p className="govuk-body" role="status">
          Loading endpoints…
        </p>
      )}
      {items && items.length === 0 && <p className="govuk-body">There are no endpoints yet.</p>}
      {items && items.length > 0 && (
        <ul className="govuk-list">
          {items.map((endpoint) => (
            <EndpointCard key={endpoint.id} endpoint={endpoint} />
          ))}
        </ul>
      )}
    </Layout>
  );
}

function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  return (
    <li className="govuk-summary-card">
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title" style={BREAK_ANYWHERE}>
          <Link className="govuk-link" to={`/admin/webhooks/${String(endpoint.id)}`}>
            {endpoint.url}
          </Link>
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Status</dt>
            <dd className="govuk-summary-list__value">{endpointStatus(endpoint)}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Events</dt>
            <dd className="govuk-summary-list__value">{endpoint.events.map((e) => eventLabels[e]).join(", ")}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Registered</dt>
            <dd className="govuk-summary-list__value">{formatDateTime(endpoint.created_at)}</dd>
          </div>
        </dl>
      </div>
    </li>
  );
}

export function endpointStatus(endpoint: Pick<WebhookEndpoint, "enabled" | "disabled_reason">): string {
  if (endpoint.enabled) return "On";
  if (endpoint.disabled_reason === "gone") return "Off: it answered 410 Gone";
  if (endpoint.disabled_reason === "failing") return "Off: every delivery failed for a day";
  return "Off";
}
