/** `/s/:shootoutId/listen`: a blind test. The listener gets their own shuffled letters, hears
 * them in the A/B player, rates each and picks a favourite; only then are the chains named. */
import { useEffect } from "react";
import { Link, useParams, useSearchParams } from "react-router";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { AbPlayer } from "../listening/AbPlayer";
import { forgetSession, rememberedSession, useBlindSession, useStartBlind, useVote } from "../listening/blindApi";
import { useListenable } from "../listening/listenable";
import { NotRendered } from "../listening/NotRendered";
import { RatingForm } from "../listening/RatingForm";
import { voteBody } from "../listening/ratingForm";
import { Reveal } from "../listening/Reveal";
import type { BlindSession } from "../listening/types";
import { useMe } from "../session/useMe";
import { NotShared } from "../shootouts/NotShared";
import "../listening/listening.css";

const codeOf = (error: unknown) => (error instanceof ApiError ? error.problem.code : undefined);
/** The voted session an `already_voted` problem names. */
const votedSession = (error: unknown): string | null => {
  const named = error instanceof ApiError ? (error.problem as { session_id?: unknown }).session_id : undefined;
  return typeof named === "string" ? named : null;
};

export function ListenPage() {
  const { shootoutId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const sid = params.get("session");
  const me = useMe();
  const signedIn = Boolean(me.data);
  const shootout = useListenable(shootoutId, signedIn);
  const start = useStartBlind(shootoutId);
  const session = useBlindSession(sid);

  const showSession = (id: string | null) =>
    setParams(id ? { session: id } : {}, { replace: true });

  // no session in the URL: start one (or get back the one not voted in yet); the effects
  // below run on what they name only, as `start` and `showSession` change every render
  useEffect(() => {
    if (sid !== null || me.isPending || start.isPending || start.isError || start.isSuccess) return;
    start.mutate(signedIn, { onSuccess: (s) => showSession(s.id) });
  }, [sid, me.isPending]);

  // voted already: their earlier session, as the problem names it (or this browser remembers it)
  const voted = codeOf(start.error) === "already_voted";
  const remembered = voted ? (votedSession(start.error) ?? rememberedSession(shootoutId)) : null;
  useEffect(() => {
    if (remembered && sid === null) showSession(remembered);
  }, [remembered, sid]);

  // a session this listener cannot read (another browser's link): start afresh
  useEffect(() => {
    if (sid !== null && session.error instanceof ApiError && session.error.status === 404) {
      forgetSession(shootoutId);
      start.reset();
      showSession(null);
    }
  }, [session.error, sid]);

  const title = shootout.data?.name ?? "Blind test";
  const header = (
    <header className="page-header listen-page__header">
      <div>
        <p className="listen-page__crumb muted">
          <Link to={`/s/${shootoutId}`}>{shootout.data?.name ?? "The shootout"}</Link> · blind test
        </p>
        <h1>Blind test</h1>
      </div>
    </header>
  );
  const frame = (body: React.ReactNode) => (
    <article className="listen-page">
      <title>{`${title} · blind test · GTS`}</title>
      {header}
      {body}
    </article>
  );

  if (start.isError && !(voted && remembered)) {
    const error = start.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return <NotShared />;
    if (codeOf(error) === "not_rendered") return frame(<NotRendered shootoutId={shootoutId} />);
    if (voted) return frame(<AlreadyVoted shootoutId={shootoutId} />);
    return frame(<ErrorNote error={error} title="The blind test could not start" />);
  }
  if (session.isError && !(session.error instanceof ApiError && session.error.status === 404)) {
    return frame(<ErrorNote error={session.error} title="The blind test could not be loaded" />);
  }
  if (!session.data) return frame(<Loading what="your blind test" />);
  return frame(<BlindTest session={session.data} resultsShown={shootout.data?.resultsShown ?? false} />);
}

function BlindTest({ session, resultsShown }: { session: BlindSession; resultsShown: boolean }) {
  const vote = useVote(session.id);
  const revealed = session.reveal ? session.reveal : null;
  const sources = session.letters.map((letter) => ({
    key: letter,
    label: revealed ? `${letter} · ${revealed[letter]?.name ?? "?"}` : letter,
    url: session.audio[letter] ?? "",
  }));
  return (
    <>
      {revealed ? (
        <p className="ok-note" role="status">
          {vote.isSuccess ? "Thanks, your vote is in." : "You have voted on this shootout already."} Here is which chain
          each letter was.
        </p>
      ) : (
        <p className="listen-page__intro">
          {session.letters.length} rigs over the same DI, loudness-matched and in a shuffled order of your own. Switch
          between them at the same playhead (keys 1–{Math.min(9, session.letters.length)}, or the arrows) and judge by
          ear alone.
        </p>
      )}
      <div className="listen-page__player">
        <AbPlayer sources={sources} title={revealed ? "The rigs, named" : "The letters"} />
      </div>
      {revealed ? (
        <Reveal session={session} resultsShown={resultsShown} />
      ) : (
        <section className="panel">
          <RatingForm
            letters={session.letters}
            pending={vote.isPending}
            error={vote.error}
            onSubmit={(form) => vote.mutate(voteBody(form, session.letters))}
          />
        </section>
      )}
    </>
  );
}

function AlreadyVoted({ shootoutId }: { shootoutId: string }) {
  return (
    <section className="panel">
      <h2>You have voted already</h2>
      <p>
        Each listener votes once on a shootout, and yours is in: thank you. This browser no longer has your earlier
        session, so its reveal cannot be shown here.
      </p>
      <p className="actions">
        <Link className="button" to={`/s/${shootoutId}`}>
          Back to the shootout and its results
        </Link>
        <Link className="button button--quiet" to={`/s/${shootoutId}/abx`}>
          Try an ABX test
        </Link>
      </p>
    </section>
  );
}
