import { Admin, CustomRoutes, Resource } from 'react-admin';
import { Route } from 'react-router-dom';
import { AccountPage } from './account/AccountPage';
import alerts, { alertActions, withAlerts } from './alerts';
import authorities from './authorities';
import { blockedDataRoutes } from './blockedData';
import { authProvider } from './authProvider';
import contactChecks from './contactChecks';
import { dataProvider } from './dataProvider';
import invitations from './invitations';
import { i18nProvider } from './i18n/i18nProvider';
import { LiaisonLayout } from './layout/LiaisonLayout';
import { theme } from './layout/theme';
import { LoginPage } from './login/LoginPage';
import opsAudit from './opsAudit';
import requests, { requestActions } from './requests';
import { HomePage } from './requests/HomePage';
import { countries, languages, legislationAreas, naceCodes, policyAreas, questionSets } from './referenceData';
import workflows from './workflows';

/** The shared data provider with the alert resources. */
const consoleDataProvider = withAlerts(dataProvider);

/**
 * The Liaison console. One folder per resource, each exporting `{ list, show, create?, icon }`.
 * Later resources (users, invitations, requests, alerts) add a <Resource> here and an entry in
 * layout/LiaisonMenu.tsx.
 */
export const App = () => (
  <Admin
    title="Liaison"
    dataProvider={consoleDataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={LoginPage}
    dashboard={HomePage}
    layout={LiaisonLayout}
    theme={theme}
    darkTheme={null}
    requireAuth
    disableTelemetry
  >
    <Resource name="request-actions" {...requestActions} />
    <Resource name="requests" {...requests} />
    <Resource name="alert-actions" {...alertActions} />
    <Resource name="alerts" {...alerts} />
    <Resource name="authorities" {...authorities} />
    <Resource name="invitations" {...invitations} />
    <Resource name="contact-checks" {...contactChecks} />
    <Resource name="workflows" {...workflows} />
    <Resource name="ops-audit" {...opsAudit} />
    <Resource name="countries" {...countries} />
    <Resource name="languages" {...languages} />
    <Resource name="legislation-areas" {...legislationAreas} />
    <Resource name="nace-codes" {...naceCodes} />
    <Resource name="policy-areas" {...policyAreas} />
    <Resource name="question-sets" {...questionSets} />
    <CustomRoutes>
      <Route path="/account" element={<AccountPage />} />
      {blockedDataRoutes}
    </CustomRoutes>
  </Admin>
);
