/**
 * A ticket's server side for convergence tests: each update is checked on a scratch copy (the
 * update check) and by the write guard's authorship rule for its writer, then applied; what is
 * refused is kept in `rejections`.
 */
import * as Y from 'yjs';
import { authorshipProblem } from '../authorship';
import { parseDocName, ticketDocName } from '../doc-names';
import { applyChecked } from '../update-check';
import { REMOTE } from './network';

/** A document with a fixed client id (deterministic merges), optionally holding `state`. */
export function docWithClient(clientID: number, state?: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

export class TicketServer {
  readonly live: Y.Doc;
  readonly rejections: string[] = [];
  accepted = 0;

  constructor(
    readonly ticketId: string,
    creation: Uint8Array
  ) {
    this.live = docWithClient(1, creation);
  }

  receive(update: Uint8Array, writerId: string): void {
    const ref = parseDocName(ticketDocName(this.ticketId));
    if (!ref) throw new Error('bad ref');
    const scratch = docWithClient(2, Y.encodeStateAsUpdate(this.live));
    const verdict = applyChecked(scratch, ref, update);
    if (!verdict.ok) {
      this.rejections.push(`${writerId}: ${verdict.reason} (${verdict.detail})`);
      return;
    }
    const forged = authorshipProblem(this.live, scratch, writerId);
    if (forged) {
      this.rejections.push(`${writerId}: ${forged}`);
      return;
    }
    Y.applyUpdate(this.live, update, REMOTE);
    this.accepted++;
  }
}
