/**
 * How a rune class follows a Yjs document: it re-reads the document into plain data at most
 * once per frame while the watched roots change, and once more when the local copy has loaded.
 */
import type * as Y from 'yjs';
import { cancelFrame, nextFrame } from './schedule';

/** A part of the document (any Yjs type) whose changes, deep ones too, are followed. */
export interface WatchedPart {
  observeDeep(listener: () => void): void;
  unobserveDeep(listener: () => void): void;
}

export interface ProjectionTarget<T> {
  /** Reads the document into plain data. */
  read(doc: Y.Doc): T;
  /** Takes a new reading. */
  set(value: T): void;
  /** Called once, after the reading that follows the local copy's load. */
  loaded(): void;
}

/** Starts following `doc`; the returned function stops it. */
export function followDocument<T>(
  doc: Y.Doc,
  roots: readonly WatchedPart[],
  whenLoaded: Promise<void>,
  target: ProjectionTarget<T>
): () => void {
  let frame: number | null = null;
  let stopped = false;
  const refresh = () => {
    frame = null;
    if (!stopped) target.set(target.read(doc));
  };
  const onChange = () => {
    if (frame === null) frame = nextFrame(refresh);
  };
  for (const root of roots) root.observeDeep(onChange);
  target.set(target.read(doc));
  void whenLoaded.then(() => {
    if (stopped) return;
    refresh();
    target.loaded();
  });
  return () => {
    stopped = true;
    for (const root of roots) root.unobserveDeep(onChange);
    if (frame !== null) cancelFrame(frame);
  };
}
