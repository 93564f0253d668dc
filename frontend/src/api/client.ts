// The one way the SPA talks to the API: openapi-fetch over the types generated from
// ../openapi.yaml (src/api/schema.d.ts; run `npm run generate` after the contract changes).
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export const api = createClient<paths>({ baseUrl: "" });

type Schemas = components["schemas"];
export type AcademicYear = Schemas["AcademicYear"];
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
export type ProgrammeFilters = NonNullable<
  paths["/api/v1/programmes"]["get"]["parameters"]["query"]
>;

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
 * The problem in an error body. The contract declares `application/problem+json` with an
 * empty schema (the Problem schema sits under `application/json`), so the generated error
 * type is `unknown` and the shape is checked here rather than trusted.
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

/** Data from an openapi-fetch result, or a ProblemError for TanStack Query to hold. */
export async function unwrap<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    // fetch itself failed: offline, or the server is down.
    throw new ProblemError({
      type: "about:blank",
      title: "Sorry, there is a problem with the service",
      status: 0,
      detail: "The service could not be reached. Check your connection and try again.",
    });
  }
  if (result.data === undefined) {
    throw new ProblemError(toProblem(result.error, result.response));
  }
  return result.data;
}

/** Problems that a retry cannot fix (the request itself was wrong). */
export function isClientProblem(error: unknown): boolean {
  return error instanceof ProblemError && error.problem.status >= 400 && error.problem.status < 500;
}
