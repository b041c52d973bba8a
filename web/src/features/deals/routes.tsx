import { Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';

const DealPage = lazyNamed(() => import('./detail/deal-page.tsx'), 'DealPage');
const BoardPage = lazyNamed(() => import('./board/board-page.tsx'), 'BoardPage');

/** The routes of this feature (mounted inside the app layout): the pipeline board and a deal's page. */
export const dealsRoutes = (
  <>
    <Route path="/deals" element={<BoardPage />} />
    <Route path="/deals/:id" element={<DealPage />} />
  </>
);
