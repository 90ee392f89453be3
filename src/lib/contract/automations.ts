/**
 * The automations endpoints, written once for the server and the browser. Owners and admins
 * only (`manage-settings`): the rules are theirs, and the test mode reads every ticket's state.
 *
 *   GET  /api/workspaces/<ws>/automations        what the worker knows of each rule: since when
 *                                                it acts, and the error that stopped it (a loop,
 *                                                a missing macro), for the admins to see
 *   POST /api/workspaces/<ws>/automations/test   `{ rule }` (saved or not): which tickets it
 *                                                would touch now, as if its event happened now;
 *                                                nothing is written. A rule that is not valid is
 *                                                refused (400 invalid-request) naming the field.
 */
import { z } from 'zod';
import { TicketStatus } from '../domain/schema';
import { workspacePath } from './endpoints';

export const AUTOMATION_TEST_LIMIT = 50;
/** A rule is at most about 45 KB (two 20,000-character templates and the rest). */
export const AUTOMATION_TEST_MAX_BYTES = 64 * 1024;

export const automationsPath = (workspaceId: string) => workspacePath(workspaceId, '/automations');
export const automationTestPath = (workspaceId: string) =>
  workspacePath(workspaceId, '/automations/test');

export const AutomationRuleStatus = z.object({
  ruleId: z.string(),
  activeSince: z.number(),
  error: z
    .object({
      kind: z.enum(['loop', 'broken']),
      detail: z.string(),
      ticketId: z.string().nullable(),
      at: z.number()
    })
    .nullable()
});
export type AutomationRuleStatus = z.infer<typeof AutomationRuleStatus>;

export const AutomationStatusAnswer = z.object({ rules: z.array(AutomationRuleStatus) });
export type AutomationStatusAnswer = z.infer<typeof AutomationStatusAnswer>;

export const AutomationTestRequest = z.strictObject({ rule: z.unknown() });

export const AutomationTestTicket = z.object({
  ticketId: z.string(),
  number: z.number().nullable(),
  subject: z.string(),
  status: TicketStatus,
  outcome: z.enum(['run', 'loop', 'broken']),
  actions: z.array(z.string())
});
export type AutomationTestTicket = z.infer<typeof AutomationTestTicket>;

export const AutomationTestAnswer = z.object({
  tickets: z.array(AutomationTestTicket).max(AUTOMATION_TEST_LIMIT),
  total: z.number().int().min(0)
});
export type AutomationTestAnswer = z.infer<typeof AutomationTestAnswer>;
