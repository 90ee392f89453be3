/**
 * The seam between SvelteKit's endpoints and Baton's automations worker
 * (`server/workers/automations.ts`), registered like `archive-services.ts`. The endpoints
 * authorize first (`authorizeWorkspace`, `manage-settings`); the service answers that
 * workspace only.
 */
import { serviceSlot } from './service-slot';

export interface AutomationResult {
  status: number;
  body: unknown;
}

export interface AutomationServices {
  status(workspaceId: string): Promise<AutomationResult>;
  /** `body`: the request's JSON as it came (validated by the service). */
  test(workspaceId: string, body: unknown): Promise<AutomationResult>;
}

const slot = serviceSlot<AutomationServices>('automation-services', 'automation services');
export const registerAutomationServices = slot.register;
export const getAutomationServices = slot.get;

/** A service's answer as the endpoint's response (never cached). */
export function automationResponse(result: AutomationResult): Response {
  return new Response(JSON.stringify(result.body), {
    status: result.status,
    headers: { 'cache-control': 'no-store', 'content-type': 'application/json' }
  });
}
