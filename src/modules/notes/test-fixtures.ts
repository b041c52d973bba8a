// The notes tests link to records inserted directly (test/helpers/records.ts).
export { insertDeal, insertLead, insertOrganization, insertPerson } from '../../../test/helpers/records.ts';
