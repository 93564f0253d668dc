// Forming a Work Group from the selection: which selected schools are in no group yet, and
// the news shown on the group's page once it is formed. Pure: no React.
import type { GroupSchool, WorkGroup } from "../../api/client";
import { pluralise } from "../../format";
import type { GroupNews } from "../../groupYear";

type Selected = { school: { urn: string; name: string } };

/** The selected schools that none of the programme's groups has, in the order given. */
export function ungroupedSchools(
  selected: readonly Selected[],
  groups: readonly { schools: readonly Pick<GroupSchool, "urn">[] }[],
): { urn: string; name: string }[] {
  const grouped = new Set(groups.flatMap((group) => group.schools.map((school) => school.urn)));
  const seen = new Set<string>();
  return selected
    .map((application) => application.school)
    .filter((school) => {
      if (grouped.has(school.urn) || seen.has(school.urn)) return false;
      seen.add(school.urn);
      return true;
    })
    .map(({ urn, name }) => ({ urn, name }));
}

/** "Leeds Work Group formed: 2 schools and 5 participants joined." */
export function formedNews(group: Pick<WorkGroup, "name" | "schools" | "participants">): GroupNews {
  return {
    heading: `${group.name} formed`,
    text: `${pluralise(group.schools.length, "school")} and ${pluralise(group.participants.length, "participant")} joined from the selection.`,
  };
}
