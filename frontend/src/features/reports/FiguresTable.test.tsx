import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Chart } from "./Chart";
import { chartOf, readFigure, type Column } from "./figures";
import { FiguresTable } from "./FiguresTable";

type Row = { label: string; schools: number; rate: number | null };
const ROWS: Row[] = [
  { label: "Cheshire", schools: 1200, rate: 45.5 },
  { label: "Archimedes", schools: 30, rate: null },
];
const COLUMNS: Column<Row>[] = [
  { label: "Schools", value: (row) => row.schools, numeric: true },
  { label: "Coverage", value: (row) => row.rate, percent: true },
];

function ChartAndTable() {
  return (
    <>
      <Chart
        id="c"
        title="Coverage by hub"
        kind="bar"
        percent
        data={chartOf(ROWS, (row) => row.label, COLUMNS.slice(1))}
        tableCaption="Coverage"
        tableId="t"
      />
      <FiguresTable id="t" caption="Coverage" rows={ROWS} heading={{ label: "Hub", text: (row) => row.label }} columns={COLUMNS} total={{ label: "Total", schools: 1230, rate: 1.2 }} />
    </>
  );
}

describe("a chart beside its table", () => {
  it("names the chart and points its description to the table", () => {
    render(<ChartAndTable />);
    const image = screen.getByRole("img", { name: "Coverage by hub" });
    expect(image).toHaveAccessibleDescription(/The numbers in this chart are in the table “Coverage” below/);
    expect(screen.getByRole("link", { name: "“Coverage”" })).toHaveAttribute("href", "#t");
  });

  it("draws the numbers the table shows, row by row", () => {
    const { container } = render(<ChartAndTable />);
    const drawn = JSON.parse(container.querySelector("figure")?.getAttribute("data-chart") ?? "{}") as {
      labels: string[];
      series: { label: string; values: (number | null)[] }[];
    };
    const table = screen.getByRole("table", { name: "Coverage" });
    const body = within(table).getAllByRole("rowgroup")[1] as HTMLElement;
    const headings = within(body).getAllByRole("rowheader").map((cell) => cell.textContent);
    expect(drawn.labels).toEqual(headings);
    const shown = Array.from(body.querySelectorAll('td[data-label="Coverage"]')).map((cell) => readFigure(cell.textContent ?? ""));
    expect(drawn.series[0]?.values).toEqual(shown);
    // The total is in the table's foot, not drawn.
    expect(within(table).getByRole("rowheader", { name: "Total" })).toBeInTheDocument();
  });
});
