// The one place where the look of Vangnet is chosen. A municipality's theme is a CSS class that sets the
// NL Design System design tokens (for example `voorbeeld-theme`, the EUPL example theme). To add a
// municipality's own theme: install its (open-licensed) token package, import its theme.css here and add its
// class to THEMES. The session API returns `activeMunicipality.theme`; unknown classes fall back to the default.
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';

export const DEFAULT_THEME = 'voorbeeld-theme';

/** Theme classes whose CSS is bundled, with a human-readable name for the settings screen. */
export const THEMES: Readonly<Record<string, string>> = {
  'voorbeeld-theme': 'Voorbeeld (NL Design System)',
};

export function resolveTheme(theme: string | null | undefined): string {
  return theme && Object.hasOwn(THEMES, theme) ? theme : DEFAULT_THEME;
}

/** Puts the theme class on the root element, replacing any other known theme class. */
export function applyTheme(
  theme: string | null | undefined,
  root: HTMLElement = document.documentElement,
): string {
  const resolved = resolveTheme(theme);
  for (const known of Object.keys(THEMES)) {
    if (known !== resolved) root.classList.remove(known);
  }
  root.classList.add(resolved);
  return resolved;
}
