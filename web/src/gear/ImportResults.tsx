/** What became of each model of an import: imported, already there, or refused and why. */
import { Link } from "react-router";

import { importOutcome, importSummary } from "./importOutcome";
import type { ImportReport } from "./types";

const MARK = { imported: "✓", existing: "=", failed: "✗" } as const;

export function ImportResults({ report, names }: { report: ImportReport; names: ReadonlyMap<number, string> }) {
  return (
    <div className="import-results-wrap" role="status">
      <p>
        <strong>Import finished:</strong> {importSummary(report.results)}.{" "}
        <Link to="/gear?source=tone3000">See your TONE3000 gear</Link>
      </p>
      <ul className="import-results" aria-label="Import results">
        {report.results.map((result) => {
          const outcome = importOutcome(result);
          return (
            <li key={result.model_id} className={`import-results__${outcome.status}`}>
              <span aria-hidden="true">{MARK[outcome.status]} </span>
              <strong>{names.get(result.model_id) ?? `Model ${result.model_id}`}</strong>: {outcome.text}
              {outcome.item && (
                <>
                  {" "}
                  <Link to={`/gear?${new URLSearchParams({ q: outcome.item.name }).toString()}`}>Open in library</Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
