export function ChainsPage() {
  return <h1>ChainsPage</h1>;
}
