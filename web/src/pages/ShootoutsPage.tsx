export function ShootoutsPage() {
  return <h1>ShootoutsPage</h1>;
}
