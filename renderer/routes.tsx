// The route table. A future module (consent, data-subject requests) adds its pages here and its
// code under renderer/features/<module>/.
import type { ComponentType } from 'react';
import { IconHome, IconUsers, IconShieldCheck, IconUserCog, IconInbox, IconAdjustments, IconAddressBook, IconFileCertificate, IconChartBar, IconLock, IconUserCheck, IconHourglass, type Icon } from '@tabler/icons-react';
import type { Permission } from '../core/api/permissions.ts';
import { Dashboard } from './features/dashboard/Dashboard.tsx';
import { ParticipantList } from './features/dossiers/ParticipantList.tsx';
import { NewParticipant } from './features/dossiers/NewParticipant.tsx';
import { DossierView } from './features/dossiers/DossierView.tsx';
import { AuditViewer } from './features/audit/AuditViewer.tsx';
import { UserManagement } from './features/users/UserManagement.tsx';
import { RequestDashboard } from './features/requests/RequestDashboard.tsx';
import { RequestIntake } from './features/requests/RequestIntake.tsx';
import { RequestDetail } from './features/requests/RequestDetail.tsx';
import { IdleLockSettings, PolicySettings } from './features/requests/PolicySettings.tsx';
import { ChangePasswordPage } from './features/account/ChangePassword.tsx';
import { AccountApprovals } from './features/users/AccountApprovals.tsx';
import { RecipientsPage } from './features/consent/RecipientsPage.tsx';
import { RegisterPage } from './features/consent/RegisterPage.tsx';
import { StatisticsPage } from './features/consent/StatisticsPage.tsx';
import { RetentionPage } from './features/retention/RetentionPage.tsx';

export interface RouteProps {
  params: Record<string, string>;
}

export interface RouteDef {
  pattern: string;
  /** Needed to see the page and its menu item. */
  permission: Permission;
  nav?: { labelKey: string; icon: Icon };
  component: ComponentType<RouteProps>;
}

export const routes: RouteDef[] = [
  { pattern: '/', permission: 'dossier.read', nav: { labelKey: 'nav.dashboard', icon: IconHome }, component: Dashboard },
  { pattern: '/dossiers', permission: 'dossier.read', nav: { labelKey: 'nav.participants', icon: IconUsers }, component: ParticipantList },
  { pattern: '/dossiers/new', permission: 'dossier.write', component: NewParticipant },
  { pattern: '/dossiers/:id', permission: 'dossier.read', component: DossierView },
  { pattern: '/requests', permission: 'requests.read', nav: { labelKey: 'requests.nav.requests', icon: IconInbox }, component: RequestDashboard },
  { pattern: '/requests/new', permission: 'requests.handle', component: RequestIntake },
  { pattern: '/requests/:id', permission: 'requests.read', component: RequestDetail },
  { pattern: '/recipients', permission: 'recipients.manage', nav: { labelKey: 'consent.nav.recipients', icon: IconAddressBook }, component: RecipientsPage },
  { pattern: '/register', permission: 'consent.register', nav: { labelKey: 'consent.nav.register', icon: IconFileCertificate }, component: RegisterPage },
  { pattern: '/statistics', permission: 'statistics.read', nav: { labelKey: 'consent.nav.statistics', icon: IconChartBar }, component: StatisticsPage },
  { pattern: '/retention', permission: 'retention.read', nav: { labelKey: 'retention.nav', icon: IconHourglass }, component: RetentionPage },
  { pattern: '/audit', permission: 'audit.read', nav: { labelKey: 'nav.audit', icon: IconShieldCheck }, component: AuditViewer },
  { pattern: '/users', permission: 'users.manage', nav: { labelKey: 'nav.users', icon: IconUserCog }, component: UserManagement },
  { pattern: '/settings/policy', permission: 'policy.manage', nav: { labelKey: 'requests.nav.policy', icon: IconAdjustments }, component: PolicySettings },
  // The technical administrator's part of the policy: only tightening the idle lock (issue 12).
  { pattern: '/settings/lock', permission: 'policy.technical', nav: { labelKey: 'account.idleNav', icon: IconLock }, component: IdleLockSettings },
  { pattern: '/users/approvals', permission: 'users.approve', nav: { labelKey: 'account.approvalsNav', icon: IconUserCheck }, component: AccountApprovals },
  { pattern: '/account/password', permission: 'session', component: ChangePasswordPage },
];

export function matchRoute(path: string): { route: RouteDef; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pat = route.pattern.split('/').filter(Boolean);
    if (pat.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    pat.forEach((seg, i) => {
      const part = parts[i] ?? '';
      if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(part);
      else if (seg !== part) ok = false;
    });
    if (ok) return { route, params };
  }
  return null;
}
