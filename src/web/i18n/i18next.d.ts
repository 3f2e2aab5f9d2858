import 'i18next';
import type nl from './nl.json';

// Dutch is the source language: its file defines which keys exist, so `t('...')` is type-checked.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}
