import { Link } from "react-router-dom";
import type { WorkGroup } from "../../api/client";
import { academicYearLabel } from "../../format";
import { countOf } from "../../workGroups";
import { WorkGroupStatusTag } from "./Tags";
import { TableHead } from "../TableHead";

/** Work Groups, each a link to its page, with the programme, year, lead, schools and status. */
export function WorkGroupTable({ groups, captionId }: { groups: WorkGroup[]; captionId: string }) {
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="govuk-table app-table--small">
        <caption className="govuk-visually-hidden">Work Groups</caption>
        <TableHead columns={["Work Group", "Programme", "Academic year", "Lead", "Schools", "Status"]} />
        <tbody className="govuk-table__body">
          {groups.map((group) => (
            <tr className="govuk-table__row" key={group.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/work-groups/${String(group.id)}`}>
                  {group.name}
                </Link>
              </td>
              <td className="govuk-table__cell">{group.programme_title}</td>
              <td className="govuk-table__cell">{academicYearLabel(group.academic_year)}</td>
              <td className="govuk-table__cell">{group.lead.name}</td>
              <td className="govuk-table__cell">{countOf(group.schools.length, group.max_schools)}</td>
              <td className="govuk-table__cell">
                <WorkGroupStatusTag completedOn={group.completed_on} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
