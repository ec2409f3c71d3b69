import type { components } from '../api/schema';

type Schemas = components['schemas'];
/**
 * GET /api/statistics?year= (secretary, head, auditor, admin): the year's figures for the annual rule-of-law report
 * (法治政府建设情况报告), computed from the trail, each with the decisions behind it. Generated from the API's
 * OpenAPI document (npm run openapi:snapshot); the API's own type is libs/archive's AnnualStatistics.
 */
export type AnnualStatistics = Schemas['AnnualStatistics'];
export type Figure = Schemas['StatisticsFigure'];
export type Breakdown = Schemas['StatisticsBreakdown'];
