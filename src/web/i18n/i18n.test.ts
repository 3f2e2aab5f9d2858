import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, LANGUAGE_META, SUPPORTED_LANGUAGES } from './index.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const languageFiles = readdirSync(dir).filter((f) => f.endsWith('.json'));

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flatten(value, path)) out.set(k, v);
    } else throw new Error(`${path} is neither a string nor an object`);
  }
  return out;
}

function load(file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Tree);
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const source = load('nl.json');

  it('has Dutch and English', () => {
    expect(languageFiles).toContain('nl.json');
    expect(languageFiles).toContain('en.json');
    expect(DEFAULT_LANGUAGE).toBe('nl');
    expect(SUPPORTED_LANGUAGES[0]).toBe('nl');
  });

  for (const file of languageFiles) {
    describe(file, () => {
      const messages = load(file);

      it('has exactly the same keys as nl.json', () => {
        expect([...messages.keys()].sort()).toEqual([...source.keys()].sort());
      });

      it('has no empty strings', () => {
        const empty = [...messages].filter(([, v]) => v.trim() === '').map(([k]) => k);
        expect(empty).toEqual([]);
      });

      it('uses the same interpolation variables as nl.json', () => {
        const mismatched = [...source]
          .filter(
            ([k, v]) =>
              JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(messages.get(k) ?? '')),
          )
          .map(([k]) => k);
        expect(mismatched).toEqual([]);
      });

      it('declares its writing direction and locale', () => {
        const code = file.replace(/\.json$/, '');
        expect(['ltr', 'rtl']).toContain(messages.get('language.dir'));
        expect(() => new Intl.NumberFormat(messages.get('language.locale'))).not.toThrow();
        expect(LANGUAGE_META[code]?.dir).toBe(messages.get('language.dir'));
      });
    });
  }
});
