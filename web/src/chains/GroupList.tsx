/** The user's chain groups: name, slots, how many chains they make; open, delete. */
import { Link } from "react-router";

import { PagedItems } from "../components/PagedItems";
import { useDeleteGroup, useGroups, type GroupView } from "./api";
import { Card } from "./Card";
import { groupSummary } from "./groupRules";
import type { EffectInfo } from "./rules";

const PAGE = 100;

export function GroupList({ effects }: { effects: readonly EffectInfo[] }) {
  const groups = useGroups(PAGE);
  return (
    <PagedItems
      list={groups}
      what="your chain groups"
      empty={
        <p className="empty">
          No groups yet. A group tries every combination of the options in its slots (say two amps × two cabs) and makes
          one chain of each: <Link to="/groups/new">make a group</Link>.
        </p>
      }
      pagerLabel="Group pages"
      className="card-list"
      entry={(group) => <GroupRow group={group} effects={effects} />}
    />
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
