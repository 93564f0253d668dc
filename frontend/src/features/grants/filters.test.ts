import { describe, expect, it } from "vitest";
import { readClaimFilters } from "./ClaimsQueuePage";
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
    expect(readClaimFilters(new URLSearchParams("status=any"))).toEqual({ status: "any", filters: {} });
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
