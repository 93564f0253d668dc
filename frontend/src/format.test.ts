import { describe, expect, it } from "vitest";
import type { SessionPlanItem } from "./api/client";
import {
  academicYearLabel,
  addressLines,
  ageRange,
  capacityLabel,
  formatClockTime,
  formatDays,
  formatTimeRange,
  meetingKindLabels,
  formatDateTime,
  formatDay,
  formatTime,
  formatDate,
  formatMoney,
  grantLabel,
  isKeyOf,
  paragraphs,
  phaseLabels,
  pluralise,
  programmeTypeLabels,
  ruleOutcomeLabels,
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
      grantLabel({ kind: "fixed", purpose: "release_time", amount: { amount_pence: 100000, currency: "GBP" }, description: null, conditions: [] }),
    ).toBe("£1,000 towards teacher release time");
  });

  it("says matched funding is up to the amount", () => {
    expect(
      grantLabel({ kind: "matched", purpose: "textbooks", amount: { amount_pence: 200000, currency: "GBP" }, description: null, conditions: [] }),
    ).toBe("Matched funding up to £2,000 for textbooks");
  });

  it("falls back to a plain grant for other purposes", () => {
    expect(grantLabel({ kind: "fixed", purpose: "other", amount: { amount_pence: 50000, currency: "GBP" }, description: null, conditions: [] })).toBe(
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

describe("formatDateTime", () => {
  it.each([
    ["2026-11-25T23:19:06.163188Z", "25 November 2026 at 11:19pm"],
    // British Summer Time: an hour ahead of UTC.
    ["2026-07-01T09:30:00Z", "1 July 2026 at 10:30am"],
    ["2026-07-01T13:00:00+01:00", "1 July 2026 at 1pm"],
    ["2026-01-10T12:00:00Z", "10 January 2026 at midday"],
    ["2026-01-10T00:00:00Z", "10 January 2026 at midnight"],
  ])("%s → %s", (iso, expected) => {
    expect(formatDateTime(iso)).toBe(expected);
  });

  it("reads the date in England, not UTC", () => {
    expect(formatDay("2026-06-30T23:30:00Z")).toBe("1 July 2026");
    expect(formatTime("2026-06-30T23:30:00Z")).toBe("12:30am");
  });

  it("gives back what it cannot read", () => {
    expect(formatDateTime("soon")).toBe("soon");
  });
});

describe("schools and journeys", () => {
  it("writes an academic year as the hubs do", () => {
    expect(academicYearLabel("2027-28")).toBe("2027/28");
    expect(academicYearLabel("next year")).toBe("next year");
  });

  it("names programme kinds and rule outcomes in words", () => {
    expect(programmeTypeLabels.primary_development).toBe("Primary Development");
    expect(programmeTypeLabels.sktm_primary_ect_phase_2).toBe("SKTM Primary Early Career Teachers: Phase 2");
    expect(ruleOutcomeLabels).toEqual({ passed: "Passed", failed: "Not met", pending: "To be checked" });
  });

  it("leaves out the parts of an address the register does not hold", () => {
    expect(addressLines({ street: "Church Lane", town: null, postcode: " CH1 1AA " })).toEqual(["Church Lane", "CH1 1AA"]);
    expect(addressLines({ street: null, town: "", postcode: null })).toEqual([]);
  });

  it("says an age range", () => {
    expect(ageRange(4, 11)).toBe("4 to 11");
    expect(ageRange(16, null)).toBe("16 and over");
    expect(ageRange(null, 11)).toBe("up to 11");
    expect(ageRange(null, null)).toBeNull();
  });
});

describe("formatClockTime", () => {
  it.each([
    ["13:30:00", "1:30pm"],
    ["16:00:00", "4pm"],
    ["09:05", "9:05am"],
    ["12:00:00", "midday"],
    ["00:00:00", "midnight"],
    ["12:30:00", "12:30pm"],
    ["00:15:00", "12:15am"],
  ])("%s → %s", (time, expected) => {
    expect(formatClockTime(time)).toBe(expected);
  });

  it("gives back what it cannot read", () => {
    expect(formatClockTime("soon")).toBe("soon");
  });

  it("says a session's times as a range", () => {
    expect(formatTimeRange("13:30:00", "16:00:00")).toBe("1:30pm to 4pm");
  });
});

describe("formatDays", () => {
  it.each([
    [1, "1 day"],
    [10, "10 days"],
    [2.5, "2.5 days"],
    [0, "0 days"],
    [0.1 + 0.2, "0.3 days"],
  ])("%f → %s", (days, expected) => {
    expect(formatDays(days)).toBe(expected);
  });
});

describe("meetingKindLabels", () => {
  it("names each kind in the hubs' words", () => {
    expect(meetingKindLabels.trg_meeting).toBe("TRG meeting");
    expect(meetingKindLabels.collaborative_planning).toBe("Collaborative planning");
  });
});
