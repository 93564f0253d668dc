/** The report's CSV twin: a plain link, so the browser downloads it with the session's cookie. */
export function CsvLink({ href, what }: { href: string; what: string }) {
  return (
    <p className="govuk-body">
      <a className="govuk-link" href={href} download>
        Download {what} as CSV
      </a>
    </p>
  );
}
