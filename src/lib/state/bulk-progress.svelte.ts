/** How far the running bulk action has got, for the bar's progress (`bulk-actions.ts`). */
export class BulkProgress {
  #done = $state(0);
  #total = $state(0);
  #running = $state(false);

  get done(): number {
    return this.#done;
  }
  get total(): number {
    return this.#total;
  }
  get running(): boolean {
    return this.#running;
  }

  start(total: number): void {
    this.#total = total;
    this.#done = 0;
    this.#running = true;
  }
  advance(by: number): void {
    this.#done = Math.min(this.#total, this.#done + by);
  }
  finish(): void {
    this.#running = false;
  }
  reset(): void {
    this.#done = 0;
    this.#total = 0;
    this.#running = false;
  }
}
