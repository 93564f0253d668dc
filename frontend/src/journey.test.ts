import { describe, expect, it } from "vitest";
import type { Journey, Participation, ParticipationOutcome, ProgrammeType } from "./api/client";
import { journeyTracks, openProgrammesSearch } from "./journey";

function participation(type: ProgrammeType, year: string, outcome: ParticipationOutcome = "completed"): Participation {
  return {
    id: 1,
    urn: "100001",
    person_id: null,
    programme_type: type,
    programme_label: type,
    programme_id: null,
    academic_year: year,
    academic_year_label: year.replace("-", "/"),
    hub_id: "cheshire-and-wirral",
    outcome,
    source: "import",
    updated_at: "2026-11-25T00:00:00Z",
  };
}

function journey(participations: Participation[], nextSteps: ProgrammeType[]): Journey {
  const years = [...new Set(participations.map((p) => p.academic_year))].sort();
  return {
    urn: "100001",
    school_name: "St Bede’s Catholic Primary School",
    applications: [],
    work_groups: [],
    years: years.map((year) => ({
      academic_year: year,
      academic_year_label: year.replace("-", "/"),
      participations: participations.filter((p) => p.academic_year === year),
    })),
    next_steps: nextSteps,
    open_programmes: [],
  };
}

describe("journeyTracks", () => {
  it("marks the stage a primary school did, in its year, and the stages it can do next", () => {
    const tracks = journeyTracks(
      journey([participation("primary_development", "2019-20")], ["primary_embedding", "primary_sustaining"]),
      "Primary",
    );
    expect(tracks.map((track) => track.phase)).toEqual(["primary"]);
    const steps = tracks[0]?.steps ?? [];
    expect(steps.map((step) => [step.stage, step.state])).toEqual([
      ["readiness", "not-taken"],
      ["development", "done"],
      ["embedding", "next"],
      ["sustaining", "next"],
    ]);
    expect(steps[1]?.years).toEqual([
      { academicYear: "2019-20", label: "2019/20", outcome: "completed", hubId: "cheshire-and-wirral" },
    ]);
  });

  it("says a stage taken again (Sustaining) is both done and next, years in order", () => {
    const tracks = journeyTracks(
      journey(
        [participation("primary_sustaining", "2022-23"), participation("primary_sustaining", "2021-22")],
        ["primary_sustaining"],
      ),
      "Primary",
    );
    const sustaining = tracks[0]?.steps[3];
    expect(sustaining?.state).toBe("done");
    expect(sustaining?.next).toBe(true);
    expect(sustaining?.years.map((year) => year.label)).toEqual(["2021/22", "2022/23"]);
  });

  it("puts taking part before completed, and withdrawn last", () => {
    const tracks = journeyTracks(
      journey(
        [
          participation("primary_development", "2020-21", "withdrawn"),
          participation("primary_embedding", "2027-28", "taking_part"),
        ],
        [],
      ),
      "Primary",
    );
    expect(tracks[0]?.steps.map((step) => step.state)).toEqual(["not-taken", "withdrawn", "taking-part", "not-taken"]);
  });

  it("draws the secondary stages for a secondary school, and both for an all-through school", () => {
    expect(journeyTracks(journey([], ["secondary_development"]), "Secondary").map((track) => track.phase)).toEqual([
      "secondary",
    ]);
    expect(journeyTracks(journey([], []), "All-through").map((track) => track.phase)).toEqual([
      "primary",
      "secondary",
    ]);
    // GIAS says "Not applicable" for many independent schools: the next steps say which.
    expect(journeyTracks(journey([], ["primary_readiness"]), "Not applicable").map((track) => track.phase)).toEqual([
      "primary",
    ]);
    expect(journeyTracks(journey([], []), "Not applicable")).toHaveLength(2);
  });
});

describe("openProgrammesSearch", () => {
  it("finds open programmes of the same phase and stage", () => {
    expect(openProgrammesSearch("primary_embedding")).toBe("phase=primary&stage=embedding&status=open");
    expect(openProgrammesSearch("secondary_sustaining")).toBe("phase=secondary&stage=sustaining&status=open");
    expect(openProgrammesSearch("sktm_primary_ect_phase_1")).toBe(
      "phase=primary&stage=specialist_knowledge&status=open",
    );
  });
});
