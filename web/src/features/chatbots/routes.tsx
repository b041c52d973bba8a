import { Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';

const ChatbotsPage = lazyNamed(() => import('./chatbots-page.tsx'), 'ChatbotsPage');

/** Leads → Chatbot (a static path: it wins over /leads/:id). */
export const chatbotsRoutes = <Route path="/leads/chatbot" element={<ChatbotsPage />} />;
