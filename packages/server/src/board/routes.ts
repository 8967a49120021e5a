import { OpenAPIHono } from '@hono/zod-openapi';
import type { CrmEnv } from '../http/env.js';

/** The pipeline board, stage moves and the funnel report. */
export const boardRoutes = new OpenAPIHono<CrmEnv>();
