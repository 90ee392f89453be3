import { describe, expect, it } from 'vitest';
import { settingsRecordProblem } from '$lib/domain/settings';
import { ruleDraft, ruleFromDraft, splitList } from './routing-settings.svelte';

describe('the skill rule form', () => {
  it('reads comma-separated words trimmed, lowercase and once each', () => {
    expect(splitList(' Finnish, billing ,, FINNISH,')).toEqual(['finnish', 'billing']);
    expect(splitList('')).toEqual([]);
  });

  it('makes a record the update check accepts, and edits it back into the same draft', () => {
    const draft = {
      ...ruleDraft(null),
      name: ' Finnish customers ',
      languages: ['fi' as const],
      tags: 'VIP, vip',
      skills: 'Finnish'
    };
    const record = ruleFromDraft(draft, 3);
    expect(record).toMatchObject({
      kind: 'skill-rule',
      name: 'Finnish customers',
      position: 3,
      when: { languages: ['fi'], tags: ['vip'] },
      skills: ['finnish']
    });
    expect(settingsRecordProblem('routing', record.id, record)).toBeNull();
    expect(ruleDraft(record)).toEqual({
      id: record.id,
      name: 'Finnish customers',
      channels: [],
      languages: ['fi'],
      tags: 'vip',
      skills: 'finnish'
    });
  });

  it('leaves a rule without conditions or skills for the schema to refuse, naming the field', () => {
    const record = ruleFromDraft({ ...ruleDraft(null), name: 'Empty', skills: ' , ' }, 1);
    expect(settingsRecordProblem('routing', record.id, record)).toMatch(
      /^routing\.rule-[a-z0-9]+: when: a rule needs at least one condition$/
    );
  });
});
