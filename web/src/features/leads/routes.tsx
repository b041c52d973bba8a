import { Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';
import { InboxPage } from './inbox-page.tsx';

const RestorePage = lazyNamed(() => import('./restore-page.tsx'), 'RestorePage');
const LeadDetailPage = lazyNamed(() => import('./detail/lead-detail-page.tsx'), 'LeadDetailPage');

/** The routes of this feature (mounted inside the app layout). */
export const leadsRoutes = (
  <>
    <Route path="/leads" element={<InboxPage />} />
    <Route path="/leads/archived" element={<InboxPage archived key="archived" />} />
    <Route path="/leads/restore" element={<RestorePage />} />
    <Route path="/leads/:id" element={<LeadDetailPage />} />
  </>
);
