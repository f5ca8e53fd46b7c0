/** Spoken languages as ISO 639 codes (`en`, `pt-BR`), named for people. */

/** The languages a doctor picks from (the API accepts any ISO 639 code). */
export const COMMON_LANGUAGES = [
  "en", "fr", "de", "es", "it", "nl", "pt", "pl", "ro", "el", "tr", "ru", "uk", "ar", "fa",
  "he", "hi", "ur", "bn", "zh", "ja", "ko", "vi", "sv", "da", "no", "fi", "cs", "hu", "sq",
] as const;

const names = new Intl.DisplayNames(["en"], { type: "language" });

/** The English name of a language code ("fr" → "French"); the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
