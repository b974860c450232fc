/** The API's reasons for a block, a slot or a whole chain, each with what its code means. */
import { explainError } from "./blockErrors";
import type { FieldError } from "./rules";

/** Text with `code` spans (the API writes kinds like `amp` in backticks). */
export function WithCode({ text }: { text: string }) {
  const parts = text.split("`");
  return <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>;
}

export function Problems({
  errors,
  explanations,
  id,
  title,
}: {
  errors: readonly FieldError[];
  explanations: ReadonlyMap<string, string>;
  id?: string;
  title?: string;
}) {
  if (errors.length === 0) return null;
  return (
    <div className="problems" role="alert" id={id}>
      {title && <strong className="problems__title">{title}</strong>}
      <ul>
        {errors.map((error) => {
          const { reason, explanation } = explainError(error, explanations);
          return (
            <li key={`${error.field}:${error.code ?? ""}:${error.reason}`}>
              <span className="problems__reason">
                <WithCode text={reason.charAt(0).toUpperCase() + reason.slice(1)} />.
              </span>
              {explanation && (
                <span className="problems__why">
                  {" "}
                  <WithCode text={explanation.charAt(0).toUpperCase() + explanation.slice(1)} />.
                </span>
              )}
              {error.code && <span className="tag problems__code">{error.code}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
