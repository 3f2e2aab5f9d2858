import { useSyncExternalStore } from 'react';

// A one-time success message to show on the page the user is sent to after an action ("Team is verwijderd").
interface Flash {
  message: string;
  path: string;
}

let current: Flash | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

export function showFlash(message: string, path: string): void {
  current = { message, path };
  emit();
}

/** Called after each navigation: a flash belongs to one page, once the user moves on it is gone. */
export function clearFlashUnlessFor(path: string): void {
  if (current && current.path !== path) {
    current = null;
    emit();
  }
}

export function useFlash(pathname: string): string | null {
  const flash = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
  return flash && flash.path === pathname ? flash.message : null;
}
