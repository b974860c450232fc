/** The user's chain groups: name, slots, how many chains they make; open, delete. */
import { Link } from "react-router";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { useDeleteGroup, useGroups, type GroupView } from "./api";
import { Card } from "./Card";
import { groupSummary } from "./groupRules";
import type { EffectInfo } from "./rules";

export function GroupList({ effects }: { effects: readonly EffectInfo[] }) {
  const groups = useGroups(100, 0);
  if (groups.isPending) return <Loading what="your chain groups" />;
  if (groups.isError) return <ErrorNote error={groups.error} title="Your chain groups could not be loaded" />;
  if (groups.data.total === 0) {
    return (
      <p className="empty">
        No groups yet. A group tries every combination of the options in its slots (say two amps × two cabs) and makes
        one chain of each: <Link to="/groups/new">make a group</Link>.
      </p>
    );
  }
  return (
    <ul className="card-list">
      {groups.data.items.map((group) => (
        <GroupRow key={group.id} group={group} effects={effects} />
      ))}
    </ul>
  );
}

function GroupRow({ group, effects }: { group: GroupView; effects: readonly EffectInfo[] }) {
  const remove = useDeleteGroup();
  return (
    <Card
      to={`/groups/${group.id}`}
      name={group.name}
      blocks={groupSummary(group.blocks, effects)}
      meta={group.combinations === 1 ? "1 combination" : `${group.combinations} combinations`}
      open="Open"
      deleting={remove}
      onDelete={() => remove.mutate(group.id)}
    />
  );
}
