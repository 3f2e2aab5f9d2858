import { type QueryKey, useQuery } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/roles.ts';
import type { Page } from '../api.ts';
import { hasPermission, useSession } from '../session.ts';
import { type AdminListPath, AppLink } from './links.tsx';
import { ErrorAlert } from './problem.tsx';
import { usePageTitle } from './usePageTitle.ts';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Paragraph role="status" className="vangnet-loading">
      {t('common.loading')}
    </Paragraph>
  );
}

/** A data table that scrolls on its own on narrow screens (WCAG 1.4.10) and can be scrolled by keyboard. */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section
      className="vangnet-table-scroll"
      aria-label={t('common.tableScrollLabel', { name: caption })}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable for keyboard users (WCAG 2.1.1).
      tabIndex={0}
    >
      <Table>
        <TableCaption>{caption}</TableCaption>
        {children}
      </Table>
    </section>
  );
}

/** Renders its children only when the active municipality grants one of the permissions. */
export function RequirePermission({ anyOf, children }: { anyOf: Permission[]; children: ReactNode }) {
  const session = useSession();
  if (!session) return <Loading />;
  if (!hasPermission(session, ...anyOf)) return <Forbidden />;
  return <>{children}</>;
}

interface PermittedPageProps {
  /** Only users whose active municipality grants this permission see the page. */
  permission: Permission;
  /** The h1, and the document title. */
  title: string;
  /** A paragraph under the h1. */
  intro?: string;
  /** A link back to this list page, under the h1. */
  back?: AdminListPath;
  children: ReactNode;
}

/** A page that needs a permission: document title, h1, an intro or a link back, then the content. */
export function PermittedPage({ permission, ...page }: PermittedPageProps) {
  return (
    <RequirePermission anyOf={[permission]}>
      <PageContent {...page} />
    </RequirePermission>
  );
}

function PageContent({ title, intro, back, children }: Omit<PermittedPageProps, 'permission'>) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <>
      <Heading1>{title}</Heading1>
      {intro !== undefined && <Paragraph>{intro}</Paragraph>}
      {back !== undefined && (
        <Paragraph>
          <AppLink to={back}>{t('common.back')}</AppLink>
        </Paragraph>
      )}
      {children}
    </>
  );
}

/** Loads with a query; shows that it is loading, the error, or what `children` makes of the data. */
export function QueryView<T>({
  queryKey,
  queryFn,
  children,
}: {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  children: (data: T) => ReactNode;
}) {
  const query = useQuery({ queryKey, queryFn });
  return (
    <>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data !== undefined && children(query.data)}
    </>
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('forbidden.title'));
  return (
    <>
      <Heading1>{t('forbidden.title')}</Heading1>
      <Paragraph>{t('forbidden.text')}</Paragraph>
    </>
  );
}

interface ConfirmActionProps {
  /** The button that starts the action, e.g. "Verwijderen". */
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy?: boolean;
}

/** A dangerous action with an inline confirmation step (no modal dialog to trap focus in). */
export function ConfirmAction({ label, question, confirmLabel, onConfirm, busy }: ConfirmActionProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <Button
        ref={startRef}
        appearance="secondary-action-button"
        hint="danger"
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  }
  return (
    <div className="vangnet-confirm">
      <Paragraph>{question}</Paragraph>
      <ButtonGroup>
        <Button
          ref={confirmRef}
          appearance="primary-action-button"
          hint="danger"
          busy={busy}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setAsking(false)}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </div>
  );
}

/** Cursor pagination state: a stack of cursors, so "Vorige" and "Volgende" both work. */
export function useCursorPager(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({
    key: resetKey,
    stack: [null],
  });
  const stack = state.key === resetKey ? state.stack : [null];
  return {
    cursor: stack[stack.length - 1] ?? null,
    page: stack.length,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
    first: () => setState({ key: resetKey, stack: [null] }),
  };
}

export function Pager({
  page,
  nextCursor,
  onNext,
  onPrevious,
}: {
  page: number;
  nextCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  const { t } = useTranslation();
  if (page <= 1 && !nextCursor) return null;
  return (
    <ButtonGroup className="vangnet-pager">
      {page > 1 && (
        <Button appearance="secondary-action-button" onClick={onPrevious}>
          {t('common.previous')}
        </Button>
      )}
      {nextCursor && (
        <Button appearance="secondary-action-button" onClick={() => onNext(nextCursor)}>
          {t('common.next')}
        </Button>
      )}
    </ButtonGroup>
  );
}

/** A column of a PagedTable: its header, and what a row shows in it. */
export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

interface PagedTableProps<T> {
  /** The query key of the list; the cursor of the page is added. Another key starts again at page 1. */
  queryKey: readonly unknown[];
  load: (cursor: string | null) => Promise<Page<T>>;
  caption: string;
  columns: Column<T>[];
  /** Shown under the table when there are no rows; "Er is nog niets om te tonen." when left out. */
  empty?: string;
  /** An extra class for a row, e.g. to mark crisis meldingen. */
  rowClassName?: (item: T) => string | undefined;
}

/** A list from a cursor-paginated API as a table of one page at a time, with "Vorige" and "Volgende". */
export function PagedTable<T extends { id: string }>({
  queryKey,
  load,
  caption,
  columns,
  empty,
  rowClassName,
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  const pager = useCursorPager(JSON.stringify(queryKey));
  return (
    <QueryView queryKey={[...queryKey, pager.cursor]} queryFn={() => load(pager.cursor)}>
      {(page) => (
        <>
          <DataTable caption={caption}>
            <TableHeader>
              <TableRow>
                {columns.map((column) => (
                  <TableHeaderCell key={column.header} scope="col">
                    {column.header}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {page.items.map((item) => (
                <TableRow key={item.id} className={rowClassName?.(item)}>
                  {columns.map((column) => (
                    <TableCell key={column.header}>{column.cell(item)}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
          {page.items.length === 0 && <Paragraph>{empty ?? t('common.empty')}</Paragraph>}
          <Pager
            page={pager.page}
            nextCursor={page.nextCursor}
            onNext={pager.next}
            onPrevious={pager.previous}
          />
        </>
      )}
    </QueryView>
  );
}
