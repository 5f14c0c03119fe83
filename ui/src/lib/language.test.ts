import { describe, expect, it } from "vitest";
import { usableLanguage } from "./language";

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
