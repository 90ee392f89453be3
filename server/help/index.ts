/**
 * The help module's entry for the composition root: its store on the shared database and the
 * help centre following the documents (`help-centre.ts`).
 */
import type { SqliteDatabase } from '../db/database.ts';
import { HelpCentre, type HelpCentreDeps } from './help-centre.ts';
import { HelpStore } from './store.ts';

export { HelpCentre, DEFAULT_HELP_LIMITS, type HelpLimits } from './help-centre.ts';
export { helpSchema, HelpStore } from './store.ts';
export type { FormTokenTimes } from './form-token.ts';

export function startHelpCentre(
  deps: Omit<HelpCentreDeps, 'store'> & { database: SqliteDatabase }
): HelpCentre {
  const { database, ...rest } = deps;
  const centre = new HelpCentre({ ...rest, store: new HelpStore(database) });
  centre.start();
  return centre;
}
