import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ButtonGroup, Heading2 } from '@utrecht/component-library-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/roles.ts';
import { showFlash } from '../flash.ts';
import { ConfirmAction, PermittedPage, QueryView } from './common.tsx';
import type { SubmitProps } from './forms.tsx';
import { type AdminListPath, AppButtonLink } from './links.tsx';
import { ErrorAlert, SuccessAlert } from './problem.tsx';

// The administration of teams, wijken and users: each has a list page, a new page and an edit page.
// Query keys: [key, 'list', cursor] for a page of the list, [key, 'detail', id] for one item.

/** One kind of thing that is administered, e.g. teams. */
export interface AdminResource<T> {
  /** The first part of its query keys, e.g. 'teams'. */
  key: string;
  /** Its list page: the new and edit pages link back to it, a create or a delete ends there. */
  path: AdminListPath;
  /** Who may administer it. */
  permission: Permission;
  /** How an item is named in messages ("… is toegevoegd"). */
  name: (item: T) => string;
}

interface ResourceListPageProps<T> {
  resource: AdminResource<T>;
  title: string;
  intro: string;
  /** The text of the button to the new page. */
  newLabel: string;
  /** The table. */
  children: ReactNode;
}

/** The list page: h1, intro, a button to the new page, then the table. */
export function ResourceListPage<T>({
  resource,
  title,
  intro,
  newLabel,
  children,
}: ResourceListPageProps<T>) {
  return (
    <PermittedPage permission={resource.permission} title={title} intro={intro}>
      <ButtonGroup>
        <AppButtonLink to={`${resource.path}/nieuw`} appearance="primary-action-button">
          {newLabel}
        </AppButtonLink>
      </ButtonGroup>
      {children}
    </PermittedPage>
  );
}

interface ResourceNewPageProps<V, T> {
  resource: AdminResource<T>;
  title: string;
  create: (values: V) => Promise<T>;
  /** The form, given what it needs to create. */
  children: (form: SubmitProps<V>) => ReactNode;
}

/** The new page: creates, then goes back to the list, which says "… is toegevoegd". */
export function ResourceNewPage<V, T>({ title, ...props }: ResourceNewPageProps<V, T>) {
  return (
    <PermittedPage permission={props.resource.permission} title={title} back={props.resource.path}>
      <CreateResource {...props} />
    </PermittedPage>
  );
}

function CreateResource<V, T>({ resource, create, children }: Omit<ResourceNewPageProps<V, T>, 'title'>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: (values: V) => create(values),
    onSuccess: async (item) => {
      await queryClient.invalidateQueries({ queryKey: [resource.key] });
      showFlash(t('common.created', { name: resource.name(item) }), resource.path);
      await navigate({ to: resource.path });
    },
  });
  return <>{children({ onSubmit: mutation.mutate, busy: mutation.isPending, error: mutation.error })}</>;
}

interface ResourceEditPageProps<T> {
  resource: AdminResource<T>;
  id: string;
  title: string;
  load: () => Promise<T>;
  /** What the page shows of the loaded item. */
  children: (item: T) => ReactNode;
}

/** The edit page: loads the item, then shows what `children` makes of it. */
export function ResourceEditPage<T>({ resource, id, title, load, children }: ResourceEditPageProps<T>) {
  return (
    <PermittedPage permission={resource.permission} title={title} back={resource.path}>
      <QueryView queryKey={[resource.key, 'detail', id]} queryFn={load}>
        {children}
      </QueryView>
    </PermittedPage>
  );
}

/** Saves an item: keeps the saved item as the detail, refreshes the list, then calls onSaved. */
export function useUpdateResource<V, T extends { id: string }>(
  resource: AdminResource<T>,
  id: string,
  update: (values: V) => Promise<T>,
  onSaved: (item: T) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: V) => update(values),
    onSuccess: async (updated) => {
      queryClient.setQueryData([resource.key, 'detail', id], updated);
      await queryClient.invalidateQueries({ queryKey: [resource.key, 'list'] });
      onSaved(updated);
    },
  });
}

interface ResourceEditorProps<V, T> {
  resource: AdminResource<T>;
  item: T;
  update: (values: V) => Promise<T>;
  remove: () => Promise<unknown>;
  /** The h2 of the section to delete the item. */
  deleteTitle: string;
  /** Other resources whose queries show this item and must be refreshed when it is deleted. */
  alsoInvalidate?: string[];
  /** The form, given what it needs to save. */
  children: (form: SubmitProps<V>) => ReactNode;
}

/** The form to save an item ("De wijzigingen zijn opgeslagen."), and a section to delete it. */
export function ResourceEditor<V, T extends { id: string }>({
  resource,
  item,
  update,
  remove,
  deleteTitle,
  alsoInvalidate,
  children,
}: ResourceEditorProps<V, T>) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const mutation = useUpdateResource(resource, item.id, update, () => setSaved(true));
  return (
    <>
      {saved && !mutation.isPending && <SuccessAlert>{t('common.saved')}</SuccessAlert>}
      {children({
        onSubmit: (values) => {
          setSaved(false);
          mutation.mutate(values);
        },
        busy: mutation.isPending,
        error: mutation.error,
      })}
      <DeleteResourceSection
        resource={resource}
        item={item}
        title={deleteTitle}
        remove={remove}
        alsoInvalidate={alsoInvalidate}
      />
    </>
  );
}

interface DeleteResourceSectionProps<T> {
  resource: AdminResource<T>;
  item: T;
  title: string;
  remove: () => Promise<unknown>;
  alsoInvalidate?: string[];
}

/** A section to delete an item, after confirmation; then back to the list, which says "… is verwijderd". */
function DeleteResourceSection<T extends { id: string }>({
  resource,
  item,
  title,
  remove,
  alsoInvalidate = [],
}: DeleteResourceSectionProps<T>) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const name = resource.name(item);
  const mutation = useMutation({
    mutationFn: () => remove(),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: [resource.key, 'detail', item.id] });
      await queryClient.invalidateQueries({ queryKey: [resource.key] });
      for (const key of alsoInvalidate) await queryClient.invalidateQueries({ queryKey: [key] });
      showFlash(t('common.deleted', { name }), resource.path);
      await navigate({ to: resource.path });
    },
  });
  return (
    <section className="vangnet-section" aria-labelledby="delete-heading">
      <Heading2 id="delete-heading">{title}</Heading2>
      {mutation.isError && <ErrorAlert error={mutation.error} />}
      <ConfirmAction
        label={t('common.delete')}
        question={t('common.confirmDelete', { name })}
        confirmLabel={t('common.confirmDeleteButton')}
        onConfirm={() => mutation.mutate()}
        busy={mutation.isPending}
      />
    </section>
  );
}
