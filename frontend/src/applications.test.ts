import { describe, expect, it } from "vitest";
import type { Application, ApplicationForm } from "./api/applications";
import {
  countWords,
  decisionReport,
  fieldId,
  peopleFields,
  peopleRequest,
  readyToCheck,
  signatoryRows,
  toRowPointers,
  wordCountMessage,
  yearGroupOptions,
} from "./applications";

const form: ApplicationForm = {
  statement_prompt: "Why?",
  statement_word_limit: 150,
  participant_role: "teacher",
  participants_min: 1,
  participants_max: 2,
  head_of_department: true,
};

function application(changes: Partial<Application> = {}): Application {
  return {
    id: 7,
    reference: "NCP27-14-0007",
    number: 7,
    programme: {
      id: 16,
      title: "Secondary DWG",
      code: "NCP27-14",
      hub_id: "archimedes-ne",
      hub_name: "Archimedes NE",
      academic_year: "2027-28",
    },
    school: { urn: "100005", name: "Carmel Academy", address: "Nunnery Lane", telephone: null },
    status: "draft",
    head_teacher: null,
    head_of_department: null,
    participants: [],
    statement: "",
    statement_words: 0,
    statement_word_limit: 150,
    engaging_with_tfm: false,
    commitments: ["Attend"],
    signatories: [],
    tasks: { school_details: "completed", people: "not_started", statement: "not_started", commitments: "not_started" },
    next_step: "Complete each task.",
    submitted_at: null,
    decided_at: null,
    decision_note: null,
    priority: null,
    work_group: null,
    priority_reason: null,
    version: 1,
    created_at: "2026-11-26T00:00:00Z",
    updated_at: "2026-11-26T00:00:00Z",
    ...changes,
  };
}

describe("countWords", () => {
  it("counts words as the API does: a word holds a letter or a digit", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("  \n ")).toBe(0);
    expect(countWords("Year 7 and long-term, don't – & stop.")).toBe(6);
    expect(countWords("café über naïve")).toBe(3);
  });
});

describe("wordCountMessage", () => {
  it("speaks as GOV.UK Frontend's character count does in word mode", () => {
    expect(wordCountMessage(0, 150)).toBe("You have 150 words remaining");
    expect(wordCountMessage(149, 150)).toBe("You have 1 word remaining");
    expect(wordCountMessage(150, 150)).toBe("You have 0 words remaining");
    expect(wordCountMessage(151, 150)).toBe("You have 1 word too many");
    expect(wordCountMessage(160, 150)).toBe("You have 10 words too many");
  });
});

describe("fieldId", () => {
  it("turns a JSON pointer into the id of its field", () => {
    expect(fieldId("/participants/0/email")).toBe("participants-0-email");
    expect(fieldId("/statement")).toBe("statement");
  });
});

describe("yearGroupOptions", () => {
  it("offers the phase's year groups, keeping any saved that the list lacks", () => {
    expect(yearGroupOptions("secondary")).toEqual(["Year 7", "Year 8", "Year 9", "Year 10", "Year 11", "Year 12", "Year 13"]);
    expect(yearGroupOptions("primary", ["Year 2", "Mixed Y5/6"])).toContain("Mixed Y5/6");
    expect(yearGroupOptions("primary")[0]).toBe("Reception");
  });
});

