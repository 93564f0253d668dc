import type { Dispatch, FormEvent, ReactNode, SetStateAction } from "react";
import type { MilestoneKind, SessionFormat, SessionKind } from "../../api/client";
import { DateInput } from "../../components/form/DateInput";
import { ErrorMessage } from "../../components/form/ErrorMessage";
import { Select, type SelectOption } from "../../components/form/Select";
import { Textarea } from "../../components/form/Textarea";
import { TextInput } from "../../components/form/TextInput";
import type { DatePart } from "../../dateInput";
import { audienceLabels, milestoneLabels, phaseLabels, pluralise, sessionFormatLabels, stageLabels } from "../../format";
import type { GrantKind, GrantPurpose, ParticipantRoleChoice, ProgrammeTypeDefaults, SessionLength } from "./api";
import {
  grantKindLabels,
  grantPurposeLabels,
  newRowKey,
  participantRoleLabels,
  sessionKindLabels,
  sessionLengthLabels,
  type CommitmentRow,
  type GrantRow,
  type MilestoneRow,
  type ProgrammeDraft,
  type SessionRow,
} from "./draft";

function options(labels: Record<string, string>): SelectOption[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

type Props = {
  draft: ProgrammeDraft;
  setDraft: Dispatch<SetStateAction<ProgrammeDraft>>;
  /** Each box's error by its JSON pointer (the API's, or the page's own). */
  errors: Partial<Record<string, string>>;
  /** For a date the page could not read, the boxes to mark. */
  dateParts: Record<string, DatePart[]>;
  /** A new programme's kind: its phase and stage are the kind's, not chosen here. */
  kind?: ProgrammeTypeDefaults | undefined;
  /** Fields before the programme's own (a new programme's hub and year). */
  children?: ReactNode;
  submitLabel: string;
  submitting: boolean;
  onSubmit: () => void;
};

type ListName = "milestones" | "session_plan" | "grants" | "commitments";
type Rows = { milestones: MilestoneRow; session_plan: SessionRow; grants: GrantRow; commitments: CommitmentRow };

/** Every field of a programme that the catalogue shows, and the application form it asks schools to fill in. */
export function ProgrammeForm({ draft, setDraft, errors, dateParts, kind, children, submitLabel, submitting, onSubmit }: Props) {
  function set<K extends keyof ProgrammeDraft>(name: K, value: ProgrammeDraft[K]) {
    setDraft((current) => ({ ...current, [name]: value }));
  }
  function setRow<L extends ListName>(list: L, key: string, patch: Partial<Rows[L]>) {
    setDraft((current) => ({
      ...current,
      [list]: (current[list] as Rows[L][]).map((row) => (row.key === key ? { ...row, ...patch } : row)),
    }));
  }
  function addRow<L extends ListName>(list: L, row: Rows[L]) {
    setDraft((current) => ({ ...current, [list]: [...(current[list] as Rows[L][]), row] }));
  }
  function removeRow(list: ListName, key: string) {
    setDraft((current) => ({
      ...current,
      [list]: (current[list] as { key: string }[]).filter((row) => row.key !== key),
    }));
  }
  function text(name: keyof ProgrammeDraft) {
    return {
      value: draft[name] as string,
      onChange: (event: { target: { value: string } }) => {
        set(name, event.target.value as never);
      },
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }

  const bounds = kind?.bounds;
  const boundsHint =
    bounds && (bounds.max_schools !== null || bounds.max_participants !== null)
      ? `A Work Group of this kind takes at most ${[
          bounds.max_schools !== null ? pluralise(bounds.max_schools, "school") : null,
          bounds.max_participants !== null ? pluralise(bounds.max_participants, "participant") : null,
        ]
          .filter(Boolean)
          .join(" and ")}. Leave empty for no limit.`
      : "Leave empty for no limit.";

  return (
    <form onSubmit={submit} noValidate>
      {children}

      <h2 className="govuk-heading-m">About the programme</h2>
      <TextInput id="title" label="Title" error={errors["/title"]} {...text("title")} />
      <TextInput
        id="code"
        label="Project code (optional)"
        hint="The national project code, like NCP27-11, where the programme has one"
        inputClassName="govuk-input--width-10"
        error={errors["/code"]}
        {...text("code")}
      />
      {kind ? (
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Kind of programme</dt>
            <dd className="govuk-summary-list__value">
              {kind.label} ({phaseLabels[kind.phase]}, {stageLabels[kind.stage].toLowerCase()})
            </dd>
          </div>
        </dl>
      ) : (
        <>
          <Select
            id="stage"
            label="Stage"
            options={options(stageLabels)}
            error={errors["/stage"]}
            value={draft.stage}
            onChange={(event) => {
              set("stage", event.target.value as ProgrammeDraft["stage"]);
            }}
          />
          <Select
            id="phase"
            label="Phase"
            options={options(phaseLabels)}
            error={errors["/phase"]}
            value={draft.phase}
            onChange={(event) => {
              set("phase", event.target.value as ProgrammeDraft["phase"]);
            }}
          />
        </>
      )}
      <Select
        id="audience"
        label="Who it is for"
        options={options(audienceLabels)}
        error={errors["/audience"]}
        value={draft.audience}
        onChange={(event) => {
          set("audience", event.target.value as ProgrammeDraft["audience"]);
        }}
      />
      <Textarea id="summary" label="Summary" error={errors["/summary"]} {...text("summary")} />
      <Textarea id="who_can_take_part" label="Who can take part" error={errors["/who_can_take_part"]} {...text("who_can_take_part")} />
      <Textarea id="what_is_involved" label="What is involved (optional)" error={errors["/what_is_involved"]} {...text("what_is_involved")} />
      <Textarea id="how_to_apply" label="How to apply (optional)" error={errors["/how_to_apply"]} {...text("how_to_apply")} />

      <h2 className="govuk-heading-m">Dates</h2>
      <DateInput
        id="applications_open_on"
        legend="Applications open (optional)"
        hint="For example, 1 3 2027"
        error={errors["/applications_open_on"]}
        errorParts={dateParts["/applications_open_on"]}
        value={draft.applications_open_on}
        onChange={(part, value) => {
          setDraft((current) => ({ ...current, applications_open_on: { ...current.applications_open_on, [part]: value } }));
        }}
      />
      <DateInput
        id="closing_date"
        legend="Closing date (optional)"
        hint="Applications close at 11:59pm on this day"
        error={errors["/closing_date"]}
        errorParts={dateParts["/closing_date"]}
        value={draft.closing_date}
        onChange={(part, value) => {
          setDraft((current) => ({ ...current, closing_date: { ...current.closing_date, [part]: value } }));
        }}
      />
      <h3 className="govuk-heading-s">Other dates</h3>
      {draft.milestones.length === 0 && <p className="govuk-body">No other dates.</p>}
      {draft.milestones.map((row, index) => {
        const at = `/milestones/${String(index)}`;
        const id = `milestones-${String(index)}`;
        const name = `Date ${String(index + 1)}`;
        return (
          <fieldset className="govuk-fieldset app-row" key={row.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{name}</legend>
            <Select
              id={`${id}-kind`}
              label="What happens"
              options={options(milestoneLabels)}
              error={errors[`${at}/kind`]}
              value={row.kind}
              onChange={(event) => {
                setRow("milestones", row.key, { kind: event.target.value as MilestoneKind });
              }}
            />
            <DateInput
              id={`${id}-date`}
              legend="Date"
              error={errors[`${at}/date`]}
              errorParts={dateParts[`${at}/date`]}
              value={row.date}
              onChange={(part, value) => {
                setDraft((current) => ({
                  ...current,
                  milestones: current.milestones.map((item) =>
                    item.key === row.key ? { ...item, date: { ...item.date, [part]: value } } : item,
                  ),
                }));
              }}
            />
            <TextInput
              id={`${id}-label`}
              label="In your words (optional)"
              error={errors[`${at}/label`]}
              value={row.label}
              onChange={(event) => {
                setRow("milestones", row.key, { label: event.target.value });
              }}
            />
            <RemoveButton
              name={name}
              onClick={() => {
                removeRow("milestones", row.key);
              }}
            />
          </fieldset>
        );
      })}
      <AddButton
        label="Add a date"
        onClick={() => {
          addRow("milestones", { key: newRowKey(), kind: "shortlist_told", date: { day: "", month: "", year: "" }, label: "" });
        }}
      />

      <h2 className="govuk-heading-m">Places</h2>
      <TextInput
        id="capacity-places"
        label="Places (optional)"
        hint={boundsHint}
        inputMode="numeric"
        inputClassName="govuk-input--width-4"
        error={errors["/capacity/places"]}
        {...text("capacity_places")}
      />
      <Select
        id="capacity-unit"
        label="Places are counted in"
        options={[
          { value: "schools", label: "Schools" },
          { value: "participants", label: "Participants" },
        ]}
        error={errors["/capacity/unit"]}
        value={draft.capacity_unit}
        onChange={(event) => {
          set("capacity_unit", event.target.value as ProgrammeDraft["capacity_unit"]);
        }}
      />

      <h2 className="govuk-heading-m">Sessions</h2>
      {draft.session_plan.length === 0 && <p className="govuk-body">No sessions planned yet.</p>}
      {draft.session_plan.map((row, index) => {
        const at = `/session_plan/${String(index)}`;
        const id = `session_plan-${String(index)}`;
        const name = `Sessions ${String(index + 1)}`;
        return (
          <fieldset className="govuk-fieldset app-row" key={row.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{name}</legend>
            <TextInput
              id={`${id}-count`}
              label="How many"
              inputMode="numeric"
              inputClassName="govuk-input--width-3"
              error={errors[`${at}/count`]}
              value={row.count}
              onChange={(event) => {
                setRow("session_plan", row.key, { count: event.target.value });
              }}
            />
            <Select
              id={`${id}-kind`}
              label="Kind"
              options={options(sessionKindLabels)}
              error={errors[`${at}/kind`]}
              value={row.kind}
              onChange={(event) => {
                setRow("session_plan", row.key, { kind: event.target.value as SessionKind });
              }}
            />
            <Select
              id={`${id}-length`}
              label="Length"
              empty="Not stated"
              options={options(sessionLengthLabels)}
              error={errors[`${at}/length`]}
              value={row.length}
              onChange={(event) => {
                setRow("session_plan", row.key, { length: event.target.value as SessionLength | "" });
              }}
            />
            {row.length === "hours" && (
              <TextInput
                id={`${id}-hours`}
                label="Hours each"
                inputMode="decimal"
                inputClassName="govuk-input--width-3"
                error={errors[`${at}/hours`]}
                value={row.hours}
                onChange={(event) => {
                  setRow("session_plan", row.key, { hours: event.target.value });
                }}
              />
            )}
            <Select
              id={`${id}-format`}
              label="Format"
              options={options(sessionFormatLabels)}
              error={errors[`${at}/format`]}
              value={row.format}
              onChange={(event) => {
                setRow("session_plan", row.key, { format: event.target.value as SessionFormat });
              }}
            />
            <TextInput
              id={`${id}-note`}
              label="Note (optional)"
              error={errors[`${at}/note`]}
              value={row.note}
              onChange={(event) => {
                setRow("session_plan", row.key, { note: event.target.value });
              }}
            />
            <RemoveButton
              name={name}
              onClick={() => {
                removeRow("session_plan", row.key);
              }}
            />
          </fieldset>
        );
      })}
      <AddButton
        label="Add sessions"
        onClick={() => {
          addRow("session_plan", {
            key: newRowKey(),
            count: "1",
            kind: "trg_meeting",
            length: "half_day",
            hours: "",
            format: "in_person",
            note: "",
          });
        }}
      />
      <Textarea id="time_commitment" label="Time commitment (optional)" rows={3} error={errors["/time_commitment"]} {...text("time_commitment")} />

      <h2 className="govuk-heading-m">Cost and funding</h2>
      <Checkbox
        id="funding-free_to_participate"
        label="Free to take part"
        checked={draft.free_to_participate}
        error={errors["/funding/free_to_participate"]}
        onChange={(checked) => {
          set("free_to_participate", checked);
        }}
      />
      {draft.grants.map((row, index) => {
        const at = `/funding/grants/${String(index)}`;
        const id = `funding-grants-${String(index)}`;
        const name = `Grant ${String(index + 1)}`;
        return (
          <fieldset className="govuk-fieldset app-row" key={row.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{name}</legend>
            <Select
              id={`${id}-kind`}
              label="Kind"
              options={options(grantKindLabels)}
              error={errors[`${at}/kind`]}
              value={row.kind}
              onChange={(event) => {
                setRow("grants", row.key, { kind: event.target.value as GrantKind });
              }}
            />
            <Select
              id={`${id}-purpose`}
              label="Towards"
              options={options(grantPurposeLabels)}
              error={errors[`${at}/purpose`]}
              value={row.purpose}
              onChange={(event) => {
                setRow("grants", row.key, { purpose: event.target.value as GrantPurpose });
              }}
            />
            <TextInput
              id={`${id}-amount`}
              label="Amount, in pounds"
              hint="For example, 1000"
              inputMode="decimal"
              inputClassName="govuk-input--width-5"
              error={errors[`${at}/amount`]}
              value={row.amount}
              onChange={(event) => {
                setRow("grants", row.key, { amount: event.target.value });
              }}
            />
            <TextInput
              id={`${id}-description`}
              label="In your words (optional)"
              error={errors[`${at}/description`]}
              value={row.description}
              onChange={(event) => {
                setRow("grants", row.key, { description: event.target.value });
              }}
            />
            <RemoveButton
              name={name}
              onClick={() => {
                removeRow("grants", row.key);
              }}
            />
          </fieldset>
        );
      })}
      <AddButton
        label="Add a grant"
        onClick={() => {
          addRow("grants", { key: newRowKey(), kind: "fixed", purpose: "release_time", amount: "", description: "", conditions: [] });
        }}
      />
      <Textarea id="funding-note" label="About the funding (optional)" rows={3} error={errors["/funding/note"]} {...text("funding_note")} />

      <h2 className="govuk-heading-m">What schools commit to</h2>
      <p className="govuk-body">Everyone who signs the application confirms each of these.</p>
      {draft.commitments.map((row, index) => {
        const name = `Commitment ${String(index + 1)}`;
        return (
          <div className="app-row" key={row.key}>
            <Textarea
              id={`commitments-${String(index)}`}
              label={name}
              rows={2}
              error={errors[`/commitments/${String(index)}`]}
              value={row.text}
              onChange={(event) => {
                setRow("commitments", row.key, { text: event.target.value });
              }}
            />
            <RemoveButton
              name={name}
              onClick={() => {
                removeRow("commitments", row.key);
              }}
            />
          </div>
        );
      })}
      <AddButton
        label="Add a commitment"
        onClick={() => {
          addRow("commitments", { key: newRowKey(), text: "" });
        }}
      />

      <h2 className="govuk-heading-m">What the application asks</h2>
      <Select
        id="application_form-participant_role"
        label="Participants are"
        options={options(participantRoleLabels)}
        error={errors["/application_form/participant_role"]}
        value={draft.participant_role}
        onChange={(event) => {
          set("participant_role", event.target.value as ParticipantRoleChoice);
        }}
      />
      <TextInput
        id="application_form-participants_min"
        label="Fewest participants a school names"
        inputMode="numeric"
        inputClassName="govuk-input--width-3"
        error={errors["/application_form/participants_min"]}
        {...text("participants_min")}
      />
      <TextInput
        id="application_form-participants_max"
        label="Most participants a school names"
        inputMode="numeric"
        inputClassName="govuk-input--width-3"
        error={errors["/application_form/participants_max"]}
        {...text("participants_max")}
      />
      <Checkbox
        id="application_form-head_of_department"
        label="Ask for a head of department, who also signs"
        checked={draft.head_of_department}
        error={errors["/application_form/head_of_department"]}
        onChange={(checked) => {
          set("head_of_department", checked);
        }}
      />
      <Textarea
        id="application_form-statement_prompt"
        label="Statement question"
        rows={3}
        error={errors["/application_form/statement_prompt"]}
        {...text("statement_prompt")}
      />
      <TextInput
        id="application_form-statement_word_limit"
        label="Statement word limit (optional)"
        inputMode="numeric"
        inputClassName="govuk-input--width-4"
        error={errors["/application_form/statement_word_limit"]}
        {...text("statement_word_limit")}
      />

      <h2 className="govuk-heading-m">Contact</h2>
      <p className="govuk-body">Leave these empty to show the hub&apos;s own contact.</p>
      <TextInput id="contact_name" label="Contact name (optional)" error={errors["/contact_name"]} {...text("contact_name")} />
      <TextInput
        id="contact_email"
        label="Contact email address (optional)"
        type="email"
        autoComplete="off"
        spellCheck={false}
        error={errors["/contact_email"]}
        {...text("contact_email")}
      />

      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={submitting}>
        {submitLabel}
      </button>
    </form>
  );
}

function AddButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="govuk-button govuk-button--secondary" onClick={onClick}>
      {label}
    </button>
  );
}

function RemoveButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-4" onClick={onClick}>
      Remove<span className="govuk-visually-hidden"> {name.toLowerCase()}</span>
    </button>
  );
}

function Checkbox({
  id,
  label,
  checked,
  error,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  error: string | undefined;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              onChange(event.target.checked);
            }}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
        </div>
      </div>
    </div>
  );
}
