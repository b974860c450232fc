export function PublicShootoutPage() {
  return <h1>PublicShootoutPage</h1>;
}
