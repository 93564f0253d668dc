import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import type { Claim } from "./api";
import { ClaimSummary } from "./ClaimSummary";

const claim: Claim = {
  id: 42,
  reference: "GC-000042",
  entitlement_id: 7,
  hub: { id: "north", name: "North Maths Hub" },
  programme: { id: 3, title: "Textbooks", code: null, academic_year: "2026-27", academic_year_label: "2026/27" },
  school: { urn: "100030", name: "Tatton Vale High School" },
  kind: "matched_funding",
  purpose: "textbooks",
  status: "awaiting_clawback",
  amount: { amount_pence: 123456, currency: "GBP" },
  spend: { amount_pence: 123456, currency: "GBP" },
  invoice_reference: "INV-7",
  evidence: {
    filename: "invoice.pdf",
    content_type: "application/pdf",
    size_bytes: 2048,
    sha256: "0".repeat(64),
    href: "/api/v1/grants/claims/42/evidence",
  },
  reason: null,
  reason_detail: "The textbooks were returned.",
  duplicate_of: null,
  payment_statement: { id: 5, month: "2027-01", status: "paid" },
  clawback_statement: { id: 6, month: "2027-02", status: "open" },
  allowed_actions: [],
  history: [],
  submitted_at: "2027-01-19T10:00:00Z",
  updated_at: "2027-01-19T10:00:00Z",
  version: 4,
};

function rows(): Record<string, string> {
  return Object.fromEntries(
    screen.getAllByRole("term").map((term) => [term.textContent ?? "", term.nextElementSibling?.textContent ?? ""]),
  );
}

describe("ClaimSummary", () => {
  it("shows the claim's money in pounds and pence, its evidence and its statements", () => {
    render(
      <MemoryRouter>
        <ClaimSummary claim={claim} />
      </MemoryRouter>,
    );
    expect(rows()).toMatchObject({
      School: "Tatton Vale High School (URN 100030)",
      Grant: "Matched funding for textbooks",
      "Spent by the school": "£1,234.56",
      "Amount claimed": "£1,234.56",
      "Invoice reference": "INV-7",
      "Reason given": "The textbooks were returned.",
      "Payment statement": "January 2027",
      "Clawback statement": "February 2027",
    });
    const evidence = screen.getByRole("link", { name: /Download invoice\.pdf/ });
    expect(evidence).toHaveAttribute("href", "/api/v1/grants/claims/42/evidence");
    expect(evidence).toHaveTextContent("(PDF, 2 KB)");
    expect(screen.getByRole("link", { name: "February 2027" })).toHaveAttribute("href", "/grants/statements/6");
  });

  it("names the statements without links for a school contact", () => {
    render(
      <MemoryRouter>
        <ClaimSummary claim={{ ...claim, evidence: null, reason: "duplicate", duplicate_of: { id: 41, reference: "GC-000041", status: "paid" } }} statementLinks={false} />
      </MemoryRouter>,
    );
    expect(rows()).toMatchObject({ "Why it was refused": "It duplicates another claim", Duplicates: "GC-000041" });
    expect(screen.queryByRole("link")).toBeNull();
  });
});
