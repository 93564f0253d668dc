import { Layout } from "../components/Layout";
import { usePageTitle } from "../usePageTitle";

/** For another hub's developers: where the contract is, and the conventions that matter. */
export function DevelopersPage() {
  usePageTitle("For developers");
  return (
    <Layout>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">For developers</h1>
          <p className="govuk-body-l">
            Everything on this site comes from a public JSON API that your own systems can use too.
          </p>

          <h2 className="govuk-heading-m">The API&apos;s contract</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <a className="govuk-link" href="/api/v1/openapi.json">
                OpenAPI document (JSON)
              </a>
              : generate a client from it, as this site does
            </li>
            <li>
              <a className="govuk-link" href="/api/v1/docs">
                Interactive API documentation
              </a>
              : try each request in the browser
            </li>
            <li>
              <a className="govuk-link" href="/api/v1/docs/integrations">
                Integration guide
              </a>
              : an API key, keeping a copy in step with <code>updated_since</code> and ETags, the iCalendar feed,
              and receiving webhooks
            </li>
          </ul>
          <p className="govuk-body">
            Every path starts with <code>/api/v1</code>. Bodies are JSON with <code>snake_case</code> fields,
            dates are ISO 8601 (<code>2024-03-14</code>), money is a whole number of pence (
            <code>{`{"amount_pence": 100000, "currency": "GBP"}`}</code>) and academic years are written{" "}
            <code>2023-24</code> in URLs.
          </p>

          <h2 className="govuk-heading-m">Pages of results</h2>
          <p className="govuk-body">
            Lists come a page at a time: <code>{`{"items": [...], "next_cursor": "..."}`}</code>. To get the
            next page, send the same request again with <code>?cursor=</code> and the <code>next_cursor</code> you
            were given. On the last page <code>next_cursor</code> is <code>null</code>. Choose the page size with{" "}
            <code>?limit=</code> (up to 200).
          </p>
          <pre className="govuk-body-s app-code" tabIndex={0}>
            <code>GET /api/v1/programmes?phase=primary&amp;stage=sustaining&amp;limit=50</code>
          </pre>

          <h2 className="govuk-heading-m">Keeping a copy up to date</h2>
          <p className="govuk-body">
            Ask only for what changed since your last sync with <code>?updated_since=</code> and an ISO 8601
            date-time with its offset, for example{" "}
            <code>/api/v1/programmes?updated_since=2024-03-14T09:00:00Z</code>.
          </p>

          <h2 className="govuk-heading-m">Caching with ETags</h2>
          <p className="govuk-body">
            Reads answer with an <code>ETag</code> header. Send it back as <code>If-None-Match</code> and, if
            nothing changed, the API answers <code>304 Not Modified</code> with no body, so polling costs little.
            Updates take the ETag you read in <code>If-Match</code> and answer <code>412</code> if someone else
            changed the resource in the meantime.
          </p>
          <pre className="govuk-body-s app-code" tabIndex={0}>
            <code>{`GET /api/v1/programmes/3
If-None-Match: "3.2"

HTTP/1.1 304 Not Modified`}</code>
          </pre>

          <h2 className="govuk-heading-m">Rate limits</h2>
          <p className="govuk-body">
            Each API key may make so many requests a minute, and so may each address reading public pages without
            a key. Every counted response carries <code>RateLimit-Policy</code> and <code>RateLimit</code> headers
            saying how many requests remain; past the limit the answer is <code>429</code> with{" "}
            <code>Retry-After</code>.
          </p>

          <h2 className="govuk-heading-m">Errors</h2>
          <p className="govuk-body">
            Every error is an RFC 9457 <code>application/problem+json</code> body with <code>type</code>,{" "}
            <code>title</code>, <code>status</code> and <code>detail</code>. A validation error lists each bad
            field in <code>errors</code>, with a JSON pointer to it.
          </p>
        </div>
      </div>
    </Layout>
  );
}
