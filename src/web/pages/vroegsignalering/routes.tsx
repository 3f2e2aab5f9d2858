// The route components of vroegsignalering, loaded as their own chunk (lazyRouteComponent in router.tsx): users
// who never open these pages do not download them, nor the shared schemas (zod) they use.
import { getRouteApi } from '@tanstack/react-router';
import { AfwegingskaderPage } from './AfwegingskaderPage.tsx';
import { BestandenPage, ImportPage } from './BestandenPages.tsx';
import {
  PartnerEditPage,
  PartnerNewPage,
  PartnersPage,
  ReferralSourceEditPage,
  ReferralSourceNewPage,
  ReferralSourcesPage,
  WorkQueueEditPage,
  WorkQueueNewPage,
  WorkQueuesPage,
} from './ConfigPages.tsx';
import { FollowupAgendaPage, FollowupRoutePage, FollowupWorkPage } from './FollowupPages.tsx';
import { KoppelenPage } from './KoppelenPage.tsx';
import { MeldingenPage, MeldingPage } from './MeldingenPages.tsx';
import { SignaalPage, VerwijzenPage } from './SignalPages.tsx';

export {
  AfwegingskaderPage,
  BestandenPage,
  FollowupAgendaPage,
  FollowupRoutePage,
  FollowupWorkPage,
  KoppelenPage,
  PartnerNewPage,
  PartnersPage,
  ReferralSourceNewPage,
  ReferralSourcesPage,
  SignaalPage,
  VerwijzenPage,
  WorkQueueNewPage,
  WorkQueuesPage,
};

const meldingen = getRouteApi('/authenticated/vroegsignalering/meldingen');
const melding = getRouteApi('/authenticated/vroegsignalering/meldingen/$meldingId');
const importRoute = getRouteApi('/authenticated/vroegsignalering/bestanden/$importId');
const partner = getRouteApi('/authenticated/beheer/signaalpartners/$partnerId');
const source = getRouteApi('/authenticated/beheer/verwijzers/$sourceId');
const queue = getRouteApi('/authenticated/beheer/werkbakjes/$queueId');

export function MeldingenRoute() {
  const navigate = meldingen.useNavigate();
  return <MeldingenPage search={meldingen.useSearch()} onSearch={(search) => void navigate({ search })} />;
}

export function MeldingRoute() {
  return <MeldingPage meldingId={melding.useParams().meldingId} />;
}

export function ImportRoute() {
  return <ImportPage importId={importRoute.useParams().importId} />;
}

export function PartnerEditRoute() {
  return <PartnerEditPage partnerId={partner.useParams().partnerId} />;
}

export function SourceEditRoute() {
  return <ReferralSourceEditPage sourceId={source.useParams().sourceId} />;
}

export function QueueEditRoute() {
  return <WorkQueueEditPage queueId={queue.useParams().queueId} />;
}
