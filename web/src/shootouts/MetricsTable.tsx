/**
 * Each chain's measurements after loudness matching, sortable by any column (click or Enter
 * on its header; `aria-sort` says the order).
 */
import { Fragment, useState } from "react";

import { formatMetric, metricColumns, metricValue, nextSort, sortRows, type SortBy } from "./metrics";
import "./MetricsTable.css";

export interface MetricsRow {
  key: string;
  name: string;
  metrics: Record<string, unknown> | null;
}

export function MetricsTable({ rows, caption, note }: { rows: MetricsRow[]; caption: string; note?: string | undefined }) {
  const [sort, setSort] = useState<SortBy | null>(null);
  const columns = metricColumns(rows.map((r) => r.metrics));
  if (columns.length === 0) return <p className="muted">No measurements came with this render.</p>;
  const sorted = sortRows(rows, sort, (row, column) => (column === "name" ? row.name : metricValue(row.metrics, column)));
  const ariaSort = (column: string) => (sort?.column === column ? sort.direction : undefined);
  const arrow = (column: string) => (sort?.column !== column ? "↕" : sort.direction === "ascending" ? "▲" : "▼");
  const header = (column: string, label: React.ReactNode, title?: string) => (
    <th scope="col" aria-sort={ariaSort(column)} title={title || undefined} className={column === "name" ? undefined : "metrics-table__numeric"}>
      <button type="button" className="metrics-table__sort" onClick={() => setSort((s) => nextSort(s, column))}>
        {label}
        <span className="metrics-table__arrow" aria-hidden="true">
          {arrow(column)}
        </span>
      </button>
    </th>
  );
  return (
    <div className="metrics">
      <p className="metrics__intro">
        {caption} {note && <strong>{note} </strong>}
        <span className="muted">Select a column heading to sort.</span>
      </p>
      <div className="table-wrap">
        <table className="metrics-table">
          <caption className="visually-hidden">{caption} Sortable by each column.</caption>
          <thead>
            <tr>
              {header("name", "Chain")}
              {columns.map((c) => (
                <Fragment key={c.key}>
                  {header(
                    c.key,
                    <>
                      {c.label}
                      {c.unit && <span className="metrics-table__unit"> ({c.unit})</span>}
                    </>,
                    c.hint,
                  )}
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.name}</th>
                {columns.map((c) => (
                  <td key={c.key} className="metrics-table__number">
                    {formatMetric(metricValue(row.metrics, c.key), c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="metrics__legend">
        <summary>What the columns mean</summary>
        <dl>
          {columns
            .filter((c) => c.hint)
            .map((c) => (
              <div key={c.key}>
                <dt>
                  {c.label}
                  {c.unit && ` (${c.unit})`}
                </dt>
                <dd>{c.hint}</dd>
              </div>
            ))}
        </dl>
      </details>
    </div>
  );
}

