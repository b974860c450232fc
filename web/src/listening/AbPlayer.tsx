/**
 * The A/B player: every source plays at once on one audio clock and a switch changes only
 * which one is heard (an 8 ms crossfade), so chains are compared at the same moment of the
 * riff. Pick with the buttons, keys 1-9, Left/Right; Space plays and pauses; click the waveform
 * to seek, drag across it to loop a part.
 *
 * Hooks for tests on the root `[data-ab-player]`: data-state (loading, ready, playing, paused,
 * error), data-current (the key heard), data-playhead (seconds, 3 decimals: every frame while
 * playing, and on every switch and seek).
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";

import { PlayButton } from "../components/PlayButton";
import { formatTime } from "../components/waveformTime";
import { pauseOthers } from "../shootouts/media";
import { AbEngine } from "./abEngine";
import { browserPlatform } from "./abPlatform";
import type { AbSnapshot } from "./abSnapshot";
import { actionFor, answersKey, type AbAction } from "./abKeys";
import { AbPassage } from "./AbPassage";
import { AbWave } from "./AbWave";
import "./AbPlayer.css";

export interface AbSource {
  key: string;
  label: string;
  url: string;
}

export interface AbPlayerProps {
  /** 2..16 sources; keys unique; their order is keys 1..9. */
  sources: AbSource[];
  /** The accessible name of the player. */
  title?: string;
  onCurrentChange?: (key: string) => void;
}

/** Sent on the document when a player starts, so the others pause. */
const STARTED = "gts:ab-player-started";
const noSubscription = () => () => undefined;

