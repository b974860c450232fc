/** One item of the library: its name, kind, source, file facts and tags, and what can be done. */
import { useId, useRef, useState } from "react";

import { describe } from "../api/problem";
import { DeleteGearDialog } from "./DeleteGearDialog";
import { FavouriteToggle } from "./FavouriteToggle";
import { formatBytes, formatChannels, formatSampleRate } from "../units";
import { formatDuration, formatLabel, sourceLabel, submodelSummary } from "./format";
import { GearKindSelect } from "./GearKindSelect";
import { GearNameEditor } from "./GearNameEditor";
import { GearTagsEditor } from "./GearTagsEditor";
import type { GearItem } from "./types";
import { downloadGear } from "./useGear";
import "./GearCard.css";

function facts(item: GearItem): Array<[string, string]> {
  const found: Array<[string, string]> = [[formatLabel(item.format), item.filename]];
  if (item.make || item.model) found.push(["Gear", [item.make, item.model].filter(Boolean).join(" ")]);
  if (item.architecture) {
    found.push(["Model", [item.architecture, item.size_preset].filter(Boolean).join(", ")]);
  }
  found.push(["Sample rate", formatSampleRate(item.sample_rate)]);
  if (item.channels) found.push(["Channels", formatChannels(item.channels)]);
  if (item.duration_seconds) found.push(["Length", formatDuration(item.duration_seconds)]);
  found.push(["File size", formatBytes(item.size_bytes)]);
  return found;
}

export function GearCard({ item, onDeleted }: { item: GearItem; onDeleted: () => void }) {
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const t3k = item.tone3000;

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadGear(item);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <article className="gear-card" aria-labelledby={headingId}>
      <div className="gear-card__head">
        <FavouriteToggle item={item} />
        <GearNameEditor item={item} headingId={headingId} />
      </div>
      <div className="gear-card__badges">
        <GearKindSelect item={item} />
        <span className={`tag gear-source gear-source--${item.source}`}>{sourceLabel(item.source)}</span>
      </div>
      {t3k && (
        <p className="gear-card__origin muted">
          From TONE3000: {t3k.tone_title}
          {t3k.author ? ` by ${t3k.author}` : ""}
          {t3k.license ? ` · licence ${t3k.license}` : ""}
        </p>
      )}
      <dl className="gear-card__facts">
        {facts(item).map(([term, value], index) => (
          <div key={term} className={index === 0 ? "gear-card__fact--wide" : undefined}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {item.submodels && item.submodels.length > 0 && (
        <div className="gear-card__submodels">
          <h4 className="gear-card__submodels-title">Submodels (A2 slimmable)</h4>
          <ul>
            {item.submodels.map((sub, index, all) => (
              <li key={sub.max_value}>{submodelSummary(sub, index, all.length)}</li>
            ))}
          </ul>
        </div>
      )}
      <GearTagsEditor item={item} />
      <div className="actions gear-card__actions">
        <button
          type="button"
          className="button button--small"
          aria-label={`Download ${item.name}`}
          disabled={downloading}
          onClick={() => void download()}
        >
          {downloading ? "Downloading…" : "Download"}
        </button>
        <button
          ref={deleteRef}
          type="button"
          className="button button--small button--danger"
          aria-label={`Delete ${item.name}`}
          onClick={() => setConfirming(true)}
        >
          Delete
        </button>
      </div>
      {downloadError !== null && (
        <p className="field__error" role="alert">
          Download failed: {describe(downloadError)}
        </p>
      )}
      {confirming && (
        <DeleteGearDialog
          item={item}
          onClose={() => {
            setConfirming(false);
            deleteRef.current?.focus();
          }}
          onDeleted={() => {
            setConfirming(false);
            onDeleted();
          }}
        />
      )}
    </article>
  );
}
