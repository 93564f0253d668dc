import { describe, expect, it } from "vitest";
import type { Hub } from "../../api/client";
import type { FunnelRow, GroupAttendance } from "./api";
import { groupLabel } from "./AttendanceReportPage";
import { funnelRowLabel } from "./FunnelPage";
import { hubFilter, isNational, scopeText } from "./scope";

const HUBS = [{ id: "cheshire-and-wirral", name: "Cheshire and Wirral Maths Hub" }] as Hub[];

describe("whose figures", () => {
  it("national administrators get the hub select, with every hub side by side first", () => {
    expect(isNational({ role: "national_admin" } as Parameters<typeof isNational>[0])).toBe(true);
    expect(isNational({ role: "hub_admin" } as Parameters<typeof isNational>[0])).toBe(false);
    expect(hubFilter(HUBS)).toMatchObject({
      name: "hub",
      empty: "All hubs side by side",
      options: [{ value: "cheshire-and-wirral", label: "Cheshire and Wirral Maths Hub" }],
    });
  });
  it("names the hub shown, or all hubs", () => {
    expect(scopeText(null, HUBS)).toBe("all hubs side by side");
    expect(scopeText("cheshire-and-wirral", HUBS)).toBe("Cheshire and Wirral Maths Hub");
    expect(scopeText("unknown", HUBS)).toBe("unknown");
  });
});

describe("row labels", () => {
  const row = { cohort: "2021-22", phase: "primary", hub_name: "Cheshire and Wirral Maths Hub" } as FunnelRow;
  it("a funnel row is its cohort and phase, and its hub when hubs are side by side", () => {
    expect(funnelRowLabel(row, false)).toBe("2021/22 primary");
    expect(funnelRowLabel(row, true)).toBe("2021/22 primary, Cheshire and Wirral Maths Hub");
  });
  it("a group is its name, and its hub when hubs are side by side", () => {
    const group = { name: "Year 5 Fractions" } as GroupAttendance;
    expect(groupLabel(group, null)).toBe("Year 5 Fractions");
    expect(groupLabel(group, "Cheshire")).toBe("Year 5 Fractions (Cheshire)");
  });
});
