import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { ProgrammeTypeDefaults } from "./api";
import { draftFromDefaults, readDraft, type ProgrammeDraft } from "./draft";
import { ProgrammeForm } from "./ProgrammeForm";

const KIND: ProgrammeTypeDefaults = {
  id: "secondary_development",
  label: "Secondary Development",
  phase: "secondary",
  stage: "development",
  audience: "schools",
  eligibility_rules: [],
  commitments: ["Teachers attend four meetings.", "The department reports on the year."],
  session_plan: [{ count: 4, kind: "trg_meeting", length: "half_day", hours: null, format: "in_person", note: null }],
  time_commitment: null,
  funding: { free_to_participate: true, grants: [], note: null },
  application_form: {
    statement_prompt: "Why?",
    statement_word_limit: 150,
    participant_role: "teacher",
    participants_min: 1,
    participants_max: 2,
    head_of_department: true,
  },
  capacity: { places: 12, unit: "participants" },
  bounds: { max_schools: null, max_participants: 12 },
};

function Form({ errors = {}, onSubmit }: { errors?: Partial<Record<string, string>>; onSubmit: (draft: ProgrammeDraft) => void }) {
  const [draft, setDraft] = useState(() => draftFromDefaults(KIND));
  return (
    <ProgrammeForm
      draft={draft}
      setDraft={setDraft}
      errors={errors}
      dateParts={{}}
      kind={KIND}
      submitLabel="Save as a draft"
      submitting={false}
      onSubmit={() => {
        onSubmit(draft);
      }}
    />
  );
}

describe("ProgrammeForm", () => {
  it("shows each error at the box its pointer names, described by it", () => {
    render(
      <Form
        onSubmit={vi.fn()}
        errors={{ "/code": "A project code for 2027/28 starts NCP27-", "/session_plan/0/count": "Too many" }}
      />,
    );
    expect(screen.getByLabelText("Project code (optional)")).toHaveAccessibleDescription(
      "The national project code, like NCP27-11, where the programme has one Error: A project code for 2027/28 starts NCP27-",
    );
    expect(screen.getByLabelText("How many")).toHaveClass("govuk-input--error");
    expect(screen.getByLabelText("How many")).toHaveAccessibleDescription("Error: Too many");
  });

  it("says the bounds of a Work Group of this kind at the places", () => {
    render(<Form onSubmit={vi.fn()} />);
    expect(screen.getByLabelText("Places (optional)")).toHaveValue("12");
    expect(screen.getByText("A Work Group of this kind takes at most 12 participants. Leave empty for no limit.")).toBeVisible();
  });

  it("adds and removes rows, keeping what was typed in the others", async () => {
    const submitted = vi.fn<(draft: ProgrammeDraft) => void>();
    const user = userEvent.setup();
    render(<Form onSubmit={submitted} />);
    await user.click(screen.getByRole("button", { name: "Add a commitment" }));
    // Pasted rather than typed key by key: what is tested is where the text stays.
    await user.click(screen.getByLabelText("Commitment 3"));
    await user.paste("The head teacher supports the work.");
    await user.click(screen.getByRole("button", { name: "Remove commitment 1" }));
    expect(screen.getByLabelText("Commitment 1")).toHaveValue("The department reports on the year.");
    expect(screen.getByLabelText("Commitment 2")).toHaveValue("The head teacher supports the work.");

    await user.click(screen.getByRole("button", { name: "Add a grant" }));
    const grant = screen.getByRole("group", { name: "Grant 1" });
    await user.click(within(grant).getByLabelText("Amount, in pounds"));
    await user.paste("£1,000");
    await user.click(screen.getByRole("button", { name: "Save as a draft" }));

    const draft = submitted.mock.calls[0]?.[0];
    expect(draft).toBeDefined();
    const { fields } = readDraft(draft as ProgrammeDraft);
    expect(fields.commitments).toEqual(["The department reports on the year.", "The head teacher supports the work."]);
    expect(fields.funding?.grants).toEqual([
      { kind: "fixed", purpose: "release_time", amount: { amount_pence: 100000, currency: "GBP" }, description: null, conditions: [] },
    ]);
    // A whole programme's form re-renders at each click: slow on a busy machine, not stuck.
  }, 15_000);
});
