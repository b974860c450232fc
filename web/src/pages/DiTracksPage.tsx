/** `/di-tracks`: upload DI recordings, hear them, name them, choose their channel, delete them. */
import { useState } from "react";

import { ErrorNote } from "../components/ErrorNote";
import { Loading } from "../components/Loading";
import { Pager, pageOf } from "../components/Pager";
import { useDiTracks } from "../di/api";
import { DiTrackCard } from "../di/DiTrackCard";
import { DiUploader } from "../di/DiUploader";
import "../di/DiTracks.css";

const PAGE = 20;

export function DiTracksPage() {
  const [offset, setOffset] = useState(0);
  const tracks = useDiTracks(PAGE, offset);
  const known = new Set((tracks.data?.items ?? []).map((t) => t.id));
  return (
    <>
      <div className="page-header">
        <h1>DI tracks</h1>
      </div>
      <DiUploader known={known} />
      <section aria-labelledby="di-list-heading">
        <h2 id="di-list-heading">Your DI tracks{tracks.data ? ` (${tracks.data.total})` : ""}</h2>
        {tracks.isPending ? (
          <Loading what="your DI tracks" />
        ) : tracks.isError ? (
          <ErrorNote error={tracks.error} title="Your DI tracks could not be loaded" />
        ) : tracks.data.total === 0 ? (
          <p className="empty">
            No DI tracks yet. Record your guitar straight into the interface (no amp, no effects), export it as a WAV, and
            upload it above.
          </p>
        ) : (
          <>
            <ul className="di-list">
              {tracks.data.items.map((track) => (
                <DiTrackCard key={track.id} track={track} />
              ))}
            </ul>
            <Pager
              label="DI track pages"
              {...pageOf(offset, PAGE, tracks.data.total)}
              onPage={(n) => setOffset((n - 1) * PAGE)}
            />
          </>
        )}
      </section>
    </>
  );
}
