/**
 * The automations endpoints' service (`src/lib/server/automation-services.ts`): the rules'
 * states for the admins, and the test mode, which validates the rule it is given exactly as the
 * settings' update check would (`automationProblem`, naming the field) before asking the
 * worker which tickets it would touch.
 */
import { AutomationRuleRecord, automationProblem } from '../../src/lib/domain/automation.ts';
import {
  AUTOMATION_TEST_LIMIT,
  AutomationTestRequest,
  type AutomationStatusAnswer,
  type AutomationTestAnswer
} from '../../src/lib/contract/automations.ts';
import { errorBody } from '../../src/lib/contract/errors.ts';
import type { AutomationServices } from '../../src/lib/server/automation-services.ts';
import type { AutomationWorker } from '../workers/automations.ts';

export function createAutomationServices(worker: AutomationWorker): AutomationServices {
  return {
    async status(workspaceId) {
      const body: AutomationStatusAnswer = { rules: worker.ruleStates(workspaceId) };
      return { status: 200, body };
    },
    async test(workspaceId, value) {
      const request = AutomationTestRequest.safeParse(value);
      if (!request.success) {
        return { status: 400, body: errorBody('invalid-request', 'Send { "rule": … }.') };
      }
      const problem = automationProblem(request.data.rule);
      if (problem) return { status: 400, body: errorBody('invalid-request', `rule.${problem}`) };
      const rule = AutomationRuleRecord.parse(request.data.rule);
      const body: AutomationTestAnswer = worker.preview(workspaceId, rule, AUTOMATION_TEST_LIMIT);
      return { status: 200, body };
    }
  };
}
