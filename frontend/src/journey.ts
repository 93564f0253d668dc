// A school's mastery journey as the timeline shows it: the stages of each phase in order,
// the years the school took part in each, and which the journey allows next. Pure: no React.
import type { Journey, ParticipationOutcome, Phase, ProgrammeType, Stage } from "./api/client";

/** The Teaching for Mastery stages of each phase, in journey order (secondary starts at Development). */
export const MASTERY_STAGES: Record<Phase, readonly { type: ProgrammeType; stage: Stage }[]> = {
  primary: [
    { type: "primary_readiness", stage: "readiness" },
    { type: "primary_development", stage: "development" },
    { type: "primary_embedding", stage: "embedding" },
    { type: "primary_sustaining", stage: "sustaining" },
  ],
  secondary: [
    { type: "secondary_development", stage: "development" },
    { type: "secondary_embedding", stage: "embedding" },
    { type: "secondary_sustaining", stage: "sustaining" },
  ],
};

export type StageYear = {
  academicYear: string;
  /** "2019/20" */
  label: string;
  outcome: ParticipationOutcome;
  hubId: string;
};

/**
 * - `taking-part`: in this stage now (or it is booked);
 * - `done`: completed it in some year;
 * - `withdrawn`: started it but withdrew, every time;
 * - `next`: not taken yet, and the journey allows it next;
 * - `not-taken`: not taken, and not next.
 */
export type StepState = "taking-part" | "done" | "withdrawn" | "next" | "not-taken";

export type StageStep = {
  type: ProgrammeType;
  stage: Stage;
  /** The years the school took part in this stage, earliest first. */
  years: StageYear[];
  /** The journey allows this stage next (Sustaining can follow itself, so a stage can be both done and next). */
  next: boolean;
  state: StepState;
};

export type JourneyTrack = { phase: Phase; steps: StageStep[] };

const PHASE_WORDS: Record<Phase, RegExp> = {
  primary: /primary|all-through|nursery/i,
  secondary: /secondary|all-through|16 plus/i,
};

function stateOf(years: StageYear[], next: boolean): StepState {
  if (years.some((year) => year.outcome === "taking_part")) return "taking-part";
  if (years.some((year) => year.outcome === "completed")) return "done";
  if (years.length > 0) return "withdrawn";
  return next ? "next" : "not-taken";
}

/**
 * The tracks to draw for a school: a phase it teaches (by GIAS's phase of education), or one
 * it has taken part in or may take part in next. Both when nothing says which.
 */
export function journeyTracks(journey: Journey, phaseOfEducation: string | null): JourneyTrack[] {
  const participations = journey.years.flatMap((year) => year.participations);
  const phases = (["primary", "secondary"] as const).filter((phase) => {
    const types = new Set(MASTERY_STAGES[phase].map(({ type }) => type));
    return (
      (phaseOfEducation !== null && PHASE_WORDS[phase].test(phaseOfEducation)) ||
      participations.some((participation) => types.has(participation.programme_type)) ||
      journey.next_steps.some((type) => types.has(type))
    );
  });
  const shown: Phase[] = phases.length > 0 ? phases : ["primary", "secondary"];
  const next = new Set(journey.next_steps);
  return shown.map((phase) => ({
    phase,
    steps: MASTERY_STAGES[phase].map(({ type, stage }) => {
      const years = participations
        .filter((participation) => participation.programme_type === type)
        .map((participation) => ({
          academicYear: participation.academic_year,
          label: participation.academic_year_label,
          outcome: participation.outcome,
          hubId: participation.hub_id,
        }))
        .sort((a, b) => a.academicYear.localeCompare(b.academicYear));
      return { type, stage, years, next: next.has(type), state: stateOf(years, next.has(type)) };
    }),
  }));
}

/** The catalogue's search for open programmes of a kind: "?phase=primary&stage=embedding&status=open". */
export function openProgrammesSearch(type: ProgrammeType): string {
  const phase: Phase = type.startsWith("secondary_") ? "secondary" : "primary";
  const stage: Stage = MASTERY_STAGES[phase].find((step) => step.type === type)?.stage ?? "specialist_knowledge";
  return new URLSearchParams({ phase, stage, status: "open" }).toString();
}
