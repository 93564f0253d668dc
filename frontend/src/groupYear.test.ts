import { describe, expect, it } from "vitest";
import type { Problem, ProposedSession } from "./api/client";
import {
  completedNews,
  dateParts,
  groupNews,
  nextAcademicYear,
  planFields,
  planRows,
  readClockTime,
  rowErrors,
  rowPointer,
  scheduleRequest,
  sessionsAddedNews,
  sessionsRequest,
  verdictsOf,
} from "./groupYear";

function proposed(number: number, date: string, host_urn = "100001"): ProposedSession {
  return { number, half_term: "autumn_1", date, start_time: "13:00:00", end_time: "16:00:00", kind: "trg_meeting", host_urn };
}

describe("readClockTime", () => {
  it("reads the 24-hour clock", () => {
    expect(readClockTime("13:30")).toBe("13:30");
    expect(readClockTime(" 9:05 ")).toBe("09:05");
    expect(readClockTime("9.05")).toBe("09:05");
  });
  it("refuses what is not a time of day", () => {
    for (const text of ["", "24:00", "12:60", "1pm", "13", "13:3"]) expect(readClockTime(text)).toBeNull();
  });
});

describe("scheduleRequest", () => {
  const answers = { start_time: "13:30", end_time: "16:00", kind: "workshop" as const, sessions: "", half_terms: [] };
  it("leaves out what was not given", () => {
    expect(scheduleRequest(answers)).toEqual({ body: { start_time: "13:30", end_time: "16:00", kind: "workshop" }, errors: [] });
  });
  it("sends the number of sessions and the half-terms chosen", () => {
    const { body } = scheduleRequest({ ...answers, sessions: "2", half_terms: ["summer_1", "summer_2", "winter"] });
    expect(body).toEqual({ start_time: "13:30", end_time: "16:00", kind: "workshop", sessions: 2, half_terms: ["summer_1", "summer_2"] });
  });
  it("asks for the times, an end after the start, and a number in range", () => {
    expect(scheduleRequest({ ...answers, start_time: "", end_time: "4pm", sessions: "0" }).errors.map((e) => [e.pointer, e.detail])).toEqual([
      ["/start_time", "Enter a start time"],
      ["/end_time", "Enter an end time in the 24-hour clock, like 13:30"],
      ["/sessions", "Enter a number of sessions from 1 to 30, or leave it empty"],
    ]);
    const backwards = scheduleRequest({ ...answers, end_time: "13:30" });
    expect(backwards.body).toBeNull();
    expect(backwards.errors.map((e) => e.pointer)).toEqual(["/end_time"]);
  });
});

describe("sessionsRequest", () => {
  const proposal = [proposed(7, "2027-09-15"), proposed(8, "2027-11-10", "100010")];
  it("builds the body from the edited rows, in the table's order", () => {
    const rows = planRows(proposal);
    expect(rows[0]).toEqual({ date: { day: "15", month: "9", year: "2027" }, host_urn: "100001" });
    const edited = [rows[0]!, { date: { day: "3", month: "12", year: "2027" }, host_urn: "100001" }];
    expect(sessionsRequest(proposal, edited)).toEqual({
      body: [
        { kind: "trg_meeting", number: 7, date: "2027-09-15", start_time: "13:00:00", end_time: "16:00:00", host_urn: "100001" },
        { kind: "trg_meeting", number: 8, date: "2027-12-03", start_time: "13:00:00", end_time: "16:00:00", host_urn: "100001" },
      ],
      errors: [],
      wrongParts: {},
    });
  });
  it("points at the row whose date is not a date", () => {
    const rows = [{ date: dateParts("2027-09-15"), host_urn: "100001" }, { date: { day: "31", month: "2", year: "2028" }, host_urn: "100001" }];
    const { errors, wrongParts } = sessionsRequest(proposal, rows);
    expect(errors).toEqual([{ location: "body", pointer: "/1/date", detail: "The date of session 8 must be a real date" }]);
    expect(wrongParts).toEqual({ 1: ["day", "month", "year"] });
    const empty = sessionsRequest(proposal, [rows[0]!, { date: { day: "", month: "", year: "" }, host_urn: "" }]);
    expect(empty.errors[0]?.detail).toBe("Enter the date of session 8");
  });
});

describe("rowPointer and rowErrors", () => {
  it("maps /{i}/field to the row, and /field when one session was sent", () => {
    expect(rowPointer("/2/date", 3)).toEqual({ row: 2, field: "date" });
    expect(rowPointer("/3/date", 3)).toBeNull();
    expect(rowPointer("/date", 1)).toEqual({ row: 0, field: "date" });
    expect(rowPointer("/date", 2)).toBeNull();
  });
  it("gives each row its first error by field", () => {
    const problem: Problem = {
      type: "about:blank",
      title: "Unprocessable",
      status: 422,
      errors: [
        { location: "body", pointer: "/1/date", detail: "The date must fall within 2027/28" },
        { location: "body", pointer: "/1/host_urn", detail: "School 9 is not a host" },
      ],
    };
    expect(rowErrors(problem, 2)).toEqual([{}, { date: "The date must fall within 2027/28", host_urn: "School 9 is not a host" }]);
  });
  it("links each row's date and host from the error summary", () => {
    expect(planFields(2)).toEqual({
      "/0/date": { id: "session-0-date-day" },
      "/0/host_urn": { id: "session-0-host" },
      "/1/date": { id: "session-1-date-day" },
      "/1/host_urn": { id: "session-1-host" },
    });
    expect(planFields(1)["/date"]).toEqual({ id: "session-0-date-day" });
  });
});

describe("nextAcademicYear", () => {
  it("gives the year after", () => {
    expect(nextAcademicYear("2026-27")).toBe("2027-28");
    expect(nextAcademicYear("2023-24")).toBe("2024-25");
    expect(nextAcademicYear("2099-00")).toBe("2100-01");
    expect(nextAcademicYear("next")).toBeNull();
  });
});

describe("news and verdicts", () => {
  const verdict = { urn: "100010", name: "Willow Bank", continues: false, reasons: ["Already took part."], to_check: [] };
  it("reads the news from router state, and nothing else", () => {
    expect(groupNews({ news: sessionsAddedNews(6) })).toEqual({ heading: "6 sessions added" });
    expect(groupNews({ news: { heading: "Started", schools: [verdict, { urn: 1 }] } })).toEqual({ heading: "Started", schools: [verdict] });
    expect(groupNews(null)).toBeNull();
    expect(groupNews({ news: { heading: 3 } })).toBeNull();
  });
  it("reads a problem's schools", () => {
    expect(verdictsOf({ type: "about:blank", title: "Conflict", status: 409, schools: [verdict] })).toEqual([verdict]);
    expect(verdictsOf({ type: "about:blank", title: "Conflict", status: 409 })).toEqual([]);
  });
  it("says how the year ended", () => {
    expect(completedNews(6, 1)).toEqual({ heading: "The year is complete", text: "5 schools recorded as completed, 1 as withdrawn." });
    expect(completedNews(1, 0).text).toBe("1 school recorded as completed.");
  });
});
