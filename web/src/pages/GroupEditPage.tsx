/** `/groups/new`: make a chain group; `/groups/:groupId`: see it and generate its chains. */
import { useNavigate, useParams } from "react-router";

import { useChainCatalog, useGroup } from "../chains/api";
import { GroupBuilder } from "../chains/GroupBuilder";
import { GroupDetails } from "../chains/GroupDetails";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";

export function GroupEditPage() {
  const { groupId } = useParams();
  const navigate = useNavigate();
  const group = useGroup(groupId);
  const catalog = useChainCatalog();
  const title = groupId ? (group.data ? `Group “${group.data.name}”` : "Chain group") : "New chain group";

  let body: React.ReactNode;
  if (catalog.isPending || (groupId && group.isPending)) body = <Loading what={groupId ? "the group" : "the effects"} />;
  else if (catalog.isError) body = <ErrorNote error={catalog.error} title="The effects could not be loaded" />;
  else if (groupId && group.isError) body = <ErrorNote error={group.error} title="The group could not be loaded" />;
  else if (groupId && group.data)
    body = <GroupDetails group={group.data} effects={catalog.data.effects} explanations={catalog.data.explanations} />;
  else
    body = (
      <GroupBuilder
        effects={catalog.data.effects}
        explanations={catalog.data.explanations}
        onCreated={(created) => void navigate(`/groups/${created.id}`)}
      />
    );

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {body}
    </>
  );
}
