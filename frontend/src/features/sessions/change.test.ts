import { describe, expect, it } from "vitest";
import { changeRequest, nonSchoolDayQuestion, nonSchoolDays } from "./change";

const SESSION = {
  date: "2027-11-10",
  start_time: "13:30:00",
  end_time: "16:00:00",
  host_urn: "200001",
  online_url: null,
};
const SAME = {
  date: { day: "10", month: "11", year: "2027" },
  start_time: "13:30",
  end_time: "16:00",
  host_urn: "200001",
  online_url: "",
};

describe("changeRequest", () => {
  it("sends only what changed", () => {
    expect(changeRequest(SESSION, SAME).body).toEqual({});
    const moved = changeRequest(SESSION, { ...SAME, date: { day: "16", month: "11", year: "2027" }, start_time: "14:00" });
    expect(moved.body).toEqual({ date: "2027-11-16", start_time: "14:00" });
  });

  it("moves a session online", () => {
    expect(changeRequest(SESSION, { ...SAME, host_urn: "", online_url: "https://meet.example/x" }).body).toEqual({
      host_urn: null,
      online_url: "https://meet.example/x",
    });
  });

  it("finds the errors before asking the API", () => {
    const found = changeRequest(SESSION, {
      ...SAME,
      date: { day: "31", month: "2", year: "2028" },
      end_time: "12:00",
      host_urn: "",
    });
    expect(found.body).toBeNull();
    expect(found.errors.map((error) => error.pointer)).toEqual(["/date", "/end_time", "/host_urn"]);
    expect(found.wrongParts).toEqual(["day", "month", "year"]);
  });
});

describe("the question for a day that is not a school day", () => {
  it("names what the day is", () => {
    const problem = {
      type: "/problems/conflict",
      title: "Conflict",
      status: 409,
      rule: "non_school_day",
      days: [{ pointer: "/date", date: "2027-11-13", reason: "a Saturday" }],
    };
    const days = nonSchoolDays(problem);
    expect(nonSchoolDayQuestion(days)).toBe("This is a Saturday: plan it anyway?");
    expect(nonSchoolDays({ ...problem, rule: "completed" })).toEqual([]);
  });
});
