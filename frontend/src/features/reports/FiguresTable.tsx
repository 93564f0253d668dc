import type { ReactNode } from "react";
import { cellText, type Column } from "./figures";

type Props<Row> = {
  id: string;
  caption: string;
  rows: readonly Row[];
  /** The row heading's column: the label the chart gives the row. */
  heading: { label: string; text: (row: Row) => string; show?: (row: Row) => ReactNode };
  columns: readonly Column<Row>[];
  total?: Row | undefined;
  /** Each row's React key, where row headings may repeat. */
  rowKey?: (row: Row) => string;
};

/**
 * A report's figures as a table (stacked on a phone): each row headed by the label its chart
 * gives it (`data-row-label`), each figure cell named by its column (`data-label`).
 */
export function FiguresTable<Row>({ id, caption, rows, heading, columns, total, rowKey }: Props<Row>) {
  const captionId = `${id}-caption`;
  return (
    <div className="app-table-wrapper" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="govuk-table app-table--stacked" id={id}>
        <caption className="govuk-table__caption govuk-table__caption--m" id={captionId}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {heading.label}
            </th>
            {columns.map((column) => (
              <th
                scope="col"
                key={column.label}
                className={`govuk-table__header${column.numeric || column.percent ? " govuk-table__header--numeric" : ""}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <FiguresRow key={(rowKey ?? heading.text)(row)} row={row} heading={heading} columns={columns} />
          ))}
        </tbody>
        {total !== undefined && (
          <tfoot>
            <FiguresRow row={total} heading={heading} columns={columns} strong />
          </tfoot>
        )}
      </table>
    </div>
  );
}

function FiguresRow<Row>({
  row,
  heading,
  columns,
  strong = false,
}: Pick<Props<Row>, "heading" | "columns"> & { row: Row; strong?: boolean }) {
  return (
    <tr className="govuk-table__row">
      <th scope="row" className="govuk-table__header" data-label="" data-row-label={heading.text(row)}>
        {heading.show ? heading.show(row) : heading.text(row)}
      </th>
      {columns.map((column) => {
        const text = cellText(column, row);
        return (
          <td
            key={column.label}
            data-label={column.label}
            className={`govuk-table__cell${column.numeric || column.percent ? " govuk-table__cell--numeric" : ""}`}
          >
            {strong ? <strong>{text}</strong> : text}
          </td>
        );
      })}
    </tr>
  );
}
