/** Routes: each page is its own chunk, so the first load carries only the shell. */
import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";

import { Layout } from "./components/Layout";
import { Loading } from "./components/Loading";
import { RequireSignIn } from "./components/RequireSignIn";
import { SessionKeeper } from "./session/SessionKeeper";
import { useMe } from "./session/useMe";

const page = <T extends string>(load: () => Promise<Record<T, React.ComponentType>>, name: T) =>
  lazy(async () => ({ default: (await load())[name] }));

const LandingPage = page(() => import("./pages/LandingPage"), "LandingPage");
const GearPage = page(() => import("./pages/GearPage"), "GearPage");
const Tone3000Page = page(() => import("./pages/Tone3000Page"), "Tone3000Page");
const DiTracksPage = page(() => import("./pages/DiTracksPage"), "DiTracksPage");
const ChainsPage = page(() => import("./pages/ChainsPage"), "ChainsPage");
const ChainEditPage = page(() => import("./pages/ChainEditPage"), "ChainEditPage");
const GroupEditPage = page(() => import("./pages/GroupEditPage"), "GroupEditPage");
const ShootoutsPage = page(() => import("./pages/ShootoutsPage"), "ShootoutsPage");
const ShootoutEditPage = page(() => import("./pages/ShootoutEditPage"), "ShootoutEditPage");
const ShootoutPage = page(() => import("./pages/ShootoutPage"), "ShootoutPage");
const PublicShootoutPage = page(() => import("./pages/PublicShootoutPage"), "PublicShootoutPage");
const ListenPage = page(() => import("./pages/ListenPage"), "ListenPage");
const AbxPage = page(() => import("./pages/AbxPage"), "AbxPage");
const NotFoundPage = page(() => import("./pages/NotFoundPage"), "NotFoundPage");

/** Every page and the paths that show it; the `mine` ones show one's own things, so they ask to sign in first. */
const PAGES: ReadonlyArray<{ page: React.ComponentType; paths: readonly string[]; mine?: boolean }> = [
  { page: LandingPage, paths: ["/"] },
  { page: GearPage, paths: ["/gear"], mine: true },
  { page: Tone3000Page, paths: ["/gear/tone3000"], mine: true },
  { page: DiTracksPage, paths: ["/di-tracks"], mine: true },
  { page: ChainsPage, paths: ["/chains"], mine: true },
  { page: ChainEditPage, paths: ["/chains/new", "/chains/:chainId"], mine: true },
  { page: GroupEditPage, paths: ["/groups/new", "/groups/:groupId"], mine: true },
  { page: ShootoutsPage, paths: ["/shootouts"], mine: true },
  { page: ShootoutEditPage, paths: ["/shootouts/new", "/shootouts/:shootoutId/edit"], mine: true },
  { page: ShootoutPage, paths: ["/shootouts/:shootoutId"], mine: true },
  { page: PublicShootoutPage, paths: ["/s/:shootoutId"] },
  { page: ListenPage, paths: ["/s/:shootoutId/listen"] },
  { page: AbxPage, paths: ["/s/:shootoutId/abx"], mine: true },
  { page: NotFoundPage, paths: ["*"] },
];

export function App() {
  const me = useMe();
  const element = (Page: React.ComponentType, mine = false) =>
    mine ? (
      <RequireSignIn me={me}>
        <Page />
      </RequireSignIn>
    ) : (
      <Page />
    );
  return (
    <Layout me={me.data ?? null}>
      <SessionKeeper signedIn={Boolean(me.data)} />
      <Suspense fallback={<Loading what="page" />}>
        <Routes>
          {PAGES.flatMap(({ page, paths, mine }) =>
            paths.map((path) => <Route key={path} path={path} element={element(page, mine)} />),
          )}
        </Routes>
      </Suspense>
    </Layout>
  );
}
