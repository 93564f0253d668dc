import { Link, useLocation } from "react-router-dom";
import { CLAIMS_PATH, ENTITLEMENTS_PATH, STATEMENTS_PATH, SUMMARY_PATH } from "./paths";

const ITEMS = [
  { to: CLAIMS_PATH, label: "Claims" },
  { to: ENTITLEMENTS_PATH, label: "Schools' grants" },
  { to: STATEMENTS_PATH, label: "Statements" },
  { to: SUMMARY_PATH, label: "Committed and paid" },
];

/** The hub's grants pages, one link each, the current one marked for screen readers. */
export function GrantsNav() {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Grants" className="govuk-!-margin-bottom-6">
      <ul className="govuk-list app-inline-list">
        {ITEMS.map(({ to, label }) => {
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
