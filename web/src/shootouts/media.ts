/** One thing plays at a time: starting a player pauses every other audio and video on the page. */
export function pauseOthers(mine: Element | null): void {
  for (const media of document.querySelectorAll<HTMLMediaElement>("audio, video")) {
    if (!media.paused && !(mine?.contains(media) ?? false) && media !== mine) media.pause();
  }
}
