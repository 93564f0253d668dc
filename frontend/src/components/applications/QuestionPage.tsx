import { useMemo, type FormEvent, type ReactNode } from "react";
import { Link, Navigate, useNavigate } from "react-router-dom";
import { useSaveApplication, type ApplicationUpdate } from "../../api/applications";
import type { Problem } from "../../api/client";
import { useMe } from "../../api/queries";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { ErrorSummary } from "../ErrorSummary";
import { Layout } from "../Layout";
import type { LoadedApplication } from "./WithApplication";

/** Where to go after saving: back to the task list, or away until later. */
export type Then = "continue" | "later";

/** Router state for "My applications" after "Save and come back later". */
export type SavedState = { saved: string };

export function isSavedState(state: unknown): state is SavedState {
  return typeof state === "object" && state !== null && typeof (state as { saved?: unknown }).saved === "string";
}

/** The words for a save refused because someone else saved first (412). */
const STALE_DETAIL =
  "Someone else saved this application while you had this page open. Save again to keep the answers on this page.";

/**
 * Saving a question page: PATCH with If-Match, then the task list ("Save and continue") or
 * "My applications" ("Save and come back later"). Hub staff helping a school have no "My
 * applications": they go back to the task list either way.
 */
export function useSaveAnswers(loaded: LoadedApplication) {
  const save = useSaveApplication();
  const navigate = useNavigate();
  const me = useMe();
  const { application, etag } = loaded;
  const raw = problemOf(save.error);
  // The same object from render to render: the error summary takes focus whenever it changes.
  const problem: Problem | null = useMemo(() => (raw?.status === 412 ? { ...raw, detail: STALE_DETAIL } : raw), [raw]);

  function submit(body: ApplicationUpdate, then: Then) {
    if (save.isPending) return;
    save.mutate(
      { id: application.id, etag, body },
      {
        onSuccess: () => {
          if (then === "later" && me.data?.role === "school_contact") {
            const state: SavedState = { saved: application.programme.title };
            void navigate("/applications", { state });
          } else {
            void navigate(`/applications/${String(application.id)}`);
          }
        },
      },
    );
  }

  return { submit, problem, pending: save.isPending, reset: save.reset };
}

/** Which of the page's two buttons sent the form. */
export function submittedThen(event: FormEvent<HTMLFormElement>): Then {
  const submitter = (event.nativeEvent as SubmitEvent).submitter;
  return submitter instanceof HTMLButtonElement && submitter.value === "later" ? "later" : "continue";
}

type Props = {
  loaded: LoadedApplication;
  /** The page's title (its h1 says the same, or its question). */
  title: string;
  problem: Problem | null;
  fields?: Record<string, { id: string; label?: string }>;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
};

/**
 * A question page of the application: a back link to the task list, the error summary, the
 * programme as a caption, the questions, then "Save and continue" and "Save and come back
 * later". An application no longer a draft cannot be changed: its page is shown instead.
 */
export function QuestionPage({ loaded, title, problem, fields, onSubmit, children }: Props) {
  const { application } = loaded;
  const taskList = `/applications/${String(application.id)}`;
  usePageTitle(title, { error: problem !== null });
  if (application.status !== "draft") return <Navigate to={taskList} replace />;
  return (
    <Layout
      beforeContent={
        <Link to={taskList} className="govuk-back-link">
          Back to your application
        </Link>
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {problem && <ErrorSummary problem={problem} {...(fields ? { fields } : {})} />}
          <form method="post" noValidate onSubmit={onSubmit}>
            <span className="govuk-caption-l">{application.programme.title}</span>
            {children}
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" name="then" value="continue">
                Save and continue
              </button>
              <button
                type="submit"
                className="govuk-button govuk-button--secondary"
                name="then"
                value="later"
              >
                Save and come back later
              </button>
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}
