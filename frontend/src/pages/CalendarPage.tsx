import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import type { Hub, TimetableEntry } from "../api/client";
import { useHubs, useMe } from "../api/queries";
import { useTimetable, useWorkGroups } from "../api/workGroups";
import {
  academicYearOfMonth,
  addMonths,
  monthLabel,
  monthOfDate,
  monthParam,
  monthRange,
  parseMonth,
  todayInLondon,
  type Month,
} from "../calendar";
import { ErrorSummary } from "../components/ErrorSummary";
import { Layout } from "../components/Layout";
import { MonthCalendar } from "../components/workGroups/MonthCalendar";
import { SubscribeLinks } from "../components/workGroups/SubscribeLinks";
import { academicYearLabel, pluralise } from "../format";
import { problemOf } from "../forms";
import { usePageTitle } from "../usePageTitle";
import { hubFeedPath, mayOpenGroup } from "../workGroups";

/** The query string of a hub's month: "?hub=north-west-one&month=2026-12". */
function monthSearch(hub: string, month: Month): string {
  return `?${new URLSearchParams({ hub, month: monthParam(month) }).toString()}`;
}

/**
 * A hub's published sessions, a month at a time (this month unless the URL says another):
 * a grid from Monday to Sunday, or a list of days on a phone. Public; the signed-in see
 * their own hub first, and links to the groups they may open.
 */
export function CalendarPage() {
  const [search] = useSearchParams();
  const me = useMe();
  const hubs = useHubs();
  const today = todayInLondon(new Date());
  const month = parseMonth(search.get("month")) ?? monthOfDate(today);
  const hubItems = hubs.data?.items ?? [];
  // The hub in the URL; else the signed-in person's, else the first (once both are known).
  const hub = search.get("hub") ?? (me.isPending ? null : (me.data?.hub_id ?? hubItems[0]?.id ?? null));
  const { from, to } = monthRange(month);
  const timetable = useTimetable(hub, from, to);
  // A Mastery Specialist may open only the groups they lead.
  const specialist = me.data?.role === "mastery_specialist";
  const led = useWorkGroups({ limit: 200 }, { enabled: specialist });

  const problem = problemOf(timetable.error) ?? problemOf(hubs.error);
  usePageTitle(`Calendar, ${monthLabel(month)}`, { error: problem !== null });

  const ledIds = new Set((led.data?.items ?? []).map((group) => group.id));
  const linkFor = (entry: TimetableEntry) =>
    mayOpenGroup(me.data, entry, ledIds) ? `/work-groups/${String(entry.work_group_id)}` : null;
  const hubName = hubItems.find((item) => item.id === hub)?.name ?? hub;
  const entries = timetable.data ?? [];
  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={{ "/hub": { id: "hub" } }} />}
      <span className="govuk-caption-xl">{hubName}</span>
      <h1 className="govuk-heading-xl">Calendar</h1>
      <p className="govuk-body">Sessions of the Maths Hub&apos;s Work Groups, a month at a time.</p>
      {hub && hubItems.length > 0 && <HubChooser key={hub} hubs={hubItems} hub={hub} month={month} />}

      <span className="govuk-caption-m">Academic year {academicYearLabel(academicYearOfMonth(month))}</span>
      <h2 className="govuk-heading-l" id="month-heading">
        {monthLabel(month)}
      </h2>
      {hub && <MonthLinks hub={hub} month={month} thisMonth={monthOfDate(today)} />}
      <p className="govuk-body" role="status">
        {hub === null || timetable.isPending
          ? "Loading sessions…"
          : timetable.isError
            ? ""
            : entries.length === 0
              ? `No sessions in ${monthLabel(month)}.`
              : `${pluralise(entries.length, "session")} in ${monthLabel(month)}.`}
      </p>
      <MonthCalendar month={month} monthName={monthLabel(month)} entries={entries} today={today} linkFor={linkFor} />

      {hub && (
        <>
          <h2 className="govuk-heading-m govuk-!-margin-top-8">Subscribe to this hub&apos;s calendar</h2>
          <SubscribeLinks path={hubFeedPath(hub)} id="hub-feed" />
        </>
      )}
    </Layout>
  );
}

/** Choose another hub: the month stays. */
function HubChooser({ hubs, hub, month }: { hubs: Hub[]; hub: string; month: Month }) {
  const navigate = useNavigate();
  const [chosen, setChosen] = useState(hub);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void navigate(monthSearch(chosen, month));
  }
  return (
    <form method="get" action="/calendar" onSubmit={submit} className="app-hub-chooser">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="hub">
          Maths Hub
        </label>
        <select
          className="govuk-select"
          id="hub"
          name="hub"
          value={chosen}
          onChange={(event) => {
            setChosen(event.target.value);
          }}
        >
          {hubs.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      <input type="hidden" name="month" value={monthParam(month)} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show calendar
      </button>
    </form>
  );
}

/** Previous and next month (and back to this month), as GOV.UK pagination. */
function MonthLinks({ hub, month, thisMonth }: { hub: string; month: Month; thisMonth: Month }) {
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);
  const elsewhere = monthParam(month) !== monthParam(thisMonth);
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Months">
      <div className="govuk-pagination__prev">
        <Link className="govuk-link govuk-pagination__link" to={monthSearch(hub, previous)} rel="prev">
          <span className="govuk-pagination__link-title">
            Previous<span className="govuk-visually-hidden"> month</span>
          </span>
          <span className="govuk-visually-hidden">:</span>
          <span className="govuk-pagination__link-label">{monthLabel(previous)}</span>
        </Link>
      </div>
      <div className="govuk-pagination__next">
        <Link className="govuk-link govuk-pagination__link" to={monthSearch(hub, next)} rel="next">
          <span className="govuk-pagination__link-title">
            Next<span className="govuk-visually-hidden"> month</span>
          </span>
          <span className="govuk-visually-hidden">:</span>
          <span className="govuk-pagination__link-label">{monthLabel(next)}</span>
        </Link>
      </div>
      {elsewhere && (
        <p className="govuk-body govuk-!-margin-top-2">
          <Link className="govuk-link" to={monthSearch(hub, thisMonth)}>
            Go to this month ({monthLabel(thisMonth)})
          </Link>
        </p>
      )}
    </nav>
  );
}
