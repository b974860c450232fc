/** The three views of TONE3000 as tabs (arrow keys move between them). */
import { useRef, type KeyboardEvent } from "react";

import { TONE_TABS, type ToneTab } from "./toneSearch";
import "./ToneTabs.css";

const LABELS: Record<ToneTab, string> = { created: "Created", favorited: "Favourited", search: "Search" };

export const tabId = (tab: ToneTab) => `tone-tab-${tab}`;
export const panelId = "tone-panel";

export function ToneTabs({ tab, onChange }: { tab: ToneTab; onChange: (tab: ToneTab) => void }) {
  const refs = useRef(new Map<ToneTab, HTMLButtonElement>());
  const move = (e: KeyboardEvent, index: number) => {
    const last = TONE_TABS.length - 1;
    const to =
      e.key === "ArrowRight" ? (index === last ? 0 : index + 1)
      : e.key === "ArrowLeft" ? (index === 0 ? last : index - 1)
      : e.key === "Home" ? 0
      : e.key === "End" ? last
      : null;
    if (to === null) return;
    e.preventDefault();
    const next = TONE_TABS[to];
    if (!next) return;
    onChange(next);
    refs.current.get(next)?.focus();
  };
  return (
    <div className="tone-tabs" role="tablist" aria-label="Which tones">
      {TONE_TABS.map((t, index) => (
        <button
          key={t}
          ref={(el) => {
            if (el) refs.current.set(t, el);
          }}
          id={tabId(t)}
          type="button"
          role="tab"
          className="tone-tabs__tab"
          aria-selected={t === tab}
          aria-controls={panelId}
          tabIndex={t === tab ? 0 : -1}
          onClick={() => onChange(t)}
          onKeyDown={(e) => move(e, index)}
        >
          {LABELS[t]}
        </button>
      ))}
    </div>
  );
}
