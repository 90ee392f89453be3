/**
 * Focus helpers: after an action or a route change focus must land somewhere sensible, never
 * on `<body>` (where a keyboard user has to start over from the top of the page).
 */

/** Whether nothing in particular has the focus (the page, or an element that went away). */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/** Focuses an element that may not be focusable by itself (a heading). */
export function focusElement(el: HTMLElement): void {
  if (!el.matches('a[href], button, input, select, textarea, [tabindex]')) {
    el.setAttribute('tabindex', '-1');
  }
  el.focus();
  el.scrollIntoView({ block: 'nearest' });
}

/**
 * Waits (up to `timeoutMs`, a frame at a time) for `find` to return an element, then
 * focuses it — unless `onlyIfLost` and the user has put the focus somewhere meanwhile.
 * Returns the cancel function.
 */
export function focusWhenReady(
  find: () => HTMLElement | null,
  options: { onlyIfLost?: boolean; timeoutMs?: number } = {}
): () => void {
  const deadline = performance.now() + (options.timeoutMs ?? 3000);
  let frame = 0;
  const attempt = () => {
    if (options.onlyIfLost && !focusIsLost()) return;
    const el = find();
    if (el) {
      focusElement(el);
      return;
    }
    if (performance.now() < deadline) frame = requestAnimationFrame(attempt);
  };
  attempt();
  return () => cancelAnimationFrame(frame);
}

/** The page's title (a route marks it `data-page-title`, else its first heading). */
export function pageTitle(): HTMLElement | null {
  return (
    document.querySelector<HTMLElement>('main [data-page-title]') ??
    document.querySelector<HTMLElement>('main h1')
  );
}

/** The focusable list item (card, row) of a ticket on the current page. */
export function ticketItem(ticketId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(
    `main [data-nav-item][data-ticket-id="${CSS.escape(ticketId)}"]`
  );
}
