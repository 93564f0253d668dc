import { useState, type FormEvent } from "react";
import { newIdempotencyKey } from "../../api/applications";
import type { Problem } from "../../api/client";
import { Radios } from "../../components/applications/Radios";
import { checksProblem, bodyError, problemOf } from "../../forms";
import { useAddToStatement, useStatements, type Claim, type StatementSummary } from "./api";
import { formatPounds } from "./money";
import { londonMonth, monthForNewStatement, monthLabel } from "./months";

type Props = {
  claim: Claim;
  onAdded: (monthLabel: string) => void;
  /** Called when the form is sent; false when the page is busy with another action. */
  onStart: () => boolean;
  onProblem: (problem: Problem | null) => void;
  error: string | undefined;
};

type Choice = { value: string; label: string; target: { statementId: number } | { hubId: string; month: string }; month: string };

/**
 * The statements an approved claim can go on: each open statement of the claim's hub, and a new
 * one for this month (or the first month after without a statement: one per hub and month).
 */
export function statementChoices(hubId: string, statements: readonly StatementSummary[], now: Date): Choice[] {
  const open = statements.filter((statement) => statement.status === "open" && statement.hub.id === hubId);
  const choices: Choice[] = open.map((statement) => ({
    value: `statement-${String(statement.id)}`,
    label: `${statement.month_label}: open, ${String(statement.line_count)} ${statement.line_count === 1 ? "line" : "lines"}, ${formatPounds(statement.total)}`,
    target: { statementId: statement.id },
    month: statement.month_label,
  }));
  const thisMonth = londonMonth(now);
  if (!open.some((statement) => statement.month === thisMonth)) {
    const month = monthForNewStatement(
      now,
      statements.filter((statement) => statement.hub.id === hubId).map((statement) => statement.month),
    );
    choices.push({
      value: `new-${month}`,
      label: `A new statement for ${monthLabel(month)}`,
      target: { hubId, month },
      month: monthLabel(month),
    });
  }
  return choices;
}

/** The first choice to offer: this month's open statement, else the earliest open one, else a new one. */
export function defaultChoice(choices: readonly Choice[], now: Date): string | null {
  const thisMonth = monthLabel(londonMonth(now));
  return (choices.find((choice) => choice.month === thisMonth) ?? choices[0])?.value ?? null;
}

/** Hub staff: put an approved claim on the hub's open statement, choosing or starting it. */
export function AddToStatement({ claim, onAdded, onStart, onProblem, error }: Props) {
  const statements = useStatements({ hub: claim.hub.id });
  const add = useAddToStatement();
  const [chosen, setChosen] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const now = new Date();
  const choices = statementChoices(claim.hub.id, statements.data?.items ?? [], now);
  const value = chosen ?? defaultChoice(choices, now);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!onStart() || add.isPending) return;
    const choice = choices.find((option) => option.value === value);
    if (!choice) {
      onProblem(checksProblem([bodyError("/statement", "Select the statement to add the claim to")]));
      return;
    }
    // Not mutate's own callbacks: the claim, read again once it is on the statement, is no longer
    // approved, and this form goes before they would run. The page above it stays.
    add.mutateAsync({ claimId: claim.id, target: choice.target, key }).then(
      (saved) => {
        onAdded(saved.statement.month_label);
      },
      (failed: unknown) => {
        if (problemOf(failed)?.status !== 0) setKey(newIdempotencyKey());
        onProblem(problemOf(failed));
      },
    );
  }

  return (
    <form method="post" onSubmit={submit} noValidate>
      <h2 className="govuk-heading-m">Add to a statement</h2>
      <p className="govuk-body">
        The claim is approved. Add it to the hub&apos;s open statement: it is paid when the statement is paid.
      </p>
      {statements.isPending ? (
        <p className="govuk-body" role="status">
          Loading the hub&apos;s statements…
        </p>
      ) : (
        <>
          <Radios
            name="statement"
            legend="Which statement?"
            options={choices.map(({ value: option, label }) => ({ value: option, label }))}
            value={value}
            onChange={setChosen}
            error={error}
          />
          <button type="submit" className="govuk-button">
            Add to statement
          </button>
        </>
      )}
    </form>
  );
}
