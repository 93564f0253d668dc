import { describe, expect, it } from "vitest";
import { readRateLimit, rateLimitText } from "./rateLimit";

describe("readRateLimit", () => {
  it("reads empty as the service's default", () => {
    expect(readRateLimit("  ")).toEqual({ kind: "default" });
  });

  it("reads whole numbers, with thousands separators or spaces", () => {
    expect(readRateLimit("120")).toEqual({ kind: "limit", value: 120 });
    expect(readRateLimit(" 1,000 ")).toEqual({ kind: "limit", value: 1000 });
    expect(readRateLimit("1 000 000")).toEqual({ kind: "limit", value: 1_000_000 });
  });

  it("refuses what is not a whole number, or out of bounds", () => {
    for (const typed of ["lots", "1.5", "-3", "12a"]) {
      expect(readRateLimit(typed)).toEqual({
        kind: "invalid",
        message: "Requests a minute must be a whole number, like 120",
      });
    }
    for (const typed of ["0", "1000001"]) {
      expect(readRateLimit(typed)).toEqual({
        kind: "invalid",
        message: "Requests a minute must be between 1 and 1,000,000",
      });
    }
  });
});

describe("rateLimitText", () => {
  it("says the limit, or that the default applies", () => {
    expect(rateLimitText(null)).toBe("Service default");
    expect(rateLimitText(1200)).toBe("1,200 a minute");
  });
});
