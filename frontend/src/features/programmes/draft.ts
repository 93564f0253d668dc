// A programme as its form holds it (text in boxes, dates in three parts), read into the body
// the API takes, with the checks the page makes itself; the fields of the API's JSON pointers;
// and what changed between two versions. Pure: no React, no clock.
import type {
  Audience,
  FieldError,
  Grant,
  Me,
  MilestoneKind,
  Phase,
  Programme,
  ProgrammeStatus,
  ProgrammeType,
  SessionFormat,
  SessionKind,
  Stage,
} from "../../api/client";
import { academicYearOfMonth, academicYearSlug } from "../../calendar";
import { readDateParts, type DatePart, type DateParts } from "../../dateInput";
import {
  academicYearLabel,
  audienceLabels,
  capacityLabel,
  formatDate,
  grantLabel,
  milestoneLabels,
  phaseLabels,
  programmeTypeLabels,
  sessionPlanLabel,
  stageLabels,
  statusLabels,
} from "../../format";
import { bodyError } from "../../forms";
import type {
  GrantKind,
  GrantPurpose,
  ParticipantRoleChoice,
  ProgrammeCreate,
  ProgrammeTypeDefaults,
  ProgrammeUpdate,
  SessionLength,
} from "./api";

export type MilestoneRow = { key: string; kind: MilestoneKind; date: DateParts; label: string };
export type SessionRow = {
  key: string;
  count: string;
  kind: SessionKind;
  length: SessionLength | "";
  hours: string;
  format: SessionFormat;
  note: string;
};
// A grant's payment conditions are not edited on this form; they are kept as they are.
export type GrantRow = {
  key: string;
  kind: GrantKind;
  purpose: GrantPurpose;
  amount: string;
  description: string;
  conditions: Grant["conditions"];
};
export type CommitmentRow = { key: string; text: string };

export type ProgrammeDraft = {
  title: string;
  code: string;
  stage: Stage;
  phase: Phase;
  audience: Audience;
  summary: string;
  who_can_take_part: string;
  what_is_involved: string;
  how_to_apply: string;
  time_commitment: string;
  applications_open_on: DateParts;
  closing_date: DateParts;
  milestones: MilestoneRow[];
  capacity_places: string;
  capacity_unit: "schools" | "participants";
  session_plan: SessionRow[];
  free_to_participate: boolean;
  grants: GrantRow[];
  funding_note: string;
  commitments: CommitmentRow[];
  statement_prompt: string;
  statement_word_limit: string;
  participant_role: ParticipantRoleChoice;
  participants_min: string;
  participants_max: string;
  head_of_department: boolean;
  contact_name: string;
  contact_email: string;
};

/** What a hub writes about a programme: the body of a create without its hub, year and kind. */
export type ProgrammeFields = Omit<ProgrammeCreate, "hub_id" | "academic_year" | "programme_type" | "eligibility_rules">;

export const participantRoleLabels: Record<ParticipantRoleChoice, string> = {
  teacher: "Teachers",
  maths_lead: "Maths leads",
  teaching_assistant: "Teaching assistants",
  early_career_teacher: "Early career teachers",
  mastery_advocate: "Mastery Advocates",
};

export const sessionKindLabels: Record<SessionKind, string> = {
  trg_meeting: "TRG meeting",
  workshop: "Workshop",
  school_visit: "School visit",
  head_teacher_update: "Head teacher update",
  collaborative_planning: "Collaborative planning",
  module: "Module",
  community_meeting: "Community meeting",
};

export const sessionLengthLabels: Record<SessionLength, string> = {
  half_day: "Half a day",
  full_day: "A full day",
  short: "Short",
  hours: "A number of hours",
};

export const grantKindLabels: Record<GrantKind, string> = {
  fixed: "A fixed grant",
  matched: "Matched funding (up to the amount)",
};

export const grantPurposeLabels: Record<GrantPurpose, string> = {
  release_time: "Teacher release time",
  textbooks: "Textbooks",
  other: "Something else",
};

let lastKey = 0;
/** A key for a new row of a list, so React keeps each row's boxes with it when one is removed. */
export function newRowKey(): string {
  lastKey += 1;
  return `row-${String(lastKey)}`;
}

const NO_DATE: DateParts = { day: "", month: "", year: "" };

/** "2027-05-21" as the three boxes of a date input. */
export function dateParts(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!match) return { ...NO_DATE };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? "" };
}

