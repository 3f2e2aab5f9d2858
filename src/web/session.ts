import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Permission } from '../shared/roles.ts';
import { api, type Session } from './api.ts';

export const sessionQueryKey = ['session'] as const;

export const sessionQueryOptions = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: ({ signal }) => api.getSession(signal),
  staleTime: 60_000,
  retry: false,
});

export function useSession(): Session | undefined {
  return useQuery(sessionQueryOptions).data;
}

export function hasPermission(session: Session | undefined | null, ...anyOf: Permission[]): boolean {
  if (!session?.authenticated) return false;
  return anyOf.some((p) => session.permissions.includes(p));
}

/** Logged in and, where needed, past the second factor. */
export function isFullyAuthenticated(session: Session | undefined | null): boolean {
  return !!session?.authenticated && session.mfa !== 'enrol' && session.mfa !== 'verify';
}

export function needsSecondFactor(session: Session | undefined | null): boolean {
  return !!session?.authenticated && (session.mfa === 'enrol' || session.mfa === 'verify');
}

// Whether this browser tab had a session, so that landing on the login page after the cookie is gone (idle
// timeout, logout elsewhere) can say "Uw sessie is verlopen" rather than just asking to log in.
const HAD_SESSION_KEY = 'vangnet.hadSession';

export function rememberHadSession(value: boolean): void {
  try {
    if (value) globalThis.sessionStorage?.setItem(HAD_SESSION_KEY, '1');
    else globalThis.sessionStorage?.removeItem(HAD_SESSION_KEY);
  } catch {
    // Storage unavailable: the message is a courtesy.
  }
}

export function hadSession(): boolean {
  try {
    return globalThis.sessionStorage?.getItem(HAD_SESSION_KEY) === '1';
  } catch {
    return false;
  }
}

/** Only same-site paths are followed after login (no open redirect), and never into the API. */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (value.startsWith('/api/') || value.startsWith('/inloggen')) return undefined;
  return value;
}
