import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { problemStatus, type Journey, type School } from "../api/client";
import { useHubs, useMe } from "../api/queries";
import { useJourney, useSchool } from "../api/schools";
import { isHubStaff } from "../auth";
import { ErrorSummary } from "../components/ErrorSummary";
import { Layout } from "../components/Layout";
import { JourneyTimeline } from "../components/schools/JourneyTimeline";
import { SchoolNow } from "../features/applications/SchoolNow";
import { schoolGrantsPath } from "../features/grants/paths";
import { OpenProgrammes } from "../components/schools/OpenProgrammes";
import { SchoolStatusTag } from "../components/schools/SchoolTable";
import { PrivateFeed } from "../components/workGroups/PrivateFeed";
import { addressLines, ageRange, participationOutcomeLabels, programmeTypeLabels } from "../format";
import { problemOf } from "../forms";
import { openProgrammesSearch } from "../journey";
import { usePageTitle } from "../usePageTitle";
import { ForbiddenPage } from "./ForbiddenPage";
import { NotFoundPage } from "./NotFoundPage";

/** The URN in the URL, or null when it is not six digits (the API would refuse it). */
function urnOf(raw: string | undefined): string | null {
  return raw && /^\d{6}$/.test(raw) ? raw : null;
}

function BackLink() {
  const state: unknown = useLocation().state;
  // Back to the search the person came from; nothing when they did not come from one.
  if (typeof state !== "object" || state === null || !("from" in state) || typeof state.from !== "string") return null;
  return (
    <Link to={state.from} className="govuk-back-link">
      Back to schools
    </Link>
  );
}

/** A school: the register's facts, its Teaching for Mastery journey, and what it may apply for now. */
export function SchoolPage() {
  const urn = urnOf(useParams().urn);
  const me = useMe();
  const school = useSchool(urn);
  const journey = useJourney(urn);
  const hubs = useHubs();

  const forbidden = problemStatus(school.error) === 403 || problemStatus(journey.error) === 403;
  const notFound = urn === null || problemStatus(school.error) === 404 || problemStatus(journey.error) === 404;
  const problem = problemOf(school.error) ?? problemOf(journey.error);
  usePageTitle(
    forbidden || notFound ? null : (school.data?.name ?? (problem ? "Sorry, there is a problem" : "School")),
    { error: problem !== null },
  );

  if (urn === null) return <NotFoundPage detail="A school's URN has 6 digits, like 100001." />;
  if (forbidden) return <ForbiddenPage me={me.data ?? null} audience="the school's own contacts and Maths Hub staff" />;
  if (notFound) return <NotFoundPage detail={problem?.detail ?? null} />;

  const hubNames = new Map((hubs.data?.items ?? []).map((hub) => [hub.id, hub.name]));
  return (
    <Layout beforeContent={<BackLink />}>
      {problem && <ErrorSummary problem={problem} />}
      {school.isPending && !problem && (
        <p className="govuk-body" role="status">
          Loading the school…
        </p>
      )}
      {school.isError && (
        <>
          <h1 className="govuk-heading-l">Sorry, there is a problem</h1>
          <p className="govuk-body">We could not show this school. Try again later.</p>
        </>
      )}
      {school.data && (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">URN {school.data.urn}</span>
            <h1 className="govuk-heading-xl">{school.data.name}</h1>
            <SchoolFacts school={school.data} hubName={school.data.hub_id ? hubNames.get(school.data.hub_id) : undefined} />

            {journey.data && <SchoolNow journey={journey.data} />}
            {(isHubStaff(me.data) || (me.data?.role === "school_contact" && me.data.school_urn === school.data.urn)) && (
              <p className="govuk-body">
                <Link className="govuk-link" to={schoolGrantsPath(school.data.urn)}>
                  Grants: what the school may claim, and its claims
                </Link>
              </p>
            )}

            <h2 className="govuk-heading-l govuk-!-margin-top-8">Teaching for Mastery journey</h2>
            {journey.isPending && (
              <p className="govuk-body" role="status">
                Loading the school&apos;s journey…
              </p>
            )}
            {journey.isError && <p className="govuk-body">We could not show the school&apos;s journey. Try again later.</p>}
            {journey.data && (
              <JourneyDetails journey={journey.data} school={school.data} hubNames={hubNames} />
            )}
            {/* The API gives a school's private feed to its own contacts and to hub staff. */}
            {(isHubStaff(me.data) || me.data?.school_urn === school.data.urn) && (
              <PrivateFeed subject={{ urn: school.data.urn }} heading="Subscribe to this school's sessions" id="school-feed" />
            )}
          </div>
        </div>
      )}
    </Layout>
  );
}

