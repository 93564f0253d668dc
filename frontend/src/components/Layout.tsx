import { useState, type ReactNode } from "react";
import type { Me } from "../api/client";
import { Link, useLocation } from "react-router-dom";
import { useMe } from "../api/queries";
import { hasRole, isHubStaff, mySchoolPath, SCHOOL_READERS, WORK_GROUP_READERS } from "../auth";
import { FROM_TABLET, useMediaQuery } from "../useMediaQuery";
import { SERVICE_NAME } from "../usePageTitle";
import { AccountBar } from "./AccountBar";

type Props = {
  /** Shown above <main>, where GOV.UK puts a back link. */
  beforeContent?: ReactNode;
  children: ReactNode;
};

type NavigationItem = { to: string; label: string };

const programmesItem: NavigationItem = { to: "/programmes", label: "Programmes" };
const developersItem: NavigationItem = { to: "/developers", label: "For developers" };
const calendarItem: NavigationItem = { to: "/calendar", label: "Calendar" };

/** Pages for those who run a hub: national and hub administrators. */
const hubStaffNavigation = [
  { to: "/admin/applications", label: "Review applications" },
  { to: "/grants", label: "Grants" },
  { to: "/reports", label: "Reports" },
  { to: "/admin/api-keys", label: "API keys" },
  { to: "/admin/audit", label: "Audit log" },
];

/**
 * What the navigation offers: the catalogue, the calendar and the developers' page to everyone;
 * a school contact's own school, applications and grants; the register to everyone signed in; Work
 * Groups to hub staff and Mastery Specialists; the admin pages to hub staff.
 */
function navigationFor(me: Me | null | undefined): NavigationItem[] {
  const mySchool = mySchoolPath(me);
  return [
    programmesItem,
    ...(mySchool ? [{ to: mySchool, label: "My school" }] : []),
    ...(me?.role === "school_contact" ? [{ to: "/applications", label: "My applications" }] : []),
    ...(mySchool ? [{ to: `${mySchool}/grants`, label: "Grants" }] : []),
    ...(hasRole(me, SCHOOL_READERS) ? [{ to: "/schools", label: "Schools" }] : []),
    ...(hasRole(me, WORK_GROUP_READERS)
      ? [{ to: "/work-groups", label: me?.role === "mastery_specialist" ? "My groups" : "Work Groups" }]
      : []),
    calendarItem,
    developersItem,
    ...(isHubStaff(me) ? hubStaffNavigation : []),
  ];
}

/** The item for this page: the one whose path is the longest start of it ("My school" over "Schools"). */
function activeItem(items: NavigationItem[], pathname: string): NavigationItem | null {
  let active: NavigationItem | null = null;
  for (const item of items) {
    if (pathname !== item.to && !pathname.startsWith(`${item.to}/`)) continue;
    if (!active || item.to.length > active.to.length) active = item;
  }
  return active;
}

/**
 * The GOV.UK page template without GOV.UK's crown or name: a generic header with the
 * service's own name, service navigation, phase banner, main and footer.
 */
export function Layout({ beforeContent, children }: Props) {
  const { pathname } = useLocation();
  const me = useMe();
  const navigation = navigationFor(me.data);
  const current = activeItem(navigation, pathname);
  // GOV.UK's service navigation: below the tablet breakpoint the list folds behind a Menu
  // button; from it up the button is hidden and the list always shows.
  const wide = useMediaQuery(FROM_TABLET);
  // Open on the page where it was opened: following a link in it closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  return (
    <>
      {/* A plain fragment link: the router leaves #fragments to the browser. */}
      <a href="#main-content" className="govuk-skip-link">
        Skip to main content
      </a>
      <header className="govuk-template__header">
        <div className="govuk-generic-header">
          <div className="govuk-generic-header__container govuk-width-container">
            <div className="govuk-generic-header__logo">
              <Link to="/programmes" className="govuk-generic-header__homepage-link">
                {SERVICE_NAME}
              </Link>
            </div>
          </div>
        </div>
        <section className="govuk-service-navigation" aria-label="Service information">
          <div className="govuk-width-container govuk-service-navigation__inlining-container">
            <div className="govuk-service-navigation__container">
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <button
                  type="button"
                  className="govuk-service-navigation__toggle"
                  aria-controls="navigation"
                  hidden={wide}
                  aria-hidden={wide ? true : undefined}
                  aria-expanded={wide ? undefined : menuOpen}
                  onClick={() => {
                    setOpenOn(menuOpen ? null : pathname);
                  }}
                >
                  Menu
                </button>
                <ul className="govuk-service-navigation__list" id="navigation" hidden={!wide && !menuOpen}>
                  {navigation.map(({ to, label }) => {
                    const active = current?.to === to;
                    return (
                      <li
                        key={to}
                        className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}
                      >
                        <Link
                          className="govuk-service-navigation__link"
                          to={to}
                          aria-current={pathname === to ? "page" : active ? "true" : undefined}
                        >
                          {label}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </nav>
            </div>
            <AccountBar />
          </div>
        </section>
        {/* Inside the header landmark, so no content sits outside a landmark. */}
        <div className="govuk-width-container">
          <div className="govuk-phase-banner">
            <p className="govuk-phase-banner__content">
              <strong className="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>
              <span className="govuk-phase-banner__text">
                This is a new service. Information here may change.
              </span>
            </p>
          </div>
        </div>
      </header>
      <div className="govuk-width-container">
        {beforeContent}
        {/* tabIndex -1: the skip link and page changes move focus here. */}
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-visually-hidden">Support links</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <Link className="govuk-footer__link" to="/developers">
                    For developers
                  </Link>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href="/api/v1/docs">
                    API documentation
                  </a>
                </li>
              </ul>
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                {SERVICE_NAME}: Teaching for Mastery programmes from England&apos;s Maths Hubs.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
