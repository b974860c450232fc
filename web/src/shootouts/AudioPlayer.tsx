/**
 * One take to listen to: its name and its waveform player (play/pause, click or arrow keys to
 * seek). The player is made when it comes near the screen, so a page of many takes does not
 * fetch every file at once; starting one pauses the others.
 */
import { useEffect, useRef, useState } from "react";

import { Waveform } from "../components/Waveform";
import { segmentAt, type Segment } from "./manifest";
import { pauseOthers } from "./media";
import "./AudioPlayer.css";

export function AudioPlayer({
  src,
  label,
  detail,
  ariaLabel,
  height = 48,
  duration,
  segments,
  nameOf = (label) => label,
}: {
  src: string;
  label: string;
  detail?: string | undefined;
  /** A longer name for readers, where the label alone is not unique on the page. */
  ariaLabel?: string | undefined;
  height?: number;
  duration?: number | null | undefined;
  /** Which chain plays when (a montage): shown as "Now playing" while it plays. */
  segments?: readonly Segment[] | undefined;
  nameOf?: (label: string) => string;
}) {
  const box = useRef<HTMLElement>(null);
  const near = useNearScreen(box);
  const playing = useSegment(box, near, segments);
  return (
    <figure ref={box} className="audio-player">
      <figcaption>
        <span className="audio-player__label">{label}</span>
        {detail && <span className="audio-player__detail muted">{detail}</span>}
      </figcaption>
      {near ? (
        <Waveform
          url={src}
          label={ariaLabel ?? label}
          height={height}
          onPlay={() => pauseOthers(box.current)}
          {...(duration ? { duration } : {})}
        />
      ) : (
        <div className="audio-player__placeholder" style={{ minHeight: height }} />
      )}
      {segments && segments.length > 0 && (
        <p className="audio-player__now">
          {playing ? (
            <>
              Now playing: <strong>{nameOf(playing.label)}</strong>
            </>
          ) : (
            <span className="muted">
              Plays {[...new Set(segments.map((s) => nameOf(s.label)))].join(", ")} in turn.
            </span>
          )}
        </p>
      )}
    </figure>
  );
}

/** The segment under the player's position (from its audio element's time), while it plays. */
function useSegment(
  box: React.RefObject<HTMLElement | null>,
  ready: boolean,
  segments: readonly Segment[] | undefined,
): Segment | null {
  const [current, setCurrent] = useState<Segment | null>(null);
  useEffect(() => {
    const audio = box.current?.querySelector("audio");
    if (!ready || !audio || !segments?.length) return;
    const update = () => setCurrent(audio.currentTime > 0 || !audio.paused ? segmentAt(segments, audio.currentTime) : null);
    const events = ["timeupdate", "seeked", "play", "emptied"] as const;
    for (const name of events) audio.addEventListener(name, update);
    return () => {
      for (const name of events) audio.removeEventListener(name, update);
    };
  }, [box, ready, segments]);
  return current;
}

/** True once `ref` comes within a screen of the viewport (at once where that cannot be told). */
function useNearScreen(ref: React.RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === "undefined");
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: "100% 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}
