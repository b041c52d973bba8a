import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * Company settings (pipelines and stages, lead labels, activity types) are changed by admins only,
 * until permission sets exist. Every settings write calls this first; reads stay open to every user.
 */
export function requireAdmin(ctx: Pick<Ctx, 'user'>, what: string): void {
  if (!ctx.user.isAdmin) throw new AppError('forbidden', `Only admins can change ${what}`);
}
