import { useEffect, useRef } from "react";
import type { CalendarFeed, CalendarFeedRequest } from "../../api/client";
import { useIssueCalendarFeed } from "../../api/workGroups";
import { problemOf } from "../../forms";
import { webcalUrl } from "../../workGroups";
import { ErrorSummary } from "../ErrorSummary";
import { CopyableAddress } from "./CopyableAddress";

type Props = {
  /** Whose sessions: a school's (urn) or a person's (person_id). */
  subject: CalendarFeedRequest;
  heading: string;
  /** Unique on the page: the copyable field's id starts with it. */
  id: string;
};

/**
 * A private calendar feed, with addresses and online links that the public feeds leave out:
 * a button asks for its address, which is shown this once. Asking again makes a new one.
 */
export function PrivateFeed({ subject, heading, id }: Props) {
  const issue = useIssueCalendarFeed();
  const problem = problemOf(issue.error);
  const feed = issue.data;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 className="govuk-heading-m govuk-!-margin-top-8" id={`${id}-heading`}>
        {heading}
      </h2>
      {problem && <ErrorSummary problem={problem} />}
      <p className="govuk-body">
        A private link for your calendar app. It includes the places and online meeting links of the sessions.
      </p>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Keep this link private. Asking for a new link stops the old one working.
        </strong>
      </div>
      {feed ? (
        <IssuedFeed feed={feed} id={id} />
      ) : (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            if (!issue.isPending) issue.mutate(subject);
          }}
        >
          Get a private calendar link
        </button>
      )}
    </section>
  );
}

/** The new feed's links, shown this once; focus moves here as the button it replaces goes. */
function IssuedFeed({ feed, id }: { feed: CalendarFeed; id: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div ref={ref} tabIndex={-1} aria-labelledby={`${id}-issued`} role="region">
      <p className="govuk-body" id={`${id}-issued`}>
        <strong>Your private link is ready. Copy it now: it will not be shown again.</strong>
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={webcalUrl(feed.url)}>
            Subscribe in your calendar app
          </a>
        </li>
        <li>
          <a className="govuk-link" href={feed.url}>
            Download or subscribe (iCalendar)
          </a>
        </li>
      </ul>
      <CopyableAddress id={`${id}-address`} label="Private address for your calendar" url={feed.url} />
    </div>
  );
}
