import { Navigate, Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';

const UsersSection = lazyNamed(() => import('./users-section.tsx'), 'UsersSection');
const SettingsPage = lazyNamed(() => import('./settings-page.tsx'), 'SettingsPage');
const PipelinesSection = lazyNamed(() => import('./pipelines/pipelines-section.tsx'), 'PipelinesSection');
const LabelsSection = lazyNamed(() => import('./labels-section.tsx'), 'LabelsSection');
const DataFieldsSection = lazyNamed(() => import('./fields/data-fields-section.tsx'), 'DataFieldsSection');
const ProfileSection = lazyNamed(() => import('./profile-section.tsx'), 'ProfileSection');
const InvoicingSection = lazyNamed(() => import('./invoicing-section.tsx'), 'InvoicingSection');
const TemplatesSection = lazyNamed(() => import('../documents/templates-section.tsx'), 'TemplatesSection');
const ApiTokenSection = lazyNamed(() => import('./api-token-section.tsx'), 'ApiTokenSection');

/** The routes of this feature (mounted inside the app layout). */
export const settingsRoutes = (
  <Route path="/settings" element={<SettingsPage />}>
    <Route index element={<Navigate to="/settings/pipelines" replace />} />
    <Route path="pipelines" element={<PipelinesSection />} />
    <Route path="labels" element={<LabelsSection />} />
    <Route path="fields" element={<DataFieldsSection />} />
    <Route path="users" element={<UsersSection />} />
    <Route path="api" element={<ApiTokenSection />} />
    <Route path="profile" element={<ProfileSection />} />
    <Route path="invoicing" element={<InvoicingSection />} />
    <Route path="documents" element={<TemplatesSection />} />
  </Route>
);
