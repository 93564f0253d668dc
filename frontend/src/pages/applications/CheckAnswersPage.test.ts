import { describe, expect, it } from "vitest";
import type { Problem } from "../../api/client";
import { submitErrors } from "./CheckAnswersPage";

describe("submitErrors", () => {
  const base = "/applications/7";

  it("lists each failed rule in the API's words, linked to the page that fixes it", () => {
    const refused: Problem = {
      type: "/problems/not-eligible",
      title: "The application cannot be submitted",
      status: 422,
      failed_rules: [
        { kind: "commitments_confirmed", code: "commitments_not_confirmed", reason: "Everyone named must confirm." },
        { kind: "application_window", code: "window_closed", reason: "Applications closed at 11:59pm on Friday 9 January 2026." },
      ],
    };
    expect(submitErrors(refused, base)).toEqual([
      { text: "Everyone named must confirm.", to: `${base}/commitments` },
      { text: "Applications closed at 11:59pm on Friday 9 January 2026.", to: null },
    ]);
  });

  it("falls back to the fields named, then to the detail", () => {
    const invalid: Problem = {
      type: "/problems/validation",
      title: "Your request has invalid fields",
      status: 422,
      failed_rules: null,
      errors: [{ location: "body", pointer: "/statement", detail: "Write at most 150 words" }],
    };
    expect(submitErrors(invalid, base)).toEqual([{ text: "Write at most 150 words", to: `${base}/statement` }]);
    expect(submitErrors({ type: "about:blank", title: "Conflict", status: 409, detail: "Already submitted." }, base)).toEqual([
      { text: "Already submitted." },
    ]);
  });
});
