/**
 * Pick 2 to 16 chains and their order in the montage. A chain that cannot render now
 * (a capture removed, an unsupported model) is shown but cannot be picked, with the reason.
 */
import { Link } from "react-router";

import { plainReason } from "./format";
import { LIMITS, move } from "./form";
import { PickerFieldset, type Choice } from "./PickerFieldset";
import { PickerItem } from "./PickerItem";
import type { Chain } from "./types";
import "./ChainPicker.css";

function summary(chain: Chain): string {
  return chain.blocks
    .map((b) => b.gear_name ?? b.name ?? b.effect ?? (b.type === "gear" ? "a removed item" : b.type))
    .join(" → ");
}

export function ChainPicker({ chains, chosen, onChange, error }: { chains: Chain[] } & Choice) {
  const full = chosen.length >= LIMITS.chains.max;
  const byId = new Map(chains.map((c) => [c.id, c]));
  const nameOf = (id: string) => byId.get(id)?.name ?? "A deleted chain";
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  return (
    <PickerFieldset
      name="chain"
      legend="Chains"
      hint={`Pick ${LIMITS.chains.min} to ${LIMITS.chains.max} rigs to compare; they play in the order below.`}
      error={error}
      empty={
        chains.length === 0 ? (
          <p className="empty">
            You have no chains yet. <Link to="/chains/new">Build a chain</Link> (an amp capture and a cab IR is enough),
            then come back.
          </p>
        ) : null
      }
    >
      <div className="chain-picker">
        <ul className="picker__list" aria-label="Your chains">
          {chains.map((chain) => {
            const on = chosen.includes(chain.id);
            const blocked = !chain.usable && !on;
            const why = chain.unusable.map((u) => plainReason(u.reason)).join("; ");
            return (
              <li key={chain.id}>
                <PickerItem
                  name={chain.name}
                  facts={summary(chain)}
                  blocked={blocked}
                  checked={on}
                  disabled={blocked || (!on && full)}
                  aria-describedby={!chain.usable ? `why-${chain.id}` : undefined}
                  onChange={(e) => toggle(chain.id, e.target.checked)}
                >
                  {!chain.usable && (
                    <span id={`why-${chain.id}`} className="picker__why">
                      Can’t render now: {why || "a block is not usable"}.{" "}
                      <Link to={`/chains/${chain.id}`}>Fix the chain</Link>
                    </span>
                  )}
                </PickerItem>
              </li>
            );
          })}
        </ul>
        <div className="chain-picker__order">
          <h3 id="chain-order">Montage order</h3>
          {chosen.length === 0 ? (
            <p className="muted">Tick chains to add them here.</p>
          ) : (
            <ol aria-labelledby="chain-order">
              {chosen.map((id, index) => (
                <li key={id}>
                  <span className="chain-picker__name">{nameOf(id)}</span>
                  <span className="chain-picker__moves">
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      aria-label={`Move ${nameOf(id)} up`}
                      disabled={index === 0}
                      onClick={() => onChange(move(chosen, index, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      aria-label={`Move ${nameOf(id)} down`}
                      disabled={index === chosen.length - 1}
                      onClick={() => onChange(move(chosen, index, 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      aria-label={`Remove ${nameOf(id)}`}
                      onClick={() => toggle(id, false)}
                    >
                      ✕
                    </button>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
    </PickerFieldset>
  );
}