/** Pence as pounds for a box: 100000 as "1000", 150050 as "1500.50". */
export function poundsText(pence: number): string {
  return pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2);
}

/** Pounds typed in a box ("1000", "£1,000.50") as whole pence; null when it is not an amount. */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, "").trim();
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const pounds = Number((match[1] ?? "").replace(/,/g, ""));
  const pence = Number((match[2] ?? "0").padEnd(2, "0"));
  return pounds * 100 + pence;
}

type Source = Pick<
  Programme,
  | "stage"
  | "phase"
  | "audience"
  | "commitments"
  | "session_plan"
  | "time_commitment"
  | "funding"
  | "application_form"
  | "capacity"
>;

function fromSource(source: Source): Omit<
  ProgrammeDraft,
  | "title"
  | "code"
  | "summary"
  | "who_can_take_part"
  | "what_is_involved"
  | "how_to_apply"
  | "applications_open_on"
  | "closing_date"
  | "milestones"
  | "contact_name"
  | "contact_email"
> {
  const form = source.application_form;
  return {
    stage: source.stage,
    phase: source.phase,
    audience: source.audience,
    time_commitment: source.time_commitment ?? "",
    capacity_places: source.capacity ? String(source.capacity.places) : "",
    capacity_unit: source.capacity?.unit ?? "schools",
    session_plan: source.session_plan.map((item) => ({
      key: newRowKey(),
      count: String(item.count),
      kind: item.kind,
      length: item.length ?? "",
      hours: item.hours == null ? "" : String(item.hours),
      format: item.format,
      note: item.note ?? "",
    })),
    free_to_participate: source.funding.free_to_participate,
    grants: source.funding.grants.map((grant) => ({
      key: newRowKey(),
      kind: grant.kind,
      purpose: grant.purpose,
      amount: poundsText(grant.amount.amount_pence),
      description: grant.description ?? "",
      conditions: grant.conditions,
    })),
    funding_note: source.funding.note ?? "",
    commitments: source.commitments.map((text) => ({ key: newRowKey(), text })),
    statement_prompt: form.statement_prompt,
    statement_word_limit: form.statement_word_limit == null ? "" : String(form.statement_word_limit),
    participant_role: form.participant_role,
    participants_min: String(form.participants_min),
    participants_max: String(form.participants_max),
    head_of_department: form.head_of_department,
  };
}

/** A new programme's form, starting from its kind's defaults; the hub writes the words and dates. */
export function draftFromDefaults(defaults: ProgrammeTypeDefaults): ProgrammeDraft {
  return {
    ...fromSource(defaults),
    title: "",
    code: "",
    summary: "",
    who_can_take_part: "",
    what_is_involved: "",
    how_to_apply: "",
    applications_open_on: { ...NO_DATE },
    closing_date: { ...NO_DATE },
    milestones: [],
    contact_name: "",
    contact_email: "",
  };
}

/** A programme's form, holding what it says now. */
export function draftFromProgramme(programme: Programme): ProgrammeDraft {
  return {
    ...fromSource(programme),
    title: programme.title,
    code: programme.code ?? "",
    summary: programme.summary,
    who_can_take_part: programme.who_can_take_part,
    what_is_involved: programme.what_is_involved,
    how_to_apply: programme.how_to_apply,
    applications_open_on: dateParts(programme.applications_open_on),
    closing_date: dateParts(programme.closing_date),
    milestones: programme.milestones.map((milestone) => ({
      key: newRowKey(),
      kind: milestone.kind,
      date: dateParts(milestone.date),
      label: milestone.label ?? "",
    })),
    contact_name: programme.contact_name ?? "",
    contact_email: programme.contact_email ?? "",
  };
}

export type DraftReading = {
  fields: ProgrammeFields;
  /** What the page refuses before asking the API: empty required fields, dates and numbers it cannot read. */
  errors: FieldError[];
  /** For a date the page could not read, the boxes to mark (by the date's pointer). */
  dateParts: Record<string, DatePart[]>;
};

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : null;
}

