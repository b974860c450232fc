/** What GTS does, in a guitarist's words, and the way in. */
import { Link } from "react-router";

import { signInUrl } from "../api/session";
import "./Hero.css";

export function Hero({ signedIn }: { signedIn: boolean }) {
  return (
    <section className="hero" aria-labelledby="hero-title">
      <h1 id="hero-title">Which rig sounds best? Hear them side by side.</h1>
      <ul className="hero__points">
        <li>
          <strong>Same DI, several rigs.</strong> Record your guitar once; GTS plays it through every amp capture (NAM),
          cab IR and effect chain you pick.
        </li>
        <li>
          <strong>Loudness-matched.</strong> Every rig is brought to the same loudness, so the louder one doesn’t win
          just for being louder.
        </li>
        <li>
          <strong>Back-to-back A/B.</strong> A montage switches rigs every few seconds, or blind (A, B, C…) so you judge
          with your ears only.
        </li>
        <li>
          <strong>Ready for YouTube.</strong> A video with a card per rig, pictures, measurements and every file to
          download.
        </li>
      </ul>
      <p className="hero__cta">
        {signedIn ? (
          <Link className="button button--primary" to="/shootouts">
            Go to your shootouts
          </Link>
        ) : (
          <a className="button button--primary" href={signInUrl("/shootouts")}>
            Sign in with TONE3000
          </a>
        )}
        <a className="button button--quiet" href="#public-title">
          Listen to shared shootouts
        </a>
      </p>
    </section>
  );
}
