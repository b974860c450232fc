/** One estimate as a bar from 0 with its 95 % interval as a whisker, and the figure in words. */
import { barGeometry } from "./resultBars";
import type { Estimate } from "./types";

export function ResultBar({ estimate, max, text, label }: { estimate: Estimate; max: number; text: string; label: string }) {
  const g = barGeometry(estimate, max);
  return (
    <div className="result-bar">
      <div className="result-bar__track" role="img" aria-label={`${label}: ${text}`}>
        <div className="result-bar__fill" style={{ width: `${g.fill}%` }} />
        <div className="result-bar__whisker" style={{ left: `${g.whiskerLeft}%`, width: `${g.whiskerWidth}%` }} />
      </div>
      <span className="result-bar__text">{text}</span>
    </div>
  );
}
