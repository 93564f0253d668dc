import { useMemo, useState, type FormEvent } from "react";
import { Navigate, useNavigate, Link } from "react-router-dom";
import { newIdempotencyKey, useSubmitApplication } from "../../api/applications";
import type { Problem } from "../../api/client";
import { pageForRule, POINTER_PAGES, signatoryRows } from "../../applications";
import { AnswersSummary } from "../../components/applications/AnswersSummary";
import { LinkedErrorSummary, type SummaryError } from "../../components/applications/LinkedErrorSummary";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { Layout } from "../../components/Layout";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";

export function CheckAnswersPage() {
  return <WithApplication>{(loaded) => <CheckAnswers loaded={loaded} />}</WithApplication>;
}

/**
 * The API's refusal as a list of what to fix, each linked to the page that fixes it: the
 * fields it names (a statement over the word limit), or the eligibility rules that failed
 * (everyone's confirmations, the closing date), in the API's own words.
 */
export function submitErrors(problem: Problem, base: string): SummaryError[] {
  const rules = problem.failed_rules ?? [];
  if (rules.length > 0) {
    return rules.map((rule) => {
      const page = pageForRule(rule.kind);
      return { text: rule.reason, to: page ? `${base}/${page}` : null };
    });
  }
  const errors = problem.errors ?? [];
  if (errors.length > 0) {
    return errors.map((error) => {
      const target = POINTER_PAGES[error.pointer];
      return { text: error.detail, to: target ? `${base}/${target.page}` : null };
    });
  }
  return [{ text: problem.detail ?? problem.title }];
}

function CheckAnswers({ loaded }: { loaded: LoadedApplication }) {
  const { application, form } = loaded;
  const submit = useSubmitApplication();
  const navigate = useNavigate();
  // One key per intent to submit: a double click or a retry after a network failure submits
  // once. Once the API has answered, the next press is a new attempt with a new key.
  const [key, setKey] = useState(newIdempotencyKey);
  const base = `/applications/${String(application.id)}`;
  const problem = problemOf(submit.error);
  const errors = useMemo(() => (problem ? submitErrors(problem, base) : null), [problem, base]);
  const waiting = signatoryRows(application, form).filter((row) => row.state !== "confirmed");
  usePageTitle("Check your answers before submitting your application", { error: problem !== null });

  if (application.status !== "draft" && !submit.isSuccess) return <Navigate to={base} replace />;

  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submit.isPending) return;
    submit.mutate(
      { id: application.id, key },
      {
        onSuccess: () => {
          void navigate(`${base}/submitted`);
        },
        onError: (error) => {
          if (problemOf(error)?.status !== 0) setKey(newIdempotencyKey());
        },
      },
    );
  }

  return (
    <Layout
      beforeContent={
        <Link to={base} className="govuk-back-link">
          Back to your application
        </Link>
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {errors && <LinkedErrorSummary errors={errors} />}
          <span className="govuk-caption-l">{application.programme.title}</span>
          <h1 className="govuk-heading-l">Check your answers before submitting your application</h1>
          <AnswersSummary loaded={loaded} changeable />

          <h2 className="govuk-heading-m">Now submit your application</h2>
          {waiting.length > 0 && (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                Not everyone has confirmed the commitments yet. The hub can accept your application only when they have.
              </strong>
            </div>
          )}
          <p className="govuk-body">
            By submitting this application you confirm that, to the best of your knowledge, the details you are
            providing are correct.
          </p>
          <form method="post" onSubmit={send} noValidate>
            <button type="submit" className="govuk-button">
              Submit application
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}
