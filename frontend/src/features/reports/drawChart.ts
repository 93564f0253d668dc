// The one module that imports Chart.js: the pages import it dynamically, so the library is
// fetched only when a report page draws a chart. Only the pieces the reports use are registered.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import type { ChartData } from "./figures";

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

/** GOV.UK's blue, orange, green and purple: distinct for most colour vision, and dark enough on white. */
const COLOURS = ["#1d70b8", "#f47738", "#00703c", "#4c2c92"];

export type ChartKind = "bar" | "line";

/** Draw `data` on the canvas; the returned function removes the chart. */
export function drawChart(canvas: HTMLCanvasElement, kind: ChartKind, data: ChartData, percent: boolean): () => void {
  const chart = new Chart(canvas, {
    type: kind,
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => {
        const colour = COLOURS[index % COLOURS.length] ?? "#1d70b8";
        return { label: series.label, data: series.values, backgroundColor: colour, borderColor: colour };
      }),
    },
    options: {
      // No movement: the figures are there at once, and nobody who asked for less motion gets it.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        y: {
          beginAtZero: true,
          ...(percent ? { max: 100, ticks: { callback: (value: string | number) => `${String(value)}%` } } : {}),
        },
      },
      plugins: { legend: { display: data.series.length > 1, position: "bottom" } },
    },
  });
  return () => {
    chart.destroy();
  };
}
