import { describe, expect, it } from "vitest";
import { ensureUsableLanguage, usableLanguage } from "./language";

describe("usableLanguage", () => {
  it("keeps a language tag Intl knows", () => {
    expect(usableLanguage("de-CH")).toBe("de-CH");
    expect(usableLanguage("en-GB")).toBe("en-GB");
  });

  it("reads the POSIX locale, or none, as plain English", () => {
    // What WebKitGTK reports when LANG is C or unset; `new Intl.NumberFormat("C")` throws.
    expect(() => new Intl.NumberFormat("C")).toThrow(RangeError);
    expect(usableLanguage("C")).toBe("en-US");
    expect(usableLanguage("")).toBe("en-US");
    expect(usableLanguage(undefined)).toBe("en-US");
  });
});

describe("ensureUsableLanguage", () => {
  it("makes the page report English when the WebView reports the C locale", () => {
    Object.defineProperty(navigator, "language", { value: "C", configurable: true });
    try {
      ensureUsableLanguage();
      expect(navigator.language).toBe("en-US");
      expect(navigator.languages).toEqual(["en-US"]);
      // What uPlot does as it loads.
      expect(new Intl.NumberFormat(navigator.language).format(1276)).toBe("1,276");
    } finally {
      delete (navigator as { language?: string }).language;
      delete (navigator as { languages?: readonly string[] }).languages;
    }
  });
});
