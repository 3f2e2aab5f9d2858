// Feedback to partners (terugmeldingen), as staff see it per partner: exactly what that partner gets through
// GET /terugmeldingen, and the same list as a CSV file to send to a partner without an API connection.
import { useQuery } from '@tanstack/react-query';
import { Link, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Terugmelding } from '../../../shared/schemas/terugmeldingen.ts';
import { loadAll, type Page, request } from '../../api.ts';
import { vsApi } from '../../api-vroegsignalering.ts';
import { PagedTable, PermittedPage } from '../../components/common.tsx';
import { SelectField } from '../../components/fields.tsx';
import { formatDateTime } from '../../i18n/index.ts';
import { formatIsoDate } from '../../vroegsignalering/labels.tsx';

const V1 = '/api/v1';
const enc = (value: string) => encodeURIComponent(value);

export const terugmeldingenApi = {
  ofPartner: (partnerId: string, cursor: string | null) =>
    request<Page<Terugmelding>>(`${V1}/signaalpartners/${enc(partnerId)}/terugmeldingen`, {
      query: { cursor, limit: 50 },
    }),
  csvUrl: (partnerId: string) => `${V1}/signaalpartners/${enc(partnerId)}/terugmeldingen/export`,
};

function answer(t: TFunction, value: boolean | null, unknown: string): string {
  return value === null ? unknown : value ? t('common.yes') : t('common.no');
}

export function TerugmeldingenPage() {
  const { t } = useTranslation();
  return (
    <PermittedPage
      permission="vroegsignalering:manage"
      title={t('terugmeldingen.title')}
      intro={t('terugmeldingen.intro')}
    >
      <Feedback />
    </PermittedPage>
  );
}

function Feedback() {
  const { t } = useTranslation();
  const partners = useQuery({
    queryKey: ['signaalpartners', 'all'],
    queryFn: () => loadAll((cursor) => vsApi.partners(cursor)),
  });
  const [partnerId, setPartnerId] = useState('');
  const chosen = partnerId || partners.data?.[0]?.id || '';
  return (
    <>
      <SelectField
        id="tm-partner"
        label={t('terugmeldingen.partner')}
        value={chosen}
        onChange={setPartnerId}
        options={(partners.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.partnerType})` }))}
      />
      {chosen && (
        <>
          <Paragraph>
            <Link href={terugmeldingenApi.csvUrl(chosen)} download>
              {t('terugmeldingen.download')}
            </Link>
          </Paragraph>
          <PagedTable<Terugmelding & { id: string }>
            queryKey={['terugmeldingen', chosen]}
            load={async (cursor) => {
              const page = await terugmeldingenApi.ofPartner(chosen, cursor);
              return { ...page, items: page.items.map((i) => ({ ...i, id: i.signalId })) };
            }}
            caption={t('terugmeldingen.caption')}
            empty={t('terugmeldingen.empty')}
            columns={[
              { header: t('terugmeldingen.externalId'), cell: (i) => i.externalId ?? '' },
              { header: t('terugmeldingen.signalDate'), cell: (i) => formatIsoDate(i.signalDate) },
              {
                header: t('terugmeldingen.takenUp'),
                cell: (i) => answer(t, i.takenUp, t('terugmeldingen.notYet')),
              },
              {
                header: t('terugmeldingen.helpAccepted'),
                cell: (i) => answer(t, i.helpAccepted, t('terugmeldingen.unknown')),
              },
              { header: t('terugmeldingen.changedAt'), cell: (i) => formatDateTime(i.changedAt) },
            ]}
          />
        </>
      )}
    </>
  );
}
