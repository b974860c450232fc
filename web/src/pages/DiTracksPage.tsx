export function DiTracksPage() {
  return <h1>DiTracksPage</h1>;
}
