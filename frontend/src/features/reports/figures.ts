import { formatPounds } from "../grants/money";

// The reports' figures as the pages show them: one array of rows feeds both a chart and its
// table, so the two cannot disagree (e2e/reports.spec.ts checks them and the CSV against each other).

/** A series a chart draws: its name is the table column's heading that holds the same numbers. */
export type ChartSeries = { label: string; values: (number | null)[] };

/** What a chart draws: one label a row (the table's row heading), and one or more series. */
export type ChartData = { labels: string[]; series: ChartSeries[] };

/** A table column: its heading, and how each row's cell reads. */
export type Column<Row> = {
  label: string;
  value: (row: Row) => number | string | null;
  /** Right-aligned figures (numbers and percentages). */
  numeric?: boolean;
  /** Shown as "45.5%". */
  percent?: boolean;
  /** Pounds (the value is pounds, from whole pence), shown as "£1,000.00". */
  money?: boolean;
};

/** "45.5%" (one decimal place, as the API rounds it), or "–" where there is nothing to divide by. */
export function formatPercent(value: number | null): string {
  if (value === null) return "–";
  return `${value.toFixed(1)}%`;
}

/** A count as people read it: "24,000". */
export function formatCount(value: number): string {
  return value.toLocaleString("en-GB");
}

/** A cell as shown in the table. */
export function cellText<Row>(column: Column<Row>, row: Row): string {
  const value = column.value(row);
  if (column.percent) return formatPercent(typeof value === "number" ? value : null);
  if (column.money && typeof value === "number") return formatPounds(Math.round(value * 100));
  if (typeof value === "number") return formatCount(value);
  return value ?? "–";
}

/**
 * The chart's data from the table's rows and the columns it draws: the same rows, in the same
 * order, labelled as the table's row headings are.
 */
export function chartOf<Row>(rows: readonly Row[], rowLabel: (row: Row) => string, drawn: readonly Column<Row>[]): ChartData {
  return {
    labels: rows.map(rowLabel),
    series: drawn.map((column) => ({
      label: column.label,
      values: rows.map((row) => {
        const value = column.value(row);
        return typeof value === "number" ? value : null;
      }),
    })),
  };
}

/**
 * A figure as the table shows it, read back as a number: "1,234" → 1234, "45.5%" → 45.5,
 * "−£1,000.50" → -1000.5, "–" → null.
 */
export function readFigure(text: string): number | null {
  const cleaned = text.replace(/[,%£\s]/g, "").replace("−", "-");
  if (cleaned === "" || cleaned === "–") return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}
