/** The user's chain groups: name, slots, how many chains they make; open, delete. */
import { Link } from "react-router";

import { ConfirmDelete } from "../components/ConfirmDelete";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { useDeleteGroup, useGroups, type GroupView } from "./api";
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
  const headingId = `group-${group.id}`;
  return (
    <li className="card" aria-labelledby={headingId}>
      <div className="card__main">
        <h3 id={headingId} className="card__title">
          <Link to={`/groups/${group.id}`}>{group.name}</Link>
        </h3>
        <p className="card__blocks">{groupSummary(group.blocks, effects)}</p>
        <p className="card__meta muted">
          {group.combinations === 1 ? "1 combination" : `${group.combinations} combinations`}
        </p>
      </div>
      <div className="card__actions actions">
        <Link to={`/groups/${group.id}`} className="button button--small" aria-label={`Open ${group.name}`}>
          Open
        </Link>
        <ConfirmDelete
          what={group.name}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(group.id)}
        />
      </div>
    </li>
  );
}
