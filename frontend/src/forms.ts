// Errors on a form: those the page finds itself before asking the API (an empty required
// field), and those in the API's problem+json, in one shape for the error summary.
import { ProblemError, type FieldError, type Problem } from "./api/client";

/** An error the page found in a field of the body it was about to send. */
export function bodyError(pointer: string, detail: string): FieldError {
  return { location: "body", pointer, detail };
}

/** The page's own errors as a problem, so one error summary shows them as it shows the API's; null when none. */
export function checksProblem(errors: FieldError[]): Problem | null {
  if (errors.length === 0) return null;
  return { type: "about:blank", title: "There is a problem", status: 422, errors };
}

/** The problem a failed request holds, if it was one. */
export function problemOf(error: unknown): Problem | null {
  return error instanceof ProblemError ? error.problem : null;
}

/** Each field's first error by JSON pointer ("/email"), for inline error messages. */
export function errorsByPointer(problem: Problem | null): Partial<Record<string, string>> {
  const errors: Partial<Record<string, string>> = {};
  for (const error of problem?.errors ?? []) errors[error.pointer] ??= error.detail;
  return errors;
}

/** A text field's value from a submitted form ("" when missing, or a file). */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}
