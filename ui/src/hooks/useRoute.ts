import { useCallback, useEffect, useState } from "react";
import type { Screen } from "../api/types";

export const SCREENS: readonly Screen[] = ["connect", "search", "enrich", "usage", "provisioning", "connectors", "settings"];

function screenFromHash(hash: string): Screen | null {
  const name = hash.replace(/^#\/?/, "");
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : null;
}

export function hrefFor(screen: Screen): string {
  return `#/${screen}`;
}

/**
 * The current screen, kept in the URL hash so navigation uses real links (keyboard, back/forward)
 * without a router library. `null` until something chooses a screen.
 */
export function useRoute(): [Screen | null, (screen: Screen) => void] {
  const [screen, setScreen] = useState<Screen | null>(() => screenFromHash(window.location.hash));

  useEffect(() => {
    const onChange = () => setScreen(screenFromHash(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);

  const navigate = useCallback((next: Screen) => {
    if (window.location.hash !== hrefFor(next)) window.location.hash = hrefFor(next);
    setScreen(next);
  }, []);

  return [screen, navigate];
}
