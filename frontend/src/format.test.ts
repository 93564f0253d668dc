import { describe, expect, it } from "vitest";
import type { SessionPlanItem } from "./api/client";
import {
  capacityLabel,
  formatDate,
  formatMoney,
  grantLabel,
  isKeyOf,
  paragraphs,
  phaseLabels,
  pluralise,
  sessionPlanLabel,
} from "./format";

describe("formatDate", () => {
  it.each([
    ["2018-05-18", "Friday 18 May 2018"],
    ["2027-01-20", "Wednesday 20 January 2027"],
    ["2024-02-29", "Thursday 29 February 2024"],
    ["2021-12-31", "Friday 31 December 2021"],
    // A date-time is read for its calendar date alone.
    ["2026-03-29T00:30:00+01:00", "Sunday 29 March 2026"],
  ])("%s → %s", (iso, expected) => {
    expect(formatDate(iso)).toBe(expected);
  });

  it("gives back what it cannot read", () => {
    expect(formatDate("soon")).toBe("soon");
  });
});

describe("formatMoney", () => {
  it.each([
    [0, "£0"],
    [500, "£5"],
    [100000, "£1,000"],
    [125050, "£1,250.50"],
    [99, "£0.99"],
    [100000000, "£1,000,000"],
  ])("%d pence → %s", (pence, expected) => {
    expect(formatMoney(pence)).toBe(expected);
    expect(formatMoney({ amount_pence: pence, currency: "GBP" })).toBe(expected);
  });
});

/** A session plan item with the API's defaults filled in. */
function plan(fields: Pick<SessionPlanItem, "count" | "kind"> & Partial<SessionPlanItem>): SessionPlanItem {
  return { format: "in_person", length: null, hours: null, note: null, ...fields };
}

describe("sessionPlanLabel", () => {
  it.each([
    [plan({ count: 6, kind: "workshop" }), "6 workshops"],
    [plan({ count: 1, kind: "workshop" }), "1 workshop"],
    [plan({ count: 6, kind: "trg_meeting", length: "half_day" }), "6 half-day TRG meetings"],
    [plan({ count: 1, kind: "school_visit", length: "full_day" }), "1 full-day school visit"],
    [plan({ count: 3, kind: "head_teacher_update", length: "short" }), "3 short head teacher updates"],
    [plan({ count: 2, kind: "collaborative_planning" }), "2 collaborative planning sessions"],
    [plan({ count: 4, kind: "module", length: "hours", hours: 2 }), "4 modules of 2 hours each"],
    [plan({ count: 1, kind: "community_meeting", length: "hours", hours: 1 }), "1 community meeting of 1 hour"],
    [plan({ count: 5, kind: "module", length: "hours", hours: null }), "5 modules"],
  ])("%o → %s", (item, expected) => {
    expect(sessionPlanLabel(item)).toBe(expected);
  });
});

describe("grantLabel", () => {
  it("names a fixed grant by its purpose", () => {
    expect(
      grantLabel({ kind: "fixed", purpose: "release_time", amount: { amount_pence: 100000, currency: "GBP" }, description: null }),
    ).toBe("£1,000 towards teacher release time");
  });

  it("says matched funding is up to the amount", () => {
    expect(
      grantLabel({ kind: "matched", purpose: "textbooks", amount: { amount_pence: 200000, currency: "GBP" }, description: null }),
    ).toBe("Matched funding up to £2,000 for textbooks");
  });

  it("falls back to a plain grant for other purposes", () => {
    expect(grantLabel({ kind: "fixed", purpose: "other", amount: { amount_pence: 50000, currency: "GBP" }, description: null })).toBe(
      "A grant of £500",
    );
  });
});

describe("small helpers", () => {
  it("pluralises", () => {
    expect(pluralise(1, "school")).toBe("1 school");
    expect(pluralise(17, "programme")).toBe("17 programmes");
  });

  it("labels capacity", () => {
    expect(capacityLabel({ places: 8, unit: "schools" })).toBe("8 schools");
    expect(capacityLabel({ places: 1, unit: "participants" })).toBe("1 participant");
  });

  it("narrows URL text to enum values it knows", () => {
    expect(isKeyOf(phaseLabels, "primary")).toBe(true);
    expect(isKeyOf(phaseLabels, "toString")).toBe(false);
    expect(isKeyOf(phaseLabels, null)).toBe(false);
  });

  it("splits text into paragraphs", () => {
    expect(paragraphs("One.\n\nTwo\nlines.\n \nThree.")).toEqual(["One.", "Two\nlines.", "Three."]);
    expect(paragraphs(null)).toEqual([]);
  });
});
