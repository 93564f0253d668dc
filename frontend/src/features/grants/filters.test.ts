import { describe, expect, it } from "vitest";
import { readClaimFilters } from "./ClaimsQueuePage";
import { readStatementFilters } from "./StatementsPage";
import { readSummaryFilters } from "./SummaryPage";

describe("readClaimFilters", () => {
  it("shows submitted claims unless asked otherwise", () => {
    expect(readClaimFilters(new URLSearchParams(""))).toEqual({ status: "submitted", filters: { status: ["submitted"] } });
    expect(readClaimFilters(new URLSearchParams("status=nonsense"))).toEqual({
      status: "submitted",
      filters: { status: ["submitted"] },
    });
  });

  it("takes a status, every status, and the page", () => {
    expect(readClaimFilters(new URLSearchParams("status=paid&cursor=abc"))).toEqual({
      status: "paid",
      filters: { status: ["paid"], cursor: "abc" },
    });
    expect(readClaimFilters(new URLSearchParams("status=any&hub=north"))).toEqual({
      status: "any",
      filters: { hub: "north" },
    });
  });
});

describe("readSummaryFilters", () => {
  it("reads the year and the hub", () => {
    expect(readSummaryFilters(new URLSearchParams("academic_year=2026-27&hub=north"))).toEqual({
      academic_year: "2026-27",
      hub: "north",
    });
    expect(readSummaryFilters(new URLSearchParams(""))).toEqual({});
  });
});

describe("readStatementFilters", () => {
  it("reads a known status, the hub and the page", () => {
    expect(readStatementFilters(new URLSearchParams("status=paid&hub=north&cursor=x"))).toEqual({
      status: "paid",
      hub: "north",
      cursor: "x",
    });
    expect(readStatementFilters(new URLSearchParams("status=lost"))).toEqual({});
  });
});
