/** A heading cell: its words, right-aligned for numbers, or read only by screen readers. */
export type Column = string | { label: string; numeric?: boolean; hidden?: boolean };

/** A GOV.UK table's header row, one column heading each. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column) => {
          const { label, numeric = false, hidden = false } =
            typeof column === "string" ? { label: column } : column;
          return (
            <th
              scope="col"
              className={`govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`}
              key={label}
            >
              {hidden ? <span className="govuk-visually-hidden">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
