import { Link, useParams, useSearchParams } from "react-router-dom";
import { useHubs, useMe, useProgrammes } from "../../api/queries";
import { academicYearLabel, formatDate, pluralise } from "../../format";
import { problemOf } from "../../forms";
import { useRecruitment, type RecruitmentDay } from "./api";
import { Chart } from "./Chart";
import { CsvLink } from "./CsvLink";
import { chartOf, formatCount, type Column } from "./figures";
import { FiguresTable } from "./FiguresTable";
import { csvHref, readQuery } from "./filters";
import { RECRUITMENT_PATH, recruitmentPath } from "./paths";
import { Loading, ReportPage } from "./ReportPage";
import { ReportFilters } from "./ReportFilters";
import { hubFilter, isNational } from "./scope";

export const RECRUITMENT_COLUMNS: Column<RecruitmentDay>[] = [
  { label: "Submitted that day", value: (day) => day.submitted, numeric: true },
  { label: "Submitted so far", value: (day) => day.cumulative, numeric: true },
];

/** The API's largest page of programmes: a hub runs a few dozen a year. */
const PROGRAMMES_LIMIT = 200;

/** Choose a programme (the hub's own; a national administrator's chosen hub's) to see its recruitment. */
export function RecruitmentChooserPage() {
  const me = useMe();
  const hubs = useHubs();
  const [search, setSearch] = useSearchParams();
  const national = isNational(me.data);
  const query = readQuery(search, ["hub"]);
  const hub = national ? (query.hub ?? null) : (me.data?.hub_id ?? null);
  const programmes = useProgrammes({ limit: PROGRAMMES_LIMIT, ...(hub ? { hub } : {}) });
  const items = programmes.data?.items ?? [];
  return (
    <ReportPage title="Recruitment" problem={problemOf(programmes.error)}>
      {national && (
        <ReportFilters
          key={search.toString()}
          action={RECRUITMENT_PATH}
          selects={[{ ...hubFilter(hubs.data?.items ?? []), empty: "Every hub" }]}
          current={query}
          onApply={(next) => {
            setSearch(next);
          }}
        />
      )}
      <Loading pending={programmes.isPending && !programmes.isError} />
      {programmes.data && (
        <>
          <h2 className="govuk-heading-m" id="programmes-heading">
            Choose a programme
          </h2>
          {items.length === 0 ? (
            <p className="govuk-body">There are no programmes here.</p>
          ) : (
            <ul className="govuk-list govuk-list--spaced" aria-labelledby="programmes-heading">
              {items.map((programme) => (
                <li key={programme.id}>
                  <Link className="govuk-link" to={recruitmentPath(programme.id)}>
                    {programme.title} ({[academicYearLabel(programme.academic_year), programme.code].filter(Boolean).join(", ")})
                  </Link>
                  {national && !hub && <span className="govuk-body-s"> – {programme.hub.name}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </ReportPage>
  );
}

/** A programme's expressions of interest day by day and in all, its places, and its waiting list. */
export function RecruitmentPage() {
  const { programmeId } = useParams();
  const id = /^\d+$/.test(programmeId ?? "") ? Number(programmeId) : null;
  const recruitment = useRecruitment(id);
  const report = recruitment.data;
  const caption = "Expressions of interest per day";
  return (
    <ReportPage title={report ? `Recruitment: ${report.title}` : "Recruitment"} problem={problemOf(recruitment.error)}>
      <p className="govuk-body">
        <Link className="govuk-link" to={RECRUITMENT_PATH}>
          Choose another programme
        </Link>
      </p>
      <Loading pending={recruitment.isPending && !recruitment.isError} />
      {report && (
        <>
          <p className="govuk-inset-text">{report.definition}</p>
          <dl className="govuk-summary-list">
            <SummaryRow label="Academic year" value={academicYearLabel(report.academic_year)} />
            <SummaryRow
              label="Recruitment window"
              value={`${report.applications_open_on ? formatDate(report.applications_open_on) : "Not yet open"} to ${
                report.closing_date ? formatDate(report.closing_date) : "no closing date"
              }`}
            />
            <SummaryRow label="As at" value={formatDate(report.as_at)} />
            <SummaryRow label="Expressions of interest" value={formatCount(report.submitted)} />
            <SummaryRow
              label="Places filled"
              value={
                report.capacity_places === null
                  ? `${formatCount(report.places_filled)} (no limit on places)`
                  : `${formatCount(report.places_filled)} of ${pluralise(report.capacity_places, report.capacity_unit ?? "place")}`
              }
            />
            {report.places_left !== null && <SummaryRow label="Places left" value={formatCount(report.places_left)} />}
            <SummaryRow label="Waiting list" value={pluralise(report.waiting_list, "school")} />
          </dl>
          {report.days.length === 0 ? (
            <p className="govuk-body">Applications have not opened yet.</p>
          ) : (
            <>
              <Chart
                id="recruitment-chart"
                title="Expressions of interest per day and so far"
                kind="line"
                data={chartOf(report.days, (day) => formatDate(day.date), RECRUITMENT_COLUMNS)}
                tableCaption={caption}
                tableId="recruitment-table"
              />
              <FiguresTable
                id="recruitment-table"
                caption={caption}
                rows={report.days}
                heading={{ label: "Day", text: (day) => formatDate(day.date) }}
                columns={RECRUITMENT_COLUMNS}
              />
            </>
          )}
          <CsvLink href={csvHref(`recruitment/${String(report.programme_id)}`, {})} what="recruitment per day" />
        </>
      )}
    </ReportPage>
  );
}

function SummaryRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
}
