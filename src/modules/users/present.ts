import { sqlTime } from '../../http/formats.ts';
import type { UserRow } from './service.ts';

/** v1 user object. */
export function presentUser(u: UserRow, youId: number) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    default_currency: u.defaultCurrency,
    locale: u.locale,
    lang: u.lang,
    phone: null,
    activated: u.activeFlag,
    active_flag: u.activeFlag,
    last_login: sqlTime(u.lastLogin),
    created: sqlTime(u.addTime),
    modified: sqlTime(u.updateTime),
    has_created_company: false,
    is_admin: u.isAdmin ? 1 : 0,
    role_id: 1,
    timezone_name: u.timezoneName,
    timezone_offset: '+00:00',
    icon_url: null,
    is_you: u.id === youId,
    access: [{ app: 'sales', admin: u.isAdmin, permission_set_id: u.isAdmin ? 'admin' : 'regular' }],
  };
}
