import { useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { Problem } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Checkboxes } from "../../components/form/Checkboxes";
import { TextInput } from "../../components/form/TextInput";
import { Layout } from "../../components/Layout";
import { SuccessBanner } from "../../components/NotificationBanner";
import { bodyError, checksProblem, errorsByPointer, formText, problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { useRegisterWebhook, type WebhookEndpointIssued } from "./api";
import { BREAK_ANYWHERE, eventLabels, isEventType } from "./events";

const FIELDS = {
  "/url": { id: "url", label: "Address" },
  "/events": { id: "events", label: "Events" },
  "/description": { id: "description", label: "Description" },
};
const EVENT_OPTIONS = Object.entries(eventLabels).map(([value, label]) => ({ value, label }));

/** Register an endpoint: its address and the events it wants. The secret is shown once. */
export function RegisterWebhookPage() {
  const register = useRegisterWebhook();
  const [checks, setChecks] = useState<Problem | null>(null);
  const [issued, setIssued] = useState<WebhookEndpointIssued | null>(null);
  const problem = checks ?? problemOf(register.error);
  const errors = errorsByPointer(problem);
  usePageTitle("Register a webhook endpoint", { error: problem !== null });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (register.isPending) return;
    const data = new FormData(event.currentTarget);
    const url = formText(data, "url").trim();
    const description = formText(data, "description").trim();
    const events = data.getAll("events").filter(isEventType);
    const found = checksProblem([
      ...(url === "" ? [bodyError("/url", "Enter the address to send webhooks to")] : []),
      ...(events.length === 0 ? [bodyError("/events", "Select the events to send")] : []),
    ]);
    setChecks(found);
    if (found) return;
    register.mutate(
      { url, events, description, enabled: true },
      {
        onSuccess: (endpoint) => {
          setIssued(endpoint);
          register.reset();
        },
      },
    );
  }

  if (issued) {
    return (
      <Layout>
        <SuccessBanner heading="Endpoint registered">
          <p className="govuk-body">
            <strong>Copy its signing secret now: it will not be shown again.</strong> Your receiver checks each
            delivery&apos;s signature with it.
          </p>
          <p className="govuk-body">
            <code className="app-secret" id="webhook-secret">
              {issued.secret}
            </code>
          </p>
        </SuccessBanner>
        <h1 className="govuk-heading-l" style={BREAK_ANYWHERE}>{issued.url}</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/admin/webhooks/${String(issued.id)}`}>
            See its deliveries
          </Link>
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/webhooks">
            All webhooks
          </Link>
        </p>
      </Layout>
    );
  }

  return (
    <Layout>
      <Link className="govuk-back-link" to="/admin/webhooks">
        Back to webhooks
      </Link>
      {problem && <ErrorSummary problem={problem} fields={FIELDS} />}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Register a webhook endpoint</h1>
          <form method="post" onSubmit={submit} noValidate>
            <TextInput
              id="url"
              label="Address"
              hint="Where your system receives webhooks, starting https://"
              type="url"
              spellCheck={false}
              autoComplete="off"
              error={errors["/url"]}
            />
            <TextInput
              id="description"
              label="Description (optional)"
              hint="Which of your systems this is, like ‘Timetable sync’."
              autoComplete="off"
              error={errors["/description"]}
            />
            <Checkboxes
              name="events"
              legend="Events"
              hint="Select all that apply."
              options={EVENT_OPTIONS}
              error={errors["/events"]}
            />
            <button type="submit" className="govuk-button">
              Register endpoint
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
