import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Decision } from "../../api/client";
import { EligibilityResult, readUrn, URN_FORMAT } from "./EligibilityPanel";

describe("readUrn", () => {
  it("takes six digits, dropping spaces typed among them", () => {
    expect(readUrn("100001")).toEqual({ urn: "100001" });
    expect(readUrn(" 100 001 ")).toEqual({ urn: "100001" });
  });

  it("asks for a URN with 6 digits otherwise", () => {
    expect(readUrn("")).toEqual({ error: "Enter your school's URN" });
    expect(readUrn("12345")).toEqual({ error: URN_FORMAT });
    expect(readUrn("1000011")).toEqual({ error: URN_FORMAT });
    expect(readUrn("10000a")).toEqual({ error: URN_FORMAT });
    expect(URN_FORMAT).toBe("Enter a URN with 6 digits, like 100001");
  });
});

const refused: Decision = {
  programme_id: 12,
  urn: "100001",
  person_id: null,
  eligible: false,
  may_apply: false,
  summary: "St Bede’s Catholic Primary School cannot take part in Primary Mastery Development Programme: …",
  rules: [
    { kind: "state_funded_school_in_england", code: "state_funded_in_england", outcome: "passed", reason: "Your school is a state-funded school in England." },
    { kind: "never_took_part", code: "already_took_part", outcome: "failed", reason: "A school can take part in Primary Development only once." },
    { kind: "people_named", code: "application_not_started", outcome: "pending", reason: "The application will need to name a head teacher." },
  ],
};

describe("EligibilityResult", () => {
  it("says the decision, takes focus, and tags each rule in words", () => {
    render(<EligibilityResult decision={refused} />);
    const result = screen.getByRole("region", { name: "This school cannot take part" });
    expect(result).toHaveFocus();
    expect(result).toHaveTextContent("St Bede’s Catholic Primary School cannot take part");
    const rules = within(result).getAllByRole("listitem");
    expect(rules.map((rule) => rule.textContent)).toEqual([
      "Passed: Your school is a state-funded school in England.",
      "Not met: A school can take part in Primary Development only once.",
      "To be checked: The application will need to name a head teacher.",
    ]);
  });

  it("says the school may apply when no rule failed", () => {
    render(<EligibilityResult decision={{ ...refused, may_apply: true, rules: refused.rules.filter((rule) => rule.outcome !== "failed") }} />);
    expect(screen.getByRole("region", { name: "This school may apply" })).toBeInTheDocument();
  });
});
