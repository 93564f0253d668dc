import { describe, expect, it } from "vitest";
import type { Application, ApplicationForm } from "../../api/applications";
import type { Programme } from "../../api/client";
import { submitChecks } from "./SubmitChecks";

const form: ApplicationForm = {
  statement_prompt: "Why?",
  statement_word_limit: 150,
  participant_role: "teacher",
  participants_min: 1,
  participants_max: 2,
  head_of_department: true,
};

const application = {
  signatories: [
    { id: 1, role: "head_teacher", name: "H", email: "h@x.example", sent_at: "2027-01-01T00:00:00Z", confirmed_at: "2027-01-02T00:00:00Z" },
    { id: 2, role: "participant", name: "T", email: "t@x.example", sent_at: "2027-01-01T00:00:00Z", confirmed_at: null },
  ],
} as Application;

describe("submitChecks", () => {
  it("says what is checked again at submit: signatures, people, words, closing date, rules and places", () => {
    const programme = { closing_date: "2027-01-26", capacity: { places: 7, unit: "schools" } } as Programme;
    expect(submitChecks(application, form, programme)).toEqual([
      "Everyone named has confirmed the commitments through their emailed link (1 confirmation so far).",
      "The application names between 1 and 2 teachers and a head of department.",
      "The statement is 150 words or fewer.",
      "It is submitted by 11:59pm on Tuesday 26 January 2027, the closing date.",
      "Your school still meets the programme's rules on the day you submit.",
      "Places are limited (7 schools): the hub chooses schools after the closing date, so submitting does not promise a place.",
    ]);
  });

  it("leaves out what the programme does not set", () => {
    const programme = { closing_date: null, capacity: null } as Programme;
    const checks = submitChecks(application, { ...form, statement_word_limit: null, participants_max: 1 }, programme);
    expect(checks).toContain("The application names 1 teacher and a head of department.");
    expect(checks.some((check) => check.includes("closing date"))).toBe(false);
    expect(checks.some((check) => check.includes("Places"))).toBe(false);
    expect(checks.some((check) => check.includes("words or fewer"))).toBe(false);
  });
});
