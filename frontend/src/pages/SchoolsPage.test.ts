import { describe, expect, it } from "vitest";
import { describeSchoolFilters, readSchoolFilters } from "./SchoolsPage";

describe("readSchoolFilters", () => {
  it("reads the search from the query string, state_funded only as true or false", () => {
    expect(readSchoolFilters(new URLSearchParams("q=Bede&town=+Chester+&state_funded=true&phase=Primary"))).toEqual({
      q: "Bede",
      town: "Chester",
      phase: "Primary",
      state_funded: true,
    });
    expect(readSchoolFilters(new URLSearchParams("state_funded=false"))).toEqual({ state_funded: false });
    expect(readSchoolFilters(new URLSearchParams("state_funded=maybe&q="))).toEqual({});
  });
});

describe("describeSchoolFilters", () => {
  it("says each filter applied, naming the hub", () => {
    expect(
      describeSchoolFilters(
        { q: "Bede", local_authority: "896", state_funded: false, status: "Open", hub: "cheshire-and-wirral" },
        "Cheshire and Wirral Maths Hub",
      ),
    ).toEqual([
      "search: “Bede”",
      "local authority: 896",
      "state-funded: no",
      "status: Open",
      "hub: Cheshire and Wirral Maths Hub",
    ]);
  });
});
