import { useSearchParams } from "react-router-dom";
import { useAcademicYears, useHubs, useMe } from "../../api/queries";
import { academicYearLabel, formatDate, formatDays } from "../../format";
import { problemOf } from "../../forms";
import { useAttendance, type GroupAttendance, type SessionAttendanceRate } from "./api";
import { Chart } from "./Chart";
import { CsvLink } from "./CsvLink";
import { chartOf, type Column } from "./figures";
import { FiguresTable } from "./FiguresTable";
import { csvHref, readQuery } from "./filters";
import { ATTENDANCE_PATH } from "./paths";
import { Loading, ReportPage } from "./ReportPage";
import { ReportFilters, type SelectFilter } from "./ReportFilters";
import { hubFilter, isNational, scopeText } from "./scope";

const FILTERS = ["hub", "academic_year"] as const;

type Figures = Pick<GroupAttendance, "present" | "absent_with_apologies" | "absent" | "recorded" | "rate_percent">;

function figureColumns<Row extends Figures>(): Column<Row>[] {
  return [
    { label: "Present", value: (row) => row.present, numeric: true },
    { label: "Absent with apologies", value: (row) => row.absent_with_apologies, numeric: true },
    { label: "Absent", value: (row) => row.absent, numeric: true },
    { label: "Recorded", value: (row) => row.recorded, numeric: true },
    { label: "Attendance rate", value: (row) => row.rate_percent, percent: true },
  ];
}

export const GROUP_COLUMNS: Column<GroupAttendance>[] = [
  { label: "Programme", value: (group) => group.programme_title },
  ...figureColumns<GroupAttendance>(),
];
const SESSION_COLUMNS = figureColumns<SessionAttendanceRate>();

/** "Year 5 Fractions (Cheshire and Wirral)": a group, and its hub when hubs are side by side. */
export function groupLabel(group: GroupAttendance, hubName: string | null): string {
  return hubName ? `${group.name} (${hubName})` : group.name;
}

/** Attendance per Work Group and session, and the schools short of their programme's release time. */
export function AttendanceReportPage() {
  const me = useMe();
  const hubs = useHubs();
  const years = useAcademicYears();
  const [search, setSearch] = useSearchParams();
  const query = readQuery(search, FILTERS);
  const attendance = useAttendance(query);
  const report = attendance.data;
  const national = isNational(me.data);
  const hubList = hubs.data?.items ?? [];
  const sideBySide = national && !report?.hub_id;
  const label = (group: GroupAttendance) => groupLabel(group, sideBySide ? scopeText(group.hub_id, hubList) : null);
  const selects: SelectFilter[] = [
    ...(national ? [hubFilter(hubList)] : []),
    {
      name: "academic_year",
      label: "Academic year",
      empty: "This academic year",
      options: (years.data ?? []).map((year) => ({ value: year.id, label: year.label })),
    },
  ];
  const groups = report?.groups ?? [];
  const short = groups.flatMap((group) => group.short_of_minimum.map((school) => ({ group, school })));
  const caption = "Attendance by Work Group";
  return (
    <ReportPage title="Attendance and release time" problem={problemOf(attendance.error)}>
      <ReportFilters
        key={search.toString()}
        action={ATTENDANCE_PATH}
        selects={selects}
        current={query}
        onApply={(next) => {
          setSearch(next);
        }}
      />
      <Loading pending={attendance.isPending && !attendance.isError} />
      {report && (
        <>
          <div className="govuk-inset-text">
            <p className="govuk-body">{report.definition}</p>
            <p className="govuk-body">
              Showing {national ? scopeText(report.hub_id, hubList) : scopeText(report.hub_id ?? me.data?.hub_id, hubList)}
              {report.academic_year ? `, ${academicYearLabel(report.academic_year)}` : ", this academic year"}.
            </p>
          </div>
          {groups.length === 0 ? (
            <p className="govuk-body">There are no Work Groups here.</p>
          ) : (
            <>
              <Chart
                id="attendance-chart"
                title="Attendance rate by Work Group"
                kind="bar"
                percent
                data={chartOf(groups, label, GROUP_COLUMNS.filter((column) => column.percent))}
                tableCaption={caption}
                tableId="attendance-table"
              />
              <FiguresTable
                id="attendance-table"
                caption={caption}
                rows={groups}
                rowKey={(group) => String(group.work_group_id)}
                heading={{ label: "Work Group", text: label }}
                columns={GROUP_COLUMNS}
              />
              <h2 className="govuk-heading-m">Attendance by session</h2>
              {groups.map((group) => (
                <details className="govuk-details" key={group.work_group_id}>
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">{label(group)}: each session</span>
                  </summary>
                  <div className="govuk-details__text">
                    {group.sessions.length === 0 ? (
                      <p className="govuk-body">No sessions yet.</p>
                    ) : (
                      <FiguresTable
                        id={`sessions-${String(group.work_group_id)}`}
                        caption={`Sessions of ${label(group)}`}
                        rows={group.sessions}
                        rowKey={(session) => String(session.session_id)}
                        heading={{ label: "Session", text: (session) => `Session ${String(session.number)}, ${formatDate(session.date)}` }}
                        columns={SESSION_COLUMNS}
                      />
                    )}
                  </div>
                </details>
              ))}
            </>
          )}
          <CsvLink href={csvHref("attendance", query)} what="attendance per group and session" />
          <h2 className="govuk-heading-m">Schools short of release time</h2>
          {short.length === 0 ? (
            <p className="govuk-body">No school is short of its programme&apos;s release-time minimum.</p>
          ) : (
            <FiguresTable
              id="release-time-table"
              caption="Schools short of the programme's release-time minimum"
              rows={short}
              rowKey={({ group, school }) => `${String(group.work_group_id)}-${school.urn}`}
              heading={{ label: "School", text: ({ school }) => `${school.name} (${school.urn})` }}
              columns={[
                { label: "Work Group", value: ({ group }) => label(group) },
                { label: "Release time", value: ({ school }) => formatDays(school.days) },
                { label: "Minimum", value: ({ group }) => (group.minimum_days === null ? "–" : formatDays(group.minimum_days)) },
                { label: "Short by", value: ({ school }) => formatDays(school.shortfall_days) },
              ]}
            />
          )}
          <CsvLink href={csvHref("attendance", { ...query, table: "release_time" })} what="the schools short of release time" />
        </>
      )}
    </ReportPage>
  );
}
