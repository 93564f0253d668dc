import { Link, useSearchParams } from "react-router-dom";
import { ErrorSummary } from "../../components/ErrorSummary";
import { Layout } from "../../components/Layout";
import { pageLinks, Pagination } from "../../components/Pagination";
import { pluralise } from "../../formatBasics";
import { problemOf } from "../../forms";
import { usePageTitle } from "../../usePageTitle";
import { usePeople } from "./api";

/** The people a hub keeps: find one to answer a subject access request or to erase them. */
export function PeoplePage() {
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const people = usePeople(q, search.get("cursor"));
  const problem = problemOf(people.error);
  usePageTitle("People", { error: problem !== null });
  const page = people.data;

  return (
    <Layout>
      {problem && <ErrorSummary problem={problem} fields={{ "/q": { id: "q", label: "Name or email" } }} />}
      <h1 className="govuk-heading-xl">People</h1>
      <p className="govuk-body">
        The teachers, head teachers and specialists your hub keeps. Open a person to record their subject access
        request or to erase them. <Link className="govuk-link" to="/admin/subject-access-requests">Subject access requests</Link>{" "}
        lists every request with the day it must be answered by.
      </p>
      <form
        className="govuk-!-margin-bottom-6"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get("q");
          setSearch(typeof value === "string" && value ? { q: value } : {});
        }}
      >
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="q">
            Name or email
          </label>
          <input className="govuk-input govuk-!-width-one-half" id="q" name="q" type="search" defaultValue={q} key={q} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Search
        </button>
      </form>
      <p className="govuk-body" role="status">
        {people.isPending ? "Loading people…" : page ? `${pluralise(page.items.length, "person", "people")}${q ? ` matching “${q}”` : ""}` : ""}
      </p>
      {page && page.items.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">People</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Email
              </th>
              <th scope="col" className="govuk-table__header">
                School
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {page.items.map((person) => (
              <tr className="govuk-table__row" key={person.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/admin/people/${String(person.id)}`}>
                    {person.name}
                  </Link>
                  {person.erased_at && <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Erased</strong>}
                </td>
                <td className="govuk-table__cell govuk-!-text-break-word">{person.email}</td>
                <td className="govuk-table__cell">{person.school_urn ?? "None"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination {...pageLinks(search, page?.next_cursor)} />
    </Layout>
  );
}
