// Internationalisation. Every language is one JSON file in this folder (nl.json is the source), whose
// `language` block gives its name, writing direction and Intl locale. LANGUAGE_META is built from those files,
// so adding a language (also a right-to-left one such as Arabic: "dir": "rtl") is adding a file.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type nl from './nl.json';

export type Messages = typeof nl;
export type TextDirection = 'ltr' | 'rtl';
export interface LanguageMeta {
  /** The language's own name for itself, shown in the language switch. */
  name: string;
  dir: TextDirection;
  /** BCP 47 locale for Intl date and number formatting. */
  locale: string;
}

export const DEFAULT_LANGUAGE = 'nl';
const STORAGE_KEY = 'vangnet.language';

const files = import.meta.glob<Messages>('./*.json', { eager: true, import: 'default' });

const resources: Record<string, { translation: Messages }> = {};
const meta: Record<string, LanguageMeta> = {};
for (const [file, messages] of Object.entries(files)) {
  const code = file.replace(/^\.\//, '').replace(/\.json$/, '');
  resources[code] = { translation: messages };
  meta[code] = {
    name: messages.language.name,
    dir: messages.language.dir === 'rtl' ? 'rtl' : 'ltr',
    locale: messages.language.locale,
  };
}

export const LANGUAGE_META: Readonly<Record<string, LanguageMeta>> = meta;

/** Supported language codes, Dutch first. */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.keys(meta).sort((a, b) =>
  a === DEFAULT_LANGUAGE ? -1 : b === DEFAULT_LANGUAGE ? 1 : a.localeCompare(b),
);

export function isSupportedLanguage(code: unknown): code is string {
  return typeof code === 'string' && Object.hasOwn(meta, code);
}

export function languageMeta(code: string): LanguageMeta {
  return meta[code] ?? meta[DEFAULT_LANGUAGE] ?? { name: code, dir: 'ltr', locale: code };
}

function storedLanguage(): string | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isSupportedLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

/** True when the user picked a language themselves (then it wins over their profile's preference). */
export function hasStoredLanguage(): boolean {
  return storedLanguage() !== null;
}

function applyToDocument(code: string): void {
  if (typeof document === 'undefined') return;
  const root = document.documentElement;
  root.lang = code;
  root.dir = languageMeta(code).dir;
}

export const i18n = i18next.createInstance();

export function initI18n(): typeof i18n {
  if (i18n.isInitialized) return i18n;
  void i18n.use(initReactI18next).init({
    resources,
    lng: storedLanguage() ?? DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  applyToDocument(i18n.language);
  i18n.on('languageChanged', applyToDocument);
  return i18n;
}

/** Switches the language and remembers the choice on this device. */
export async function setLanguage(code: string, remember = true): Promise<void> {
  if (!isSupportedLanguage(code)) return;
  if (remember) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, code);
    } catch {
      // Storage may be unavailable (private mode); the switch still works for this page view.
    }
  }
  await i18n.changeLanguage(code);
}

export function currentLocale(): string {
  return languageMeta(i18n.language).locale;
}

export function formatDateTime(value: string | Date, options?: Intl.DateTimeFormatOptions): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(
    currentLocale(),
    options ?? { dateStyle: 'medium', timeStyle: 'medium' },
  ).format(date);
}

export function formatDate(value: Date, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(currentLocale(), options ?? { dateStyle: 'full' }).format(value);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLocale(), options).format(value);
}
