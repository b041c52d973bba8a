import { Navigate, Route } from 'react-router';
import { ContactsPage } from './contacts-page.tsx';
import { OrganizationPage } from './organization-page.tsx';
import { OrganizationsList } from './organizations-list.tsx';
import { PeopleList } from './people-list.tsx';
import { PersonPage } from './person-page.tsx';

/** The routes of this feature (mounted inside the app layout). */
export const contactsRoutes = (
  <>
    <Route path="/contacts" element={<ContactsPage />}>
      <Route index element={<Navigate to="/contacts/people" replace />} />
      <Route path="people" element={<PeopleList />} />
      <Route path="organizations" element={<OrganizationsList />} />
    </Route>
    <Route path="/contacts/people/:id" element={<PersonPage />} />
    <Route path="/contacts/organizations/:id" element={<OrganizationPage />} />
  </>
);
