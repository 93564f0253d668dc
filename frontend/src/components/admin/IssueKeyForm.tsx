import { useState, type FormEvent } from "react";
import type { ApiKeyCreate, Hub, Me, Problem, Scope } from "../../api/client";
import { endOfDayInEngland, readDateParts, type DatePart } from "../../dateInput";
import { bodyError, checksProblem, errorsByPointer, formText } from "../../forms";
import { scopeLabels } from "../../format";
import { Checkboxes } from "../form/Checkboxes";
import { DateInput } from "../form/DateInput";
import { describedBy, ErrorMessage } from "../form/ErrorMessage";
import { TextInput } from "../form/TextInput";
import { readRateLimit } from "./rateLimit";

/** The form's fields by JSON pointer in the request body, for the error summary. */
export const ISSUE_KEY_FIELDS = {
  "/name": { id: "name", label: "Name" },
  "/hub_id": { id: "hub_id", label: "Hub" },
  "/scopes": { id: "scopes", label: "What it may do" },
  "/expires_at": { id: "expires_at-day", label: "Expiry date" },
  "/rate_limit_per_minute": { id: "rate_limit_per_minute", label: "Requests a minute" },
};

const SCOPE_OPTIONS = Object.entries(scopeLabels).map(([value, { label, hint }]) => ({ value, label, hint }));

function isScope(value: unknown): value is Scope {
  return typeof value === "string" && Object.hasOwn(scopeLabels, value);
}

type Props = {
  me: Me;
  hubs: Hub[];
  /** The page's own checks, or the API's problem with the last request. */
  problem: Problem | null;
  pending: boolean;
  /** Called with a request the page found nothing wrong with, and the form to clear once it worked. */
  onSubmit: (body: ApiKeyCreate, form: HTMLFormElement) => void;
  /** Called with what the page found wrong before asking the API (null: nothing). */
  onChecked: (problem: Problem | null) => void;
};

/**
 * Issue a key: its name, what it may do, and when it stops working. A national
 * administrator also chooses its hub (or none, for every hub); a hub administrator's
 * keys are always their own hub's.
 */
export function IssueKeyForm({ me, hubs, problem, pending, onSubmit, onChecked }: Props) {
  const [dateParts, setDateParts] = useState<DatePart[] | undefined>(undefined);
  const errors = errorsByPointer(problem);
  const national = me.role === "national_admin";
  const ownHub = hubs.find((hub) => hub.id === me.hub_id)?.name ?? me.hub_id;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => formText(data, name).trim();
    const name = text("name");
    const scopes = data.getAll("scopes").filter(isScope);
    const hubId = text("hub_id");
    const date = readDateParts(
      { day: text("expires_at-day"), month: text("expires_at-month"), year: text("expires_at-year") },
      "Expiry date",
    );
    setDateParts(date.kind === "invalid" ? date.parts : undefined);
    const limit = readRateLimit(text("rate_limit_per_minute"));
    const found = checksProblem([
      ...(name === "" ? [bodyError("/name", "Enter a name for the key")] : []),
      ...(scopes.length === 0 ? [bodyError("/scopes", "Select what the key may do")] : []),
      ...(date.kind === "invalid" ? [bodyError("/expires_at", date.message)] : []),
      ...(limit.kind === "invalid" ? [bodyError("/rate_limit_per_minute", limit.message)] : []),
    ]);
    onChecked(found);
    if (found) return;
    onSubmit(
      {
        name,
        scopes,
        ...(national && hubId !== "" ? { hub_id: hubId } : {}),
        ...(date.kind === "date" ? { expires_at: endOfDayInEngland(date) } : {}),
        ...(limit.kind === "limit" ? { rate_limit_per_minute: limit.value } : {}),
      },
      form,
    );
  }

  return (
    <form method="post" onSubmit={submit} noValidate>
      <TextInput
        id="name"
        label="Name"
        hint="Say which system will use it, like ‘Timetable sync’."
        inputClassName="govuk-!-width-two-thirds"
        autoComplete="off"
        error={errors["/name"]}
      />
      {national ? (
        <div className={`govuk-form-group${errors["/hub_id"] ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="hub_id">
            Hub
          </label>
          <div className="govuk-hint" id="hub_id-hint">
            The hub whose systems will use the key. A key with no hub acts for every hub.
          </div>
          <ErrorMessage id="hub_id-error">{errors["/hub_id"]}</ErrorMessage>
          <select
            className={`govuk-select${errors["/hub_id"] ? " govuk-select--error" : ""}`}
            id="hub_id"
            name="hub_id"
            defaultValue=""
            aria-describedby={describedBy("hub_id-hint", errors["/hub_id"] && "hub_id-error")}
          >
            <option value="">No hub: every hub</option>
            {hubs.map((hub) => (
              <option key={hub.id} value={hub.id}>
                {hub.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="govuk-body">The key will belong to {ownHub ?? "your hub"}.</p>
      )}
      <Checkboxes
        name="scopes"
        legend="What it may do"
        hint="Select all that apply. Give a key only what its system needs."
        options={SCOPE_OPTIONS}
        error={errors["/scopes"]}
      />
      <DateInput
        id="expires_at"
        legend="Expiry date (optional)"
        hint="The key stops working at the end of this day. For example, 31 3 2027. Leave it empty for a key that does not expire."
        error={errors["/expires_at"]}
        errorParts={dateParts}
      />
      <TextInput
        id="rate_limit_per_minute"
        label="Requests a minute (optional)"
        hint="The most calls its system may make in a minute. Leave it empty for the service’s default."
        inputClassName="govuk-input--width-10"
        inputMode="numeric"
        spellCheck={false}
        autoComplete="off"
        error={errors["/rate_limit_per_minute"]}
      />
      <button type="submit" className="govuk-button">
        Issue key
      </button>
    </form>
  );
}
