import type { ApiKey } from "../../api/client";
import { formatDateTime, formatDay, scopeLabels } from "../../format";
import { keyStatus, KeyStatusTag } from "./KeyStatusTag";
import { rateLimitText } from "./rateLimit";

type Props = {
  keys: ApiKey[];
  /** Hub names by id, to name each key's hub. */
  hubNames: ReadonlyMap<string, string>;
  now: Date;
  onRevoke: (key: ApiKey) => void;
  onChangeLimit: (key: ApiKey) => void;
};

/** The id of a key's Revoke button, so focus can go back to it when revoking is cancelled. */
export function revokeButtonId(key: Pick<ApiKey, "id">): string {
  return `revoke-key-${String(key.id)}`;
}

/** The id of a key's "Change limit" button, so focus can go back to it. */
export function limitButtonId(key: Pick<ApiKey, "id">): string {
  return `change-limit-${String(key.id)}`;
}

/** API keys as a GOV.UK table, scrolling inside its own region when the page is narrow. */
export function ApiKeyTable({ keys, hubNames, now, onRevoke, onChangeLimit }: Props) {
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="api-keys-caption" tabIndex={0}>
      <table className="govuk-table app-table--small">
        <caption className="govuk-table__caption govuk-visually-hidden" id="api-keys-caption">
          API keys
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Name
            </th>
            <th scope="col" className="govuk-table__header">
              Hub
            </th>
            <th scope="col" className="govuk-table__header">
              What it may do
            </th>
            <th scope="col" className="govuk-table__header">
              Created
            </th>
            <th scope="col" className="govuk-table__header">
              Last used
            </th>
            <th scope="col" className="govuk-table__header">
              Expires
            </th>
            <th scope="col" className="govuk-table__header">
              Rate limit
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {keys.map((key) => {
            const status = keyStatus(key, now);
            return (
              <tr className="govuk-table__row" key={key.id}>
                <th scope="row" className="govuk-table__header">
                  {key.name}
                  <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0 app-nowrap">
                    mh_{key.prefix}_…
                  </span>
                </th>
                <td className="govuk-table__cell">
                  {key.hub_id ? (hubNames.get(key.hub_id) ?? key.hub_id) : "Every hub"}
                </td>
                <td className="govuk-table__cell">
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {key.scopes.map((scope) => (
                      <li key={scope}>{scopeLabels[scope].label}</li>
                    ))}
                  </ul>
                </td>
                <td className="govuk-table__cell">
                  <span className="app-nowrap">{formatDay(key.created_at)}</span>
                  <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">by {key.created_by}</span>
                </td>
                <td className="govuk-table__cell">{key.last_used_at ? formatDateTime(key.last_used_at) : "Never"}</td>
                <td className="govuk-table__cell">
                  {key.expires_at ? <span className="app-nowrap">{formatDay(key.expires_at)}</span> : "Never"}
                </td>
                <td className="govuk-table__cell">
                  <span className="app-nowrap">{rateLimitText(key.rate_limit_per_minute)}</span>
                  {status === "active" && (
                    <button
                      type="button"
                      id={limitButtonId(key)}
                      className="app-link-button app-table__meta govuk-body-s govuk-!-margin-bottom-0"
                      onClick={() => {
                        onChangeLimit(key);
                      }}
                    >
                      Change<span className="govuk-visually-hidden"> the rate limit of {key.name}</span>
                    </button>
                  )}
                </td>
                <td className="govuk-table__cell">
                  <KeyStatusTag status={status} />
                </td>
                <td className="govuk-table__cell">
                  {status === "active" && (
                    <button
                      type="button"
                      id={revokeButtonId(key)}
                      className="app-link-button"
                      onClick={() => {
                        onRevoke(key);
                      }}
                    >
                      Revoke<span className="govuk-visually-hidden"> {key.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
