import { describe, expect, it } from "vitest";
import { endOfDayInEngland, readDateParts } from "./dateInput";

describe("readDateParts", () => {
  const read = (day: string, month: string, year: string) => readDateParts({ day, month, year }, "Expiry date");

  it("reads an empty input as empty", () => {
    expect(read("", " ", "")).toEqual({ kind: "empty" });
  });

  it("reads a real date", () => {
    expect(read("31", "12", "2027")).toEqual({ kind: "date", year: 2027, month: 12, day: 31 });
    expect(read(" 1", "03 ", "2028")).toEqual({ kind: "date", year: 2028, month: 3, day: 1 });
  });

  it.each([
    [["", "12", "2027"], "Expiry date must include a day", ["day"]],
    [["", "", "2027"], "Expiry date must include a day and month", ["day", "month"]],
    [["31", "", ""], "Expiry date must include a month and year", ["month", "year"]],
    [["31", "13", "2027"], "Expiry date must be a real date", ["day", "month", "year"]],
    [["29", "2", "2027"], "Expiry date must be a real date", ["day", "month", "year"]],
    [["1", "May", "2027"], "Expiry date must be a real date", ["month"]],
    [["1", "5", "27"], "Year must include 4 numbers", ["year"]],
  ])("%j → %s", ([day, month, year], message, parts) => {
    expect(read(day ?? "", month ?? "", year ?? "")).toEqual({ kind: "invalid", message, parts });
  });
});

describe("endOfDayInEngland", () => {
  it("uses GMT in winter and BST in summer", () => {
    expect(endOfDayInEngland({ year: 2027, month: 12, day: 31 })).toBe("2027-12-31T23:59:59+00:00");
    expect(endOfDayInEngland({ year: 2027, month: 7, day: 4 })).toBe("2027-07-04T23:59:59+01:00");
  });

  it("gives the days the clocks change the offset of their end", () => {
    // 2027: clocks go forward on 28 March and back on 31 October.
    expect(endOfDayInEngland({ year: 2027, month: 3, day: 28 })).toBe("2027-03-28T23:59:59+01:00");
    expect(endOfDayInEngland({ year: 2027, month: 10, day: 31 })).toBe("2027-10-31T23:59:59+00:00");
  });
});
