import { describe, expect, it } from "vitest";
import { formatPounds, MAX_PENCE, readPounds } from "./money";

describe("formatPounds", () => {
  it.each([
    [0, "£0.00"],
    [5, "£0.05"],
    [100000, "£1,000.00"],
    [123456, "£1,234.56"],
    [MAX_PENCE, "£1,000,000.00"],
    [-100000, "\u2212£1,000.00"],
    [-1, "\u2212£0.01"],
  ])("shows %i pence as %s", (pence, shown) => {
    expect(formatPounds(pence)).toBe(shown);
    expect(formatPounds({ amount_pence: pence })).toBe(shown);
  });
});

describe("readPounds", () => {
  const what = "how much the school spent";

  it.each([
    ["1,234.56", 123456],
    ["£1,234.56", 123456],
    ["1234.56", 123456],
    ["1234.5", 123450],
    [" 1234 ", 123400],
    ["0.01", 1],
    ["0", 0],
    ["007.10", 710],
    ["1,000,000", MAX_PENCE],
    // A float would make 0.29 * 100 = 28.999…; the digits alone do not.
    ["0.29", 29],
    ["1,005.07", 100507],
  ])("reads %s as %i pence", (typed, pence) => {
    expect(readPounds(typed, { what })).toEqual({ pence });
  });

  it.each([
    ["", "Enter how much the school spent"],
    ["  ", "Enter how much the school spent"],
    ["12.345", "Enter how much the school spent in pounds and pence, like 1,234.56"],
    ["1,23.45", "Enter how much the school spent in pounds and pence, like 1,234.56"],
    ["12a", "Enter how much the school spent in pounds and pence, like 1,234.56"],
    ["1e3", "Enter how much the school spent in pounds and pence, like 1,234.56"],
    [".5", "Enter how much the school spent in pounds and pence, like 1,234.56"],
    ["-5", "Enter how much the school spent as an amount of £0.00 or more"],
    ["1,000,000.01", "Enter how much the school spent of £1,000,000.00 or less"],
    ["99999999999999999999", "Enter how much the school spent of £1,000,000.00 or less"],
  ])("refuses %j", (typed, error) => {
    expect(readPounds(typed, { what })).toEqual({ error });
  });

  it("reads a signed amount with a hyphen or a minus sign, before or after the pound sign", () => {
    const signed = { what: "the amount", signed: true };
    expect(readPounds("-50.00", signed)).toEqual({ pence: -5000 });
    expect(readPounds("\u221250", signed)).toEqual({ pence: -5000 });
    expect(readPounds("£-1,000", signed)).toEqual({ pence: -100000 });
    expect(readPounds("-£0.10", signed)).toEqual({ pence: -10 });
    expect(readPounds("--5", signed)).toEqual({ error: "Enter the amount in pounds and pence, like 1,234.56" });
  });

  it("refuses nothing when nothing is not allowed", () => {
    expect(readPounds("0.00", { what: "the amount", signed: true, zero: false })).toEqual({
      error: "Enter the amount other than £0.00",
    });
    expect(readPounds("-0", { what: "the amount", signed: true, zero: false })).toEqual({
      error: "Enter the amount other than £0.00",
    });
  });
});
