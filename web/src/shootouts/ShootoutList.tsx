/** The user's shootouts, newest first, a page at a time. */
import { DataTable } from "../components/DataTable";
import type { Shootout } from "./types";
import { ShootoutRow } from "./ShootoutRow";
import "./ShootoutList.css";

export function ShootoutList({ shootouts }: { shootouts: Shootout[] }) {
  return (
    <DataTable caption="Your shootouts" columns={["Shootout", "Status", "Visibility", "Updated"]} className="shootout-list">
      {shootouts.map((s) => (
        <ShootoutRow key={s.id} shootout={s} />
      ))}
    </DataTable>
  );
}
