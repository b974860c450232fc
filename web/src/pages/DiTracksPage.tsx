/** `/di-tracks`: upload DI recordings, hear them, name them, choose their channel, delete them. */
import { PagedItems } from "../components/PagedItems";
import { useDiTracks } from "../di/api";
import { DiTrackCard } from "../di/DiTrackCard";
import { DiUploader } from "../di/DiUploader";
import "../di/DiTracks.css";

const PAGE = 20;

export function DiTracksPage() {
  const tracks = useDiTracks(PAGE);
  const page = tracks.query.data;
  const known = new Set((page?.items ?? []).map((t) => t.id));
  return (
    <>
      <div className="page-header">
        <h1>DI tracks</h1>
      </div>
      <DiUploader known={known} />
      <section aria-labelledby="di-list-heading">
        <h2 id="di-list-heading">Your DI tracks{page ? ` (${page.total})` : ""}</h2>
        <PagedItems
          list={tracks}
          what="your DI tracks"
          empty={
            <p className="empty">
              No DI tracks yet. Record your guitar straight into the interface (no amp, no effects), export it as a WAV, and
              upload it above.
            </p>
          }
          pagerLabel="DI track pages"
          className="di-list"
          entry={(track) => <DiTrackCard track={track} />}
        />
      </section>
    </>
  );
}
