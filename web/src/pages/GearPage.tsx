export function GearPage() {
  return <h1>GearPage</h1>;
}
