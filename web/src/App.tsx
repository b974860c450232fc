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

export function App() {
  const me = useMe();
  const signedIn = Boolean(me.data);
  const mine = (element: React.ReactNode) => <RequireSignIn me={me}>{element}</RequireSignIn>;
  return (
    <Layout me={me.data ?? null}>
      <SessionKeeper signedIn={signedIn} />
      <Suspense fallback={<Loading what="page" />}>
        <Routes>
          <Route path="/" element={<LandingPage />} />
          <Route path="/gear" element={mine(<GearPage />)} />
          <Route path="/gear/tone3000" element={mine(<Tone3000Page />)} />
          <Route path="/di-tracks" element={mine(<DiTracksPage />)} />
          <Route path="/chains" element={mine(<ChainsPage />)} />
          <Route path="/chains/new" element={mine(<ChainEditPage />)} />
          <Route path="/chains/:chainId" element={mine(<ChainEditPage />)} />
          <Route path="/groups/new" element={mine(<GroupEditPage />)} />
          <Route path="/groups/:groupId" element={mine(<GroupEditPage />)} />
          <Route path="/shootouts" element={mine(<ShootoutsPage />)} />
          <Route path="/shootouts/new" element={mine(<ShootoutEditPage />)} />
          <Route path="/shootouts/:shootoutId/edit" element={mine(<ShootoutEditPage />)} />
          <Route path="/shootouts/:shootoutId" element={mine(<ShootoutPage />)} />
          <Route path="/s/:shootoutId" element={<PublicShootoutPage />} />
          <Route path="/s/:shootoutId/listen" element={<ListenPage />} />
          <Route path="/s/:shootoutId/abx" element={mine(<AbxPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
