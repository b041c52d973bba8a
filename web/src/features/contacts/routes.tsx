import { Route } from 'react-router';
import { Placeholder } from '../placeholder.tsx';

/** The routes of this feature (mounted inside the app layout). */
export const contactsRoutes = <Route path="/contacts" element={<Placeholder title="Contacts" />} />;
