import { Route } from 'react-router';
import { Placeholder } from './features/placeholder.tsx';

/**
 * The pages of the app, one feature folder each. Feature owners replace their placeholders here.
 */
export const appRoutes = (
  <>
    <Route path="/leads" element={<Placeholder title="Leads Inbox" />} />
    <Route path="/deals" element={<Placeholder title="Deals" />} />
    <Route path="/contacts" element={<Placeholder title="Contacts" />} />
    <Route path="/settings" element={<Placeholder title="Settings" />} />
  </>
);
