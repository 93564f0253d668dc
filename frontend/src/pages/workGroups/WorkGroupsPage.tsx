import { Link, useSearchParams } from "react-router-dom";
import { useMe } from "../../api/queries";
import { useWorkGroups } from "../../api/workGroups";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { pageLinks, Pagination } from "../../components/Pagination";
import { PrivateFeed } from "../../components/workGroups/PrivateFeed";
import { WorkGroupTable } from "../../components/workGroups/WorkGroupTable";
import { pluralise } from "../../format";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

/** Hub staff: their hub's Work Groups; a Mastery Specialist: the groups they lead. A page at a time. */
export function WorkGroupsPage() {
  const me = useMe();
  const [search] = useSearchParams();
  const cursor = search.get("cursor");
  const groups = useWorkGroups(cursor ? { cursor } : {});
  const problem = problemOf(groups.error);
  usePageTitle("Work Groups", { error: problem !== null });

  const items = groups.data?.items ?? [];
  const paged = cursor !== null || Boolean(groups.data?.next_cursor);
  const specialist = me.data?.role === "mastery_specialist";
  // A Mastery Specialist sees only the groups they lead: each one's lead is them.
  const myself = specialist ? (items[0]?.lead ?? null) : null;
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} />}
      <h1 className="govuk-heading-xl">Work Groups</h1>
      <p className="govuk-body-l">
        {specialist
          ? "The Work Groups you lead."
          : me.data?.role === "national_admin"
            ? "Every hub's Work Groups, of every year."
            : "Your hub's Work Groups, of every year."}
      </p>
      <p className="govuk-body">
        <Link className="govuk-link" to="/calendar">
          See the sessions of the hub&apos;s groups in a month calendar
        </Link>
      </p>
      <h2 className="govuk-heading-m" id="work-groups-count">
        {groups.isPending
          ? "Work Groups"
          : `${pluralise(items.length, "Work Group")}${paged ? " on this page" : ""}`}
      </h2>
      {groups.isPending && (
        <p className="govuk-body" role="status">
          Loading Work Groups…
        </p>
      )}
      {groups.data && items.length === 0 && (
        <p className="govuk-body">
          {specialist ? "You do not lead a Work Group yet." : "Your hub has no Work Groups yet."}
        </p>
      )}
      {items.length > 0 && <WorkGroupTable groups={items} captionId="work-groups-count" />}
      {groups.data && <Pagination {...pageLinks(search, groups.data.next_cursor)} />}
      {myself && <PrivateFeed subject={{ person_id: myself.id }} heading="Subscribe to your sessions" id="my-feed" />}
    </Layout>
  );
}
