import { absoluteUrl, webcalUrl } from "../../workGroups";
import { CopyableAddress } from "./CopyableAddress";

type Props = {
  /** The feed's path on this site: "/api/v1/timetable.ics?work_group=12". */
  path: string;
  /** Unique on the page: the copyable field's id starts with it. */
  id: string;
};

/**
 * A public iCalendar feed three ways: a webcal:// link that opens a calendar app, the
 * http(s) link to download or subscribe, and the address to paste into a calendar.
 */
export function SubscribeLinks({ path, id }: Props) {
  const url = absoluteUrl(path, window.location.origin);
  return (
    <>
      <p className="govuk-body">
        Your calendar shows the sessions and keeps them up to date: moved and cancelled sessions change there too.
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={webcalUrl(url)}>
            Subscribe in your calendar app
          </a>
        </li>
        <li>
          <a className="govuk-link" href={path}>
            Download or subscribe (iCalendar)
          </a>
        </li>
      </ul>
      <CopyableAddress id={`${id}-address`} label="Or copy this address into your calendar" url={url} />
    </>
  );
}
