export function ShootoutPage() {
  return <h1>ShootoutPage</h1>;
}
