import { useState, type FormEvent } from "react";
import { QuestionPage, submittedThen, useSaveAnswers } from "../../components/applications/QuestionPage";
import { Radios } from "../../components/applications/Radios";
import { SummaryList } from "../../components/applications/SummaryList";
import { WithApplication, type LoadedApplication } from "../../components/applications/WithApplication";

export function SchoolDetailsPage() {
  return <WithApplication>{(loaded) => <SchoolDetailsForm loaded={loaded} />}</WithApplication>;
}

/** The school's details come from the register (read only); the page asks one question of its own. */
function SchoolDetailsForm({ loaded }: { loaded: LoadedApplication }) {
  const { application } = loaded;
  const { school } = application;
  const save = useSaveAnswers(loaded);
  const [engaging, setEngaging] = useState(application.engaging_with_tfm ? "yes" : "no");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.submit({ engaging_with_tfm: engaging === "yes" }, submittedThen(event));
  }

  return (
    <QuestionPage loaded={loaded} title="School details" problem={save.problem} onSubmit={submit}>
      <h1 className="govuk-heading-l">School details</h1>
      <p className="govuk-body">
        These details come from Get Information about Schools (GIAS). If they are wrong, ask your school to update
        them in GIAS.
      </p>
      <SummaryList
        rows={[
          { key: "School", value: school.name },
          { key: "URN", value: school.urn },
          { key: "Address", value: school.address },
          { key: "Telephone", value: school.telephone ?? "Not given" },
        ]}
      />
      <Radios
        name="engaging_with_tfm"
        legend="Is your school already working on teaching for mastery?"
        hint="For example, with a Maths Hub or through your own professional development. Hubs may give these schools priority."
        options={[
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
        value={engaging}
        onChange={setEngaging}
        inline
        error={save.problem?.errors?.find((error) => error.pointer === "/engaging_with_tfm")?.detail}
      />
    </QuestionPage>
  );
}
