import { chatbotsRoutes } from './features/chatbots/routes.tsx';
import { contactsRoutes } from './features/contacts/routes.tsx';
import { dealsRoutes } from './features/deals/routes.tsx';
import { leadsRoutes } from './features/leads/routes.tsx';
import { productsRoutes } from './features/products/routes.tsx';
import { projectsRoutes } from './features/projects/routes.tsx';
import { settingsRoutes } from './features/settings/routes.tsx';
import { webFormsRoutes } from './features/web-forms/routes.tsx';

/** The pages of the app: each feature folder owns its routes. */
export const appRoutes = (
  <>
    {leadsRoutes}
    {webFormsRoutes}
    {chatbotsRoutes}
    {dealsRoutes}
    {contactsRoutes}
    {productsRoutes}
    {projectsRoutes}
    {settingsRoutes}
  </>
);
