/** One source's sound in the A/B engine: its gain (kept while the player lives) and the
 * one-shot AudioBufferSourceNode each start makes. */
import type { Loop } from "./abTime";

/** A gain into the context's output, at `level` (1 heard, 0 silent). */
export function makeGain(context: AudioContext, level: number): GainNode {
  const gain = context.createGain();
  gain.gain.value = level;
  gain.connect(context.destination);
  return gain;
}

/** Ramp `gain` from where it is to `level` over `seconds`, from the clock's now. */
export function rampGain(gain: GainNode, level: number, now: number, seconds: number): void {
  gain.gain.cancelScheduledValues(now);
  gain.gain.setValueAtTime(gain.gain.value, now);
  gain.gain.linearRampToValueAtTime(level, now + seconds);
}

/** Play `buffer` into `gain` from `offset` (seconds) at clock time `when`, looping `loop`,
 * and without a loop stopping at clock time `stopAt`. */
export function startVoice(
  context: AudioContext,
  buffer: AudioBuffer,
  gain: GainNode,
  when: number,
  offset: number,
  loop: Loop | null,
  stopAt: number,
): AudioBufferSourceNode {
  const node = context.createBufferSource();
  node.buffer = buffer;
  if (loop) {
    node.loop = true;
    node.loopStart = loop.start;
    node.loopEnd = loop.end;
  }
  node.connect(gain);
  node.start(when, offset);
  if (!loop) node.stop(stopAt);
  return node;
}

/** Stop `node` now and unhook it (its `ended` no longer reaches the engine). */
export function stopVoice(node: AudioBufferSourceNode): void {
  node.onended = null;
  try {
    node.stop();
  } catch {
    // never started
  }
  node.disconnect();
}
