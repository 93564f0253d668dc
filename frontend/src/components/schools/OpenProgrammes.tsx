import { Link } from "react-router-dom";
import type { OpenProgramme } from "../../api/client";
import { academicYearLabel, formatDate } from "../../format";
import { DecisionRules } from "../eligibility/DecisionRules";

type Props = {
  programmes: OpenProgramme[];
  hubNames: Map<string, string>;
};

/** Programmes open now that the school may apply for: a summary card each, with the decision rule by rule. */
export function OpenProgrammes({ programmes, hubNames }: Props) {
  if (programmes.length === 0) {
    return (
      <p className="govuk-body">
        There are no open programmes this school may apply for at the moment. You can{" "}
        <Link className="govuk-link" to="/programmes?status=open">
          see every programme open for applications
        </Link>
        .
      </p>
    );
  }
  return (
    <>
      {programmes.map((programme) => (
        <div className="govuk-summary-card" key={programme.programme_id}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              <Link className="govuk-link" to={`/programmes/${String(programme.programme_id)}`}>
                {programme.title}
              </Link>
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Maths Hub</dt>
                <dd className="govuk-summary-list__value">{hubNames.get(programme.hub_id) ?? programme.hub_id}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Academic year</dt>
                <dd className="govuk-summary-list__value">{academicYearLabel(programme.academic_year)}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Closing date</dt>
                <dd className="govuk-summary-list__value">
                  {programme.closing_date ? `${formatDate(programme.closing_date)} at 11:59pm` : "Not set"}
                </dd>
              </div>
            </dl>
            <p className="govuk-body govuk-!-font-weight-bold">{programme.decision.summary}</p>
            <DecisionRules rules={programme.decision.rules} />
          </div>
        </div>
      ))}
    </>
  );
}
