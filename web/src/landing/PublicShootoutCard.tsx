/** One shared shootout on the front page: its montage to play right here, and its page. */
import { Link } from "react-router";

import { AudioPlayer } from "../shootouts/AudioPlayer";
import { timeAgo } from "../shootouts/format";
import { arrangeResults } from "../shootouts/results";
import type { PublicShootout } from "../shootouts/types";

export function PublicShootoutCard({ shootout }: { shootout: PublicShootout }) {
  // the small copy first: a front page of FLACs would cost every visitor tens of megabytes
  const [group] = arrangeResults(shootout.results, { chainIds: shootout.chain_ids, chainName: () => undefined });
  const montage = group?.montageCompressed ?? group?.montage;
  const names = shootout.chains.map((c) => c.name);
  const titleId = `public-${shootout.id}`;
  return (
    <article className="public-card" aria-labelledby={titleId}>
      <h3 id={titleId}>
        <Link to={`/s/${shootout.id}`}>{shootout.name}</Link>
      </h3>
      <p className="public-card__meta muted">
        {shootout.montage.blind ? "Blind test · " : ""}
        {shootout.chain_ids.length} rigs · {shootout.montage.target_lufs} LUFS · shared {timeAgo(shootout.created_at)}
      </p>
      {shootout.description && <p className="public-card__description">{shootout.description}</p>}
      {names.length > 0 && <p className="public-card__chains">{names.join(" vs ")}</p>}
      {montage ? (
        <AudioPlayer src={montage.url} label="A/B montage" ariaLabel={`A/B montage of ${shootout.name}`} />
      ) : (
        <p className="muted">Not rendered yet.</p>
      )}
      <Link className="public-card__more" to={`/s/${shootout.id}`}>
        Every rig, video and measurements<span className="visually-hidden">: {shootout.name}</span>
      </Link>
    </article>
  );
}
