/**
 * The progress of a mail import, as the server reports it and the upload page shows it.
 * Parsed with the schema in the browser: it crosses the HTTP boundary.
 */
import { z } from 'zod';

const Count = z.number().int().min(0);

export const ImportProgress = z.object({
  total: Count,
  done: Count,
  created: Count,
  appended: Count,
  duplicates: Count,
  ignored: Count,
  failed: Count,
  closed: Count,
  finished: z.boolean(),
  error: z.string().nullable()
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** The progress of an import that has not started yet. */
export function startingProgress(total: number): ImportProgress {
  return {
    total,
    done: 0,
    created: 0,
    appended: 0,
    duplicates: 0,
    ignored: 0,
    failed: 0,
    closed: 0,
    finished: false,
    error: null
  };
}
