import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { resolveBrowserLocale, type TranslationMessages } from 'react-admin';
import { da } from './da';
import { en } from './en';
import { raDanish } from './raDanish';

export const locales = [
  { locale: 'en', name: 'English' },
  { locale: 'da', name: 'Dansk' },
] as const;
export type Locale = (typeof locales)[number]['locale'];

/** Every language the console speaks: react-admin's words merged with ours. */
export const messages: Record<Locale, TranslationMessages> = {
  en: { ...englishMessages, ...en },
  da: { ...raDanish, ...da },
};

const isLocale = (value: string): value is Locale => value in messages;
const browserLocale = resolveBrowserLocale('en');

/**
 * English unless the browser prefers Danish; the language menu in the app bar switches, and
 * react-admin remembers the choice in its store.
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[isLocale(locale) ? locale : 'en'],
  isLocale(browserLocale) ? browserLocale : 'en',
  [...locales],
  { allowMissing: true },
);
