/**
 * CSAT % and NPS of one trend point, from its counts, by the metrics' own definitions
 * (`metrics.ts`: `csatOfCounts`, `npsOfCounts`); `null` where nobody answered.
 */
import { csatOfCounts, npsOfCounts } from '$lib/domain/metrics';
import type { ReportView } from '$lib/contract/reports';

type Point = ReportView['trend'][number];

export const csatPercentOf = (p: Point): number | null =>
  csatOfCounts({ rated: p.csatRated, good: p.csatGood, sent: p.csatRated }).percent;

export const npsOf = (p: Point): number | null =>
  npsOfCounts({ answers: p.npsAnswers, promoters: p.npsPromoters, detractors: p.npsDetractors })
    .score;
