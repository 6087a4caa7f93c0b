import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Code, CopyButton, Group, Paper, PasswordInput, Radio, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client.ts';
import { useSession } from '../../state/session.ts';
import { useAction } from '../../components/useAction.ts';
import { navigate } from '../../state/router.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { PasswordRules, passwordOk } from './PasswordRules.tsx';
import { FormActions } from '../../components/FormActions.tsx';

type Preset = 'factor-twee' | 'mee';
const USERNAME = /^[a-z0-9._-]{3,40}$/;

export function FirstRunWizard() {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [organisation, setOrganisation] = useState('');
  const [preset, setPreset] = useState<Preset>('factor-twee');
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, run } = useAction();
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [stored, setStored] = useState(false);

  const usernameValid = USERNAME.test(username.trim().toLowerCase());

  function nextFromOrganisation(e: FormEvent) {
    e.preventDefault();
    if (organisation.trim()) setStep(1);
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    if (!displayName.trim() || !usernameValid || !passwordOk(password, repeat)) return;
    await run(async () => {
      const res = await call('vault.create', {
        organisation: organisation.trim(),
        preset,
        admin: { username: username.trim().toLowerCase(), displayName: displayName.trim(), password },
      });
      setRecoveryCode(res.recoveryCode);
      setPassword('');
      setRepeat('');
      setStep(2);
    });
  }

  function finish() {
    const s = useSession.getState();
    useSession.setState({ organisation: organisation.trim() });
    navigate('/');
    s.signedOut({ username: username.trim().toLowerCase() });
  }

  return (
    <AuthLayout title={t('firstRun.title')} subtitle={t('firstRun.subtitle')} width={640}>
      <Stepper active={step} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t('firstRun.stepOrganisation')} />
        <Stepper.Step label={t('firstRun.stepAdmin')} />
        <Stepper.Step label={t('firstRun.stepRecovery')} />
      </Stepper>

      {step === 0 ? (
        <form onSubmit={nextFromOrganisation}>
          <Stack>
            <TextInput
              label={t('firstRun.organisation')}
              description={t('firstRun.organisationHelp')}
              value={organisation}
              onChange={(e) => setOrganisation(e.currentTarget.value)}
              maxLength={200}
              required
              autoFocus
            />
            <Radio.Group label={t('firstRun.preset')} description={t('firstRun.presetHelp')} value={preset} onChange={(v) => setPreset(v as Preset)}>
              <Stack gap="sm" mt="xs">
                <Radio value="factor-twee" label={t('firstRun.presetFactorTwee')} description={t('firstRun.presetFactorTweeHelp')} />
                <Radio value="mee" label={t('firstRun.presetMee')} description={t('firstRun.presetMeeHelp')} />
              </Stack>
            </Radio.Group>
            <Group justify="flex-end">
              <Button type="submit" disabled={!organisation.trim()}>{t('common.next')}</Button>
            </Group>
          </Stack>
        </form>
      ) : null}

      {step === 1 ? (
        <form onSubmit={create}>
          <Stack>
            <Text size="sm">{t('firstRun.adminIntro')}</Text>
            <TextInput label={t('firstRun.displayName')} value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} required autoFocus />
            <TextInput
              label={t('firstRun.username')}
              description={t('firstRun.usernameHelp')}
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={username && !usernameValid ? t('firstRun.usernameInvalid') : undefined}
              autoComplete="username"
              required
            />
            <PasswordInput label={t('firstRun.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="new-password" required />
            <PasswordInput label={t('firstRun.repeat')} value={repeat} onChange={(e) => setRepeat(e.currentTarget.value)} autoComplete="new-password" required />
            <PasswordRules password={password} repeat={repeat} />
            <FormActions
              error={error}
              onCancel={() => setStep(0)}
              cancelLabel={t('common.back')}
              justify="space-between"
              submitLabel={t('firstRun.create')}
              busy={busy}
              disabled={!displayName.trim() || !usernameValid || !passwordOk(password, repeat)}
            />
          </Stack>
        </form>
      ) : null}

      {step === 2 && recoveryCode ? (
        <Stack>
          <Alert color="warn" variant="light" icon={<IconAlertTriangle size={18} />} title={t('firstRun.recoveryTitle')}>
            {t('firstRun.recoveryText')}
          </Alert>
          <Paper withBorder p="md" radius="md" bg="gray.0">
            <Group justify="space-between" wrap="nowrap">
              <Code className="dk-recovery" bg="transparent" data-testid="recovery-code">{recoveryCode}</Code>
              <CopyButton value={recoveryCode}>
                {({ copied, copy }) => (
                  <Button variant="default" size="xs" onClick={copy} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Paper>
          <Checkbox label={t('firstRun.recoveryStored')} checked={stored} onChange={(e) => setStored(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button disabled={!stored} onClick={finish}>{t('firstRun.toSignIn')}</Button>
          </Group>
        </Stack>
      ) : null}
    </AuthLayout>
  );
}
