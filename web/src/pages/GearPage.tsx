/** /gear: the user's gear library: upload, filter, rename, tag, favourite, download, delete. */
import { Link, useSearchParams } from "react-router";

import { listQuery, NO_FILTERS, readFilters, writeFilters, type GearFilters } from "../gear/filters";
import { GearFilterBar } from "../gear/GearFilterBar";
import { GearLibrary } from "../gear/GearLibrary";
import { GearUploader } from "../gear/GearUploader";
import { useGearList } from "../gear/useGear";

export function GearPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const setFilters = (next: GearFilters, options?: { replace?: boolean }) =>
    setParams(writeFilters(next), { replace: options?.replace ?? false });
  const list = useGearList(listQuery(filters)); // shared with the list below: one request
  const knownTags = [...new Set((list.data?.items ?? []).flatMap((item) => item.tags))].sort();

  return (
    <>
      <header className="page-header">
        <h1>Gear</h1>
        <div className="actions">
          <Link to="/gear/tone3000" className="button">
            Browse TONE3000
          </Link>
        </div>
      </header>
      <GearUploader />
      <section className="panel gear-library-panel" aria-labelledby="gear-library-title">
        <h2 id="gear-library-title">Your library</h2>
        <GearFilterBar filters={filters} onChange={setFilters} knownTags={knownTags} />
        <GearLibrary filters={filters} onClearFilters={() => setFilters(NO_FILTERS)} />
      </section>
    </>
  );
}
