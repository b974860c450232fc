/** `/groups/new`: make a chain group; `/groups/:groupId`: see it and generate its chains. */
import { useNavigate, useParams } from "react-router";

import { useGroup } from "../chains/api";
import { CatalogEditor } from "../chains/CatalogEditor";
import { GroupBuilder } from "../chains/GroupBuilder";
import { GroupDetails } from "../chains/GroupDetails";

export function GroupEditPage() {
  const { groupId } = useParams();
  const navigate = useNavigate();
  const group = useGroup(groupId);
  const title = groupId ? (group.data ? `Group “${group.data.name}”` : "Chain group") : "New chain group";

  return (
    <CatalogEditor title={title} changing={groupId ? { query: group, what: "group" } : null}>
      {(catalog) =>
        groupId && group.data ? (
          <GroupDetails group={group.data} effects={catalog.effects} explanations={catalog.explanations} />
        ) : (
          <GroupBuilder
            effects={catalog.effects}
            explanations={catalog.explanations}
            onCreated={(created) => void navigate(`/groups/${created.id}`)}
          />
        )
      }
    </CatalogEditor>
  );
}
