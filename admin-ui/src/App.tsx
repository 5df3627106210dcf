import { Admin, Resource } from 'react-admin';
import { authProvider } from './authProvider';
import contactChecks from './contactChecks';
import { Dashboard } from './dashboard/Dashboard';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { LiaisonLayout } from './layout/LiaisonLayout';
import { theme } from './layout/theme';
import { TokenLoginPage } from './login/TokenLoginPage';
import opsAudit from './opsAudit';
import workflows from './workflows';

/**
 * The Liaison console. One folder per resource, each exporting `{ list, show, create?, icon }`.
 * Later resources (authorities, users, invitations, requests, alerts) add a <Resource> here and
 * an entry in layout/LiaisonMenu.tsx.
 */
export const App = () => (
  <Admin
    title="Liaison"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={TokenLoginPage}
    dashboard={Dashboard}
    layout={LiaisonLayout}
    theme={theme}
    darkTheme={null}
    requireAuth
    disableTelemetry
  >
    <Resource name="contact-checks" {...contactChecks} />
    <Resource name="workflows" {...workflows} />
    <Resource name="ops-audit" {...opsAudit} />
  </Admin>
);
