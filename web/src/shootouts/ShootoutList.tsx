/** The user's shootouts, newest first, a page at a time. */
import type { Shootout } from "./types";
import { ShootoutRow } from "./ShootoutRow";
import "./ShootoutList.css";

export function ShootoutList({ shootouts }: { shootouts: Shootout[] }) {
  return (
    <div className="table-wrap shootout-list">
      <table>
        <caption className="visually-hidden">Your shootouts</caption>
        <thead>
          <tr>
            <th scope="col">Shootout</th>
            <th scope="col">Status</th>
            <th scope="col">Visibility</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {shootouts.map((s) => (
            <ShootoutRow key={s.id} shootout={s} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