export function AbPlayer({ sources, title = "A/B player", onCurrentChange }: AbPlayerProps) {
  const [engine, setEngine] = useState<AbEngine | null>(null);
  const root = useRef<HTMLElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const slider = useRef<HTMLDivElement>(null);
  const time = useRef<HTMLSpanElement>(null);
  const [initial] = useState<AbSnapshot>(() => ({
    state: "loading",
    current: sources[0]?.key ?? "",
    duration: 0,
    passage: null,
    loop: null,
    loading: null,
    error: null,
  }));
  const snap = useSyncExternalStore(engine?.subscribe ?? noSubscription, engine?.snapshot ?? (() => initial));
  const latest = useRef({ sources, onCurrentChange });
  latest.current = { sources, onCurrentChange };

  useEffect(() => {
    const made = new AbEngine(browserPlatform);
    made.setSources(latest.current.sources);
    setEngine(made);
    return () => made.close();
  }, []);

  // a new array of the same sources loads nothing; a changed url loads only that source
  const sourcesKey = sources.map((s) => `${s.key}\u0000${s.url}`).join("\u0001");
  useEffect(() => {
    engine?.setSources(latest.current.sources);
  }, [engine, sourcesKey]);

  const paint = useCallback(() => {
    const at = engine?.playhead() ?? 0;
    const length = snap.duration;
    // times shown are the recording's: a passage's start plus the time into it
    const base = snap.passage?.start ?? 0;
    const total = snap.passage?.total ?? length;
    root.current?.setAttribute("data-playhead", (base + at).toFixed(3));
    if (head.current) head.current.style.width = `${length > 0 ? (100 * at) / length : 0}%`;
    if (time.current) time.current.textContent = `${formatTime(base + at, true)} / ${formatTime(total, true)}`;
    slider.current?.setAttribute("aria-valuenow", at.toFixed(1));
    slider.current?.setAttribute("aria-valuetext", `${formatTime(base + at, true)} of ${formatTime(total, true)}`);
  }, [engine, snap]);

  useLayoutEffect(() => {
    paint();
    if (snap.state !== "playing") return;
    let frame = requestAnimationFrame(function next() {
      paint();
      frame = requestAnimationFrame(next);
    });
    return () => cancelAnimationFrame(frame);
  }, [paint, snap.state]);

  const heard = useRef(snap.current);
  useEffect(() => {
    if (heard.current === snap.current) return;
    heard.current = snap.current;
    latest.current.onCurrentChange?.(snap.current);
    // a key moved the choice while a choice had focus: focus follows it
    const focused = document.activeElement;
    if (focused?.getAttribute("role") === "radio" && root.current?.contains(focused)) {
      root.current.querySelector<HTMLElement>('[role="radio"][aria-checked="true"]')?.focus();
    }
  }, [snap.current]);

  const markUsed = () => root.current?.setAttribute("data-ab-used", String(performance.now()));

  const toggle = useCallback(() => {
    if (!engine) return;
    markUsed();
    if (engine.snapshot().state !== "playing") {
      pauseOthers(root.current);
      document.dispatchEvent(new CustomEvent(STARTED, { detail: root.current }));
    }
    engine.toggle();
  }, [engine]);

  const act = useCallback(
    (action: AbAction) => {
      if (!engine) return;
      markUsed();
      if (action.type === "toggle") toggle();
      else if (action.type === "step") engine.step(action.by);
      else {
        const key = latest.current.sources[action.index]?.key;
        if (key !== undefined) engine.select(key);
      }
    },
    [engine, toggle],
  );

  useEffect(() => {
    const element = root.current;
    if (!engine || !element) return;
    const onKey = (event: KeyboardEvent) => {
      const action = actionFor(event.key, latest.current.sources.length);
      if (!action || !answersKey(element, event, action)) return;
      event.preventDefault();
      act(action);
    };
    // another player, or any audio or video on the page, starting pauses this one
    const onOtherPlayer = (event: Event) => {
      if ((event as CustomEvent).detail !== element) engine.pause();
    };
    const onMedia = (event: Event) => {
      if (event.target instanceof HTMLMediaElement && !element.contains(event.target)) engine.pause();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener(STARTED, onOtherPlayer);
    document.addEventListener("play", onMedia, true);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener(STARTED, onOtherPlayer);
      document.removeEventListener("play", onMedia, true);
    };
  }, [engine, act]);

  const labelOf = (key: string) => sources.find((s) => s.key === key)?.label ?? key;
  const playing = snap.state === "playing";
  const canPlay = playing || snap.state === "ready" || snap.state === "paused";
  const loading = snap.loading;
  return (
    <section
      ref={root}
      className="ab-player"
      data-ab-player=""
      data-state={snap.state}
      data-current={snap.current}
      aria-label={title}
      onPointerDown={() => {
        markUsed();
        engine?.prime();
      }}
    >
      <div className="ab-player__bar">
        <PlayButton block="ab-player" look="button--primary" playing={playing} disabled={!canPlay} label={title} onClick={toggle} />
        <span ref={time} className="ab-player__time" aria-hidden="true" />
        <p className="ab-player__now" aria-live="polite">
          Now playing <strong>{labelOf(snap.current)}</strong>
        </p>
        {snap.loop && (
          <button type="button" className="button button--small button--quiet" onClick={() => engine?.clearLoop()}>
            Clear loop {formatTime((snap.passage?.start ?? 0) + snap.loop.start, true)}–
            {formatTime((snap.passage?.start ?? 0) + snap.loop.end, true)}
          </button>
        )}
      </div>
      <AbWave
        buffer={engine?.buffer(snap.current) ?? null}
        duration={snap.duration}
        loop={snap.loop}
        label={title}
        headRef={head}
        sliderRef={slider}
        playhead={() => engine?.playhead() ?? 0}
        onSeek={(seconds) => engine?.seek(seconds)}
        onLoop={(from, to) => engine?.setLoop(from, to)}
      />
      {snap.passage && (
        <AbPassage passage={snap.passage} busy={loading !== null} onMove={(start) => engine?.setPassage(start)} />
      )}
      {loading && (
        <div className="ab-player__loading" role="status">
          <progress
            max={100}
            value={((loading.index - 1 + (loading.percent ?? 0) / 100) / loading.total) * 100}
            aria-label={`Loading ${title}`}
          />
          <span>
            Decoding {loading.index} of {loading.total}
            {loading.percent !== null && ` (${loading.percent} %)`}
          </span>
        </div>
      )}
      {snap.error && (
        <p className="ab-player__error" role="alert">
          {labelOf(snap.error.key)} could not be loaded ({snap.error.message}).
        </p>
      )}
      <div className="ab-player__choices" role="radiogroup" aria-label={`Which to hear, ${title}`}>
        {sources.map((source, n) => {
          const checked = source.key === snap.current;
          return (
            <button
              key={source.key}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={checked ? 0 : -1}
              className="ab-player__choice"
              onClick={() => act({ type: "select", index: n })}
            >
              <span className="ab-player__num">{n + 1}</span> <span className="ab-player__label">{source.label}</span>
            </button>
          );
        })}
      </div>
      <p className="ab-player__hint muted">
        Keys: {sources.length > 9 ? "1–9" : `1–${sources.length}`} pick, ← → step through, Space plays and pauses.
        Drag across the waveform to loop a part.
      </p>
    </section>
  );
}
