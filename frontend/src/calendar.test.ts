import { describe, expect, it } from "vitest";
import {
  academicYearOfMonth,
  addMonths,
  byDate,
  monthGrid,
  monthLabel,
  monthOfDate,
  monthParam,
  monthRange,
  parseMonth,
  todayInLondon,
} from "./calendar";

describe("parseMonth", () => {
  it.each([
    ["2026-12", { year: 2026, month: 12 }],
    ["2027-01", { year: 2027, month: 1 }],
  ])("reads %s", (raw, expected) => {
    expect(parseMonth(raw)).toEqual(expected);
  });

  it.each([null, "", "2026-13", "2026-00", "2026-1", "26-12", "2026-12-01", "December"])("refuses %s", (raw) => {
    expect(parseMonth(raw)).toBeNull();
  });

  it("writes back what it read", () => {
    expect(monthParam({ year: 2026, month: 3 })).toBe("2026-03");
  });
});

describe("months", () => {
  it("names a month", () => {
    expect(monthLabel({ year: 2026, month: 12 })).toBe("December 2026");
  });

  it.each([
    [{ year: 2026, month: 12 }, 1, { year: 2027, month: 1 }],
    [{ year: 2027, month: 1 }, -1, { year: 2026, month: 12 }],
    [{ year: 2026, month: 9 }, 11, { year: 2027, month: 8 }],
    [{ year: 2026, month: 3 }, -15, { year: 2024, month: 12 }],
  ])("%o plus %i months is %o", (month, count, expected) => {
    expect(addMonths(month, count)).toEqual(expected);
  });

  it("finds a date's month", () => {
    expect(monthOfDate("2026-10-06")).toEqual({ year: 2026, month: 10 });
  });

  it.each([
    [{ year: 2026, month: 12 }, "2026-12-01", "2026-12-31"],
    [{ year: 2027, month: 2 }, "2027-02-01", "2027-02-28"],
    [{ year: 2028, month: 2 }, "2028-02-01", "2028-02-29"],
    [{ year: 2026, month: 9 }, "2026-09-01", "2026-09-30"],
  ])("%o runs from %s to %s", (month, from, to) => {
    expect(monthRange(month)).toEqual({ from, to });
  });

  it.each([
    [{ year: 2026, month: 9 }, "2026-27"],
    [{ year: 2026, month: 12 }, "2026-27"],
    [{ year: 2027, month: 8 }, "2026-27"],
    [{ year: 2099, month: 10 }, "2099-00"],
  ])("%o is in the academic year %s (September to August)", (month, year) => {
    expect(academicYearOfMonth(month)).toBe(year);
  });
});

describe("monthGrid", () => {
  it("starts weeks on Monday, with empty days before the 1st and after the last", () => {
    // 1 December 2026 is a Tuesday; 31 December a Thursday.
    const weeks = monthGrid({ year: 2026, month: 12 });
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([null, "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"]);
    expect(weeks[4]).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", null, null, null]);
  });

  it("puts a month that starts on Sunday at the end of its first week", () => {
    // 1 November 2026 is a Sunday: six rows.
    const weeks = monthGrid({ year: 2026, month: 11 });
    expect(weeks[0]).toEqual([null, null, null, null, null, null, "2026-11-01"]);
    expect(weeks).toHaveLength(6);
  });

  it("fits February in four weeks when it starts on Monday", () => {
    // 1 February 2027 is a Monday, and 2027 is no leap year.
    const weeks = monthGrid({ year: 2027, month: 2 });
    expect(weeks).toHaveLength(4);
    expect(weeks.flat().filter((date) => date !== null)).toHaveLength(28);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
  });
});

describe("todayInLondon", () => {
  it("is England's date, not UTC's, in summer time", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    expect(todayInLondon(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
  });

  it("is UTC's date in winter", () => {
    expect(todayInLondon(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

describe("byDate", () => {
  it("groups items by date, keeping their order", () => {
    const items = [
      { date: "2026-10-06", id: 1 },
      { date: "2026-10-08", id: 2 },
      { date: "2026-10-06", id: 3 },
    ];
    const days = byDate(items);
    expect([...days.keys()]).toEqual(["2026-10-06", "2026-10-08"]);
    expect(days.get("2026-10-06")?.map((item) => item.id)).toEqual([1, 3]);
  });
});
