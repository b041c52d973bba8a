import { Navigate, Route } from 'react-router';
import { ApiTokenSection } from './api-token-section.tsx';
import { LabelsSection } from './labels-section.tsx';
import { PipelinesSection } from './pipelines/pipelines-section.tsx';
import { SettingsPage } from './settings-page.tsx';
import { UsersSection } from './users-section.tsx';

/** The routes of this feature (mounted inside the app layout). */
export const settingsRoutes = (
  <Route path="/settings" element={<SettingsPage />}>
    <Route index element={<Navigate to="/settings/pipelines" replace />} />
    <Route path="pipelines" element={<PipelinesSection />} />
    <Route path="labels" element={<LabelsSection />} />
    <Route path="users" element={<UsersSection />} />
    <Route path="api" element={<ApiTokenSection />} />
  </Route>
);
