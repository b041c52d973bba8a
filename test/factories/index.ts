/** Test factories: every record written through its domain's real write function. */
export * from './activities.ts';
export * from './chatbots.ts';
export * from './deals.ts';
export * from './documents.ts';
export * from './fields.ts';
export * from './files.ts';
export * from './followers.ts';
export * from './invoices.ts';
export * from './leads.ts';
export * from './notes.ts';
export * from './organizations.ts';
export * from './participants.ts';
export * from './persons.ts';
export * from './pipelines.ts';
export * from './projects.ts';
export * from './tenant.ts';
export * from './web-forms.ts';
