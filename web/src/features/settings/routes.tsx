import { Route } from 'react-router';
import { Placeholder } from '../placeholder.tsx';

/** The routes of this feature (mounted inside the app layout). */
export const settingsRoutes = <Route path="/settings" element={<Placeholder title="Settings" />} />;
