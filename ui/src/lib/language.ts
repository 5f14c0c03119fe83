/**
 * WebKitGTK reports the POSIX locale as the page's language ("C" when LANG is C or unset), a
 * tag `Intl` refuses: a library formatting with `navigator.language` (uPlot does, as it loads)
 * would throw. The C locale means plain English, so that is what the page reports instead.
 */
export function usableLanguage(language: string | undefined): string {
  try {
    if (language) {
      new Intl.NumberFormat(language);
      return language;
    }
  } catch {
    // Not a language tag Intl knows.
  }
  return "en-US";
}

export function ensureUsableLanguage() {
  const language = usableLanguage(navigator.language);
  if (language === navigator.language) return;
  Object.defineProperty(navigator, "language", { value: language, configurable: true });
  Object.defineProperty(navigator, "languages", { value: [language], configurable: true });
}
