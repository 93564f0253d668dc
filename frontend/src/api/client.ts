// The one way the SPA talks to the API: openapi-fetch over the types generated from
// ../openapi.yaml (src/api/schema.d.ts; run `npm run generate` after the contract changes).
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export const api = createClient<paths>({ baseUrl: "" });

/** Header that every unsafe request made with the session cookie must carry (or the API answers 403). */
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * The CSRF token of the current session: set from `Me` when someone signs in and whenever
 * `/auth/me` is read, cleared when they sign out. Kept here, not in React state, so that
 * the middleware below can read it for every request.
 */
let csrfToken: string | null = null;

export function rememberSession(me: { csrf_token: string | null } | null): void {
  csrfToken = me?.csrf_token ?? null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Adds X-CSRF-Token to every POST, PATCH and DELETE while someone is signed in. */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (csrfToken === null || SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
    request.headers.set(CSRF_HEADER, csrfToken);
    return request;
  },
};

api.use(csrfMiddleware);

type Schemas = components["schemas"];
export type AcademicYear = Schemas["AcademicYear"];
export type ApiKey = Schemas["ApiKey"];
export type ApiKeyCreate = Schemas["ApiKeyCreate"];
export type ApiKeyIssued = Schemas["ApiKeyIssued"];
export type AuditEvent = Schemas["AuditEvent"];
export type AuditFilters = NonNullable<paths["/api/v1/audit"]["get"]["parameters"]["query"]>;
export type FieldError = Schemas["FieldError"];
export type Me = Schemas["Me"];
export type Role = Schemas["Role"];
export type Scope = Schemas["Scope"];
export type SignInRequest = Schemas["SignInRequest"];
export type Audience = Schemas["Audience"];
export type Capacity = Schemas["Capacity"];
export type Funding = Schemas["Funding-Output"];
export type Grant = Schemas["Grant-Output"];
export type Hub = Schemas["Hub"];
export type Milestone = Schemas["Milestone-Output"];
export type MilestoneKind = Schemas["MilestoneKind"];
export type Money = Schemas["Money-Output"];
export type Phase = Schemas["Phase"];
export type Problem = Schemas["Problem"];
export type Programme = Schemas["Programme"];
export type ProgrammeStatus = Schemas["ProgrammeStatus"];
export type SessionFormat = Schemas["SessionFormat"];
export type SessionKind = Schemas["SessionKind"];
export type SessionPlanItem = Schemas["SessionPlanItem-Output"];
export type Stage = Schemas["Stage"];
export type Decision = Schemas["Decision"];
export type Journey = Schemas["Journey"];
export type JourneyYear = Schemas["JourneyYear"];
export type OpenProgramme = Schemas["OpenProgramme"];
export type Participation = Schemas["Participation"];
export type ParticipationOutcome = Schemas["ParticipationOutcome"];
export type ProgrammeType = Schemas["ProgrammeType"];
export type RuleOutcome = Schemas["RuleOutcome"];
export type RuleResult = Schemas["RuleResult"];
export type School = Schemas["School"];
export type SchoolFilters = NonNullable<paths["/api/v1/schools"]["get"]["parameters"]["query"]>;
export type ProgrammeFilters = NonNullable<
  paths["/api/v1/programmes"]["get"]["parameters"]["query"]
>;
export type Attendance = Schemas["Attendance"];
export type AttendanceRecord = Schemas["AttendanceRecord"];
export type CalendarFeed = Schemas["CalendarFeed"];
export type CalendarFeedRequest = Schemas["CalendarFeedRequest"];
export type GroupPerson = Schemas["GroupPerson"];
export type GroupSchool = Schemas["GroupSchool"];
export type HalfTerm = Schemas["HalfTerm"];
export type ProposedSession = Schemas["ProposedSession"];
export type ScheduleRequest = Schemas["ScheduleRequest"];
export type SessionCreate = Schemas["SessionCreate"];
export type ContinuationVerdict = Schemas["ContinuationVerdict"];
export type WorkGroupContinuation = Schemas["WorkGroupContinuation"];
export type WorkGroupContinued = Schemas["WorkGroupContinued"];
export type MeetingKind = Schemas["MeetingKind"];
export type ReleaseTimeReport = Schemas["ReleaseTimeReport"];
export type SchoolRelease = Schemas["SchoolRelease"];
export type Session = Schemas["Session"];
export type SessionStatus = Schemas["SessionStatus"];
export type TimetableEntry = Schemas["TimetableEntry"];
export type WorkGroup = Schemas["WorkGroup"];
export type WorkGroupFilters = NonNullable<paths["/api/v1/work-groups"]["get"]["parameters"]["query"]>;

/** A failed request, carrying the RFC 9457 problem the API answered (or one made up for it). */
export class ProblemError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ProblemError";
    this.problem = problem;
  }
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === "object" &&
    body !== null &&
    typeof (body as { title?: unknown }).title === "string" &&
    typeof (body as { status?: unknown }).status === "number"
  );
}

/**
 * The problem in an error body. Its shape is checked here rather than trusted: an answer
 * from something in front of the API (a proxy's 502 page) is not problem+json at all.
 */
export function toProblem(body: unknown, response: Response): Problem {
  if (isProblem(body)) return body;
  return {
    type: "about:blank",
    title: response.statusText || "Sorry, there is a problem with the service",
    status: response.status,
    detail: "Try again later.",
  };
}

/** fetch itself failed: offline, or the server is down. */
function unreachable(): Problem {
  return {
    type: "about:blank",
    title: "Sorry, there is a problem with the service",
    status: 0,
    detail: "The service could not be reached. Check your connection and try again.",
  };
}

/** Data from an openapi-fetch result, or a ProblemError for TanStack Query to hold. */
export async function unwrap<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    // fetch itself failed: offline, or the server is down.
    throw new ProblemError(unreachable());
  }
  if (result.data === undefined) {
    throw new ProblemError(toProblem(result.error, result.response));
  }
  return result.data;
}

/** For answers with no body (204): resolves when the response is a success, else a ProblemError. */
export async function unwrapEmpty(
  request: Promise<{ error?: unknown; response: Response }>,
): Promise<void> {
  let result: { error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ProblemError(unreachable());
  }
  if (!result.response.ok) throw new ProblemError(toProblem(result.error, result.response));
}

/** HTTP status of a failed request (0 when the service could not be reached), or null. */
export function problemStatus(error: unknown): number | null {
  return error instanceof ProblemError ? error.problem.status : null;
}

/** Problems that a retry cannot fix (the request itself was wrong). */
export function isClientProblem(error: unknown): boolean {
  return error instanceof ProblemError && error.problem.status >= 400 && error.problem.status < 500;
}
