/** The user's chains: name, blocks as a row, input gain, a warning when gear is gone; edit, delete. */
import { Link } from "react-router";

import { PagedItems } from "../components/PagedItems";
import { useChains, useDeleteChain, type ChainView } from "./api";
import { Card } from "./Card";
import { levelsSummary } from "./levels";
import { placeOf } from "./blockErrors";
import { chainSummary, type EffectInfo } from "./rules";

const PAGE = 50;

export function formatGain(db: number): string {
  if (db === 0) return "0 dB";
  return `${db > 0 ? "+" : "−"}${Math.abs(db)} dB`;
}

export function ChainList({ effects }: { effects: readonly EffectInfo[] }) {
  const chains = useChains(PAGE);
  return (
    <PagedItems
      list={chains}
      what="your chains"
      empty={<NoChains />}
      pagerLabel="Chain pages"
      className="card-list"
      entry={(chain) => <ChainRow chain={chain} effects={effects} />}
    />
  );
}

function NoChains() {
  return (
    <div className="empty">
      <p>
        <strong>No chains yet.</strong> A chain is the path your DI takes: effects and pedal captures, one amp capture, its cab IR, then
        effects.
      </p>
      <p>
        <Link to="/chains/new">Build your first chain</Link>, or <Link to="/groups/new">make a group</Link> to try several
        amps and cabs at once. You need an amp capture in your <Link to="/gear">gear library</Link> first.
      </p>
    </div>
  );
}

/** "block 2", "blocks 2 and 4": the blocks whose gear is gone. */
function unusableBlocks(chain: ChainView): string {
  const numbers = chain.unusable
    .map((u) => placeOf(u.field)?.index)
    .filter((i): i is number => i !== null && i !== undefined)
    .map((i) => String(i + 1));
  if (numbers.length === 0) return "a block";
  if (numbers.length === 1) return `block ${numbers[0]}`;
  return `blocks ${numbers.slice(0, -1).join(", ")} and ${numbers[numbers.length - 1]}`;
}

function ChainRow({ chain, effects }: { chain: ChainView; effects: readonly EffectInfo[] }) {
  const remove = useDeleteChain();
  const levels = levelsSummary(chain.input_mode, chain.output_mode);
  return (
    <Card
      to={`/chains/${chain.id}`}
      name={chain.name}
      blocks={chainSummary(chain.blocks, effects)}
      meta={
        <>
          Input gain {formatGain(chain.input_gain_db)}
          {levels && ` · levels: ${levels}`}
          {chain.group_id && (
            <Link to={`/groups/${chain.group_id}`} className="tag">
              from a group
            </Link>
          )}
        </>
      }
      open="Edit"
      deleting={remove}
      onDelete={() => remove.mutate(chain.id)}
    >
      {!chain.usable && (
        <p className="card__warning">
          <span aria-hidden="true">⚠ </span>
          This chain cannot render: the gear of {unusableBlocks(chain)} was removed from your library. Edit the chain to
          pick another.
        </p>
      )}
    </Card>
  );
}
