/** The app's frame: a skip link, the header with the main places and the session, the page. */
import { useState } from "react";
import { Link, NavLink, useLocation } from "react-router";

import { signInUrl } from "../api/session";
import type { Me } from "../session/useMe";
import { signOut } from "../session/SessionKeeper";
import "./Layout.css";

const PLACES = [
  { to: "/gear", label: "Gear" },
  { to: "/di-tracks", label: "DI tracks" },
  { to: "/chains", label: "Chains" },
  { to: "/shootouts", label: "Shootouts" },
] as const;

export function Layout({ me, children }: { me: Me | null; children: React.ReactNode }) {
  const location = useLocation();
  const [open, setOpen] = useState(false);
  return (
    <div className="layout">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>GTS</span>
          <small>Guitar Tone Shootout</small>
        </Link>
        {me && (
          <button
            type="button"
            className="topbar__menu"
            aria-expanded={open}
            aria-controls="main-nav"
            onClick={() => setOpen((v) => !v)}
          >
            Menu
          </button>
        )}
        <nav id="main-nav" aria-label="Main" className={open ? "mainnav mainnav--open" : "mainnav"}>
          {me && (
            <ul>
              {PLACES.map((place) => (
                <li key={place.to}>
                  <NavLink to={place.to} onClick={() => setOpen(false)}>
                    {place.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <div className="session">
          {me ? (
            <>
              <span className="session__user" title={`Signed in as ${me.username}`}>
                <span className="avatar" aria-hidden="true">{(me.display_name || me.username).slice(0, 1).toUpperCase()}</span>
                <span className="session__name">{me.display_name || me.username}</span>
              </span>
              <button type="button" className="button button--quiet" onClick={() => void signOut()}>
                Sign out
              </button>
            </>
          ) : (
            <a className="button button--primary" href={signInUrl(location.pathname === "/" ? "/shootouts" : location.pathname)}>
              Sign in with TONE3000
            </a>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <p>
          GTS renders every chain over the same DI, matches loudness (ITU-R BS.1770) and plays them back to back.{" "}
          <a href="/docs">API reference</a>
        </p>
      </footer>
    </div>
  );
}
