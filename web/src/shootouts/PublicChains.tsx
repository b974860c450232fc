/** The chains of a shared shootout: names and blocks in order (never files or ids), and once
 * the owner reveals a blind test, the letter each played as. */
import { levelsSummary } from "../chains/levels";
import { blockText } from "./blocks";
import type { Blindness } from "./results";
import type { PublicChain } from "./types";

export function PublicChains({
  chains,
  blind,
  blindKey = null,
}: {
  chains: PublicChain[];
  blind: Blindness;
  /** letter → chain id, once revealed */
  blindKey?: Record<string, string> | null;
}) {
  if (chains.length === 0) return <p className="muted">The owner has removed these chains from their library.</p>;
  const letterOf = new Map(Object.entries(blindKey ?? {}).map(([letter, chainId]) => [chainId, letter]));
  return (
    <>
      {blind === "hidden" && (
        <p className="muted">In this blind test the montage plays them in a shuffled order, labelled A, B, C…</p>
      )}
      {blind === "revealed" && (
        <p className="muted">The owner has revealed the blind test: each chain with the letter it played as.</p>
      )}
      <ol className="public-chains">
        {chains.map((chain) => (
          <li key={chain.id}>
            {blind === "revealed" && letterOf.has(chain.id) && <strong>{letterOf.get(chain.id)}: </strong>}
            <strong>{chain.name}</strong>
            <span className="muted public-chains__blocks">
              {chain.blocks.map(blockText).join(" → ")}
              {chain.input_gain_db !== 0 && ` · input ${chain.input_gain_db > 0 ? "+" : ""}${chain.input_gain_db} dB`}
              {levelsSummary(chain.input_mode ?? "raw", chain.output_mode ?? "raw") &&
                ` · levels: ${levelsSummary(chain.input_mode ?? "raw", chain.output_mode ?? "raw")}`}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
