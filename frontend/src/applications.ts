// The application form's words and rules as the pages need them: statuses, tasks, counting
// words as the API counts them, the people on the form, and decisions. Pure: no React.
import type {
  Application,
  ApplicationForm,
  ApplicationStatus,
  ApplicationUpdate,
  Contact,
  DecisionKind,
  DecisionOutcome,
  ParticipantRole,
  Signatory,
  TaskStatus,
} from "./api/applications";
import type { FieldError, Phase, Problem } from "./api/client";
import { bodyError } from "./forms";

export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  shortlisted: "Shortlisted",
  selected: "Selected",
  waitlisted: "On the waiting list",
  not_selected: "Not selected",
  withdrawn: "Withdrawn",
};

export const applicationStatusColours: Record<ApplicationStatus, string> = {
  draft: "govuk-tag--grey",
  submitted: "govuk-tag--blue",
  shortlisted: "govuk-tag--light-blue",
  selected: "govuk-tag--green",
  waitlisted: "govuk-tag--yellow",
  not_selected: "govuk-tag--red",
  withdrawn: "govuk-tag--grey",
};

export const taskStatusLabels: Record<TaskStatus, string> = {
  not_started: "Not yet started",
  in_progress: "In progress",
  completed: "Completed",
};

/** The four tasks of the form, in order, with the page of each (under /applications/:id/). */
export const TASKS = [
  { task: "school_details", page: "school-details", title: "School details" },
  { task: "people", page: "people", title: "People" },
  { task: "statement", page: "statement", title: "Statement" },
  { task: "commitments", page: "commitments", title: "Commitments and signatures" },
] as const;

export type TaskName = (typeof TASKS)[number]["task"];

/** How many of the form's tasks are completed. */
export function tasksCompleted(application: Application): number {
  return TASKS.filter(({ task }) => application.tasks[task] === "completed").length;
}

/**
 * Whether the answers are far enough on to check and submit: the school, the people and the
 * statement done. Signatures may still be coming in; the API says so if they are.
 */
export function readyToCheck(application: Application): boolean {
  return (["school_details", "people", "statement"] as const).every((task) => application.tasks[task] === "completed");
}

// A word holds at least one letter or digit, as the API counts them: "long-term" and "don't"
// are one word each, "–" or "&" on their own are none.
const WORD = /[\p{L}\p{N}](?:\S*[\p{L}\p{N}])?/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** The character count's message in word mode, as GOV.UK Frontend words it. */
export function wordCountMessage(count: number, limit: number): string {
  const left = limit - count;
  const words = (n: number) => `${String(n)} ${n === 1 ? "word" : "words"}`;
  return left >= 0 ? `You have ${words(left)} remaining` : `You have ${words(-left)} too many`;
}

