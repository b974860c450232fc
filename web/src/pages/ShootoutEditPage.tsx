export function ShootoutEditPage() {
  return <h1>ShootoutEditPage</h1>;
}
