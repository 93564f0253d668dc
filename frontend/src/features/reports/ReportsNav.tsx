import { Link, useLocation } from "react-router-dom";
import { ATTENDANCE_PATH, COVERAGE_PATH, FUNNEL_PATH, GRANTS_REPORT_PATH, RECRUITMENT_PATH } from "./paths";

export const REPORT_PAGES = [
  { to: COVERAGE_PATH, label: "Coverage", about: "Schools engaged out of the open state-funded schools, by hub, local authority or phase." },
  { to: FUNNEL_PATH, label: "Journey funnel", about: "Schools moving from Development to Embedding to Sustaining, by cohort year." },
  {
    to: RECRUITMENT_PATH,
    label: "Recruitment",
    about: "A programme's expressions of interest day by day, places filled against capacity, and its waiting list.",
  },
  { to: ATTENDANCE_PATH, label: "Attendance", about: "Attendance per Work Group and session, and schools short of release time." },
  { to: GRANTS_REPORT_PATH, label: "Grants", about: "Grants committed, claimed, paid and clawed back, by hub, programme and month." },
];

/** The report pages, one link each, the current one marked for screen readers. */
export function ReportsNav() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Reports" className="govuk-!-margin-bottom-6">
      <ul className="govuk-list app-inline-list">
        {REPORT_PAGES.map(({ to, label }) => {
          const here = pathname === to || pathname.startsWith(`${to}/`);
          return (
            <li key={to}>
              <Link className="govuk-link govuk-link--no-visited-state" to={to} aria-current={here ? "page" : undefined}>
                {here ? <strong>{label}</strong> : label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
