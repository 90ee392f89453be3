/**
 * The member's own views and macros (the index's `personal` root, `domain/saved-view.ts`) as
 * plain data, and the writes the view editor makes: a personal view into the index, a team
 * view into the settings document (owners and admins). Both documents are local first, so
 * saving, renaming and deleting work offline and sync when back.
 */
import type * as Y from 'yjs';
import {
  PERSONAL_ROOT,
  compareViews,
  putPersonalRecord,
  readPersonal,
  removePersonalRecord,
  type PersonalRecords,
  SavedViewRecord
} from '$lib/domain/saved-view';
import { putRecordOf, removeSettingsRecord } from '$lib/domain/settings';
import { newId } from '$lib/domain/ids';

const NONE: PersonalRecords = { views: [], macros: [] };

export class PersonalRecordsView {
  #records = $state.raw<PersonalRecords>(NONE);

  get views(): readonly SavedViewRecord[] {
    return this.#records.views;
  }

  get macros(): PersonalRecords['macros'] {
    return this.#records.macros;
  }

  /** Projects `memberId`'s records in `index` until the returned cleanup runs. */
  connect(index: Y.Doc, memberId: string): () => void {
    const map = index.getMap(PERSONAL_ROOT);
    const refresh = () => (this.#records = readPersonal(index, memberId));
    refresh();
    map.observe(refresh);
    return () => map.unobserve(refresh);
  }

  reset(): void {
    this.#records = NONE;
  }
}

/** Where a view is kept: the team's (settings) or the member's own (index). */
export type ViewScope = 'team' | 'mine';

/** A view's address in the app: `team-<id>` or `mine-<id>`. */
export function viewSlug(scope: ViewScope, id: string): string {
  return `${scope}-${id}`;
}

export function parseViewSlug(slug: string): { scope: ViewScope; id: string } | null {
  const match = /^(team|mine)-([a-z0-9-]+)$/.exec(slug);
  return match ? { scope: match[1] as ViewScope, id: match[2]! } : null;
}

export function findView(
  slug: string,
  team: readonly SavedViewRecord[],
  mine: readonly SavedViewRecord[]
): { scope: ViewScope; view: SavedViewRecord } | null {
  const parsed = parseViewSlug(slug);
  if (!parsed) return null;
  const view = (parsed.scope === 'team' ? team : mine).find((v) => v.id === parsed.id);
  return view ? { scope: parsed.scope, view } : null;
}

export function newViewId(): string {
  return `v-${newId().slice(0, 12)}`;
}

export interface ViewDocs {
  index: Y.Doc | null;
  settings: Y.Doc | null;
  memberId: string;
}

/**
 * Saves `view` where `scope` says, removing it from the other place when it moved (shared to
 * the team, or taken back). Returns why it was refused (naming the field), or `null`.
 */
export function saveView(
  docs: ViewDocs,
  view: SavedViewRecord,
  scope: ViewScope,
  from: ViewScope | null
): string | null {
  const problem =
    scope === 'team'
      ? docs.settings
        ? putRecordOf(docs.settings, 'views', SavedViewRecord, view)
        : 'settings: not loaded'
      : docs.index
        ? putPersonalRecord(docs.index, docs.memberId, { kind: 'view', view })
        : 'index: not loaded';
  if (problem) return problem;
  if (from && from !== scope) deleteView(docs, view.id, from);
  return null;
}

export function deleteView(docs: ViewDocs, id: string, scope: ViewScope): boolean {
  if (scope === 'team')
    return docs.settings ? removeSettingsRecord(docs.settings, 'views', id) : false;
  return docs.index ? removePersonalRecord(docs.index, docs.memberId, id) : false;
}

/** The team's views then the member's own, each in their order, for the navigation. */
export function navViews(
  team: readonly SavedViewRecord[],
  mine: readonly SavedViewRecord[]
): { scope: ViewScope; view: SavedViewRecord }[] {
  return [
    ...[...team].sort(compareViews).map((view) => ({ scope: 'team' as const, view })),
    ...[...mine].sort(compareViews).map((view) => ({ scope: 'mine' as const, view }))
  ];
}
