import { describe, expect, it } from "vitest";
import { asAtParts, csvHref, readAsAt, readQuery } from "./filters";

describe("readQuery", () => {
  it("keeps the named filters that are set, and nothing else", () => {
    const search = new URLSearchParams("by=local_authority&hub=&phase=primary&other=x");
    expect(readQuery(search, ["by", "hub", "phase", "as_at"])).toEqual({ by: "local_authority", phase: "primary" });
  });
});

describe("csvHref", () => {
  it("is the report's .csv twin with the same filters", () => {
    expect(csvHref("coverage", { by: "hub", as_at: "2026-07-31" })).toBe("/api/v1/reports/coverage.csv?by=hub&as_at=2026-07-31");
    expect(csvHref("recruitment/12", {})).toBe("/api/v1/reports/recruitment/12.csv");
  });
});

describe("readAsAt and asAtParts", () => {
  it("reads a day as an ISO date, and empty boxes as today", () => {
    expect(readAsAt({ day: "31", month: "7", year: "2026" })).toEqual({ asAt: "2026-07-31" });
    expect(readAsAt({ day: "", month: "", year: "" })).toEqual({ asAt: null });
  });
  it("says what is wrong with a day that is not real", () => {
    expect(readAsAt({ day: "31", month: "2", year: "2026" })).toEqual({ error: "As at date must be a real date" });
    expect(readAsAt({ day: "3", month: "", year: "2026" })).toEqual({ error: "As at date must include a month" });
  });
  it("fills the boxes from the URL's day, and leaves them empty for anything else", () => {
    expect(asAtParts("2026-07-01")).toEqual({ day: "1", month: "7", year: "2026" });
    expect(asAtParts(undefined)).toEqual({ day: "", month: "", year: "" });
    expect(asAtParts("31/07/2026")).toEqual({ day: "", month: "", year: "" });
  });
});