/** The id of the field a JSON pointer names: "/participants/0/email" is "participants-0-email". */
export function fieldId(pointer: string): string {
  return pointer.replace(/^\//, "").replace(/\//g, "-");
}

/** The year groups a school of the phase teaches, to choose from. */
export function yearGroupOptions(phase: Phase | null, chosen: readonly string[] = []): string[] {
  const years =
    phase === "primary"
      ? ["Reception", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6"]
      : phase === "secondary"
        ? ["Year 7", "Year 8", "Year 9", "Year 10", "Year 11", "Year 12", "Year 13"]
        : ["Reception", ...Array.from({ length: 13 }, (_, index) => `Year ${String(index + 1)}`)];
  // Keep any year group already saved that the list does not have, so saving never drops it.
  return [...years, ...chosen.filter((year) => !years.includes(year))];
}

export const participantRoleLabels: Record<ParticipantRole, { one: string; many: string }> = {
  teacher: { one: "teacher", many: "teachers" },
  maths_lead: { one: "maths lead", many: "maths leads" },
  teaching_assistant: { one: "teaching assistant", many: "teaching assistants" },
  early_career_teacher: { one: "early career teacher", many: "early career teachers" },
  mastery_advocate: { one: "mastery advocate", many: "mastery advocates" },
};

/** "Teacher": the first letter in capitals. */
export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function signatoryRoleLabel(role: Signatory["role"], participantRole: ParticipantRole): string {
  switch (role) {
    case "head_teacher":
      return "Head teacher or senior leader";
    case "head_of_department":
      return "Head of department";
    case "participant":
      return capitalise(participantRoleLabels[participantRole].one);
  }
}

// The people on the form

export type PersonFields = { name: string; email: string };
export type ParticipantFields = PersonFields & { key: number; yearGroups: string[] };
export type PeopleFields = {
  headTeacher: PersonFields;
  headOfDepartment: PersonFields;
  participants: ParticipantFields[];
};

const EMPTY_PERSON: PersonFields = { name: "", email: "" };

/** The people page's fields, from the saved answers (one empty participant to start with). */
export function peopleFields(application: Application): PeopleFields {
  const participants = application.participants.map((participant, index) => ({
    key: index,
    name: participant.name,
    email: participant.email,
    yearGroups: [...participant.year_groups],
  }));
  return {
    headTeacher: application.head_teacher ? { ...application.head_teacher } : { ...EMPTY_PERSON },
    headOfDepartment: application.head_of_department ? { ...application.head_of_department } : { ...EMPTY_PERSON },
    participants: participants.length > 0 ? participants : [{ key: 0, ...EMPTY_PERSON, yearGroups: [] }],
  };
}

export type PeopleRequest = {
  body: ApplicationUpdate;
  /** For each participant sent, the row of the page it came from (empty rows are not sent). */
  participantRows: number[];
  /** What the page found wrong before asking the API, pointed at the page's rows. */
  errors: FieldError[];
};

function contact(
  person: PersonFields,
  pointer: string,
  who: string,
  errors: FieldError[],
): Contact | null {
  const name = person.name.trim();
  const email = person.email.trim();
  if (name === "" && email === "") return null;
  if (name === "") errors.push(bodyError(`${pointer}/name`, `Enter the name of ${who}`));
  if (email === "") errors.push(bodyError(`${pointer}/email`, `Enter the email address of ${who}`));
  return { name, email };
}

/**
 * The PATCH body for the people page. A person left wholly empty is not sent (a draft may
 * lack them); one half filled in is an error the page shows itself, in plainer words than
 * the API's.
 */
export function peopleRequest(fields: PeopleFields, form: ApplicationForm): PeopleRequest {
  const errors: FieldError[] = [];
  const role = participantRoleLabels[form.participant_role].one;
  const headTeacher = contact(fields.headTeacher, "/head_teacher", "the head teacher or senior leader", errors);
  const headOfDepartment = form.head_of_department
    ? contact(fields.headOfDepartment, "/head_of_department", "the head of department", errors)
    : null;
  const participants: NonNullable<ApplicationUpdate["participants"]> = [];
  const participantRows: number[] = [];
  fields.participants.forEach((row, index) => {
    const who = `${role} ${String(index + 1)}`;
    const person = contact(row, `/participants/${String(index)}`, who, errors);
    if (person === null && row.yearGroups.length === 0) return;
    if (person === null) {
      errors.push(bodyError(`/participants/${String(index)}/name`, `Enter the name of ${who}`));
      errors.push(bodyError(`/participants/${String(index)}/email`, `Enter the email address of ${who}`));
    }
    participants.push({
      name: person?.name ?? "",
      email: person?.email ?? "",
      role: form.participant_role,
      year_groups: row.yearGroups,
    });
    participantRows.push(index);
  });
  const body: ApplicationUpdate = { head_teacher: headTeacher, participants };
  if (form.head_of_department) body.head_of_department = headOfDepartment;
  return { body, participantRows, errors };
}

/** The API's pointers into the participants it was sent, moved to the page's rows. */
export function toRowPointers(problem: Problem, participantRows: readonly number[]): Problem {
  if (!problem.errors) return problem;
  return {
    ...problem,
    errors: problem.errors.map((error) => {
      const match = /^\/participants\/(\d+)(\/.*)?$/.exec(error.pointer);
      if (!match) return error;
      const row = participantRows[Number(match[1])];
      return row === undefined ? error : { ...error, pointer: `/participants/${String(row)}${match[2] ?? ""}` };
    }),
  };
}

// Commitments and signatures

export type SignatoryState = "confirmed" | "waiting" | "not_sent";

export type SignatoryRow = {
  key: string;
  name: string;
  email: string;
  role: string;
  state: SignatoryState;
  confirmedAt: string | null;
};

export const signatoryStateLabels: Record<SignatoryState, { label: string; colour: string }> = {
  confirmed: { label: "Confirmed", colour: "govuk-tag--green" },
  waiting: { label: "Waiting", colour: "govuk-tag--yellow" },
  not_sent: { label: "Not sent yet", colour: "govuk-tag--grey" },
};

/**
 * Everyone who must confirm the commitments, as the form names them (the head teacher, the
 * head of department when the form asks for one, each participant), with where each is.
 */
export function signatoryRows(application: Application, form: ApplicationForm): SignatoryRow[] {
  const people: { role: Signatory["role"]; person: Contact }[] = [];
  if (application.head_teacher) people.push({ role: "head_teacher", person: application.head_teacher });
  if (form.head_of_department && application.head_of_department) {
    people.push({ role: "head_of_department", person: application.head_of_department });
  }
  for (const participant of application.participants) people.push({ role: "participant", person: participant });
  return people.map(({ role, person }, index) => {
    const signatory = application.signatories.find(
      (s) => s.role === role && s.email.toLowerCase() === person.email.toLowerCase(),
    );
    const state: SignatoryState = signatory?.confirmed_at ? "confirmed" : signatory?.sent_at ? "waiting" : "not_sent";
    return {
      key: `${role}-${String(index)}`,
      name: person.name,
      email: person.email,
      role: signatoryRoleLabel(role, form.participant_role),
      state,
      confirmedAt: signatory?.confirmed_at ?? null,
    };
  });
}

// Submitting

/** Which question page answers each of the API's pointers in a refused submission. */
export const POINTER_PAGES: Record<string, { page: string; field: string }> = {
  "/head_teacher": { page: "people", field: "head_teacher-name" },
  "/head_of_department": { page: "people", field: "head_of_department-name" },
  "/participants": { page: "people", field: "participants-0-name" },
  "/statement": { page: "statement", field: "statement" },
};

/** Which page fixes a failed eligibility rule, by the rule's kind; null when no page can. */
export function pageForRule(kind: string): string | null {
  if (kind === "commitments_confirmed") return "commitments";
  if (kind === "people_named") return "people";
  return null;
}

// Decisions

export const decisionActions: Record<DecisionKind, { button: string; done: string }> = {
  shortlisted: { button: "Shortlist", done: "shortlisted" },
  selected: { button: "Select", done: "selected" },
  waitlisted: { button: "Put on waiting list", done: "put on the waiting list" },
  not_selected: { button: "Decline", done: "declined" },
};

export type DecisionReport = {
  heading: string;
  failures: { id: number; school: string; reason: string }[];
};

/** "2 selected. 1 could not be selected.", and why each failure failed, in the API's words. */
export function decisionReport(decision: DecisionKind, outcomes: readonly DecisionOutcome[]): DecisionReport {
  const { done } = decisionActions[decision];
  const failures = outcomes.filter((outcome) => outcome.problem !== null);
  const succeeded = outcomes.length - failures.length;
  const parts: string[] = [];
  if (succeeded > 0 || failures.length === 0) parts.push(`${String(succeeded)} ${done}.`);
  if (failures.length > 0) parts.push(`${String(failures.length)} could not be ${done}.`);
  return {
    heading: parts.join(" "),
    failures: failures.map(({ application, problem }) => ({
      id: application.id,
      school: application.school.name,
      reason: problem?.detail ?? problem?.title ?? "",
    })),
  };
}
