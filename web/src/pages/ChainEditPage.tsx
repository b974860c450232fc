export function ChainEditPage() {
  return <h1>ChainEditPage</h1>;
}
