import { describe, expect, it } from "vitest";
import { londonMonth, monthForNewStatement, monthLabel, nextMonth } from "./months";

describe("londonMonth", () => {
  it("is the month in England, not in UTC", () => {
    expect(londonMonth(new Date("2027-01-19T10:00:00Z"))).toBe("2027-01");
    // 23:30 UTC on 31 May is already 1 June in London (summer time).
    expect(londonMonth(new Date("2027-05-31T23:30:00Z"))).toBe("2027-06");
    expect(londonMonth(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12");
  });
});

describe("nextMonth and monthLabel", () => {
  it("turns the year", () => {
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(nextMonth("2027-09")).toBe("2027-10");
    expect(nextMonth("nonsense")).toBe("nonsense");
  });

  it("names the month", () => {
    expect(monthLabel("2027-01")).toBe("January 2027");
    expect(monthLabel("2026-12")).toBe("December 2026");
    expect(monthLabel("2026-13")).toBe("2026-13");
  });
});

describe("monthForNewStatement", () => {
  const now = new Date("2027-01-19T10:00:00Z");
  it("is this month when the hub has no statement for it", () => {
    expect(monthForNewStatement(now, ["2026-12"])).toBe("2027-01");
  });
  it("moves on past the months that have one", () => {
    expect(monthForNewStatement(now, ["2027-01", "2027-02", "2026-11"])).toBe("2027-03");
  });
});
