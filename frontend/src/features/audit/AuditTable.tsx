import type { AuditEvent } from "../../api/client";
import { formatDateTime } from "../../format";
import { ChangeList } from "./ChangeList";
import { auditWhat, resourceTypeLabels, shownRole } from "./wording";

/** Audit events as a GOV.UK table, newest first as the API gives them: who by name and role,
 * what by the record's title. On a narrow screen each event reads as a stacked row. */
export function AuditTable({ events, hubNames }: { events: AuditEvent[]; hubNames: ReadonlyMap<string, string> }) {
  return (
    <table className="govuk-table app-table--small app-table--stacked">
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
            <td className="govuk-table__cell" data-label="When">
              {formatDateTime(event.at)}
            </td>
            <td className="govuk-table__cell" data-label="Who">
              {event.actor_name}
              {shownRole(event.actor_role) && (
                <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">{shownRole(event.actor_role)}</span>
              )}
              {event.actor_label !== event.actor_name && (
                <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0 app-break-words">
                  {event.actor_label}
                </span>
              )}
            </td>
            <td className="govuk-table__cell" data-label="What">
              {auditWhat(event)}
              <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">
                {resourceTypeLabels[event.resource_type] ?? event.resource_type}
                {event.hub_id && `, ${hubNames.get(event.hub_id) ?? event.hub_id}`}
              </span>
              {event.note && <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">{event.note}</span>}
            </td>
            <td className="govuk-table__cell app-break-words" data-label="Changes">
              <ChangeList changes={event.changes} labels={event.field_labels} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
