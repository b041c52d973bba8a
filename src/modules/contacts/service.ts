/**
 * The contacts domain: persons and organizations (spec §7, §8). Other modules use these functions;
 * the existence checks and names they need for references are in refs.ts.
 */
export {
  addOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  type OrganizationRow,
  updateOrganization,
} from './organizations.ts';
export {
  addPerson,
  deletePerson,
  getPerson,
  listPersons,
  type PersonRow,
  splitName,
  updatePerson,
} from './persons.ts';
export { presentOrganization, presentPerson } from './present.ts';
