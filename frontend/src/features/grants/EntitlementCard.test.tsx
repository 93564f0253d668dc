import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import type { Entitlement } from "./api";
import { claimOpen, committedLabel, EntitlementCard } from "./EntitlementCard";

const matched: Entitlement = {
  id: 7,
  hub: { id: "cheshire-and-wirral", name: "Cheshire and Wirral" },
  programme: { id: 3, title: "Textbooks", code: null, academic_year: "2026-27", academic_year_label: "2026/27" },
  school: { urn: "100030", name: "Tatton Vale High School" },
  kind: "matched_funding",
  purpose: "textbooks",
  description: "matched funding of up to £2,000.00 for textbooks",
  committed: { amount_pence: 200000, currency: "GBP" },
  due: true,
  claimable: true,
  checks: [{ code: "selected", met: true, reason: "Due to schools selected for the programme; this school was selected." }],
  missing: [],
  claims_close_at: "2027-07-31T23:59:59+01:00",
  window_open: true,
  claim: null,
  status: "claimable",
  created_at: "2027-01-19T10:00:00Z",
  updated_at: "2027-01-19T10:00:00Z",
};

const fixedNotDue: Entitlement = {
  ...matched,
  id: 8,
  kind: "fixed_grant",
  purpose: "teacher release time",
  description: "a £1,000.00 grant towards teacher release time",
  committed: { amount_pence: 100000, currency: "GBP" },
  due: false,
  claimable: false,
  checks: [
    { code: "completed_year", met: false, reason: "Due once the school completes the year on the programme; it has not yet." },
    { code: "sessions_attended", met: false, reason: "Paid once the school has attended 4 sessions; it has attended 3." },
  ],
  missing: [
    "Due once the school completes the year on the programme; it has not yet.",
    "Paid once the school has attended 4 sessions; it has attended 3.",
  ],
  status: "not_due",
};

function renderCard(entitlement: Entitlement, canClaim = true) {
  return render(
    <MemoryRouter>
      <EntitlementCard entitlement={entitlement} canClaim={canClaim} />
    </MemoryRouter>,
  );
}

describe("EntitlementCard", () => {
  it("offers the school's contact a claim of an entitlement it can claim", () => {
    renderCard(matched);
    const card = screen.getByRole("region", { name: "Textbooks (2026/27)" });
    expect(card).toHaveTextContent("Matched funding of up to £2,000.00 for textbooks");
    expect(card).toHaveTextContent("Up to £2,000.00, matching what the school spends");
    expect(card).toHaveTextContent("Entitled");
    expect(within(card).getByRole("button", { name: "Claim matched funding for Textbooks" })).toHaveAttribute(
      "href",
      "/schools/100030/grants/7/claim",
    );
  });

  it("says what is missing and why, with no claim to make", () => {
    renderCard(fixedNotDue);
    const card = screen.getByRole("region", { name: "Textbooks (2026/27)" });
    expect(card).toHaveTextContent("£1,000.00");
    expect(card).toHaveTextContent("Not due yet");
    expect(within(card).getAllByRole("listitem").map((item) => item.textContent)).toContain(
      "Paid once the school has attended 4 sessions; it has attended 3.",
    );
    expect(within(card).queryByRole("button")).toBeNull();
  });

  it("shows hub staff the same card without the claim button, and the claim's status", () => {
    renderCard({ ...matched, status: "paid", claim: { id: 42, reference: "GC-000042", status: "paid" } }, false);
    const card = screen.getByRole("region", { name: "Textbooks (2026/27)" });
    expect(within(card).getByRole("link", { name: "GC-000042" })).toHaveAttribute("href", "/grants/claims/42");
    expect(card).toHaveTextContent("The claim has been paid.");
    expect(within(card).queryByRole("button")).toBeNull();
  });
});

describe("committedLabel and claimOpen", () => {
  it("says a fixed grant's amount and matched funding's most", () => {
    expect(committedLabel(fixedNotDue)).toBe("£1,000.00");
    expect(committedLabel(matched)).toBe("Up to £2,000.00, matching what the school spends");
  });

  it("opens a claim only for a claimable entitlement inside the window", () => {
    expect(claimOpen(matched)).toBe(true);
    expect(claimOpen({ ...matched, window_open: false })).toBe(false);
    expect(claimOpen({ ...matched, status: "claimed" })).toBe(false);
  });
});