/** The body the API takes, and the page's own errors (empty when it may be sent). */
export function readDraft(draft: ProgrammeDraft): DraftReading {
  const errors: FieldError[] = [];
  const parts: Record<string, DatePart[]> = {};

  function required(pointer: string, value: string, message: string): string {
    if (value.trim() === "") errors.push(bodyError(pointer, message));
    return value.trim();
  }

  function date(pointer: string, value: DateParts, name: string, needed: boolean): string | null {
    const reading = readDateParts(value, name);
    if (reading.kind === "empty") {
      if (needed) {
        errors.push(bodyError(pointer, `Enter ${name.toLowerCase()}`));
        parts[pointer] = ["day", "month", "year"];
      }
      return null;
    }
    if (reading.kind === "invalid") {
      errors.push(bodyError(pointer, reading.message));
      parts[pointer] = reading.parts;
      return null;
    }
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${String(reading.year)}-${pad(reading.month)}-${pad(reading.day)}`;
  }

  function count(pointer: string, value: string, message: string, { optional = false } = {}): number | null {
    if (optional && value.trim() === "") return null;
    const number = wholeNumber(value);
    if (number === null) errors.push(bodyError(pointer, message));
    return number;
  }

  const title = required("/title", draft.title, "Enter the programme's title");
  const summary = required("/summary", draft.summary, "Enter a summary of the programme");
  const who = required("/who_can_take_part", draft.who_can_take_part, "Say who can take part");
  const opens = date("/applications_open_on", draft.applications_open_on, "The date applications open", false);
  const closes = date("/closing_date", draft.closing_date, "The closing date", false);

  const milestones = draft.milestones.map((row, index) => ({
    kind: row.kind,
    date: date(`/milestones/${String(index)}/date`, row.date, `The date of milestone ${String(index + 1)}`, true) ?? "",
    label: orNull(row.label),
  }));

  let capacity: ProgrammeFields["capacity"] = null;
  if (draft.capacity_places.trim() !== "") {
    const places = count("/capacity/places", draft.capacity_places, "Enter the number of places as a whole number, like 7");
    if (places !== null) capacity = { places, unit: draft.capacity_unit };
  }

  const sessionPlan = draft.session_plan.map((row, index) => {
    const at = `/session_plan/${String(index)}`;
    const hours = row.hours.trim() === "" ? null : Number(row.hours.trim());
    if (hours !== null && !Number.isFinite(hours)) {
      errors.push(bodyError(`${at}/hours`, "Enter the hours as a number, like 3.5"));
    }
    return {
      count: count(`${at}/count`, row.count, "Enter how many sessions as a whole number, like 6") ?? 0,
      kind: row.kind,
      length: row.length === "" ? null : row.length,
      hours: hours !== null && Number.isFinite(hours) ? hours : null,
      format: row.format,
      note: orNull(row.note),
    };
  });

  const grants = draft.grants.map((row, index) => {
    const pence = parsePounds(row.amount);
    if (pence === null) {
      errors.push(
        bodyError(`/funding/grants/${String(index)}/amount`, "Enter the amount in pounds, like 1000 or 1000.50"),
      );
    }
    return {
      kind: row.kind,
      purpose: row.purpose,
      amount: { amount_pence: pence ?? 0, currency: "GBP" as const },
      description: orNull(row.description),
      conditions: row.conditions,
    };
  });

  const wordLimit = count(
    "/application_form/statement_word_limit",
    draft.statement_word_limit,
    "Enter the word limit as a whole number, like 150",
    { optional: true },
  );
  const participantsMin = count(
    "/application_form/participants_min",
    draft.participants_min,
    "Enter the fewest participants as a whole number, like 1",
  );
  const participantsMax = count(
    "/application_form/participants_max",
    draft.participants_max,
    "Enter the most participants as a whole number, like 2",
  );

  const fields: ProgrammeFields = {
    title,
    code: orNull(draft.code)?.toUpperCase() ?? null,
    stage: draft.stage,
    phase: draft.phase,
    audience: draft.audience,
    summary,
    who_can_take_part: who,
    what_is_involved: draft.what_is_involved.trim(),
    how_to_apply: draft.how_to_apply.trim(),
    applications_open_on: opens,
    closing_date: closes,
    milestones,
    capacity,
    session_plan: sessionPlan,
    time_commitment: orNull(draft.time_commitment),
    funding: {
      free_to_participate: draft.free_to_participate,
      grants,
      note: orNull(draft.funding_note),
    },
    // A box left empty is a commitment not written: it is left out rather than refused.
    commitments: draft.commitments.map((row) => row.text.trim()).filter((text) => text !== ""),
    application_form: {
      statement_prompt: draft.statement_prompt.trim(),
      statement_word_limit: wordLimit,
      participant_role: draft.participant_role,
      participants_min: participantsMin ?? 0,
      participants_max: participantsMax ?? 0,
      head_of_department: draft.head_of_department,
    },
    contact_name: orNull(draft.contact_name),
    contact_email: orNull(draft.contact_email),
  };
  return { fields, errors, dateParts: parts };
}

/** The fields whose values differ, as a PATCH body: only what the person changed is sent. */
export function changedFields(before: ProgrammeFields, after: ProgrammeFields): ProgrammeUpdate {
  const changes: Record<string, unknown> = {};
  for (const name of Object.keys(after) as (keyof ProgrammeFields)[]) {
    if (JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null)) {
      changes[name] = after[name] ?? null;
    }
  }
  return changes;
}

/** The programme's fields as the form would send them, to compare versions field by field. */
export function fieldsOf(programme: Programme): ProgrammeFields {
  return readDraft(draftFromProgramme(programme)).fields;
}

// Where each field is on the page, and what it is called, by the API's JSON pointer.

const DATE_POINTER = /^\/(applications_open_on|closing_date|milestones\/\d+\/date)$/;

const FIELD_LABELS: Record<string, string> = {
  "/hub_id": "Maths Hub",
  "/academic_year": "Academic year",
  "/title": "Title",
  "/code": "Project code",
  "/stage": "Stage",
  "/phase": "Phase",
  "/audience": "Who it is for",
  "/summary": "Summary",
  "/who_can_take_part": "Who can take part",
  "/what_is_involved": "What is involved",
  "/how_to_apply": "How to apply",
  "/time_commitment": "Time commitment",
  "/applications_open_on": "Applications open",
  "/closing_date": "Closing date",
  "/capacity/places": "Places",
  "/capacity/unit": "Places are counted in",
  "/funding/free_to_participate": "Free to take part",
  "/funding/note": "Funding note",
  "/application_form/statement_prompt": "Statement question",
  "/application_form/statement_word_limit": "Statement word limit",
  "/application_form/participant_role": "Participants are",
  "/application_form/participants_min": "Fewest participants",
  "/application_form/participants_max": "Most participants",
  "/application_form/head_of_department": "Ask for a head of department",
  "/contact_name": "Contact name",
  "/contact_email": "Contact email address",
};

const ROW_LABELS: { pattern: RegExp; label: (n: string, field: string) => string }[] = [
  {
    pattern: /^\/milestones\/(\d+)\/(kind|date|label)$/,
    label: (n, field) => `Date ${n}: ${field === "kind" ? "what happens" : field === "date" ? "date" : "words"}`,
  },
  {
    pattern: /^\/session_plan\/(\d+)\/(count|kind|length|hours|format|note)$/,
    label: (n, field) =>
      `Sessions ${n}: ${
        { count: "how many", kind: "kind", length: "length", hours: "hours", format: "format", note: "note" }[field] ??
        field
      }`,
  },
  {
    pattern: /^\/funding\/grants\/(\d+)\/(kind|purpose|amount|description)$/,
    label: (n, field) => `Grant ${n}: ${field}`,
  },
  { pattern: /^\/commitments\/(\d+)$/, label: (n) => `Commitment ${n}` },
];

/**
 * The pointer of the box that holds a value: an amount's pence and currency are one box in
 * pounds, a capacity is its places.
 */
export function fieldPointer(pointer: string): string {
  return pointer
    .replace(/^(\/funding\/grants\/\d+\/amount)(\/.*)?$/, "$1")
    .replace(/^\/capacity$/, "/capacity/places");
}

/** The id of the box a pointer names (a date's day box), or null when the page has none. */
export function fieldIdFor(pointer: string): string | null {
  const at = fieldPointer(pointer);
  if (fieldLabelFor(at) === null) return null;
  const id = at.slice(1).replace(/\//g, "-");
  return DATE_POINTER.test(at) ? `${id}-day` : id;
}

/** What a field is called in an error summary ("Closing date", "Sessions 2: how many"). */
export function fieldLabelFor(pointer: string): string | null {
  const at = fieldPointer(pointer);
  const label = FIELD_LABELS[at];
  if (label) return label;
  for (const row of ROW_LABELS) {
    const match = row.pattern.exec(at);
    if (match) return row.label(String(Number(match[1]) + 1), match[2] ?? "");
  }
  return null;
}

/** The error summary's links: each error's field, by pointer, where the page has one. */
export function summaryFields(errors: FieldError[]): Record<string, { id: string; label: string }> {
  const fields: Record<string, { id: string; label: string }> = {};
  for (const error of errors) {
    const id = fieldIdFor(error.pointer);
    const label = fieldLabelFor(error.pointer);
    if (id && label) fields[error.pointer] = { id, label };
  }
  return fields;
}

/** Each box's first error, by the box's pointer, for the inline messages. */
export function inlineErrors(errors: FieldError[]): Partial<Record<string, string>> {
  const byField: Partial<Record<string, string>> = {};
  for (const error of errors) byField[fieldPointer(error.pointer)] ??= error.detail;
  return byField;
}

// What someone else changed, for the page that tells a person their edit was stale.

export type ChangedField = { label: string; value: string };

function lines(values: string[]): string {
  return values.length === 0 ? "(none)" : values.join("\n");
}

function text(value: string | null | undefined): string {
  return value == null || value === "" ? "(none)" : value;
}

function date(value: string | null | undefined): string {
  return value ? formatDate(value) : "(none)";
}

/** Each field as the programme page would say it. */
const DESCRIBE: [string, (programme: Programme) => string][] = [
  ["Title", (p) => p.title],
  ["Project code", (p) => text(p.code)],
  ["Status", (p) => statusLabels[p.status]],
  ["Stage", (p) => stageLabels[p.stage]],
  ["Phase", (p) => phaseLabels[p.phase]],
  ["Who it is for", (p) => audienceLabels[p.audience]],
  ["Summary", (p) => p.summary],
  ["Who can take part", (p) => p.who_can_take_part],
  ["What is involved", (p) => text(p.what_is_involved)],
  ["How to apply", (p) => text(p.how_to_apply)],
  ["Applications open", (p) => date(p.applications_open_on)],
  ["Closing date", (p) => date(p.closing_date)],
  [
    "Other dates",
    (p) => lines(p.milestones.map((m) => `${m.label ?? milestoneLabels[m.kind]}: ${formatDate(m.date)}`)),
  ],
  ["Places", (p) => (p.capacity ? capacityLabel(p.capacity) : "(none)")],
  ["Sessions", (p) => lines(p.session_plan.map((item) => sessionPlanLabel(item)))],
  ["Time commitment", (p) => text(p.time_commitment)],
  [
    "Funding",
    (p) =>
      lines([
        p.funding.free_to_participate ? "Free to take part" : "There is a cost to take part",
        ...p.funding.grants.map((grant) => grantLabel(grant)),
        ...(p.funding.note ? [p.funding.note] : []),
      ]),
  ],
  ["Commitments", (p) => lines(p.commitments)],
  [
    "Application form",
    (p) => {
      const form = p.application_form;
      const range =
        form.participants_min === form.participants_max
          ? String(form.participants_max)
          : `${String(form.participants_min)} to ${String(form.participants_max)}`;
      return `${range} × ${participantRoleLabels[form.participant_role].toLowerCase()}${
        form.head_of_department ? ", and a head of department" : ""
      }`;
    },
  ],
  ["Contact", (p) => text([p.contact_name, p.contact_email].filter(Boolean).join(", "))],
];

/** The fields that differ between the version a person read and the one saved since, as it is now. */
export function theirChanges(read: Programme, now: Programme): ChangedField[] {
  return DESCRIBE.filter(([, describe]) => describe(read) !== describe(now)).map(([label, describe]) => ({
    label,
    value: describe(now),
  }));
}

// Who may do what, and when.

/** The id in the URL, or null when it cannot be a programme's (the API would refuse it). */
export function programmeIdParam(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : null;
}

/** Whether the signed-in person runs the programme's hub (the API decides again on every write). */
export function runsHub(me: Me | null | undefined, hubId: string): boolean {
  if (me?.role === "national_admin") return true;
  return me?.role === "hub_admin" && me.hub_id === hubId;
}

/**
 * The academic years a new programme may be offered in: the one under way on `today` and the
 * next two, as the API writes them ("2027-28"). A year starts on 1 September.
 */
export function academicYearChoices(today: string): { value: string; label: string }[] {
  const [year = 2000, month = 1] = today.split("-").map(Number);
  const first = Number(academicYearOfMonth({ year, month }).slice(0, 4));
  return [0, 1, 2].map((offset) => {
    const value = academicYearSlug(first + offset);
    return { value, label: academicYearLabel(value) };
  });
}

export type StatusAction = { status: ProgrammeStatus; label: string; warning: boolean };

/** The moves hub staff may make from a status (the API's life cycle: a closed programme stays closed). */
export function statusActions(status: ProgrammeStatus): StatusAction[] {
  switch (status) {
    case "draft":
      return [{ status: "open", label: "Publish", warning: false }];
    case "open":
      return [
        { status: "fully_booked", label: "Mark as fully booked", warning: false },
        { status: "closed", label: "Close applications", warning: true },
      ];
    case "fully_booked":
      return [
        { status: "open", label: "Reopen applications", warning: false },
        { status: "closed", label: "Close applications", warning: true },
      ];
    case "closed":
      return [];
  }
}

/** The year a new programme is offered in by default: recruitment is for the coming year. */
export function defaultAcademicYear(today: string): string {
  return academicYearChoices(today)[1]?.value ?? "";
}

export type ProgrammeTypeChoice = { value: ProgrammeType; label: string; hint: string };

/** The kinds of programme as radios: "Primary Development", hinted "Primary, development, for schools". */
export function programmeTypeChoices(types: ProgrammeTypeDefaults[]): ProgrammeTypeChoice[] {
  return types.map((kind) => ({
    value: kind.id,
    label: kind.label,
    hint: `${phaseLabels[kind.phase]} · ${stageLabels[kind.stage]} · for ${audienceLabels[kind.audience].toLowerCase()}`,
  }));
}

// The rules a new programme starts with, in words.

const ROLE_WORDS: Record<string, [string, string]> = {
  head_teacher: ["head teacher", "head teachers"],
  head_of_department: ["head of department", "heads of department"],
  maths_lead: ["maths lead", "maths leads"],
  teacher: ["teacher", "teachers"],
  early_career_teacher: ["early career teacher", "early career teachers"],
  teaching_assistant: ["teaching assistant", "teaching assistants"],
  mastery_advocate: ["Mastery Advocate", "Mastery Advocates"],
};

function roleWord(role: unknown, count = 1): string {
  const words = typeof role === "string" ? ROLE_WORDS[role] : undefined;
  if (!words) return String(role);
  return count === 1 ? words[0] : words[1];
}

function stageOrKind(rule: Record<string, unknown>): string {
  if (typeof rule.programme === "string" && isProgrammeType(rule.programme)) return programmeTypeLabels[rule.programme];
  if (typeof rule.stage === "string" && rule.stage in stageLabels) return stageLabels[rule.stage as Stage];
  return "it";
}

function isProgrammeType(value: string): value is ProgrammeType {
  return Object.hasOwn(programmeTypeLabels, value);
}

/** A rule as a line of a list ("Names 1 head teacher and 2 teachers"); the API explains each in a decision. */
export function ruleWords(rule: Record<string, unknown>): string {
  switch (rule.kind) {
    case "state_funded_school_in_england":
      return "An open, state-funded school in England";
    case "phase_of_education":
      return typeof rule.phase === "string" ? `A ${rule.phase} school` : "A school of the programme's phase";
    case "took_part_before":
      return `Took part in ${stageOrKind(rule)} before${typeof rule.since === "number" ? ` (since ${String(rule.since)})` : ""}`;
    case "never_took_part":
      return `Has not taken part in ${stageOrKind(rule)} before`;
    case "completed_programme":
      return `Completed ${stageOrKind(rule)}`;
    case "role":
      return `Is a ${roleWord(rule.role)}`;
    case "sktm_pathway_not_taken":
      return `Has not taken the ${rule.pathway === "spatial_reasoning" ? "Spatial Reasoning" : "Number"} pathway`;
    case "people_named": {
      const roles = typeof rule.roles === "object" && rule.roles !== null ? Object.entries(rule.roles) : [];
      const named = roles.map(([role, count]) => `${String(count)} ${roleWord(role, Number(count))}`);
      return `Names ${named.join(" and ")}`;
    }
    case "commitments_confirmed": {
      const who = Array.isArray(rule.signatories) ? rule.signatories.map((role) => roleWord(role)) : [];
      if (who.length === 0) return "Everyone named confirms the commitments";
      const last = who.pop() ?? "";
      const names = who.length > 0 ? `${who.join(", ")} and ${last}` : last;
      return `The ${names} confirm${who.length > 0 ? "" : "s"} the commitments`;
    }
    case "application_window":
      return "Applies before the closing date";
    default:
      return typeof rule.kind === "string" ? rule.kind.replace(/_/g, " ") : "A rule";
  }
}
