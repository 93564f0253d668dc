import type { ApplicationCounts } from "../../api/applications";

/** A programme's submitted applications, places filled (of its places) and waiting list. */
export function ApplicationCountCells({ count }: { count: ApplicationCounts | undefined }) {
  const cell = "govuk-table__cell govuk-table__cell--numeric";
  if (!count) {
    return (
      <>
        <td className={cell}>–</td>
        <td className={cell}>–</td>
        <td className={cell}>–</td>
      </>
    );
  }
  return (
    <>
      <td className={cell}>{count.submitted}</td>
      <td className={cell}>
        {count.places_filled}
        {count.places !== null && ` of ${String(count.places)}`}
      </td>
      <td className={cell}>{count.waiting_list}</td>
    </>
  );
}
