import type { RuleOutcome, RuleResult } from "../../api/client";
import { ruleOutcomeLabels } from "../../format";

const colours: Record<RuleOutcome, string> = {
  passed: "govuk-tag--green",
  failed: "govuk-tag--red",
  pending: "govuk-tag--yellow",
};

/** A rule's outcome as a GOV.UK tag: "Passed", "Not met", "To be checked". */
export function RuleTag({ outcome }: { outcome: RuleOutcome }) {
  return <strong className={`govuk-tag ${colours[outcome]} app-rule__tag`}>{ruleOutcomeLabels[outcome]}</strong>;
}

/**
 * Each rule of an eligibility decision, in the API's order: its tag, then its reason in the
 * API's words. The tag comes first, so a screen reader says "Not met: A school can take part…".
 */
export function DecisionRules({ rules }: { rules: RuleResult[] }) {
  return (
    <ul className="govuk-list app-rules">
      {rules.map((rule, index) => (
        <li className="app-rule" key={`${rule.kind}-${String(index)}`}>
          <RuleTag outcome={rule.outcome} />
          <span className="govuk-visually-hidden">: </span>
          <span className="app-rule__reason">{rule.reason}</span>
        </li>
      ))}
    </ul>
  );
}
