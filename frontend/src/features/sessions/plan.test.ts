import { describe, expect, it } from "vitest";
import { confirmed, numbersByDate, rowOfDay } from "./plan";

describe("numbersByDate", () => {
  it("numbers the proposed sessions among those the group has, by date", () => {
    const existing = [
      { date: "2027-10-06", start_time: "09:00:00" },
      { date: "2027-12-01", start_time: "09:00:00" },
    ];
    const proposed = [
      { date: "2028-01-12", start_time: "13:30" },
      { date: "2027-11-10", start_time: "13:30" },
    ];
    expect(numbersByDate(existing, proposed)).toEqual([4, 2]);
    expect(numbersByDate([], proposed)).toEqual([2, 1]);
  });
});

describe("confirming days that are not school days", () => {
  const base = { kind: "workshop" as const, start_time: "09:00", end_time: "12:00", host_urn: "200001" };
  it("confirms only the refused rows", () => {
    const body = [
      { ...base, date: "2027-11-10" },
      { ...base, date: "2027-11-13" },
    ];
    const days = [{ pointer: "/1/date", date: "2027-11-13", reason: "a Saturday" }];
    expect(confirmed(body, days)).toEqual([body[0], { ...body[1], confirm_non_school_day: true }]);
    expect(rowOfDay({ pointer: "/date", date: "2027-11-13", reason: "a Saturday" })).toBe(0);
  });
});