describe("peopleRequest", () => {
  it("sends the people filled in, drops empty rows, and maps the API's indexes back to rows", () => {
    const fields = peopleFields(application());
    fields.headTeacher = { name: " Helen ", email: "head@carmel.example" };
    fields.participants = [
      { key: 0, name: "", email: "", yearGroups: [] },
      { key: 1, name: "Tia", email: "tia@carmel.example", yearGroups: ["Year 7"] },
    ];
    const request = peopleRequest(fields, form);
    expect(request.errors).toEqual([]);
    expect(request.body).toEqual({
      head_teacher: { name: "Helen", email: "head@carmel.example" },
      head_of_department: null,
      participants: [{ name: "Tia", email: "tia@carmel.example", role: "teacher", year_groups: ["Year 7"] }],
    });
    expect(request.participantRows).toEqual([1]);
    const moved = toRowPointers(
      {
        type: "/problems/validation",
        title: "Invalid",
        status: 422,
        errors: [
          { location: "body", pointer: "/participants/0/email", detail: "Not an email" },
          { location: "body", pointer: "/head_teacher/email", detail: "Not an email" },
        ],
      },
      request.participantRows,
    );
    expect(moved.errors?.map((error) => error.pointer)).toEqual(["/participants/1/email", "/head_teacher/email"]);
  });

  it("says which half of a person is missing, in the page's words", () => {
    const fields = peopleFields(application());
    fields.headTeacher = { name: "Helen", email: "" };
    fields.participants = [{ key: 0, name: "", email: "", yearGroups: ["Year 8"] }];
    const { errors } = peopleRequest(fields, form);
    expect(errors.map((error) => [error.pointer, error.detail])).toEqual([
      ["/head_teacher/email", "Enter the email address of the head teacher or senior leader"],
      ["/participants/0/name", "Enter the name of teacher 1"],
      ["/participants/0/email", "Enter the email address of teacher 1"],
    ]);
  });

  it("leaves the head of department out when the form does not ask for one", () => {
    const { body } = peopleRequest(peopleFields(application()), { ...form, head_of_department: false });
    expect(body).not.toHaveProperty("head_of_department");
  });
});

describe("signatoryRows", () => {
  it("lists everyone who must confirm, with where each is", () => {
    const rows = signatoryRows(
      application({
        head_teacher: { name: "Helen", email: "Head@carmel.example" },
        head_of_department: { name: "Dev", email: "maths@carmel.example" },
        participants: [{ name: "Tia", email: "tia@carmel.example", role: "teacher", year_groups: [] }],
        signatories: [
          {
            id: 1,
            role: "head_teacher",
            name: "Helen",
            email: "head@carmel.example",
            sent_at: "2026-11-26T00:00:00Z",
            confirmed_at: "2026-11-26T01:00:00Z",
          },
          { id: 2, role: "participant", name: "Tia", email: "tia@carmel.example", sent_at: "2026-11-26T00:00:00Z", confirmed_at: null },
        ],
      }),
      form,
    );
    expect(rows.map((row) => [row.name, row.role, row.state])).toEqual([
      ["Helen", "Head teacher or senior leader", "confirmed"],
      ["Dev", "Head of department", "not_sent"],
      ["Tia", "Teacher", "waiting"],
    ]);
  });
});

describe("readyToCheck", () => {
  it("needs the school, the people and the statement; not yet every signature", () => {
    expect(readyToCheck(application())).toBe(false);
    expect(
      readyToCheck(
        application({ tasks: { school_details: "completed", people: "completed", statement: "completed", commitments: "in_progress" } }),
      ),
    ).toBe(true);
  });
});

describe("decisionReport", () => {
  const one = application();
  const two = application({ id: 8, school: { urn: "100006", name: "Hilltop", address: "", telephone: null } });
  const three = application({ id: 9, school: { urn: "100007", name: "Riverside", address: "", telephone: null } });

  it("says how many took the decision and why the others could not", () => {
    const report = decisionReport("selected", [
      { application: one, problem: null },
      { application: two, problem: null },
      {
        application: three,
        problem: { type: "/problems/conflict", title: "Conflict", status: 409, detail: "The programme is fully booked." },
      },
    ]);
    expect(report.heading).toBe("2 selected. 1 could not be selected.");
    expect(report.failures).toEqual([{ id: 9, school: "Riverside", reason: "The programme is fully booked." }]);
  });

  it("words each decision", () => {
    expect(decisionReport("waitlisted", [{ application: one, problem: null }]).heading).toBe("1 put on the waiting list.");
    expect(
      decisionReport("not_selected", [
        { application: one, problem: { type: "about:blank", title: "Conflict", status: 409, detail: "No." } },
      ]).heading,
    ).toBe("1 could not be declined.");
  });
});
