import { describe, expect, it } from "vitest";
import { actorWithRole, auditWhat, formatChangeValue, resourceTypeNoun } from "./wording";

describe("auditWhat", () => {
  it("names the record by its title", () => {
    expect(
      auditWhat({ action: "update", resource_type: "session", resource_id: "27", resource_title: "Session 3 of Year 5" }),
    ).toBe("Changed: Session 3 of Year 5");
    expect(
      auditWhat({ action: "confirm", resource_type: "application", resource_id: "4", resource_title: "Carmel's application" }),
    ).toBe("Confirmed: Carmel's application");
  });

  it("falls back to the kind and id when the log has no title", () => {
    expect(auditWhat({ action: "create", resource_type: "api_key", resource_id: "3", resource_title: null })).toBe(
      "Created API key 3",
    );
    expect(auditWhat({ action: "merge", resource_type: "school", resource_id: "1", resource_title: null })).toBe(
      "merge school 1",
    );
  });
});

describe("wording", () => {
  it("says a kind of record mid-sentence", () => {
    expect(resourceTypeNoun("session_attendance")).toBe("register");
    expect(resourceTypeNoun("work_group")).toBe("Work Group");
    expect(resourceTypeNoun("api_key")).toBe("API key");
  });

  it("names who with their role", () => {
    expect(actorWithRole("Hana Head", "signatory")).toBe("Hana Head (Signatory)");
    expect(actorWithRole("Old Key", null)).toBe("Old Key");
    expect(actorWithRole("The system (command line)", "system")).toBe("The system (command line)");
  });

  it("writes values in words", () => {
    expect(formatChangeValue("13:30")).toBe("1:30pm");
    expect(formatChangeValue("2018-05-18")).toBe("Friday 18 May 2018");
    expect(formatChangeValue(null)).toBe("(none)");
    expect(formatChangeValue(["a", "b"])).toBe("a, b");
    expect(formatChangeValue(true)).toBe("yes");
  });
});

describe("formatChangeValue, as before", () => {
  it.each([
    [null, "(none)"],
    [undefined, "(none)"],
    ["Timetable sync", "Timetable sync"],
    [true, "yes"],
    [8, "8"],
    [["programmes:read", "timetable:read"], "programmes:read, timetable:read"],
    [[], "(none)"],
    ["2026-11-25T23:19:06+00:00", "25 November 2026 at 11:19pm"],
    [{ places: 8, unit: "schools" }, '{"places":8,"unit":"schools"}'],
  ])("%j → %s", (value, expected) => {
    expect(formatChangeValue(value)).toBe(expected);
  });
});

