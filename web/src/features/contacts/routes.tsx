import { Navigate, Route } from 'react-router';
import { lazyNamed } from '../../components/lazy.ts';

const PersonPage = lazyNamed(() => import('./contact-kinds.tsx'), 'PersonPage');
const PeopleList = lazyNamed(() => import('./people-list.tsx'), 'PeopleList');
const OrganizationsList = lazyNamed(() => import('./organizations-list.tsx'), 'OrganizationsList');
const OrganizationPage = lazyNamed(() => import('./contact-kinds.tsx'), 'OrganizationPage');
const DuplicatesPage = lazyNamed(() => import('./duplicates-page.tsx'), 'DuplicatesPage');
const ContactsPage = lazyNamed(() => import('./contacts-page.tsx'), 'ContactsPage');

/** The routes of this feature (mounted inside the app layout). */
export const contactsRoutes = (
  <>
    <Route path="/contacts" element={<ContactsPage />}>
      <Route index element={<Navigate to="/contacts/people" replace />} />
      <Route path="people" element={<PeopleList />} />
      <Route path="organizations" element={<OrganizationsList />} />
      <Route path="duplicates" element={<DuplicatesPage />} />
    </Route>
    <Route path="/contacts/people/:id" element={<PersonPage />} />
    <Route path="/contacts/organizations/:id" element={<OrganizationPage />} />
  </>
);
