import { describe, expect, it } from "vitest";
import { defaultChoice, statementChoices } from "./AddToStatement";
import type { StatementSummary } from "./api";

const NOW = new Date("2027-01-19T10:00:00Z");
const hub = { id: "north", name: "North Maths Hub" };

function statement(id: number, month: string, status: StatementSummary["status"], extra: Partial<StatementSummary> = {}): StatementSummary {
  const [year, number] = month.split("-");
  const names = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return {
    id,
    hub,
    month,
    month_label: `${names[Number(number)] ?? ""} ${year ?? ""}`,
    status,
    total: { amount_pence: 123456, currency: "GBP" },
    line_count: 1,
    paid_on: null,
    payment_reference: null,
    allowed_actions: [],
    created_at: "2027-01-01T00:00:00Z",
    updated_at: "2027-01-01T00:00:00Z",
    version: 1,
    ...extra,
  };
}

describe("statementChoices", () => {
  it("offers a new statement for this month when the hub has none", () => {
    const choices = statementChoices("north", [statement(1, "2026-12", "paid")], NOW);
    expect(choices.map((choice) => [choice.label, choice.target])).toEqual([
      ["A new statement for January 2027", { hubId: "north", month: "2027-01" }],
    ]);
    expect(defaultChoice(choices, NOW)).toBe("new-2027-01");
  });

  it("offers the open statements, this month's first, and no new one when this month's is open", () => {
    const choices = statementChoices("north", [statement(1, "2026-12", "open"), statement(2, "2027-01", "open")], NOW);
    expect(choices.map((choice) => choice.label)).toEqual([
      "December 2026: open, 1 line, £1,234.56",
      "January 2027: open, 1 line, £1,234.56",
    ]);
    expect(defaultChoice(choices, NOW)).toBe("statement-2");
  });

  it("starts the first month without a statement when this month's is closed or paid", () => {
    const choices = statementChoices("north", [statement(1, "2027-01", "paid"), statement(3, "2027-02", "payable")], NOW);
    expect(choices.map((choice) => choice.target)).toEqual([{ hubId: "north", month: "2027-03" }]);
  });

  it("leaves out other hubs' statements", () => {
    const other = statement(4, "2027-01", "open", { hub: { id: "south", name: "South" } });
    expect(statementChoices("north", [other], NOW).map((choice) => choice.value)).toEqual(["new-2027-01"]);
  });

  it("offers nothing to choose by default when there is nothing", () => {
    expect(defaultChoice([], NOW)).toBeNull();
  });
});
