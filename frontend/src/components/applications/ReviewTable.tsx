import { Link } from "react-router-dom";
import type { Application } from "../../api/applications";
import { formatDay } from "../../format";
import { ApplicationStatusTag } from "./ApplicationStatusTag";

type Props = {
  applications: Application[];
  selected: ReadonlySet<number>;
  onToggle: (id: number) => void;
  onToggleAll: (select: boolean) => void;
  captionId: string;
};

/** The review list in priority order: a checkbox per application for the bulk decisions. */
export function ReviewTable({ applications, selected, onToggle, onToggleAll, captionId }: Props) {
  const all = applications.length > 0 && applications.every((application) => selected.has(application.id));
  return (
    <div className="app-table-wrapper" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="govuk-table app-table--small app-table--stacked">
        <caption className="govuk-table__caption govuk-visually-hidden">Applications in priority order</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id="select-all"
                    type="checkbox"
                    checked={all}
                    onChange={() => {
                      onToggleAll(!all);
                    }}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor="select-all">
                    <span className="govuk-visually-hidden">Select all applications in the list</span>
                  </label>
                </div>
              </div>
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Priority
            </th>
            <th scope="col" className="govuk-table__header">
              School
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              Submitted
            </th>
            <th scope="col" className="govuk-table__header">
              Why this priority
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {applications.map((application) => {
            const boxId = `select-${String(application.id)}`;
            return (
              <tr className="govuk-table__row" key={application.id}>
                <td className="govuk-table__cell" data-label="">
                  <div className="govuk-checkboxes govuk-checkboxes--small">
                    <div className="govuk-checkboxes__item">
                      <input
                        className="govuk-checkboxes__input"
                        id={boxId}
                        name="applications"
                        type="checkbox"
                        value={application.id}
                        checked={selected.has(application.id)}
                        onChange={() => {
                          onToggle(application.id);
                        }}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={boxId}>
                        <span className="govuk-visually-hidden">Select {application.school.name}</span>
                      </label>
                    </div>
                  </div>
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric" data-label="Priority">
                  {application.priority ?? "–"}
                </td>
                <th scope="row" className="govuk-table__header govuk-!-font-weight-regular" data-label="School">
                  <Link className="govuk-link" to={`/applications/${String(application.id)}`}>
                    {application.school.name}
                  </Link>
                  <span className="govuk-body-s app-table__meta">
                    {application.reference} · URN {application.school.urn}
                  </span>
                </th>
                <td className="govuk-table__cell" data-label="Status">
                  <ApplicationStatusTag status={application.status} />
                </td>
                <td className="govuk-table__cell" data-label="Submitted">
                  {application.submitted_at ? formatDay(application.submitted_at) : "Not submitted"}
                </td>
                <td className="govuk-table__cell" data-label="Why this priority">
                  {application.priority_reason ?? ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
