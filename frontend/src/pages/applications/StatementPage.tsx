import { useState, type FormEvent } from "react";
import { QuestionPage, submittedThen, useSaveAnswers } from "../../components/applications/QuestionPage";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";
import { WordCount } from "../../components/applications/WordCount";
import { errorsByPointer } from "../../forms";

export function StatementPage() {
  return <WithApplication>{(loaded) => <StatementForm loaded={loaded} />}</WithApplication>;
}

const FIELDS = { "/statement": { id: "statement" } };

/**
 * The school's statement, in answer to the programme's own prompt, with GOV.UK's character
 * count in word mode at the programme's word limit. A draft may be saved over the limit (the
 * count says by how much); the API refuses it only when the application is submitted.
 */
function StatementForm({ loaded }: { loaded: LoadedApplication }) {
  const { application, form } = loaded;
  const save = useSaveAnswers(loaded);
  const [statement, setStatement] = useState(application.statement);
  const limit = application.statement_word_limit ?? form.statement_word_limit;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.submit({ statement }, submittedThen(event));
  }

  return (
    <QuestionPage loaded={loaded} title="Statement" problem={save.problem} fields={FIELDS} onSubmit={submit}>
      <WordCount
        id="statement"
        label={
          <h1 className="govuk-label-wrapper">
            <label className="govuk-label govuk-label--l" htmlFor="statement">
              Statement
            </label>
          </h1>
        }
        hint={form.statement_prompt}
        value={statement}
        onChange={setStatement}
        maxWords={limit}
        error={errorsByPointer(save.problem)["/statement"]}
        rows={10}
      />
    </QuestionPage>
  );
}
