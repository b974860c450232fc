/** `/di-tracks`: upload DI recordings, hear them, name them, choose their channel, delete them. */
import { PagedList } from "../components/PagedList";
import { usePaging } from "../components/usePaging";
import { useDiTracks } from "../di/api";
import { DiTrackCard } from "../di/DiTrackCard";
import { DiUploader } from "../di/DiUploader";
import "../di/DiTracks.css";

const PAGE = 20;

export function DiTracksPage() {
  const paging = usePaging(PAGE);
  const tracks = useDiTracks(PAGE, paging.offset);
  const known = new Set((tracks.data?.items ?? []).map((t) => t.id));
  return (
    <>
      <div className="page-header">
        <h1>DI tracks</h1>
      </div>
      <DiUploader known={known} />
      <section aria-labelledby="di-list-heading">
        <h2 id="di-list-heading">Your DI tracks{tracks.data ? ` (${tracks.data.total})` : ""}</h2>
        <PagedList
          query={tracks}
          what="your DI tracks"
          failed="Your DI tracks could not be loaded"
          empty={
            <p className="empty">
              No DI tracks yet. Record your guitar straight into the interface (no amp, no effects), export it as a WAV, and
              upload it above.
            </p>
          }
          paging={paging}
          pagerLabel="DI track pages"
        >
          {(items, pager) => (
            <>
              <ul className="di-list">
                {items.map((track) => (
                  <DiTrackCard key={track.id} track={track} />
                ))}
              </ul>
              {pager}
            </>
          )}
        </PagedList>
      </section>
    </>
  );
}
