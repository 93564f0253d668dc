import type { ReactNode } from "react";
import { Link, useLocation, useParams } from "react-router-dom";
import { ProblemError, type Programme } from "../api/client";
import { useHub, useMe, useProgramme } from "../api/queries";
import {
  audienceLabels,
  capacityLabel,
  formatDate,
  formatTime,
  grantLabel,
  milestoneLabels,
  paragraphs,
  phaseLabels,
  sessionFormatLabels,
  sessionPlanLabel,
  stageLabels,
} from "../format";
import { ManageProgramme, ProgrammeNotices, useProgrammeManagement } from "../features/programmes/ManageProgramme";
import { GrantsLink } from "../features/grants/GrantsLink";
import { NotFoundPage } from "../pages/NotFoundPage";
import { usePageTitle } from "../usePageTitle";
import { ProgrammeApplication } from "./applications/ProgrammeApplication";
import { ELIGIBILITY_FIELDS, EligibilityPanel, useEligibilityCheck } from "./eligibility/EligibilityPanel";
import { ErrorSummary } from "./ErrorSummary";
import { Layout } from "./Layout";
import { StatusTag } from "./StatusTag";

/** The id in the URL, or null when it cannot be a programme's (the API would refuse it). */
function programmeId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

function BackLink() {
  const state: unknown = useLocation().state;
  // Back to the list the visitor came from, with its filters; otherwise the whole catalogue.
  const from =
    typeof state === "object" && state !== null && "from" in state && typeof state.from === "string"
      ? state.from
      : "/programmes";
  return (
    <Link to={from} className="govuk-back-link">
      Back to programmes
    </Link>
  );
}

export function ProgrammePage() {
  const id = programmeId(useParams().id);
  const query = useProgramme(id);
  const problem = query.error instanceof ProblemError ? query.error.problem : null;
  const notFound = id === null || problem?.status === 404;
  // Once the programme is here, its details set the title (they may show an error of their own).
  usePageTitle(notFound || query.data ? null : problem ? "Sorry, there is a problem" : "Programme", {
    error: problem !== null,
  });

  if (notFound) {
    return <NotFoundPage detail={problem?.detail ?? null} />;
  }
  return (
    <Layout beforeContent={<BackLink />}>
      {problem && (
        <>
          <ErrorSummary problem={problem} />
          <h1 className="govuk-heading-l">Sorry, there is a problem</h1>
          <p className="govuk-body">We could not show this programme. Try again later.</p>
        </>
      )}
      {query.isPending && <p className="govuk-body" role="status">Loading programme…</p>}
      {/* Keyed by programme, so that moving to another one starts a fresh eligibility check. */}
      {query.data && <ProgrammeDetails key={query.data.id} programme={query.data} />}
    </Layout>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <h2 className="govuk-heading-m govuk-!-margin-top-8">{title}</h2>
      {children}
    </>
  );
}

