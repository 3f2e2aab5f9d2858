import { createLink } from '@tanstack/react-router';
import { ButtonLink, Link } from '@utrecht/component-library-react';

/** An NL Design System link that navigates inside the app (TanStack Router), with type-checked `to`. */
export const AppLink = createLink(Link);

/** A link that looks like a button, for actions that go to another page ("Nieuwe gebruiker"). */
export const AppButtonLink = createLink(ButtonLink);

/** The list pages of the administration: their new and edit pages link back, a create or delete ends there. */
export type AdminListPath =
  | '/beheer/gebruikers'
  | '/beheer/teams'
  | '/beheer/wijken'
  | '/beheer/signaalpartners'
  | '/beheer/verwijzers'
  | '/beheer/werkbakjes'
  | '/beheer/regelingen';
