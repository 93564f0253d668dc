import { formatChangeValue } from "./wording";

type Changes = Record<string, Record<string, unknown>>;

/** How many changes are listed before the rest fold away behind "Show all". */
const SHOWN = 4;

function Items({ entries, labels }: { entries: [string, Record<string, unknown>][]; labels: Record<string, string> }) {
  return (
    <ul className="govuk-list govuk-body-s app-change-list">
      {entries.map(([field, change]) => (
        <li key={field}>
          <span className="app-change-list__field">{labels[field] ?? field}</span>: {formatChangeValue(change.before)} →{" "}
          {formatChangeValue(change.after)}
        </li>
      ))}
    </ul>
  );
}

/** An audit event's changes, each as "Start time: 1:30pm → 2pm" with the field's label in
 * words; a long list folds into a details. */
export function ChangeList({ changes, labels }: { changes: Changes; labels: Record<string, string> }) {
  const entries = Object.entries(changes);
  if (entries.length === 0) return <span className="govuk-body-s">No fields changed</span>;
  if (entries.length <= SHOWN) return <Items entries={entries} labels={labels} />;
  return (
    <details className="govuk-details govuk-!-margin-bottom-0">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Show all {entries.length} changes</span>
      </summary>
      <div className="govuk-details__text">
        <Items entries={entries} labels={labels} />
      </div>
    </details>
  );
}
