import { useEffect, useRef, useState } from "react";
import type { ChartKind } from "./drawChart";
import type { ChartData } from "./figures";

type Props = {
  id: string;
  title: string;
  kind: ChartKind;
  data: ChartData;
  /** The table beside the chart with the same numbers: the chart's description points to it. */
  tableCaption: string;
  tableId: string;
  /** Percentages: the axis runs from 0% to 100%. */
  percent?: boolean;
};

/**
 * A chart drawn by Chart.js (fetched on first use) on a canvas that reads as an image named by
 * the title and described by a note pointing to the table with the same numbers. The figure
 * carries the numbers it drew in `data-chart`, so a test can compare them with the table.
 */
export function Chart({ id, title, kind, data, tableCaption, tableId, percent = false }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const encoded = JSON.stringify(data);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let cancelled = false;
    let remove: (() => void) | null = null;
    import("./drawChart")
      .then(({ drawChart }) => {
        if (!cancelled) remove = drawChart(element, kind, JSON.parse(encoded) as ChartData, percent);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      remove?.();
    };
  }, [encoded, kind, percent]);
  return (
    <figure className="app-chart" data-chart={encoded} data-chart-table={tableId}>
      <figcaption className="govuk-heading-s" id={`${id}-title`}>
        {title}
      </figcaption>
      <div className="app-chart__canvas">
        <canvas ref={canvas} role="img" aria-labelledby={`${id}-title`} aria-describedby={`${id}-note`}>
          The numbers are in the table “{tableCaption}”.
        </canvas>
      </div>
      <p className="govuk-body-s" id={`${id}-note`}>
        {failed ? "The chart could not be drawn. " : ""}
        The numbers in this chart are in the table <a className="govuk-link" href={`#${tableId}`}>“{tableCaption}”</a> below,
        with a CSV download.
      </p>
    </figure>
  );
}
