import { useState, type FormEvent } from "react";
import type { Problem } from "../../api/client";
import { ErrorSummary } from "../../components/ErrorSummary";
import { DateInput } from "../../components/form/DateInput";
import { Select, type SelectOption } from "../../components/form/Select";
import type { DateParts } from "../../dateInput";
import { asAtParts, readAsAt, type ReportQuery } from "./filters";

export type SelectFilter = { name: string; label: string; empty?: string; options: SelectOption[] };

type Props = {
  action: string;
  selects: readonly SelectFilter[];
  /** The filters as the URL has them now. */
  current: ReportQuery;
  /** Offer "As at" (day, month, year). */
  asAt?: boolean;
  onApply: (query: ReportQuery) => void;
};

/**
 * A report's filters as a GET form: selects, and the as-at day, applied together. Controlled,
 * because the hubs and years arrive after the first render; keyed by the URL by the page, so a
 * link that changes the filters starts it afresh.
 */
export function ReportFilters({ action, selects, current, asAt = false, onApply }: Props) {
  const [chosen, setChosen] = useState<ReportQuery>(current);
  const [day, setDay] = useState<DateParts>(asAtParts(current.as_at));
  const [asAtError, setAsAtError] = useState<string | null>(null);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: ReportQuery = {};
    for (const { name } of selects) {
      const value = chosen[name];
      if (value) next[name] = value;
    }
    if (asAt) {
      const reading = readAsAt(day);
      if ("error" in reading) {
        setAsAtError(reading.error);
        return;
      }
      if (reading.asAt) next.as_at = reading.asAt;
    }
    setAsAtError(null);
    onApply(next);
  };
  const problem: Problem | null = asAtError
    ? { type: "about:blank", title: "There is a problem", status: 422, errors: [{ location: "query", pointer: "/as_at", detail: asAtError }] }
    : null;
  return (
    <form method="get" action={action} onSubmit={apply} noValidate className="app-report-filters">
      {problem && <ErrorSummary problem={problem} fields={{ "/as_at": { id: "as_at-day" } }} />}
      {selects.map(({ name, label, empty, options }) => (
        <Select
          key={name}
          id={name}
          label={label}
          {...(empty !== undefined ? { empty } : {})}
          options={options}
          value={chosen[name] ?? ""}
          onChange={(event) => {
            setChosen({ ...chosen, [name]: event.target.value });
          }}
        />
      ))}
      {asAt && (
        <DateInput
          id="as_at"
          legend="As at"
          hint="Count only what was recorded by the end of this day. Leave empty for today. For example, 31 7 2026"
          error={asAtError ?? undefined}
          value={day}
          onChange={(part, value) => {
            setDay({ ...day, [part]: value });
          }}
        />
      )}
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show figures
      </button>
    </form>
  );
}
