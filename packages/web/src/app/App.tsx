import { holds } from '@veil/policy';
import type { WorkspaceCapability } from '@veil/schema';
import { lazy, type ReactNode, Suspense, useCallback, useMemo, useState } from 'react';
import { api } from '../api/api.js';
import type { Me } from '../api/types.js';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { Layout } from '../components/Layout.js';
import { Loaded, NotForRole } from '../components/Status.js';
import { CustomersScreen } from '../screens/CustomersScreen.js';
import { DueTodayScreen } from '../screens/DueTodayScreen.js';
import { LoginScreen } from '../screens/LoginScreen.js';
import { RecordScreen } from '../screens/RecordScreen.js';
import { useI18n } from './i18n.js';
import { type Route, useRoute } from './router.js';
import { type Session, SessionContext } from './session.js';
import { useLoad } from './useLoad.js';

// The builder is for admins only; it stays out of the bundle a rep downloads.
const Builder = lazy(() => import('../builder/Builder.js').then((m) => ({ default: m.Builder })));
// So are the user and workspace policy screens (user managers, workspace managers).
const UsersScreen = lazy(() => import('../screens/UsersScreen.js').then((m) => ({ default: m.UsersScreen })));
const ComplianceScreen = lazy(() =>
  import('../screens/ComplianceScreen.js').then((m) => ({ default: m.ComplianceScreen })),
);
// Exports, approvals and share links: their own chunk.
const ExportsRoutes = lazy(() =>
  import('../exports/ExportsRoutes.js').then((m) => ({ default: m.ExportsRoutes })),
);
const ImportScreen = lazy(() =>
  import('../screens/ImportScreen.js').then((m) => ({ default: m.ImportScreen })),
);
const PolicyScreen = lazy(() =>
  import('../screens/PolicyScreen.js').then((m) => ({ default: m.PolicyScreen })),
);
// Screens a rep rarely or never opens: the audit trail, the processing record, the template
// list and the account page load on first use.
const AuditScreen = lazy(() => import('../screens/AuditScreen.js').then((m) => ({ default: m.AuditScreen })));
const ProcessingRecordScreen = lazy(() =>
  import('../screens/ProcessingRecordScreen.js').then((m) => ({ default: m.ProcessingRecordScreen })),
);
const TemplatesScreen = lazy(() =>
  import('../screens/TemplatesScreen.js').then((m) => ({ default: m.TemplatesScreen })),
);
const AccountScreen = lazy(() =>
  import('../screens/AccountScreen.js').then((m) => ({ default: m.AccountScreen })),
);

export function App() {
  const [epoch, setEpoch] = useState(0);
  const me = useLoad(() => api.me(), [epoch]);
  return (
    <Loaded load={me}>
      {(user) =>
        user ? (
          <SignedIn me={user} onSignOut={() => setEpoch((n) => n + 1)} />
        ) : (
          <LoginScreen onSignedIn={() => setEpoch((n) => n + 1)} />
        )
      }
    </Loaded>
  );
}

function SignedIn({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const route = useRoute();
  const signOut = useCallback(async () => {
    await api.logout().catch(() => undefined);
    window.location.hash = '';
    onSignOut();
  }, [onSignOut]);
  const session = useMemo<Session>(
    () => ({ me, can: (capability, relation) => holds(me.capabilities, capability, relation), signOut }),
    [me, signOut],
  );
  const { locale, t } = useI18n();
  const { page, customerData } = pick(route, session);
  // Titles and enum names come localized from the server: a language switch reloads the page's data.
  return (
    <SessionContext.Provider value={session}>
      <Layout watermark={customerData}>
        <ErrorBoundary key={`${locale}${route.segments.join('/')}`} message={t('common.error')}>
          {page}
        </ErrorBoundary>
      </Layout>
    </SessionContext.Provider>
  );
}

/** A screen loaded on first use, with a loading note meanwhile. */
function LazyRoute({ children, builder = false }: { children: ReactNode; builder?: boolean }) {
  const { t } = useI18n();
  const note = t(builder ? 'builder.loading' : 'common.loading');
  return <Suspense fallback={<p className="muted">{note}</p>}>{children}</Suspense>;
}

/** Screens only for holders of one of these capabilities: anyone else is told so, and nothing loads. */
const GATES: Record<string, WorkspaceCapability[]> = {
  audit: ['audit.read'],
  builder: ['templates.publish'],
  policy: ['workspace.manage'],
  requests: ['subjects.manage', 'retention.run'],
  users: ['users.manage'],
};

/** The screen for a route, and whether it shows customer data (then it carries the watermark). */
function pick(route: Route, session: Session): { page: ReactNode; customerData: boolean } {
  const [first, second, third] = route.segments;
  const gate = GATES[first ?? ''];
  if (gate && !gate.some((capability) => session.can(capability)))
    return { page: <NotForRole />, customerData: false };
  switch (first) {
    case 'due':
      return { page: <DueTodayScreen />, customerData: true };
    case 'records':
      if (second && third)
        return {
          page: <RecordScreen key={`${second}/${third}`} templateId={second} recordId={third} />,
          customerData: true,
        };
      break;
    case 'audit':
      return {
        page: (
          <LazyRoute>
            <AuditScreen recordId={route.query.get('record') ?? undefined} />
          </LazyRoute>
        ),
        customerData: false,
      };
    case 'templates':
      if (second && third === 'processing')
        return {
          page: (
            <LazyRoute>
              <ProcessingRecordScreen templateId={second} />
            </LazyRoute>
          ),
          customerData: false,
        };
      return {
        page: (
          <LazyRoute>
            <TemplatesScreen />
          </LazyRoute>
        ),
        customerData: false,
      };
    case 'exports':
    case 'share':
    case 'trace':
      return {
        page: (
          <LazyRoute>
            <ExportsRoutes segments={route.segments} query={route.query} />
          </LazyRoute>
        ),
        customerData: true,
      };
    case 'account':
      return {
        page: (
          <LazyRoute>
            <AccountScreen />
          </LazyRoute>
        ),
        customerData: false,
      };
    case 'import':
      return { page: <LazyRoute>{<ImportScreen />}</LazyRoute>, customerData: true };
    case 'policy':
      return {
        page: (
          <LazyRoute>
            <PolicyScreen />
          </LazyRoute>
        ),
        customerData: false,
      };
    case 'requests':
      return {
        page: (
          <LazyRoute>
            <ComplianceScreen />
          </LazyRoute>
        ),
        customerData: false,
      };
    case 'users':
      return {
        page: (
          <LazyRoute>
            <UsersScreen />
          </LazyRoute>
        ),
        customerData: false,
      };
    case 'builder':
      return {
        page: (
          <LazyRoute builder>
            <Builder />
          </LazyRoute>
        ),
        customerData: true,
      };
    default:
      break;
  }
  // Someone who reads the audit trail but does not work with customers lands on the audit.
  if (!session.can('records.create') && session.can('audit.read') && first !== 'customers')
    return {
      page: (
        <LazyRoute>
          <AuditScreen />
        </LazyRoute>
      ),
      customerData: false,
    };
  return {
    page: (
      <CustomersScreen
        templateId={route.query.get('template') ?? undefined}
        viewId={route.query.get('view') ?? undefined}
      />
    ),
    customerData: true,
  };
}
