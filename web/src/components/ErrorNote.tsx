/** An error in words (a problem's detail), never a raw dump; field errors listed by field. */
import { ApiError, describe } from "../api/problem";

export function ErrorNote({ error, title }: { error: unknown; title?: string }) {
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  return (
    <div className="error-note" role="alert">
      {title && <strong>{title}: </strong>}
      {describe(error)}
      {fields.length > 0 && (
        <ul>
          {fields.map((e) => (
            <li key={`${e.field}:${e.reason}`}>
              <code>{e.field}</code>: {e.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
