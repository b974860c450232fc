import { Link } from "react-router";

export function NotFoundPage() {
  return (
    <section className="panel">
      <h1>Nothing here</h1>
      <p>This page does not exist, or it is not yours to see.</p>
      <Link to="/">Back to the start</Link>
    </section>
  );
}
