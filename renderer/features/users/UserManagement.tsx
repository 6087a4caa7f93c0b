import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Modal, PasswordInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconKey, IconUserOff, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '../../../core/api/permissions.ts';
import type { Out } from '../../api/client.ts';
import { useApi, useApiMutation } from '../../api/query.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { useSession } from '../../state/session.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { showSuccess } from '../../components/notify.ts';
import { useAction } from '../../components/useAction.ts';
import { formatDate } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PasswordRules, passwordOk } from '../auth/PasswordRules.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';

type User = Out<'users.list'>[number];
const USERNAME = /^[a-z0-9._-]{3,40}$/;
/** A new or deactivated account also changes the privacy officer's list of accounts to approve. */
const CHANGES_USERS = ['users.list', 'users.pendingApproval'] as const;

export function UserManagement() {
  const { t } = useTranslation();
  const me = useSession((s) => s.me);
  const query = useApi('users.list', {});
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);

  return (
    <Stack>
      <PageHeader
        title={t('users.title')}
        description={t('users.subtitle')}
        actions={<Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>{t('users.new')}</Button>}
      />
      <QueryState query={query}>
        {(users) => (
      <DataTable headers={[t('users.displayName'), t('users.username'), t('users.role'), t('users.status'), t('users.createdAt')]} actions>
        {users.map((u) => (
          <Table.Tr key={u.id} data-testid="user-row">
            <Table.Td fw={600}>{u.displayName}</Table.Td>
            <Table.Td ff="monospace">{u.username}</Table.Td>
            <Table.Td>{t(`roles.${u.role}`)}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                <Badge variant="outline" color={u.active ? 'ok' : 'gray.7'} size="sm">{u.active ? t('users.active') : t('users.inactive')}</Badge>
                {u.active && u.approval === 'pending' ? <Badge variant="outline" color="warn" size="sm" data-testid="approval-pending">{t('account.pendingBadge')}</Badge> : null}
                {u.active && u.passwordTemporary ? <Badge variant="outline" color="warn" size="sm" data-testid="password-temporary">{t('account.temporaryBadge')}</Badge> : null}
              </Group>
            </Table.Td>
            <Table.Td>{formatDate(u.createdAt)}</Table.Td>
            <Table.Td>
              {u.active ? (
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Button size="xs" variant="subtle" leftSection={<IconKey size={14} />} onClick={() => setResetting(u)} aria-label={t('users.resetNamed', { name: u.displayName })}>
                    {t('users.reset')}
                  </Button>
                  {u.id !== me?.userId ? (
                    <Button size="xs" variant="subtle" color="danger" leftSection={<IconUserOff size={14} />} onClick={() => setDeactivating(u)} aria-label={t('users.deactivateNamed', { name: u.displayName })}>
                      {t('users.deactivate')}
                    </Button>
                  ) : null}
                </Group>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
        )}
      </QueryState>
      {creating ? <CreateUser onClose={() => setCreating(false)} /> : null}
      {resetting ? <ResetPassword user={resetting} onClose={() => setResetting(null)} /> : null}
      {deactivating ? <Deactivate user={deactivating} onClose={() => setDeactivating(null)} /> : null}
    </Stack>
  );
}

function CreateUser({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('consultant');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction();
  const create = useApiMutation('users.create', { invalidates: [...CHANGES_USERS] });
  const usernameValid = USERNAME.test(username.trim().toLowerCase());

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!displayName.trim() || !usernameValid || !passwordOk(password)) {
      setError(t('form.fillRequired'));
      return;
    }
    await run(async () => {
      const u = await create.mutateAsync({ displayName: displayName.trim(), username: username.trim().toLowerCase(), role, password });
      showSuccess(u.approval === 'pending' ? t('account.createdPending', { name: u.displayName }) : t('users.created', { name: u.displayName }));
      onClose();
    });
  }

  return (
    <Modal opened onClose={onClose} title={t('users.new')} size="md">
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t('users.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required data-autofocus />
          <TextInput
            label={t('users.username')}
            description={t('firstRun.usernameHelp')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={username && !usernameValid ? t('firstRun.usernameInvalid') : undefined}
            required
          />
          <Select label={t('users.role')} data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} value={role} onChange={(v) => v && setRole(v as Role)} allowDeselect={false} />
          <Text size="xs" c="dimmed">{t(`roleHelp.${role}`)}</Text>
          <PasswordInput label={t('users.initialPassword')} description={t('users.initialPasswordHelp')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" required />
          <PasswordRules password={password} />
          <Text size="xs" c="dimmed">{t('account.temporaryHelp')}</Text>
          <FormActions error={error} onCancel={onClose} submitLabel={t('users.create')} busy={busy} />
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPassword({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const reset = useApiMutation('users.resetPassword', { invalidates: ['users.list'] }); // the temporary-password badge

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!passwordOk(password)) return;
    await run(async () => {
      await reset.mutateAsync({ userId: user.id, newPassword: password });
      showSuccess(t('users.resetDone', { name: user.displayName }));
      onClose();
    });
  }

  return (
    <Modal opened onClose={onClose} title={t('users.resetTitle', { name: user.displayName })}>
      <form onSubmit={submit}>
        <Stack>
          <PasswordInput label={t('users.newPassword')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" required data-autofocus />
          <PasswordRules password={password} />
          <Text size="xs" c="dimmed">{t('account.temporaryHelp')}</Text>
          <FormActions error={error} onCancel={onClose} submitLabel={t('users.reset')} busy={busy} disabled={!passwordOk(password)} />
        </Stack>
      </form>
    </Modal>
  );
}

function Deactivate({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  const deactivate = useApiMutation('users.deactivate', { invalidates: [...CHANGES_USERS] });

  async function confirm() {
    await run(async () => {
      await deactivate.mutateAsync({ userId: user.id });
      showSuccess(t('users.deactivated', { name: user.displayName }));
      onClose();
    });
  }

  return (
    <ConfirmDialog opened title={t('users.deactivateTitle')} confirmLabel={t('users.deactivate')} onConfirm={() => void confirm()} onCancel={onClose} busy={busy} error={error} color="danger" autoFocus="cancel">
      <Text>{t('users.deactivateConfirm', { name: user.displayName, username: user.username })}</Text>
    </ConfirmDialog>
  );
}
