import { describe, expect, it } from "vitest";
import { cellText, chartOf, formatCount, formatPercent, readFigure, type Column } from "./figures";

type Row = { name: string; schools: number; rate: number | null; pounds: number };

const ROWS: Row[] = [
  { name: "Cheshire", schools: 1234, rate: 45.5, pounds: 1000.5 },
  { name: "Archimedes", schools: 8, rate: null, pounds: -25 },
];
const SCHOOLS: Column<Row> = { label: "Schools", value: (row) => row.schools, numeric: true };
const RATE: Column<Row> = { label: "Rate", value: (row) => row.rate, percent: true };
const MONEY: Column<Row> = { label: "Paid", value: (row) => row.pounds, money: true };

describe("formatPercent and formatCount", () => {
  it("shows one decimal place, and a dash where nothing was divided", () => {
    expect(formatPercent(45.5)).toBe("45.5%");
    expect(formatPercent(100)).toBe("100.0%");
    expect(formatPercent(null)).toBe("–");
  });
  it("groups thousands", () => {
    expect(formatCount(24000)).toBe("24,000");
  });
});

describe("cellText", () => {
  it("formats counts, percentages, pounds and text", () => {
    const [first, second] = ROWS as [Row, Row];
    expect(cellText(SCHOOLS, first)).toBe("1,234");
    expect(cellText(RATE, first)).toBe("45.5%");
    expect(cellText(RATE, second)).toBe("–");
    expect(cellText(MONEY, first)).toBe("£1,000.50");
    expect(cellText(MONEY, second)).toBe("−£25.00");
    expect(cellText({ label: "Name", value: (row: Row) => row.name }, first)).toBe("Cheshire");
  });
});

describe("chartOf", () => {
  it("draws the table's rows in order, one series a column, named as the column", () => {
    expect(chartOf(ROWS, (row) => row.name, [SCHOOLS, RATE])).toEqual({
      labels: ["Cheshire", "Archimedes"],
      series: [
        { label: "Schools", values: [1234, 8] },
        { label: "Rate", values: [45.5, null] },
      ],
    });
  });
  it("draws text as no value", () => {
    expect(chartOf(ROWS, (row) => row.name, [{ label: "Name", value: (row: Row) => row.name }]).series[0]?.values).toEqual([
      null,
      null,
    ]);
  });
});

describe("readFigure", () => {
  it("reads back what the table shows", () => {
    for (const row of ROWS) {
      for (const column of [SCHOOLS, RATE, MONEY]) {
        expect(readFigure(cellText(column, row))).toBe(column.value(row));
      }
    }
  });
  it("reads a dash or nothing as no value, and text as no value", () => {
    expect(readFigure("–")).toBeNull();
    expect(readFigure(" ")).toBeNull();
    expect(readFigure("Cheshire")).toBeNull();
  });
});
