/**
 * An audio player drawn as its waveform (wavesurfer.js): a play/pause button, the time, and the
 * waveform itself as a seek slider (click or drag on it, or focus it and use the keys: arrows
 * move a tenth of the audio, at most 5 s, Shift a fifth of that; Page Up/Down 30 s; Home/End;
 * Space or Enter plays and pauses).
 *
 * The audio always streams from `url` through the <audio> element (the API answers Range
 * requests, so seeking asks for the bytes it needs). The outline is `peaks` (0..1, any number
 * of points) with `duration` when given, else measured from one fetch of the file. The player's <audio> element
 * is in the DOM (hidden), so a page can find and pause the others when one starts (`onPlay`).
 * Everything is let go on unmount.
 */
import { useEffect, useId, useRef, useState } from "react";
import type WaveSurfer from "wavesurfer.js";

import { measureOutline, type Outline } from "./waveformPeaks";
import { PlayButton } from "./PlayButton";
import { formatTime, seekSlider, seekTarget } from "./waveformTime";
import "./Waveform.css";

export interface WaveformProps {
  /** the audio to play (same origin) */
  url: string;
  /** what is played, for labels: "Play {label}", "Seek in {label}" */
  label: string;
  /** waveform height in px (default 64) */
  height?: number;
  /** precomputed peaks (0..1), drawn instead of decoding the file */
  peaks?: readonly number[];
  /** seconds; needed with `peaks` to draw before the audio's metadata arrives */
  duration?: number;
  /** called when playback starts, e.g. to pause other players */
  onPlay?: () => void;
}

type State = "loading" | "ready" | "playing" | "error";

/** Points in a measured outline: finer than any player's width in pixels. */
const OUTLINE_POINTS = 2000;

export function Waveform({ url, label, height = 64, peaks, duration, onPlay }: WaveformProps) {
  const container = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const surfer = useRef<WaveSurfer | null>(null);
  const onPlayRef = useRef(onPlay);
  onPlayRef.current = onPlay;
  const [state, setState] = useState<State>("loading");
  const [time, setTime] = useState(0);
  const [length, setLength] = useState(duration ?? 0);
  const timeId = useId();

  const peaksKey = peaks ? peaks.join(",") : "";

  useEffect(() => {
    let cancelled = false;
    let instance: WaveSurfer | null = null;
    const element = container.current;
    const media = audio.current;
    if (!element || !media) return;
    setState("loading");
    setTime(0);
    const measuring = new AbortController();
    const given: Outline | null =
      peaks && peaks.length > 0 && duration ? { peaks: Array.from(peaks), duration } : null;
    const outline = given
      ? Promise.resolve(given)
      : measureOutline(url, OUTLINE_POINTS, measuring.signal);
    void Promise.all([import("wavesurfer.js"), outline]).then(([{ default: WaveSurferClass }, shape]) => {
      if (cancelled) return;
      const styles = getComputedStyle(element);
      instance = WaveSurferClass.create({
        container: element,
        media,
        height,
        waveColor: styles.getPropertyValue("--waveform-wave").trim() || "#6b7488",
        progressColor: styles.getPropertyValue("--waveform-progress").trim() || "#f5a524",
        cursorColor: styles.getPropertyValue("--waveform-cursor").trim() || "#4cc9f0",
        cursorWidth: 2,
        normalize: true,
        dragToSeek: true,
        hideScrollbar: true,
      });
      surfer.current = instance;
      instance.on("ready", (seconds) => {
        setLength(seconds);
        setState((s) => (s === "playing" ? s : "ready"));
      });
      instance.on("timeupdate", (seconds) => setTime(seconds));
      instance.on("play", () => {
        setState("playing");
        onPlayRef.current?.();
      });
      instance.on("pause", () => setState("ready"));
      instance.on("finish", () => setState("ready"));
      instance.on("error", () => setState("error"));
      // with an outline, wavesurfer sets the URL on the <audio> element instead of fetching it
      instance.load(url, [shape.peaks], shape.duration).catch(() => {
        // an AbortError when superseded; real failures arrive as the "error" event
      });
    }, () => {
      if (!cancelled) setState("error");
    });
    return () => {
      cancelled = true;
      measuring.abort();
      instance?.destroy();
      if (surfer.current === instance) surfer.current = null;
      // wavesurfer leaves a media element it was given as it is: stop it and let go of the audio
      media.pause();
      media.removeAttribute("src");
      media.load();
    };
    // peaksKey stands for peaks: a new array of the same numbers does not reload
  }, [url, height, peaksKey, duration]);

  const toggle = () => {
    const instance = surfer.current;
    if (!instance) return;
    if (instance.isPlaying()) instance.pause();
    else void instance.play().catch(() => setState("error"));
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const instance = surfer.current;
    if (!instance || length <= 0) return;
    const target = seekTarget(event.key, event.shiftKey, instance.getCurrentTime(), length);
    if (target === null) {
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        toggle();
      }
      return;
    }
    event.preventDefault();
    // Straight to the element once it knows its duration: wavesurfer holds a seek made while
    // another is under way as "pending" and drops it when the earlier seek's event arrives,
    // so Home then an arrow pressed quickly ended at 0.
    const media = audio.current;
    if (media && media.readyState >= HTMLMediaElement.HAVE_METADATA) media.currentTime = target;
    else instance.setTime(target);
    setTime(target);
  };

  const tenths = length < 60;
  const playing = state === "playing";
  const canPlay = state === "ready" || state === "playing";
  return (
    <div className="waveform" data-state={state}>
      <PlayButton block="waveform" look="button--small" playing={playing} disabled={!canPlay} label={label} onClick={toggle} />
      <div
        ref={container}
        className="waveform__wave"
        {...seekSlider(label, Math.round(length), Math.round(time))}
        aria-valuetext={`${formatTime(time, tenths)} of ${formatTime(length, tenths)}`}
        aria-describedby={timeId}
        onKeyDown={onKeyDown}
        style={{ minHeight: height }}
      />
      <span id={timeId} className="waveform__time">
        {state === "error" ? (
          <span className="waveform__error">The audio could not be loaded.</span>
        ) : (
          <>
            <span className="visually-hidden">Position </span>
            {formatTime(time, tenths)} / {formatTime(length, tenths)}
          </>
        )}
      </span>
      <audio ref={audio} preload="metadata" className="waveform__audio" />
    </div>
  );
}
