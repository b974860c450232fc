/** A finished ABX run: how many right of how many, the p-value in words, and every trial. */
import { pValueWords, SIGNIFICANCE } from "./abxWords";
import type { AbxRun } from "./types";

export function AbxSummary({ run, labelA, labelB }: { run: AbxRun; labelA: string; labelB: string }) {
  const result = run.result;
  if (!result) return null;
  const telling = result.p_value < SIGNIFICANCE;
  return (
    <section className="panel abx-summary" aria-labelledby="abx-summary-title">
      <h2 id="abx-summary-title">Your result</h2>
      <p className="abx-summary__score">
        <strong>
          {result.correct} of {result.trials}
        </strong>{" "}
        correct
      </p>
      <p className={telling ? "abx-summary__verdict abx-summary__verdict--telling" : "abx-summary__verdict"}>
        {pValueWords(result.p_value)}
      </p>
      <p className="muted">
        A · {labelA} against B · {labelB}. The p-value is the chance of doing at least this well by guessing (one-sided
        binomial); below 0.05 you most likely hear a difference.
      </p>
      <div className="table-wrap">
        <table className="abx-summary__table">
          <thead>
            <tr>
              <th scope="col">Trial</th>
              <th scope="col">You said</th>
              <th scope="col">X was</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {run.answered.map((t) => (
              <tr key={t.n}>
                <th scope="row">{t.n}</th>
                <td>{t.answer}</td>
                <td>{t.x}</td>
                <td className={t.correct ? "abx-trial__right" : "abx-trial__wrong"}>{t.correct ? "right" : "wrong"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
