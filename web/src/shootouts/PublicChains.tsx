/** The chains of a shared shootout: names and blocks in order (never files or ids). */
import { blockText } from "./blocks";
import type { PublicChain } from "./types";

export function PublicChains({ chains, blind }: { chains: PublicChain[]; blind: boolean }) {
  if (chains.length === 0) return <p className="muted">The owner has removed these chains from their library.</p>;
  return (
    <>
      {blind && <p className="muted">In this blind test the montage plays them in a shuffled order, labelled A, B, C…</p>}
      <ol className="public-chains">
        {chains.map((chain) => (
          <li key={chain.id}>
            <strong>{chain.name}</strong>
            <span className="muted public-chains__blocks">
              {chain.blocks.map(blockText).join(" → ")}
              {chain.input_gain_db !== 0 && ` · input ${chain.input_gain_db > 0 ? "+" : ""}${chain.input_gain_db} dB`}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
