export function Tone3000Page() {
  return <h1>Tone3000Page</h1>;
}