function Paragraphs({ text }: { text: string | null | undefined }) {
  return (
    <>
      {paragraphs(text).map((paragraph, index) => (
        <p className="govuk-body" key={index}>
          {paragraph}
        </p>
      ))}
    </>
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

/** Applications open, the closing date and the other milestones, in date order, each once. */
function keyDates(programme: Programme): [string, string][] {
  const dates: { label: string; date: string }[] = [];
  if (programme.applications_open_on) {
    dates.push({ label: "Applications open", date: formatDate(programme.applications_open_on) });
  }
  if (programme.closing_date) {
    dates.push({ label: "Closing date for applications", date: closingWords(programme) });
  }
  for (const milestone of programme.milestones ?? []) {
    // The opening and closing dates come again as milestones; say each date once.
    if (milestone.kind === "applications_open" && milestone.date === programme.applications_open_on) continue;
    if (milestone.kind === "closing" && milestone.date === programme.closing_date) continue;
    dates.push({ label: milestone.label ?? milestoneLabels[milestone.kind], date: formatDate(milestone.date) });
  }
  return dates.map(({ label, date }) => [label, date]);
}

/** "Friday 26 January 2027 at 11:59pm": the API gives the closing moment, so the rule lives there. */
function closingWords(programme: Programme): string {
  if (!programme.closing_date) return "";
  const date = formatDate(programme.closing_date);
  return programme.closes_at ? `${date} at ${formatTime(programme.closes_at)}` : date;
}

function ProgrammeDetails({ programme }: { programme: Programme }) {
  const funding = programme.funding ?? { free_to_participate: true, grants: [], note: null };
  const grants = funding.grants ?? [];
  const sessions = programme.session_plan ?? [];
  const commitments = programme.commitments ?? [];
  const dates = keyDates(programme);
  const hasContact = Boolean(programme.contact_name ?? programme.contact_email);
  // The programme names no contact of its own for some offers: the hub's enquiries contact then.
  const hub = useHub(hasContact ? null : programme.hub.id);
  const contactName = hasContact ? programme.contact_name : hub.data?.contact_name;
  const contactEmail = hasContact ? programme.contact_email : hub.data?.contact_email;
  const me = useMe();
  const eligibility = useEligibilityCheck(programme.id);
  const management = useProgrammeManagement(programme);
  usePageTitle(programme.title, { error: eligibility.problem !== null || management.problem !== null });

  const about: [string, ReactNode][] = [
    ...(programme.code ? [["Code", programme.code] as [string, ReactNode]] : []),
    ["Maths Hub", programme.hub.name],
    ["Academic year", programme.academic_year_label],
    ["Stage", stageLabels[programme.stage]],
    ["Phase", phaseLabels[programme.phase]],
    ["For", audienceLabels[programme.audience]],
    ["Status", <StatusTag key="status" status={programme.status} />],
  ];
  if (programme.capacity) about.push(["Places", capacityLabel(programme.capacity)]);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ProgrammeNotices management={management} />
        {eligibility.problem && <ErrorSummary problem={eligibility.problem} fields={ELIGIBILITY_FIELDS} />}
        <span className="govuk-caption-l">{programme.hub.name}</span>
        <h1 className="govuk-heading-xl">{programme.title}</h1>
        <Paragraphs text={programme.summary} />

        <SummaryList rows={about} />

        <ManageProgramme management={management} title={programme.title} />

        <Section title="Who can take part">
          <Paragraphs text={programme.who_can_take_part} />
        </Section>

        {/* The API decides only for a programme of a known kind; it refuses the others. */}
        {programme.programme_type && (
          <EligibilityPanel eligibility={eligibility} defaultUrn={me.data?.school_urn ?? null} />
        )}

        <Section title="What is involved">
          <Paragraphs text={programme.what_is_involved} />
          {sessions.length > 0 && (
            <>
              <h3 className="govuk-heading-s">Sessions</h3>
              <ul className="govuk-list govuk-list--bullet">
                {sessions.map((item, index) => (
                  <li key={index}>
                    <strong>{sessionPlanLabel(item)}</strong>
                    {`, ${sessionFormatLabels[item.format].toLowerCase()}`}
                    {item.note && <div className="govuk-hint govuk-!-margin-bottom-0">{item.note}</div>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {programme.time_commitment && (
            <>
              <h3 className="govuk-heading-s">Time commitment</h3>
              <Paragraphs text={programme.time_commitment} />
            </>
          )}
        </Section>

        <Section title="Cost and funding">
          {funding.free_to_participate ? (
            <p className="govuk-body govuk-!-font-weight-bold">Free to take part</p>
          ) : (
            <p className="govuk-body">There is a cost to take part.</p>
          )}
          {grants.length > 0 && (
            <>
              <p className="govuk-body">Schools that take part can claim:</p>
              <ul className="govuk-list govuk-list--bullet">
                {grants.map((grant, index) => (
                  <li key={index}>
                    {grantLabel(grant)}
                    {grant.description && <div className="govuk-hint govuk-!-margin-bottom-0">{grant.description}</div>}
                  </li>
                ))}
              </ul>
              <GrantsLink />
            </>
          )}
          <Paragraphs text={funding.note} />
        </Section>

        <Section title="Dates">
          {dates.length > 0 ? (
            <SummaryList rows={dates} />
          ) : (
            <p className="govuk-body">The hub has not published dates for this programme.</p>
          )}
        </Section>

        {commitments.length > 0 && (
          <Section title="What your school commits to">
            <ul className="govuk-list govuk-list--bullet">
              {commitments.map((commitment, index) => (
                <li key={index}>{commitment}</li>
              ))}
            </ul>
          </Section>
        )}

        <Section title="How to apply">
          <ApplicationState programme={programme} />
          <Paragraphs text={programme.how_to_apply} />
          <ProgrammeApplication programme={programme} />
        </Section>

        <Section title="Contact">
          {contactName || contactEmail ? (
            <p className="govuk-body">
              For questions about this programme, contact{" "}
              {contactName && !hasContact ? `${contactName} at ${programme.hub.name}` : (contactName ?? programme.hub.name)}
              {contactEmail && (
                <>
                  {" "}
                  at{" "}
                  <a className="govuk-link" href={`mailto:${contactEmail}`}>
                    {contactEmail}
                  </a>
                </>
              )}
              .
            </p>
          ) : (
            <p className="govuk-body">Contact {programme.hub.name} for questions about this programme.</p>
          )}
        </Section>

        <p className="govuk-body-s govuk-!-margin-top-8">Last updated {formatDate(programme.updated_at)}</p>
      </div>
    </div>
  );
}

function ApplicationState({ programme }: { programme: Programme }) {
  switch (programme.status) {
    case "open":
      return (
        <div className="govuk-inset-text">
          Applications are open
          {programme.closing_date && ` until ${closingWords(programme)}`}.
        </div>
      );
    case "fully_booked":
      return <div className="govuk-inset-text">This programme is fully booked.</div>;
    case "closed":
      return <div className="govuk-inset-text">Applications for this programme have closed.</div>;
    case "draft":
      return <div className="govuk-inset-text">Applications are not open yet.</div>;
  }
}
