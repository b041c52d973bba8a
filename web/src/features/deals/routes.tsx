import { Route } from 'react-router';
import { BoardPage } from './board/board-page.tsx';
import { DealPage } from './detail/deal-page.tsx';

/** The routes of this feature (mounted inside the app layout): the pipeline board and a deal's page. */
export const dealsRoutes = (
  <>
    <Route path="/deals" element={<BoardPage />} />
    <Route path="/deals/:id" element={<DealPage />} />
  </>
);
