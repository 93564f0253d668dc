import { Link } from "react-router-dom";

type Props = {
  /** The query string of the first page, when this is a later one. */
  first: URLSearchParams | null;
  /** The query string of the next page, when there is one. */
  next: URLSearchParams | null;
};

/** GOV.UK block pagination for keyset pages: the API gives a next cursor, never a page number. */
export function Pagination({ first, next }: Props) {
  if (!first && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Pagination">
      {first && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" to={`?${first.toString()}`}>
            <span className="govuk-pagination__link-title">First page</span>
          </Link>
        </div>
      )}
      {next && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" to={`?${next.toString()}`} rel="next">
            <span className="govuk-pagination__link-title">Next page</span>
          </Link>
        </div>
      )}
    </nav>
  );
}

/** The first and next pages' query strings, from this page's and the API's next_cursor. */
export function pageLinks(search: URLSearchParams, nextCursor: string | null | undefined): Props {
  const first = new URLSearchParams(search);
  first.delete("cursor");
  const next = new URLSearchParams(search);
  if (nextCursor) next.set("cursor", nextCursor);
  return { first: search.has("cursor") ? first : null, next: nextCursor ? next : null };
}
