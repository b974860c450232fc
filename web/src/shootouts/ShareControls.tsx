/**
 * Who can see the shootout (private, unlisted, public) and, when shared, its link to copy.
 */
import { useId, useState } from "react";

import { describe } from "../api/problem";
import { usePatchShootout } from "./api";
import { VISIBILITY } from "./format";
import type { Shootout, Visibility } from "./types";
import "./ShareControls.css";

export function publicUrl(id: string): string {
  return `${location.origin}/s/${id}`;
}

export function ShareControls({ shootout }: { shootout: Shootout }) {
  const patch = usePatchShootout(shootout.id);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const id = useId();
  const url = publicUrl(shootout.id);
  const shared = shootout.visibility !== "private";

  const change = (visibility: Visibility) => {
    setCopied(null);
    patch.mutate({ visibility });
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("yes");
    } catch {
      setCopied("no");
      const field = document.getElementById(`${id}-link`) as HTMLInputElement | null;
      field?.focus();
      field?.select();
    }
  };

  return (
    <section className="panel share" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Share</h2>
      <div className="field">
        <label htmlFor={`${id}-visibility`}>Who can see it</label>
        <select
          id={`${id}-visibility`}
          value={shootout.visibility}
          disabled={patch.isPending}
          aria-describedby={`${id}-explain`}
          onChange={(e) => change(e.target.value as Visibility)}
        >
          {(Object.keys(VISIBILITY) as Visibility[]).map((v) => (
            <option key={v} value={v}>
              {VISIBILITY[v].label}
            </option>
          ))}
        </select>
        <small id={`${id}-explain`} className="field__hint">
          {VISIBILITY[shootout.visibility].explain}
          {shared && shootout.montage.blind && " Blind: visitors never see which chain is which."}
        </small>
      </div>
      {patch.isError && (
        <p className="error-note" role="alert">
          Not changed: {describe(patch.error)}
        </p>
      )}
      <p className="visually-hidden" role="status">
        {patch.isSuccess ? `Now ${VISIBILITY[shootout.visibility].label.toLowerCase()}.` : ""}
      </p>
      {shared ? (
        <div className="share__link">
          <div className="field">
            <label htmlFor={`${id}-link`}>Link to the shared page</label>
            <div className="share__row">
              <input id={`${id}-link`} type="url" readOnly value={url} onFocus={(e) => e.target.select()} />
              <button type="button" className="button" onClick={() => void copy()}>
                Copy link
              </button>
            </div>
          </div>
          <p role="status" className={copied === "yes" ? "ok-note share__note" : copied === "no" ? "share__note muted" : "share__note"}>
            {copied === "yes"
              ? "Link copied. Paste it anywhere to share the shootout."
              : copied === "no"
                ? "Could not copy here: the link is selected, press Ctrl+C (⌘C on a Mac)."
                : ""}
          </p>
          <a href={`/s/${shootout.id}`} target="_blank" rel="noreferrer">
            Open the shared page<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </div>
      ) : (
        <p className="muted">Make it unlisted or public to get a link anyone can open.</p>
      )}
    </section>
  );
}
