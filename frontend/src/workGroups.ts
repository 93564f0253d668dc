// Work Groups' logic for the pages: the next session, where each meets, the calendar feeds'
// addresses, and the attendance register's answers. Pure: no React, and the date is passed in.
import type {
  Attendance,
  AttendanceRecord,
  FieldError,
  GroupPerson,
  Me,
  Session,
  WorkGroup,
} from "./api/client";
import { isHubStaff } from "./auth";
import { attendanceLabels, pluralise } from "./format";
import { bodyError } from "./forms";

/** A record's id from the URL ("/work-groups/12"), or null when the API would refuse it. */
export function idParam(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

/** The first scheduled (not cancelled) session on `today` or later, or null when none is to come. */
export function nextSession<T extends Pick<Session, "date" | "start_time" | "status">>(
  sessions: readonly T[],
  today: string,
): T | null {
  const toCome = sessions
    .filter((session) => session.status === "scheduled" && session.date >= today)
    .sort((a, b) => a.date.localeCompare(b.date) || a.start_time.localeCompare(b.start_time));
  return toCome[0] ?? null;
}

/** "3 of 8", or "3" when the group sets no most. */
export function countOf(count: number, most: number | null): string {
  return most === null ? String(count) : `${String(count)} of ${String(most)}`;
}

/** "1 school", "3 of 8 schools": members against the group's most. */
export function membersLabel(count: number, most: number | null, noun: string): string {
  return most === null ? pluralise(count, noun) : `${countOf(count, most)} ${noun}s`;
}

/** The names of the schools a group's sessions may meet at, by URN: its members and the lead's. */
export function schoolNames(group: Pick<WorkGroup, "schools" | "lead">): Map<string, string> {
  const names = new Map(group.schools.map((school) => [school.urn, school.name]));
  const { school_urn: urn, school_name: name } = group.lead;
  if (urn && name) names.set(urn, name);
  return names;
}

/**
 * Where a session meets, in words: the host school's name (its URN when the page does not
 * know it), "Online", both, or "To be confirmed".
 */
export function placeOf(session: Pick<Session, "host_urn" | "online_url">, names: ReadonlyMap<string, string>): string {
  const host = session.host_urn ? (names.get(session.host_urn) ?? `School URN ${session.host_urn}`) : null;
  if (host && session.online_url) return `${host} and online`;
  return host ?? (session.online_url ? "Online" : "To be confirmed");
}

/** "Asha Patel, St Bede's Catholic Primary School": a participant and their school. */
export function personWithSchool(person: GroupPerson): string {
  const school = person.school_name ?? (person.school_urn ? `URN ${person.school_urn}` : null);
  return school ? `${person.name}, ${school}` : person.name;
}

/** The public iCalendar feed of one Work Group's sessions, or of a hub's. */
export function groupFeedPath(workGroupId: number): string {
  return `/api/v1/timetable.ics?work_group=${String(workGroupId)}`;
}

export function hubFeedPath(hubId: string): string {
  return `/api/v1/timetable.ics?hub=${encodeURIComponent(hubId)}`;
}

/** A path on this site as a full address ("https://…"), for pasting into a calendar. */
export function absoluteUrl(path: string, origin: string): string {
  return new URL(path, origin).toString();
}

/** The same feed for calendar apps: webcal:// on the same host, whether the site is http or https. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//i, "webcal://");
}

/**
 * Whether someone may open a Work Group's page, as the API decides: national administrators
 * any; hub administrators their hub's; a Mastery Specialist the groups they lead (`ledIds`).
 */
export function mayOpenGroup(
  me: Me | null | undefined,
  group: { hub_id: string; work_group_id: number },
  ledIds: ReadonlySet<number>,
): boolean {
  if (me?.role === "national_admin") return true;
  if (isHubStaff(me)) return me?.hub_id === group.hub_id;
  if (me?.role === "mastery_specialist") return ledIds.has(group.work_group_id);
  return false;
}

/** The register's answers: each participant's status by person id, null until chosen. */
export type Register = Record<number, Attendance | null>;

/** The register as recorded so far: every participant, with what was recorded or nothing. */
export function registerOf(participants: readonly GroupPerson[], records: readonly AttendanceRecord[]): Register {
  const recorded = new Map(records.map((record) => [record.person_id, record.status]));
  return Object.fromEntries(participants.map((person) => [person.id, recorded.get(person.id) ?? null]));
}

/**
 * The body to send, with one record per participant in the page's order (so the API's
 * `/records/{i}` errors point at the i-th participant), or errors for those not answered.
 */
export function attendanceRequest(
  participants: readonly GroupPerson[],
  register: Register,
  { ahead = false }: { ahead?: boolean } = {},
): { records: AttendanceRecord[]; errors: FieldError[] } {
  const records: AttendanceRecord[] = [];
  const errors: FieldError[] = [];
  participants.forEach((person, index) => {
    const status = register[person.id] ?? null;
    if (status !== null) records.push({ person_id: person.id, status });
    // Ahead of the session only apologies are recorded: the others are left unanswered.
    else if (!ahead) errors.push(bodyError(`/records/${String(index)}/status`, `Select whether ${person.name} came`));
  });
  if (ahead && records.length === 0) {
    errors.push(bodyError("/records", "Select who has sent apologies"));
  }
  return { records, errors };
}

/** "Mark everyone present": every participant present, before adjusting the few who were not. */
export function everyonePresent(participants: readonly GroupPerson[], register: Register): Register {
  return { ...register, ...Object.fromEntries(participants.map((person) => [person.id, "present" as const])) };
}

/** Whether the session has started at `now`: its register can be taken (before, only apologies). */
export function hasStarted(session: Pick<Session, "starts_at">, now: Date): boolean {
  return now.getTime() >= new Date(session.starts_at).getTime();
}

/** The id of a participant's first radio: the field the error summary links to. */
export function attendanceFieldId(personId: number): string {
  return `attendance-${String(personId)}`;
}

/** The error summary's fields: every `/records/{i}` pointer the API may give, to that participant's radios. */
export function attendanceFields(participants: readonly GroupPerson[]): Record<string, { id: string }> {
  const fields: Record<string, { id: string }> = {};
  const first = participants[0];
  if (first) fields["/records"] = { id: attendanceFieldId(first.id) };
  participants.forEach((person, index) => {
    const id = attendanceFieldId(person.id);
    for (const suffix of ["", "/person_id", "/status"]) fields[`/records/${String(index)}${suffix}`] = { id };
  });
  return fields;
}

/** "3 present, 1 absent with apologies": the saved register in one line, leaving out none-counts. */
export function attendanceSummary(records: readonly AttendanceRecord[]): string {
  const counts = new Map<Attendance, number>();
  for (const record of records) counts.set(record.status, (counts.get(record.status) ?? 0) + 1);
  return (Object.keys(attendanceLabels) as Attendance[])
    .filter((status) => counts.has(status))
    .map((status) => `${String(counts.get(status))} ${attendanceLabels[status].toLowerCase()}`)
    .join(", ");
}

/** The sessions table's register column: "Taken: 5 present", or "Not taken". */
export function registerSaid(session: Pick<Session, "register_taken" | "present_count">): string {
  return session.register_taken ? `Taken: ${String(session.present_count)} present` : "Not taken";
}
