import { describe, expect, it } from "vitest";
import { formedNews, ungroupedSchools } from "./forming";

const school = (urn: string) => ({ school: { urn, name: `School ${urn}`, address: "x" } });

describe("ungroupedSchools", () => {
  it("leaves out schools already in one of the programme's groups, and repeats", () => {
    const groups = [{ schools: [{ urn: "100002" }] }];
    expect(ungroupedSchools([school("100001"), school("100002"), school("100001"), school("100003")], groups)).toEqual([
      { urn: "100001", name: "School 100001" },
      { urn: "100003", name: "School 100003" },
    ]);
  });

  it("is empty when every selected school is grouped", () => {
    expect(ungroupedSchools([school("100001")], [{ schools: [{ urn: "100001" }] }])).toEqual([]);
  });
});

describe("formedNews", () => {
  it("says how many schools and participants joined", () => {
    const news = formedNews({
      name: "Wirral Group",
      schools: [{ urn: "1", name: "A", town: null }],
      participants: [
        { id: 1, name: "Ann", school_urn: "1", school_name: "A" },
        { id: 2, name: "Bo", school_urn: "1", school_name: "A" },
      ],
    });
    expect(news).toEqual({ heading: "Wirral Group formed", text: "1 school and 2 participants joined from the selection." });
  });
});
