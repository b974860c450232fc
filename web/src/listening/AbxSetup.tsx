/** Starting an ABX run: two chains of the shootout (named as its page names them) and the
 * number of trials. */
import { useState } from "react";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { Field } from "../components/Field";
import { SelectField } from "../components/SelectField";
import { abxChoiceProblem, DEFAULT_TRIALS, MAX_TRIALS, MIN_TRIALS, type ChainChoice } from "./abxChoices";
import type { AbxStart } from "./abxApi";

export function AbxSetup({
  choices,
  hidden,
  onStart,
  pending,
  error,
}: {
  choices: ChainChoice[];
  hidden: boolean;
  onStart: (body: AbxStart) => void;
  pending: boolean;
  error: unknown;
}) {
  const [chainA, setChainA] = useState(choices[0]?.id ?? "");
  const [chainB, setChainB] = useState(choices[1]?.id ?? "");
  const [trials, setTrials] = useState(DEFAULT_TRIALS);
  const problem = abxChoiceProblem(chainA, chainB, trials);
  const apiError = error instanceof ApiError ? error : null;
  const fieldNamed = apiError && ["chain_a", "chain_b", "trials"].some((f) => apiError.fieldError(f));

  const options = choices.map((c) => ({ value: c.id, label: c.label }));
  const picker = (label: string, value: string, set: (v: string) => void, field: string) => (
    <SelectField label={label} error={apiError?.fieldError(field)} value={value} options={options} onChange={set} />
  );

  return (
    <form
      className="abx-setup"
      onSubmit={(e) => {
        e.preventDefault();
        if (problem === null) onStart({ chain_a: chainA, chain_b: chainB, trials });
      }}
    >
      <p>
        Can you tell two rigs apart? Each trial plays A, B and X, where X is A or B, drawn by the server and kept
        there until you answer. Switch between them freely, then say which one X is.
      </p>
      {hidden && (
        <p className="muted">This is a blind shootout: the rigs are numbered in an order of their own, not named.</p>
      )}
      <div className="abx-setup__fields">
        {picker("A", chainA, setChainA, "chain_a")}
        {picker("B", chainB, setChainB, "chain_b")}
        <Field label="Trials" hint="16 is usual; more trials tell smaller differences apart." error={apiError?.fieldError("trials")}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={MIN_TRIALS}
              max={MAX_TRIALS}
              value={Number.isNaN(trials) ? "" : trials}
              onChange={(e) => setTrials(e.target.value === "" ? NaN : Number(e.target.value))}
            />
          )}
        </Field>
      </div>
      {error !== null && error !== undefined && !fieldNamed && <ErrorNote error={error} title="The run could not start" />}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={problem !== null || pending}>
          {pending ? "Starting…" : "Start the ABX test"}
        </button>
        {problem && <span className="muted">{problem}</span>}
      </div>
    </form>
  );
}
