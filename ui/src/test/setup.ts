import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";
// Charts draw on a canvas, which jsdom does not implement.
import "vitest-canvas-mock";

afterEach(() => {
  cleanup();
  clearMocks();
  window.location.hash = "";
});

// jsdom lays nothing out, so every element measures 0×0 and a virtualized list would render no
// rows. Give the scroll boxes of the results and review tables the size they have in the app.
const measured = (size: number) =>
  function (this: HTMLElement) {
    return this.classList.contains("table-scroll") || this.classList.contains("review-scroll") ? size : 0;
  };
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: measured(560) });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: measured(1000) });

// jsdom has no media queries or resize observers; charts ask for both.
if (typeof window.matchMedia !== "function") {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
