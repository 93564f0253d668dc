import { Link, useLocation } from "react-router-dom";
import { useApplicationCounts } from "../api/applicationCounts";
import type { Programme } from "../api/client";
import { useMe } from "../api/queries";
import { isHubStaff } from "../auth";
import type { ApplicationCounts } from "../api/applicationCounts";
import { formatDate, phaseLabels, pluralise, stageLabels } from "../formatBasics";
import { StatusTag } from "./StatusTag";

/**
 * Programmes as a GOV.UK table. The table scrolls inside its own focusable region when the
 * page is narrow or zoomed, rather than the whole page scrolling sideways.
 */
export function ProgrammeList({ programmes }: { programmes: Programme[] }) {
  const location = useLocation();
  // The programme page's back link returns to this list, filters and page included.
  const from = `${location.pathname}${location.search}`;
  // The hub's staff see how recruitment stands on their own programmes (never the public).
  const me = useMe();
  const counts = useApplicationCounts({ enabled: isHubStaff(me.data) });
  const byProgramme = new Map((counts.data?.items ?? []).map((count) => [count.programme_id, count]));
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="programmes-caption" tabIndex={0}>
      <table className="govuk-table app-table--stacked">
        <caption className="govuk-table__caption govuk-visually-hidden" id="programmes-caption">
          Programmes
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header govuk-!-width-one-half">
              Programme
            </th>
            <th scope="col" className="govuk-table__header">
              Year
            </th>
            <th scope="col" className="govuk-table__header">
              Phase and stage
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {programmes.map((programme) => (
            <tr className="govuk-table__row" key={programme.id}>
              <td className="govuk-table__cell" data-label="Programme">
                <Link className="govuk-link" to={`/programmes/${String(programme.id)}`} state={{ from }}>
                  {programme.title}
                </Link>
                <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">
                  {programme.hub.name}
                  {programme.code && (
                    <>
                      {" · "}
                      <span className="app-nowrap">{programme.code}</span>
                    </>
                  )}
                </span>
              </td>
              <td className="govuk-table__cell" data-label="Year">
                {programme.academic_year_label}
              </td>
              <td className="govuk-table__cell" data-label="Phase and stage">
                {phaseLabels[programme.phase]}
                <span className="app-table__meta">{stageLabels[programme.stage]}</span>
              </td>
              <td className="govuk-table__cell" data-label="Status">
                <StatusTag status={programme.status} />
                {programme.status === "open" && programme.closing_date && (
                  <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">
                    Closing date: {formatDate(programme.closing_date)}
                  </span>
                )}
                {byProgramme.has(programme.id) && programme.status !== "draft" && (
                  <span className="app-table__meta govuk-body-s govuk-!-margin-bottom-0">
                    {countsLine(byProgramme.get(programme.id))}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "3 submitted, 1 of 7 places filled, 2 on the waiting list". */
function countsLine(count: ApplicationCounts | undefined): string {
  if (!count) return "";
  const places = count.places === null ? `${String(count.places_filled)} selected` : `${String(count.places_filled)} of ${pluralise(count.places, "place")} filled`;
  return `${String(count.submitted)} submitted, ${places}, ${String(count.waiting_list)} on the waiting list`;
}
