// Moving a session: the form's answers into a PATCH body, and the API's "not a school day"
// refusal into the question the person answers. Pure: no React, no clock.
import type { FieldError, Problem, Session } from "../../api/client";
import type { components } from "../../api/schema";
import { isoDate } from "../../calendar";
import { readDateParts, type DatePart, type DateParts } from "../../dateInput";
import { formatDate } from "../../format";
import { bodyError } from "../../forms";
import { readClockTime } from "../../groupYear";
import type { SessionUpdate } from "./api";

export type NonSchoolDay = components["schemas"]["NonSchoolDay"];

/** The change form's answers, as typed. */
export type ChangeAnswers = {
  date: DateParts;
  start_time: string;
  end_time: string;
  /** A school's URN, or "" for online only. */
  host_urn: string;
  online_url: string;
};

export const CHANGE_FIELDS = {
  "/date": { id: "date-day" },
  "/start_time": { id: "start_time" },
  "/end_time": { id: "end_time" },
  "/host_urn": { id: "host_urn" },
  "/online_url": { id: "online_url" },
  "/reason": { id: "reason" },
};

function time(text: string, pointer: string, name: string, errors: FieldError[]): string | null {
  if (text.trim() === "") {
    errors.push(bodyError(pointer, `Enter ${name}`));
    return null;
  }
  const read = readClockTime(text);
  if (read === null) errors.push(bodyError(pointer, `Enter ${name} in the 24-hour clock, like 13:30`));
  return read;
}

/**
 * The PATCH body with only what changed from `session`, or the errors to show. `wrongParts`:
 * the date's boxes to mark as wrong. An empty body means nothing changed.
 */
export function changeRequest(
  session: Pick<Session, "date" | "start_time" | "end_time" | "host_urn" | "online_url">,
  answers: ChangeAnswers,
): { body: SessionUpdate | null; errors: FieldError[]; wrongParts: DatePart[] } {
  const errors: FieldError[] = [];
  let wrongParts: DatePart[] = [];
  const date = readDateParts(answers.date, "Date");
  if (date.kind === "empty") {
    errors.push(bodyError("/date", "Enter the date"));
    wrongParts = ["day", "month", "year"];
  } else if (date.kind === "invalid") {
    errors.push(bodyError("/date", date.message));
    wrongParts = date.parts;
  }
  const start = time(answers.start_time, "/start_time", "a start time", errors);
  const end = time(answers.end_time, "/end_time", "an end time", errors);
  if (start !== null && end !== null && end <= start) {
    errors.push(bodyError("/end_time", "The end time must be after the start time"));
  }
  const online = answers.online_url.trim();
  if (online !== "" && !/^https?:\/\/\S+$/.test(online)) {
    errors.push(bodyError("/online_url", "Enter the online link as a web address, like https://meet.example/abc"));
  }
  if (answers.host_urn === "" && online === "") {
    errors.push(bodyError("/host_urn", "Choose a host school, or give an online link"));
  }
  if (errors.length > 0 || date.kind !== "date" || start === null || end === null) {
    return { body: null, errors, wrongParts };
  }
  const body: SessionUpdate = {};
  const day = isoDate(date, date.day);
  if (day !== session.date) body.date = day;
  if (start !== session.start_time.slice(0, 5)) body.start_time = start;
  if (end !== session.end_time.slice(0, 5)) body.end_time = end;
  const host = answers.host_urn === "" ? null : answers.host_urn;
  if (host !== session.host_urn) body.host_urn = host;
  const link = online === "" ? null : online;
  if (link !== session.online_url) body.online_url = link;
  return { body, errors, wrongParts };
}

/** The days the API refused as not school days, when that is what the problem says. */
export function nonSchoolDays(problem: Problem | null): NonSchoolDay[] {
  if (problem?.rule !== "non_school_day") return [];
  return problem.days ?? [];
}

/** "This is a Saturday: plan it anyway?" for one day; each day named for several. */
export function nonSchoolDayQuestion(days: readonly NonSchoolDay[]): string {
  const [only] = days;
  if (days.length === 1 && only) return `This is ${only.reason}: plan it anyway?`;
  return "These days are not school days: plan them anyway?";
}

/** "Saturday 13 November 2027 is a Saturday." */
export function nonSchoolDayLine(day: NonSchoolDay): string {
  return `${formatDate(day.date)} is ${day.reason}.`;
}
