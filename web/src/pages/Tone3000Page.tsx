/** /gear/tone3000: browse one's TONE3000 tones (created, favourited, search) and import models. */
import { Link, useSearchParams } from "react-router";

import { panelId, tabId, ToneTabs } from "../gear/ToneTabs";
import { ToneList } from "../gear/ToneList";
import { ToneSearchForm } from "../gear/ToneSearchForm";
import { readToneView, writeToneView } from "../gear/toneSearch";
import { useTones } from "../gear/useTone3000";

const PANEL_TITLES = {
  created: "Tones you created",
  favorited: "Tones you favourited",
  search: "Search TONE3000",
} as const;

export function Tone3000Page() {
  const [params, setParams] = useSearchParams();
  const view = readToneView(params);
  const tones = useTones(view);
  const showSearch = view.tab === "search";

  return (
    <>
      <header className="page-header">
        <h1>TONE3000</h1>
        <div className="actions">
          <Link to="/gear" className="button">
            ← Your gear library
          </Link>
        </div>
      </header>
      <p className="muted">
        Pick models from your TONE3000 tones, the ones you favourited, or any public tone, and import them into your
        library. GTS runs NAM A1 and A2 captures, custom models (LSTMs among them) and cabinet IRs.
      </p>
      <section className="panel">
        <ToneTabs tab={view.tab} onChange={(tab) => setParams(writeToneView({ ...view, tab, page: 1 }))} />
        <div id={panelId} role="tabpanel" aria-labelledby={tabId(view.tab)}>
          <h2 className="visually-hidden">{PANEL_TITLES[view.tab]}</h2>
          {showSearch && (
            <ToneSearchForm
              search={view.search}
              error={tones.error}
              onSearch={(search) => setParams(writeToneView({ tab: "search", search, page: 1 }))}
            />
          )}
          <ToneList
            tab={view.tab}
            tones={tones}
            page={view.page}
            hrefFor={(page) => `?${writeToneView({ ...view, page }).toString()}`}
          />
        </div>
      </section>
    </>
  );
}