function SummaryList({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map(([key, value]) => (
        <div className="govuk-summary-list__row" key={key}>
          <dt className="govuk-summary-list__key">{key}</dt>
          <dd className="govuk-summary-list__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The register's facts about the school, as GIAS gives them. */
function SchoolFacts({ school, hubName }: { school: School; hubName: string | undefined }) {
  const address = addressLines(school);
  const ages = ageRange(school.statutory_low_age, school.statutory_high_age);
  const rows: [string, ReactNode][] = [
    ["Name", school.name],
    ["URN", school.urn],
    ["Type", school.type_of_establishment],
    ["Phase", school.phase_of_education],
    ...(ages ? [["Ages", ages] as [string, ReactNode]] : []),
    ["Status", <SchoolStatusTag key="status" status={school.status} />],
    ["State-funded", school.state_funded ? "Yes" : "No"],
    [
      "Local authority",
      school.local_authority ? `${school.local_authority.name} (code ${school.local_authority.code})` : "Not recorded",
    ],
    ["Maths Hub", school.hub_id ? (hubName ?? school.hub_id) : "No Maths Hub covers this local authority yet"],
    [
      "Address",
      address.length > 0 ? (
        <>
          {address.map((line, index) => (
            <span className="app-address-line" key={index}>
              {line}
            </span>
          ))}
        </>
      ) : (
        "Not recorded"
      ),
    ],
    ["Telephone", school.telephone ?? "Not recorded"],
    ["Head teacher", school.head_teacher ?? "Not recorded"],
  ];
  return <SummaryList rows={rows} />;
}

function JourneyDetails({ journey, school, hubNames }: { journey: Journey; school: School; hubNames: Map<string, string> }) {
  const years = journey.years.filter((year) => year.participations.length > 0);
  return (
    <>
      <p className="govuk-body">
        Schools move through the stages one academic year at a time. Readiness is optional for primary schools;
        secondary schools start at Development.
      </p>
      <JourneyTimeline journey={journey} phaseOfEducation={school.phase_of_education} hubNames={hubNames} />

      <h3 className="govuk-heading-m">Year by year</h3>
      {years.length === 0 ? (
        <p className="govuk-body">The service has no record of this school taking part in a programme.</p>
      ) : (
        <div className="app-table-wrapper" role="region" aria-labelledby="years-caption" tabIndex={0}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden" id="years-caption">
              Programmes the school took part in, year by year
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Year
                </th>
                <th scope="col" className="govuk-table__header">
                  Programme
                </th>
                <th scope="col" className="govuk-table__header">
                  Outcome
                </th>
                <th scope="col" className="govuk-table__header">
                  Maths Hub
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {years.flatMap((year) =>
                year.participations.map((participation) => (
                  <tr className="govuk-table__row" key={participation.id}>
                    <td className="govuk-table__cell">{year.academic_year_label}</td>
                    <td className="govuk-table__cell">
                      {participation.programme_label}
                    </td>
                    <td className="govuk-table__cell">{participationOutcomeLabels[participation.outcome]}</td>
                    <td className="govuk-table__cell">{hubNames.get(participation.hub_id) ?? participation.hub_id}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="govuk-heading-l govuk-!-margin-top-8">What the school can do next</h2>
      {journey.next_steps.length === 0 ? (
        <p className="govuk-body">The journey has no next step for this school at the moment.</p>
      ) : (
        <>
          <p className="govuk-body">The journey allows the school to take part next in:</p>
          <ul className="govuk-list govuk-list--bullet">
            {journey.next_steps.map((type) => (
              <li key={type}>
                <strong>{programmeTypeLabels[type]}</strong>
                {" – "}
                <Link className="govuk-link" to={`/programmes?${openProgrammesSearch(type)}`}>
                  find open {programmeTypeLabels[type]} programmes
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2 className="govuk-heading-l govuk-!-margin-top-8">Open programmes you may apply for</h2>
      <OpenProgrammes programmes={journey.open_programmes} hubNames={hubNames} />
    </>
  );
}
