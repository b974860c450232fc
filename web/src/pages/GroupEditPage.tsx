export function GroupEditPage() {
  return <h1>GroupEditPage</h1>;
}
