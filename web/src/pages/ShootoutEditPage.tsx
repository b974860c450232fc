/** `/shootouts/new` and `/shootouts/:shootoutId/edit`: the shootout form, then its page. */
import { useNavigate, useParams } from "react-router";

import { ApiError } from "../api/problem";
import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { useChains, useDiTracks, useSaveShootout, useShootout } from "../shootouts/api";
import { fromShootout } from "../shootouts/form";
import { NotShared } from "../shootouts/NotShared";
import { ShootoutForm } from "../shootouts/ShootoutForm";
import type { Shootout } from "../shootouts/types";

export function ShootoutEditPage() {
  const { shootoutId } = useParams();
  return shootoutId ? <EditShootout id={shootoutId} /> : <Editor />;
}

function EditShootout({ id }: { id: string }) {
  const shootout = useShootout(id);
  if (shootout.isPending) return <Loading what="the shootout" />;
  if (shootout.isError) {
    if (shootout.error instanceof ApiError && shootout.error.status === 404) return <NotShared mine />;
    return <ErrorNote error={shootout.error} title="The shootout could not be loaded" />;
  }
  return <Editor shootout={shootout.data} />;
}

function Editor({ shootout }: { shootout?: Shootout }) {
  const navigate = useNavigate();
  const tracks = useDiTracks();
  const chains = useChains();
  const save = useSaveShootout(shootout?.id);
  const title = shootout ? `Edit “${shootout.name}”` : "New shootout";
  return (
    <>
      <title>{`${shootout ? `Edit ${shootout.name}` : "New shootout"} · GTS`}</title>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      {tracks.isPending || chains.isPending ? (
        <Loading what="your DI tracks and chains" />
      ) : tracks.isError || chains.isError ? (
        <ErrorNote error={tracks.error ?? chains.error} title="Your DI tracks and chains could not be loaded" />
      ) : (
        <ShootoutForm
          initial={fromShootout(shootout, tracks.data)}
          tracks={tracks.data}
          chains={chains.data}
          saving={save.isPending}
          submitLabel={shootout ? "Save changes" : "Create shootout"}
          cancelTo={shootout ? `/shootouts/${shootout.id}` : "/shootouts"}
          onSave={async (body) => {
            const saved = await save.mutateAsync(body);
            void navigate(`/shootouts/${saved.id}`);
          }}
        />
      )}
    </>
  );
}
