// The route components of budgetmaatjes (the coordinator's pages and the volunteer's own), loaded as their own
// chunk (lazyRouteComponent in router.tsx).
import { getRouteApi } from '@tanstack/react-router';
import { EscalationsPage, MatchesPage } from './MatchesPages.tsx';
import { MyMatchesPage, MyMatchPage } from './MyMatchesPages.tsx';
import { MaatjesNewRequestPage, MaatjesRequestPage, MaatjesRequestsPage } from './RequestsPages.tsx';
import {
  OrganisationsPage,
  VolunteerEditPage,
  VolunteerNewPage,
  VolunteersPage,
} from './VolunteersPages.tsx';

export {
  EscalationsPage,
  MaatjesRequestsPage,
  MatchesPage,
  MyMatchesPage,
  OrganisationsPage,
  VolunteerNewPage,
  VolunteersPage,
};

const newRequest = getRouteApi('/authenticated/budgetmaatjes/hulpvragen/nieuw');
const request = getRouteApi('/authenticated/budgetmaatjes/hulpvragen/$requestId');
const volunteer = getRouteApi('/authenticated/budgetmaatjes/vrijwilligers/$volunteerId');
const myMatch = getRouteApi('/authenticated/mijn-maatjes/$matchId');

export function MaatjesNewRequestRoute() {
  return <MaatjesNewRequestPage householdCaseId={newRequest.useSearch().huishouden} />;
}

export function MaatjesRequestRoute() {
  return <MaatjesRequestPage requestId={request.useParams().requestId} />;
}

export function VolunteerEditRoute() {
  return <VolunteerEditPage volunteerId={volunteer.useParams().volunteerId} />;
}

export function MyMatchRoute() {
  return <MyMatchPage matchId={myMatch.useParams().matchId} />;
}
