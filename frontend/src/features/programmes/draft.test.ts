import { describe, expect, it } from "vitest";
import type { Me, Programme } from "../../api/client";
import type { ProgrammeTypeDefaults } from "./api";
import {
  academicYearChoices,
  changedFields,
  dateParts,
  defaultAcademicYear,
  draftFromDefaults,
  draftFromProgramme,
  fieldIdFor,
  fieldLabelFor,
  fieldsOf,
  inlineErrors,
  parsePounds,
  poundsText,
  programmeIdParam,
  readDraft,
  ruleWords,
  runsHub,
  statusActions,
  summaryFields,
  theirChanges,
} from "./draft";
import { copiedNews, programmeNews, withNews } from "./news";

const DEFAULTS: ProgrammeTypeDefaults = {
  id: "primary_development",
  label: "Primary Development",
  phase: "primary",
  stage: "development",
  audience: "schools",
  eligibility_rules: [
    { kind: "state_funded_school_in_england" },
    { kind: "people_named", roles: { head_teacher: 1, teacher: 2 } },
  ],
  commitments: ["The school is committed to developing a teaching for mastery approach."],
  session_plan: [{ count: 6, kind: "trg_meeting", length: "half_day", hours: null, format: "in_person", note: null }],
  time_commitment: "A minimum of 10 combined days' release time.",
  funding: {
    free_to_participate: true,
    grants: [
      { kind: "fixed", purpose: "release_time", amount: { amount_pence: 100000, currency: "GBP" }, description: null, conditions: [] },
    ],
    note: null,
  },
  application_form: {
    statement_prompt: "Why does the school wish to take part?",
    statement_word_limit: null,
    participant_role: "teacher",
    participants_min: 2,
    participants_max: 2,
    head_of_department: false,
  },
  capacity: { places: 7, unit: "schools" },
  bounds: { max_schools: 7, max_participants: 14 },
};

function programme(overrides: Partial<Programme> = {}): Programme {
  return {
    id: 12,
    hub: { id: "cheshire-and-wirral", name: "Cheshire and Wirral Maths Hub" },
    academic_year: "2027-28",
    academic_year_label: "2027/28",
    status: "draft",
    closes_at: "2027-01-26T23:59:59+00:00",
    claims_close_at: null,
    version: 3,
    created_at: "2026-11-01T10:00:00Z",
    updated_at: "2026-11-02T10:00:00Z",
    code: "NCP27-11",
    title: "Primary Mastery Development",
    stage: "development",
    phase: "primary",
    audience: "schools",
    programme_type: "primary_development",
    eligibility_rules: [],
    summary: "A year alongside a Mastery Specialist.",
    who_can_take_part: "State-funded primary schools.",
    what_is_involved: "",
    how_to_apply: "",
    applications_open_on: "2026-12-01",
    closing_date: "2027-01-26",
    claim_deadline: null,
    milestones: [{ kind: "selection_told", date: "2027-02-09", label: null }],
    capacity: { places: 7, unit: "schools" },
    session_plan: DEFAULTS.session_plan,
    time_commitment: null,
    funding: DEFAULTS.funding,
    commitments: DEFAULTS.commitments,
    application_form: DEFAULTS.application_form,
    contact_name: null,
    contact_email: null,
    ...overrides,
  };
}

describe("money and dates in boxes", () => {
  it("reads pounds as whole pence, with or without £, commas and pence", () => {
    expect(parsePounds("1000")).toBe(100000);
    expect(parsePounds("£1,000.5")).toBe(100050);
    expect(parsePounds(" 2,000.05 ")).toBe(200005);
    expect(parsePounds("1,00")).toBeNull();
    expect(parsePounds("ten")).toBeNull();
    expect(parsePounds("")).toBeNull();
  });

  it("writes pence as pounds for a box, pence only when there are some", () => {
    expect(poundsText(100000)).toBe("1000");
    expect(poundsText(150050)).toBe("1500.50");
  });

  it("splits an ISO date into the three boxes", () => {
    expect(dateParts("2027-01-06")).toEqual({ day: "6", month: "1", year: "2027" });
    expect(dateParts(null)).toEqual({ day: "", month: "", year: "" });
  });
});

