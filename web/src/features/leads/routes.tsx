import { Route } from 'react-router';
import { LeadDetailPage } from './detail/lead-detail-page.tsx';
import { InboxPage } from './inbox-page.tsx';
import { RestorePage } from './restore-page.tsx';

/** The routes of this feature (mounted inside the app layout). */
export const leadsRoutes = (
  <>
    <Route path="/leads" element={<InboxPage />} />
    <Route path="/leads/archived" element={<InboxPage archived key="archived" />} />
    <Route path="/leads/restore" element={<RestorePage />} />
    <Route path="/leads/:id" element={<LeadDetailPage />} />
  </>
);
