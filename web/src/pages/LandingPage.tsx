/** `/`: what GTS does, the way in, and the shootouts people have shared. */
import { Hero } from "../landing/Hero";
import { PublicShootoutList } from "../landing/PublicShootoutList";
import { useMe } from "../session/useMe";

export function LandingPage() {
  const me = useMe();
  return (
    <>
      <title>GTS · Guitar Tone Shootout</title>
      <Hero signedIn={Boolean(me.data)} />
      <PublicShootoutList />
    </>
  );
}