describe("a new programme's form", () => {
  it("starts from its kind's defaults, leaving the hub's own words and dates empty", () => {
    const draft = draftFromDefaults(DEFAULTS);
    expect(draft.title).toBe("");
    expect(draft.capacity_places).toBe("7");
    expect(draft.session_plan.map((row) => [row.count, row.kind, row.length])).toEqual([["6", "trg_meeting", "half_day"]]);
    expect(draft.grants.map((row) => row.amount)).toEqual(["1000"]);
    expect(draft.commitments.map((row) => row.text)).toEqual(DEFAULTS.commitments);
    expect(draft.participants_min).toBe("2");
  });

  it("says which required fields are empty, at their pointers, before asking the API", () => {
    const { errors } = readDraft(draftFromDefaults(DEFAULTS));
    expect(errors.map((error) => error.pointer)).toEqual(["/title", "/summary", "/who_can_take_part"]);
  });

  it("reads the defaults back as the API gave them, once the hub has written its words", () => {
    const draft = { ...draftFromDefaults(DEFAULTS), title: " Development ", summary: "S", who_can_take_part: "W" };
    const { fields, errors } = readDraft(draft);
    expect(errors).toEqual([]);
    expect(fields.title).toBe("Development");
    expect(fields.session_plan).toEqual(DEFAULTS.session_plan);
    expect(fields.funding).toEqual(DEFAULTS.funding);
    expect(fields.application_form).toEqual(DEFAULTS.application_form);
    expect(fields.capacity).toEqual(DEFAULTS.capacity);
    expect(fields.code).toBeNull();
    expect(fields.closing_date).toBeNull();
  });

  it("refuses dates, numbers and amounts it cannot read, marking the boxes to fix", () => {
    const base = draftFromProgramme(programme());
    const draft = {
      ...base,
      closing_date: { day: "31", month: "2", year: "2027" },
      applications_open_on: { day: "1", month: "", year: "2026" },
      capacity_places: "seven",
      session_plan: base.session_plan.map((row) => ({ ...row, count: "6.5" })),
      grants: base.grants.map((row) => ({ ...row, amount: "lots" })),
    };
    const { errors, dateParts: parts } = readDraft(draft);
    expect(errors.map((error) => error.pointer)).toEqual([
      "/applications_open_on",
      "/closing_date",
      "/capacity/places",
      "/session_plan/0/count",
      "/funding/grants/0/amount",
    ]);
    expect(parts["/applications_open_on"]).toEqual(["month"]);
    expect(errors[1]?.detail).toBe("The closing date must be a real date");
  });

  it("leaves out commitments left empty and reads an empty capacity as none", () => {
    const base = draftFromProgramme(programme());
    const { fields } = readDraft({
      ...base,
      capacity_places: " ",
      commitments: [...base.commitments, { key: "new", text: "  " }],
    });
    expect(fields.capacity).toBeNull();
    expect(fields.commitments).toEqual(DEFAULTS.commitments);
  });
});

describe("changing a programme", () => {
  it("reads a programme into its form and back unchanged", () => {
    const read = programme({ contact_email: "hub@example.org", time_commitment: "Ten days." });
    expect(changedFields(fieldsOf(read), readDraft(draftFromProgramme(read)).fields)).toEqual({});
  });

  it("sends only the fields the person changed, clearing an emptied one with null", () => {
    const read = programme();
    const draft = { ...draftFromProgramme(read), summary: "Revised.", code: "" };
    expect(changedFields(fieldsOf(read), readDraft(draft).fields)).toEqual({ summary: "Revised.", code: null });
  });

  it("shows what someone else changed, as it is in their version", () => {
    const read = programme();
    const theirs = programme({ status: "open", summary: "Their summary.", closing_date: "2027-02-02" });
    expect(theirChanges(read, theirs)).toEqual([
      { label: "Status", value: "Open for applications" },
      { label: "Summary", value: "Their summary." },
      { label: "Closing date", value: "Tuesday 2 February 2027" },
    ]);
    expect(theirChanges(read, read)).toEqual([]);
  });
});

describe("fields by the API's JSON pointers", () => {
  it("finds the box a pointer names: a date's day, an amount's pounds, a capacity's places", () => {
    expect(fieldIdFor("/title")).toBe("title");
    expect(fieldIdFor("/closing_date")).toBe("closing_date-day");
    expect(fieldIdFor("/milestones/1/date")).toBe("milestones-1-date-day");
    expect(fieldIdFor("/funding/grants/0/amount/amount_pence")).toBe("funding-grants-0-amount");
    expect(fieldIdFor("/capacity")).toBe("capacity-places");
    expect(fieldIdFor("/session_plan/2/count")).toBe("session_plan-2-count");
    expect(fieldIdFor("/application_form/head_of_department")).toBe("application_form-head_of_department");
    expect(fieldIdFor("/eligibility_rules/0/kind")).toBeNull();
  });

  it("names each field for the error summary, counting rows from 1", () => {
    expect(fieldLabelFor("/code")).toBe("Project code");
    expect(fieldLabelFor("/session_plan/0/count")).toBe("Sessions 1: how many");
    expect(fieldLabelFor("/funding/grants/1/amount/amount_pence")).toBe("Grant 2: amount");
    expect(fieldLabelFor("/commitments/2")).toBe("Commitment 3");
    expect(fieldLabelFor("/milestones/0/date")).toBe("Date 1: date");
  });

  it("links each error it can place, and puts each field's first error inline", () => {
    const errors = [
      { location: "body" as const, pointer: "/code", detail: "A project code for 2027/28 starts NCP27-" },
      { location: "body" as const, pointer: "/funding/grants/0/amount/amount_pence", detail: "Too much" },
      { location: "body" as const, pointer: "/code", detail: "Second word on the code" },
      { location: "body" as const, pointer: "/eligibility_rules/0", detail: "Not a rule" },
    ];
    expect(summaryFields(errors)).toEqual({
      "/code": { id: "code", label: "Project code" },
      "/funding/grants/0/amount/amount_pence": { id: "funding-grants-0-amount", label: "Grant 1: amount" },
    });
    expect(inlineErrors(errors)).toEqual({
      "/code": "A project code for 2027/28 starts NCP27-",
      "/funding/grants/0/amount": "Too much",
      "/eligibility_rules/0": "Not a rule",
    });
  });
});

