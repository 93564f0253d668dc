import type { AuditEvent } from "../../api/client";
import { auditActionLabel, formatDateTime } from "../../format";
import { ChangeList } from "./ChangeList";

/** Audit events as a GOV.UK table, newest first as the API gives them. */
export function AuditTable({ events, hubNames }: { events: AuditEvent[]; hubNames: ReadonlyMap<string, string> }) {
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="govuk-table app-table--small">
        <caption className="govuk-table__caption govuk-visually-hidden" id="audit-caption">
          Audit log
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              When
            </th>
            <th scope="col" className="govuk-table__header">
              Who
            </th>
            <th scope="col" className="govuk-table__header">
              What
            </th>
            <th scope="col" className="govuk-table__header govuk-!-width-one-half">
              Changes
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {events.map((event) => (
            <tr className="govuk-table__row" key={event.id}>
              <td className="govuk-table__cell">{formatDateTime(event.at)}</td>
              <td className="govuk-table__cell">
                {event.actor_label}
                <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0 app-nowrap">{event.actor}</span>
              </td>
              <td className="govuk-table__cell">
                {auditActionLabel(event.action, event.resource_type, event.resource_id)}
                {event.hub_id && (
                  <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">
                    {hubNames.get(event.hub_id) ?? event.hub_id}
                  </span>
                )}
                {event.note && <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">{event.note}</span>}
              </td>
              <td className="govuk-table__cell app-break-words">
                <ChangeList changes={event.changes} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
