import { z } from 'zod';

/** v1 user object, as presentUser makes it (documented so that the web app's types come from here). */
export const User = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    default_currency: z.string(),
    locale: z.string(),
    lang: z.number().int(),
    phone: z.null(),
    activated: z.boolean(),
    active_flag: z.boolean(),
    last_login: z.string().nullable(),
    created: z.string().nullable(),
    modified: z.string().nullable(),
    has_created_company: z.boolean(),
    is_admin: z.number().int(),
    role_id: z.number().int(),
    timezone_name: z.string(),
    timezone_offset: z.string(),
    icon_url: z.null(),
    is_you: z.boolean(),
    access: z.array(z.object({ app: z.string(), admin: z.boolean(), permission_set_id: z.string() })),
  })
  .meta({ id: 'User' });