describe("who may do what, and when", () => {
  const me = (role: Me["role"], hub_id: string | null): Me => ({
    kind: "user",
    id: 1,
    name: "A",
    email: "a@example.org",
    role,
    hub_id,
    school_urn: null,
    scopes: [],
    csrf_token: "t",
    two_factor: false,
    two_factor_due: false,
  });

  it("lets national administrators and the hub's own administrators manage a programme", () => {
    expect(runsHub(me("national_admin", null), "north")).toBe(true);
    expect(runsHub(me("hub_admin", "north"), "north")).toBe(true);
    expect(runsHub(me("hub_admin", "south"), "north")).toBe(false);
    expect(runsHub(me("mastery_specialist", "north"), "north")).toBe(false);
    expect(runsHub(null, "north")).toBe(false);
  });

  it("offers the moves of the life cycle from each status; a closed programme has none", () => {
    expect(statusActions("draft").map((action) => action.status)).toEqual(["open"]);
    expect(statusActions("open").map((action) => action.status)).toEqual(["fully_booked", "closed"]);
    expect(statusActions("fully_booked").map((action) => action.status)).toEqual(["open", "closed"]);
    expect(statusActions("closed")).toEqual([]);
  });

  it("offers this academic year and the next two, the coming one first chosen", () => {
    expect(academicYearChoices("2026-08-31").map((choice) => choice.value)).toEqual(["2025-26", "2026-27", "2027-28"]);
    expect(academicYearChoices("2026-09-01").map((choice) => choice.label)).toEqual(["2026/27", "2027/28", "2028/29"]);
    expect(defaultAcademicYear("2026-11-30")).toBe("2027-28");
  });

  it("reads a programme id from the URL only when the API could take it", () => {
    expect(programmeIdParam("12")).toBe(12);
    expect(programmeIdParam("012")).toBeNull();
    expect(programmeIdParam("2147483648")).toBeNull();
    expect(programmeIdParam(undefined)).toBeNull();
  });
});

describe("the rules in words", () => {
  it("says each kind of rule with its parameters", () => {
    expect(ruleWords({ kind: "people_named", roles: { head_teacher: 1, teacher: 2 } })).toBe(
      "Names 1 head teacher and 2 teachers",
    );
    expect(ruleWords({ kind: "took_part_before", stage: "development", since: 2016 })).toBe(
      "Took part in Development before (since 2016)",
    );
    expect(ruleWords({ kind: "never_took_part", programme: "sktm_primary_ect_phase_1" })).toBe(
      "Has not taken part in SKTM Primary Early Career Teachers: Phase 1 before",
    );
    expect(
      ruleWords({ kind: "commitments_confirmed", signatories: ["head_teacher", "head_of_department", "teacher"] }),
    ).toBe("The head teacher, head of department and teacher confirm the commitments");
    expect(ruleWords({ kind: "commitments_confirmed", signatories: ["head_teacher"] })).toBe(
      "The head teacher confirms the commitments",
    );
    expect(ruleWords({ kind: "phase_of_education", phase: "primary" })).toBe("A primary school");
    expect(ruleWords({ kind: "a_new_kind" })).toBe("a new kind");
  });
});

describe("news for the programme page", () => {
  it("travels in router state and is read back only when it is ours", () => {
    const news = copiedNews("Primary Development", "2028/29");
    expect(programmeNews(withNews(news))).toEqual(news);
    expect(programmeNews({ news: "theirs" })).toBeNull();
    expect(programmeNews({ programmeNews: { heading: 1 } })).toBeNull();
    expect(programmeNews(null)).toBeNull();
  });
});
