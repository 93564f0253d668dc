import { Link } from "react-router-dom";
import type { TimetableEntry } from "../../api/client";
import { byDate, monthGrid, WEEKDAYS, type Month } from "../../calendar";
import { formatClockTime, formatDate, formatTimeRange, meetingKindLabels } from "../../format";

type Props = {
  month: Month;
  monthName: string;
  entries: TimetableEntry[];
  /** Today's ISO date in England. */
  today: string;
  /** The group page to link a session to, or null for someone who may not see it. */
  linkFor: (entry: TimetableEntry) => string | null;
};

/**
 * A month's sessions two ways, one shown at a time: a grid from Monday to Sunday on wider
 * screens, and on a phone a list of the days that have sessions. Screen readers meet the
 * one on screen: the other is display: none.
 */
export function MonthCalendar({ month, monthName, entries, today, linkFor }: Props) {
  const days = byDate(entries);
  return (
    <>
      <div className="app-calendar" role="region" aria-labelledby="calendar-caption" tabIndex={0}>
        <table className="govuk-table app-calendar__table">
          <caption className="govuk-table__caption govuk-visually-hidden" id="calendar-caption">
            Sessions in {monthName}, Monday to Sunday
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {WEEKDAYS.map((weekday) => (
                <th scope="col" className="govuk-table__header" key={weekday}>
                  {weekday}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {monthGrid(month).map((week) => (
              <tr className="govuk-table__row" key={week.find((date) => date !== null) ?? ""}>
                {week.map((date, index) =>
                  date === null ? (
                    <td className="govuk-table__cell app-calendar__cell app-calendar__cell--outside" key={index} />
                  ) : (
                    <DayCell key={date} date={date} today={today} entries={days.get(date) ?? []} linkFor={linkFor} />
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Agenda days={days} today={today} monthName={monthName} linkFor={linkFor} />
    </>
  );
}

function DayCell({
  date,
  today,
  entries,
  linkFor,
}: {
  date: string;
  today: string;
  entries: TimetableEntry[];
  linkFor: Props["linkFor"];
}) {
  const isToday = date === today;
  // "6 October": the column header says the weekday.
  const [, dayOfMonth = "", monthName = ""] = formatDate(date).split(" ");
  return (
    <td className={`govuk-table__cell app-calendar__cell${isToday ? " app-calendar__cell--today" : ""}`}>
      <span className="app-calendar__day" aria-current={isToday ? "date" : undefined}>
        {dayOfMonth}
        <span className="govuk-visually-hidden"> {monthName}</span>
        {isToday && <span className="app-calendar__today"> Today</span>}
      </span>
      {entries.length > 0 && (
        <ul className="govuk-list app-calendar__sessions">
          {entries.map((entry) => (
            <li key={entry.session_id}>
              <SessionLine entry={entry} link={linkFor(entry)} time={formatClockTime(entry.start_time)} />
            </li>
          ))}
        </ul>
      )}
    </td>
  );
}

/** On a phone: the days that have sessions, each a heading and its sessions. */
function Agenda({
  days,
  today,
  monthName,
  linkFor,
}: {
  days: Map<string, TimetableEntry[]>;
  today: string;
  monthName: string;
  linkFor: Props["linkFor"];
}) {
  const dates = [...days.keys()].sort();
  return (
    <div className="app-agenda">
      {dates.length === 0 ? (
        <p className="govuk-body">No sessions in {monthName}.</p>
      ) : (
        <ol className="govuk-list app-agenda__days">
          {dates.map((date) => (
            <li key={date} className={date === today ? "app-agenda__day--today" : undefined}>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-1" aria-current={date === today ? "date" : undefined}>
                {formatDate(date)}
                {date === today && " (today)"}
              </h3>
              <ul className="govuk-list">
                {(days.get(date) ?? []).map((entry) => (
                  <li key={entry.session_id}>
                    <SessionLine
                      entry={entry}
                      link={linkFor(entry)}
                      time={formatTimeRange(entry.start_time, entry.end_time)}
                      kind
                    />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** "1:30pm Cheshire Primary TRG", a link where the reader may open the group; cancelled ones struck and tagged. */
function SessionLine({ entry, link, time, kind = false }: { entry: TimetableEntry; link: string | null; time: string; kind?: boolean }) {
  const cancelled = entry.status === "cancelled";
  const text = kind
    ? `${time}: ${entry.work_group_name}, ${meetingKindLabels[entry.kind]}`
    : `${time} ${entry.work_group_name}`;
  return (
    <>
      <span className={cancelled ? "app-struck" : undefined}>
        {link ? (
          <Link className="govuk-link" to={link}>
            {text}
          </Link>
        ) : (
          text
        )}
      </span>
      {cancelled && <strong className="govuk-tag govuk-tag--red app-calendar__tag">Cancelled</strong>}
    </>
  );
}
