/** `/s/:shootoutId/abx`: an ABX test between two chains of a shootout. The run's id stays in
 * the URL (`?run=`), so a reload resumes at the trial to answer. */
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { abxChoices } from "../listening/abxChoices";
import { useAbxRun, useAnswerTrial, useStartAbx } from "../listening/abxApi";
import { AbxSetup } from "../listening/AbxSetup";
import { AbxSummary } from "../listening/AbxSummary";
import { AbxTrialView } from "../listening/AbxTrialView";
import { useListenable } from "../listening/listenable";
import { NotRendered } from "../listening/NotRendered";
import type { AbxAnswered, AbxRun } from "../listening/types";
import { NotShared } from "../shootouts/NotShared";
import "../listening/listening.css";

export function AbxPage() {
  const { shootoutId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const runId = params.get("run");
  const shootout = useListenable(shootoutId, true);
  const run = useAbxRun(runId);
  const start = useStartAbx(shootoutId);

  if (shootout.isPending) return <Loading what="the shootout" />;
  if (shootout.isError) {
    if (shootout.error instanceof ApiError && shootout.error.status === 404) return <NotShared />;
    return <ErrorNote error={shootout.error} title="The shootout could not be loaded" />;
  }
  const s = shootout.data;
  const choices = abxChoices(s.id, s.chainIds, (id) => s.names.get(id), s.hidden);
  const label = (id: string) => choices.find((c) => c.id === id)?.label ?? "a removed chain";
  const notRendered = start.error instanceof ApiError && start.error.problem.code === "not_rendered";

  let body: React.ReactNode;
  if (runId === null) {
    body = notRendered ? (
      <NotRendered shootoutId={shootoutId} />
    ) : choices.length < 2 ? (
      <p className="empty">This shootout has fewer than two chains to compare.</p>
    ) : (
      <section className="panel">
        <AbxSetup
          choices={choices}
          hidden={s.hidden}
          pending={start.isPending}
          error={start.error}
          onStart={(b) => start.mutate(b, { onSuccess: (r) => setParams({ run: r.id }) })}
        />
      </section>
    );
  } else if (run.isPending) {
    body = <Loading what="your ABX run" />;
  } else if (run.isError) {
    body =
      run.error instanceof ApiError && run.error.status === 404 ? (
        <section className="panel">
          <p>This ABX run is not one of yours, or it is gone.</p>
          <button type="button" className="button" onClick={() => setParams({})}>
            Start a new run
          </button>
        </section>
      ) : (
        <ErrorNote error={run.error} title="The ABX run could not be loaded" />
      );
  } else {
    body = <Run run={run.data} labelA={label(run.data.chain_a)} labelB={label(run.data.chain_b)} onAgain={() => setParams({})} />;
  }

  return (
    <article className="listen-page">
      <title>{`${s.name} · ABX test · GTS`}</title>
      <header className="page-header listen-page__header">
        <div>
          <p className="listen-page__crumb muted">
            <Link to={`/s/${s.id}`}>{s.name}</Link> · ABX test
          </p>
          <h1>ABX test</h1>
        </div>
      </header>
      {body}
    </article>
  );
}

function Run({ run, labelA, labelB, onAgain }: { run: AbxRun; labelA: string; labelB: string; onAgain: () => void }) {
  const answer = useAnswerTrial(run.id);
  const [last, setLast] = useState<AbxAnswered | null>(null);
  if (run.current === null) {
    return (
      <>
        <AbxSummary run={run} labelA={labelA} labelB={labelB} />
        <p className="actions">
          <button type="button" className="button button--primary" onClick={onAgain}>
            Run another ABX test
          </button>
          <Link className="button button--quiet" to={`/s/${run.shootout_id}`}>
            Back to the shootout
          </Link>
        </p>
      </>
    );
  }
  const current = run.current;
  return (
    <AbxTrialView
      run={run}
      labelA={labelA}
      labelB={labelB}
      last={last}
      pending={answer.isPending}
      error={answer.error}
      onAnswer={(side) => answer.mutate({ n: current, answer: side }, { onSuccess: setLast })}
    />
  );
}
