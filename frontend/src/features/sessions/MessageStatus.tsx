import { formatDateTime } from "../../format";
import type { Message } from "./api";
import { messagesSummary, messageStatusLabels } from "./messages";

const TAG: Record<Message["status"], string> = {
  queued: "govuk-tag--grey",
  sent: "govuk-tag--green",
  failing: "govuk-tag--red",
};

type Props = {
  /** The heading's id, unique on the page. */
  id: string;
  heading: string;
  messages: Message[] | undefined;
  /** Say nothing at all while there are no messages (rather than "No emails yet"). */
  hideWhenNone?: boolean;
};

/**
 * The emails about a record with their status as the outbox knows it: waiting to send, sent
 * (the mail server took it) or failing (tried again later). Updates itself while some wait.
 */
export function MessageStatus({ id, heading, messages, hideWhenNone = false }: Props) {
  if (messages === undefined) {
    return (
      <p className="govuk-body" role="status">
        Loading emails…
      </p>
    );
  }
  if (messages.length === 0 && hideWhenNone) return null;
  return (
    <section aria-labelledby={id}>
      <h2 className="govuk-heading-m" id={id}>
        {heading}
      </h2>
      <p className="govuk-body" role="status" aria-live="polite">
        {messagesSummary(messages)}
      </p>
      {messages.length > 0 && (
        <div className="app-table-wrapper" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
          <table className="govuk-table app-table--small">
            <caption className="govuk-table__caption govuk-visually-hidden" id={`${id}-caption`}>
              {heading}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  To
                </th>
                <th scope="col" className="govuk-table__header">
                  Subject
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {messages.map((message) => (
                <tr className="govuk-table__row" key={message.id}>
                  <td className="govuk-table__cell">{message.to}</td>
                  <td className="govuk-table__cell">{message.subject}</td>
                  <td className="govuk-table__cell">
                    <strong className={`govuk-tag ${TAG[message.status]}`}>{messageStatusLabels[message.status]}</strong>
                    {message.status === "sent" && message.sent_at && (
                      <span className="app-table__meta">{formatDateTime(message.sent_at)}</span>
                    )}
                    {message.status === "failing" && message.next_attempt_at && (
                      <span className="app-table__meta">
                        Next try {formatDateTime(message.next_attempt_at)}
                        {message.last_error ? `. The mail server said: ${message.last_error}` : ""}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
