import { Link } from "react-router-dom";
import type { WorkGroup } from "../../api/client";
import { membersLabel } from "../../workGroups";
import { TableHead } from "../TableHead";

/** The group's member schools, each a link to its school page. */
export function SchoolTable({ group }: { group: WorkGroup }) {
  if (group.schools.length === 0) return <p className="govuk-body">The group has no member schools yet.</p>;
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="schools-caption" tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s" id="schools-caption">
          {membersLabel(group.schools.length, group.max_schools, "school")}
        </caption>
        <TableHead columns={["School", "URN", "Town"]} />
        <tbody className="govuk-table__body">
          {group.schools.map((school) => (
            <tr className="govuk-table__row" key={school.urn}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/schools/${school.urn}`}>
                  {school.name}
                </Link>
              </td>
              <td className="govuk-table__cell">{school.urn}</td>
              <td className="govuk-table__cell">{school.town ?? "Not recorded"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The teachers who take part, with their schools. */
export function ParticipantTable({ group }: { group: WorkGroup }) {
  if (group.participants.length === 0) return <p className="govuk-body">The group has no participants yet.</p>;
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby="participants-caption" tabIndex={0}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s" id="participants-caption">
          {membersLabel(group.participants.length, group.max_participants, "participant")}
        </caption>
        <TableHead columns={["Name", "School"]} />
        <tbody className="govuk-table__body">
          {group.participants.map((person) => (
            <tr className="govuk-table__row" key={person.id}>
              <td className="govuk-table__cell">{person.name}</td>
              <td className="govuk-table__cell">
                {person.school_name ?? (person.school_urn ? `URN ${person.school_urn}` : "Not recorded")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
