import { Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';

const WebFormsPage = lazyNamed(() => import('./web-forms-page.tsx'), 'WebFormsPage');

/** Leads → Web forms (a static path: it wins over /leads/:id). */
export const webFormsRoutes = <Route path="/leads/web-forms" element={<WebFormsPage />} />;
