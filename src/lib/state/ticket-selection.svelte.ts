/**
 * The tickets a member has selected on a list or the board, for a bulk action.
 *
 * Plain ids, nothing else: what a bulk action acts on is the selection intersected with the
 * tickets the page shows now (`inOrder`), so a ticket that left the view (a colleague solved
 * it, the filter changed) is never acted on unseen. A range (shift-click, Shift+X) runs from the
 * last ticket toggled to this one in the page's order, and sets them all to this one's new
 * state, as mail clients do.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- each set is built, then stored whole in
   `$state.raw` and never changed after: the state is the reference, not the set's contents. */
export class TicketSelection {
  #ids = $state.raw<ReadonlySet<string>>(new Set());
  /** On a phone the checkboxes show only in select mode. */
  #selecting = $state(false);
  /** The last ticket toggled, where a range starts. Plain: nothing renders from it. */
  #anchor: string | null = null;

  get ids(): ReadonlySet<string> {
    return this.#ids;
  }

  get selecting(): boolean {
    return this.#selecting || this.#ids.size > 0;
  }

  set selecting(on: boolean) {
    this.#selecting = on;
    if (!on) this.clear();
  }

  has(id: string): boolean {
    return this.#ids.has(id);
  }

  /** The selected tickets among `order` (the page's tickets), in that order. */
  inOrder(order: readonly string[]): string[] {
    const ids = this.#ids;
    if (ids.size === 0) return [];
    return order.filter((id) => ids.has(id));
  }

  /**
   * Toggles `id`; with `range`, every ticket from the last one toggled to this one (in
   * `order`) takes this one's new state.
   */
  toggle(id: string, order: readonly string[], range = false): void {
    const next = new Set(this.#ids);
    const on = !next.has(id);
    const from = range && this.#anchor !== null ? order.indexOf(this.#anchor) : -1;
    const to = order.indexOf(id);
    if (from !== -1 && to !== -1) {
      const [a, b] = from < to ? [from, to] : [to, from];
      for (const other of order.slice(a, b + 1)) {
        if (on) next.add(other);
        else next.delete(other);
      }
    } else if (on) next.add(id);
    else next.delete(id);
    this.#anchor = id;
    this.#ids = next;
  }

  /** Selects these (the header's checkbox, "select all N in this list"). */
  selectAll(ids: readonly string[]): void {
    this.#ids = new Set([...this.#ids, ...ids]);
  }

  /** Unselects these. */
  unselect(ids: readonly string[]): void {
    const next = new Set(this.#ids);
    for (const id of ids) next.delete(id);
    this.#ids = next;
  }

  clear(): void {
    this.#ids = new Set();
    this.#anchor = null;
  }

  reset(): void {
    this.clear();
    this.#selecting = false;
  }
}
